"""The program as a cashier starts it: a real process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


def test_first_window_does_not_wait_for_the_database_layer(tmp_path: Path) -> None:
    """Cold start: everything needed to show the log-in screen loads without SQLAlchemy."""
    code = (
        "import sys, app.main, app.mainwindow, app.counter, app.dialogs, app.zreport;"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'requests', 'escpos', 'argon2')"
        " if m in sys.modules]; print(heavy); sys.exit(1 if heavy else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_demo_start_with_card_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "counter.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.main",
            "--demo",
            "--db",
            str(tmp_path / "demo.sqlite3"),
            "--lang",
            "vi",
            "--demo-login",
            "--present",
            "gold",
            "--screenshot",
            str(shot),
        ],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(shot))
    assert image.width() >= 1024 and image.height() >= 700
    assert "window shown after" in done.stderr and "engine ready" in done.stderr


def test_demo_flags_need_demo(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.main", "--present", "gold", "--db", str(tmp_path / "x.db")],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "need --demo" in done.stderr
    assert not (tmp_path / "x.db").exists()
