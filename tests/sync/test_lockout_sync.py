"""Issue 13: PIN failures and lock-outs are counted per staff member across the chain: they are
journal entries (`staff.pin_failure`, `staff.locked`), pushed and pulled like any other."""

from __future__ import annotations

import pytest

from loyalty_core.errors import LoyaltyError
from tests.sync.conftest import Till


def wrong(till: Till, code: str = "1002") -> str:
    with pytest.raises(LoyaltyError) as refused:
        till.loyalty.authenticate(code=code, pin="0000")
    return refused.value.code


def test_failures_at_two_tills_add_up_and_a_lock_out_holds_everywhere(
    two_tills: tuple[Till, Till],
) -> None:
    a, b = two_tills
    assert [wrong(a) for _ in range(3)] == ["pin.wrong"] * 3
    a.worker.sync_once()
    b.worker.sync_once()
    # Till B already knows of A's three failures: two more lock the account.
    assert wrong(b) == "pin.wrong"
    assert wrong(b) == "staff.locked"
    b.worker.sync_once()
    a.worker.sync_once()
    with pytest.raises(LoyaltyError) as locked:
        a.loyalty.authenticate(code="1002", pin="2468")  # the right PIN, at the other till
    assert locked.value.code == "staff.locked"
    # Others are not affected, and both tills still verify.
    assert a.loyalty.authenticate(code="1001", pin="1234")["code"] == "1001"
    from loyalty_core.verify import verify_store

    assert verify_store(a.store) == [] and verify_store(b.store) == []
