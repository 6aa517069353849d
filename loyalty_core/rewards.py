"""Rewards bought with points, from the stock of this till's store."""

from __future__ import annotations

from typing import Any

from loyalty_core import approvals, cards
from loyalty_core.bounds import MAX_NAME
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.operations import Context, Core
from loyalty_core.queries import catalog, ledger
from loyalty_core.sales import consume_lots
from loyalty_core.validation import amount, clean_text


def store_id(core: Core) -> str:
    """The store whose reward stock this till uses: head office's word once registered."""
    with core.store.read() as s:
        registered = catalog.setting(s, "sync_state", "ho.store_id")
        local = catalog.setting(s, "settings", "store_id")
        return registered or local or "main"


def rewards_available(core: Core, card_number: str | None = None) -> list[dict[str, Any]]:
    """Only rewards in stock at this store are offered; `affordable` says if points cover it."""
    here = store_id(core)
    with core.store.read() as s:
        points = None
        if card_number:
            card = cards.card(core, s, card_number, for_use=False)
            today = core.today(core.current_rules(s)).isoformat()
            points = ledger.usable_balance(s, card.id, "points", today)
        return [
            {
                "code": r.code,
                "name": r.name,
                "points_cost": r.points_cost,
                "stock": q,
                "affordable": points is None or points >= r.points_cost,
            }
            for r, q in catalog.rewards_in_stock(s, here)
        ]


def redeem_reward(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    card_number: str,
    reward_code: str,
    *,
    approval_id: str | None = None,
) -> dict[str, Any]:
    here = store_id(core)

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        card = cards.card(core, s, card_number)
        reward = catalog.reward(s, reward_code)
        if reward is None:
            raise LoyaltyError("reward.unknown", "unknown reward")
        stock = catalog.reward_stock(s, reward.id, here)
        if stock is None or stock <= 0:
            raise LoyaltyError("reward.out_of_stock", "reward out of stock", name=reward.name)
        available = ledger.usable_balance(s, card.id, "points", ctx.today.isoformat())
        if available < reward.points_cost:
            raise LoyaltyError("points.insufficient", "not enough points", available=available)
        value = reward.points_cost * ctx.rules.point_value
        approvals.require(
            ctx, "redeem", "redeem_value_over", value, approval_id, staff_id, card_id=card.id
        )
        lots = consume_lots(s, card.id, reward.points_cost, ctx.today.isoformat())
        ctx.journal.post(
            Kind.REWARD_REDEEM,
            card_id=card.id,
            account="points",
            amount=-reward.points_cost,
            payload={"lots": lots, "reward_id": reward.id, "store_id": here, "name": reward.name},
        )
        return {
            "reward": reward.name,
            "points": reward.points_cost,
            "stock_left": stock - 1,
            "balances": ledger.usable_balances(s, card.id, ctx.today.isoformat()),
        }

    return core.run(operation_id, "reward.redeem", staff_id, body)


def define_reward(core: Core, code: str, name: str, points_cost: int, stock: int) -> str:
    """Head office owns rewards; the demo and first set-up define them here."""
    code = clean_text(code, "code", required=True, max_len=32) or ""
    name = clean_text(name, "name", required=True, max_len=MAX_NAME) or ""
    amount(points_cost, "points_cost")
    amount(stock, "stock", allow_zero=True)
    here = store_id(core)
    reward_id = new_id()
    with core.store.write() as s:
        if catalog.reward(s, code) is not None:
            raise LoyaltyError("reward.code_taken", "a reward already has this code", reward_code=code)
        catalog.add_reward(s, reward_id, code, name, points_cost, here, stock)
    return reward_id
