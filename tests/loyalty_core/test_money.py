"""Money that cannot leak (issue 11): tenders, receipts, refunds by allocation, qualifying spend,
expiry at the moment of use. Each reproduction of the issue's "Why" is a regression test."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.models import RuleVersion
from loyalty_core.rules import merged_rules
from loyalty_core.verify import verify_store
from tests import hodefs
from tests.loyalty_core.conftest import Shop, make_shop
from tests.loyalty_core.helpers import TODAY, approve, enroll, journal_count

PV = 1_000  # the default rules' đồng per point


def new_rules(shop: Shop, version: int, **overrides: Any) -> None:
    """A new rule version in force from now on (effective in the past, newest version wins)."""
    with shop.store.write() as s:
        s.add(
            RuleVersion(
                version=version,
                effective_from=f"2020-01-{version:02d}T00:00:00.000000Z",
                rules=merged_rules(overrides),
            )
        )


def refund(
    shop: Shop, sale: str, amount: int | None = None, card: str | None = None, **kw: Any
) -> dict[str, Any]:
    """A refund with the supervisor's approval for it (bound to the card the refund goes to)."""
    return shop.loyalty.refund(
        new_id(), shop.cashier, sale, amount, approval_id=approve(shop, "refund", card), **kw
    )


def points_of(shop: Shop, card: str, loyalty: Loyalty | None = None) -> int:
    return int((loyalty or shop.loyalty).customer_view(card)["balances"]["points"])


# ---- tenders and receipts ---------------------------------------------------------------------


def test_split_tenders_must_add_up_and_are_recorded(shop: Shop) -> None:
    before = journal_count(shop)
    for tenders, code in (
        ({"cash": 50_000, "card": 40_000}, "sale.tenders_mismatch"),
        ({"cash": 50_000, "cheque": 50_000}, "sale.bad_tender"),
        ({"cash": -1, "card": 100_001}, "sale.bad_tenders"),
        ({"cash": 50_000.0, "card": 50_000}, "sale.bad_tenders"),
        ({}, "sale.bad_tenders"),
    ):
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.checkout(new_id(), shop.cashier, None, 100_000, tenders=tenders)
        assert err.value.code == code
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.checkout(new_id(), shop.cashier, None, 100_000, tender="cheque")
    assert err.value.code == "sale.bad_tender"
    assert journal_count(shop) == before
    r = shop.loyalty.checkout(
        new_id(), shop.cashier, None, 100_000, tenders={"transfer": 60_000, "cash": 40_000}
    )
    assert r["tenders"] == {"cash": 40_000, "transfer": 60_000}
    with sqlite3.connect(shop.store.path) as con:
        payload = con.execute(
            "SELECT json_extract(payload, '$.tenders.transfer'), "
            "json_extract(payload, '$.point_value') FROM journal WHERE kind = 'sale'"
        ).fetchone()
    assert payload == (60_000, PV)


def test_every_sale_has_a_strictly_increasing_receipt_number(shop: Shop) -> None:
    card = enroll(shop)
    numbers = [
        shop.loyalty.checkout(new_id(), shop.cashier, c, 10_000)["receipt_no"]
        for c in (card, None, card)
    ]
    short = numbers[0].split("-")[0]
    assert numbers == [f"{short}-{n:06d}" for n in (1, 2, 3)]
    listed = shop.loyalty.recent_sales(limit=5)
    assert sorted(x["receipt_no"] for x in listed) == numbers
    r = refund(shop, numbers[1])  # a refund finds the sale by its receipt number
    assert r["receipt_no"] == numbers[1] and r["cash_back"] == 10_000


def test_money_operations_need_a_staff_member(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 10_000)["sale_id"]
    before = journal_count(shop)
    for call in (
        lambda: shop.loyalty.checkout(new_id(), None, card, 10_000),
        lambda: shop.loyalty.top_up(new_id(), None, card, 100_000),
        lambda: shop.loyalty.sell_gift_card(new_id(), None, 100_000),
        lambda: shop.loyalty.refund(new_id(), None, sale),
        lambda: shop.loyalty.adjust(new_id(), None, card, "points", 10, "correction"),
        lambda: shop.loyalty.buy_membership(new_id(), None, card, "vip"),
    ):
        with pytest.raises(LoyaltyError) as err:
            call()
        assert err.value.code == "staff.required"
    assert journal_count(shop) == before


def test_z_report_counts_transfer_as_its_own_tender(shop: Shop) -> None:
    shift = shop.loyalty.open_shift(new_id(), shop.cashier, 0)["shift_id"]
    sale = shop.loyalty.checkout(
        new_id(), shop.cashier, None, 90_000, shift_id=shift,
        tenders={"cash": 30_000, "card": 20_000, "transfer": 40_000},
    )
    refund(shop, sale["sale_id"], 45_000, shift_id=shift)  # half of each tender back
    z = shop.loyalty.shift_report(shift)
    assert z["cash"]["sales"] == 30_000 and z["cash"]["card_sales"] == 20_000
    assert z["cash"]["transfer_sales"] == 40_000
    assert z["cash"]["refunds"] == 15_000 and z["cash"]["card_refunds"] == 10_000
    assert z["cash"]["transfer_refunds"] == 20_000
    assert z["expected_drawer"] == 15_000  # only cash is in the drawer


# ---- refunds: the reproductions of the issue --------------------------------------------------


def test_partial_refunds_do_not_mint_cash(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 90_000)  # 9 points
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 10_000, points_to_redeem=9)
    assert sale["cash_due"] == 1_000
    r1, r2 = refund(shop, sale["sale_id"], 9_999, card), refund(shop, sale["sale_id"], 1, card)
    assert r1["cash_back"] + r2["cash_back"] == 1_000
    assert r1["points_returned"] + r2["points_returned"] == 9
    assert (r1["cash_back"] + r2["cash_back"]) + PV * 9 == 10_000
    assert verify_store(shop.store) == []


def test_a_chain_of_partial_refunds_returns_the_sale_exactly(shop: Shop) -> None:
    sale = shop.loyalty.checkout(new_id(), shop.cashier, None, 100_000)["sale_id"]
    backs = [refund(shop, sale, 9_999)["cash_back"] for _ in range(10)]
    backs.append(refund(shop, sale, 10)["cash_back"])
    assert sum(backs) == 100_000
    assert all(b <= 10_000 for b in backs)


def _wealth(shop: Shop, card: str, paid: int, back: int) -> int:
    view = shop.loyalty.customer_view(card)["balances"]
    return back - paid + view["points"] * PV + view["stored_value"]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_spent_points_do_not_come_back(shop: Shop, order: tuple[int, int]) -> None:
    card = enroll(shop)
    start = _wealth(shop, card, 0, 0)
    s1 = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # earns 100 points
    s2 = shop.loyalty.checkout(new_id(), shop.cashier, card, 200_000, points_to_redeem=100)
    paid = s1["cash_due"] + s2["cash_due"]
    sales = (s1, s2)
    results = [refund(shop, sales[i]["sale_id"], card=card) for i in order]
    back = sum(sum(r["money_back"].values()) for r in results)
    assert _wealth(shop, card, paid, back) <= start
    if order == (0, 1):  # the earned points were spent when sale 1 was refunded: netted
        first = results[0]
        # 10 of the 100 are still there (earned on sale 2): 90 are netted
        assert first["points_unrecovered"] == 90 and first["withheld"] == 90 * PV
        assert first["cash_back"] == 1_000_000 - 90 * PV and "deducted" in first["policy"]
    assert verify_store(shop.store) == []


def test_netting_can_be_waived_by_a_recorded_supervisor_approval(shop: Shop) -> None:
    card = enroll(shop)
    s1 = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 200_000, points_to_redeem=100)
    waiver = approve(shop, "refund.netting", card, 100 * PV)
    r = refund(shop, s1["sale_id"], card=card, netting_approval_id=waiver)
    assert r["withheld"] == 0 and r["cash_back"] == 1_000_000
    assert r["netting_override"] == waiver
    with sqlite3.connect(shop.store.path) as con:
        recorded = con.execute(
            "SELECT json_extract(payload, '$.netting_override') FROM journal "
            "WHERE kind = 'refund'"
        ).fetchone()[0]
    assert recorded == waiver


def test_refunds_use_the_sales_own_point_value(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 4_000_000)  # 400 points
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000, points_to_redeem=400)
    assert sale["cash_due"] == 100_000
    new_rules(shop, 2, point_value_vnd=500)
    assert shop.loyalty.rules().point_value == 500
    r = refund(shop, sale["sale_id"], card=card)
    assert r["points_returned"] == 400 and r["cash_back"] == 100_000
    half = shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000, points_to_redeem=100)
    assert half["cash_due"] == 50_000  # today's sales use today's rule


def test_refund_after_a_lost_card_replacement_follows_the_member(shop: Shop) -> None:
    old = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, old, 1_000_000)  # 100 points
    sale = shop.loyalty.checkout(new_id(), shop.cashier, old, 300_000, points_to_redeem=50)
    new = shop.loyalty.replace_card(
        new_id(), shop.cashier, old, "mất thẻ", approval_id=approve(shop, "replace_card", old)
    )["card_number"]
    before = shop.loyalty.customer_view(new)["balances"]
    r = refund(shop, sale["sale_id"], card=new)
    after = shop.loyalty.customer_view(new)["balances"]
    assert r["points_returned"] == 50 and r["points_taken_back"] == sale["points_earned"]
    assert after["points"] == before["points"] + 50 - sale["points_earned"]
    assert after["qualifying_spend"] == before["qualifying_spend"] - 250_000
    gone = shop.loyalty.customer_view(old)["balances"]
    assert gone == {"points": 0, "stored_value": 0, "qualifying_spend": 0}
    assert verify_store(shop.store) == []


# ---- qualifying spend ----------------------------------------------------------------------------


def test_points_cannot_buy_tier_status(shop: Shop) -> None:
    """Silver needs 5.000.000 đ: 4.800.000 in cash and 600.000 of goods paid with 500 coalition
    points is 4.900.000 of money, not 5.400.000."""
    hodefs.define_program(
        shop.loyalty,
        "coalition",
        "Lotusmiles",
        {"partner": "lotusmiles", "ours": 1, "theirs": 1},
    )
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 4_800_000)
    shop.loyalty.convert_partner_points(new_id(), shop.cashier, card, "lotusmiles", 500, "LM-1")
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 600_000, points_to_redeem=500)
    assert r["qualifying_spend"] == 100_000 and r.get("tier_change") is None
    assert shop.loyalty.tier_explanation(card)["qualifying_spend"] == 4_900_000
    assert shop.loyalty.customer_view(card)["member"]["tier_code"] == "member"


def test_bonus_points_alone_never_lift_a_tier(shop: Shop) -> None:
    hodefs.define_program(
        shop.loyalty,
        "coalition",
        "Lotusmiles",
        {"partner": "lotusmiles", "ours": 1, "theirs": 1},
    )
    card = enroll(shop)
    shop.loyalty.convert_partner_points(new_id(), shop.cashier, card, "lotusmiles", 400, "LM-2")
    for _ in range(20):  # 20 bills of 20.000 paid with points: 400.000 đ of goods
        shop.loyalty.checkout(new_id(), shop.cashier, card, 20_000, points_to_redeem=20)
    assert shop.loyalty.tier_explanation(card)["qualifying_spend"] == 0
    assert shop.loyalty.customer_view(card)["member"]["tier_code"] in (None, "member")


def test_stored_value_and_discounts_in_qualifying_spend(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 400_000)
    r = shop.loyalty.checkout(
        new_id(), shop.cashier, card, 500_000, stored_value_to_use=300_000
    )
    assert r["qualifying_spend"] == 500_000 - r["discount"]
    assert shop.loyalty.tier_explanation(card)["qualifying_spend"] == r["qualifying_spend"]


# ---- expiry at the moment of use -----------------------------------------------------------------


def test_expired_lots_count_as_zero_before_the_expiry_job_runs(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points, 365 days
    last_day = TODAY + timedelta(days=365)
    on_last_day = Loyalty(shop.store, clock=lambda: last_day)
    after = Loyalty(shop.store, clock=lambda: last_day + timedelta(days=1))
    assert points_of(shop, card, on_last_day) == 100
    assert on_last_day.points_expiring(card) == [
        {"expires_on": last_day.isoformat(), "points": 100}
    ]
    view = after.customer_view(card)
    assert view["balances"]["points"] == 0 and view["points_expiring"] == 0
    assert after.points_expiring(card) == []
    before = journal_count(shop)
    with pytest.raises(LoyaltyError) as err:
        after.checkout(new_id(), shop.cashier, card, 50_000, points_to_redeem=10)
    assert err.value.code == "points.insufficient" and err.value.params["available"] == 0
    assert journal_count(shop) == before
    assert after.rewards_available(card) == [] or all(
        not r["affordable"] for r in after.rewards_available(card)
    )
    # The posting job runs at head office (tests/sync/test_chain_jobs.py), never here.
    assert points_of(shop, card, after) == 0
    assert verify_store(shop.store) == []


def test_spending_skips_expired_lots(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points today
    later = TODAY + timedelta(days=200)
    mid = Loyalty(shop.store, clock=lambda: later)
    mid.checkout(new_id(), shop.cashier, card, 500_000)  # 50 more, expiring 200 days later
    after = Loyalty(shop.store, clock=lambda: later + timedelta(days=170))
    assert points_of(shop, card, after) == 50
    r = after.checkout(new_id(), shop.cashier, card, 100_000, points_to_redeem=50)
    assert r["balances"]["points"] == r["points_earned"]
    assert verify_store(shop.store) == []


# ---- the property ----------------------------------------------------------------------------------

ops = st.lists(
    st.one_of(
        st.tuples(
            st.just("sale"),
            st.integers(1, 3_000_000),
            st.integers(0, 300),
            st.integers(0, 500_000),
            st.sampled_from(["cash", "card", "transfer", "split"]),
        ),
        st.tuples(st.just("refund"), st.integers(0, 50), st.integers(1, 3_000_000)),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=ops)
def test_no_chain_of_sales_and_refunds_leaves_the_customer_richer(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[Any, ...]]
) -> None:
    shop = make_shop(Path(tmp_path_factory.mktemp("chain")) / "till.sqlite3")
    try:
        new_rules(shop, 2, approval={"refund_over": None, "redeem_value_over": None,
                                     "stored_value_over": None})
        lo, staff = shop.loyalty, shop.cashier
        card = enroll(shop, kind="combined")
        lo.top_up(new_id(), staff, card, 1_000_000)
        lo.checkout(new_id(), staff, card, 2_000_000)  # 200 points to spend
        paid = back = 0
        start = _wealth(shop, card, paid, back)
        sales: list[dict[str, Any]] = []
        for step in steps:
            if step[0] == "sale":
                _, amount, pts, sv, how = step
                bal = lo.customer_view(card)["balances"]
                pts = min(pts, bal["points"], amount // PV)
                sv = min(sv, bal["stored_value"], amount - pts * PV)
                due = amount - pts * PV - sv - lo.quote(card, amount)["discount"]
                tenders = None
                if how == "split" and due > 0:
                    tenders = {"cash": due // 3, "card": due // 3, "transfer": due - 2 * (due // 3)}
                try:
                    r = lo.checkout(
                        new_id(), staff, card, amount, points_to_redeem=pts,
                        stored_value_to_use=sv, tender="cash" if how == "split" else how,
                        tenders=tenders,
                    )
                except LoyaltyError as exc:
                    assert exc.code in ("points.exceeds_bill", "stored_value.exceeds_bill")
                    continue
                paid += r["cash_due"]
                sales.append({"r": r, "back": {}, "refunded": 0})
            elif sales:
                _, which, part = step
                sale = sales[which % len(sales)]
                left = sale["r"]["net"] - sale["refunded"]
                if left <= 0:
                    continue
                got = lo.refund(new_id(), staff, sale["r"]["sale_id"], min(part, left))
                sale["refunded"] += got["refunded"]
                back += sum(got["money_back"].values())
                for key, value in got["allocated"].items():
                    sale["back"][key] = sale["back"].get(key, 0) + value
        for sale in sales:  # finally everything is refunded
            if sale["r"]["net"] > sale["refunded"]:
                got = lo.refund(new_id(), staff, sale["r"]["sale_id"])
                back += sum(got["money_back"].values())
                for key, value in got["allocated"].items():
                    sale["back"][key] = sale["back"].get(key, 0) + value
        assert _wealth(shop, card, paid, back) <= start
        for sale in sales:  # each sale's chain of refunds allocated exactly what was paid
            r = sale["r"]
            expect = dict(r["tenders"])
            if r["points_redeemed"]:
                expect["points"] = r["points_value"]
            if r["stored_value_used"]:
                expect["stored_value"] = r["stored_value_used"]
            assert {k: v for k, v in sale["back"].items() if v} == expect
        assert verify_store(shop.store) == []
    finally:
        shop.store.close()
