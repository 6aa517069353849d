"""The dependency direction of DESIGN.md, checked on every module's imports."""

from __future__ import annotations

import ast
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
        if n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6")
    ]
    assert bad == []


def test_no_sql_outside_core_and_server() -> None:
    bad = []
    for package in ("app", "sync", "hardware"):
        for path in modules(package):
            if package == "sync" and "server" in path.relative_to(ROOT / "sync").parts:
                continue
            for name in imports_of(path):
                if name.split(".")[0] in SQL_MODULES:
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []
