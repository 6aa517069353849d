"""Issue 12, joining a chain: what a till that pulled the chain holds beyond balances and lots
reaches a joined till in its snapshot (real head office on loopback, SQLite and PostgreSQL).

A member buys a paid plan at A, a single-use voucher is used at A, a sale is made at A, a
member reaches 4.9M of the 5M silver threshold at A; then C joins: the plan's discount applies
at C, the voucher is refused at C with head office unreachable, A's sale is refunded at C (and
A then sees it refunded), the member upgrades at C on a 200,000 đ sale, and `verify` is clean.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from loyalty_core import rawsql
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from sync.headoffice import schema as t
from sync.till.bootstrap import join
from tests import hodefs
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, open_counter


def _history(a: Till, env: HeadOfficeEnv) -> dict[str, Any]:
    today = date.today()
    env.ho.set_definition("plan", hodefs.envelope("plan", "vip", {
        "name": "VIP tháng", "fee": 99_000, "term_days": 30, "discount_bp": 1_000}))
    code = f"V{new_id().replace('-', '')[-10:].upper()}"
    env.ho.set_definition("voucher", hodefs.envelope("voucher", code, {
        "kind": "fixed", "value": 20_000, "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=30)).isoformat(), "max_uses": 1, "min_spend": 0,
        "member_id": None, "reason": None}))
    a.worker.sync_once()  # the plan and the voucher reach A
    vip = str(a.loyalty.enroll_member(new_id(), a.cashier, "Phạm Thu Trang")["card_number"])
    a.loyalty.buy_membership(new_id(), a.cashier, vip, "vip")
    assert a.loyalty.quote(vip, 100_000)["discount"] == 10_000
    a.loyalty.checkout(new_id(), a.cashier, None, 150_000, voucher_code=code)
    buyer = str(a.loyalty.enroll_member(new_id(), a.cashier, "Lê Văn Bình",
                                        card_kind="combined")["card_number"])
    a.loyalty.top_up(new_id(), a.cashier, buyer, 100_000)
    sale = a.loyalty.checkout(new_id(), a.cashier, buyer, 300_000, stored_value_to_use=50_000)
    climber = str(a.loyalty.enroll_member(new_id(), a.cashier, "Trần Minh Châu")["card_number"])
    a.loyalty.checkout(new_id(), a.cashier, climber, 4_900_000)
    view = a.loyalty.customer_view(climber)["member"]
    assert (view["tier_code"], view["qualifying_spend"]) == ("member", 4_900_000)
    a.worker.sync_once()
    return {"vip": vip, "voucher": code, "buyer": buyer, "sale": sale, "climber": climber}


def _refund(till: Till, sale_id: str) -> dict[str, Any]:
    """A full refund, with the supervisor's approval the rules ask for."""
    try:
        return till.loyalty.refund(new_id(), till.cashier, sale_id)
    except ApprovalRequired as asked:
        approval = till.loyalty.approve(str(asked.params["operation"]), dict(asked.params),
                                        till.cashier, code="2001", pin="5678",
                                        amount=int(asked.params["value"]))
        return till.loyalty.refund(new_id(), till.cashier, sale_id, approval_id=approval)


def _count(till: Till, table: str) -> int:
    with till.store.read() as s:
        return int(rawsql.scalar(s, f"SELECT count(*) FROM {table}"))


def test_a_joined_till_holds_memberships_voucher_uses_recent_sales_and_the_tier_window(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    h = _history(a, head_office)
    with head_office.ho.engine.connect() as conn:
        assert conn.execute(select(t.memberships)).all() != []
        assert conn.execute(select(t.sales.c.id)).scalars().all() != []
        assert sum(conn.execute(select(t.spend_days.c.amount)).scalars()) > 4_900_000
    c = make_till(tmp_path, "till-c", head_office)
    try:
        join(c.store, c.client)
        c.worker.sync_once()  # the plan, the voucher, staff and rules by the ordinary pull
        open_counter(c)
        # Nothing replayed: the history came as snapshot rows, not as journal entries.
        with c.store.read() as s:
            assert rawsql.scalar(s, "SELECT count(*) FROM journal WHERE till_id != ?",
                                 (c.store.till_id,)) == 0
        assert _count(c, "memberships") == 1
        assert _count(c, "snapshot_entries") > 0
        assert verify_store(c.store) == []

        # 1. The plan bought at A gives its discount at C.
        assert c.loyalty.quote(h["vip"], 100_000)["discount"] == 10_000
        assert c.loyalty.customer_view(h["vip"])["membership"]["active"] is True

        # 3. A's sale is refundable at C, with its tenders and effects as A would see them.
        listed = c.loyalty.recent_sales(card_number=h["buyer"])
        assert [x["sale_id"] for x in listed] == [h["sale"]["sale_id"]]
        assert listed[0]["refundable"] == 300_000
        before = c.loyalty.customer_view(h["buyer"])["balances"]
        refund = _refund(c, str(h["sale"]["sale_id"]))
        assert refund["refunded"] == 300_000 and refund["left"] == 0
        assert refund["stored_value_returned"] == 50_000
        assert refund["points_taken_back"] == h["sale"]["points_earned"] > 0
        after = c.loyalty.customer_view(h["buyer"])["balances"]
        assert after["stored_value"] == before["stored_value"] + 50_000
        with pytest.raises(LoyaltyError) as again:
            _refund(c, str(h["sale"]["sale_id"]))
        assert again.value.code == "refund.already"

        # 4. 4.9M of spend at A + 200,000 đ at C crosses silver's 5M: upgraded at C.
        done = c.loyalty.checkout(new_id(), c.cashier, h["climber"], 200_000)
        assert done.get("tier_change"), done
        assert c.loyalty.customer_view(h["climber"])["member"]["tier_code"] == "silver"

        # Head office and A agree: the refund reached A, which refuses it a second time.
        for till in (c, a, b, c, a, b):
            till.worker.sync_once()
        with pytest.raises(LoyaltyError) as twice:
            _refund(a, str(h["sale"]["sale_id"]))
        assert twice.value.code == "refund.already"
        assert a.loyalty.customer_view(h["climber"])["member"]["tier_code"] == "silver"
        assert (a.loyalty.customer_view(h["buyer"])["balances"]
                == c.loyalty.customer_view(h["buyer"])["balances"])

        # 2. The voucher used at A is refused at C with head office unreachable.
        head_office.server.stop()
        with pytest.raises(LoyaltyError) as used:
            c.loyalty.checkout(new_id(), c.cashier, None, 150_000, voucher_code=h["voucher"])
        assert used.value.code == "voucher.used_up"

        # 5. verify stays clean; the carried history is part of the baseline it checks.
        assert verify_store(c.store) == []
    finally:
        c.close()


def test_carried_history_altered_after_the_join_fails_verify(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, _ = two_tills
    _history(a, head_office)
    c = make_till(tmp_path, "till-c", head_office)
    try:
        join(c.store, c.client)
        c.worker.sync_once()
        assert verify_store(c.store) == []
        con = sqlite3.connect(c.store.path)
        con.execute("UPDATE snapshot_spend SET amount = amount + 1000000")
        con.execute("UPDATE snapshot_voucher_uses SET uses = 0")
        con.commit()
        con.close()
        problems = verify_store(c.store)
        assert any(p.startswith("snapshot_spend ") for p in problems), problems
        assert any(p.startswith("snapshot_voucher_uses ") for p in problems), problems
    finally:
        c.close()


def test_head_office_back_fills_memberships_sales_and_spend_from_its_journal(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """Revision ho0012 on a head office that already holds a chain's journal: the tables it
    adds hold what the projection made while ingesting."""
    from alembic import command

    from sync.headoffice.db import alembic_config, migrate

    a, _ = two_tills
    h = _history(a, head_office)
    a.loyalty.buy_membership(new_id(), a.cashier, h["vip"], "vip")  # a renewal: the last wins
    a.worker.sync_once()
    tables = (t.memberships, t.sales, t.spend_days)

    def held() -> list[list[Any]]:
        with head_office.ho.engine.connect() as conn:
            return [sorted(tuple(r) for r in conn.execute(select(x))) for x in tables]

    projected = held()
    assert all(projected)
    head_office.server.stop()
    cfg = alembic_config()
    with head_office.ho.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "ho0010")
    assert migrate(head_office.ho.engine)
    assert held() == projected


def test_the_snapshot_carries_only_the_windows_the_rules_give(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """40 days on, A's sale is past the refund window (30) and the 30-day plan has ended: neither
    is sent; the spend is still within the tier window (365). With a 60-day refund window the
    sale is sent again, with its entries."""
    from datetime import UTC, datetime

    from loyalty_core.rules import DEFAULT_RULES
    from sync.headoffice.services import snapshot
    from sync.headoffice.services.context import TillIdentity
    from sync.wire.models import RuleOut

    a, _ = two_tills
    _history(a, head_office)
    ctx = head_office.ho.ctx
    ctx.clock = lambda: datetime.now(UTC) + timedelta(days=40)

    def sent() -> dict[str, int]:
        lines = list(snapshot.snapshot_lines(ctx, TillIdentity(id="till-x", store_id="s-x")))
        return {k: v for k, v in json.loads(lines[-1])["counts"].items() if v}

    counts = sent()
    assert "membership" not in counts and "sale" not in counts and "sale_entry" not in counts
    assert counts["spend"] >= 2 and counts["voucher_use"] == 1
    head_office.ho.set_rule(RuleOut(version=2, effective_from="2021-01-01T00:00:00.000000Z",
                                    rules={**DEFAULT_RULES, "refund_window_days": 60}))
    counts = sent()
    assert counts["sale"] >= 3 and counts["sale_entry"] > counts["sale"]


def test_a_voucher_already_defined_at_the_joining_till_takes_the_uses_counted_before(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """A till given head office's definitions before it joined (the demo's path) holds the
    voucher with no uses: the snapshot's count is added to it, and verify agrees."""
    a, _ = two_tills
    h = _history(a, head_office)
    c = make_till(tmp_path, "till-c", head_office)
    try:
        with head_office.ho.engine.connect() as conn:
            row = conn.execute(select(t.definitions).where(
                t.definitions.c.kind == "voucher", t.definitions.c.code == h["voucher"])).one()
        c.loyalty.apply_definitions([hodefs.envelope(
            "voucher", row.code, json.loads(row.body), version=row.version,
            effective_from=row.effective_from)])
        with c.store.read() as s:
            assert rawsql.scalar(s, "SELECT uses FROM vouchers") == 0
        join(c.store, c.client)
        with c.store.read() as s:
            assert rawsql.scalar(s, "SELECT uses FROM vouchers") == 1
        with pytest.raises(LoyaltyError) as used:
            c.loyalty.quote(None, 150_000, voucher_code=h["voucher"])
        assert used.value.code == "voucher.used_up"
        c.worker.sync_once()
        assert verify_store(c.store) == []
    finally:
        c.close()
