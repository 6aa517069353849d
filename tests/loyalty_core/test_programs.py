from __future__ import annotations

from datetime import date, timedelta

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.services import Loyalty
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.test_aftersales import approve
from tests.loyalty_core.test_services import enroll, journal_count

TODAY = date.today()
D = TODAY.isoformat


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def member_of(shop: Shop, card: str) -> str:
    return shop.loyalty.customer_view(card)["member"]["id"]


def test_discount_card_unlocks_after_period_threshold(shop: Shop) -> None:
    shop.loyalty.define_program(
        "discount_card",
        "Thẻ giảm giá 10%",
        {"threshold": 2_000_000, "bp": 1_000, "period": "month"},
    )
    card = enroll(shop, kind="discount")
    view = shop.loyalty.customer_view(card)
    assert view["discount_card"]["remaining"] == 2_000_000 and not view["discount_card"]["unlocked"]
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_500_000)
    assert r["discount"] == 0
    assert shop.loyalty.customer_view(card)["discount_card"]["remaining"] == 500_000
    shop.loyalty.checkout(new_id(), shop.cashier, card, 600_000)
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    assert r["discount"] == 100_000 and r["discount_source"] == "discount_card"


def test_best_percentage_discount_applies_not_the_sum(shop: Shop) -> None:
    shop.loyalty.define_plan(
        "vip", "VIP năm", 500_000, 365, discount_bp=300, earn_multiplier_pct=200
    )
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 5_000_000)  # Bạc: 2 %
    r = shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip")
    assert r["renewal"] is False
    q = shop.loyalty.quote(card, 1_000_000)
    assert q["discount"] == 30_000 and q["discount_source"] == "membership"
    # multipliers stack: Bạc x1.10, membership x2.00, rounded once
    assert q["points_earned"] == 970_000 * 110 * 200 // (100 * 100 * 10_000)


def test_paid_membership_renewal_and_expiry(shop: Shop) -> None:
    shop.loyalty.define_plan("vip", "VIP tháng", 99_000, 30, discount_bp=500)
    card = enroll(shop)
    first = shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip")
    renewal = shop.loyalty.buy_membership(new_id(), shop.cashier, card, "vip")
    assert (
        renewal["renewal"]
        and renewal["ends_on"]
        == (date.fromisoformat(first["ends_on"]) + timedelta(days=30)).isoformat()
    )
    later = Loyalty(
        shop.store, clock=lambda: date.fromisoformat(renewal["ends_on"]) + timedelta(days=1)
    )
    view = later.customer_view(card)
    assert view["membership"]["active"] is False
    assert later.quote(card, 100_000)["discount"] == 0
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.buy_membership(new_id(), shop.cashier, card, "nope")
    assert err.value.code == "membership.unknown_plan"


def test_cashback_credited_as_its_own_entry_and_usable_later(shop: Shop) -> None:
    shop.loyalty.define_program("cashback", "Hoàn tiền 2%", {"bp": 200, "expiry_days": 30})
    card = enroll(shop, kind="combined")
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    assert r["cashback"] == 20_000 and r["balances"]["stored_value"] == 20_000
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000, stored_value_to_use=20_000)
    assert r["cashback"] == 80_000 * 200 // 10_000  # only money actually paid earns cashback
    assert (
        enroll(shop)
        and shop.loyalty.checkout(new_id(), shop.cashier, enroll(shop), 1_000_000)["cashback"] == 0
    )  # member cards carry no stored value
    later = Loyalty(shop.store, clock=lambda: TODAY + timedelta(days=31))
    assert later.expire_cashback(new_id())["withdrawn"] == 1_600
    assert verify_store(shop.store) == []


def test_vouchers_issue_redeem_and_every_refusal(shop: Shop) -> None:
    card = enroll(shop)
    other = enroll(shop, name="Đỗ Kim Yến")
    mine = shop.loyalty.issue_vouchers(
        new_id(),
        shop.cashier,
        kind="fixed",
        value=50_000,
        valid_from=D(),
        valid_to=days(10),
        min_spend=300_000,
        member_id=member_of(shop, card),
        codes=["TET2027"],
    )["codes"][0]
    assert shop.loyalty.vouchers_for(card)[0]["code"] == "TET2027"
    bulk = shop.loyalty.issue_vouchers(
        new_id(),
        shop.cashier,
        kind="percent",
        value=1_000,
        valid_from=D(),
        valid_to=days(1),
        count=20,
        max_uses=2,
    )["codes"]
    assert len(set(bulk)) == 20
    n = journal_count(shop)
    for kwargs, code in [
        (dict(card=card, amount=200_000, voucher_code=mine), "voucher.below_minimum"),
        (dict(card=other, amount=500_000, voucher_code=mine), "voucher.other_customer"),
        (dict(card=card, amount=500_000, voucher_code="NOPE"), "voucher.unknown"),
    ]:
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.checkout(new_id(), shop.cashier, kwargs.pop("card"), **kwargs)
        assert err.value.code == code
    assert journal_count(shop) == n
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000, voucher_code="tet2027")
    assert r["voucher_discount"] == 50_000 and r["net"] == 450_000
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000, voucher_code=mine)
    assert err.value.code == "voucher.used_up"
    # Voiding the sale makes the voucher usable again.
    shop.loyalty.refund(new_id(), shop.cashier, r["sale_id"], approval_id=approve(shop, "refund"))
    assert (
        shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000, voucher_code=mine)["net"]
        == 450_000
    )
    # Percentage voucher with two uses, then expired.
    assert (
        shop.loyalty.checkout(new_id(), shop.cashier, None, 100_000, voucher_code=bulk[0])["net"]
        == 90_000
    )
    later = Loyalty(shop.store, clock=lambda: TODAY + timedelta(days=2))
    with pytest.raises(LoyaltyError) as err:
        later.checkout(new_id(), shop.cashier, None, 100_000, voucher_code=bulk[0])
    assert err.value.code == "voucher.expired"
    assert verify_store(shop.store) == []


def test_goodwill_voucher_needs_a_supervisor(shop: Shop) -> None:
    card = enroll(shop)
    args = dict(
        kind="fixed",
        value=100_000,
        valid_from=D(),
        valid_to=days(30),
        member_id=member_of(shop, card),
        reason="goodwill",
    )
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.issue_vouchers(new_id(), shop.cashier, **args)
    assert err.value.code == "approval.required"
    codes = shop.loyalty.issue_vouchers(
        new_id(), shop.cashier, approval_id=approve(shop, "goodwill"), **args
    )["codes"]
    assert shop.loyalty.vouchers_for(card)[0]["code"] == codes[0]


def test_birthday_and_occasion_offers_multiply_earning(shop: Shop) -> None:
    shop.loyalty.define_program(
        "birthday", "Sinh nhật x2", {"window_days": 7, "multiplier_pct": 200}
    )
    shop.loyalty.define_program(
        "occasion",
        "Black Friday x1.5",
        {"multiplier_pct": 150},
        starts_on=days(-1),
        ends_on=days(1),
    )
    shop.loyalty.define_program(
        "occasion", "Tết (next year)", {"multiplier_pct": 300}, starts_on=days(60), ends_on=days(70)
    )
    bday = enroll(
        shop,
        birthday=TODAY.replace(year=1990).isoformat()
        if not (TODAY.month == 2 and TODAY.day == 29)
        else "1990-03-01",
    )
    plain = enroll(
        shop, name="Bùi Văn Sơn", birthday="1990-01-01" if TODAY.month > 3 else "1990-09-01"
    )
    offers = {o["kind"] for o in shop.loyalty.customer_view(bday)["offers"]}
    assert offers == {"birthday", "occasion"}
    assert {o["kind"] for o in shop.loyalty.customer_view(plain)["offers"]} == {"occasion"}
    assert shop.loyalty.quote(bday, 1_000_000)["points_earned"] == 200  # best campaign only
    assert shop.loyalty.quote(plain, 1_000_000)["points_earned"] == 150


def test_rewards_catalog_stock(shop: Shop) -> None:
    shop.loyalty.define_reward("MUG", "Cốc sứ", 80, stock=1)
    shop.loyalty.define_reward("BAG", "Túi vải", 500, stock=0)
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    offered = shop.loyalty.rewards_available(card)
    assert [r["code"] for r in offered] == ["MUG"]  # out-of-stock BAG is not offered
    r = shop.loyalty.redeem_reward(new_id(), shop.cashier, card, "MUG")
    assert r["stock_left"] == 0 and r["balances"]["points"] == 20
    assert shop.loyalty.rewards_available(card) == []
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.redeem_reward(new_id(), shop.cashier, card, "MUG")
    assert err.value.code == "reward.out_of_stock"
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.redeem_reward(new_id(), shop.cashier, card, "BAG")
    assert err.value.code == "reward.out_of_stock"
    assert verify_store(shop.store) == []


def test_enrolment_and_referral_bonus(shop: Shop) -> None:
    shop.loyalty.define_program("enrol_bonus", "Chào mừng", {"points": 50})
    shop.loyalty.define_program("referral", "Giới thiệu bạn", {"referrer_points": 100})
    referrer = shop.loyalty.enroll_member(new_id(), shop.cashier, "Hoàng Minh Quân")
    assert referrer["bonus_points"] == 50
    friend = shop.loyalty.enroll_member(
        new_id(), shop.cashier, "Vũ Thu Trang", referrer_id=referrer["member_id"]
    )
    r = shop.loyalty.checkout(new_id(), shop.cashier, friend["card_number"], 200_000)
    assert r["referral_bonus"] == 100
    r = shop.loyalty.checkout(new_id(), shop.cashier, friend["card_number"], 200_000)
    assert r["referral_bonus"] == 0  # first purchase only
    assert shop.loyalty.customer_view(referrer["card_number"])["balances"]["points"] == 150
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.enroll_member(new_id(), shop.cashier, "X Y", referrer_id=new_id())
    assert err.value.code == "member.unknown_referrer"


def test_tier_review_downgrades_one_tier_and_explains(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 25_000_000)
    assert shop.loyalty.customer_view(card)["member"]["tier"] == "Vàng"
    why = shop.loyalty.tier_explanation(card)
    assert why["keep_threshold"] == 20_000_000 and why["keep_needs"] == 0
    assert shop.loyalty.review_tiers(new_id()) == {"downgraded": 0}
    later = Loyalty(shop.store, clock=lambda: TODAY + timedelta(days=400))
    assert later.tier_explanation(card)["keep_needs"] == 20_000_000
    assert later.review_tiers(new_id()) == {"downgraded": 1}
    assert later.customer_view(card)["member"]["tier"] == "Bạc"  # one tier, not two


def test_coalition_points_conversion_once_per_reference(shop: Shop) -> None:
    shop.loyalty.define_program(
        "coalition",
        "Vietnam Airlines Lotusmiles",
        {"partner": "lotusmiles", "ours": 1, "theirs": 3},
    )
    card = enroll(shop)
    r = shop.loyalty.convert_partner_points(
        new_id(), shop.cashier, card, "lotusmiles", 1_000, "LM-0001"
    )
    assert r["points"] == 333
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.convert_partner_points(
            new_id(), shop.cashier, card, "lotusmiles", 1_000, "LM-0001"
        )
    assert err.value.code == "coalition.duplicate"
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.convert_partner_points(new_id(), shop.cashier, card, "grab", 1_000, "G-1")
    assert err.value.code == "coalition.unknown_partner"
    assert verify_store(shop.store) == []


def test_membership_plans_are_listed(shop: Shop) -> None:
    shop.loyalty.define_plan("vip", "VIP năm", 499_000, 365, discount_bp=300)
    shop.loyalty.define_plan("lite", "Lite tháng", 49_000, 30)
    assert [p["code"] for p in shop.loyalty.membership_plans()] == ["lite", "vip"]
