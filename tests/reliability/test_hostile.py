"""Hostile input: every call succeeds or raises LoyaltyError, and a refusal changes nothing.

The counter feeds the engine whatever a keyboard, a card reader or a confused cashier produces:
control characters and bidi overrides in names, a payment card swiped into the amount field,
card numbers in Arabic-Indic or full-width digits, floats and booleans where an amount belongs.
Anything but a LoyaltyError would reach the cashier as a crash, and a refused call that wrote a
row would be a half-done operation. A payment card number must never come back in an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty_core import cardnumbers
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from tests import hodefs
from tests.reliability.conftest import DemoTill

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_TEXT = (
    "",
    " ",
    "\x00",
    "Nguyễn\x00Văn",
    "abc\u202egnp.exe",
    "\u200f\u200e",
    "'; DROP TABLE journal; --",
    "Robert'); DELETE FROM balances;--",
    "%s%s%s%n",
    "{0.__class__}",
    "x" * 10_000,
    "😀" * 300,
    "١٢٣٤٥٦",
    "１２３４５６７８９０",
    "\ufffd",
    "<script>alert(1)</script>",
)
texts = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=300))
optional_texts = st.one_of(st.none(), texts)


def luhn_card(prefix: str, body: str) -> str:
    digits = (prefix + body)[:15]
    return digits + cardnumbers.luhn_check_digit(digits)


payment_cards = st.builds(
    luhn_card, st.just("4"), st.text(alphabet="0123456789", min_size=14, max_size=14)
)
unicode_digits = st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=20)


def to_fullwidth(number: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isdigit() else ch for ch in number)


def to_arabic_indic(number: str) -> str:
    return "".join(chr(0x0660 + int(ch)) if ch.isascii() and ch.isdigit() else ch for ch in number)


card_numbers = st.one_of(
    texts,
    payment_cards,
    payment_cards.map(lambda n: f"{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}"),
    payment_cards.map(lambda n: f"%B{n}^NGUYEN/VAN A^2812101?"),
    payment_cards.map(lambda n: f";{n}=28121010000000000000?"),
    unicode_digits,
    payment_cards.map(to_fullwidth),
    payment_cards.map(to_arabic_indic),
    st.text(alphabet="0123456789", min_size=16, max_size=16),
)
amounts = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**8),
    st.integers(min_value=10**10, max_value=10**40),
    st.integers(max_value=-(10**10)),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.none(),
    st.sampled_from(["1000", "1e6", "١٠٠٠", 10**19, 2**63, -(2**63) - 1]),
)
operation_ids = st.one_of(
    st.builds(new_id),
    st.text(max_size=80),
    st.integers(),
    st.none(),
    st.binary(max_size=40),
    st.sampled_from(["", "x" * 7, "x" * 64, "x" * 65, "\x00" * 10, "🙂" * 16]),
)


def attempt(demo: DemoTill, fn: Callable[[], Any]) -> Any:
    """Run one call: success, or a LoyaltyError that wrote nothing. Anything else fails."""
    before = demo.snapshot()
    try:
        return fn()
    except LoyaltyError as exc:
        assert demo.snapshot() == before, f"refused ({exc.code}) but rows changed"
        return exc


def test_verify_clean_at_start(demo: DemoTill) -> None:
    """The shared till starts clean, so a later verify failure is the hostile calls' doing."""
    assert verify_store(demo.store) == []


@SETTINGS
@given(name=texts, phone=optional_texts, email=optional_texts, birthday=optional_texts)
def test_enrol_free_text(
    demo: DemoTill, name: str, phone: str | None, email: str | None, birthday: str | None
) -> None:
    attempt(
        demo,
        lambda: demo.loyalty.enroll_member(
            new_id(), demo.staff["1001"], name, phone=phone, email=email, birthday=birthday
        ),
    )


@SETTINGS
@given(reason=texts, card=card_numbers)
def test_card_status_reason_and_number(demo: DemoTill, reason: str, card: str) -> None:
    # Blocking then re-activating keeps the shared card usable for the other tests.
    attempt(
        demo,
        lambda: demo.loyalty.set_card_status(new_id(), demo.staff["2001"], card, "blocked", reason),
    )
    attempt(
        demo,
        lambda: demo.loyalty.set_card_status(new_id(), demo.staff["2001"], card, "active", reason),
    )


@SETTINGS
@given(code=texts, reference=texts, partner=texts, card=card_numbers)
def test_vouchers_and_partner_references(
    demo: DemoTill, code: str, reference: str, partner: str, card: str
) -> None:
    attempt(demo, lambda: demo.loyalty.quote(None, 100_000, voucher_code=code))
    attempt(
        demo,
        lambda: demo.loyalty.checkout(
            new_id(), demo.staff["1001"], None, 100_000, voucher_code=code
        ),
    )
    attempt(
        demo,
        lambda: demo.loyalty.convert_partner_points(
            new_id(), demo.staff["1001"], card, partner, 1_000, reference
        ),
    )
    attempt(
        demo,
        lambda: hodefs.issue_vouchers(demo.loyalty, new_id(),
            demo.staff["1001"],
            kind="fixed",
            value=10_000,
            valid_from="2026-01-01",
            valid_to="2026-12-31",
            codes=[code],
            reason=reference,
        ),
    )


@SETTINGS
@given(
    amount=amounts, points=amounts, stored=amounts, refund=amounts, count=amounts, opening=amounts
)
def test_amounts(
    demo: DemoTill, amount: Any, points: Any, stored: Any, refund: Any, count: Any, opening: Any
) -> None:
    cashier, member, prepaid = demo.staff["1001"], demo.cards["member"], demo.cards["prepaid"]
    loyalty = demo.loyalty
    attempt(demo, lambda: loyalty.quote(member, amount, points, 0))
    attempt(
        demo,
        lambda: loyalty.checkout(
            new_id(), cashier, member, amount, points_to_redeem=points, stored_value_to_use=0
        ),
    )
    attempt(
        demo,
        lambda: loyalty.checkout(new_id(), cashier, prepaid, 1_000_000, stored_value_to_use=stored),
    )
    attempt(demo, lambda: loyalty.top_up(new_id(), cashier, prepaid, amount))
    attempt(demo, lambda: loyalty.sell_gift_card(new_id(), cashier, amount))
    attempt(demo, lambda: loyalty.open_shift(new_id(), cashier, opening))
    attempt(
        demo, lambda: loyalty.convert_partner_points(new_id(), cashier, member, "x", amount, "r")
    )
    attempt(
        demo,
        lambda: hodefs.issue_vouchers(loyalty, new_id(),
            cashier,
            kind="fixed",
            value=amount,
            valid_from="2026-01-01",
            valid_to="2026-12-31",
            max_uses=count,
            min_spend=points,
        ),
    )
    sale = loyalty.checkout(new_id(), cashier, member, 300_000)["sale_id"]
    approval = loyalty.approve(
        "refund", {"sale_id": sale}, cashier, code="2001", pin="5678", amount=10**12,
        for_card=member,
    )
    attempt(
        demo,
        lambda: loyalty.refund(new_id(), cashier, sale, refund, approval_id=approval),
    )


@SETTINGS
@given(card=card_numbers)
def test_card_numbers(demo: DemoTill, card: str) -> None:
    cashier = demo.staff["1001"]
    attempt(demo, lambda: demo.loyalty.customer_view(card))
    attempt(demo, lambda: demo.loyalty.checkout(new_id(), cashier, card, 100_000))
    attempt(demo, lambda: demo.loyalty.top_up(new_id(), cashier, card, 100_000))
    attempt(demo, lambda: demo.loyalty.sell_gift_card(new_id(), cashier, 100_000, card))
    attempt(demo, lambda: demo.loyalty.points_expiring(card))
    attempt(
        demo,
        lambda: demo.loyalty.enroll_member(new_id(), cashier, "Trần Thị Bé", card_number=card),
    )


@SETTINGS
@given(op=operation_ids)
def test_operation_ids(demo: DemoTill, op: Any) -> None:
    first = attempt(demo, lambda: demo.loyalty.checkout(op, demo.staff["1001"], None, 50_000))
    if isinstance(first, dict):
        # A valid id: the retry returns the first result and writes nothing.
        before = demo.snapshot()
        assert demo.loyalty.checkout(op, demo.staff["1001"], None, 50_000) == first
        assert demo.snapshot() == before
        # The same id for another kind of operation is refused, never silently replayed.
        reused = attempt(
            demo, lambda: demo.loyalty.top_up(op, demo.staff["1001"], demo.cards["prepaid"], 10)
        )
        assert isinstance(reused, LoyaltyError) and reused.code == "operation.reused"


def leaked(exc: LoyaltyError, pan: str) -> bool:
    """Whether the error carries the full number, whatever digits or separators it used."""
    blobs = [str(exc), exc.message, repr(exc.args), *(repr(v) for v in exc.params.values())]
    for blob in blobs:
        ascii_digits = "".join(str(int(ch)) for ch in blob if ch.isdecimal())
        if pan in ascii_digits:
            return True
    return False


@SETTINGS
@given(pan=payment_cards, form=st.sampled_from(["plain", "spaced", "track2", "fullwidth"]))
def test_payment_card_never_in_errors(demo: DemoTill, pan: str, form: str) -> None:
    """A payment card swiped into any field comes back masked at most (DESIGN.md, Cards)."""
    shown = {
        "plain": pan,
        "spaced": f"{pan[:4]} {pan[4:8]} {pan[8:12]} {pan[12:]}",
        "track2": f";{pan}=28121010000000000000?",
        "fullwidth": to_fullwidth(pan),
    }[form]
    cashier, member, loyalty = demo.staff["1001"], demo.cards["member"], demo.loyalty
    calls: list[Callable[[], Any]] = [
        lambda: loyalty.customer_view(shown),
        lambda: loyalty.checkout(new_id(), cashier, shown, 100_000),
        lambda: loyalty.top_up(new_id(), cashier, shown, 100_000),
        lambda: loyalty.sell_gift_card(new_id(), cashier, 100_000, shown),
        lambda: loyalty.enroll_member(new_id(), cashier, "Lê Văn Tám", card_number=shown),
        lambda: loyalty.issue_card(new_id(), cashier, "member", number=shown),
        lambda: loyalty.authenticate(card_number=shown),
        lambda: loyalty.points_expiring(shown),
        # A keyboard-wedge reader types the swipe into whatever field has the focus.
        lambda: loyalty.checkout(new_id(), cashier, member, int(pan)),
        lambda: loyalty.top_up(new_id(), cashier, demo.cards["prepaid"], int(pan)),
        lambda: loyalty.sell_gift_card(new_id(), cashier, int(pan)),
        lambda: loyalty.checkout(new_id(), cashier, member, 100_000, points_to_redeem=int(pan)),
        lambda: loyalty.open_shift(new_id(), cashier, int(pan)),
    ]
    for i, fn in enumerate(calls):
        result = attempt(demo, fn)
        assert isinstance(result, LoyaltyError), f"call {i} accepted a payment card: {result}"
        assert not leaked(result, pan), f"call {i} ({result.code}) leaks the card: {result.params}"


def test_payment_card_never_stored(demo: DemoTill) -> None:
    """After the swipes above, the database file holds no payment card number."""
    pan = luhn_card("4", "11111111111111")
    for fn in (
        lambda: demo.loyalty.checkout(new_id(), demo.staff["1001"], pan, 100_000),
        lambda: demo.loyalty.customer_view(pan),
    ):
        assert isinstance(attempt(demo, fn), LoyaltyError)
    db = Path(demo.store.path)
    data = b"".join(p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")))
    assert data, "database files not found"
    assert pan.encode() not in data


@pytest.mark.parametrize("bad", ["GIAM\x0010", "GIAM\u202e10", "G" * 500, "   "])
def test_control_characters_refused_everywhere(demo: DemoTill, bad: str) -> None:
    """Every free-text field goes through one cleaning rule: a name with a NUL or a bidi
    override is refused, so a voucher code (printed on receipts, typed back by customers)
    must be too, and so must a 500-character one."""
    cashier = demo.staff["1001"]
    refused = attempt(demo, lambda: demo.loyalty.enroll_member(new_id(), cashier, bad))
    assert isinstance(refused, LoyaltyError)
    result = attempt(
        demo,
        lambda: hodefs.issue_vouchers(demo.loyalty, new_id(),
            cashier,
            kind="fixed",
            value=10_000,
            valid_from="2026-01-01",
            valid_to="2026-12-31",
            codes=[bad],
        ),
    )
    assert isinstance(result, LoyaltyError), f"voucher code {bad[:20]!r} accepted: {result}"


def test_duplicate_voucher_code_is_a_loyalty_error(demo: DemoTill) -> None:
    """A voucher code head office already sent with other terms must say so
    (definition.conflict), not crash; the same definition again is a no-op (a retried pull)."""
    cashier = demo.staff["1001"]

    def issue(value: int) -> Any:
        return hodefs.issue_vouchers(demo.loyalty, new_id(),
            cashier,
            kind="fixed",
            value=value,
            valid_from="2026-01-01",
            valid_to="2026-12-31",
            codes=["TET-TRUNG-LAP"],
        )

    attempt(demo, lambda: issue(10_000))
    assert attempt(demo, lambda: issue(10_000)) == {"codes": ["TET-TRUNG-LAP"]}
    again = attempt(demo, lambda: issue(20_000))
    assert isinstance(again, LoyaltyError) and again.code == "definition.conflict"


SUPERSCRIPT_16 = "8801" + "\u00b2" * 12  # str.isdigit() is true for '²', int('²') is not


@pytest.mark.parametrize(
    "case",
    ["superscript_card", "superscript_card_checkout", "float_voucher_uses", "bool_voucher_uses"],
)
def test_known_hostile_cases(demo: DemoTill, case: str) -> None:
    """Inputs hypothesis rarely reaches on its own, pinned so they are always tried."""
    cashier, loyalty = demo.staff["1001"], demo.loyalty

    def vouchers(uses: Any) -> Any:
        return hodefs.issue_vouchers(loyalty, new_id(),
            cashier,
            kind="fixed",
            value=10_000,
            valid_from="2026-01-01",
            valid_to="2026-12-31",
            max_uses=uses,
        )

    calls: dict[str, Callable[[], Any]] = {
        "superscript_card": lambda: loyalty.customer_view(SUPERSCRIPT_16),
        "superscript_card_checkout": lambda: loyalty.checkout(
            new_id(), cashier, SUPERSCRIPT_16, 100_000
        ),
        "float_voucher_uses": lambda: vouchers(1.5),
        "bool_voucher_uses": lambda: vouchers(True),
    }
    result = attempt(demo, calls[case])
    assert isinstance(result, LoyaltyError), f"{case} accepted: {result}"


def test_verify_clean_at_end(demo: DemoTill) -> None:
    """After every hostile call above, the journal still proves the balances."""
    assert verify_store(demo.store) == []
