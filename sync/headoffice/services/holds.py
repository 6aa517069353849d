"""Online stored-value holds: reserve, confirm, release against merged balance minus live holds.

A hold expires after `reservation_ttl` unless confirmed; a confirmed hold lasts until the spend
with its operation id arrives by push (projection marks it settled) or `confirmed_ttl` passes.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, func, select, update

from loyalty_core.ids import iso_utc
from sync.headoffice import schema as t
from sync.headoffice.services.context import Context, ServiceError, TillIdentity, take_counter
from sync.headoffice.services.policy import STORE_BOUND_CARDS
from sync.headoffice.services.resources import resources_of
from sync.wire.models import ReservationOut

ACTIVE_HOLDS = ("held", "confirmed")
log = logging.getLogger("loyalty.headoffice.trust")


def _held(conn: Connection, card_id: str, now: str, resource: str = "stored_value") -> int:
    """Live holds of one balance resource (stored value or points) on a card."""
    return int(
        conn.execute(
            select(func.coalesce(func.sum(t.reservations.c.amount), 0)).where(
                t.reservations.c.card_id == card_id,
                t.reservations.c.resource == resource,
                t.reservations.c.status.in_(ACTIVE_HOLDS),
                t.reservations.c.expires_at > now,
            )
        ).scalar_one()
    )


def balance(conn: Connection, card_id: str, account: str) -> int:
    value = conn.execute(
        select(t.balances.c.amount).where(
            t.balances.c.card_id == card_id, t.balances.c.account == account
        )
    ).scalar()
    return int(value or 0)


def check_scope(
    ctx: Context, conn: Connection, till: TillIdentity, card_id: str, amount: int, now: str
) -> None:
    """A till may hold another store's prepaid or gift card only up to the policy's figure
    (all its live holds on that card together): holds cannot be used to freeze a card."""
    kind = conn.execute(select(t.cards.c.kind).where(t.cards.c.id == card_id)).scalar()
    if kind not in STORE_BOUND_CARDS:
        return
    owner = conn.execute(
        select(t.trust_objects.c.store_id).where(
            t.trust_objects.c.kind == "card", t.trust_objects.c.id == card_id
        )
    ).scalar()
    if owner == till.store_id:
        return
    mine = conn.execute(
        select(func.coalesce(func.sum(t.reservations.c.amount), 0)).where(
            t.reservations.c.card_id == card_id,
            t.reservations.c.till_id == till.id,
            t.reservations.c.resource == "stored_value",
            t.reservations.c.status.in_(ACTIVE_HOLDS),
            t.reservations.c.expires_at > now,
        )
    ).scalar_one()
    limit = ctx.policy.foreign_hold_max
    if int(mine) + amount > limit:
        log.warning("hold refused till=%s store=%s card=%s amount=%d: another store's card",
                    till.id, till.store_id, card_id, amount)
        raise ServiceError(403, "reserve.foreign_card", {"limit": limit})


def _reservation_out(conn: Connection, row: Any, now: str) -> ReservationOut:
    available = balance(conn, row.card_id, "stored_value") - _held(conn, row.card_id, now)
    return ReservationOut(
        reservation_id=row.id,
        card_id=row.card_id,
        amount=row.amount,
        status=row.status,
        expires_at=row.expires_at,
        available=available,
    )


def reserve(
    ctx: Context, till: TillIdentity, reservation_id: str, card_id: str, amount: int,
    operation_id: str | None = None,
) -> ReservationOut:
    """Hold stored value against the merged balance minus every live hold.

    Idempotent on the till-made reservation id, so a retried request holds once.
    """
    now = ctx.now()
    with ctx.engine.begin() as conn:
        take_counter(conn, 0)
        row = conn.execute(
            select(t.reservations).where(t.reservations.c.id == reservation_id)
        ).first()
        if row is not None:
            if row.till_id != till.id or row.card_id != card_id or row.amount != amount:
                raise ServiceError(409, "reserve.id_reused", reservation_id)
            return _reservation_out(conn, row, now)
        check_scope(ctx, conn, till, card_id, amount, now)
        available = balance(conn, card_id, "stored_value") - _held(conn, card_id, now)
        if amount > available:
            raise ServiceError(409, "reserve.insufficient", {"available": available})
        conn.execute(
            t.reservations.insert().values(
                id=reservation_id,
                till_id=till.id,
                card_id=card_id,
                amount=amount,
                status="held",
                operation_id=operation_id,
                created_at=now,
                expires_at=iso_utc(ctx.clock() + ctx.reservation_ttl),
            )
        )
        row = conn.execute(
            select(t.reservations).where(t.reservations.c.id == reservation_id)
        ).one()
        return _reservation_out(conn, row, now)


def _finish(
    ctx: Context, till: TillIdentity, reservation_id: str, status: str, operation_id: str | None
) -> ReservationOut:
    now = ctx.now()
    with ctx.engine.begin() as conn:
        take_counter(conn, 0)
        row = conn.execute(
            select(t.reservations).where(
                t.reservations.c.id == reservation_id, t.reservations.c.till_id == till.id
            )
        ).first()
        if row is None:
            raise ServiceError(404, "reserve.unknown", reservation_id)
        if row.status == status or (status == "confirmed" and row.status == "settled"):
            return _reservation_out(conn, row, now)
        if row.status != "held":
            raise ServiceError(409, "reserve.finished", row.status)
        if status == "confirmed" and row.expires_at <= now:
            raise ServiceError(409, "reserve.expired", reservation_id)
        values: dict[str, Any] = {"status": status}
        if status == "confirmed":
            values["operation_id"] = operation_id
            values["expires_at"] = iso_utc(ctx.clock() + ctx.confirmed_ttl)
            # The spend may already have arrived (pushed before the confirm got through).
            if "stored_value" in arrived(conn, operation_id):
                values["status"] = "settled"
        conn.execute(
            update(t.reservations).where(t.reservations.c.id == reservation_id).values(**values)
        )
        row = conn.execute(
            select(t.reservations).where(t.reservations.c.id == reservation_id)
        ).one()
        return _reservation_out(conn, row, now)


def arrived(conn: Connection, operation_id: str | None) -> set[str]:
    """The resources the operation's ingested entries spent (each settles its hold)."""
    if operation_id is None:
        return set()
    used: set[str] = set()
    for kind, account, amount in conn.execute(
        select(t.journal.c.kind, t.journal.c.account, t.journal.c.amount).where(
            t.journal.c.operation_id == operation_id, t.journal.c.ingest_seq.is_not(None)
        )
    ):
        used |= resources_of(kind, account, int(amount))
    return used


def confirm(
    ctx: Context, till: TillIdentity, reservation_id: str, operation_id: str
) -> ReservationOut:
    return _finish(ctx, till, reservation_id, "confirmed", operation_id)


def release(ctx: Context, till: TillIdentity, reservation_id: str) -> ReservationOut:
    return _finish(ctx, till, reservation_id, "released", None)
