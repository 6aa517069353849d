"""Sales, top-ups and gift cards: the quote, and the sale with its stored-value hold.

A sale paying from stored value on a registered till runs the hold protocol of `sync.till.holds`
over two lanes: authorise on the network lane, checkout on the db lane, then confirm (or
release, when the checkout failed) on the network lane. The sale dialog only says "pay".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.runner import DB, NETWORK, CollectionOp, OpChanges, QueryOp, Runner

if TYPE_CHECKING:
    from loyalty_core.engine import Loyalty
    from loyalty_core.rules import Rules
    from sync.till.holds import Settled, SpendHold
    from sync.till.offline import StoredValueGuard

log = logging.getLogger(__name__)

# The approval a supervisor gives to spend over the offline limit: the guard's, not the engine's.
OFFLINE_OVERRIDE = "stored_value_offline"
# The same override for points, a voucher or a reward while head office cannot be reached.
RESOURCE_OVERRIDE = "resource_offline"


@dataclass(frozen=True)
class SaleRequest:
    """Everything the cashier typed for one sale; `operation_id` is the dialog's, reused on
    every retry so a sale is written at most once."""

    operation_id: str
    cashier_id: str | None
    card_number: str | None
    amount: int
    points: int = 0
    stored_value: int = 0
    lines: tuple[dict[str, Any], ...] = ()
    tender: str = "cash"
    shift_id: str | None = None
    voucher_code: str | None = None
    approval_id: str | None = None  # the engine's (redeem policy), never the offline override
    # A split payment, (tender, amount) pairs summing to what is due; empty: all on `tender`.
    tenders: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Quote:
    """What the sale would come to, shown before confirm; nothing is written to get it."""

    net: int  # after every discount
    discount: int  # the voucher's included
    voucher_discount: int
    discount_bp: int
    discount_source: str | None  # tier, membership or discount card: whichever was best
    points_value: int
    stored_value_used: int
    cash_due: int
    points_earned: int
    multipliers: dict[str, int]  # earn boosts by source, in percent
    cashback: int

    @classmethod
    def from_engine(cls, quote: dict[str, Any]) -> Quote:
        return cls(
            net=int(quote["net"]),
            discount=int(quote["discount"]),
            voucher_discount=int(quote.get("voucher_discount") or 0),
            discount_bp=int(quote.get("discount_bp") or 0),
            discount_source=quote.get("discount_source"),
            points_value=int(quote["points_value"]),
            stored_value_used=int(quote["stored_value_used"]),
            cash_due=int(quote["cash_due"]),
            points_earned=int(quote["points_earned"]),
            multipliers=dict(quote.get("multipliers") or {}),
            cashback=int(quote.get("cashback") or 0),
        )


@dataclass(frozen=True)
class Paid:
    """A committed sale; `hold` says how its stored-value hold ended (None: there was none)."""

    sale: dict[str, Any]
    hold: Settled | None = None


def split_approvals(
    approvals: dict[str, str], approval_id: str | None
) -> tuple[str | None, str | None]:
    """(offline override for the guard, approval for the engine) out of those given so far.

    A sale can need two: one for the offline stored-value limit, one for the engine's policy.
    """
    others = dict(approvals)
    override = others.pop(OFFLINE_OVERRIDE, None)
    override = others.pop(RESOURCE_OVERRIDE, None) or override
    engine_approval = approval_id if approval_id != override else None
    if engine_approval is None and others:
        engine_approval = list(others.values())[-1]
    return override, engine_approval


def rules(runner: Runner, success: Callable[[Rules], None]) -> QueryOp[Rules]:
    return QueryOp(runner, lambda lo: lo.rules(), success, label="rules")


def quote(
    runner: Runner,
    card_number: str | None,
    amount: int,
    points: int,
    stored_value: int,
    voucher_code: str | None,
    success: Callable[[Quote], None],
) -> QueryOp[Quote]:
    return QueryOp(
        runner,
        lambda lo: Quote.from_engine(
            lo.quote(card_number, amount, points, stored_value, voucher_code=voucher_code)
        ),
        success,
        label="quote",
    )


def upcoming_receipt_no(runner: Runner, success: Callable[[str], None]) -> QueryOp[str]:
    """The receipt number the next sale gets: a bank transfer's reference, shown beforehand."""
    return QueryOp(runner, lambda lo: lo.upcoming_receipt_no(), success, label="receipt number")


def checkout(loyalty: Loyalty, sale: SaleRequest) -> dict[str, Any]:
    return loyalty.checkout(
        sale.operation_id,
        sale.cashier_id,
        sale.card_number,
        sale.amount,
        points_to_redeem=sale.points,
        stored_value_to_use=sale.stored_value,
        lines=list(sale.lines) or None,
        tender=sale.tender,
        shift_id=sale.shift_id,
        approval_id=sale.approval_id,
        voucher_code=sale.voucher_code,
        tenders=dict(sale.tenders) or None,
    )


class PayOp:
    """A sale, run as one op (`BackgroundOp`): its `success` gets a `Paid`.

    Without a hold it is one step on the db lane. With one, each step is submitted from the
    GUI thread when the one before it finished, so the db lane never waits on head office and
    lookups queued meanwhile run at once.
    """

    def __init__(self, runner: Runner, sale: SaleRequest, hold: SpendHold | None) -> None:
        self._runner = runner
        self._sale = sale
        self._hold = hold
        self._success: Callable[[Paid], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None

    def success(self, fn: Callable[[Paid], None]) -> PayOp:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> PayOp:
        self._failure = fn
        return self

    def run_in_background(self) -> None:
        if self._hold is None:
            self._run_checkout()
            return
        self._runner.submit(
            self._hold.authorise,
            success=lambda _decision: self._run_checkout(),
            failure=self._failed,
            label="stored value hold",
            lane=NETWORK,
        )

    def _run_checkout(self) -> None:
        sale = self._sale
        self._runner.submit_op(
            lambda lo: checkout(lo, sale),
            success=self._committed,
            failure=self._not_committed,
            label="sale",
            lane=DB,
        )

    def _committed(self, result: dict[str, Any]) -> None:
        hold = self._hold
        if hold is None:
            self._paid(Paid(result))
            return

        def unconfirmed(exc: BaseException) -> None:
            # The sale stands whatever head office heard; the hold expires or is settled by sync.
            log.warning("could not confirm the hold of sale %s: %r", self._sale.operation_id, exc)
            self._paid(Paid(result))

        self._runner.submit(
            hold.confirm,
            success=lambda settled: self._paid(Paid(result, settled)),
            failure=unconfirmed,
            label="confirm hold",
            lane=NETWORK,
        )

    def _not_committed(self, exc: BaseException) -> None:
        hold = self._hold
        if hold is None:
            self._failed(exc)
            return
        # Release before reporting, as before: a retry after a supervisor's approval reserves anew.
        self._runner.submit(
            hold.release,
            success=lambda _settled: self._failed(exc),
            failure=lambda _release_exc: self._failed(exc),
            label="release hold",
            lane=NETWORK,
        )

    def changes_of(self, result: Paid) -> OpChanges:
        return OpChanges("sale", self._sale.card_number, result.sale)

    def _paid(self, paid: Paid) -> None:
        if self._success is not None:
            self._success(paid)
        self._runner.changed.emit(self.changes_of(paid))

    def _failed(self, exc: BaseException) -> None:
        if self._failure is not None:
            self._failure(exc)
        else:
            self._runner.failed.emit(exc)


def pay(
    runner: Runner,
    sale: SaleRequest,
    *,
    guard: StoredValueGuard | None,
    card_id: str | None,
    offline_override: str | None = None,
) -> PayOp:
    """The sale, with a stored-value hold when the till is registered and the customer pays
    from stored value."""
    hold = None
    if guard is not None:  # only on a registered till, where sync is loaded already
        from sync.till.holds import hold_for

        hold = hold_for(guard, card_id, sale.stored_value, sale.operation_id, offline_override,
                        points=sale.points, voucher_code=sale.voucher_code)
    return PayOp(runner, sale, hold)


def top_up(
    runner: Runner,
    operation_id: str,
    cashier_id: str | None,
    card_number: str,
    amount: int,
    *,
    shift_id: str | None,
    approval_id: str | None,
) -> CollectionOp[dict[str, Any]]:
    return CollectionOp(
        runner,
        lambda lo: lo.top_up(
            operation_id,
            cashier_id,
            card_number,
            amount,
            shift_id=shift_id,
            approval_id=approval_id,
        ),
        lambda result: OpChanges("topup", card_number, result),
        label="top up",
    )


def sell_gift_card(
    runner: Runner,
    operation_id: str,
    cashier_id: str | None,
    amount: int,
    card_number: str | None,
    *,
    shift_id: str | None,
    approval_id: str | None,
) -> CollectionOp[dict[str, Any]]:
    return CollectionOp(
        runner,
        lambda lo: lo.sell_gift_card(
            operation_id,
            cashier_id,
            amount,
            card_number,
            shift_id=shift_id,
            approval_id=approval_id,
        ),
        lambda result: OpChanges("gift.sell", result["card_number"], result),
        label="gift card",
    )
