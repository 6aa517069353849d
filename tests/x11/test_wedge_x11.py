"""A keyboard-wedge swipe typed with real X key events (issue 14).

Xvfb on a free display, openbox as the window manager, the till's WedgeFilter in a window of
its own process (wedge_window.py), and `xdotool type`, which presses Shift for `%`, `^` and `?`
exactly as a USB wedge reader's HID reports do. The swipe must be decoded as a card and never
be typed into the focused field; a person typing the same characters slowly must see them.

Needs Xvfb, xdotool and openbox (scripts/setup-system.sh installs them). When they are
missing the test installs them through that script as root on Debian, and is skipped only
where it may not (not root, not Debian). CI is root on Debian: there it always runs.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hardware.cardnumbers import CardNumbering

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "openbox")
NUMBERING = CardNumbering()
OURS = NUMBERING.make("member", 8642).number
SWIPE = f"%B{OURS}^TRAN/THI B^2901101?;{OURS}=2901101?"
TIMEOUT = 20.0
# xdotool is a process that a loaded machine can pause for a few tens of milliseconds in the
# middle of a track, which a hardware reader never is: the window allows 60 ms between keys.
# The default 30 ms is exercised with exact timings in tests/hardware and tests/app; what this
# test adds is real X events (Shift, release order, key codes), not the timing threshold.
MAX_GAP_MS = 60


def _tools_ready() -> bool:
    if all(shutil.which(t) for t in TOOLS):
        return True
    if os.geteuid() != 0 or not Path("/etc/debian_version").exists():
        pytest.skip("Xvfb/xdotool/openbox missing and not root on Debian: cannot install them")
    subprocess.run(["bash", str(ROOT / "scripts" / "setup-system.sh")], check=True, timeout=900)
    missing = [t for t in TOOLS if not shutil.which(t)]
    assert missing == [], f"scripts/setup-system.sh did not install {missing}"
    return True


def _stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="module")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A private X server (Xvfb picks a free display itself) with openbox running on it."""
    _tools_ready()
    home = tmp_path_factory.mktemp("x11")
    read_fd, write_fd = os.pipe()
    with (home / "xvfb.log").open("wb") as log:
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24"]
            + ["-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + TIMEOUT
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], 0.5)
        if ready:
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
    os.close(read_fd)
    if not number.strip().isdigit():
        _stop(xvfb)
        pytest.fail(f"Xvfb did not start: {(home / 'xvfb.log').read_text(errors='replace')}")
    env = dict(os.environ)
    env.update(
        DISPLAY=f":{number.decode().strip()}",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        QT_QPA_PLATFORM="xcb",
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("XAUTHORITY", None)
    with (home / "wm.log").open("wb") as log:
        wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        _wait_for(lambda: _xdotool(env, "getdisplaygeometry").returncode == 0, "the X server")
        yield env
    finally:
        _stop(wm)
        _stop(xvfb)


def _xdotool(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=TIMEOUT
    )


def _wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


class Window:
    """A program on the display reporting JSON lines on stdout, collected on a thread."""

    def __init__(self, env: dict[str, str], args: list[str], log: Path) -> None:
        self.env = env
        self.log = log
        with log.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, *args],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                self.lines.put(json.loads(line))
            except ValueError:
                continue

    def wait_for(self, match: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        for old in self.seen:
            if match(old):
                return old
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                message = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    err = self.log.read_text(errors="replace")[-3000:]
                    pytest.fail(f"the program exited while waiting for {what}: {err}")
                continue
            self.seen.append(message)
            if match(message):
                return message
        pytest.fail(f"timed out waiting for {what}; saw {self.seen}")

    def settle(self, seconds: float = 0.3) -> None:
        """Collect what arrives in the next moment (held keys given back after the gap)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self.seen.append(self.lines.get(timeout=left))
            except queue.Empty:
                pass

    def type(self, text: str, delay_ms: int) -> None:
        done = _xdotool(self.env, "type", "--delay", str(delay_ms), text)
        assert done.returncode == 0, done.stderr

    def texts(self) -> list[str]:
        return [m["text"] for m in self.seen if "text" in m]

    def events(self) -> list[dict[str, Any]]:
        return [m for m in self.seen if "event" in m]

    def close(self) -> None:
        _stop(self.proc)
        self._reader.join(5)  # the pipe ends with the process
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def window(display: dict[str, str], tmp_path: Path) -> Iterator[Window]:
    """wedge_window.py: one focused field and the till's WedgeFilter."""
    title = f"wedge-test-{uuid.uuid4().hex[:8]}"
    script = str(Path(__file__).with_name("wedge_window.py"))
    w = Window(display, [script, title, str(MAX_GAP_MS)], tmp_path / "window.log")
    try:
        w.wait_for(lambda m: m.get("ready") is True, "the window to have the focus")
        yield w
    finally:
        w.close()


@pytest.fixture
def till(display: dict[str, str], tmp_path: Path) -> Iterator[Window]:
    """The cashier program itself (`app.main --demo --demo-login`) under till_probe.py, at the
    counter with the card/phone search field focused, as a cashier leaves it between sales."""
    probe = str(Path(__file__).with_name("till_probe.py"))
    db = str(tmp_path / "till.sqlite3")
    args = [probe, "--demo", "--db", db, "--demo-login", "--lang", "en"]
    w = Window(display, args, tmp_path / "till.log")
    try:
        w.wait_for(lambda m: m.get("page") == "counter", "the counter page")
        w.wait_for(lambda m: m.get("lookup_focused") is True, "the search field's focus")
        yield w
    finally:
        w.close()


def test_xdotool_swipe_with_shift_is_a_card_not_text(window: Window) -> None:
    window.type(SWIPE + "\n", delay_ms=4)  # a wedge reader: a few ms a key, then Enter
    card = window.wait_for(lambda m: m.get("event") == "card", "the swipe's card event")
    window.settle()
    assert card == {"event": "card", "card": OURS, "source": "keyboard-wedge"}
    assert window.events() == [card]
    assert window.texts() == []  # not one character reached the focused field
    shifted = sum(ch in "%^?BTRANHI" for ch in SWIPE)
    assert sum(1 for m in window.seen if m.get("shift")) >= shifted  # real Shift presses


def test_slower_xdotool_swipe_is_still_a_card(window: Window) -> None:
    window.type(SWIPE + "\n", delay_ms=12)  # xdotool's own default pace
    window.wait_for(lambda m: m.get("event") == "card", "the swipe's card event")
    window.settle()
    assert window.texts() == []


def test_bad_read_is_an_error_not_text(window: Window) -> None:
    window.type("%E?;E?\n", delay_ms=4)
    error = window.wait_for(lambda m: m.get("event") == "error", "the read error")
    window.settle()
    assert error["code"] == "read_error" and window.texts() == []


def test_person_typing_the_same_characters_sees_them(window: Window) -> None:
    window.type("%50?", delay_ms=250)  # a cashier, not a reader
    window.wait_for(lambda m: m.get("text") == "%50?", "the typed text in the field")
    window.settle()
    assert window.events() == []


def test_cashier_program_takes_an_xdotool_swipe_as_a_card(till: Window) -> None:
    """The real program, its own reader set-up (default 30 ms gap), a demo card swiped with
    Shift into the focused search field: the counter shows that customer, the field stays empty."""
    cards = till.wait_for(lambda m: bool(m.get("cards")), "the demo cards")["cards"]
    gold = cards["gold"]
    till.type(f"%B{gold}^NGUYEN/VAN AN^2901101?;{gold}=2901101?\n", delay_ms=4)
    till.wait_for(lambda m: m.get("customer") == gold, "the swiped customer on the counter")
    till.settle()
    assert [e for e in till.events() if e["source"] == "keyboard-wedge"] == [
        {"event": "card", "card": gold, "source": "keyboard-wedge"}
    ]
    assert till.texts() == []  # not one character reached the search field
