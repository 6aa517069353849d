"""The till's set-up (`make run` -> scripts/setup-system.sh run) never installs or leaves
enabled the vpcd virtual reader; the test set-up does install it (the tests start it themselves,
on loopback)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "setup-system.sh"
VPCD_ENTRY = (
    'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:35963\n'
    "LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
)


def run_script(*args: str, root: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if root is not None:
        env["LOYALTY_SETUP_ROOT"] = str(root)
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=900, env=env, check=True)


def test_run_set_up_never_installs_the_virtual_reader() -> None:
    run_pkgs = run_script("--print", "run").stdout.split()
    test_pkgs = run_script("--print", "test").stdout.split()
    assert "pcscd" in run_pkgs and "vsmartcard-vpcd" not in run_pkgs
    assert "vsmartcard-vpcd" in test_pkgs and set(run_pkgs) <= set(test_pkgs)


def test_run_set_up_disables_debians_vpcd_entry(tmp_path: Path) -> None:
    conf = tmp_path / "etc" / "reader.conf.d"
    conf.mkdir(parents=True)
    (conf / "vpcd").write_text(VPCD_ENTRY)
    (conf / "acr122").write_text('FRIENDLYNAME "ACR"\nLIBPATH /usr/lib/libacr.so\n')
    run_script("run", root=tmp_path)
    assert sorted(p.name for p in conf.iterdir()) == ["acr122"]
    assert not any("libifdvpcd" in p.read_text() for p in conf.iterdir())
    assert (tmp_path / "etc" / "reader.conf.d.disabled" / "vpcd").read_text() == VPCD_ENTRY


def test_test_set_up_leaves_reader_configuration_alone(tmp_path: Path) -> None:
    conf = tmp_path / "etc" / "reader.conf.d"
    conf.mkdir(parents=True)
    (conf / "vpcd").write_text(VPCD_ENTRY)
    run_script("test", root=tmp_path)
    assert (conf / "vpcd").exists()


def test_makefile_run_uses_the_run_set_up_only() -> None:
    text = (ROOT / "Makefile").read_text()
    assert "setup-system.sh run" in text
    run_rule = text.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "$(STAMP)" in run_rule and "TEST_STAMP" not in run_rule
    stamp_rule = text.split("\n$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert ".system-run" in stamp_rule and "[test]" not in stamp_rule


def _listening_in_namespace_of(pid: int) -> str:
    return subprocess.run(
        ["nsenter", f"--net=/proc/{pid}/ns/net", "ss", "-ltnH"],
        capture_output=True, text=True, timeout=10, check=True,
    ).stdout


def _pcscd_listens(conf: Path, port: int) -> bool:
    """Start pcscd with `conf` in a network namespace of its own (so even Debian's vpcd entry
    is exposed to nobody), and say whether anything listens on `port` there."""
    import time

    from tests.hardware.pcscd import RUN_DIR

    proc = subprocess.Popen(
        ["unshare", "--net", "sh", "-c", f"ip link set lo up && exec pcscd --foreground -c '{conf}'"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"pcscd exited ({proc.returncode})")
            if f":{port} " in _listening_in_namespace_of(proc.pid):
                return True
            time.sleep(0.1)
        return False
    finally:
        proc.terminate()
        proc.wait(10)
        for stale in RUN_DIR.glob("pcscd.*"):
            stale.unlink(missing_ok=True)


@pytest.mark.pcsc
def test_after_the_run_set_up_no_reader_daemon_listens(tmp_path: Path, pcscd_session: Any) -> None:
    """Debian's vpcd entry makes pcscd listen on a TCP port; after the run set-up, the same
    pcscd configuration listens on nothing."""
    from tests.hardware.pcscd import find_free_port_pairs

    pcscd_session.stop()  # one pcscd per machine; the `pcscd` fixture restarts it for others
    port = find_free_port_pairs(1)[0]
    conf = tmp_path / "etc" / "reader.conf.d"
    conf.mkdir(parents=True)
    (conf / "vpcd").write_text(VPCD_ENTRY.replace("35963", str(port)))
    assert _pcscd_listens(conf, port)  # the check can fail: with the entry, vpcd listens
    run_script("run", root=tmp_path)
    assert not _pcscd_listens(conf, port)
