"""Every limited resource spent with or without head office: online holds first, then the
offline allowance, then a supervisor's override.

Stored value, points, a voucher's uses and a reward's units are each limited, and every till
sees only its own last copy of them. So whenever head office answers within the counter's
budget (`HOLD_BUDGET_S`), it holds what the operation uses (all of it or nothing: one
`/holds` call), the till commits, then confirms (or releases). Only when head office cannot be
reached does the till decide alone, within its share of the chain's offline limits
(`sync.till.allowance`: the share is split between the chain's tills, so N tills offline
never let more go than one would); above it, only a supervisor override lets it through. When
head office refuses (the money, points, uses or stock are not there) the operation stops.

The steps around `Loyalty.checkout` (authorise, then confirm or release) are run by
`sync.till.holds.SpendHold`: the app runs authorise, confirm and release on its network lane
and the checkout on its database lane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from loyalty_core import shopday, syncallowance, syncstore
from loyalty_core.engine import Loyalty
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.rewards import store_id as reward_store
from loyalty_core.store import Store
from sync.till.allowance import Day, Item, allowance
from sync.till.client import HeadOfficeClient, Refused, SyncError, Unreachable
from sync.till.worker import local_day_bounds
from sync.wire.models import HoldItem, HoldRequest

log = logging.getLogger(__name__)

# How long the counter waits for head office before deciding offline (issue 12: "a short
# counter budget").
HOLD_BUDGET_S = 1.5
# What the refusal of each resource is called at the counter (app/messages.py words them).
REFUSED = {
    "stored_value": "stored_value.refused_by_head_office",
    "points": "points.insufficient",
    "voucher": "voucher.used_up",
    "reward": "reward.out_of_stock",
}


@dataclass(frozen=True)
class SpendDecision:
    """How a spend was allowed: `hold_id` (or, for the older stored-value-only reservations,
    `reservation_id`) is set for online holds; `amount` is the stored value in it."""

    mode: Literal["offline", "online", "override"]
    card_id: str
    amount: int
    reservation_id: str | None = None
    hold_id: str | None = None
    items: tuple[Item, ...] = ()


class StoredValueGuard:
    """Decides whether a stored-value spend may go ahead, and holds it at head office if not."""

    def __init__(
        self,
        store: Store,
        client: HeadOfficeClient | None,
        daily_limit: int | None = None,
        *,
        tz: str | None = None,
        now: Callable[[ZoneInfo], datetime] = datetime.now,
        budget_s: float = HOLD_BUDGET_S,
    ) -> None:
        """`budget_s`: how long the counter waits for head office's hold before deciding
        offline."""
        if daily_limit is not None and (not isinstance(daily_limit, int) or daily_limit < 0):
            raise ValueError("daily_limit is a non-negative whole number of đồng")
        self.store = store
        self.client = client
        # One facade for the guard's life: its rules cache parses each version once, where a
        # facade per question parsed the rules again at every spend.
        self._engine = Loyalty(store)
        self._fixed_limit = daily_limit
        self._fixed_zone = None if tz is None else ZoneInfo(tz)
        self._now = now
        self.budget_s = budget_s

    @property
    def daily_limit(self) -> int:
        """The fixed limit given, else the program rules' `offline_stored_value_limit` (head
        office changes it by publishing a new rule version)."""
        if self._fixed_limit is not None:
            return self._fixed_limit
        # The rules are merged over `loyalty_core.rules.DEFAULT_RULES`: the key is always there.
        return int(self._engine.rules().data["offline_stored_value_limit"])

    @property
    def zone(self) -> ZoneInfo:
        """The zone given, else the shop's day of the program rules (`loyalty_core.shopday`)."""
        return self._fixed_zone or shopday.shop_zone(self._engine.rules().data)

    def spent_offline_today(self, card_id: str) -> int:
        zone = self.zone
        since, until = local_day_bounds(self._now(zone).date(), zone)
        with self.store.read() as s:
            return syncstore.offline_stored_value_spent(
                s, self.store.till_id, card_id, since, until
            )

    def offline_allowance(self, card_id: str) -> int:
        """What this card may still spend here today without asking head office: this till's
        share of the chain's limit (`sync.till.allowance`)."""
        return self.allowance(card_id, Item("stored_value", 1))

    def allowance(self, card_id: str | None, item: Item) -> int:
        """What `item`'s resource may still give here without head office."""
        return allowance(self.store, card_id, item, self.day(), self.daily_limit,
                         self.points_limit, self.store_id)

    @property
    def store_id(self) -> str:
        """The store whose reward stock this till uses."""
        return reward_store(self._engine.core)

    def authorise(
        self, card_id: str, amount: int, operation_id: str, approval_id: str | None = None
    ) -> SpendDecision:
        """A stored-value spend: `authorise_items` with the one item."""
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise LoyaltyError("amount.out_of_range", "amount must be a positive whole number")
        return self.authorise_items(
            card_id, (Item("stored_value", amount),), operation_id, approval_id
        )

    def authorise_items(
        self, card_id: str | None, items: tuple[Item, ...], operation_id: str,
        approval_id: str | None = None,
    ) -> SpendDecision:
        """Online hold first; head office unreachable: within the offline allowance, or a
        supervisor's override (`approval_id`).

        Raises `ApprovalRequired` when only a supervisor can allow it, and `LoyaltyError` (the
        resource's refusal code, `REFUSED`) when head office says it is not there.
        """
        for item in items:
            if (not isinstance(item.amount, int) or isinstance(item.amount, bool)
                    or item.amount <= 0):
                raise LoyaltyError("amount.out_of_range", "amount must be a positive whole number")
        sv = sum(i.amount for i in items if i.resource == "stored_value")
        try:
            hold_id = self.hold(card_id, items, operation_id)
        except Unreachable:
            pass
        else:
            with self.store.write() as s:
                syncstore.mark_online_authorised(s, operation_id, hold_id)
            return SpendDecision("online", card_id or "", sv, hold_id=hold_id, items=items)
        day = self.day()
        store_id = self.store_id
        over = [
            i for i in items
            if i.amount > allowance(self.store, card_id, i, day, self.daily_limit,
                                    self.points_limit, store_id)
        ]
        if not over:
            return SpendDecision("offline", card_id or "", sv, items=items)
        if approval_id is not None:
            return SpendDecision("override", card_id or "", sv, items=items)
        first = over[0]
        raise ApprovalRequired(
            "stored_value_offline" if first.resource == "stored_value" else "resource_offline",
            "offline_limit", value=first.amount if first.resource == "stored_value" else sv,
            # A count of uses or units is not money: no limit in đồng to show the supervisor.
            limit=self.daily_limit if first.resource == "stored_value" else 0,
            resource=first.resource,
        ) from None

    def day(self) -> Day:
        zone = self.zone
        today = self._now(zone).date()
        since, until = local_day_bounds(today, zone)
        return Day(since, until, today.isoformat())

    @property
    def points_limit(self) -> int:
        return int(self._engine.rules().data.get("offline_points_limit", 0))

    def hold(self, card_id: str | None, items: tuple[Item, ...], operation_id: str) -> str:
        """Hold every item at head office within the counter's budget; its id.

        `Unreachable` also when head office's figure cannot judge: it refused a balance this
        till has moved since its last push (head office is behind us on that card).
        """
        if self.client is None:
            raise Unreachable("no head office configured")
        hold_id = new_id()
        req = HoldRequest(
            hold_id=hold_id, operation_id=operation_id, card_id=card_id,
            items=[HoldItem(resource=i.resource, subject=i.subject, amount=i.amount)
                   for i in items],
        )
        try:
            self.client.hold(req, timeout=self.budget_s)
        except Refused as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {}
            if exc.code == "reserve.insufficient":
                resource = str(detail.get("resource") or "stored_value")
                if card_id is not None and resource in ("stored_value", "points"):
                    with self.store.read() as s:
                        behind = syncallowance.unpushed_for_card(
                            s, self.store.till_id, card_id, syncstore.acked(s)[0]
                        )
                    if behind:
                        raise Unreachable("head office is behind on this card") from exc
                available = detail.get("available")
                raise LoyaltyError(
                    REFUSED.get(resource, "stored_value.refused_by_head_office"),
                    "head office does not hold that much",
                    available=available, resource=resource,
                ) from exc
            if exc.code == "reserve.foreign_card":
                raise LoyaltyError(
                    "stored_value.foreign_card_limit",
                    "head office limits holds on another store's prepaid or gift card",
                ) from exc
            raise
        return hold_id

    def confirm(self, decision: SpendDecision | str, operation_id: str) -> bool:
        """After the sale committed. A failure is logged, not raised: the sale stands, and the
        hold expires or is settled when the spend entry reaches head office."""
        if isinstance(decision, SpendDecision) and decision.hold_id is not None:
            if self.client is None:
                return False
            try:
                self.client.confirm_hold(decision.hold_id, operation_id)
                return True
            except SyncError as exc:
                log.warning("could not confirm hold %s: %s", decision.hold_id, exc)
                return False
        reservation_id = (
            decision.reservation_id if isinstance(decision, SpendDecision) else decision
        )
        if reservation_id is None or self.client is None:
            return False
        try:
            self.client.confirm(reservation_id, operation_id)
            return True
        except SyncError as exc:
            log.warning("could not confirm reservation %s: %s", reservation_id, exc)
            return False

    def release(self, decision: SpendDecision | str) -> bool:
        """After the sale failed; a failure only means the hold lasts until it expires."""
        if isinstance(decision, SpendDecision) and decision.hold_id is not None:
            if self.client is None:
                return False
            try:
                self.client.release_hold(decision.hold_id)
                return True
            except SyncError as exc:
                log.warning("could not release hold %s: %s", decision.hold_id, exc)
                return False
        reservation_id = (
            decision.reservation_id if isinstance(decision, SpendDecision) else decision
        )
        if reservation_id is None or self.client is None:
            return False
        try:
            self.client.release(reservation_id)
            return True
        except SyncError as exc:
            log.warning("could not release reservation %s: %s", reservation_id, exc)
            return False
