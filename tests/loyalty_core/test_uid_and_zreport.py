"""Issue 14, part B in the engine: UID-only NFC cards linked at enrolment and at replacement,
the Z report's voucher and discount totals, and the drawer difference's reason kept in the
shift.close entry."""

from __future__ import annotations

import json
import sqlite3

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import approve, days, enroll, journal_count, member_of

CHIP = "04A1B2C3D4E5F6"  # a 7-byte ISO 14443 UID


def test_a_chip_is_linked_at_enrolment_and_finds_the_card(shop: Shop) -> None:
    r = shop.loyalty.enroll_member(
        new_id(), shop.cashier, "Phạm Thu Hà", card_uid="04:a1:b2:c3:d4:e5:f6"
    )
    assert shop.loyalty.card_number_for_uid(CHIP) == r["card_number"]
    assert shop.loyalty.card_number_for_uid(CHIP.lower()) == r["card_number"]
    assert shop.loyalty.customer_view(r["card_number"])["member"]["name"] == "Phạm Thu Hà"
    assert verify_store(shop.store) == []


def test_bad_or_taken_chips_are_refused_and_change_nothing(shop: Shop) -> None:
    enroll(shop, card_uid=CHIP)
    before = journal_count(shop)
    for bad in ("", "04A1", "XYZ1B2C3", "04A1B2C3D4E5F60", 12345, "04A1B2C3\ud800"):
        with pytest.raises(LoyaltyError) as err:
            shop.loyalty.enroll_member(new_id(), shop.cashier, "Lê Văn Tú", card_uid=bad)
        assert err.value.code == "card.bad_uid", bad
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.enroll_member(new_id(), shop.cashier, "Lê Văn Tú", card_uid=CHIP)
    assert err.value.code == "card.uid_in_use"
    assert journal_count(shop) == before


def test_a_chip_goes_only_on_a_new_card(shop: Shop) -> None:
    pending = shop.loyalty.issue_card(new_id(), shop.cashier, "member")["number"]
    before = journal_count(shop)
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.enroll_member(
            new_id(), shop.cashier, "Lê Văn Tú", card_number=pending, card_uid="04A1B2C3"
        )
    assert err.value.code == "card.uid_not_new"
    assert journal_count(shop) == before


def test_a_chip_is_linked_to_the_replacement_card(shop: Shop) -> None:
    old = enroll(shop, card_uid="04A1B2C3")
    shop.loyalty.checkout(new_id(), shop.cashier, old, 400_000)
    points = shop.loyalty.customer_view(old)["balances"]["points"]
    r = shop.loyalty.replace_card(
        new_id(),
        shop.cashier,
        old,
        "Khách báo mất thẻ",
        approval_id=approve(shop, "replace_card", old),
        new_uid="04112233445566",
    )
    assert shop.loyalty.card_number_for_uid("04112233445566") == r["card_number"]
    assert shop.loyalty.customer_view(r["card_number"])["balances"]["points"] == points
    # The lost card's chip still names the lost card, which is blocked.
    assert shop.loyalty.card_number_for_uid("04A1B2C3") == old
    assert shop.loyalty.customer_view(old)["status"] == "blocked"
    before = journal_count(shop)
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.replace_card(
            new_id(), shop.cashier, r["card_number"], "Hỏng", new_uid="not a chip"
        )
    assert err.value.code == "card.bad_uid" and journal_count(shop) == before
    assert verify_store(shop.store) == []


def test_the_z_report_counts_voucher_and_total_discounts(shop: Shop) -> None:
    shift = shop.loyalty.open_shift(new_id(), shop.cashier, 0)["shift_id"]
    card = enroll(shop)
    shop.loyalty.issue_vouchers(
        new_id(),
        shop.cashier,
        kind="fixed",
        value=50_000,
        valid_from=days(0),
        valid_to=days(10),
        member_id=member_of(shop, card),
        codes=["TET2027"],
    )
    sale = shop.loyalty.checkout(
        new_id(), shop.cashier, card, 500_000, shift_id=shift, voucher_code="TET2027"
    )
    shop.loyalty.checkout(new_id(), shop.cashier, None, 100_000, shift_id=shift)
    z = shop.loyalty.shift_report(shift)
    assert z["kinds"]["voucher.use"] == {"count": 1, "sum": 50_000}
    assert z["discounts"] == {"total": sale["discount"], "vouchers": 50_000}
    assert sale["discount"] >= 50_000


def test_the_difference_reason_is_kept_in_the_shift_close_entry(shop: Shop) -> None:
    shift = shop.loyalty.open_shift(new_id(), shop.cashier, 100_000)["shift_id"]
    before = journal_count(shop)
    for bad in ("", "   ", "x" * 500, "\u202e"):
        with pytest.raises(LoyaltyError):
            shop.loyalty.close_shift(
                new_id(), shop.supervisor, shift, counted_cash=90_000, difference_reason=bad
            )
    assert journal_count(shop) == before
    z = shop.loyalty.close_shift(
        new_id(), shop.supervisor, shift, counted_cash=90_000, difference_reason="Thối nhầm tiền"
    )
    assert z["difference"] == -10_000 and z["difference_reason"] == "Thối nhầm tiền"
    con = sqlite3.connect(shop.store.path)
    payload, report = con.execute(
        "SELECT j.payload, s.report FROM journal j JOIN shifts s ON s.id = ? "
        "WHERE j.kind = 'shift.close'",
        (shift,),
    ).fetchone()
    con.close()
    assert json.loads(payload)["difference_reason"] == "Thối nhầm tiền"
    assert json.loads(report)["difference_reason"] == "Thối nhầm tiền"
    assert verify_store(shop.store) == []


def test_a_balanced_drawer_needs_no_reason(shop: Shop) -> None:
    shift = shop.loyalty.open_shift(new_id(), shop.cashier, 100_000)["shift_id"]
    z = shop.loyalty.close_shift(new_id(), shop.supervisor, shift, counted_cash=100_000)
    assert z["difference"] == 0 and z["difference_reason"] is None


def test_the_day_report_lists_closed_shifts_with_their_reasons(shop: Shop) -> None:
    first = shop.loyalty.open_shift(new_id(), shop.cashier, 100_000)["shift_id"]
    shop.loyalty.close_shift(
        new_id(), shop.supervisor, first, counted_cash=95_000, difference_reason="Thiếu 5.000"
    )
    second = shop.loyalty.open_shift(new_id(), shop.cashier, 50_000)["shift_id"]
    shop.loyalty.close_shift(new_id(), shop.supervisor, second, counted_cash=50_000)
    closed = shop.loyalty.day_report()["closed_shifts"]
    assert [(c["shift_id"], c["difference"], c["difference_reason"]) for c in closed] == [
        (first, -5_000, "Thiếu 5.000"),
        (second, 0, None),
    ]
    assert closed[0]["closed_by"] == shop.supervisor


def test_a_searched_members_cards_usable_first(shop: Shop) -> None:
    first = enroll(shop, name="Nguyễn Thị Lan", phone="0912000111")
    member = member_of(shop, first)
    shop.loyalty.set_card_status(new_id(), shop.supervisor, first, "blocked", "Mất thẻ")
    second = shop.loyalty.issue_card(new_id(), shop.cashier, "prepaid", member, activate=True)
    found = shop.loyalty.search_members("nguyen thi")
    assert [m["id"] for m in found] == [member]
    cards = shop.loyalty.member_cards(member)
    assert [(c["number"], c["status"]) for c in cards] == [
        (second["number"], "active"),
        (first, "blocked"),
    ]
    assert cards[1]["masked"].endswith(first[-4:]) and first not in cards[1]["masked"]
    for bad in ("", "x" * 100, 12, None, "00000000-0000-4000-8000-000000000000"):
        with pytest.raises(LoyaltyError):
            shop.loyalty.member_cards(bad)  # type: ignore[arg-type]


def test_one_chip_linked_at_two_offline_tills_never_stops_a_pull(shop: Shop) -> None:
    from loyalty_core import cardnumbers
    from loyalty_core.journal import insert_foreign
    from tests.loyalty_core.test_convergence import at, chain

    mine = shop.loyalty.enroll_member(new_id(), shop.cashier, "Hà", card_uid=CHIP)["card_number"]
    other = new_id()
    number = cardnumbers.generate("prepaid", dict(shop.loyalty.rules().data["card_prefixes"]))
    pulled = chain("till-b", [
        {"created_at": at(0), "kind": "card.issue", "card_id": other,
         "payload": {"id": other, "number": number, "kind": "prepaid",
                     "status": "active", "expires_on": "2030-01-01", "uid": CHIP}},
    ])
    with shop.store.write() as s:
        assert insert_foreign(s, pulled[0]) == 1
    # The link this till made stays; the pulled card is there, by its number only.
    assert shop.loyalty.card_number_for_uid(CHIP) == mine
    assert shop.loyalty.customer_view(number)["kind"] == "prepaid"
    assert verify_store(shop.store) == []
