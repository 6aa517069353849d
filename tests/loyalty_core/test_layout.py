"""The engine's layout rules, checked on every module's imports (see docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "loyalty_core"
# Domain modules: they ask the query layer (`loyalty_core.queries`) and post through the journal
# writer of their operation's context; they hold no SQL and load no ORM objects themselves.
# (No `jobs`: expiry and the tier review are chain jobs, run at head office.)
DOMAIN = (
    "approvals",
    "cardkinds",
    "cards",
    "members",
    "memberships",
    "panel",
    "pricing",
    "refunds",
    "reports",
    "rewards",
    "sales",
    "shopday",
    "snapshot",
    "staffing",
    "tiers",
    "validation",
    "vouchers",
)
NO_SQL = ("sqlalchemy", "sqlite3", "loyalty_core.rawsql", "loyalty_core.models", "alembic")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports; `from pkg import mod` counts as importing `pkg.mod` when
    that is a module of ours."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                base = ROOT / Path(*sub.split("."))
                if base.with_suffix(".py").exists() or (base / "__init__.py").exists():
                    names.add(sub)
    return names


def core_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(CORE.rglob("*.py")) if "migrations" not in p.parts}


def domain_paths() -> list[Path]:
    paths = [CORE / f"{name}.py" for name in DOMAIN]
    paths += sorted((CORE / "programs").glob("*.py"))
    return paths


def test_domain_modules_exist() -> None:
    assert all(p.exists() for p in domain_paths())


def test_domain_modules_hold_no_sql() -> None:
    bad = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p in domain_paths()
        for n in imports_of(p)
        if any(n == f or n.startswith(f + ".") for f in NO_SQL)
    ]
    assert bad == []


def test_domain_modules_never_import_the_facade() -> None:
    """Only the facade's users (the demo, the CLI, the app) import `loyalty_core.engine`."""
    users = ("loyalty_core.engine", "loyalty_core.demo", "loyalty_core.cli")
    bad = [
        name
        for name, p in core_modules().items()
        if name not in users and "loyalty_core.engine" in imports_of(p)
    ]
    assert bad == []


def test_pricing_reads_no_database() -> None:
    names = imports_of(CORE / "pricing.py")
    assert not {n for n in names if n.startswith(("loyalty_core.queries", "loyalty_core.snapshot"))}
    assert "loyalty_core.operations" not in names


def test_no_import_cycle_in_loyalty_core() -> None:
    modules = core_modules()
    graph = {
        name: {n for n in imports_of(p) if n in modules and n != name}
        for name, p in modules.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_over_400_lines_without_a_reason() -> None:
    too_long = []
    for path in core_modules().values():
        text = path.read_text(encoding="utf-8")
        head = ast.get_docstring(ast.parse(text)) or ""
        if text.count("\n") > 400 and "400 lines" not in head:
            too_long.append(str(path.relative_to(ROOT)))
    assert too_long == []
