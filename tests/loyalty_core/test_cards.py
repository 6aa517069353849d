from __future__ import annotations

from datetime import date, timedelta

import pytest

from loyalty_core import cardnumbers
from loyalty_core.engine import Loyalty
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import approve, enroll, journal_count


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


def test_expired_card_is_refused(shop: Shop) -> None:

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


def test_replace_lost_card_moves_every_balance_and_lot(shop: Shop) -> None:
    card = enroll(shop, kind="combined")
    shop.loyalty.top_up(new_id(), shop.cashier, card, 200_000)
    shop.loyalty.checkout(new_id(), shop.cashier, card, 3_000_000)
    old = shop.loyalty.customer_view(card)
    with pytest.raises(ApprovalRequired):
        shop.loyalty.replace_card(new_id(), shop.cashier, card, "Khách báo mất thẻ")
    r = shop.loyalty.replace_card(
        new_id(),
        shop.cashier,
        card,
        "Khách báo mất thẻ",
        approval_id=approve(shop, "replace_card", card),
    )
    new = shop.loyalty.customer_view(r["card_number"])
    assert new["balances"] == old["balances"]
    assert new["member"]["id"] == old["member"]["id"]
    gone = shop.loyalty.customer_view(card)
    assert gone["status"] == "blocked" and gone["balances"] == {
        "points": 0,
        "stored_value": 0,
        "qualifying_spend": 0,
    }
    assert verify_store(shop.store) == []


def test_unblocking_a_card_is_a_supervisors_call(shop: Shop) -> None:
    card = enroll(shop)
    shop.loyalty.set_card_status(new_id(), shop.cashier, card, "blocked", "Khách báo mất thẻ")
    with pytest.raises(ApprovalRequired):
        shop.loyalty.set_card_status(new_id(), shop.cashier, card, "active", "Tìm lại được thẻ")
    r = shop.loyalty.set_card_status(
        new_id(),
        shop.cashier,
        card,
        "active",
        "Tìm lại được thẻ",
        approval_id=approve(shop, "card.status", card),
    )
    assert r["status"] == "active"
    shop.loyalty.set_card_status(new_id(), shop.cashier, card, "blocked", "Khách báo mất thẻ")
    assert (
        shop.loyalty.set_card_status(new_id(), shop.supervisor, card, "active", "Tìm lại được thẻ")[
            "status"
        ]
        == "active"
    )


def test_customer_view_says_what_the_card_can_do(shop: Shop) -> None:
    member = shop.loyalty.customer_view(enroll(shop))
    combined = shop.loyalty.customer_view(enroll(shop, kind="combined", name="Lê Thị Hoa"))
    assert member["capabilities"] == {
        "points": True,
        "stored_value": False,
        "reloadable": False,
        "cashback": False,
        "period_discount": False,
    }
    assert combined["capabilities"]["reloadable"] and combined["capabilities"]["points"]
    with pytest.raises(LoyaltyError) as exc:
        shop.loyalty.top_up(new_id(), shop.cashier, member["number"], 100_000)
    assert exc.value.code == "card.not_reloadable"


def test_every_card_kind_has_capabilities_and_a_number_prefix() -> None:
    from loyalty_core.cardkinds import CARD_KINDS, kinds_with

    assert set(CARD_KINDS) == set(cardnumbers.CARD_KINDS) == set(cardnumbers.DEFAULT_PREFIXES)
    assert kinds_with("reloadable") == ("prepaid", "combined")
    assert kinds_with("points") == ("member", "combined", "discount")
