"""Holds on every limited resource one operation uses: stored value, points, voucher uses and
reward units, taken together (all or nothing), confirmed or released together.

One row of `reservations` per item (`hold_id` groups them, `resource` and `subject` say what is
held), so the stored-value holds of `holds.py` and these count against each other. The
operation id is known when the hold is taken: the operation's pushed entries settle its items
(services/projection.py) even when the till crashed before it could confirm.

What is available to hold:
- stored value, points: the card's merged balance minus live holds of that account;
- a voucher: `max_uses` minus uses counted from pushed entries minus live holds;
- a reward: the stock its store received minus units taken by pushed entries minus the live
  holds of that store's tills.
A voucher or reward head office has not heard of yet (its defining entry is still on the way) is
held without a check: `available` answers None, and any overuse is flagged when the entries
meet here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, select, update

from loyalty_core.ids import iso_utc
from sync.headoffice import schema as t
from sync.headoffice.services.context import Context, ServiceError, TillIdentity, take_counter
from sync.headoffice.services.holds import ACTIVE_HOLDS, _held, arrived, balance, check_scope
from sync.wire.models import HoldItem, HoldItemOut, HoldOut, HoldRequest


def _held_subject(conn: Connection, resource: str, subject: str, now: str,
                  store_id: str | None = None) -> int:
    query = select(func.coalesce(func.sum(t.reservations.c.amount), 0)).where(
        t.reservations.c.resource == resource,
        t.reservations.c.subject == subject,
        t.reservations.c.status.in_(ACTIVE_HOLDS),
        t.reservations.c.expires_at > now,
    )
    if store_id is not None:
        query = query.where(
            t.reservations.c.till_id.in_(select(t.tills.c.id).where(t.tills.c.store_id == store_id))
        )
    return int(conn.execute(query).scalar_one())


def available(conn: Connection, till: TillIdentity, card_id: str | None, resource: str,
              subject: str | None, now: str) -> int | None:
    """What is left of one resource for this till to hold (None: not known here yet)."""
    if resource in ("stored_value", "points"):
        if card_id is None:
            raise ServiceError(422, "hold.bad_item", "a balance is held on a card")
        return balance(conn, card_id, resource) - _held(conn, card_id, now, resource)
    if subject is None:
        raise ServiceError(422, "hold.bad_item", "a voucher or reward hold names it")
    if resource == "voucher":
        row = conn.execute(
            select(t.voucher_uses.c.max_uses, t.voucher_uses.c.uses).where(
                t.voucher_uses.c.voucher_id == subject
            )
        ).first()
        if row is None or row.max_uses is None:
            return None
        return int(row.max_uses) - int(row.uses) - _held_subject(conn, resource, subject, now)
    stock = conn.execute(
        select(t.reward_stock.c.received, t.reward_stock.c.taken)
        .select_from(t.reward_stock.join(t.rewards, and_(
            t.rewards.c.id == t.reward_stock.c.reward_id,
            t.rewards.c.store_id == t.reward_stock.c.store_id,
        )))
        .where(t.reward_stock.c.reward_id == subject, t.reward_stock.c.store_id == till.store_id)
    ).first()
    if stock is None:  # not defined at this store here (yet): not judged
        return None
    return (int(stock.received) - int(stock.taken)
            - _held_subject(conn, resource, subject, now, till.store_id))


def _out(hold_id: str, rows: list[Any], left: list[int | None] | None = None) -> HoldOut:
    """`left`: what each item left available when it was held (only a new hold says; a retry,
    a confirm or a release answer None rather than spend queries on a figure nobody reads)."""
    items = [
        HoldItemOut(resource=r.resource, subject=r.subject, amount=int(r.amount),
                    available=None if left is None else left[n])
        for n, r in enumerate(rows)
    ]
    status = rows[0].status
    if len({r.status for r in rows}) > 1:  # partly settled: what is still open speaks
        status = next(r.status for r in rows if r.status != "settled")
    return HoldOut(hold_id=hold_id, status=status, expires_at=max(r.expires_at for r in rows),
                   items=items)


def _rows(conn: Connection, hold_id: str, till_id: str | None = None) -> list[Any]:
    query = select(t.reservations).where(t.reservations.c.hold_id == hold_id)
    if till_id is not None:
        query = query.where(t.reservations.c.till_id == till_id)
    return list(conn.execute(query.order_by(t.reservations.c.id)).all())


def _same(rows: list[Any], till: TillIdentity, req: HoldRequest) -> bool:
    asked = [(i.resource, i.subject, i.amount) for i in req.items]
    held = [(r.resource, r.subject, int(r.amount)) for r in rows]
    return (all(r.till_id == till.id and r.operation_id == req.operation_id for r in rows)
            and asked == held)


def hold(ctx: Context, till: TillIdentity, req: HoldRequest) -> HoldOut:
    """Hold every item or none; a retried request (same hold id, same items) holds once."""
    now = ctx.now()
    with ctx.engine.begin() as conn:
        take_counter(conn, 0)
        rows = _rows(conn, req.hold_id)
        if rows:
            if not _same(rows, till, req):
                raise ServiceError(409, "reserve.id_reused", req.hold_id)
            return _out(req.hold_id, rows)
        expires = iso_utc(ctx.clock() + ctx.reservation_ttl)
        left: list[int | None] = []
        made: list[Any] = []
        for n, item in enumerate(req.items):
            row = _take(ctx, conn, till, req, item, n, now, expires)
            made.append(row)
            left.append(row.left)
        return _out(req.hold_id, made, left)


@dataclass(frozen=True)
class _Held:
    resource: str
    subject: str | None
    amount: int
    status: str
    expires_at: str
    left: int | None


def _take(ctx: Context, conn: Connection, till: TillIdentity, req: HoldRequest, item: HoldItem,
          n: int, now: str, expires: str) -> _Held:
    if item.resource in ("stored_value", "points") and item.subject is not None:
        raise ServiceError(422, "hold.bad_item", "a balance hold has no subject")
    if item.resource == "stored_value" and req.card_id is not None:
        check_scope(ctx, conn, till, req.card_id, item.amount, now)
    left = available(conn, till, req.card_id, item.resource, item.subject, now)
    if left is not None and item.amount > left:
        # The transaction rolls back: none of the hold's items stay held.
        raise ServiceError(409, "reserve.insufficient",
                           {"resource": item.resource, "subject": item.subject,
                            "available": max(left, 0)})
    conn.execute(
        t.reservations.insert().values(
            id=f"{req.hold_id}/{n}", till_id=till.id, card_id=req.card_id or "",
            amount=item.amount, status="held", operation_id=req.operation_id,
            created_at=now, expires_at=expires, resource=item.resource, subject=item.subject,
            hold_id=req.hold_id,
        )
    )
    return _Held(item.resource, item.subject, item.amount, "held", expires,
                 None if left is None else left - item.amount)


def finish(ctx: Context, till: TillIdentity, hold_id: str, status: str,
           operation_id: str | None = None) -> HoldOut:
    """Confirm (the operation committed) or release (it did not) every item of a hold."""
    now = ctx.now()
    with ctx.engine.begin() as conn:
        take_counter(conn, 0)
        rows = _rows(conn, hold_id, till.id)
        if not rows:
            raise ServiceError(404, "reserve.unknown", hold_id)
        open_rows = [r for r in rows if r.status == "held"]
        if not open_rows:
            done = {r.status for r in rows}
            if status in done or (status == "confirmed" and done <= {"confirmed", "settled"}):
                return _out(hold_id, rows)
            raise ServiceError(409, "reserve.finished", sorted(done)[0])
        op = operation_id or rows[0].operation_id
        values: dict[str, Any] = {"status": status}
        spent: set[str] = set()
        if status == "confirmed":
            if min(r.expires_at for r in open_rows) <= now:
                raise ServiceError(409, "reserve.expired", hold_id)
            values["operation_id"] = op
            values["expires_at"] = iso_utc(ctx.clock() + ctx.confirmed_ttl)
            spent = arrived(conn, op)  # pushed before the confirm got through
        settled = [r.id for r in open_rows if r.resource in spent]
        rest = [r.id for r in open_rows if r.resource not in spent]
        for ids, row_values in ((rest, values), (settled, {**values, "status": "settled"})):
            if ids:
                conn.execute(
                    update(t.reservations).where(t.reservations.c.id.in_(ids))
                    .values(**row_values)
                )
        done_rows = [
            _Held(r.resource, r.subject, int(r.amount),
                  "settled" if r.id in settled else (values["status"] if r.id in rest
                                                     else r.status),
                  values.get("expires_at", r.expires_at) if r.id in rest or r.id in settled
                  else r.expires_at, None)
            for r in rows
        ]
        return _out(hold_id, done_rows)
