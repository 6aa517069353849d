"""Chain jobs, run once for the whole chain at head office: points expiry, cashback expiry,
membership (card) expiry, the tier downgrade review and birthday gifts (services/birthdays.py). Their effects are head-office journal
entries (`services/hoentries.py`) that every till pulls.

Why here and not on a till: a till sees only what it has pulled, so two tills running the same
job both expire the same lot (a card ended at -530 points) or both drop a member one tier (two
tiers in one night). Head office holds every till's entries and writes each effect once.

**Idempotent by (job, period).** `job_runs` has one row per (job, period): `running` while
batches commit, `done` after the last. Each batch is one transaction that writes its entries,
projects them and moves the row's `cursor` past them, so a crash loses at most the batch in
flight (rolled back) and a restart resumes after the cursor. Every entry's operation id is
derived from (job, period, card or credit) (`hoentries.operation_id`), and head office never
writes an operation id twice: even a cursor lost by hand cannot double an effect. A second run of
a done period does nothing.

**Periods.** Asked for a day D (the chain's calendar day in the rules' time zone by default):
`points.expire`, `cashback.expire` and `card.expire` have period D and take what expired before
D; `tier.review` has period D's month (`YYYY-MM`), evaluated as of the month's first day, so a
member drops at most one tier a month however often the scheduler wakes.

**Linear.** Every job walks one index in key order in batches (keyset pagination: `key > cursor
ORDER BY key LIMIT n`) and asks what it needs for the batch in one set-based query per table;
nothing is asked per member. `birthday.grant` (period D) also covers the days since its last
finished run, so missed nights are caught up (services/birthdays.py).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, select, tuple_, update

from loyalty_core.canonical import canonical_json
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.rules import merged_rules
from loyalty_core.rules_schema import window_days
from loyalty_core.shopday import shop_today, shop_zone
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services import birthdays, hoentries, joinprune
from sync.headoffice.services.context import Context, take_counter
from sync.headoffice.services.hoentries import Draft
from sync.headoffice.services.jobsteps import Facts, Step, StepFn

BATCH = 5_000
# The order a run takes them in: expiry first, so the review sees the night's balances.
# The birthday gifts after them: a card the night expired gets none. Pruning head office's
# join history last: it writes no entries.
JOB_NAMES = ("points.expire", "cashback.expire", "card.expire", "tier.review", "birthday.grant",
             "history.prune")
# Called after a batch's entries are written, inside its transaction (tests: a crash mid-run).
Hook = Callable[[str, str, int], None]


# -- the jobs -------------------------------------------------------------------------------------


def _lot_cursor(cursor: str) -> tuple[str, str]:
    expires, _, lot_id = cursor.partition("|")
    return expires, lot_id


def _due(conn: Connection, account: str, day: date, cursor: str, limit: int) -> list[Any]:
    """The next dated credits of `account` past their date, in (expires_on, id) order."""
    x = t.expiring
    where = [x.c.account == account, x.c.remaining > 0, x.c.expires_on < day.isoformat()]
    if cursor:
        where.append(tuple_(x.c.expires_on, x.c.id) > tuple_(*_lot_cursor(cursor)))
    return conn.execute(
        select(x.c.id, x.c.card_id, x.c.remaining, x.c.expires_on)
        .where(*where).order_by(x.c.expires_on, x.c.id).limit(limit)
    ).all()


def _points_expire(conn: Connection, period: str, facts: Facts, cursor: str, limit: int) -> Step:
    """Every lot past its date becomes part of one `expire` entry per card, naming the lots."""
    head = _due(conn, "points", facts.day, cursor, limit)
    if not head:
        return Step([], cursor, {}, True)
    cards = sorted({r.card_id for r in head})
    x = t.expiring
    lots: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(
        select(x.c.id, x.c.card_id, x.c.remaining).where(
            in_list(conn, x.c.card_id, cards), x.c.account == "points", x.c.remaining > 0,
            x.c.expires_on < facts.day.isoformat(),
        ).order_by(x.c.card_id, x.c.expires_on, x.c.id)
    ):
        lots[r.card_id].append({"lot_id": r.id, "amount": int(r.remaining)})
    drafts = [
        Draft(Kind.EXPIRE, hoentries.operation_id("points.expire", period, card), card_id=card,
              account="points", amount=-sum(u["amount"] for u in used), reason="expired",
              payload={"lots": used})
        for card, used in sorted(lots.items())
    ]
    last = head[-1]
    return Step(drafts, f"{last.expires_on}|{last.id}",
                {"cards": len(drafts), "points": -sum(d.amount for d in drafts)},
                len(head) < limit)


def _cashback_expire(conn: Connection, period: str, facts: Facts, cursor: str, limit: int
                     ) -> Step:
    """Cashback unused by its date is withdrawn, up to the stored value still there: stored
    value is one pot, so the lesser of the credit and the balance (never from an overdrawn
    card), credits of one card taken in date order."""
    head = _due(conn, "stored_value", facts.day, cursor, limit)
    if not head:
        return Step([], cursor, {}, True)
    b = t.balances
    left = {
        r.card_id: int(r.amount)
        for r in conn.execute(
            select(b.c.card_id, b.c.amount).where(
                in_list(conn, b.c.card_id, sorted({r.card_id for r in head})),
                b.c.account == "stored_value",
            )
        )
    }
    drafts = []
    for r in head:
        take = max(0, min(int(r.remaining), left.get(r.card_id, 0)))
        left[r.card_id] = left.get(r.card_id, 0) - take
        drafts.append(Draft(
            Kind.CASHBACK_EXPIRE, hoentries.operation_id("cashback.expire", period, r.id),
            card_id=r.card_id, account="stored_value", amount=-take, reason="expired",
            payload={"cashback_entry": r.id},
        ))
    last = head[-1]
    return Step(drafts, f"{last.expires_on}|{last.id}",
                {"credits": len(drafts), "withdrawn": -sum(d.amount for d in drafts)},
                len(head) < limit)


def _card_expire(conn: Connection, period: str, facts: Facts, cursor: str, limit: int) -> Step:
    """An active card past its membership term becomes `expired` everywhere (a renewal sets it
    active again); the counter already refuses it by date, this makes the state say so."""
    c = t.cards
    rows = conn.execute(
        select(c.c.id).where(c.c.id > cursor, c.c.status == "active",
                             c.c.expires_on < facts.day.isoformat())
        .order_by(c.c.id).limit(limit)
    ).scalars().all()
    drafts = [
        Draft(Kind.CARD_STATUS, hoentries.operation_id("card.expire", period, card_id),
              card_id=card_id, reason="membership_expired", payload={"status": "expired"})
        for card_id in rows
    ]
    return Step(drafts, rows[-1] if rows else cursor, {"cards": len(drafts)}, len(rows) < limit)


def _tier_review(conn: Connection, period: str, facts: Facts, cursor: str, limit: int) -> Step:
    """A member whose qualifying spend over the window (every card) fell below their tier's
    threshold drops one tier, never more: the same rule as the till's upgrade, in reverse."""
    ranked = conn.execute(
        select(t.tiers.c.id, t.tiers.c.rank, t.tiers.c.threshold).order_by(t.tiers.c.rank)
    ).all()
    if len(ranked) < 2:
        return Step([], cursor, {}, True)
    by_id = {r.id: r for r in ranked}
    lower = {r.id: ranked[i - 1].id for i, r in enumerate(ranked) if i > 0}
    m = t.members
    members = conn.execute(
        select(m.c.id, m.c.tier).where(m.c.id > cursor, in_list(conn, m.c.tier, sorted(lower)))
        .order_by(m.c.id).limit(limit)
    ).all()
    if not members:
        return Step([], cursor, {}, True)
    ids = [r.id for r in members]
    window = window_days(facts.rules, "tier_window_days")
    since = (facts.day - timedelta(days=window)).isoformat()
    c, j, q = t.cards, t.journal, t.quarantine
    spend = dict(
        conn.execute(
            select(c.c.member_id, func.sum(j.c.amount))
            .select_from(c.join(j, j.c.card_id == c.c.id)
                         .outerjoin(q, q.c.entry_id == j.c.id))
            .where(in_list(conn, c.c.member_id, ids), j.c.account == "qualifying_spend",
                   j.c.created_at >= since, j.c.ingest_seq.is_not(None), q.c.entry_id.is_(None))
            .group_by(c.c.member_id)
        ).all()
    )
    first_card = dict(
        conn.execute(
            select(c.c.member_id, func.min(c.c.id))
            .where(in_list(conn, c.c.member_id, ids)).group_by(c.c.member_id)
        ).all()
    )
    drafts = []
    for r in members:
        got = int(spend.get(r.id) or 0)
        if got >= by_id[r.tier].threshold:
            continue
        drafts.append(Draft(
            Kind.TIER_CHANGE, hoentries.operation_id("tier.review", period, r.id),
            card_id=first_card.get(r.id), reason="review",
            payload={"member_id": r.id, "from": r.tier, "to": lower[r.tier], "spend": got},
        ))
    return Step(drafts, ids[-1], {"reviewed": len(ids), "downgraded": len(drafts)},
                len(ids) < limit)


JOBS: dict[str, StepFn] = {
    "points.expire": _points_expire,
    "cashback.expire": _cashback_expire,
    "card.expire": _card_expire,
    "tier.review": _tier_review,
    "birthday.grant": birthdays.grant_step,
    "history.prune": joinprune.prune_step,
}


# -- running them ---------------------------------------------------------------------------------


def _rules(conn: Connection, now: str) -> dict[str, Any]:
    """The rules in force now at head office, over the defaults."""
    r = t.rules
    text = conn.execute(
        select(r.c.rules).where(r.c.effective_from <= now)
        .order_by(r.c.effective_from.desc(), r.c.version.desc()).limit(1)
    ).scalar()
    return merged_rules(json.loads(text) if text else None)


def parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise LoyaltyError("job.bad_period", "a period is a day, YYYY-MM-DD", period=text) from None
    if len(text) != 10:
        raise LoyaltyError("job.bad_period", "a period is a day, YYYY-MM-DD", period=text)
    return day


def period_of(job: str, day: date) -> tuple[str, date]:
    """The job's own period for a day, and the day it is evaluated at."""
    if job == "tier.review":
        first = day.replace(day=1)
        return first.strftime("%Y-%m"), first
    return day.isoformat(), day


def run_jobs(
    ctx: Context,
    day: str | None = None,
    jobs: Sequence[str] | None = None,
    *,
    batch: int = BATCH,
    hook: Hook | None = None,
) -> list[dict[str, Any]]:
    """Run every job (or those named) for a day; each is skipped if its period is done."""
    names = list(JOB_NAMES if jobs is None else jobs)
    unknown = [n for n in names if n not in JOBS]
    if unknown:
        raise LoyaltyError("job.unknown", "no such chain job", jobs=unknown, known=list(JOB_NAMES))
    if batch < 1:
        raise LoyaltyError("job.bad_batch", "a batch holds at least one row", batch=batch)
    with ctx.read() as conn:
        rules = _rules(conn, ctx.now())
    when = parse_day(day) if day is not None else shop_today(shop_zone(rules))
    return [run_job(ctx, name, when, rules, batch, hook) for name in names]


def run_job(ctx: Context, job: str, when: date, rules: dict[str, Any], batch: int,
            hook: Hook | None = None) -> dict[str, Any]:
    """One job for one period: claim its row, then batches until the walk ends."""
    period, day = period_of(job, when)
    facts = Facts(day, rules)
    step_fn = JOBS[job]
    jr = t.job_runs
    key = and_(jr.c.job == job, jr.c.period == period)
    with ctx.engine.begin() as conn:
        take_counter(conn, 0)
        insert_many(conn, jr, [{"job": job, "period": period, "status": "running", "cursor": "",
                                "result": "{}", "started_at": ctx.now(), "finished_at": None}],
                    conflict=["job", "period"])
    batches = 0
    while True:
        with ctx.engine.begin() as conn:
            take_counter(conn, 0)  # one writer at a time: no push lands between read and write
            status, cursor, result = conn.execute(
                select(jr.c.status, jr.c.cursor, jr.c.result).where(key)
            ).one()
            counts: dict[str, int] = json.loads(result)
            if status == "done":
                return {"job": job, "period": period, "status": "done",
                        "ran": batches > 0, **counts}
            step = step_fn(conn, period, facts, cursor, batch)
            written = hoentries.write(ctx, conn, step.drafts)
            for k, v in step.counts.items():
                counts[k] = counts.get(k, 0) + v
            counts["entries"] = counts.get("entries", 0) + len(written)
            conn.execute(
                update(jr).where(key).values(
                    cursor=step.cursor, result=canonical_json(counts),
                    status="done" if step.finished else "running",
                    finished_at=ctx.now() if step.finished else None,
                )
            )
            batches += 1
            if hook is not None:
                hook(job, period, batches)


def runs(ctx: Context) -> list[dict[str, Any]]:
    """Every job run head office holds, newest period first (the CLI's report)."""
    jr = t.job_runs
    with ctx.read() as conn:
        rows = conn.execute(select(jr).order_by(jr.c.period.desc(), jr.c.job)).all()
    return [{**r._mapping, "result": json.loads(r.result)} for r in rows]
