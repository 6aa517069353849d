"""The chain job `birthday.grant`: a birthday program's yearly gift of points, once per member
and birthday, written at head office when the member's window opens (services/jobs.py runs it).

Why at head office: the gift is one credit per member per year for the whole chain. A till sees
only the members it pulled and would grant it once per till; head office holds every member and
writes one `bonus` entry (`hoentries`), which every till pulls.

**Who gets what.** For each day d the run covers, each birthday program in force on d (the
newest version whose effective time had come by the end of d, and by the run's start; `active`,
`starts_on` <= d <= `ends_on`, `gift_points` > 0) gives `gift_points` to each member whose
window opens on d: birthday − `window_days` == d, year-wrapped, 29 February celebrated on
1 March in a common year (the multiplier's rule, `loyalty_core.programs.birthday`). The points go
to the member's oldest active points-carrying card (by issue time, then id) that has not passed
its term; a program scoped to a store (`store_id`) gives only through a card that store issued
(`trust_objects`). A member with no such card gets nothing.

**Once per (program, member, birthday).** The entry's operation id is derived from (job,
program code, member, year of the birthday), never from the day of the run or the program's
version: running a day twice, a restart after a crash, the next day's run looking back, or an
edit of the program never grants that birthday again (head office never writes an operation id
twice).

**Missed days.** A run for D covers the days from the last day this job finished before D (or D−1
for the first run) up to D, at most 31 days: if the scheduler did not run for some days, the
windows that opened then are granted late rather than never. Looking one day back also catches
a program that took effect on that day after its run.

**Linear.** Members are read by `members.birthday_md` ('MM-DD', indexed with the id), one
month-day at a time in id order (the cursor is `MM-DD|member id`); a batch's cards and their
issuing stores are one query each.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, select

from loyalty_core.cardkinds import capabilities
from loyalty_core.entries import Kind
from loyalty_core.programs.birthday import (
    birthday_whose_window_opens,
    celebrated_on,
    month_days_celebrated_on,
    window_days,
)
from loyalty_core.shopday import day_bounds, shop_zone
from sync.headoffice import schema as t
from sync.headoffice.db import in_list
from sync.headoffice.services import hoentries
from sync.headoffice.services.hoentries import Draft
from sync.headoffice.services.jobsteps import Facts, Step

JOB = "birthday.grant"
LOOKBACK_DAYS = 31  # the run's own day and the 30 before it, at most


@dataclass(frozen=True)
class Gift:
    """One program's gift to the members whose birthday (`birthday`) window opened on a day."""

    code: str  # the program's code: the same across its versions
    program_id: str  # the version in force that day (the entry names it)
    store_id: str | None
    points: int
    birthday: date


def covered_days(conn: Connection, day: date) -> list[date]:
    """The days a run for `day` grants for: since the last finished run of this job."""
    jr = t.job_runs
    last = conn.execute(
        select(func.max(jr.c.period)).where(jr.c.job == JOB, jr.c.status == "done",
                                            jr.c.period < day.isoformat())
    ).scalar()
    first = date.fromisoformat(last) if last else day - timedelta(days=1)
    first = max(first, day - timedelta(days=LOOKBACK_DAYS - 1))
    return [first + timedelta(days=i) for i in range((day - first).days + 1)]


def _programs(conn: Connection) -> dict[str, list[Any]]:
    """Every version of every program definition, by code, oldest first (a short table)."""
    d = t.definitions
    out: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(
        select(d.c.code, d.c.version, d.c.id, d.c.store_id, d.c.effective_from, d.c.body)
        .where(d.c.kind == "program").order_by(d.c.code, d.c.effective_from, d.c.version)
    ):
        out[row.code].append(row)
    return out


def _in_force(versions: list[Any], day_end: str, started_at: str) -> Any | None:
    """The newest version whose effective time had come before the day ended and by the run's
    start (the till's rule; the start keeps a restarted run on the versions it began with)."""
    due = [v for v in versions if v.effective_from < day_end and v.effective_from <= started_at]
    return max(due, key=lambda v: v.version) if due else None


def gifts_by_month_day(conn: Connection, day: date, facts: Facts, started_at: str
                       ) -> dict[str, list[Gift]]:
    """For each 'MM-DD', the gifts whose window opened on a covered day for birthdays on it."""
    zone = shop_zone(facts.rules)
    programs = _programs(conn)
    out: dict[str, list[Gift]] = defaultdict(list)
    for d in covered_days(conn, day):
        iso = d.isoformat()
        _, end = day_bounds(d, zone)
        for code, versions in sorted(programs.items()):
            row = _in_force(versions, end, started_at)
            if row is None:
                continue
            body = json.loads(row.body)
            params = body.get("params") or {}
            gift = params.get("gift_points", 0)
            if body.get("kind") != "birthday" or not body.get("active", True) \
                    or not isinstance(gift, int) or gift <= 0:
                continue
            if (body.get("starts_on") or iso) > iso or (body.get("ends_on") or iso) < iso:
                continue
            birthday = birthday_whose_window_opens(d, window_days(params))
            for md in month_days_celebrated_on(birthday):
                out[md].append(Gift(code, row.id, row.store_id, gift, birthday))
    return out


def _cursor(cursor: str) -> tuple[str, str]:
    md, _, member_id = cursor.partition("|")
    return md, member_id


def _members(conn: Connection, mds: list[str], cursor: str, limit: int
             ) -> tuple[list[Any], str, bool]:
    """Up to `limit` members of the month-days after the cursor, in (month-day, id) order;
    the cursor after them and whether the walk ended."""
    m = t.members
    at_md, after = _cursor(cursor)
    rows: list[Any] = []
    todo = [md for md in mds if md >= at_md]
    for i, md in enumerate(todo):
        start = after if md == at_md else ""
        got = conn.execute(
            select(m.c.id, m.c.birthday, m.c.birthday_md)
            .where(m.c.birthday_md == md, m.c.id > start).order_by(m.c.id)
            .limit(limit - len(rows))
        ).all()
        rows += got
        if len(rows) >= limit:
            return rows, f"{md}|{rows[-1].id}", False
        if i + 1 < len(todo):
            continue
        return rows, f"{md}|{rows[-1].id if got else start}", True
    return rows, cursor, True


def _cards(conn: Connection, member_ids: list[str], day: date, scoped: bool
           ) -> dict[str, list[tuple[str, str | None]]]:
    """Each member's active points cards still in their term, oldest first, with the store
    that issued each (when a scoped program needs it)."""
    c = t.cards
    rows = conn.execute(
        select(c.c.id, c.c.member_id, c.c.kind, c.c.expires_on, c.c.created_at)
        .where(in_list(conn, c.c.member_id, member_ids), c.c.status == "active")
    ).all()
    usable = [r for r in rows if capabilities(r.kind or "").points
              and (r.expires_on is None or r.expires_on >= day.isoformat())]
    stores: dict[str, str] = {}
    if scoped and usable:
        o = t.trust_objects
        stores = dict(conn.execute(
            select(o.c.id, o.c.store_id).where(
                and_(o.c.kind == "card", in_list(conn, o.c.id, sorted(r.id for r in usable))))
        ).all())
    out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for r in sorted(usable, key=lambda r: (r.created_at, r.id)):
        out[r.member_id].append((r.id, stores.get(r.id)))
    return out


def grant_step(conn: Connection, period: str, facts: Facts, cursor: str, limit: int) -> Step:
    """One batch of the walk: the next members whose window opened, one `bonus` per gift."""
    jr = t.job_runs
    started_at = conn.execute(
        select(jr.c.started_at).where(jr.c.job == JOB, jr.c.period == period)
    ).scalar_one()
    gifts = gifts_by_month_day(conn, facts.day, facts, started_at)
    if not gifts:
        return Step([], cursor, {}, True)
    members, after, finished = _members(conn, sorted(gifts), cursor, limit)
    if not members:
        return Step([], after, {}, finished)
    scoped = any(g.store_id is not None for md in gifts for g in gifts[md])
    cards = _cards(conn, [r.id for r in members], facts.day, scoped)
    expires = (facts.day + timedelta(days=int(facts.rules["points_expiry_days"]))).isoformat()
    drafts: list[Draft] = []
    seen: set[str] = set()
    for r in members:
        try:
            born = date.fromisoformat(r.birthday)
        except (TypeError, ValueError):
            continue
        for gift in sorted(gifts[r.birthday_md], key=lambda g: (g.code, g.birthday)):
            if celebrated_on(born, gift.birthday.year) != gift.birthday \
                    or born >= gift.birthday:
                continue  # not this birthday (or the day they were born)
            card = next((cid for cid, store in cards.get(r.id, ())
                         if gift.store_id is None or store == gift.store_id), None)
            op = hoentries.operation_id(JOB, gift.code, r.id, str(gift.birthday.year))
            if card is None or op in seen:
                continue
            seen.add(op)
            drafts.append(Draft(
                Kind.BONUS, op, card_id=card, account="points", amount=gift.points,
                reason=f"birthday:{gift.code}",
                payload={"program": gift.program_id, "expires_on": expires},
            ))
    return Step(drafts, after, {"members": len(members)}, finished)
