from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "loyalty_core.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_demo_then_verify_then_tamper(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite3")
    r = run("demo", "--db", db)
    assert r.returncode == 0, r.stderr
    assert '"gift"' in r.stdout
    r = run("verify", "--db", db)
    assert r.returncode == 0 and r.stdout.startswith("OK"), r.stdout + r.stderr
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER journal_no_update")
    con.execute("UPDATE journal SET amount = amount + 1 WHERE kind = 'sv.topup'")
    con.commit()
    con.close()
    r = run("verify", "--db", db)
    assert r.returncode == 1
    assert "hash mismatch" in r.stdout and "cached balance" in r.stdout


def test_verify_of_a_missing_database_fails_and_creates_nothing(tmp_path: Path) -> None:
    r = run("verify", "--db", str(tmp_path / "missing.sqlite3"))
    assert r.returncode == 2
    assert "no till database" in r.stderr
    assert list(tmp_path.iterdir()) == []
