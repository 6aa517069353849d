"""Reports at this till: a shift's Z report (and closing the shift with it), the day report.

The shop's day is `shopday`: the calendar day in the program rules' time zone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from loyalty_core import approvals, entries, shopday
from loyalty_core.entries import Kind, takings_of
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, Core, DbSession
from loyalty_core.queries import ledger, people
from loyalty_core.staff import APPROVER_ROLES
from loyalty_core.validation import amount as check_amount
from loyalty_core.validation import clean_text

# Entries that are no movement of money, points or goods at the counter: kept out of the Z report.
NOT_TAKINGS = frozenset(
    {Kind.SHIFT_OPEN, Kind.SHIFT_CLOSE, Kind.APPROVAL, Kind.STAFF_PIN_FAILURE, Kind.STAFF_LOCKED}
)
CASH_BUCKETS = (
    "sales",
    "card_sales",
    "transfer_sales",
    "topups",
    "gift_cards",
    "memberships",
    "refunds",
    "card_refunds",
    "transfer_refunds",
)


def takings(s: DbSession, till_id: str, since: str, until: str | None) -> dict[str, Any]:
    """Counts and sums per kind and the cash they brought, for this till between two times.

    The cash figures are the registry's buckets (`entries.takings_of`), so a new kind that moves
    money at the counter is one registry row, not another branch here.
    """
    kinds: dict[str, dict[str, int]] = {}
    cash = dict.fromkeys(CASH_BUCKETS, 0)
    discounts = {"total": 0, "vouchers": 0}
    for e in ledger.till_entries(s, till_id, since, until):
        kind, amount, payload = e.kind, e.amount, e.payload
        if kind in NOT_TAKINGS:
            continue
        k = kinds.setdefault(kind.value, {"count": 0, "sum": 0})
        k["count"] += 1
        if kind == Kind.VOUCHER_USE:
            # What the voucher took off the bill: the sum of a use is its discount.
            off = int(payload.get("discount") or 0)
            k["sum"] += off
            discounts["vouchers"] += off
            continue
        if kind == Kind.SALE:
            discounts["total"] += int(payload.get("discount") or 0)
        k["sum"] += (
            int(amount)
            if amount
            else int(payload.get("amount", 0) or payload.get("refund_amount", 0))
        )
        spec = entries.REGISTRY[kind]
        if spec.cash is None:
            continue
        errors: list[str] = []
        typed = spec.payload.parse(payload, errors)
        if typed is None:
            raise LoyaltyError("entry.invalid", f"{kind}: " + "; ".join(errors), kind=kind,
                               errors=errors)
        for bucket, value in takings_of(spec, typed, amount).items():
            cash[bucket] += value
    collected = (
        cash["sales"] + cash["topups"] + cash["gift_cards"] + cash["memberships"] - cash["refunds"]
    )
    return {"kinds": kinds, "cash": cash, "cash_collected": collected, "discounts": discounts}


def z_report(core: Core, s: DbSession, shift_id: str) -> dict[str, Any]:
    shift = people.shift(s, shift_id)
    if shift is None:
        raise LoyaltyError("shift.unknown", "unknown shift")
    figures = takings(s, core.store.till_id, shift.opened_at, shift.closed_at)
    return {
        "shift_id": shift.id,
        "opened_at": shift.opened_at,
        "closed_at": shift.closed_at,
        "opening_float": shift.opening_float,
        **figures,
        "expected_drawer": shift.opening_float + figures["cash_collected"],
    }


def shift_report(core: Core, shift_id: str) -> dict[str, Any]:
    """The Z report of a shift so far: counts and sums per kind, cash, expected drawer."""
    with core.store.read() as s:
        return z_report(core, s, shift_id)


def day_bounds(core: Core, day: date | None = None) -> tuple[str, str]:
    """The shop's calendar day as a UTC range, the form the journal's times take."""
    rules = core.rules()
    return shopday.day_bounds(day or core.today(rules), shopday.shop_zone(rules.data))


def day_report(core: Core, day: date | None = None) -> dict[str, Any]:
    """The supervisor's day at this till, across every shift of it."""
    since, until = day_bounds(core, day)
    with core.store.read() as s:
        floats = people.opening_floats(s, since, until)
        figures = takings(s, core.store.till_id, since, until)
        closed = people.shifts_closed(s, since, until)
    return {
        "since": since,
        "until": until,
        **figures,
        "opening_floats": floats,
        "expected_drawer": floats + figures["cash_collected"],
        "closed_shifts": [
            {
                "shift_id": shift_id,
                "closed_at": closed_at,
                "closed_by": report.get("closed_by"),
                "counted_cash": report.get("counted_cash"),
                "difference": report.get("difference"),
                "difference_reason": report.get("difference_reason"),
            }
            for shift_id, closed_at, report in closed
        ],
    }


def close_shift(
    core: Core,
    operation_id: str,
    staff_id: str,
    shift_id: str,
    counted_cash: int | None = None,
    difference_reason: str | None = None,
) -> dict[str, Any]:
    """Close with a Z report; the report is a journal entry so head office receives it.

    A counted drawer that differs from the expected one closes only with the reason for it,
    kept in the shift.close entry (so head office and the supervisor screen see it too).
    """
    if counted_cash is not None:
        check_amount(counted_cash, "counted_cash", allow_zero=True)
    reason = clean_text(difference_reason, "difference_reason")

    def body(ctx: Context) -> dict[str, Any]:
        if not approvals.has_role(ctx, staff_id, APPROVER_ROLES):
            raise LoyaltyError("staff.role", "only a supervisor or manager can close a shift")
        shift = people.shift(ctx.session, shift_id)
        if shift is None:
            raise LoyaltyError("shift.unknown", "unknown shift")
        if shift.closed_at is not None:
            raise LoyaltyError("shift.closed", "shift already closed")
        report = z_report(core, ctx.session, shift_id)
        report["closed_at"] = ctx.journal.created_at
        report["closed_by"] = staff_id
        payload: dict[str, Any] = {"shift_id": shift_id, "report": report}
        if counted_cash is not None:
            report["counted_cash"] = counted_cash
            report["difference"] = counted_cash - report["expected_drawer"]
            if report["difference"] and reason is None:
                raise LoyaltyError(
                    "shift.reason_required",
                    "the drawer differs from the expected cash: give the reason",
                    difference=report["difference"],
                )
        if reason is not None and report.get("difference"):
            payload["difference_reason"] = reason
        ctx.journal.post(Kind.SHIFT_CLOSE, payload=payload)
        return {**report, "difference_reason": payload.get("difference_reason")}

    return core.run(operation_id, "shift.close", staff_id, body)
