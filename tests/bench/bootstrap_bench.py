"""`new_till_bootstrap_s`: a new till joins a chain of N members from head office's snapshot.

Setup (outside the timed part): a head office on SQLite served on loopback, whose derived tables
hold a chain of N members, each with one card, points and stored value balances and one point
lot, written in bulk as its projection would have left them, plus tiers, rules and staff, and
the history a joining till is sent (`history`): a running paid membership for one member in
`MEMBERSHIP_EVERY`, qualifying spend on `SPEND_DAYS` days of the tier window per card, one
voucher use per `VOUCHER_EVERY` members, and one sale in the refund window per `SALE_EVERY`
members with its three entries (sale, earn, qualifying spend) hashed in head office's journal.
Timed: exactly what a new till does (`sync.till.bootstrap.join` then one `SyncWorker.sync_once`
for rules, staff and flags): head office streams the snapshot, the till loads it and records
it as its baseline. `verify` is not timed (it is not on the join's path).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from loyalty_core import memberkeys, rawsql
from loyalty_core.canonical import GENESIS_HASH, canonical_json, entry_hash
from loyalty_core.ids import new_id
from loyalty_core.rules import DEFAULT_RULES
from loyalty_core.staff import hash_pin
from loyalty_core.store import Store
from sync.headoffice import schema as t
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice
from sync.till.bootstrap import join
from sync.till.registration import register_till
from sync.till.worker import SyncWorker
from sync.wire.models import RuleOut, StaffOut, TierOut

FULL_MEMBERS = 1_000_000
QUICK_MEMBERS = 50_000
ROOT = Path(__file__).resolve().parents[2]
BATCH = 20_000
MEMBERSHIP_EVERY = 10
SPEND_DAYS = 2
VOUCHER_EVERY = 100
SALE_EVERY = 50

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
MIDDLE = ("Thị", "Văn", "Minh", "Ngọc", "Thanh", "Hoàng", "Đức", "Thu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Hoa", "Lan", "Mai", "Nam", "Phúc", "Quân", "Tâm", "Vy")


def _rows(n: int, tiers: list[str]) -> Iterator[dict[str, list[dict[str, Any]]]]:
    rng = random.Random(12)
    now = "2026-06-01T08:00:00.000000Z"
    for start in range(0, n, BATCH):
        out: dict[str, list[dict[str, Any]]] = {"members": [], "cards": [], "balances": [],
                                                 "lots": []}
        for i in range(start, min(n, start + BATCH)):
            member, card = f"m{i:09d}", f"c{i:09d}"
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            phone = f"+849{i:08d}"
            tier = tiers[i % len(tiers)]
            key = f"{now} bench-till {i + 1:012d}"
            details = {"id": member, "name": name, "phone": phone, "birthday": None,
                       "email": None, "segment": None, "consent_marketing": False,
                       "consent_sms": False, "referrer_id": None, "created_at": now,
                       "name_key": memberkeys.name_key(name),
                       "phone_rev": memberkeys.phone_rev(phone)}
            out["members"].append({"id": member, "name": name, "phone": phone, "birthday": None,
                                   "email": None, "segment": None, "tier": tier,
                                   "tier_at": now, "tier_key": key,
                                   "details": json.dumps(details, ensure_ascii=False),
                                   "created_at": now})
            out["cards"].append({"id": card, "number": f"8888{i:011d}", "kind": "combined",
                                 "member_id": member, "status": "active", "status_reason": None,
                                 "status_at": now, "status_key": key, "expires_on": None,
                                 "created_at": now})
            points = rng.randrange(0, 5000)
            out["balances"].append({"card_id": card, "account": "points", "amount": points})
            out["balances"].append({"card_id": card, "account": "stored_value",
                                    "amount": rng.randrange(0, 2_000_000)})
            out["lots"].append({"id": f"l{i:09d}", "card_id": card, "amount": points,
                                "remaining": points, "expires_on": "2027-06-01"})
        yield out


def _history_rows(start: int, stop: int) -> dict[str, list[dict[str, Any]]]:
    """What a joining till is sent beyond balances and lots, for members [start, stop)."""
    rng = random.Random(start)
    today = date.today()
    out: dict[str, list[dict[str, Any]]] = {"memberships": [], "spend": [], "vouchers": [],
                                            "sales": [], "entries": []}
    for i in range(start, stop):
        card = f"c{i:09d}"
        if i % MEMBERSHIP_EVERY == 0:
            out["memberships"].append({"member_id": f"m{i:09d}", "plan_id": "bench-plan",
                                       "starts_on": (today - timedelta(days=10)).isoformat(),
                                       "ends_on": (today + timedelta(days=20)).isoformat()})
        for day in sorted(rng.sample(range(1, 360), SPEND_DAYS)):
            out["spend"].append({"day": (today - timedelta(days=day)).isoformat(),
                                 "card_id": card, "amount": rng.randrange(1, 50) * 10_000})
        if i % VOUCHER_EVERY == 0:
            out["vouchers"].append({"voucher_id": f"v{i:09d}", "code": f"V{i:09d}",
                                    "max_uses": 1, "uses": 1})
        if i % SALE_EVERY == 0:
            _sale(out, i, card, datetime.now(UTC) - timedelta(days=rng.randrange(1, 25)))
    return out


def _sale(out: dict[str, list[dict[str, Any]]], i: int, card: str, when: datetime) -> None:
    """One sale in head office's `sales` and its entries, hashed, in its journal."""
    at = when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    sale_id, till = f"s{i:09d}", f"bench-till-{i % 7}"
    lines = [{"sku": "CF01", "name": "Cà phê sữa đá", "qty": 2, "price": 45_000}]
    out["sales"].append({"id": sale_id, "operation_id": f"o{i:09d}", "till_id": till,
                         "shift_id": None, "staff_id": None, "card_id": card,
                         "amount": 90_000, "discount": 0, "points_redeemed": 0,
                         "stored_value_used": 0, "cash_due": 90_000, "points_earned": 9,
                         "lines": canonical_json(lines), "created_at": at,
                         "receipt_no": f"B{i % 7}-{i:06d}"})
    for n, (kind, account, amount, payload) in enumerate((
        ("sale", None, 0, {"amount": 90_000, "cash_due": 90_000, "points_earned": 9,
                           "lines": lines, "receipt_no": f"B{i % 7}-{i:06d}"}),
        ("earn", "points", 9, {"expires_on": "2027-12-31"}),
        ("qspend", "qualifying_spend", 90_000, {}),
    )):
        entry: dict[str, Any] = {
            "id": f"e{i:09d}{n}", "till_id": till, "seq": i * 3 + n + 1, "created_at": at,
            "kind": kind, "card_id": card, "account": account, "amount": amount,
            "operation_id": f"o{i:09d}", "sale_id": sale_id, "staff_id": None,
            "approval_id": None, "rule_version": 1, "reason": None, "payload": payload,
            "prev_hash": GENESIS_HASH}
        entry["hash"] = entry_hash(entry)
        out["entries"].append({**entry, "payload": canonical_json(payload),
                               "received_at": at, "ingest_seq": i * 3 + n + 1})


def build_chain(ho: HeadOffice, n: int, history: bool = True) -> None:
    """A chain of `n` members in head office's derived tables (bulk, not timed)."""
    ho.set_rule(RuleOut(version=1, effective_from="2020-01-01T00:00:00.000000Z",
                        rules=dict(DEFAULT_RULES)))
    tiers = []
    for code, rank in (("member", 1), ("silver", 2), ("gold", 3)):
        tiers.append(new_id())
        ho.set_tier(TierOut(id=tiers[-1], code=code, name=code, rank=rank,
                            threshold=rank * 1_000_000, earn_multiplier_pct=100,
                            discount_bp=0, birthday_points=0))
    ho.set_staff(StaffOut(id=new_id(), code="1001", name="Bench", role="cashier",
                          pin_hash=hash_pin("1234"), card_number=None, active=True,
                          store_id="bench"))
    for batch in _rows(n, tiers):
        with ho.engine.begin() as conn:
            conn.execute(insert(t.members), batch["members"])
            conn.execute(insert(t.cards), batch["cards"])
            conn.execute(insert(t.balances), batch["balances"])
            conn.execute(insert(t.point_lots), batch["lots"])
    if not history:
        return
    for start in range(0, n, BATCH):
        more = _history_rows(start, min(n, start + BATCH))
        with ho.engine.begin() as conn:
            for table, rows in ((t.memberships, more["memberships"]),
                                (t.spend_days, more["spend"]),
                                (t.voucher_uses, more["vouchers"]), (t.sales, more["sales"]),
                                (t.journal, more["entries"])):
                if rows:
                    conn.execute(insert(table), rows)


def new_till_bootstrap(n: int = FULL_MEMBERS, history: bool = True) -> dict[str, Any]:
    """Seconds for a new till to join a chain of `n` members (see the module docstring).

    Head office runs in a process of its own (`python -m sync.headoffice.demo` over the built
    database), as in production: in one process its streaming and the till's loading would
    share one interpreter lock, which no real deployment does."""
    with tempfile.TemporaryDirectory(prefix="boot-bench-") as tmp:
        ho_db = Path(tmp) / "ho.sqlite3"
        engine = make_engine(f"sqlite:///{ho_db}")
        migrate(engine)
        t0 = time.perf_counter()
        build_chain(HeadOffice(engine), n, history)
        setup = time.perf_counter() - t0
        engine.dispose()
        child = subprocess.Popen(
            [sys.executable, "-m", "sync.headoffice.demo", "--db", str(ho_db), "--port", "0",
             "--store", "bench"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT,
        )
        try:
            assert child.stdout is not None
            started = json.loads(child.stdout.readline())
            store = Store.open(Path(tmp) / "new-till.sqlite3")
            client = register_till(store, started["url"], started["code"], "new till",
                                   timeout=60)
            try:
                t0, cpu0 = time.perf_counter(), time.process_time()
                join(store, client)
                SyncWorker(store, client, reconcile_at=None).sync_once()
                elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
                with store.read() as s:
                    members = int(rawsql.scalar(s, "SELECT count(*) FROM members"))
                    carried = {table: int(rawsql.scalar(s, f"SELECT count(*) FROM {table}"))
                               for table in ("memberships", "snapshot_spend", "sales",
                                             "snapshot_entries", "snapshot_voucher_uses")}
            finally:
                client.close()
                store.close()
            size = (Path(tmp) / "new-till.sqlite3").stat().st_size
        finally:
            assert child.stdin is not None
            child.stdin.close()
            child.wait(30)
    if members != n:
        raise RuntimeError(f"the till holds {members} members, not {n}")
    if history and not all(carried.values()):
        raise RuntimeError(f"the snapshot's history did not arrive: {carried}")
    return {"new_till_bootstrap_s": round(elapsed, 1), "new_till_bootstrap_members": members,
            # the till process's own CPU (head office's is in its process)
            "new_till_bootstrap_till_cpu_s": round(cpu, 1),
            "new_till_bootstrap_setup_s": round(setup, 1),
            "new_till_bootstrap_db_mb": round(size / 1e6, 1),
            "new_till_bootstrap_history_rows": sum(carried.values())}


if __name__ == "__main__":
    print(json.dumps(new_till_bootstrap(int(sys.argv[1]) if len(sys.argv) > 1 else
                                        QUICK_MEMBERS), indent=2))
