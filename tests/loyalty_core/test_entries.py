"""The entries registry: every kind has one row, and the journal refuses what breaks it."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from loyalty_core import entries
from loyalty_core.canonical import GENESIS_HASH, entry_hash
from loyalty_core.entries import REGISTRY, Kind, Sign
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id, utcnow
from loyalty_core.journal import JournalWriter, insert_foreign
from loyalty_core.models import Balance, JournalEntry
from tests.loyalty_core.conftest import Shop


def count(shop: Shop) -> int:
    with shop.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(JournalEntry)) or 0)


def refused(shop: Shop, kind: str, **kw: object) -> LoyaltyError:
    before = count(shop)
    with pytest.raises(LoyaltyError) as err, shop.store.write() as s:
        JournalWriter(s, shop.store.till_id, new_id()).post(kind, **kw)  # type: ignore[arg-type]
    assert err.value.code == "entry.invalid"
    assert count(shop) == before  # nothing written
    return err.value


def test_every_kind_has_exactly_one_row() -> None:
    assert set(REGISTRY) == {k.value for k in Kind}
    for kind, spec in REGISTRY.items():
        assert spec.kind == kind
        assert (spec.sign is Sign.ZERO) == (not spec.accounts), kind
        assert spec.accounts <= set(entries.ACCOUNTS)


def test_posting_by_string_or_kind_is_the_same(shop: Shop) -> None:
    card = new_id()
    with shop.store.write() as s:
        writer = JournalWriter(s, shop.store.till_id, new_id())
        a = writer.post("sv.topup", card_id=card, account="stored_value", amount=5)
        b = writer.post(Kind.SV_TOPUP, card_id=card, account="stored_value", amount=7)
    assert a["kind"] == b["kind"] == "sv.topup" and type(b["kind"]) is str
    with shop.store.read() as s:
        assert s.get(Balance, (card, "stored_value")).balance == 12  # type: ignore[union-attr]


def test_unknown_kind_is_refused(shop: Shop) -> None:
    err = refused(shop, "points.gift", card_id=new_id(), account="points", amount=5)
    assert "unknown entry kind" in err.message


def test_wrong_account_and_wrong_sign_are_refused(shop: Shop) -> None:
    err = refused(shop, "earn", card_id=new_id(), account="stored_value", amount=5)
    assert "cannot move stored_value" in err.message
    err = refused(shop, "earn", card_id=new_id(), account="points", amount=-5)
    assert "earn is credit" in err.message
    err = refused(shop, "sale", card_id=new_id(), account="points", amount=3,
                  payload={"amount": 3})
    assert "sale cannot move points" in err.message
    err = refused(shop, "sv.spend", account="stored_value", amount=-5)
    assert "names its card" in err.message


def test_a_bad_payload_reports_every_error(shop: Shop) -> None:
    err = refused(
        shop,
        "shift.open",
        payload={"shift_id": 7, "opening_float": "100", "drawer": 1},
    )
    assert set(err.params["errors"]) == {
        "payload.drawer: unknown field",
        "payload.shift_id: expected str",
        "payload.opening_float: expected int",
    }
    err = refused(shop, "redeem", card_id=new_id(), account="points", amount=-5,
                  payload={"lots": [{"lot_id": "x", "amount": -1}, "y"]})
    assert len(err.params["errors"]) == 2
    err = refused(shop, "sale", payload={"amount": 10**16, "cash_due": True})
    assert len(err.params["errors"]) == 2
    err = refused(shop, "card.status", card_id=new_id(), payload={})
    assert err.params["errors"] == ["payload.status: missing"]


def test_a_pulled_entry_is_held_to_the_same_rules(shop: Shop) -> None:
    wire = {
        "id": new_id(), "till_id": "other-till", "seq": 1, "created_at": iso_utc(utcnow()),
        "kind": "earn", "card_id": new_id(), "account": "points", "amount": -10,
        "operation_id": new_id(), "sale_id": None, "staff_id": None, "approval_id": None,
        "rule_version": 1, "reason": None, "payload": {}, "prev_hash": GENESIS_HASH,
    }
    wire["hash"] = entry_hash(wire)
    before = count(shop)
    with pytest.raises(LoyaltyError, match="entry.invalid"), shop.store.write() as s:
        insert_foreign(s, wire)
    assert count(shop) == before


def test_takings_buckets() -> None:
    spec, sale = entries.validate("sale", None, 0, None, {"amount": 9, "cash_due": 9,
                                                           "tender": "card"})
    assert entries.takings_of(spec, sale, 0) == {"card_sales": 9}
    spec, topup = entries.validate("sv.topup", "stored_value", 50, "c", {})
    assert entries.takings_of(spec, topup, 50) == {"topups": 50}
    spec, bonus = entries.validate("sv.bonus", "stored_value", 5, "c", {"topup": 50})
    assert entries.takings_of(spec, bonus, 5) == {}


def test_validation_stays_cheap() -> None:
    """Every post validates: it must cost microseconds, not the checkout's budget."""
    payload = {
        "amount": 300_000, "discount": 0, "discount_bp": 0, "discount_source": None,
        "voucher_id": None, "voucher_discount": 0, "multipliers": {"tier": 100}, "net": 300_000,
        "points_redeemed": 0, "points_value": 0, "stored_value_used": 0, "cash_due": 300_000,
        "points_earned": 30, "cashback": 0, "cashback_expiry_days": None, "rule_version": 1,
        "shift_id": None, "lines": [], "tender": "cash",
    }
    n = 2000
    start = time.perf_counter()
    for _ in range(n):
        entries.validate("sale", None, 0, "c", payload)
    per_entry = (time.perf_counter() - start) / n
    assert per_entry < 50e-6, f"{per_entry * 1e6:.1f} µs per sale entry"


def test_registry_cash_agrees_with_the_day_report(shop: Shop) -> None:
    """The registry's cash buckets give the Z report's figures for a real mix of operations."""
    loyalty = shop.loyalty
    card = loyalty.enroll_member(new_id(), shop.cashier, "Đỗ Minh Khôi",
                                 card_kind="combined")["card_number"]
    loyalty.top_up(new_id(), shop.cashier, card, 1_000_000)
    loyalty.checkout(new_id(), shop.cashier, card, 400_000, stored_value_to_use=100_000)
    sale = loyalty.checkout(new_id(), shop.cashier, card, 250_000)["sale_id"]
    loyalty.checkout(new_id(), shop.cashier, card, 90_000, tender="card")
    loyalty.sell_gift_card(new_id(), shop.cashier, 200_000)
    approval = loyalty.approve("refund", {"value": 100_000}, shop.cashier, code="2001",
                               pin="5678", for_card=card)
    loyalty.refund(new_id(), shop.cashier, sale, 100_000, approval_id=approval)
    loyalty.checkout(new_id(), shop.cashier, None, 70_000, tenders={"cash": 20_000,
                                                                    "transfer": 50_000})
    cash = {"sales": 0, "card_sales": 0, "transfer_sales": 0, "topups": 0, "gift_cards": 0,
            "memberships": 0, "refunds": 0, "card_refunds": 0, "transfer_refunds": 0}
    with shop.store.read() as s:
        for e in s.scalars(select(JournalEntry)):
            spec, payload = entries.validate(e.kind, e.account, e.amount, e.card_id, e.payload)
            for bucket, moved in entries.takings_of(spec, payload, e.amount).items():
                cash[bucket] += moved
    report = loyalty.day_report()
    assert report["cash"] == cash
    assert cash["refunds"] > 0 and cash["card_sales"] == 90_000
    assert cash["transfer_sales"] == 50_000
