"""Head office is the authority for the program's definitions (issue 12): programs, membership
plans, partners and vouchers are defined there, and two tills of two stores, on a real head
office on loopback (SQLite and PostgreSQL), get them by pull and agree."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from loyalty_core import syncstore
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id
from loyalty_core.verify import verify_store
from tests.sync.conftest import ADMIN_TOKEN, HeadOfficeEnv, Till, make_till, open_counter

STORE_A, STORE_B = "store-q1", "store-q2"
PAST = "2020-01-01T00:00:00Z"


@pytest.fixture
def two_stores(tmp_path: Path, head_office: HeadOfficeEnv) -> Iterator[tuple[Till, Till]]:
    """A till in each of two stores of one chain."""
    a = make_till(tmp_path, "till-a", head_office, store_id=STORE_A)
    b = make_till(tmp_path, "till-b", head_office, store_id=STORE_B)
    for till in (a, b):
        till.worker.sync_once()
        open_counter(till)
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def admin(env: HeadOfficeEnv, method: str, path: str, body: Any = None) -> requests.Response:
    return requests.request(method, f"{env.url}/v1/admin/{path}", json=body, timeout=10,
                            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})


def sync(*tills: Till) -> None:
    for till in tills:
        till.worker.sync_once()
    for till in tills:  # the first one's entries reach the others
        till.worker.sync_once()


def test_a_plan_bought_in_store_a_gives_its_benefits_in_store_b(
    head_office: HeadOfficeEnv, two_stores: tuple[Till, Till]
) -> None:
    a, b = two_stores
    answer = admin(head_office, "PUT", "plans", {
        "code": "vip", "effective_from": PAST,
        "body": {"name": "Hội viên VIP", "fee": 499_000, "term_days": 365,
                 "discount_bp": 800, "earn_multiplier_pct": 150}})
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == 1
    sync(a, b)
    assert [p["code"] for p in a.loyalty.membership_plans()] == ["vip"]
    assert [p["code"] for p in b.loyalty.membership_plans()] == ["vip"]

    card = a.loyalty.enroll_member(new_id(), a.cashier, "Phạm Thu Hà")["card_number"]
    shift = a.loyalty.open_shift_id()
    a.loyalty.buy_membership(new_id(), a.cashier, card, "vip", shift_id=shift)
    sync(a, b)

    quote = b.loyalty.quote(card, 1_000_000)
    assert quote["discount_source"] == "membership" and quote["discount"] == 80_000
    assert quote["multipliers"]["membership"] == 150
    sale = b.loyalty.checkout(new_id(), b.cashier, card, 1_000_000)
    assert sale["discount"] == 80_000
    assert verify_store(a.store) == [] and verify_store(b.store) == []


def test_a_campaign_applies_at_every_till_from_its_effective_time(
    head_office: HeadOfficeEnv, two_stores: tuple[Till, Till]
) -> None:
    a, b = two_stores
    cards = {t.store.till_id: t.loyalty.enroll_member(new_id(), t.cashier, "Lê Văn Bình")
             ["card_number"] for t in (a, b)}
    start = datetime.now(UTC) + timedelta(seconds=3)
    answer = admin(head_office, "PUT", "programs", {
        "code": "tet-x3", "effective_from": iso_utc(start),
        "body": {"kind": "occasion", "name": "Tết ×3", "params": {"multiplier_pct": 300}}})
    assert answer.status_code == 200, answer.text
    sync(a, b)
    before = {t.store.till_id: t.loyalty.quote(cards[t.store.till_id], 1_000_000)
              for t in (a, b)}
    assert datetime.now(UTC) < start, "the machine was too slow to see the time before"
    for quote in before.values():
        assert "campaign" not in quote["multipliers"]
    # The next version, already pulled, takes over only at its own effective time.
    later = start + timedelta(seconds=2)
    answer = admin(head_office, "PUT", "programs", {
        "code": "tet-x3", "version": 2, "effective_from": iso_utc(later),
        "body": {"kind": "occasion", "name": "Tết ×2", "params": {"multiplier_pct": 200}}})
    assert answer.status_code == 200, answer.text
    sync(a, b)
    time.sleep(max(0.0, (start - datetime.now(UTC)).total_seconds()) + 0.05)
    for till in (a, b):
        quote = till.loyalty.quote(cards[till.store.till_id], 1_000_000)
        if datetime.now(UTC) < later:
            assert quote["multipliers"]["campaign"] == 300
            assert quote["points_earned"] == 3 * before[till.store.till_id]["points_earned"]
    time.sleep(max(0.0, (later - datetime.now(UTC)).total_seconds()) + 0.05)
    for till in (a, b):
        sale = till.loyalty.checkout(new_id(), till.cashier, cards[till.store.till_id], 1_000_000)
        assert sale["points_earned"] == 2 * before[till.store.till_id]["points_earned"]
    assert verify_store(a.store) == [] and verify_store(b.store) == []


def test_a_voucher_batch_from_head_office_redeems_at_any_till_once(
    head_office: HeadOfficeEnv, two_stores: tuple[Till, Till]
) -> None:
    a, b = two_stores
    answer = admin(head_office, "POST", "voucher-batches", {
        "count": 3, "prefix": "TET", "effective_from": PAST,
        "body": {"kind": "fixed", "value": 50_000, "min_spend": 200_000,
                 "valid_from": "2020-01-01", "valid_to": "2099-12-31"}})
    assert answer.status_code == 200, answer.text
    batch, codes = answer.json()["batch"], answer.json()["codes"]
    assert len(set(codes)) == 3 and all(c.startswith("TET") and len(c) == 15 for c in codes)
    exported = admin(head_office, "GET", f"voucher-batches/{batch}").json()
    assert sorted(r["code"] for r in exported) == sorted(codes)
    assert all(r["value"] == 50_000 and r["max_uses"] == 1 for r in exported)
    sync(a, b)
    first = a.loyalty.checkout(new_id(), a.cashier, None, 300_000, voucher_code=codes[0])
    second = b.loyalty.checkout(new_id(), b.cashier, None, 300_000, voucher_code=codes[1])
    assert first["voucher_discount"] == second["voucher_discount"] == 50_000
    sync(a, b)
    # The use at A is a journal entry every till applies: the code is spent at B too.
    with pytest.raises(LoyaltyError) as err:
        b.loyalty.checkout(new_id(), b.cashier, None, 300_000, voucher_code=codes[0])
    assert err.value.code == "voucher.used_up"
    assert b.loyalty.checkout(new_id(), b.cashier, None, 300_000,
                              voucher_code=codes[2])["voucher_discount"] == 50_000
    assert verify_store(a.store) == [] and verify_store(b.store) == []


def test_an_invalid_definition_is_refused_with_every_error_and_changes_nothing(
    head_office: HeadOfficeEnv, two_stores: tuple[Till, Till]
) -> None:
    a, b = two_stores
    sync(a, b)
    held = head_office.ho.definitions()
    with a.store.read() as s:
        cursors = syncstore.cursors(s)
    answer = admin(head_office, "PUT", "programs", {
        "code": "Bad Code!", "effective_from": "tomorrow", "store_id": STORE_A,
        "body": {"kind": "cashback", "name": "", "params": {"bp": 2.5, "expiry_days": "90"},
                 "starts_on": "2027-02-10", "ends_on": "2027-02-01", "colour": "red"}})
    assert answer.status_code == 422
    assert answer.json()["error"] == "definition.invalid"
    errors = answer.json()["detail"]
    for path in ("code", "effective_from", "body.name", "body.params.bp",
                 "body.params.expiry_days", "body.ends_on", "body.colour"):
        assert any(e.startswith(path + ":") for e in errors), (path, errors)
    batch = admin(head_office, "POST", "voucher-batches", {
        "count": 1.5, "effective_from": PAST,
        "body": {"kind": "percent", "value": 20_000, "valid_from": "2027-01-02",
                 "valid_to": "2027-01-01"}})
    assert batch.status_code == 422
    assert {e.split(":")[0] for e in batch.json()["detail"]} >= {
        "count", "body.value", "body.valid_to"}
    assert head_office.ho.definitions() == held
    a.worker.sync_once()
    with a.store.read() as s:
        assert syncstore.cursors(s)[1] == cursors[1]  # not even a change number was taken


def test_a_store_gets_its_own_and_the_chain_wide_definitions_only(
    head_office: HeadOfficeEnv, two_stores: tuple[Till, Till]
) -> None:
    a, b = two_stores
    for code, store in (("chain", None), ("only-b", STORE_B)):
        answer = admin(head_office, "PUT", "partners", {
            "code": code, "effective_from": PAST, "store_id": store,
            "body": {"name": code, "ours": 1, "theirs": 2}})
        assert answer.status_code == 200, answer.text
    sync(a, b)
    card_a = a.loyalty.enroll_member(new_id(), a.cashier, "Đỗ Minh")["card_number"]
    card_b = b.loyalty.enroll_member(new_id(), b.cashier, "Đỗ Lan")["card_number"]
    assert a.loyalty.convert_partner_points(new_id(), a.cashier, card_a, "chain", 100,
                                            "R-1")["points"] == 50
    with pytest.raises(LoyaltyError) as err:
        a.loyalty.convert_partner_points(new_id(), a.cashier, card_a, "only-b", 100, "R-2")
    assert err.value.code == "coalition.unknown_partner"
    assert b.loyalty.convert_partner_points(new_id(), b.cashier, card_b, "only-b", 100,
                                            "R-3")["points"] == 50
