"""The dependency direction of DESIGN.md, checked on every module's imports."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = ("app", "loyalty_core", "sync", "hardware")
ALLOWED = {
    "app": {"app", "loyalty_core", "sync", "hardware"},
    "sync": {"sync", "loyalty_core"},
    "loyalty_core": {"loyalty_core"},
    "hardware": {"hardware", "loyalty_core"},  # only loyalty_core.cardnumbers: tests/hardware
}
SQL_MODULES = ("sqlalchemy", "sqlite3", "alembic", "psycopg")
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")

# The till's side of the system: none of it may import head office (the demo's head office is a
# child process started by name, `sync.till.demo`).
TILL_SIDE = ("sync.till", "app", "loyalty_core", "hardware")
HEAD_OFFICE = "sync.headoffice"
# What head office may use of loyalty_core: pure code only (canonical JSON and hashes, ids, the
# entries registry and projection rules, rules and their schema, bounds and input checks, pricing,
# the shared SQLite set-up). Never the till's store and engine (ORM models, sessions, journal
# writer, query layer, domain modules). A new pure module joins this list on purpose.
HEAD_OFFICE_MAY_USE = (
    "loyalty_core.canonical",
    "loyalty_core.ids",
    "loyalty_core.errors",
    "loyalty_core.sqlite",
    "loyalty_core.entries",
    "loyalty_core.payloads",
    "loyalty_core.projection",
    "loyalty_core.rules",
    "loyalty_core.rules_schema",
    "loyalty_core.bounds",
    "loyalty_core.inputs",
    "loyalty_core.phones",
    "loyalty_core.cardnumbers",
    "loyalty_core.cardkeys",
    "loyalty_core.cardkinds",
    "loyalty_core.allocation",
    "loyalty_core.shopday",
    "loyalty_core.pricing",
    "loyalty_core.programs",
    "loyalty_core.private_files",
    "loyalty_core.definitions_schema",
    "loyalty_core.demo_definitions",
)
# The wire leaf may import nothing of ours except these.
WIRE = "sync.wire"
WIRE_MAY_IMPORT = ("loyalty_core.canonical", "loyalty_core.bounds", "loyalty_core.errors")

# Import cycles that exist today and are being removed by another branch (the engine split,
# issue 10). The coordinator empties this after merging that branch; nothing may be added.
CYCLES_BEING_REMOVED: set[frozenset[str]] = set()
# Cycles are counted over imports that run. `if TYPE_CHECKING:` imports never run; counting them
# too would today also report hardware.backend -> events -> magstripe (being removed by the
# hardware split), so the coordinator may turn this on once that branch is merged.
CYCLES_COUNT_TYPE_CHECKING_IMPORTS = True


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def within(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def resolved_imports(path: Path, known: set[str], runtime_only: bool = False) -> set[str]:
    """Every module of ours `path` imports, at any depth (functions included), relative imports
    resolved; `from pkg import name` counts as `pkg.name` when that is a module.

    `runtime_only` skips `if TYPE_CHECKING:` blocks: they never run, so they cannot take part
    in an import cycle.
    """
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found: set[str] = set()

    def add(name: str) -> None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name:
            found.add(name)

    def visit(node: ast.AST) -> None:
        if runtime_only and isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                full = f"{source}.{alias.name}"
                add(full if full in known else source)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(this)
    return found


def import_graph(runtime_only: bool = True) -> dict[str, set[str]]:
    paths = [p for package in OURS for p in modules(package)]
    known = {module_name(p) for p in paths}
    return {module_name(p): resolved_imports(p, known, runtime_only) for p in paths}


def strongly_connected(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Tarjan's algorithm, iterative; the components with more than one module (the cycles)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[frozenset[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    members = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.add(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        cycles.append(frozenset(members))
    return cycles


def test_packages_exist() -> None:
    for package in OURS:
        assert (ROOT / package / "__init__.py").exists()


def test_dependency_direction() -> None:
    bad = []
    for package, allowed in ALLOWED.items():
        for path in modules(package):
            for name in imports_of(path):
                top = name.split(".")[0]
                if top in OURS and top not in allowed:
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []


def test_no_qt_below_app() -> None:
    bad = [
        f"{p.relative_to(ROOT)} imports {n}"
        for package in ("loyalty_core", "sync", "hardware")
        for p in modules(package)
        for n in imports_of(p)
        if n.split(".")[0] in QT_MODULES
    ]
    assert bad == []


def test_no_sql_outside_core_and_server() -> None:
    bad = []
    for package in ("app", "sync", "hardware"):
        for path in modules(package):
            if package == "sync" and "headoffice" in path.relative_to(ROOT / "sync").parts:
                continue
            for name in imports_of(path):
                if name.split(".")[0] in SQL_MODULES:
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []


def test_till_never_imports_head_office() -> None:
    graph = import_graph(runtime_only=False)
    bad = [
        f"{name} imports {dep}"
        for name, deps in sorted(graph.items())
        if within(name, TILL_SIDE)
        for dep in sorted(deps)
        if within(dep, [HEAD_OFFICE])
    ]
    assert bad == []


def test_head_office_stays_off_the_till() -> None:
    """No Qt, no `app`, no `hardware`, not the till's store or engine."""
    bad = []
    for path in modules("sync/headoffice"):
        for name in imports_of(path):
            ours_outside = name.startswith("loyalty_core.") and not within(
                name, HEAD_OFFICE_MAY_USE
            )
            if name.split(".")[0] in (*QT_MODULES, "app", "hardware") or ours_outside:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []


def test_wire_is_a_leaf() -> None:
    graph = import_graph(runtime_only=False)
    bad = [
        f"{name} imports {dep}"
        for name, deps in sorted(graph.items())
        if within(name, [WIRE])
        for dep in sorted(deps)
        if not within(dep, [WIRE]) and not within(dep, WIRE_MAY_IMPORT) and dep != "sync"
    ]
    assert bad == []


def test_no_import_cycles() -> None:
    """Per package: every cycle found, except the ones another branch is removing."""
    by_package: dict[str, list[list[str]]] = {}
    graph = import_graph(runtime_only=not CYCLES_COUNT_TYPE_CHECKING_IMPORTS)
    for cycle in strongly_connected(graph):
        if cycle in CYCLES_BEING_REMOVED:
            continue
        package = "+".join(sorted({m.split(".")[0] for m in cycle}))
        by_package.setdefault(package, []).append(sorted(cycle))
    assert by_package == {}


def test_cycle_finder_sees_relative_and_function_level_imports(tmp_path: Path) -> None:
    """The checker itself: a cycle hidden in a function through a relative import is found."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from . import b\n")
    (pkg / "b.py").write_text("from pkg.c import x\n")
    (pkg / "c.py").write_text("import typing\nif typing.TYPE_CHECKING:\n    import pkg.b\n"
                              "from .a import f\nx = 1\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        paths = sorted(pkg.rglob("*.py"))
        known = {module_name(p) for p in paths}
        graph = {module_name(p): resolved_imports(p, known, True) for p in paths}
    finally:
        ROOT = saved
    assert graph["pkg.a"] == {"pkg.b"} and graph["pkg.c"] == {"pkg.a"}
    assert strongly_connected(graph) == [frozenset({"pkg.a", "pkg.b", "pkg.c"})]


def test_no_module_over_400_lines_without_a_reason() -> None:
    """Small modules named for what they hold; a longer one says at its top why (issue 10)."""
    too_long = []
    for package in OURS:
        for path in modules(package):
            text = path.read_text(encoding="utf-8")
            head = ast.get_docstring(ast.parse(text)) or ""
            if text.count("\n") > 400 and "400 lines" not in head:
                too_long.append(str(path.relative_to(ROOT)))
    assert too_long == []
