"""Plain read-only rows for the counter panel's hot read.

The panel is read on every swipe; loading card, member and tier as ORM objects costs three
round trips through the ORM. One joined sqlite3 query fills these instead. They carry the same
attribute names as the models, so pricing and view code takes either.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from loyalty_core import rawsql


@dataclass(frozen=True)
class CardRow:
    id: str
    number: str
    kind: str
    status: str
    status_reason: str | None
    expires_on: str | None
    flagged: str | None
    member_id: str | None


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    phone: str | None
    birthday: str | None
    tier_id: str | None


@dataclass(frozen=True)
class TierRow:
    id: str
    code: str
    name: str
    rank: int
    threshold: int
    earn_multiplier_pct: int
    discount_bp: int


_PANEL = (
    "SELECT c.id, c.number, c.kind, c.status, c.status_reason, c.expires_on, c.flagged, "
    "c.member_id, m.id, m.name, m.phone, m.birthday, m.tier_id, t.id, t.code, t.name, t.rank, "
    "t.threshold, t.earn_multiplier_pct, t.discount_bp FROM cards c "
    "LEFT JOIN members m ON m.id = c.member_id LEFT JOIN tiers t ON t.id = m.tier_id "
    "WHERE c.number = ?"
)


def panel_rows(s: Session, number: str) -> tuple[CardRow, MemberRow | None, TierRow | None] | None:
    row = rawsql.one(s, _PANEL, (number,))
    if row is None:
        return None
    card = CardRow(*row[0:8])
    member = MemberRow(*row[8:13]) if row[8] is not None else None
    tier = TierRow(*row[13:20]) if row[13] is not None else None
    return card, member, tier
