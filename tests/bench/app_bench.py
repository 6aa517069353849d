"""Cold start and the cashier program's own figures, each in a fresh process."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def cold_start_ms(db: Path, runs: int = 5) -> dict[str, float]:
    """Process spawn to the log-in window shown (the program logs "window shown" right after
    `show()`), and to the engine ready behind it (log-in enabled), medians of `runs` fresh
    processes; each then renders its window to a PNG and exits, which is checked."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    shown, ready = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = tmp
        for i in range(runs):
            png = Path(tmp) / f"start{i}.png"
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "loyalty-pos"),
                    "--db",
                    str(db),
                    "--screenshot",
                    str(png),
                ],
                env=env,
                stderr=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                text=True,
            )
            assert proc.stderr is not None
            for line in proc.stderr:
                if "window shown" in line:
                    shown.append((time.perf_counter() - t0) * 1000)
                elif "engine ready" in line:
                    ready.append((time.perf_counter() - t0) * 1000)
            assert proc.wait(timeout=120) == 0
            assert png.exists() and png.stat().st_size > 0
    return {
        "cold_start_ms": round(statistics.median(shown), 1),
        "cold_start_max_ms": round(max(shown), 1),
        "engine_ready_ms": round(statistics.median(ready), 1),
    }


def measure(db: Path, meta: dict[str, Any], n: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out.update(cold_start_ms(db))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = tmp
        r = subprocess.run(
            [sys.executable, "-m", "tests.bench.app_harness"],
            input=json.dumps({"db": str(db), "numbers": meta["sample_numbers"], "n": n}),
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            cwd=ROOT,
            check=True,
        )
    out.update(json.loads(r.stdout.strip().splitlines()[-1]))
    return out
