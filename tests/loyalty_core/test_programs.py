from __future__ import annotations

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests import hodefs
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import TODAY, days, enroll


def test_discount_card_unlocks_after_period_threshold(shop: Shop) -> None:
    hodefs.define_program(shop.loyalty, "discount_card",
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


def test_cashback_credited_as_its_own_entry_and_usable_later(shop: Shop) -> None:
    hodefs.define_program(shop.loyalty, "cashback", "Hoàn tiền 2%", {"bp": 200, "expiry_days": 30})
    card = enroll(shop, kind="combined")
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    assert r["cashback"] == 20_000 and r["balances"]["stored_value"] == 20_000
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000, stored_value_to_use=20_000)
    assert r["cashback"] == 80_000 * 200 // 10_000  # only money actually paid earns cashback
    assert (
        enroll(shop)
        and shop.loyalty.checkout(new_id(), shop.cashier, enroll(shop), 1_000_000)["cashback"] == 0
    )  # member cards carry no stored value
    # Its expiry (1,600 withdrawn here) runs at head office: tests/sync/test_chain_jobs.py.
    assert verify_store(shop.store) == []


def test_birthday_and_occasion_offers_multiply_earning(shop: Shop) -> None:
    hodefs.define_program(
        shop.loyalty,
        "birthday",
        "Sinh nhật x2",
        {"window_days": 7, "multiplier_pct": 200},
    )
    hodefs.define_program(shop.loyalty, "occasion",
        "Black Friday x1.5",
        {"multiplier_pct": 150},
        starts_on=days(-1),
        ends_on=days(1),
    )
    hodefs.define_program(
        shop.loyalty,
        "occasion",
        "Tết (next year)",
        {"multiplier_pct": 300},
        starts_on=days(60),
        ends_on=days(70),
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


def test_enrolment_and_referral_bonus(shop: Shop) -> None:
    hodefs.define_program(shop.loyalty, "enrol_bonus", "Chào mừng", {"points": 50})
    hodefs.define_program(shop.loyalty, "referral", "Giới thiệu bạn", {"referrer_points": 100})
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


def test_coalition_points_conversion_once_per_reference(shop: Shop) -> None:
    hodefs.define_program(shop.loyalty, "coalition",
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


def test_each_kind_validates_its_parameters(shop: Shop) -> None:
    """Head office's definitions are judged by the kinds' own validators; a till refuses an
    invalid one whole, naming each bad parameter."""
    for kind, params, bad in (
        ("cashback", {"bp": "200", "expiry_days": 1.5}, ("bp", "expiry_days")),
        ("occasion", {"multiplier_pct": True}, ("multiplier_pct",)),
        ("coalition", {"partner": "lotusmiles", "ours": 1, "theirs": 1.5}, ("theirs",)),
        ("birthday", {"gift_points": -5, "window_days": "7"}, ("gift_points", "window_days")),
        ("birthday", {"gift_points": 100, "window_days": 181}, ("window_days",)),
    ):
        with pytest.raises(LoyaltyError) as exc:
            hodefs.define_program(shop.loyalty, kind, "x", params)
        assert exc.value.code == "definition.invalid"
        errors = exc.value.params["errors"]
        for name in bad:
            assert any(name in e for e in errors), (name, errors)
    with pytest.raises(LoyaltyError) as exc:
        hodefs.define_program(shop.loyalty, "lottery", "x", {})
    assert exc.value.code == "definition.invalid"
    assert "unknown program kind" in exc.value.params["errors"][0]
    assert hodefs.define_program(shop.loyalty, "cashback", "Hoàn tiền",
                                 {"bp": 100, "expiry_days": None})
    assert hodefs.define_program(shop.loyalty, "birthday", "Quà sinh nhật",  # gift optional
                                 {"window_days": 7, "multiplier_pct": 200, "gift_points": 300})


def _overdraw(shop: Shop, card_number: str, amount: int) -> None:
    """Another till spent this card's stored value offline: its entry arrives by pull."""
    from loyalty_core.canonical import GENESIS_HASH, entry_hash
    from loyalty_core.ids import iso_utc, utcnow
    from loyalty_core.journal import insert_foreign

    card_id = shop.loyalty.customer_view(card_number)["card_id"]
    wire = {
        "id": new_id(), "till_id": "other-till", "seq": 1, "created_at": iso_utc(utcnow()),
        "kind": "sv.spend", "card_id": card_id, "account": "stored_value", "amount": -amount,
        "operation_id": new_id(), "sale_id": None, "staff_id": None, "approval_id": None,
        "rule_version": 1, "reason": None, "payload": {}, "prev_hash": GENESIS_HASH,
    }
    wire["hash"] = entry_hash(wire)
    with shop.store.write() as s:
        insert_foreign(s, wire)


def test_take_backs_never_credit_an_overdrawn_card(shop: Shop) -> None:
    """Refund and expiry take back cashback up to what is left, and nothing from a card whose
    stored value went negative (spent offline elsewhere): the refund still goes through."""
    hodefs.define_program(shop.loyalty, "cashback", "Hoàn tiền 2%", {"bp": 200, "expiry_days": 30})
    card = enroll(shop, kind="combined")
    sale = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)["sale_id"]
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    _overdraw(shop, card, 50_000)  # 40 000 credited, 50 000 spent elsewhere: -10 000
    approval = shop.loyalty.approve("refund", {"value": 1_000_000}, shop.cashier, code="2001",
                                    pin="5678", for_card=card)
    r = shop.loyalty.refund(new_id(), shop.cashier, sale, approval_id=approval)
    assert r["cashback_taken_back"] == 0
    assert r["balances"]["stored_value"] == -10_000
    # Expiry takes nothing from it either: tests/sync/test_chain_jobs.py runs it at head office.
    assert shop.loyalty.customer_view(card)["balances"]["stored_value"] == -10_000
    assert verify_store(shop.store) == []


def test_birthday_days_29_february_on_1_march_in_a_common_year() -> None:
    """The gift job and the multiplier read a birthday by the same rules."""
    from datetime import date

    from loyalty_core.programs.birthday import (
        birthday_in_window,
        birthday_md,
        celebrated_on,
        month_days_celebrated_on,
    )

    assert celebrated_on(date(1992, 2, 29), 2027) == date(2027, 3, 1)
    assert celebrated_on(date(1992, 2, 29), 2028) == date(2028, 2, 29)
    assert month_days_celebrated_on(date(2027, 3, 1)) == ("02-29", "03-01")
    assert month_days_celebrated_on(date(2028, 3, 1)) == ("03-01",)
    assert month_days_celebrated_on(date(2028, 2, 29)) == ("02-29",)
    assert birthday_md("1992-02-29") == "02-29"
    assert birthday_md("1992-02-30") is None and birthday_md(None) is None
    assert birthday_in_window("1992-02-29", date(2027, 2, 26), 3)
    assert not birthday_in_window("1992-02-29", date(2027, 2, 25), 3)
