"""`chain_jobs_1M_members_s`: every chain job (services/jobs.py) over a chain of N members at
head office (SQLite, the default head-office database), one night's run, timed end to end.

The dataset is written straight into a migrated head-office database with executemany (the
shape the projection leaves: members, cards, balances, a qualifying-spend and an earn entry per
card in the journal, the dated credits in `expiring`), so building a million members takes
about a minute instead of pushing two million entries. The night it measures is heavier than a
real one, on purpose: 10% of the cards have points expiring, 5% a cashback credit expiring, 2%
a membership term ending, a tenth of the silver and gold members fell below their
threshold, and a birthday program gives a gift to every member whose 7-day window opened that
day or the day before (about 2 in 365 of the members).
What the run did is checked against what the dataset holds; a mismatch is an error, not a figure.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from loyalty_core.canonical import canonical_json
from loyalty_core.definitions_schema import checked_definition
from loyalty_core.programs.birthday import birthday_md
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice

DAY = date(2027, 6, 1)  # the night measured; the review's month starts that day
_SPENT_AT = "2027-01-15T10:00:00.000000Z"  # inside the tier window
_TIERS = (("t-member", "member", "Thành viên", 1, 0), ("t-silver", "silver", "Bạc", 2, 5_000_000),
          ("t-gold", "gold", "Vàng", 3, 20_000_000))
_BATCH = 50_000
_GIFT_WINDOW = 7
# The gift's first run looks at the night's day and the day before: these birthdays' windows.
_GIFT_DAYS = {(DAY - timedelta(days=k) + timedelta(days=_GIFT_WINDOW)).strftime("%m-%d")
              for k in (0, 1)}


def _birthday(i: int) -> str | None:
    """Spread over the year and over 40 birth years; one member in ten gave none."""
    if i % 10 == 9:
        return None
    return (date(1960 + i % 40, 1, 1) + timedelta(days=(i * 7) % 365)).isoformat()


def _gift_program(con: sqlite3.Connection) -> None:
    env = checked_definition({
        "kind": "program", "code": "qua-sinh-nhat", "version": 1,
        "effective_from": "2026-01-01T00:00:00Z", "store_id": None,
        "body": {"kind": "birthday", "name": "Quà sinh nhật",
                 "params": {"window_days": _GIFT_WINDOW, "multiplier_pct": 200,
                            "gift_points": 200}},
    })
    con.execute(
        "INSERT INTO definitions (kind, code, version, id, store_id, effective_from, body, "
        "created_at, change_seq) VALUES (?,?,?,?,?,?,?,?,1)",
        (env["kind"], env["code"], env["version"], env["id"], None, env["effective_from"],
         canonical_json(env["body"]), env["effective_from"]))


def build(path: Path, n: int) -> dict[str, int]:
    """A migrated head-office SQLite database holding a chain of `n` members; the counts the
    night's jobs must reach."""
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    expect = {"points_cards": 0, "points": 0, "cashback_credits": 0, "withdrawn": 0,
              "cards_expired": 0, "downgraded": 0, "birthday_gifts": 0}
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO tiers (id, code, name, rank, threshold, earn_multiplier_pct, discount_bp, "
        "birthday_points, change_seq) VALUES (?,?,?,?,?,100,0,0,1)", _TIERS)
    _gift_program(con)
    seq = 0
    for lo in range(0, n, _BATCH):
        members, cards, journal, balances, expiring = [], [], [], [], []
        for i in range(lo, min(n, lo + _BATCH)):
            m, c = f"m{i:08d}", f"c{i:08d}"
            tier = "t-gold" if i % 10 == 0 else "t-silver" if i % 10 in (1, 2) else "t-member"
            threshold = {"t-gold": 20_000_000, "t-silver": 5_000_000, "t-member": 0}[tier]
            below = tier != "t-member" and i % 20 in (0, 1, 2) and i % 100 < 5
            spend = threshold - 1 if below else threshold + 100_000
            if tier != "t-member" and spend < threshold:
                expect["downgraded"] += 1
            born = _birthday(i)
            members.append((m, f"Khách {i}", f"+849{i:08d}", "{}", "2026-01-01T00:00:00.000000Z",
                            tier, "2026-01-01 bench 1", born, birthday_md(born)))
            card_expires = "2027-05-20" if i % 50 == 7 else "2029-01-01"
            if card_expires < DAY.isoformat():
                expect["cards_expired"] += 1
            elif birthday_md(born) in _GIFT_DAYS:
                expect["birthday_gifts"] += 1
            cards.append((c, f"9704{i:012d}", "combined", m, "active", card_expires,
                          "2026-01-01T00:00:00.000000Z", "2026-01-01 bench 1"))
            points = 100 + i % 400
            lot_expires = "2027-05-31" if i % 10 == 3 else "2027-12-31"
            if lot_expires < DAY.isoformat():
                expect["points_cards"] += 1
                expect["points"] += points
            for kind, account, amount in (("qspend", "qualifying_spend", spend),
                                          ("earn", "points", points)):
                seq += 1
                journal.append((f"e{seq:09d}", "bench-till", seq, _SPENT_AT, kind, c, account,
                                amount, f"o{i:08d}", "{}", "0" * 64, "0" * 64, seq, _SPENT_AT))
            expiring.append((f"e{seq:09d}", c, "points", points, lot_expires))
            balances += [(c, "points", points), (c, "qualifying_spend", spend)]
            if i % 20 == 5:  # a cashback credit, half of them due tonight
                credit = 10_000 + i % 5_000
                seq += 1
                journal.append((f"e{seq:09d}", "bench-till", seq, _SPENT_AT, "cashback", c,
                                "stored_value", credit, f"o{i:08d}", "{}", "0" * 64, "0" * 64,
                                seq, _SPENT_AT))
                due = i % 40 == 5
                expiring.append((f"e{seq:09d}", c, "stored_value", credit,
                                 "2027-05-01" if due else "2027-07-01"))
                balances.append((c, "stored_value", credit))
                if due:
                    expect["cashback_credits"] += 1
                    expect["withdrawn"] += credit
        con.executemany(
            "INSERT INTO members (id, name, phone, details, created_at, tier, tier_key, "
            "birthday, birthday_md) VALUES (?,?,?,?,?,?,?,?,?)", members)
        con.executemany(
            "INSERT INTO cards (id, number, kind, member_id, status, expires_on, created_at, "
            "status_key) VALUES (?,?,?,?,?,?,?,?)", cards)
        con.executemany(
            "INSERT INTO journal (id, till_id, seq, created_at, kind, card_id, account, amount, "
            "operation_id, payload, prev_hash, hash, ingest_seq, received_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", journal)
        con.executemany("INSERT INTO balances (card_id, account, amount) VALUES (?,?,?)",
                        balances)
        con.executemany(
            "INSERT INTO expiring (id, card_id, account, remaining, expires_on) "
            "VALUES (?,?,?,?,?)", expiring)
    con.execute("UPDATE counters SET value = ? WHERE name = 'change'", (seq + 10,))
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return expect


def chain_jobs_time(n: int) -> dict[str, Any]:
    """Seconds for one night's chain jobs over `n` members, and what they did."""
    with tempfile.TemporaryDirectory(prefix="chain-jobs-") as tmp:
        path = Path(tmp) / "ho.sqlite3"
        t0 = time.perf_counter()
        expect = build(path, n)
        built = time.perf_counter() - t0
        engine = make_engine(f"sqlite:///{path}")
        ho = HeadOffice(engine)
        start, cpu = time.perf_counter(), time.process_time()
        runs = {r["job"]: r for r in ho.run_jobs(DAY.isoformat())}
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        again = ho.run_jobs(DAY.isoformat())
        engine.dispose()
    got = {
        "points_cards": runs["points.expire"].get("cards", 0),
        "points": runs["points.expire"].get("points", 0),
        "cashback_credits": runs["cashback.expire"].get("credits", 0),
        "withdrawn": runs["cashback.expire"].get("withdrawn", 0),
        "cards_expired": runs["card.expire"].get("cards", 0),
        "downgraded": runs["tier.review"].get("downgraded", 0),
        "birthday_gifts": runs["birthday.grant"].get("entries", 0),
    }
    if got != expect:
        raise RuntimeError(f"chain jobs did {got}, the dataset needs {expect}")
    if any(r["ran"] for r in again):
        raise RuntimeError("a second run of the same night wrote again")
    # CPU beside wall time: on a shared machine the wall time says as much about the neighbours.
    return {"seconds": elapsed, "cpu_seconds": cpu, "build_seconds": built, "did": got}


if __name__ == "__main__":
    import sys

    print(chain_jobs_time(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
