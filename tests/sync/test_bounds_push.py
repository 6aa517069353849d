"""Nothing a till accepts is refused by head office for its content (issue 11).

The longest values the hostile matrix shows the till accepting (tests/reliability/
hostile_values.py) are written through the engine and pushed to a real head office, on SQLite
and on PostgreSQL (whose VARCHAR columns do enforce their sizes): every entry must be acked and
the member's row must hold the values whole.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from loyalty_core import bounds, syncstore
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.inputs import clean_lines
from sync.headoffice import schema as t
from tests.reliability import hostile_values as H
from tests.sync.conftest import HeadOfficeEnv, make_till


def widest_lines(amount_per_line: int) -> list[dict[str, object]]:
    """As many lines with the longest description as the till takes in one sale."""
    line = {"name": H.LONGEST_LINE, "sku": "S" * bounds.MAX_LINE_TEXT, "quantity": 1,
            "unit_price": amount_per_line}
    count = bounds.MAX_SALE_LINES
    while count:
        lines = [dict(line) for _ in range(count)]
        try:
            clean_lines(lines, amount_per_line * count)
            return lines
        except LoyaltyError:
            count -= 1
    raise AssertionError("no line fits")


def test_longest_accepted_values_reach_head_office(
    tmp_path: Path, head_office: HeadOfficeEnv
) -> None:
    till = make_till(tmp_path, "till-bounds", head_office)
    try:
        till.worker.sync_once()
        enrolled = till.loyalty.enroll_member(
            new_id(), till.cashier, H.LONGEST_NAME, phone=H.LONGEST_PHONE,
            email=H.LONGEST_EMAIL, birthday="1990-02-28", segment=H.LONGEST_SEGMENT,
        )
        number = enrolled["card_number"]
        lines = widest_lines(1_000)
        till.loyalty.checkout(new_id(), till.cashier, number, 1_000 * len(lines), lines=lines)
        till.loyalty.checkout(new_id(), till.cashier, number, bounds.MAX_AMOUNT)
        till.loyalty.set_card_status(new_id(), till.cashier, number, "blocked", H.LONGEST_REASON)
        till.worker.sync_once()
        with till.store.read() as s:
            assert syncstore.pending_count(s, till.store.till_id) == 0
        assert till.worker.snapshot().last_error is None
        with head_office.ho.ctx.engine.connect() as conn:
            member = conn.execute(
                select(t.members).where(t.members.c.id == enrolled["member_id"])
            ).one()
            reason = conn.execute(
                select(t.cards.c.status_reason).where(t.cards.c.id == enrolled["card_id"])
            ).scalar()
        assert member.name == H.LONGEST_NAME
        assert member.email == H.LONGEST_EMAIL
        assert member.segment == H.LONGEST_SEGMENT
        assert member.phone == "+84912345678"
        assert reason == H.LONGEST_REASON
    finally:
        till.close()
