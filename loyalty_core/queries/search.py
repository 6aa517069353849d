"""Finding members by what a cashier types: the last digits of a phone, or a name.

Both are prefix searches on indexed columns (`members.phone_rev`, `members.name_key`; see
loyalty_core.memberkeys), so they stay a few index pages deep at a million members. The cards of
the members found come in a second query by member id, also indexed.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.memberkeys import prefix_range

_MEMBER = (
    "SELECT m.id, m.name, m.phone, t.code, t.name FROM members m "
    "LEFT JOIN tiers t ON t.id = m.tier_id "
)


def members_by_phone_tail(
    s: Session, reversed_digits: str, limit: int
) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(id, name, phone, tier code, tier name) of members whose phone ends with those digits."""
    return [
        tuple(r)  # type: ignore[misc]
        for r in rawsql.rows(
            s,
            _MEMBER + "WHERE m.phone_rev >= ? AND m.phone_rev < ? ORDER BY m.phone_rev LIMIT ?",
            (*prefix_range(reversed_digits), limit),
        )
    ]


def members_by_name(
    s: Session, key: str, limit: int
) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(id, name, phone, tier code, tier name) of members whose folded name starts with `key`."""
    return [
        tuple(r)  # type: ignore[misc]
        for r in rawsql.rows(
            s,
            _MEMBER + "WHERE m.name_key >= ? AND m.name_key < ? ORDER BY m.name_key LIMIT ?",
            (*prefix_range(key), limit),
        )
    ]


def cards_of_members(s: Session, member_ids: list[str]) -> list[tuple[str, str, str, str]]:
    """(member id, number, kind, status) of every card of those members."""
    if not member_ids:
        return []
    marks = ",".join("?" * len(member_ids))
    return [
        tuple(r)  # type: ignore[misc]
        for r in rawsql.rows(
            s,
            f"SELECT member_id, number, kind, status FROM cards WHERE member_id IN ({marks}) "
            "ORDER BY created_at, id",
            tuple(member_ids),
        )
    ]
