"""A till never runs a chain job (issue 12): expiry and the tier review run once, at head office
(sync/headoffice/services/jobs.py). Checked on every till-side module's syntax tree."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TILL_SIDE = ("app", "loyalty_core", "sync/till", "hardware")
CHAIN_JOBS = {"expire_points", "expire_cashback", "review_tiers", "grant_birthdays", "run_jobs",
              "run_job"}


def _till_modules() -> list[Path]:
    return sorted(p for d in TILL_SIDE for p in (ROOT / d).rglob("*.py"))


def test_no_till_path_calls_a_chain_job() -> None:
    calls = []
    for path in _till_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
                if name in CHAIN_JOBS:
                    calls.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {name}")
    assert calls == []
    assert len(_till_modules()) > 50  # the scan itself found the till's code


def test_the_till_s_job_entry_points_only_refuse() -> None:
    """`Loyalty` keeps the names so an old script gets a clear refusal, and nothing else."""
    tree = ast.parse((ROOT / "loyalty_core" / "engine.py").read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in CHAIN_JOBS:
            found[node.name] = [type(s).__name__ for s in node.body]
    assert found == {name: ["Raise"] for name in ("expire_points", "expire_cashback",
                                                  "review_tiers", "grant_birthdays")}
    defined = [
        f"{p.relative_to(ROOT)}: {n.name}"
        for p in _till_modules() if p.name != "engine.py"
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(n, ast.FunctionDef) and n.name in CHAIN_JOBS
    ]
    assert defined == []
