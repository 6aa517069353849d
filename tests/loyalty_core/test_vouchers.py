from __future__ import annotations

from datetime import timedelta

import pytest

from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests import hodefs
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import TODAY, D, approve, days, enroll, journal_count, member_of


def test_vouchers_issue_redeem_and_every_refusal(shop: Shop) -> None:
    card = enroll(shop)
    other = enroll(shop, name="Đỗ Kim Yến")
    mine = hodefs.issue_vouchers(shop.loyalty, new_id(),
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
    bulk = hodefs.issue_vouchers(shop.loyalty, new_id(),
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
    shop.loyalty.refund(new_id(), shop.cashier, r["sale_id"], approval_id=approve(shop, "refund", card))
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


def test_a_voucher_is_head_offices_and_an_invalid_one_changes_nothing(shop: Shop) -> None:
    """The till only applies vouchers head office defined: one that is not valid is refused
    whole, naming every error, and nothing is written (not even the valid one beside it)."""
    card = enroll(shop)
    good = hodefs.envelope("voucher", "GOOD-1", {
        "kind": "fixed", "value": 100_000, "valid_from": D(), "valid_to": days(30),
        "member_id": member_of(shop, card), "reason": "goodwill"})
    bad = hodefs.envelope("voucher", "x", {
        "kind": "free", "value": 1.5, "valid_from": days(30), "valid_to": D(), "extra": 1})
    n = journal_count(shop)
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.apply_definitions([good, bad])
    assert err.value.code == "definition.invalid"
    errors = err.value.params["errors"]
    for path in ("code", "body.kind", "body.value", "body.extra", "body.valid_to"):
        assert any(e.startswith(path + ":") for e in errors), (path, errors)
    assert shop.loyalty.vouchers_for(card) == [] and journal_count(shop) == n
    shop.loyalty.apply_definitions([good])
    assert shop.loyalty.vouchers_for(card)[0]["code"] == "GOOD-1"
    assert journal_count(shop) == n  # a definition is not a till's entry


def test_a_pulled_definition_the_till_cannot_apply_is_recorded_and_the_rest_apply(
    shop: Shop,
) -> None:
    """A pull goes on past a definition that conflicts with what the till holds; the refusal
    stays listed (the status bar counts it) until a later version of it applies."""
    from loyalty_core import definitions

    terms = {"kind": "fixed", "value": 10_000, "valid_from": D(), "valid_to": days(5)}
    shop.loyalty.apply_definitions([hodefs.envelope("voucher", "HELD", terms)])
    conflicting = hodefs.envelope("voucher", "HELD", {**terms, "value": 20_000})
    fine = hodefs.envelope("voucher", "FINE", terms)
    with shop.store.write() as s:
        assert definitions.apply_pulled(s, [conflicting, fine]) == 1
        assert [(r["code"], r["error"]) for r in definitions.refused(s)] == [
            ("HELD", "definition.conflict")]
    quote = shop.loyalty.quote(None, 100_000, voucher_code="HELD")
    assert quote["voucher_discount"] == 10_000  # what the till held stays
    assert shop.loyalty.quote(None, 100_000, voucher_code="FINE")["voucher_discount"] == 10_000
    with shop.store.write() as s:
        newer = {**conflicting, "version": 2}
        assert definitions.apply_pulled(s, [newer]) == 0
        assert definitions.refused(s) == []
    assert shop.loyalty.quote(None, 100_000, voucher_code="HELD")["voucher_discount"] == 20_000
