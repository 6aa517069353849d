"""The till's set-up (`make run` -> scripts/setup-system.sh run) never installs or leaves
enabled the vpcd virtual reader; the test set-up does install it (the tests start it themselves,
on loopback)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

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
