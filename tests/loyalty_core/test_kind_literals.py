"""No module posts or reads an entry kind by a bare string: the registry's `Kind` is the one
spelling (issue 10). Checked on the source, so a new `post("sale", ...)` or `kind == "refund"`
fails here rather than drifting from the registry unnoticed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from loyalty_core.entries import Kind

ROOT = Path(__file__).resolve().parents[2]
# The registry and its payload types spell the kinds; everything else names them through `Kind`.
ALLOWED = {ROOT / "loyalty_core" / "entries.py", ROOT / "loyalty_core" / "payloads.py"}
PACKAGES = ("loyalty_core", "sync")
KIND_VALUES = frozenset(k.value for k in Kind)
# Calls whose first argument (or `kind=`) is an entry kind.
KIND_CALLS = frozenset({"post", "sale_entries", "entries_of_kind", "validate"})
# An SQL text that filters on a kind by a literal.
SQL_KIND = re.compile(r"\bkind\s*(=|IN\s*\(|LIKE)\s*'", re.IGNORECASE)


def sources() -> list[Path]:
    return [
        p
        for pkg in PACKAGES
        for p in sorted((ROOT / pkg).rglob("*.py"))
        if p not in ALLOWED and "migrations" not in p.parts
    ]


def _kind_literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and node.value in KIND_VALUES:
        return str(node.value)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        for elt in node.elts:
            found = _kind_literal(elt)
            if found:
                return found
    return None


def _mentions_kind(node: ast.AST) -> bool:
    """The other side of a comparison is about a kind: `kind`, `e.kind`, `e["kind"]`."""
    if isinstance(node, ast.Name):
        return node.id == "kind"
    if isinstance(node, ast.Attribute):
        return node.attr == "kind"
    if isinstance(node, ast.Subscript):
        key = node.slice
        return isinstance(key, ast.Constant) and key.value == "kind"
    return False


def problems_in(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    where = path.relative_to(root)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in KIND_CALLS:
                args = list(node.args) + [k.value for k in node.keywords if k.arg == "kind"]
                for arg in args:
                    lit = _kind_literal(arg)
                    if lit:
                        found.append(f"{where}:{node.lineno}: {name}({lit!r})")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_mentions_kind(s) for s in sides):
                for side in sides:
                    lit = _kind_literal(side)
                    if lit:
                        found.append(f"{where}:{node.lineno}: compares a kind to {lit!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL_KIND.search(node.value):
                found.append(f"{where}:{node.lineno}: SQL filters a kind by a literal")
    return found


def test_no_kind_literals_outside_the_registry() -> None:
    problems = [p for path in sources() for p in problems_in(path)]
    assert problems == [], "\n".join(problems)


def test_the_check_catches_each_form(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(ctx, e, s):\n"
        "    ctx.journal.post('sale', card_id=None)\n"
        "    if e.kind == 'refund.sv':\n"
        "        pass\n"
        "    if e['kind'] in ('earn', 'redeem'):\n"
        "        pass\n"
        "    ledger.sale_entries(s, 'x', 'cashback')\n"
        "    s.execute(\"SELECT 1 FROM journal WHERE kind = 'refund'\")\n"
        "    ctx.journal.post(Kind.SALE)\n"
        "    if e.kind == Kind.REFUND:\n"
        "        pass\n",
        encoding="utf-8",
    )
    problems = problems_in(bad, tmp_path)
    assert [p.split(":")[1] for p in problems] == ["2", "3", "5", "7", "8"], problems
