"""Tiers, staff and rewards are versions with an effective time at head office (issue 12): a
real head office on loopback (SQLite and PostgreSQL) and real tills. A version for later is not
pulled before its time, is put in force by head office's scheduler when due (its clock injected
as a second `HeadOffice` over the same database, so the server keeps signing with real time),
and the tills pull it by the ordinary objects path."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from alembic import command
from sqlalchemy import func, select

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id
from loyalty_core.staff import hash_pin
from sync.headoffice import schema as t
from sync.headoffice.cli import main as ho_main
from sync.headoffice.db import alembic_config
from sync.headoffice.office import HeadOffice, ServiceError
from sync.headoffice.scheduler import JobScheduler
from sync.wire.models import RewardOut, StaffOut, TierOut
from tests.sync.conftest import (
    ADMIN_TOKEN,
    HeadOfficeEnv,
    Till,
    make_till,
    open_counter,
    wait_until,
)

STORE_A, STORE_B = "store-q1", "store-q2"


def at(delta: timedelta) -> datetime:
    return datetime.now(UTC) + delta


def head_office_at(env: HeadOfficeEnv, moment: datetime) -> HeadOffice:
    """The same head office (same database) with its clock at `moment`."""
    return HeadOffice(env.ho.engine, clock=lambda: moment)


def admin(env: HeadOfficeEnv, method: str, path: str, body: Any = None,
          **params: Any) -> requests.Response:
    return requests.request(method, f"{env.url}/v1/admin/{path}", json=body, params=params,
                            timeout=10, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})


def counts(env: HeadOfficeEnv) -> tuple[int, int]:
    """(versions held, the change counter): a refused write moves neither."""
    with env.ho.engine.connect() as conn:
        held = conn.execute(select(func.count()).select_from(t.object_versions)).scalar_one()
        counter = conn.execute(select(t.counters.c.value)
                               .where(t.counters.c.name == "change")).scalar_one()
    return int(held), int(counter)


def live_tier(env: HeadOfficeEnv, tier_id: str) -> Any:
    with env.ho.engine.connect() as conn:
        return conn.execute(select(t.tiers).where(t.tiers.c.id == tier_id)).one()


def silver(env: HeadOfficeEnv, threshold: int, **extra: Any) -> dict[str, Any]:
    return {"id": env.ids["tier:silver"], "code": "silver", "name": "Bạc", "rank": 2,
            "threshold": threshold, "earn_multiplier_pct": 110, "discount_bp": 200,
            "birthday_points": 0, **extra}


@pytest.fixture
def till(tmp_path: Path, head_office: HeadOfficeEnv) -> Iterator[Till]:
    a = make_till(tmp_path, "till-a", head_office, store_id=STORE_A)
    a.worker.sync_once()
    open_counter(a)
    try:
        yield a
    finally:
        a.close()


def test_a_tier_threshold_for_tomorrow_is_applied_at_its_time_and_the_till_upgrades(
    head_office: HeadOfficeEnv, till: Till
) -> None:
    card = till.loyalty.enroll_member(new_id(), till.cashier, "Phạm Thu Hà")["card_number"]
    till.loyalty.checkout(new_id(), till.cashier, card, 4_000_000)
    assert till.loyalty.customer_view(card)["member"]["tier"] == "Thành viên"
    tomorrow = at(timedelta(days=1))

    answer = admin(head_office, "PUT", "tiers",
                   silver(head_office, 3_000_000, effective_from=iso_utc(tomorrow)))
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "scheduled" and answer.json()["version"] == 2
    coming = admin(head_office, "GET", "scheduled").json()
    assert [(v["kind"], v["id"], v["body"]["threshold"]) for v in coming] == [
        ("tier", head_office.ids["tier:silver"], 3_000_000)]
    assert live_tier(head_office, head_office.ids["tier:silver"]).threshold == 5_000_000

    # Today: not pulled, the till's silver still needs 5,000,000.
    till.worker.sync_once()
    assert till.loyalty.tier_explanation(card)["next_threshold"] == 5_000_000
    till.loyalty.checkout(new_id(), till.cashier, card, 100_000)
    assert till.loyalty.customer_view(card)["member"]["tier"] == "Thành viên"
    assert JobScheduler(head_office.ho).apply_versions() == []  # not due at real time

    # Head office's scheduler wakes after midnight: in force; a second wake changes nothing.
    later = JobScheduler(head_office_at(head_office, tomorrow + timedelta(minutes=5)))
    assert later.apply_versions() == [{"kind": "tier", "id": head_office.ids["tier:silver"],
                                       "store_id": None, "version": 2, "state": "applied"}]
    applied = live_tier(head_office, head_office.ids["tier:silver"])
    assert applied.threshold == 3_000_000
    assert later.apply_versions() == []
    assert later.run_once() is not None  # the jobs still run after the versions
    assert live_tier(head_office, head_office.ids["tier:silver"]).change_seq == applied.change_seq
    assert admin(head_office, "GET", "scheduled").json() == []

    till.worker.sync_once()
    assert till.loyalty.tier_explanation(card)["next_threshold"] == 3_000_000
    till.loyalty.checkout(new_id(), till.cashier, card, 100_000)
    assert till.loyalty.customer_view(card)["member"]["tier"] == "Bạc"

    # The history answers what the threshold was at any time.
    path = f"versions/tier/{head_office.ids['tier:silver']}"
    assert [v["state"] for v in admin(head_office, "GET", path).json()] == ["applied", "applied"]
    then = admin(head_office, "GET", path, at=iso_utc(at(timedelta(hours=1)))).json()
    assert then[0]["body"]["threshold"] == 5_000_000
    after = admin(head_office, "GET", path, at=iso_utc(tomorrow + timedelta(hours=1))).json()
    assert after[0]["body"]["threshold"] == 3_000_000 and after[0]["created_by"] == "admin-api"


def test_a_reward_scheduled_at_store_a_reaches_only_a_and_only_at_its_time(
    tmp_path: Path, head_office: HeadOfficeEnv, till: Till
) -> None:
    b = make_till(tmp_path, "till-b", head_office, store_id=STORE_B)
    try:
        b.worker.sync_once()
        start = at(timedelta(hours=3))
        out = head_office.ho.set_reward(
            RewardOut(id="r-mug", store_id=STORE_A, name="Cốc sứ", points_cost=50, stock=3,
                      active=True), iso_utc(start))
        assert out["state"] == "scheduled"
        for t_ in (till, b):
            t_.worker.sync_once()
            assert t_.loyalty.rewards_available() == []

        assert [v["state"] for v in
                head_office_at(head_office, start).apply_scheduled()] == ["applied"]
        for t_ in (till, b):
            t_.worker.sync_once()
        assert [(r["name"], r["stock"]) for r in till.loyalty.rewards_available()] == [
            ("Cốc sứ", 3)]
        assert b.loyalty.rewards_available() == []

        # An edit in force at once keeps the stock the store has (opening stock: new only).
        now = head_office.ho.set_reward(RewardOut(id="r-mug", store_id=STORE_A, name="Cốc sứ",
                                                  points_cost=40, stock=99, active=True))
        assert now["state"] == "applied" and now["version"] == 2
        till.worker.sync_once()
        assert [(r["points_cost"], r["stock"]) for r in till.loyalty.rewards_available()] == [
            (40, 3)]
    finally:
        b.close()


def test_staff_starting_later_cannot_log_in_before(head_office: HeadOfficeEnv,
                                                   till: Till) -> None:
    monday, hoa = at(timedelta(days=2)), new_id()
    head_office.ho.set_staff(
        StaffOut(id=hoa, code="1003", name="Võ Thị Hoa", role="cashier",
                 pin_hash=hash_pin("1357"), card_number=None, active=True, store_id=STORE_A),
        iso_utc(monday), by="test")
    till.worker.sync_once()
    with pytest.raises(LoyaltyError):
        till.loyalty.authenticate(code="1003", pin="1357")
    head_office_at(head_office, monday - timedelta(seconds=1)).apply_scheduled()
    till.worker.sync_once()
    with pytest.raises(LoyaltyError):
        till.loyalty.authenticate(code="1003", pin="1357")
    # The scheduler thread of `serve`, woken on Monday, puts it in force.
    thread = JobScheduler(head_office_at(head_office, monday), interval=0.05)
    thread.start()
    try:
        assert wait_until(lambda: not head_office.ho.scheduled("staff"))
    finally:
        thread.stop()
    assert thread.versions_error is None
    till.worker.sync_once()
    assert till.loyalty.authenticate(code="1003", pin="1357")["code"] == "1003"
    listed = head_office.ho.object_history("staff", hoa)
    assert [(v["state"], v["created_by"]) for v in listed] == [("applied", "test")]
    assert listed[0]["body"]["pin_hash"] == "(kept)"  # a listing never shows a PIN hash


def test_a_bad_version_is_refused_with_every_error_and_writes_nothing(
    head_office: HeadOfficeEnv
) -> None:
    before = counts(head_office)
    answer = admin(head_office, "PUT", "tiers", {
        **silver(head_office, 3_000_000), "threshold": "many", "colour": "grey",
        "effective_from": "2027-01-01T00:00:00"})  # no zone: whose midnight?
    assert answer.status_code == 422
    assert answer.json()["error"] == "payload.invalid"
    where = sorted(tuple(e["loc"]) for e in answer.json()["detail"])
    assert where == [("colour",), ("effective_from",), ("threshold",)]
    # Another tier's code, even for later: refused now rather than failing at its time.
    taken = admin(head_office, "PUT", "tiers", {
        **silver(head_office, 1), "id": new_id(), "code": "gold",
        "effective_from": iso_utc(at(timedelta(days=1)))})
    assert taken.status_code == 409 and taken.json()["error"] == "object.code_taken"
    assert admin(head_office, "PUT", "rewards", [1, 2]).status_code == 422
    assert counts(head_office) == before
    assert live_tier(head_office, head_office.ids["tier:silver"]).threshold == 5_000_000


def test_versions_apply_in_effective_order_once_even_from_two_servers(
    head_office: HeadOfficeEnv
) -> None:
    """The newest by (effective_from, version) whose time has come wins, as for rules."""
    ho, tier = head_office.ho, head_office.ids["tier:silver"]

    def put(threshold: int, hours: int) -> int:
        out = ho.set_tier(TierOut(**silver(head_office, threshold)),
                          iso_utc(at(timedelta(hours=hours))))
        return int(out["version"])

    v2 = put(6_000_000, 2)
    v3 = put(7_000_000, 1)  # newer, but in force earlier
    assert head_office_at(head_office, at(timedelta(minutes=90))).apply_scheduled() == [
        {"kind": "tier", "id": tier, "store_id": None, "version": v3, "state": "applied"}]
    assert live_tier(head_office, tier).threshold == 7_000_000
    assert [v["version"] for v in ho.scheduled("tier")] == [v2]

    # Two servers wake at once past v2's time and past two more: each version is settled once.
    v4, v5 = put(8_000_000, 3), put(9_000_000, 3)
    late = at(timedelta(hours=4))
    results: list[list[dict[str, Any]]] = []
    go = threading.Barrier(2)

    def wake() -> None:
        go.wait()
        results.append(head_office_at(head_office, late).apply_scheduled())

    threads = [threading.Thread(target=wake) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    settled = sorted((r["version"], r["state"]) for run in results for r in run)
    assert settled == [(v2, "superseded"), (v4, "superseded"), (v5, "applied")]
    assert live_tier(head_office, tier).threshold == 9_000_000
    states = {v["version"]: v["state"] for v in ho.object_history("tier", tier)}
    assert states == {1: "applied", v2: "superseded", v3: "applied", v4: "superseded",
                      v5: "applied"}


def test_cancel_by_api_and_cli_and_the_cli_lists_what_is_coming(
    head_office: HeadOfficeEnv, capsys: pytest.CaptureFixture[str]
) -> None:
    ho, tier = head_office.ho, head_office.ids["tier:silver"]
    db = ["--db", head_office.db_url]
    cli: Callable[..., int] = lambda *a: ho_main([*a[:2], *db, *a[2:]])  # noqa: E731
    soon = iso_utc(at(timedelta(days=1)))
    assert cli("set", "tier", json.dumps(silver(head_office, 1_000_000)),
               "--effective-from", soon) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["version"], out["state"], out["effective_from"]) == (2, "scheduled", soon)
    assert ho_main(["versions", "scheduled", *db]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(v["id"], v["version"], v["created_by"]) for v in listed] == [(tier, 2, "cli")]

    assert ho_main(["versions", "cancel", *db, "tier", tier, "2"]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "cancelled"
    assert ho_main(["versions", "cancel", *db, "tier", tier, "2"]) == 2  # not scheduled now
    assert "version.not_scheduled" in capsys.readouterr().err
    assert ho_main(["versions", "cancel", *db, "tier", tier, "1"]) == 2  # applied: history

    v3 = ho.set_tier(TierOut(**silver(head_office, 2_000_000)), soon)["version"]
    gone = admin(head_office, "DELETE", f"scheduled/tier/{tier}/{v3}")
    assert gone.status_code == 200 and gone.json()["state"] == "cancelled"
    assert admin(head_office, "DELETE", f"scheduled/tier/{tier}/99").status_code == 404
    assert admin(head_office, "DELETE", f"scheduled/tier/{tier}/1").status_code == 409

    # Nothing cancelled ever applies; the cron path says so; the history keeps all three.
    later = head_office_at(head_office, at(timedelta(days=2)))
    assert later.apply_scheduled() == []
    assert ho_main(["versions", "apply", *db]) == 0
    assert live_tier(head_office, tier).threshold == 5_000_000
    assert ho_main(["versions", "history", *db, "tier", tier]) == 0
    states = [json.loads(line)["state"] for line in capsys.readouterr().out.splitlines()]
    assert states == ["applied", "cancelled", "cancelled"]
    with pytest.raises(ServiceError) as refused:
        ho.object_history("tier", tier, at="yesterday")
    assert refused.value.status == 422


def test_the_migration_keeps_live_rows_as_version_one(head_office: HeadOfficeEnv) -> None:
    """A head office upgraded to versions keeps what it held as each object's first version."""
    head_office.ho.set_reward(RewardOut(id="r-cup", store_id=STORE_A, name="Ly", points_cost=9,
                                        stock=2, active=True))
    cfg = alembic_config()
    for step, target in ((command.downgrade, "ho0010"), (command.upgrade, "head")):
        with head_office.ho.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            step(cfg, target)
    ho, tier = head_office.ho, head_office.ids["tier:gold"]
    [gold] = ho.object_history("tier", tier)
    assert (gold["version"], gold["state"], gold["created_by"]) == (1, "applied", "ho0013")
    assert gold["body"]["threshold"] == 20_000_000 and gold["body"]["code"] == "gold"
    [cashier] = ho.object_history("staff", head_office.ids["1001"])
    assert cashier["body"]["active"] is True and cashier["body"]["pin_hash"] == "(kept)"
    [cup] = ho.object_history("reward", "r-cup", STORE_A)
    assert cup["body"] == {"id": "r-cup", "store_id": STORE_A, "name": "Ly", "points_cost": 9,
                           "stock": 2, "active": True}
    assert ho.set_tier(TierOut(**silver(head_office, 1)))["version"] == 2


def test_a_version_dated_behind_the_one_in_force_is_superseded_at_once(
    head_office: HeadOfficeEnv
) -> None:
    ho, tier = head_office.ho, head_office.ids["tier:silver"]
    assert ho.set_tier(TierOut(**silver(head_office, 4_000_000)))["state"] == "applied"
    late = ho.set_tier(TierOut(**silver(head_office, 1)), "2020-01-01T07:00:00+07:00")
    assert (late["state"], late["effective_from"]) == ("superseded", "2020-01-01T00:00:00.000000Z")
    assert live_tier(head_office, tier).threshold == 4_000_000
