"""Limited resources held at head office around the till's checkout, as separate steps.

The protocol is: authorise (hold at head office everything the operation uses: stored value,
points, a voucher's use, a reward's unit; or, head office unreachable, within the offline
allowance), commit the sale locally, then confirm the hold, or release it when the sale did not
commit. The hold carries the operation id, so if the till dies between its commit and the
confirm, the pushed entries settle the hold at head office.
The steps are kept apart, rather than wrapped around a checkout call, because they wait on
different things: authorise, confirm and release wait on the network, the checkout waits on
SQLite. The cashier program runs the network steps on its network lane and the checkout on its
database lane, so a head-office time-out never freezes a customer lookup queued behind it.
`SpendHold.run` chains the same steps in one thread for callers without lanes.

No Qt here: the till's UI is one caller among others (tests, scripts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from loyalty_core import syncallowance
from loyalty_core.errors import LoyaltyError
from loyalty_core.pricing import clean_voucher_code
from sync.till.allowance import Item
from sync.till.offline import SpendDecision, StoredValueGuard

T = TypeVar("T")


@dataclass(frozen=True)
class Settled:
    """How a hold ended: `confirmed` or `released` says whether head office heard it.

    False is not an error: the sale stands (or stays undone) and an unconfirmed hold expires or
    is settled when the spend entry reaches head office.
    """

    decision: SpendDecision
    committed: bool
    acknowledged: bool


class SpendHold:
    """What one operation spends of the limited resources; every step may be retried by the
    caller.

    `operation_id` is the sale's: head office links the confirmed hold to the spend entry
    that sync will push with the same id. `override_approval_id` is a supervisor's approval to
    spend over the offline limit while head office cannot be reached.
    """

    def __init__(
        self,
        guard: StoredValueGuard,
        card_id: str | None,
        amount: int,
        operation_id: str,
        override_approval_id: str | None = None,
        items: tuple[Item, ...] | None = None,
    ) -> None:
        self.guard = guard
        self.card_id = card_id
        self.amount = amount
        self.operation_id = operation_id
        self.override_approval_id = override_approval_id
        self.items = items if items is not None else (Item("stored_value", amount),)
        self.decision: SpendDecision | None = None

    def authorise(self) -> SpendDecision:
        """Step 1 (network): may reserve at head office; raises `ApprovalRequired` when only a
        supervisor can let the spend through, `LoyaltyError` when head office refuses."""
        self.decision = self.guard.authorise_items(
            self.card_id, self.items, self.operation_id, approval_id=self.override_approval_id
        )
        return self.decision

    def confirm(self) -> Settled:
        """Step 3 after the checkout committed (network)."""
        decision = self._authorised()
        return Settled(decision, True, self.guard.confirm(decision, self.operation_id))

    def release(self) -> Settled:
        """Step 3 after the checkout failed or was given up (network)."""
        decision = self._authorised()
        return Settled(decision, False, self.guard.release(decision))

    def run(self, checkout: Callable[[], T]) -> T:
        """The whole protocol in this thread: authorise, `checkout`, then confirm or release."""
        self.authorise()
        try:
            result = checkout()
        except BaseException:
            self.release()
            raise
        self.confirm()
        return result

    def _authorised(self) -> SpendDecision:
        if self.decision is None:
            raise RuntimeError("the spend was never authorised")
        return self.decision


def hold_for(
    guard: StoredValueGuard | None,
    card_id: str | None,
    amount: int,
    operation_id: str,
    override_approval_id: str | None = None,
    *,
    points: int = 0,
    voucher_code: str | None = None,
) -> SpendHold | None:
    """The hold a sale needs, or None: no guard (an unregistered till or the demo spends
    without a limit), or nothing limited in the sale (no stored value, no points, no voucher
    this till knows)."""
    if guard is None:
        return None
    items: list[Item] = []
    if card_id and amount:
        items.append(Item("stored_value", amount))
    if card_id and points:
        items.append(Item("points", points))
    if voucher_code:
        try:
            code = clean_voucher_code(voucher_code)
        except LoyaltyError:  # a malformed code: the engine refuses it with its own words
            code = None
        if code:
            with guard.store.read() as s:
                found = syncallowance.voucher(s, code)
            if found is not None:
                items.append(Item("voucher", 1, found[0]))
    if not items:
        return None
    return SpendHold(guard, card_id or None, amount if card_id else 0, operation_id,
                     override_approval_id, tuple(items))


def reward_hold(
    guard: StoredValueGuard | None,
    card_id: str,
    reward_code: str,
    operation_id: str,
    override_approval_id: str | None = None,
) -> SpendHold | None:
    """The hold a reward redemption needs: its points and one unit of this store's stock."""
    if guard is None:
        return None
    with guard.store.read() as s:
        found = syncallowance.reward(s, reward_code, guard.store_id)
    if found is None:
        return None  # unknown here: the engine refuses it
    reward_id, cost, _stock = found
    items = (Item("points", cost), Item("reward", 1, reward_id))
    return SpendHold(guard, card_id, 0, operation_id, override_approval_id, items)
