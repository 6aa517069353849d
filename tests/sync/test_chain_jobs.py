"""Chain jobs run once, at head office (issue 12): a real head office on loopback (SQLite and
PostgreSQL) and two real tills. Run twice = run once; a crash mid-run then a restart = run once;
the tills pull the effects and agree with head office; a member drops one tier, never two."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, select

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from sync.headoffice import schema as t
from sync.headoffice.cli import main as ho_main
from sync.headoffice.db import alembic_config, make_engine
from sync.headoffice.scheduler import JobScheduler
from sync.headoffice.services.context import ServiceError
from sync.headoffice.services.hoentries import HEAD_OFFICE_TILL
from sync.headoffice.services.jobs import JOB_NAMES
from tests import hodefs
from tests.sync.conftest import HeadOfficeEnv, Till, wait_until

# Past the points' (365 days) and the cashback's (30 days) expiry, and a month whose tier window
# (365 days back from its first day) no longer holds today's spend.
ROOT = Path(__file__).resolve().parents[2]
LATER = (date.today() + timedelta(days=400)).isoformat()


class Crash(RuntimeError):
    pass


def ho_entries(env: HeadOfficeEnv, kind: str | None = None) -> list[Any]:
    j = t.journal
    query = select(j).where(j.c.till_id == HEAD_OFFICE_TILL).order_by(j.c.seq)
    if kind is not None:
        query = query.where(j.c.kind == kind)
    with env.ho.engine.connect() as conn:
        return list(conn.execute(query).all())


def ho_tier(env: HeadOfficeEnv, member_id: str) -> str:
    with env.ho.engine.connect() as conn:
        return str(conn.execute(
            select(t.members.c.tier).where(t.members.c.id == member_id)).scalar_one())


def view(till: Till, number: str) -> dict[str, Any]:
    return till.loyalty.customer_view(number)


def sync_all(*tills: Till) -> None:
    for _ in range(2):  # push everything, then pull what the others pushed
        for till in tills:
            till.worker.sync_once()


def enrol_and_buy(till: Till, name: str, amount: int, kind: str = "member") -> dict[str, str]:
    enrolled = till.loyalty.enroll_member(new_id(), till.cashier, name, card_kind=kind)
    number = str(enrolled["card_number"])
    till.loyalty.checkout(new_id(), till.cashier, number, amount)
    return {"number": number, "card_id": str(enrolled["card_id"]),
            "member_id": str(enrolled["member_id"])}


def cashback_at_head_office(env: HeadOfficeEnv, till: Till) -> None:
    """The chain's cashback campaign, defined where campaigns are: at head office."""
    body = {"kind": "cashback", "name": "Hoàn tiền 2%", "params": {"bp": 200, "expiry_days": 30},
            "starts_on": None, "ends_on": None}
    env.ho.set_definition("program", hodefs.envelope("program", "hoan-tien-2", body))
    till.worker.sync_once()


def test_jobs_run_once_and_every_till_follows(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    env = head_office
    cashback_at_head_office(env, a)
    gold = enrol_and_buy(a, "Phạm Thu Trang", 25_000_000)  # gold, 20,000,000 threshold
    plain = enrol_and_buy(b, "Lê Văn Bình", 1_000_000)  # lowest tier: never reviewed
    combo = enrol_and_buy(a, "Đỗ Minh Châu", 1_000_000, kind="combined")  # 20,000 cashback
    a.loyalty.checkout(new_id(), a.cashier, combo["number"], 100_000, stored_value_to_use=20_000)
    sync_all(a, b)
    assert view(b, gold["number"])["member"]["tier"] == "Vàng"
    assert env.ho.balance(combo["card_id"], "stored_value") == 1_600  # 20,000 spent, 1,600 new

    first = env.ho.run_jobs(LATER)
    assert all(r["ran"] for r in first)
    counts = {r["job"]: r for r in first}
    assert counts["points.expire"]["cards"] == 3
    assert counts["cashback.expire"]["withdrawn"] == 1_600  # the lesser of credit and balance
    assert counts["tier.review"]["downgraded"] == 1
    held = len(ho_entries(env))
    again = env.ho.run_jobs(LATER)
    assert [r["ran"] for r in again] == [False] * len(JOB_NAMES)
    assert len(ho_entries(env)) == held  # a second run writes nothing
    # Another day of the same month: the review's period (the month) is done already.
    later_same_month = (date.fromisoformat(LATER).replace(day=1) + timedelta(days=27)).isoformat()
    env.ho.run_jobs(later_same_month, ["tier.review"])
    assert len(ho_entries(env, "tier.change")) == 1

    sync_all(a, b)
    silver = env.ids["tier:silver"]
    assert ho_tier(env, gold["member_id"]) == silver  # one tier down, not two
    for till in (a, b):
        for card in (gold, plain, combo):
            assert view(till, card["number"])["balances"]["points"] == 0
            assert env.ho.balance(card["card_id"], "points") == 0
        assert view(till, gold["number"])["member"]["tier"] == "Bạc"
        assert view(till, plain["number"])["member"]["tier"] == "Thành viên"
        assert view(till, combo["number"])["balances"]["stored_value"] == 0
        assert verify_store(till.store) == []  # head office's chain checks like any till's
        report = till.worker.reconcile()
        assert report.differences == [], report.differences
    assert env.ho.balance(combo["card_id"], "stored_value") == 0
    # A till never runs a chain job.
    with pytest.raises(LoyaltyError) as err:
        a.loyalty.review_tiers(new_id())
    assert err.value.code == "job.head_office_only"


@pytest.mark.parametrize("job", ["points.expire", "tier.review"])
def test_crash_mid_run_then_restart_equals_one_run(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv, job: str
) -> None:
    a, b = two_tills
    env = head_office
    cards = [enrol_and_buy(a if i % 2 else b, f"Khách {i}", 21_000_000) for i in range(5)]
    sync_all(a, b)

    def crash_on_third(name: str, period: str, batch: int) -> None:
        if batch == 3:
            raise Crash("power cut")  # inside batch 3's transaction: it is rolled back

    with pytest.raises(Crash):
        env.ho.run_jobs(LATER, [job], batch=1, hook=crash_on_third)
    kind = "expire" if job == "points.expire" else "tier.change"
    assert len(ho_entries(env, kind)) == 2  # two batches committed, the third rolled back
    (run,) = [r for r in env.ho.job_runs() if r["job"] == job]
    assert run["status"] == "running"

    (restarted,) = env.ho.run_jobs(LATER, [job], batch=1)
    assert restarted["ran"] and restarted["entries"] == 5
    assert env.ho.run_jobs(LATER, [job], batch=1)[0]["ran"] is False
    entries = ho_entries(env, kind)
    assert len(entries) == 5 and len({e.operation_id for e in entries}) == 5
    assert sorted(e.card_id for e in entries) == sorted(c["card_id"] for c in cards)
    sync_all(a, b)
    for card in cards:
        if job == "points.expire":
            assert env.ho.balance(card["card_id"], "points") == 0  # never below zero
            assert view(b, card["number"])["balances"]["points"] == 0
        else:
            assert ho_tier(env, card["member_id"]) == env.ids["tier:silver"]
            assert view(a, card["number"])["member"]["tier"] == "Bạc"
    for till in (a, b):
        assert verify_store(till.store) == []


def test_a_member_drops_one_tier_a_month(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """Spend far below every threshold: gold -> silver this month, silver -> member the next,
    however many times the scheduler wakes in between."""
    a, b = two_tills
    env = head_office
    gold = enrol_and_buy(a, "Vũ Thị Hằng", 25_000_000)
    sync_all(a, b)
    for _ in range(3):
        env.ho.run_jobs(LATER, ["tier.review"])
    assert ho_tier(env, gold["member_id"]) == env.ids["tier:silver"]
    next_month = (date.fromisoformat(LATER).replace(day=1) + timedelta(days=40)).isoformat()
    for _ in range(2):
        env.ho.run_jobs(next_month, ["tier.review"])
    assert ho_tier(env, gold["member_id"]) == env.ids["tier:member"]
    sync_all(a, b)
    assert view(b, gold["number"])["member"]["tier"] == "Thành viên"
    assert [e.payload.count('"to"') for e in ho_entries(env, "tier.change")] == [1, 1]


def test_expired_memberships_expire_their_cards_everywhere(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    env = head_office
    card = enrol_and_buy(a, "Ngô Bảo Anh", 500_000)
    sync_all(a, b)
    past_term = (date.today() + timedelta(days=4 * 365)).isoformat()  # cards last 3 years
    (run,) = env.ho.run_jobs(past_term, ["card.expire"])
    assert run["cards"] == 1
    sync_all(a, b)
    with env.ho.engine.connect() as conn:
        assert conn.execute(select(t.cards.c.status).where(
            t.cards.c.id == card["card_id"])).scalar_one() == "expired"
    for till in (a, b):
        assert view(till, card["number"])["status"] == "expired"
        assert verify_store(till.store) == []


def test_run_jobs_command_and_refusals(head_office: HeadOfficeEnv,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    env = head_office
    assert ho_main(["run-jobs", "--db", env.db_url, "--period", LATER]) == 0
    assert capsys.readouterr().out.count('"ran": true') == len(JOB_NAMES)
    assert ho_main(["run-jobs", "--db", env.db_url, "--period", LATER]) == 0
    assert capsys.readouterr().out.count('"ran": false') == len(JOB_NAMES)
    assert ho_main(["run-jobs", "--db", env.db_url, "--period", "2027-13-01"]) == 2
    assert "job.bad_period" in capsys.readouterr().err
    with pytest.raises(LoyaltyError) as err:
        env.ho.run_jobs(LATER, ["points.vanish"])
    assert err.value.code == "job.unknown"
    with env.ho.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.job_runs)).scalar_one() == len(JOB_NAMES)


def test_no_till_may_take_head_office_s_id(head_office: HeadOfficeEnv, tmp_path: Path) -> None:
    code = head_office.ho.create_enrolment_code("store-q1").code
    with pytest.raises(ServiceError) as err:
        head_office.ho.register(code, HEAD_OFFICE_TILL, "impostor")
    assert err.value.code == "enrol.reserved_id"


def test_the_serve_scheduler_runs_what_is_due_once(head_office: HeadOfficeEnv) -> None:
    """`serve` starts this thread: each wake runs the day's jobs; a done period is a no-op."""
    scheduler = JobScheduler(head_office.ho, interval=0.05)
    scheduler.start()
    try:
        assert wait_until(lambda: len(head_office.ho.job_runs()) == len(JOB_NAMES)
                          and all(r["status"] == "done" for r in head_office.ho.job_runs()))
        assert wait_until(lambda: scheduler.last and not any(r["ran"] for r in scheduler.last))
    finally:
        scheduler.stop()
    assert scheduler.last_error is None


def test_migration_fills_expiring_credits_from_the_entries_held(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """A head office with history upgraded to ho0007 holds the same dated credits as one that
    projected them as they came (redemptions taken off, cashback take-backs closed)."""
    a, b = two_tills
    env = head_office
    cashback_at_head_office(env, a)
    card = enrol_and_buy(a, "Hồ Gia Hân", 2_000_000, kind="combined")
    a.loyalty.checkout(new_id(), a.cashier, card["number"], 300_000, points_to_redeem=50,
                       stored_value_to_use=10_000)
    enrol_and_buy(b, "Tạ Quốc Huy", 800_000)
    sync_all(a, b)
    env.ho.run_jobs(LATER, ["cashback.expire"])

    def credits() -> list[tuple[Any, ...]]:
        with env.ho.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(t.expiring).order_by(t.expiring.c.id))]

    projected = credits()
    assert any(r[2] == "points" and r[3] < 200 for r in projected)  # the redeemed lot
    assert any(r[2] == "stored_value" and r[3] == 0 for r in projected)  # taken back
    cfg = alembic_config()
    with env.ho.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "ho0005")
    with env.ho.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert credits() == projected


def test_killed_mid_run_then_rerun_equals_one_run(tmp_path: Path) -> None:
    """A real crash: `run-jobs` killed (SIGKILL) between batches or inside one, then run again;
    what was written is exactly what one run over the chain writes."""
    from tests.bench.chain_jobs_bench import DAY, build

    db = tmp_path / "ho.sqlite3"
    expect = build(db, 20_000)
    url = f"sqlite:///{db}"
    cmd = [sys.executable, "-m", "sync.headoffice.cli", "run-jobs", "--db", url,
           "--period", DAY.isoformat(), "--job", "points.expire", "--batch", "5"]
    engine = make_engine(url)

    def progress() -> str:
        with engine.connect() as conn:
            return str(conn.execute(select(t.job_runs.c.cursor)).scalar() or "")

    proc = subprocess.Popen(cmd, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert wait_until(lambda: progress() != "", timeout=60)
    finally:
        proc.kill()
        proc.wait(30)
    with engine.connect() as conn:
        status, result = conn.execute(select(t.job_runs.c.status, t.job_runs.c.result)).one()
    assert status == "running" and 0 < json.loads(result)["cards"] < expect["points_cards"]
    done = subprocess.run(cmd, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=300, check=True)
    assert '"ran": true' in done.stdout
    j, b = t.journal, t.balances
    with engine.connect() as conn:
        expired = conn.execute(select(func.count(), func.count(j.c.card_id.distinct()),
                                      func.sum(j.c.amount)).where(j.c.kind == "expire")).one()
        negative = conn.execute(select(func.count()).where(
            b.c.account == "points", b.c.amount < 0)).scalar_one()
    engine.dispose()
    assert tuple(expired) == (expect["points_cards"], expect["points_cards"], -expect["points"])
    assert negative == 0
