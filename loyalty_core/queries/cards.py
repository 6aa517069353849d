"""Questions about cards: who holds a number, which cards a member has."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.cardkeys import keyed
from loyalty_core.entries import Kind
from loyalty_core.rows import CardRow, MemberRow, TierRow

_CARD = "SELECT id, number, kind, status, status_reason, expires_on, flagged, member_id FROM cards "
_PANEL = (
    "SELECT c.id, c.number, c.kind, c.status, c.status_reason, c.expires_on, c.flagged, "
    "c.member_id, m.id, m.name, m.phone, m.birthday, m.tier_id, t.id, t.code, t.name, t.rank, "
    "t.threshold, t.earn_multiplier_pct, t.discount_bp FROM cards c "
    "LEFT JOIN members m ON m.id = c.member_id LEFT JOIN tiers t ON t.id = m.tier_id "
    "WHERE c.number = ?"
)


def panel_rows(s: Session, number: str) -> tuple[CardRow, MemberRow | None, TierRow | None] | None:
    """Card, member and tier in one query: the read of who is paying, on every swipe."""
    row = rawsql.one(s, _PANEL, (number,))
    if row is None:
        return None
    card = CardRow(*row[0:8])
    member = MemberRow(*row[8:13]) if row[8] is not None else None
    tier = TierRow(*row[13:20]) if row[13] is not None else None
    return card, member, tier


def card_by_number(s: Session, number: str, chain_key: str | None = None) -> CardRow | None:
    """By its number; with `chain_key`, another store's card kept keyed (cardkeys.py) too,
    returned with the number asked for (the till holds no other)."""
    row = rawsql.one(s, _CARD + "WHERE number = ?", (number,))
    if row is None and chain_key:
        row = rawsql.one(s, _CARD + "WHERE number = ?", (keyed(number, chain_key),))
        if row is not None:
            return replace(CardRow(*row), number=number)
    return None if row is None else CardRow(*row)


def panel_rows_keyed(
    s: Session, number: str, chain_key: str
) -> tuple[CardRow, MemberRow | None, TierRow | None] | None:
    """`panel_rows` for another store's card, kept keyed here; the card row carries the number
    as swiped, so everything after the lookup works as for one of ours."""
    found = panel_rows(s, keyed(number, chain_key))
    if found is None:
        return None
    return replace(found[0], number=number), found[1], found[2]


def number_taken(s: Session, number: str) -> bool:
    return rawsql.one(s, "SELECT 1 FROM cards WHERE number = ?", (number,)) is not None


def number_for_uid(s: Session, uid: str) -> str | None:
    value = rawsql.scalar(s, "SELECT number FROM cards WHERE uid = ?", (uid,))
    return None if value is None else str(value)


def first_card_of(s: Session, member_id: str) -> str | None:
    """The card entries about a member (tier change, voucher) are filed under."""
    value = rawsql.scalar(s, "SELECT id FROM cards WHERE member_id = ?", (member_id,))
    return None if value is None else str(value)


def card_ids_of(s: Session, member_id: str) -> list[str]:
    return [
        str(r[0]) for r in rawsql.rows(s, "SELECT id FROM cards WHERE member_id = ?", (member_id,))
    ]


def active_card_of(s: Session, member_id: str, kinds: tuple[str, ...]) -> str | None:
    """An active card of the member, of one of `kinds` (where a referral bonus goes)."""
    marks = ",".join("?" * len(kinds))
    value = rawsql.scalar(
        s,
        f"SELECT id FROM cards WHERE member_id = ? AND status = 'active' AND kind IN ({marks})",
        (member_id, *kinds),
    )
    return None if value is None else str(value)


def numbers_of(s: Session, card_ids: set[str]) -> dict[str, str]:
    ids = [i for i in card_ids if i]
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = rawsql.rows(s, f"SELECT id, number FROM cards WHERE id IN ({marks})", tuple(ids))
    return {str(r[0]): str(r[1]) for r in rows}


def cards_of_phone(s: Session, phone: str) -> list[tuple[str, str, str | None, str, str, str]]:
    """(member id, name, phone, card number, kind, status) of every card of that phone."""
    return [
        tuple(r)  # type: ignore[misc]
        for r in rawsql.rows(
            s,
            "SELECT m.id, m.name, m.phone, c.number, c.kind, c.status FROM members m "
            "JOIN cards c ON c.member_id = m.id WHERE m.phone = ?",
            (phone,),
        )
    ]


def replaced_by(s: Session, card_id: str) -> str | None:
    """The card a replaced card's balances moved to (`transfer.out` names it), if any."""
    value = rawsql.scalar(
        s,
        "SELECT json_extract(payload, '$.to') FROM journal WHERE card_id = ? "
        "AND kind = ? ORDER BY rowid DESC LIMIT 1",
        (card_id, Kind.TRANSFER_OUT.value),
    )
    return None if value is None else str(value)


def newest_active_card(s: Session, member_id: str, kind: str, after: str) -> str | None:
    """The member's newest active card of `kind` issued after `after` (a replacement that
    had no balance to move leaves no transfer to follow)."""
    value = rawsql.scalar(
        s,
        "SELECT id FROM cards WHERE member_id = ? AND kind = ? AND status = 'active' "
        "AND created_at > ? ORDER BY created_at DESC LIMIT 1",
        (member_id, kind, after),
    )
    return None if value is None else str(value)


def card_by_id(s: Session, card_id: str) -> CardRow | None:
    row = rawsql.one(s, _CARD + "WHERE id = ?", (card_id,))
    return None if row is None else CardRow(*row)
