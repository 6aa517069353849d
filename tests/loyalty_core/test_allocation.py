"""The refund allocation is exact over any chain and never over-returns a tender."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from loyalty_core.allocation import allocate_refund, largest_remainder


def run_chain(paid: dict[str, int], amount: int, parts: list[int], units: dict[str, int]):
    returned = dict.fromkeys(paid, 0)
    done = 0
    steps = []
    for part in parts:
        step = allocate_refund(paid, returned, amount, done, part, units)
        for key, value in step.items():
            assert value >= 0
            returned[key] += value
            assert returned[key] <= paid[key], "a tender returned beyond what was paid"
            if key in units:
                assert value % units[key] == 0, "points move in whole points"
        done += part
        assert sum(returned.values()) <= sum(paid.values()) * done // amount or done == amount
        steps.append(step)
    return returned, steps


def test_the_issue_reproduction_no_longer_mints_cash() -> None:
    # 10.000 đ sale: 9 points at 1.000 đ/point and 1.000 đ cash; refunded as 9.999 then 1.
    paid = {"points": 9_000, "cash": 1_000}
    returned, steps = run_chain(paid, 10_000, [9_999, 1], {"points": 1_000})
    assert returned == paid
    assert sum(steps[0].values()) <= 9_999


def test_ten_partial_refunds_then_the_rest_return_the_sale_exactly() -> None:
    paid = {"points": 40_000, "cash": 59_990, "card": 10}
    parts = [9_999] * 10 + [10]
    returned, _ = run_chain(paid, 100_000, parts, {"points": 1_000})
    assert returned == paid


def test_largest_remainder_is_exact_and_bounded() -> None:
    assert largest_remainder(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert largest_remainder(0, {"a": 5}) == {"a": 0}
    assert sum(largest_remainder(7, {"a": 3, "b": 5}).values()) == 7


@given(
    cash=st.integers(0, 2_000_000),
    card=st.integers(0, 2_000_000),
    points=st.integers(0, 2_000),
    rate=st.sampled_from([1, 500, 1_000, 2_500]),
    discount=st.integers(0, 500_000),
    cuts=st.lists(st.integers(1, 1_000_000), min_size=1, max_size=12),
)
def test_any_refund_chain_returns_exactly_the_payment(
    cash: int, card: int, points: int, rate: int, discount: int, cuts: list[int]
) -> None:
    paid = {"cash": cash, "card": card, "points": points * rate}
    amount = sum(paid.values()) + discount
    if amount == 0:
        return
    parts, left = [], amount
    for cut in cuts:
        part = min(cut, left)
        if part == 0:
            break
        parts.append(part)
        left -= part
    returned, _ = run_chain(paid, amount, parts, {"points": rate})
    if left == 0:
        assert returned == paid
    else:
        assert sum(returned.values()) <= sum(paid.values()) * (amount - left) // amount
