"""The hostile-input matrix: every public engine method x the hostile values of each parameter.

For each method a valid call is written down once (`base`); each parameter is then replaced, one
at a time, by every hostile value of its class (tests/reliability/hostile_values.py). Every such
call must be a `LoyaltyError` (never another exception), leave every row count as it was, and
the till must still verify. The last test makes each valid call, so a refusal above cannot come
from a broken base call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.reliability import hostile_values as H
from tests.reliability.conftest import DemoTill

SALE_AMOUNT = 120_000


@dataclass(frozen=True)
class Case:
    method: str
    base: Callable[[DemoTill], dict[str, Any]]
    hostile: dict[str, tuple[Any, ...]]


def _sale(d: DemoTill) -> str:
    return str(d.loyalty.recent_sales(limit=1)[0]["sale_id"])


def _shift(d: DemoTill) -> str | None:
    return d.loyalty.open_shift_id()


def _op(d: DemoTill) -> dict[str, Any]:
    return {"operation_id": new_id(), "staff_id": d.staff["1001"]}


CASES = (
    Case(
        "enroll_member",
        lambda d: {**_op(d), "name": "Nguyễn Thị Hoa", "phone": "0903 111 222",
                   "email": "hoa@example.vn", "birthday": "1990-05-01", "segment": "vip"},
        {"name": H.REQUIRED_TEXT, "phone": H.PHONE, "email": H.EMAIL, "birthday": H.BIRTHDAY,
         "segment": H.TEXT, "referrer_id": H.ID, "card_number": H.OPTIONAL_CARD,
         "operation_id": H.BAD_ID_SHAPE, "staff_id": H.ID, "card_uid": H.UID},
    ),
    Case("member_cards",
         lambda d: {"member_id": d.loyalty.customer_view(d.cards["member"])["member"]["id"]},
         {"member_id": (*H.ID, None)}),
    Case("find_by_phone", lambda d: {"phone": "0901234567"}, {"phone": (*H.PHONE, None)}),
    Case("search_members", lambda d: {"text": "nguyen"},
         {"text": H.SEARCH, "limit": (0, -1, 10**9, "20", None, 1.5)}),
    Case(
        "add_staff",
        lambda d: {"code": "4" + new_id()[:5], "name": "Vũ Minh", "role": "cashier", "pin": "4321"},
        {"code": (*H.REQUIRED_TEXT, " 1001", "1001 "), "name": H.REQUIRED_TEXT,
         "role": ("boss", None, 1, ["cashier"]), "pin": ("12", "²³⁴⁵", "abcd", None, 1234),
         "card_number": (12345, "x" * 40, "ab\ud800", "04A1 1001")},
    ),
    Case("authenticate", lambda d: {"code": "1002", "pin": "2468"},
         {"code": (*H.TEXT, "", None), "pin": ("0000", None, 2468, "\ud800" * 4)}),
    Case(
        "checkout",
        lambda d: {**_op(d), "card_number": d.cards["member"], "amount": SALE_AMOUNT,
                   "lines": [{"name": "Cà phê", "quantity": 2, "unit_price": SALE_AMOUNT // 2}],
                   "shift_id": _shift(d)},
        {"amount": H.AMOUNT, "points_to_redeem": H.AMOUNT, "stored_value_to_use": H.AMOUNT,
         "lines": H.lines_bad(SALE_AMOUNT), "shift_id": H.ID, "card_number": H.OPTIONAL_CARD,
         "tender": ("bitcoin", None, 1), "voucher_code": H.TEXT, "approval_id": H.BAD_ID_SHAPE},
    ),
    Case("quote", lambda d: {"card_number": d.cards["member"], "amount": SALE_AMOUNT},
         {"amount": H.AMOUNT, "points_to_redeem": H.AMOUNT, "stored_value_to_use": H.AMOUNT,
          "card_number": H.OPTIONAL_CARD, "voucher_code": H.TEXT}),
    Case("top_up", lambda d: {**_op(d), "card_number": d.cards["prepaid"], "amount": 10_000,
                              "shift_id": _shift(d)},
         {"amount": H.AMOUNT, "card_number": H.CARD, "shift_id": H.ID}),
    Case("sell_gift_card", lambda d: {**_op(d), "amount": 50_000, "shift_id": _shift(d)},
         {"amount": H.AMOUNT, "card_number": H.OPTIONAL_CARD, "shift_id": H.ID}),
    Case("refund", lambda d: {**_op(d), "sale_id": _sale(d), "amount": 1_000,
                              "reason": "Khách đổi ý"},
         {"sale_id": H.ID, "amount": (*H.AMOUNT, 0), "reason": H.REQUIRED_TEXT,
          "shift_id": H.ID}),
    Case("issue_card", lambda d: {**_op(d), "kind": "member"},
         {"kind": ("platinum", None, 1), "member_id": H.ID, "number": H.OPTIONAL_CARD}),
    Case("activate_card", lambda d: {**_op(d), "number": d.cards["gift_pending"]},
         {"number": H.CARD, "member_id": H.ID}),
    Case("set_card_status",
         lambda d: {**_op(d), "number": d.cards["combined"], "status": "blocked",
                    "reason": "Kiểm tra"},
         {"number": H.CARD, "status": ("stolen", None, 1), "reason": H.REQUIRED_TEXT}),
    Case("replace_card",
         lambda d: {**_op(d), "old_number": d.cards["blocked"], "reason": "Mất thẻ"},
         # new_number goes through cards.issue after the approval: issue_card's number covers it
         {"old_number": H.CARD, "reason": H.REQUIRED_TEXT, "new_uid": H.UID}),
    Case("customer_view", lambda d: {"card_number": d.cards["member"]}, {"card_number": H.CARD}),
    Case("points_expiring", lambda d: {"card_number": d.cards["member"]},
         {"card_number": H.CARD, "days": (-1, 10**9, "30", None, 1.5)}),
    Case("tier_explanation", lambda d: {"card_number": d.cards["member"]},
         {"card_number": H.CARD}),
    Case("vouchers_for", lambda d: {"card_number": d.cards["member"]}, {"card_number": H.CARD}),
    Case("shift_report", lambda d: {"shift_id": _shift(d)}, {"shift_id": (*H.ID, None)}),
    Case("recent_sales", lambda d: {"limit": 5},
         {"card_number": H.OPTIONAL_CARD, "shift_id": H.BAD_ID_SHAPE, "since": (12, "ab\ud800"),
          "limit": ("5", None, 1.5)}),
    Case(
        "issue_vouchers",
        lambda d: {**_op(d), "kind": "fixed", "value": 10_000, "valid_from": "2020-01-01",
                   "valid_to": "2099-12-31", "reason": "Tri ân"},
        {"kind": ("free", None), "value": H.AMOUNT, "valid_from": H.BIRTHDAY[2:],
         "valid_to": H.BIRTHDAY[2:], "count": (0, -1, 10**9, "1", None),
         "reason": H.TEXT, "codes": (["ab\ud800"], [H.CARD_PAN], "CODE", [1]),
         "member_id": H.ID},
    ),
    Case("redeem_reward",
         lambda d: {**_op(d), "card_number": d.cards["gold"], "reward_code": "COC"},
         {"card_number": H.CARD, "reward_code": H.REQUIRED_TEXT}),
    Case("buy_membership",
         lambda d: {**_op(d), "card_number": d.cards["gold"], "plan_code": "vip",
                    "shift_id": _shift(d)},
         {"card_number": H.CARD, "plan_code": H.REQUIRED_TEXT, "shift_id": H.ID}),
    Case("convert_partner_points",
         lambda d: {**_op(d), "card_number": d.cards["gold"], "partner": "lotusmiles",
                    "partner_points": 300, "partner_reference": "LM" + new_id()[:8]},
         {"card_number": H.CARD, "partner": H.TEXT, "partner_points": H.AMOUNT,
          "partner_reference": H.REQUIRED_TEXT}),
    Case("define_plan",
         lambda d: {"code": "P" + new_id()[:6], "name": "Gói Bạc", "fee": 99_000,
                    "term_days": 365},
         {"code": (*H.REQUIRED_TEXT, "vip"), "name": H.REQUIRED_TEXT, "fee": H.AMOUNT,
          "term_days": (0, -1, 1.5, "30", None, 10**9),
          "discount_bp": (-1, 10_001, 1.5, None), "earn_multiplier_pct": (-1, 10**6, "100")}),
    Case("card_number_for_uid", lambda d: {"uid": "04A11001C0FFEE"},
         {"uid": (12345, "ab\ud800", "x" * 10_000, ["04"])}),
    Case("day_report", lambda d: {}, {"day": ("2026-01-01", 20260101, "x", 1.5)}),
    Case("define_reward",
         lambda d: {"code": "R" + new_id()[:6], "name": "Bình nước", "points_cost": 50,
                    "stock": 3},
         {"code": (*H.REQUIRED_TEXT, "COC"), "name": H.REQUIRED_TEXT, "points_cost": H.AMOUNT,
          "stock": (-1, 1.5, "3", None, 10**20)}),
    # last: its base call closes the demo's shift, which the base calls above use
    Case("close_shift",
         lambda d: {**_op(d), "staff_id": d.staff["2001"], "shift_id": _shift(d),
                    "counted_cash": 0, "difference_reason": "Đếm lại"},
         {"counted_cash": (float("nan"), -1, 10**20, "0", True, 1.5), "shift_id": (*H.ID, None),
          "difference_reason": H.TEXT}),
)

MATRIX = [
    pytest.param(case, param, value, id=f"{case.method}-{param}-{i}")
    for case in CASES
    for param, values in case.hostile.items()
    for i, value in enumerate(values)
]


@pytest.mark.parametrize(("case", "param", "value"), MATRIX)
def test_hostile_value_is_refused_and_writes_nothing(
    demo: DemoTill, case: Case, param: str, value: Any
) -> None:
    kwargs = case.base(demo)
    kwargs[param] = value
    before = demo.snapshot()
    with pytest.raises(LoyaltyError) as err:
        getattr(demo.loyalty, case.method)(**kwargs)
    assert err.value.code and "." in err.value.code, err.value.code
    # the base calls of refund and replace_card need an approval: the value must be refused first
    assert err.value.code != "approval.required", "refused for the approval, not the value"
    assert "4111" not in str(err.value), "a payment card number came back in a refusal"
    after = demo.snapshot()
    if case.method == "authenticate" and err.value.code in ("pin.wrong", "staff.locked"):
        # A wrong PIN is the one refusal that must be recorded: the lock-out counts failures
        # across the chain (a staff.pin_failure entry, synced). Nothing else may change.
        assert after[1:] == before[1:] and after[0] - before[0] <= 2
        assert set(demo.kinds_since(before[0])) <= {"staff.pin_failure", "staff.locked"}
        return
    assert after == before, f"{case.method} refused ({err.value.code}) but wrote rows"


def test_the_till_still_verifies(demo: DemoTill) -> None:
    assert verify_store(demo.store) == []


@pytest.mark.parametrize("case", CASES, ids=[c.method for c in CASES])
def test_the_base_calls_are_valid(demo: DemoTill, case: Case) -> None:
    """Runs last: proves each refusal above came from the hostile value, not the base call
    (a refund and a replacement over the limits only lack the approval, refused separately)."""
    try:
        getattr(demo.loyalty, case.method)(**case.base(demo))
    except ApprovalRequired:
        assert case.method in ("refund", "replace_card")
