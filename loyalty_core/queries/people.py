"""Questions about members, tiers, staff, shifts and approvals."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from loyalty_core import memberkeys, rawsql
from loyalty_core.models import Member, Staff
from loyalty_core.rows import ApprovalRow, ShiftRow, TierRow

_TIER = "SELECT id, code, name, rank, threshold, earn_multiplier_pct, discount_bp FROM tiers "


def member_exists(s: Session, member_id: str) -> bool:
    return rawsql.one(s, "SELECT 1 FROM members WHERE id = ?", (member_id,)) is not None


def phone_taken(s: Session, phone: str) -> bool:
    return rawsql.one(s, "SELECT 1 FROM members WHERE phone = ?", (phone,)) is not None


def member_tier(s: Session, member_id: str | None) -> tuple[str | None] | None:
    """(tier id,) of a member, None when there is no such member."""
    row = rawsql.one(s, "SELECT tier_id FROM members WHERE id = ?", (member_id,))
    return None if row is None else (row[0],)


def referrer_of(s: Session, member_id: str | None) -> str | None:
    value = rawsql.scalar(s, "SELECT referrer_id FROM members WHERE id = ?", (member_id,))
    return None if value is None else str(value)


def tiers(s: Session) -> list[TierRow]:
    """Every tier, lowest rank first."""
    return [TierRow(*r) for r in rawsql.rows(s, _TIER + "ORDER BY rank")]


def base_tier(s: Session) -> TierRow | None:
    row = rawsql.one(s, _TIER + "ORDER BY rank LIMIT 1")
    return None if row is None else TierRow(*row)


def next_tier(s: Session, rank: int) -> TierRow | None:
    row = rawsql.one(s, _TIER + "WHERE rank > ? ORDER BY rank LIMIT 1", (rank,))
    return None if row is None else TierRow(*row)


# ---- staff -------------------------------------------------------------------------------


def replay_and_staff(
    s: Session, operation_id: str, staff_id: str | None
) -> tuple[str | None, str | None, bool]:
    """(kind, result) of an operation already done under this id, and whether the staff member
    is active: the two questions every operation asks first, in one statement."""
    row = rawsql.one(
        s,
        "SELECT o.kind, o.result, (SELECT active FROM staff WHERE id = ?) "
        "FROM (SELECT 1) LEFT JOIN operations o ON o.id = ?",
        (staff_id, operation_id),
    )
    if row is None:  # never: the left join keeps the constant row
        return None, None, False
    return row[0], row[1], bool(row[2])


def staff_role(s: Session, staff_id: str | None) -> str | None:
    value = rawsql.scalar(s, "SELECT role FROM staff WHERE id = ?", (staff_id,))
    return None if value is None else str(value)


def staff_code_taken(s: Session, code: str) -> bool:
    return rawsql.one(s, "SELECT 1 FROM staff WHERE code = ?", (code,)) is not None


def staff_for_login(
    s: Session, *, code: str | None = None, card_number: str | None = None
) -> Staff | None:
    """The staff record itself: a log-in updates its failure count and lock-out."""
    if card_number is not None:
        return s.scalar(select(Staff).where(Staff.card_number == card_number))
    return s.scalar(select(Staff).where(Staff.code == (code or "")))


def add_staff(
    s: Session, staff_id: str, code: str, name: str, role: str, pin_hash: str, card: str | None
) -> None:
    """Staff normally arrive from head office; the demo and first set-up add them here."""
    s.add(Staff(id=staff_id, code=code, name=name, role=role, pin_hash=pin_hash, card_number=card))


# ---- shifts ------------------------------------------------------------------------------

_SHIFT = "SELECT id, opened_at, opening_float, closed_at FROM shifts "


def open_shift(s: Session, till_id: str) -> str | None:
    """This till's open shift: other tills' shifts arrive by pull and may be open too."""
    value = rawsql.scalar(
        s, "SELECT id FROM shifts WHERE closed_at IS NULL AND till_id = ?", (till_id,)
    )
    return None if value is None else str(value)


def shift(s: Session, shift_id: str) -> ShiftRow | None:
    row = rawsql.one(s, _SHIFT + "WHERE id = ?", (shift_id,))
    return None if row is None else ShiftRow(*row)


def opening_floats(s: Session, since: str, until: str) -> int:
    value = rawsql.scalar(
        s,
        "SELECT coalesce(sum(opening_float), 0) FROM shifts WHERE opened_at >= ? AND opened_at < ?",
        (since, until),
    )
    return int(value or 0)


def shifts_closed(s: Session, since: str, until: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(id, closed_at, Z report as closed) of this till's shifts closed between two times."""
    found = rawsql.rows(
        s,
        "SELECT id, closed_at, report FROM shifts WHERE closed_at >= ? AND closed_at < ? "
        "ORDER BY closed_at",
        (since, until),
    )
    return [(r[0], r[1], json.loads(r[2]) if r[2] else {}) for r in found]


# ---- approvals ---------------------------------------------------------------------------


def approval(s: Session, approval_id: str) -> ApprovalRow | None:
    row = rawsql.one(
        s,
        "SELECT id, supervisor_id, operation, details, used_by_operation, requested_by "
        "FROM approvals WHERE id = ?",
        (approval_id,),
    )
    if row is None:
        return None
    return ApprovalRow(
        row[0], row[1], row[2], json.loads(row[3]) if row[3] else {}, row[4], row[5]
    )


def mark_approval_used(s: Session, approval_id: str, operation_id: str) -> None:
    rawsql.run(
        s, "UPDATE approvals SET used_by_operation = ? WHERE id = ?", (operation_id, approval_id)
    )


def reveal_member(session: Session, details: Mapping[str, Any]) -> bool:
    """A member seen at this store: head office now sends their personal data, which their
    (redacted) enrolment entry did not carry. False when the member is not held here."""
    row = session.get(Member, details["id"])
    if row is None:
        return False
    phone = memberkeys.stored_phone(details.get("phone"))
    row.name = str(details.get("name") or "")
    row.phone = phone
    row.birthday = details.get("birthday")
    row.email = details.get("email")
    row.name_key = memberkeys.name_key(row.name)
    row.phone_rev = memberkeys.phone_rev(phone)
    return True
