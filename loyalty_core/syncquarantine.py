"""Applying pulled entries one by one: one that cannot or must not be applied is quarantined.

A pulled entry is applied in its own savepoint. It goes to `sync_quarantine` (whole, with the
reason, no effect) instead when head office says it quarantined it, when it would overwrite an
object that exists (a `card.issue` reusing a card id or number, a `member.enroll` reusing a member
id: pulled data never overwrites), or when applying it fails. The pull cursor then moves on, so
one bad entry never stops a till from receiving everything after it.

Foreign references never fail a foreign-key check: a shift or an approval naming staff of another
store gets an inactive placeholder row for that id (no PIN, no card: it can never log in).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, utcnow
from loyalty_core.journal import insert_foreign
from loyalty_core.models import (
    Card,
    JournalEntry,
    Member,
    QuarantinedEntry,
    RedactedEntry,
    Staff,
)

PLACEHOLDER_ROLE = "other"


def apply_entries(
    session: Session, entries: Iterable[Mapping[str, Any]], refused_by_head_office: set[str],
    redacted: frozenset[str] = frozenset(),
) -> tuple[int, int, int]:
    """(applied, duplicates, quarantined) for pulled entries, each in its own savepoint.

    `redacted`: ids head office served redacted (least data per till; journal.insert_foreign)."""
    applied = duplicates = quarantined = 0
    for entry in entries:
        if _held(session, entry):
            duplicates += 1
            continue
        if entry["id"] in refused_by_head_office:
            reason = "head office quarantined it"
        else:
            reason = _conflict(session, entry)
        if reason is None:
            try:
                with session.begin_nested():
                    _placeholders(session, entry)
                    insert_foreign(session, dict(entry), redacted=entry["id"] in redacted)
                applied += 1
                continue
            except LoyaltyError as err:
                if err.code == "sync.bad_hash":
                    raise  # head office served something altered: stop, a person must look
                reason = f"{err.code}: {err.message}"
            except IntegrityError as err:
                reason = f"integrity: {str(err.orig)[:300]}"
        if entry["id"] in redacted:  # kept as served: `verify` must not recompute its hash
            session.add(RedactedEntry(entry_id=entry["id"]))
        quarantine(session, entry, reason)
        quarantined += 1
    return applied, duplicates, quarantined


def _held(session: Session, entry: Mapping[str, Any]) -> bool:
    return (
        session.get(JournalEntry, entry["id"]) is not None
        or session.get(QuarantinedEntry, entry["id"]) is not None
    )


def _conflict(session: Session, entry: Mapping[str, Any]) -> str | None:
    """Creating an object that exists is a conflict, never a merge."""
    payload = entry.get("payload") if isinstance(entry.get("payload"), dict) else {}
    if entry.get("kind") == "card.issue":
        if session.get(Card, payload.get("id")) is not None:
            return "card.id_taken: a card with this id exists here"
        number = payload.get("number")
        if number is not None and session.scalar(select(Card.id).where(Card.number == number)):
            return "card.number_taken: a card with this number exists here"
    if entry.get("kind") == "member.enroll":
        member = payload.get("member") if isinstance(payload.get("member"), dict) else {}
        if session.get(Member, member.get("id")) is not None:
            return "member.id_taken: a member with this id exists here"
    return None


def _placeholders(session: Session, entry: Mapping[str, Any]) -> None:
    payload = entry.get("payload") if isinstance(entry.get("payload"), dict) else {}
    wanted = []
    if entry.get("kind") == "shift.open":
        wanted.append(entry.get("staff_id"))
    if entry.get("kind") == "approval":
        wanted.append(payload.get("supervisor_id"))
    for staff_id in wanted:
        if isinstance(staff_id, str) and session.get(Staff, staff_id) is None:
            session.add(Staff(id=staff_id, code=f"~{staff_id}"[:32], name="",
                              role=PLACEHOLDER_ROLE, pin_hash="", card_number=None,
                              active=False, failed_attempts=0))
            session.flush()


def quarantine(session: Session, entry: Mapping[str, Any], reason: str) -> None:
    session.add(
        QuarantinedEntry(
            entry_id=entry["id"], till_id=entry["till_id"], seq=int(entry["seq"]),
            kind=str(entry.get("kind"))[:64], hash=str(entry.get("hash")), entry=dict(entry),
            reason=reason[:1000], at=iso_utc(utcnow()),
        )
    )
    session.flush()


def quarantined_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(QuarantinedEntry)) or 0)


def unreported(session: Session, limit: int) -> list[dict[str, Any]]:
    """Quarantined entries head office has not been told about, oldest first, in the shape of
    the report (`sync.wire.models.QuarantinedOut`)."""
    rows = session.scalars(
        select(QuarantinedEntry).where(QuarantinedEntry.reported_at.is_(None))
        .order_by(QuarantinedEntry.at, QuarantinedEntry.entry_id).limit(limit)
    ).all()
    return [{"entry_id": q.entry_id, "till_id": q.till_id, "seq": q.seq, "kind": q.kind,
             "reason": q.reason, "at": q.at} for q in rows]


def mark_reported(session: Session, entry_ids: list[str]) -> None:
    now = iso_utc(utcnow())
    session.execute(
        update(QuarantinedEntry).where(QuarantinedEntry.entry_id.in_(entry_ids))
        .values(reported_at=now)
    )
