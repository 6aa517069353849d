"""The chain job `history.prune`: head office's join history stays the size of its windows."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert, select

from loyalty_core.rules_schema import window_days
from sync.headoffice import schema as t
from sync.headoffice.services.joinprune import MARGIN_DAYS
from tests.sync.conftest import HeadOfficeEnv

DAY = date(2027, 3, 1)


def _sale(i: int, day: date) -> dict[str, object]:
    return {"id": f"sale-{i:03d}", "operation_id": f"op-{i:03d}", "till_id": "till-a",
            "card_id": f"card-{i % 4}", "amount": 100_000, "discount": 0, "points_redeemed": 0,
            "stored_value_used": 0, "cash_due": 100_000, "points_earned": 10,
            "created_at": f"{day.isoformat()}T03:00:00.000000Z", "receipt_no": f"A-{i:06d}"}


def test_old_join_history_goes_recent_stays_once(head_office: HeadOfficeEnv) -> None:
    tier_days = window_days({}, "tier_window_days") + MARGIN_DAYS  # 365 + 2
    refund_days = window_days({}, "refund_window_days") + MARGIN_DAYS  # 30 + 2
    spend_keep = DAY - timedelta(days=tier_days)
    sales_keep = DAY - timedelta(days=refund_days)
    spend = [{"day": (spend_keep + timedelta(days=d)).isoformat(), "card_id": f"card-{c}",
              "amount": 1000 * (c + 1)} for d in range(-4, 3) for c in range(3)]
    sales = [_sale(i, sales_keep + timedelta(days=i - 5)) for i in range(9)]
    with head_office.ho.engine.begin() as conn:
        conn.execute(insert(t.spend_days), spend)
        conn.execute(insert(t.sales), sales)

    (run,) = head_office.ho.run_jobs(DAY.isoformat(), ["history.prune"], batch=2)
    assert run["ran"]
    with head_office.ho.engine.connect() as conn:
        days = conn.execute(select(t.spend_days.c.day).distinct()).scalars().all()
        ids = conn.execute(select(t.sales.c.id).order_by(t.sales.c.id)).scalars().all()
    assert sorted(days) == [(spend_keep + timedelta(days=d)).isoformat() for d in range(3)]
    assert ids == [f"sale-{i:03d}" for i in range(5, 9)]

    assert head_office.ho.run_jobs(DAY.isoformat(), ["history.prune"])[0]["ran"] is False
    head_office.ho.run_jobs((DAY + timedelta(days=1)).isoformat(), ["history.prune"])
    with head_office.ho.engine.connect() as conn:
        assert conn.execute(select(t.spend_days.c.day).distinct()).scalars().all() == [
            (spend_keep + timedelta(days=d)).isoformat() for d in (1, 2)]
        assert len(conn.execute(select(t.sales.c.id)).all()) == 3
