from __future__ import annotations

import sqlite3

import pytest

from loyalty_core import cardnumbers
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop


def journal_count(shop: Shop) -> int:
    con = sqlite3.connect(shop.store.path)
    n = con.execute("SELECT count(*) FROM journal").fetchone()[0]
    con.close()
    return int(n)


def enroll(shop: Shop, kind: str = "member", name: str = "Nguyễn Văn An", **kw: object) -> str:
    return shop.loyalty.enroll_member(new_id(), shop.cashier, name, card_kind=kind, **kw)[
        "card_number"
    ]


def test_enrol_issues_an_active_card_with_our_numbering(shop: Shop) -> None:
    r = shop.loyalty.enroll_member(new_id(), shop.cashier, "  Trần   Thị Bích ", phone="0912345678")
    assert cardnumbers.kind_of(r["card_number"]) == "member"
    view = shop.loyalty.customer_view(r["card_number"])
    assert view["member"]["name"] == "Trần Thị Bích"
    assert view["member"]["tier"] == "Thành viên"
    assert view["status"] == "active" and view["usable"]
    assert shop.loyalty.find_by_phone("0912345678")[0]["number"] == r["card_number"]


def test_earn_rounds_down_and_applies_tier_multiplier(shop: Shop) -> None:
    card = enroll(shop)
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 129_999)
    assert r["points_earned"] == 12  # 1 point per 10.000 đ, rounded down
    # 5.000.000 qualifying spend reaches Bạc (x1.10, 2 % off) at once.
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 4_900_000)
    assert r["tier_change"] == {"from": "Thành viên", "to": "Bạc"}
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)
    assert r["discount"] == 20_000
    assert r["points_earned"] == (980_000 * 110) // (10_000 * 100)
    assert verify_store(shop.store) == []


def test_redeem_consumes_soonest_expiring_lots_first(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 1_000_000)  # 100 points
    shop.loyalty.checkout(new_id(), shop.cashier, card, 500_000)  # 50 points
    con = sqlite3.connect(shop.store.path)
    con.execute("PRAGMA foreign_keys=ON")
    lots = con.execute("SELECT id, amount FROM point_lots ORDER BY id").fetchall()
    con.close()
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 200_000, points_to_redeem=120)
    assert r["points_value"] == 120_000 and r["cash_due"] == 80_000
    con = sqlite3.connect(shop.store.path)
    remaining = dict(con.execute("SELECT id, remaining FROM point_lots").fetchall())
    con.close()
    # Same expiry date: older lot first, fully; the newer one covers the rest.
    assert remaining[lots[0][0]] == 0
    assert remaining[lots[1][0]] == 30 + 0
    assert verify_store(shop.store) == []


def test_refusals_change_nothing(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 100_000)
    before = journal_count(shop)
    cases = [
        (dict(amount=100_000, points_to_redeem=11), "points.insufficient"),
        (dict(amount=100_000, stored_value_to_use=1), "card.no_stored_value"),
        (dict(amount=0), "amount.out_of_range"),
        (dict(amount=-5), "amount.out_of_range"),
        (dict(amount=1.5), "amount.not_integer"),
    ]
    for kwargs, code in cases:
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.checkout(new_id(), shop.cashier, card, **kwargs)  # type: ignore[arg-type]
        assert err.value.code == code
    for number, code in [
        ("4111111111111111", "card.not_ours"),
        ("8801000000000000", "card.not_ours"),
        (cardnumbers.generate("member"), "card.unknown"),
        ("garbage!!", "card.unknown"),
    ]:
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.checkout(new_id(), shop.cashier, number, 10_000)
        assert err.value.code == code
        assert "4111111111111111" not in str(err.value) + repr(err.value.params)
    assert journal_count(shop) == before


def test_hostile_names_are_refused_or_cleaned(shop: Shop) -> None:
    before = journal_count(shop)
    for bad, code in [
        ("", "text.required"),
        ("A\x00B", "text.invalid"),
        ("evil\u202eeman", "text.invalid"),
        ("x" * 500, "text.too_long"),
    ]:
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.enroll_member(new_id(), shop.cashier, bad)
        assert err.value.code == code
    assert journal_count(shop) == before
    card = enroll(shop, name="Robert'); DROP TABLE members;-- <script>")
    assert shop.loyalty.customer_view(card)["member"]["name"].startswith("Robert');")


def test_blocked_and_pending_cards_are_refused_with_reason(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.set_card_status(new_id(), shop.cashier, card, "blocked", "Khách báo mất thẻ")
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.checkout(new_id(), shop.cashier, card, 50_000)
    assert err.value.code == "card.blocked" and err.value.params["reason"] == "Khách báo mất thẻ"
    view = shop.loyalty.customer_view(card)
    assert not view["usable"] and view["refusal"]["code"] == "card.blocked"
    gift = shop.loyalty.issue_card(new_id(), shop.cashier, "gift")["number"]
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.checkout(new_id(), shop.cashier, gift, 50_000)
    assert err.value.code == "card.pending"
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.set_card_status(new_id(), shop.cashier, gift, "blocked", "x")
    assert err.value.code == "card.bad_transition"


def test_operation_id_makes_a_retry_harmless(shop: Shop) -> None:
    card = enroll(shop)
    op = new_id()
    first = shop.loyalty.checkout(op, shop.cashier, card, 700_000)
    n = journal_count(shop)
    again = shop.loyalty.checkout(op, shop.cashier, card, 700_000)
    assert again == first and journal_count(shop) == n
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.top_up(op, shop.cashier, card, 100_000)
    assert err.value.code in ("operation.reused", "card.not_reloadable")


def test_top_up_bonus_is_its_own_entry_and_stored_value_pays_partially(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    r = shop.loyalty.top_up(new_id(), shop.cashier, card, 1_000_000)
    assert r["bonus"] == 50_000 and r["balances"]["stored_value"] == 1_050_000
    con = sqlite3.connect(shop.store.path)
    kinds = [k for (k,) in con.execute("SELECT kind FROM journal WHERE account='stored_value'")]
    con.close()
    assert kinds == ["sv.topup", "sv.bonus"]
    r = shop.loyalty.checkout(new_id(), shop.cashier, card, 300_000, stored_value_to_use=250_000)
    assert r["cash_due"] == 50_000 and r["balances"]["stored_value"] == 800_000
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.top_up(new_id(), shop.cashier, enroll(shop), 100_000)
    assert err.value.code == "card.not_reloadable"


def test_gift_card_any_denomination(shop: Shop) -> None:
    pending = shop.loyalty.issue_card(new_id(), shop.cashier, "gift")["number"]
    r = shop.loyalty.sell_gift_card(new_id(), shop.cashier, 345_000, pending)
    assert r["card_number"] == pending
    view = shop.loyalty.customer_view(pending)
    assert view["status"] == "active" and view["balances"]["stored_value"] == 345_000
    r = shop.loyalty.checkout(new_id(), shop.cashier, pending, 400_000, stored_value_to_use=345_000)
    assert r["cash_due"] == 55_000 and r["points_earned"] == 0
    assert verify_store(shop.store) == []


def test_approval_policy(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 3_000_000)
    op = new_id()
    with pytest.raises(ApprovalRequired) as err:
        shop.loyalty.checkout(op, shop.cashier, card, 3_000_000, stored_value_to_use=2_500_000)
    assert err.value.params["operation"] == "stored_value"
    # A cashier cannot approve, nor approve their own operation.
    with pytest.raises(LoyaltyError) as e2:
        shop.loyalty.approve("stored_value", {}, shop.cashier, code="1002", pin="2468")
    assert e2.value.code == "approval.not_supervisor"
    with pytest.raises(LoyaltyError) as e3:
        shop.loyalty.approve("stored_value", {}, shop.supervisor, code="2001", pin="5678")
    assert e3.value.code == "approval.self"
    with pytest.raises(LoyaltyError) as e4:
        shop.loyalty.approve("stored_value", {}, shop.cashier, code="2001", pin="0000")
    assert e4.value.code == "pin.wrong"
    approval = shop.loyalty.approve(
        "stored_value", {"amount": 2_500_000}, shop.cashier, card_number="7700000020016"
    )
    r = shop.loyalty.checkout(
        op, shop.cashier, card, 3_000_000, stored_value_to_use=2_500_000, approval_id=approval
    )
    assert r["stored_value_used"] == 2_500_000
    with pytest.raises(LoyaltyError) as e5:  # one approval, one operation
        shop.loyalty.checkout(
            new_id(),
            shop.cashier,
            card,
            600_000,
            stored_value_to_use=500_000 + 1_500_001,
            approval_id=approval,
        )
    assert e5.value.code in (
        "approval.used",
        "stored_value.insufficient",
        "stored_value.exceeds_bill",
    )
    con = sqlite3.connect(shop.store.path)
    row = con.execute("SELECT staff_id, payload FROM journal WHERE kind='approval'").fetchone()
    con.close()
    assert row[0] == shop.supervisor and "stored_value" in row[1]


def test_pin_lockout_after_repeated_failures(shop: Shop) -> None:
    for remaining in (4, 3, 2, 1):
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.authenticate(code="1001", pin="9999")
        assert err.value.code == "pin.wrong" and err.value.params["remaining"] == remaining
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.authenticate(code="1001", pin="9999")
    assert err.value.code == "staff.locked"
    # Locked: even the right PIN is refused now.
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.authenticate(code="1001", pin="1234")
    assert err.value.code == "staff.locked"
    assert shop.loyalty.authenticate(code="1002", pin="2468")["role"] == "cashier"


def test_pin_is_stored_as_a_slow_hash(shop: Shop) -> None:
    con = sqlite3.connect(shop.store.path)
    hashes = [h for (h,) in con.execute("SELECT pin_hash FROM staff")]
    con.close()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any("1234" in h for h in hashes)


def test_shift_open_once(shop: Shop) -> None:
    r = shop.loyalty.open_shift(new_id(), shop.cashier, 1_000_000)
    assert shop.loyalty.open_shift_id() == r["shift_id"]
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.open_shift(new_id(), shop.cashier, 0)
    assert err.value.code == "shift.already_open"


def test_expired_card_is_refused(shop: Shop) -> None:
    from datetime import date, timedelta

    from loyalty_core.services import Loyalty

    card = enroll(shop)
    expires = date.fromisoformat(shop.loyalty.customer_view(card)["expires_on"])
    later = Loyalty(shop.store, clock=lambda: expires + timedelta(days=1))
    before = journal_count(shop)
    with pytest.raises(LoyaltyError) as err:
        later.checkout(new_id(), shop.cashier, card, 100_000)
    assert err.value.code == "card.expired"
    assert later.customer_view(card)["refusal"]["code"] == "card.expired"
    assert journal_count(shop) == before


def test_card_prefixes_come_from_the_program_rules(shop: Shop) -> None:
    from loyalty_core.models import RuleVersion
    from loyalty_core.rules import DEFAULT_RULES

    old = enroll(shop)
    with shop.store.write() as s:
        s.add(
            RuleVersion(
                version=2,
                effective_from="2021-01-01T00:00:00.000000Z",
                rules={**DEFAULT_RULES, "card_prefixes": {"member": "990100"}},
            )
        )
    new = enroll(shop, name="Mai Anh Tuấn")
    assert new.startswith("990100") and cardnumbers.luhn_ok(new)
    assert shop.loyalty.customer_view(new)["kind"] == "member"
    with pytest.raises(LoyaltyError) as err:  # the old prefix is no longer ours
        shop.loyalty.customer_view(old)
    assert err.value.code == "card.not_ours"


def test_issue_then_activate_a_card_for_a_member(shop: Shop) -> None:
    member_card = enroll(shop)
    member_id = shop.loyalty.customer_view(member_card)["member"]["id"]
    fresh = shop.loyalty.issue_card(new_id(), shop.cashier, "combined", member_id=member_id)
    assert shop.loyalty.customer_view(fresh["number"])["status"] == "pending"
    r = shop.loyalty.activate_card(new_id(), shop.cashier, fresh["number"], member_id)
    view = shop.loyalty.customer_view(r["number"])
    assert view["status"] == "active" and view["member"]["id"] == member_id
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.activate_card(new_id(), shop.cashier, fresh["number"])
    assert err.value.code == "card.not_pending"
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.issue_card(new_id(), shop.cashier, "member", member_id=new_id())
    assert err.value.code == "member.unknown"


def test_phone_is_found_however_it_was_typed(shop: Shop) -> None:
    card = enroll(shop, phone="0912 345 678")
    assert [m["number"] for m in shop.loyalty.find_by_phone("0912345678")] == [card]
    assert [m["number"] for m in shop.loyalty.find_by_phone("0912-345-678")] == [card]
    with pytest.raises(LoyaltyError) as err:
        enroll(shop, name="Lê Văn Hùng", phone="0912345678")
    assert err.value.code == "member.phone_taken"
