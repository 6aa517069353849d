"""The hardware package's own shape: no import cycles (type-only imports count too), no module
named for a mixture, and the one import it may make of the engine."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "hardware"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    mods = {f"hardware.{p.stem}": p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {m: {n for n in _imports(p) if n in mods and n != m} for m, p in mods.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_inside_hardware() -> None:
    assert _cycle(_graph()) is None


def test_tracks_are_a_leaf_of_the_event_model() -> None:
    """events names the track types, so the parser must never import events back."""
    graph = _graph()
    assert "hardware.events" not in graph["hardware.tracks"]
    assert "hardware.tracks" in graph["hardware.events"]


def test_magstripe_mixture_is_gone() -> None:
    assert not (PACKAGE / "magstripe.py").exists()


def test_the_only_engine_import_is_the_numbering_leaf() -> None:
    """tests/test_architecture.py allows hardware -> loyalty_core; this narrows it to the one
    module, and checks that module stays a leaf (nothing of ours, no SQL)."""
    engine = {
        f"{p.relative_to(ROOT)}: {n}"
        for p in PACKAGE.rglob("*.py")
        for n in _imports(p)
        if n.split(".")[0] == "loyalty_core"
        and not (n == "loyalty_core.cardnumbers" or n.startswith("loyalty_core.cardnumbers."))
        and n != "loyalty_core"  # `from loyalty_core import cardnumbers` names the module below
    }
    assert engine == set()
    leaf = _imports(ROOT / "loyalty_core" / "cardnumbers.py")
    ours = ("app", "loyalty_core", "sync", "hardware", "sqlalchemy", "sqlite3", "alembic")
    assert [n for n in leaf if n.split(".")[0] in ours] == []
