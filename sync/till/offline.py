"""Stored value spent with or without head office: the offline limit and online reservations.

Two tills that both see a gift card's last known balance could each spend all of it offline.
The limit bounds that: per card, per shop day, this till lets at most `daily_limit` đồng go
without asking head office. Above it, head office must hold the money (reserve, then confirm
once the sale committed or release if it did not); when head office cannot be reached, only a
supervisor override lets the spend through.

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

from loyalty_core import syncstore
from loyalty_core.engine import Loyalty
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.store import Store
from sync.till.client import HeadOfficeClient, Refused, SyncError, Unreachable
from sync.till.worker import local_day_bounds, shop_zone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpendDecision:
    """How a stored-value spend was allowed; `reservation_id` is set for online holds."""

    mode: Literal["offline", "online", "override"]
    card_id: str
    amount: int
    reservation_id: str | None = None


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
    ) -> None:
        if daily_limit is not None and (not isinstance(daily_limit, int) or daily_limit < 0):
            raise ValueError("daily_limit is a non-negative whole number of đồng")
        self.store = store
        self.client = client
        self._fixed_limit = daily_limit
        self._fixed_zone = None if tz is None else ZoneInfo(tz)
        self._now = now

    @property
    def daily_limit(self) -> int:
        """The fixed limit given, else the program rules' `offline_stored_value_limit` (head
        office changes it by publishing a new rule version)."""
        if self._fixed_limit is not None:
            return self._fixed_limit
        # The rules are merged over `loyalty_core.rules.DEFAULT_RULES`: the key is always there.
        return int(Loyalty(self.store).rules().data["offline_stored_value_limit"])

    @property
    def zone(self) -> ZoneInfo:
        """The zone given, else the shop's day of the program rules (`loyalty_core.shopday`)."""
        return self._fixed_zone or shop_zone(self.store)

    def spent_offline_today(self, card_id: str) -> int:
        zone = self.zone
        since, until = local_day_bounds(self._now(zone).date(), zone)
        with self.store.read() as s:
            return syncstore.offline_stored_value_spent(
                s, self.store.till_id, card_id, since, until
            )

    def offline_allowance(self, card_id: str) -> int:
        """What this card may still spend here today without asking head office."""
        with self.store.read() as s:
            flagged = syncstore.card_flag(s, card_id)
            balance = syncstore.stored_value_balance(s, card_id)
        if flagged:
            return 0  # head office saw it overdrawn: every spend must be held online
        return max(0, min(balance, self.daily_limit - self.spent_offline_today(card_id)))

    def authorise(
        self, card_id: str, amount: int, operation_id: str, approval_id: str | None = None
    ) -> SpendDecision:
        """Within the allowance: offline. Otherwise reserve online; offline and over: override.

        Raises `ApprovalRequired` when only a supervisor can allow it, and `LoyaltyError`
        (`stored_value.refused_by_head_office`) when head office says the money is not there.
        """
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise LoyaltyError("amount.out_of_range", "amount must be a positive whole number")
        if amount <= self.offline_allowance(card_id):
            return SpendDecision("offline", card_id, amount)
        try:
            reservation_id = self.reserve(card_id, amount)
        except Unreachable:
            if approval_id is not None:
                return SpendDecision("override", card_id, amount)
            raise ApprovalRequired(
                "stored_value_offline", "offline_limit", value=amount, limit=self.daily_limit
            ) from None
        with self.store.write() as s:
            syncstore.mark_online_authorised(s, operation_id, reservation_id)
        return SpendDecision("online", card_id, amount, reservation_id)

    def reserve(self, card_id: str, amount: int) -> str:
        """Hold `amount` at head office; retried once on a lost reply with the same id."""
        if self.client is None:
            raise Unreachable("no head office configured")
        reservation_id = new_id()
        for attempt in range(2):
            try:
                self.client.reserve(reservation_id, card_id, amount)
                return reservation_id
            except Unreachable:
                if attempt == 1:
                    raise
            except Refused as exc:
                if exc.code == "reserve.insufficient":
                    available = (exc.detail or {}).get("available")
                    raise LoyaltyError(
                        "stored_value.refused_by_head_office",
                        "head office does not hold that much on this card",
                        available=available,
                    ) from exc
                if exc.code == "reserve.foreign_card":
                    raise LoyaltyError(
                        "stored_value.foreign_card_limit",
                        "head office limits holds on another store's prepaid or gift card",
                    ) from exc
                raise
        raise AssertionError("unreachable")

    def confirm(self, decision: SpendDecision | str, operation_id: str) -> bool:
        """After the sale committed. A failure is logged, not raised: the sale stands, and the
        hold expires or is settled when the spend entry reaches head office."""
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
