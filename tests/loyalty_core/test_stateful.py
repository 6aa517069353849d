"""Random sequences of counter operations against a simple model of what balances must be.

Whatever order cashiers do things in, and however often they retry, the journal must prove the
balances (`verify`), no balance goes negative, and the engine agrees with the model.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule

from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests import hodefs
from tests.loyalty_core.conftest import make_shop

amounts = st.integers(min_value=1_000, max_value=3_000_000)


class CounterMachine(RuleBasedStateMachine):
    cards = Bundle("cards")
    vouchers = Bundle("vouchers")

    def __init__(self) -> None:
        super().__init__()
        self._dir = tempfile.TemporaryDirectory()
        self.shop = make_shop(Path(self._dir.name) / "till.sqlite3")
        self.model: dict[str, dict[str, int]] = {}
        self.sales: list[tuple[str, str]] = []  # (sale id, card number)
        self.replaced: dict[str, str] = {}  # lost card number -> its replacement's
        self.shop.loyalty.define_reward("MUG", "Cốc", 30, stock=3)
        hodefs.define_program(self.shop.loyalty, "cashback", "Hoàn tiền", {"bp": 100})

    def teardown(self) -> None:
        self.shop.store.close()
        self._dir.cleanup()

    @rule(target=cards, kind=st.sampled_from(["member", "combined"]))
    def enroll(self, kind: str) -> str:
        number = self.shop.loyalty.enroll_member(
            new_id(), self.shop.cashier, "Phạm Thu Hà", card_kind=kind
        )["card_number"]
        self.model[number] = {"points": 0, "stored_value": 0}
        return number

    @rule(target=cards, amount=amounts)
    def gift(self, amount: int) -> str:
        try:
            number = self.shop.loyalty.sell_gift_card(new_id(), self.shop.cashier, amount)[
                "card_number"
            ]
        except ApprovalRequired:
            return self.enroll("member")
        self.model[number] = {"points": 0, "stored_value": amount}
        return number

    @rule(target=vouchers, value=st.integers(1_000, 200_000), uses=st.integers(1, 3))
    def issue_voucher(self, value: int, uses: int) -> str:
        from loyalty_core.shopday import shop_today, shop_zone

        today = shop_today(shop_zone()).isoformat()
        return hodefs.issue_vouchers(self.shop.loyalty, new_id(),
            self.shop.cashier,
            kind="fixed",
            value=value,
            valid_from=today,
            valid_to=today,
            max_uses=uses,
        )["codes"][0]

    @rule(card=cards, voucher=vouchers, amount=amounts)
    def checkout_with_voucher(self, card: str, voucher: str, amount: int) -> None:
        try:
            r = self.shop.loyalty.checkout(
                new_id(), self.shop.cashier, card, amount, voucher_code=voucher
            )
        except LoyaltyError as exc:
            assert exc.code in ("voucher.used_up", "card.blocked")
            return
        assert r["net"] == amount - r["discount"] and r["voucher_discount"] <= amount
        self.model[card]["points"] += r["points_earned"]
        self.model[card]["stored_value"] += r["cashback"]
        self.sales.append((r["sale_id"], card))

    @rule(card=cards, amount=amounts)
    def top_up(self, card: str, amount: int) -> None:
        try:
            r = self.shop.loyalty.top_up(new_id(), self.shop.cashier, card, amount)
        except LoyaltyError as exc:
            assert exc.code in ("card.not_reloadable", "card.blocked")
            return
        self.model[card]["stored_value"] += amount + r["bonus"]

    @rule(
        card=cards,
        amount=amounts,
        pts=st.integers(0, 400),
        sv=st.integers(0, 2_000_000),
        retry=st.booleans(),
    )
    def checkout(self, card: str, amount: int, pts: int, sv: int, retry: bool) -> None:
        op = new_id()
        try:
            r = self.shop.loyalty.checkout(
                op, self.shop.cashier, card, amount, points_to_redeem=pts, stored_value_to_use=sv
            )
        except ApprovalRequired:
            return
        except LoyaltyError as exc:
            assert exc.code.split(".")[0] in ("points", "stored_value", "card")
            return
        self.model[card]["points"] += r["points_earned"] - pts
        self.model[card]["stored_value"] += r["cashback"] - sv
        self.sales.append((r["sale_id"], card))
        if retry:
            assert (
                self.shop.loyalty.checkout(
                    op,
                    self.shop.cashier,
                    card,
                    amount,
                    points_to_redeem=pts,
                    stored_value_to_use=sv,
                )
                == r
            )

    def _approval(self, operation: str, card: str | None = None) -> str:
        return self.shop.loyalty.approve(
            operation, {}, self.shop.cashier, code="2001", pin="5678", amount=10**12,
            for_card=card,
        )

    @precondition(lambda self: bool(self.sales))
    @rule(data=st.data(), part=st.one_of(st.none(), st.integers(1, 3_000_000)))
    def refund(self, data: st.DataObject, part: int | None) -> None:
        sale_id, card = data.draw(st.sampled_from(self.sales))
        while card in self.replaced:  # a refund follows the member to their new card
            card = self.replaced[card]
        if card not in self.model:
            return
        try:
            approval = self._approval("refund", card)
            r = self.shop.loyalty.refund(
                new_id(), self.shop.cashier, sale_id, part, approval_id=approval
            )
        except LoyaltyError as exc:
            assert exc.code in ("refund.already", "refund.too_much")
            return
        m = self.model[card]
        m["points"] += r.get("points_returned", 0) - r.get("points_taken_back", 0)
        m["stored_value"] += r.get("stored_value_returned", 0) - r.get("cashback_taken_back", 0)

    @rule(card=cards)
    def reward(self, card: str) -> None:
        try:
            self.shop.loyalty.redeem_reward(new_id(), self.shop.cashier, card, "MUG")
        except LoyaltyError as exc:
            assert exc.code in ("reward.out_of_stock", "points.insufficient", "card.blocked")
            return
        self.model[card]["points"] -= 30

    @rule(target=cards, card=cards)
    def replace(self, card: str) -> str:
        try:
            r = self.shop.loyalty.replace_card(
                new_id(),
                self.shop.cashier,
                card,
                "mất thẻ",
                approval_id=self._approval("replace_card", card),
            )
        except LoyaltyError as exc:
            assert exc.code == "card.bad_transition"
            return card
        self.replaced[card] = r["card_number"]
        self.model[r["card_number"]] = self.model[card]
        self.model[card] = {"points": 0, "stored_value": 0}
        return r["card_number"]

    @precondition(lambda self: bool(self.model))
    @invariant()
    def balances_match_model(self) -> None:
        for number, want in self.model.items():
            have = self.shop.loyalty.customer_view(number)["balances"]
            assert have["points"] == want["points"] >= 0
            assert have["stored_value"] == want["stored_value"] >= 0

    @invariant()
    def journal_proves_balances(self) -> None:
        assert verify_store(self.shop.store) == []


CounterMachine.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCounter = CounterMachine.TestCase
