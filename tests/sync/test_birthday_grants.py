"""The birthday gift as a chain job (issue 12): `birthday.grant` at a real head office on
loopback (SQLite and PostgreSQL) with real tills. A member whose window opens on D gets one
bonus whatever the runs (twice, a crash and a restart, the next day, missed days); nobody else
gets one; the tills pull it; a till never runs the job."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, select

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from sync.headoffice import schema as t
from sync.headoffice.db import alembic_config
from sync.headoffice.services.context import ServiceError
from sync.headoffice.services.hoentries import HEAD_OFFICE_TILL
from tests import hodefs
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, open_counter

JOB = "birthday.grant"
D = date(2027, 3, 10)  # a member born on 17 March: a 7-day window opens on D
GIFT = 500


class Crash(RuntimeError):
    pass


def define(env: HeadOfficeEnv, code: str, params: dict[str, Any], *, store_id: str | None = None,
           **body: Any) -> None:
    program = {"kind": "birthday", "name": f"Sinh nhật {code}", "params": params, **body}
    env.ho.set_definition("program", hodefs.envelope("program", code, program, store_id=store_id))


def gift_program(env: HeadOfficeEnv, code: str = "qua-sinh-nhat", window: int = 7,
                 **kw: Any) -> None:
    define(env, code, {"window_days": window, "multiplier_pct": 200, "gift_points": GIFT}, **kw)


def enrol(till: Till, name: str, birthday: str | None, kind: str = "member") -> dict[str, str]:
    done = till.loyalty.enroll_member(new_id(), till.cashier, name, birthday=birthday,
                                      card_kind=kind)
    return {"number": str(done["card_number"]), "card_id": str(done["card_id"]),
            "member_id": str(done["member_id"])}


def bonuses(env: HeadOfficeEnv) -> list[Any]:
    j = t.journal
    with env.ho.engine.connect() as conn:
        return list(conn.execute(
            select(j).where(j.c.till_id == HEAD_OFFICE_TILL, j.c.kind == "bonus")
            .order_by(j.c.seq)).all())


def granted(env: HeadOfficeEnv) -> dict[str, int]:
    """Card id -> how many gifts it got."""
    out: dict[str, int] = {}
    for e in bonuses(env):
        out[e.card_id] = out.get(e.card_id, 0) + 1
    return out


def run(env: HeadOfficeEnv, day: date, **kw: Any) -> dict[str, Any]:
    (result,) = env.ho.run_jobs(day.isoformat(), [JOB], **kw)
    return result


def sync_all(*tills: Till) -> None:
    for _ in range(2):
        for till in tills:
            till.worker.sync_once()


def points(till: Till, number: str) -> int:
    return int(till.loyalty.customer_view(number)["balances"]["points"])


def test_a_gift_once_per_birthday_whatever_the_runs(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    env = head_office
    gift_program(env)
    sync_all(a, b)  # the program reaches the tills too (its multiplier is priced there)
    lan = enrol(a, "Nguyễn Thị Lan", "1990-03-17")  # window opens on D
    second = a.loyalty.issue_card(new_id(), a.cashier, "combined", member_id=lan["member_id"],
                                  activate=True)
    later = enrol(b, "Trần Minh Khoa", "1985-03-25")  # opens on 18 March: not yet
    nobody = enrol(b, "Lê Thu Hà", None)
    blocked = enrol(a, "Phạm Quang Huy", "1979-03-17")  # in the window, but no active card
    a.loyalty.set_card_status(new_id(), a.cashier, blocked["number"], "blocked", "lost")
    sync_all(a, b)

    first = run(env, D)
    assert first["ran"] and first["entries"] == 1
    assert run(env, D)["ran"] is False  # run D twice
    assert run(env, D + timedelta(days=1))["entries"] == 0  # the next day looks back at D
    (entry,) = bonuses(env)
    assert entry.card_id == lan["card_id"] != second["id"]  # the oldest active points card
    assert (entry.account, entry.amount, entry.reason) == ("points", GIFT,
                                                           "birthday:qua-sinh-nhat")
    assert granted(env) == {lan["card_id"]: 1}
    assert env.ho.balance(lan["card_id"], "points") == GIFT

    sync_all(a, b)
    for till in (a, b):
        assert points(till, lan["number"]) == GIFT  # pulled: the panel shows the new balance
        assert points(till, later["number"]) == points(till, nobody["number"]) == 0
        assert verify_store(till.store) == []
        assert till.worker.reconcile().differences == []
    # The member's window of the next year opens once more, and only once.
    next_year = D.replace(year=D.year + 1)
    assert run(env, next_year)["entries"] == 1
    assert run(env, next_year + timedelta(days=1))["entries"] == 0
    assert granted(env) == {lan["card_id"]: 2}

    with pytest.raises(LoyaltyError) as err:  # a till never runs the job
        b.loyalty.grant_birthdays(new_id())
    assert err.value.code == "job.head_office_only"


def test_crash_mid_run_then_restart_grants_each_member_once(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    env = head_office
    gift_program(env)
    members = [enrol(a if i % 2 else b, f"Khách {i}", f"{1980 + i}-03-17") for i in range(5)]
    sync_all(a, b)

    def crash_on_third(name: str, period: str, batch: int) -> None:
        if batch == 3:
            raise Crash("power cut")  # inside batch 3's transaction: rolled back

    with pytest.raises(Crash):
        run(env, D, batch=1, hook=crash_on_third)
    assert len(bonuses(env)) == 2
    (row,) = [r for r in env.ho.job_runs() if r["job"] == JOB]
    assert row["status"] == "running"
    restarted = run(env, D, batch=1)
    assert restarted["ran"] and restarted["entries"] == 5
    assert run(env, D, batch=1)["ran"] is False
    assert granted(env) == {m["card_id"]: 1 for m in members}
    sync_all(a, b)
    for m in members:
        assert points(a, m["number"]) == points(b, m["number"]) == GIFT


def test_programs_not_in_force_give_nothing(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    env = head_office
    window = {"window_days": 7, "gift_points": GIFT}
    define(env, "tat", window, active=False)
    define(env, "het-han", window, ends_on=(D - timedelta(days=5)).isoformat())
    define(env, "chua-bat-dau", window, starts_on=(D + timedelta(days=5)).isoformat())
    define(env, "khong-qua", {"window_days": 7, "multiplier_pct": 200})  # the multiplier only
    define(env, "qua-0", {"window_days": 7, "gift_points": 0})
    env.ho.set_definition("program", hodefs.envelope(  # not effective yet when D is run
        "program", "sau-nay", {"kind": "birthday", "name": "Sau này", "params": window},
        effective_from="2099-01-01T00:00:00Z"))
    member = enrol(a, "Đặng Văn Tùng", "1990-03-17")
    sync_all(a, b)
    assert run(env, D)["entries"] == 0
    assert bonuses(env) == []
    # The ended program's new version runs again: from then on it gives.
    env.ho.set_definition("program", hodefs.envelope(
        "program", "het-han", {"kind": "birthday", "name": "Sinh nhật", "params": window},
        version=2))
    assert run(env, D + timedelta(days=1))["entries"] == 1  # D is looked back at
    assert granted(env) == {member["card_id"]: 1}


def test_29_february_is_celebrated_on_1_march_in_a_common_year(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    env = head_office
    gift_program(env, window=3)
    leapling = enrol(a, "Võ Thị Nhung", "1992-02-29")
    march = enrol(b, "Hồ Văn Sơn", "1991-03-01")
    sync_all(a, b)
    # 2027 is common: both celebrate on 1 March, both windows open on 26 February.
    assert run(env, date(2027, 2, 25))["entries"] == 0
    assert run(env, date(2027, 2, 26))["entries"] == 2
    # 2028 is a leap year: 29 February's window opens on the 26th, 1 March's on the 27th.
    assert run(env, date(2028, 2, 26))["entries"] == 1
    assert granted(env) == {leapling["card_id"]: 2, march["card_id"]: 1}
    assert run(env, date(2028, 2, 27))["entries"] == 1
    assert granted(env) == {leapling["card_id"]: 2, march["card_id"]: 2}
    assert len({e.operation_id for e in bonuses(env)}) == 4


def test_missed_days_are_caught_up_once(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """The scheduler stopped after D-5 and comes back on D: the windows that opened in between
    are granted on D, each once."""
    a, b = two_tills
    env = head_office
    gift_program(env)
    by_day = {k: enrol(a, f"Khách {k}", (D + timedelta(days=7 - k)).replace(year=1990)
                       .isoformat()) for k in (8, 5, 3, 1, 0)}  # window opens on D-k
    sync_all(a, b)
    assert run(env, D - timedelta(days=5))["entries"] == 1  # D-5 (and the day before it)
    assert granted(env) == {by_day[5]["card_id"]: 1}
    assert run(env, D)["entries"] == 3  # D-3, D-1 and D: missed, then caught up
    assert run(env, D + timedelta(days=1))["entries"] == 0
    assert granted(env) == {by_day[k]["card_id"]: 1 for k in (5, 3, 1, 0)}  # D-8: before both


def test_a_store_s_program_gives_only_through_that_store_s_cards(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, _ = two_tills
    env = head_office
    other = make_till(tmp_path, "till-q9", env, store_id="store-q9")
    try:
        other.worker.sync_once()
        open_counter(other)
        gift_program(env, "qua-q9", store_id="store-q9")
        here = enrol(a, "Bùi Thị Mai", "1990-03-17")
        there = enrol(other, "Cao Văn Long", "1990-03-17")
        sync_all(a, other)
        assert run(env, D)["entries"] == 1
        assert granted(env) == {there["card_id"]: 1}
        sync_all(a, other)
        assert points(other, there["number"]) == GIFT
        assert points(a, here["number"]) == 0
        assert verify_store(other.store) == []
    finally:
        other.close()


def test_gift_parameters_are_checked_where_they_are_defined(head_office: HeadOfficeEnv) -> None:
    for params, field in (({"gift_points": -1}, "gift_points"),
                          ({"gift_points": 10**11}, "gift_points"),
                          ({"gift_points": 1.5}, "gift_points"),
                          ({"gift_points": 100, "window_days": 400}, "window_days")):
        with pytest.raises(ServiceError) as err:
            define(head_office, "sai", params)
        assert err.value.code == "definition.invalid"
        assert any(f"body.params.{field}" in line for line in err.value.detail), err.value.detail
    assert head_office.ho.definitions("program") == []
    define(head_office, "dung", {"gift_points": 100, "window_days": 400 - 300})
    assert len(head_office.ho.definitions("program")) == 1


def test_the_migration_fills_birthday_month_days_as_the_projection_does(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    env = head_office
    for name, born in (("A", "1992-02-29"), ("B", "1990-12-31"), ("C", None)):
        enrol(a, f"Khách {name}", born)
    sync_all(a, b)

    def month_days() -> list[tuple[Any, ...]]:
        m = t.members
        with env.ho.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(
                select(m.c.id, m.c.birthday, m.c.birthday_md).order_by(m.c.id))]

    projected = month_days()
    assert sorted(str(r[2]) for r in projected) == ["02-29", "12-31", "None"]
    cfg = alembic_config()
    with env.ho.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "ho0010")
    with env.ho.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert month_days() == projected


def test_a_64_character_member_id_fits_the_cursor(head_office: HeadOfficeEnv) -> None:
    """Ids are up to 64 characters; the job's cursor holds one beside the month-day."""
    env = head_office
    gift_program(env)
    member, card = "m" * 64, "c" * 64
    with env.ho.engine.begin() as conn:
        conn.execute(insert(t.members).values(
            id=member, name="Khách", details="{}", created_at="2026-01-01T00:00:00.000000Z",
            birthday="1990-03-17", birthday_md="03-17"))
        conn.execute(insert(t.cards).values(
            id=card, number="9704000000000001", kind="member", member_id=member,
            status="active", created_at="2026-01-01T00:00:00.000000Z"))
    assert run(env, D, batch=1)["entries"] == 1
    (row,) = [r for r in env.ho.job_runs() if r["job"] == JOB]
    assert row["cursor"] == f"03-17|{member}"
    assert granted(env) == {card: 1}
