from __future__ import annotations

from datetime import timedelta

import pytest

from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests.loyalty_core.conftest import Shop
from tests.loyalty_core.helpers import TODAY, D, approve, days, enroll, journal_count, member_of


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
