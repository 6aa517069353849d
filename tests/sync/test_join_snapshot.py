"""Issue 12 part D against a real head office on loopback (SQLite and PostgreSQL), 2-3 tills:
a third till joins a running chain from a snapshot, reconciliation compares status and tier
readably, quarantined entries reach head office, and entries carry both clocks."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import select

from loyalty_core import rawsql, syncstore
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.verify import verify_store
from sync.headoffice import cli as ho_cli
from sync.headoffice import schema as t
from sync.headoffice.services import snapshot
from sync.headoffice.services.policy import TrustPolicy
from sync.till.bootstrap import join
from sync.till.client import BadAnswerSignature, HeadOfficeClient
from sync.till.worker import SyncWorker
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, open_counter
from tests.sync.headoffice.test_hostile_till import ATTACKER_STORE, Forger
from tests.sync.test_sync_e2e import shop_day


def ho_state(env: HeadOfficeEnv) -> dict[str, Any]:
    with env.ho.engine.connect() as conn:
        return {
            "balances": sorted((r.card_id, r.account, int(r.amount))
                               for r in conn.execute(select(t.balances)) if r.amount),
            "lots": sorted((r.id, r.card_id, int(r.amount), int(r.remaining), r.expires_on)
                           for r in conn.execute(select(t.point_lots))),
            "cards": sorted((r.id, r.number, r.status, r.member_id)
                            for r in conn.execute(select(t.cards))),
            "members": sorted((r.id, r.name, r.tier) for r in conn.execute(select(t.members))),
        }


def till_state(till: Till) -> dict[str, Any]:
    with till.store.read() as s:
        return {
            "balances": sorted(
                (c, a, int(b)) for c, a, b in
                rawsql.rows(s, "SELECT card_id, account, balance FROM balances") if b),
            "lots": sorted(rawsql.rows(
                s, "SELECT id, card_id, amount, remaining, expires_on FROM point_lots")),
            "cards": sorted(rawsql.rows(s, "SELECT id, number, status, member_id FROM cards")),
            "members": sorted(rawsql.rows(s, "SELECT id, name, tier_id FROM members")),
        }


def foreign_entries(till: Till) -> int:
    with till.store.read() as s:
        return int(rawsql.scalar(s, "SELECT count(*) FROM journal WHERE till_id != ?",
                                 (till.store.till_id,)))


def running_chain(a: Till, b: Till) -> dict[str, Any]:
    """Two tills selling for a while: enrolments, top-ups, earns, redemptions (lots consumed),
    a blocked card, a gift card."""
    card_a = shop_day(a)
    card_b = shop_day(b)
    a.worker.sync_once()
    b.worker.sync_once()
    # Points earned at A spent at B: a redemption that consumes A's lots.
    b.loyalty.checkout(new_id(), b.cashier, str(card_a["card_number"]), 100_000,
                       points_to_redeem=10)
    blocked = a.loyalty.enroll_member(new_id(), a.cashier, "Lê Văn Bình")
    a.loyalty.set_card_status(new_id(), a.cashier, str(blocked["card_number"]), "blocked",
                              "lost")
    gift = b.loyalty.sell_gift_card(new_id(), b.cashier, 300_000)
    for till in (a, b, a):
        till.worker.sync_once()
    return {"a": card_a, "b": card_b, "blocked": blocked, "gift": gift}


def test_a_third_till_joins_from_a_snapshot_and_follows_the_journal(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = two_tills
    # Pages of 3 rows: keyset paging (one key, and the balances' two-column key) is exercised.
    monkeypatch.setattr(snapshot, "PAGE", 3)
    cards = running_chain(a, b)
    history = head_office.ho.journal_count()
    c = make_till(tmp_path, "till-c", head_office)
    try:
        state = join(c.store, c.client)
        c.worker.sync_once()  # objects, flags and anything after the snapshot's cursor
        # It never replayed history: no entry written before the snapshot is in its journal.
        assert state["journal_cursor"] >= history
        assert foreign_entries(c) == 0
        assert till_state(c) == ho_state(head_office)
        assert verify_store(c.store) == []
        # The snapshot is a real starting point: the blocked card is refused, the points are
        # spendable (lots from the snapshot), cashiers from head office log in.
        with pytest.raises(LoyaltyError):
            c.loyalty.checkout(new_id(), c.cashier, str(cards["blocked"]["card_number"]),
                               10_000)
        open_counter(c)
        c.loyalty.checkout(new_id(), c.cashier, str(cards["b"]["card_number"]), 100_000,
                           points_to_redeem=5)
        # Later entries at A and B reach C by pull.
        a.loyalty.checkout(new_id(), a.cashier, str(cards["a"]["card_number"]), 500_000)
        b.loyalty.top_up(new_id(), b.cashier, str(cards["a"]["card_number"]), 200_000)
        for till in (a, b, c, a, b, c):
            till.worker.sync_once()
        assert foreign_entries(c) > 0
        assert till_state(c) == ho_state(head_office) == till_state(a) == till_state(b)
        assert verify_store(c.store) == []
        for till in (a, b, c):
            report = till.worker.reconcile()
            assert report.differences == [], report.differences
        # A second snapshot into a till that holds data is refused and changes nothing.
        with pytest.raises(LoyaltyError) as refused:
            join(c.store, c.client)
        assert refused.value.code == "snapshot.not_empty"
    finally:
        c.close()


def test_an_altered_baseline_fails_verify(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    running_chain(a, b)
    c = make_till(tmp_path, "till-c", head_office)
    try:
        join(c.store, c.client)
        c.worker.sync_once()
        assert verify_store(c.store) == []
        # Someone raises a balance in the derived table: the replay from the baseline says so.
        con = sqlite3.connect(c.store.path)
        con.execute("UPDATE balances SET balance = balance + 1000 WHERE rowid = "
                    "(SELECT min(rowid) FROM balances)")
        con.commit()
        con.close()
        assert any("journal replay" in p for p in verify_store(c.store))
    finally:
        c.close()


def test_reconciliation_flags_status_and_tier_readably(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b = two_tills
    cards = running_chain(a, b)
    card_id = str(cards["a"]["card_id"])
    member_id = str(cards["a"]["member_id"])
    assert a.worker.reconcile().differences == []
    # A's derived tables drift from what the journal says (an old bug, a hand edit).
    gold = head_office.ids["tier:gold"]
    con = sqlite3.connect(a.store.path)
    con.execute("UPDATE cards SET status = 'blocked' WHERE id = ?", (card_id,))
    con.execute("UPDATE members SET tier_id = ? WHERE id = ?", (gold, member_id))
    con.commit()
    con.close()
    report = a.worker.reconcile()
    found = {(d["what"], d["card_id"], d["till_value"], d["head_office_value"])
             for d in report.differences}
    assert ("status", card_id, "blocked", "active") in found
    assert ("tier", card_id, gold, head_office.ids["tier:member"]) in found
    assert ho_cli.main(["reconcile-report", "--db", head_office.db_url,
                        "--till", a.store.till_id]) == 0
    out = capsys.readouterr().out
    assert f"card {card_id} status: till 'blocked', head office 'active'" in out
    assert f"card {card_id} tier: till '{gold}'" in out
    # B was not touched: its latest run is clean.
    b.worker.reconcile()
    assert ho_cli.main(["reconcile-report", "--db", head_office.db_url,
                        "--till", b.store.till_id]) == 0
    assert "clean: no differences" in capsys.readouterr().out


def test_quarantined_entries_reach_head_office(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A head office that judged nothing lets a takeover through; the tills refuse to apply it,
    keep syncing, and report it: head office lists which till holds what, and why."""
    a, b = two_tills
    cards = running_chain(a, b)
    head_office.ho.ctx.policy = TrustPolicy(judge=False)
    code = head_office.ho.create_enrolment_code(ATTACKER_STORE).code
    reg = HeadOfficeClient.register(head_office.url, code, new_id(), "hostile")
    forger = Forger(HeadOfficeClient(head_office.url, reg.till_id, reg.secret, timeout=5))
    try:
        takeover = forger.entry("card.issue", card_id=str(cards["a"]["card_id"]), payload={
            "id": str(cards["a"]["card_id"]), "number": "9704" + "0" * 11 + "3",
            "kind": "prepaid", "status": "active"})
        forger.push(takeover)
    finally:
        forger.client.close()
    for till in (a, b):
        till.worker.sync_once()
        assert till.worker.snapshot().quarantine_reported == 1
        till.worker.sync_once()  # reported once, not again
    listing = head_office.ho.till_quarantine()
    assert sorted(q["till_id"] for q in listing) == sorted([a.store.till_id, b.store.till_id])
    assert {q["entry_id"] for q in listing} == {takeover["id"]}
    assert all(q["reason"].startswith("card.id_taken") for q in listing)
    assert ho_cli.main(["report", "quarantine", "--db", head_office.db_url]) == 0
    out = capsys.readouterr().out
    assert out.count(takeover["id"]) == 2 and "card.id_taken" in out
    # Sync goes on: a sale at A after the bad entry reaches B.
    a.loyalty.checkout(new_id(), a.cashier, str(cards["a"]["card_number"]), 200_000)
    for till in (a, b):
        till.worker.sync_once()
    assert till_state(a) == till_state(b)


@pytest.mark.parametrize("ho_db_url", ["sqlite"], indirect=True)
def test_a_refused_push_batch_is_shown_with_its_reason(
    tmp_path: Path, head_office: HeadOfficeEnv
) -> None:
    till = make_till(tmp_path, "forked", head_office)
    try:
        till.worker.sync_once()
        open_counter(till)
        till.worker.sync_once()
        # Head office holds a different chain for this till (a restored backup elsewhere):
        # every batch is refused; the worker says so, with the reason, and keeps the entries.
        with head_office.ho.engine.begin() as conn:
            conn.execute(t.journal.update().where(t.journal.c.till_id == till.store.till_id)
                         .values(hash="f" * 64))
            conn.execute(t.till_progress.update().where(
                t.till_progress.c.till_id == till.store.till_id).values(acked_hash="f" * 64))
        till.loyalty.enroll_member(new_id(), till.cashier, "Phạm Thu")
        assert till.worker.run_cycle() is False
        snap = till.worker.snapshot()
        assert snap.push_refused is not None and "push.chain_broken" in snap.push_refused
        assert snap.entries_waiting > 0
    finally:
        till.close()


@pytest.mark.parametrize("ho_db_url", ["sqlite"], indirect=True)
def test_entries_keep_both_clocks_and_the_chain_verifies(
    tmp_path: Path, head_office: HeadOfficeEnv
) -> None:
    """A till ten minutes slow signs with corrected time; each entry keeps its own clock and
    the corrected one, both hashed; head office and the other till verify the chain."""
    slow_s = 600.0
    a = make_till(tmp_path, "slow", head_office)
    b = make_till(tmp_path, "other", head_office)
    client = HeadOfficeClient(a.client.base_url, a.client.till_id, a.client.secret,
                              timeout=5.0, clock=lambda: time.time() - slow_s)
    worker = SyncWorker(a.store, client, reconcile_at=None)
    try:
        assert worker.run_cycle()
        open_counter(a)
        enrolled = a.loyalty.enroll_member(new_id(), a.cashier, "Đặng Mai")
        assert worker.run_cycle()
        b.worker.sync_once()
        with a.store.read() as s:
            stamped = rawsql.rows(s, "SELECT created_at, corrected_at, hash FROM journal "
                                     "WHERE corrected_at IS NOT NULL")
        assert stamped
        for own, corrected, _ in stamped:
            assert corrected > own  # the till's clock (real time here) plus ten minutes
        with head_office.ho.engine.connect() as conn:
            held = {r.hash: r.corrected_at for r in conn.execute(
                select(t.journal.c.hash, t.journal.c.corrected_at).where(
                    t.journal.c.till_id == a.store.till_id))}
        assert all(held[h] == corrected for _, corrected, h in stamped)
        assert verify_store(a.store) == [] and verify_store(b.store) == []
        assert b.loyalty.customer_view(str(enrolled["card_number"]))["member"]
        # Altering the corrected time breaks the entry's hash.
        with a.store.read() as s:
            wire = syncstore.pending_entries(s, a.store.till_id, 0, 1000)[-1]
        assert wire.get("corrected_at")
        from loyalty_core.canonical import entry_hash

        assert entry_hash({**wire, "corrected_at": "2000-01-01T00:00:00.000000Z"}) != wire["hash"]
    finally:
        worker.stop()
        client.close()
        a.close()
        b.close()


def test_head_office_lots_are_back_filled_from_its_journal(
    two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """A head office upgraded with a journal already held (revision ho0009) makes the lots its
    projection would have made: the same rows as one that kept them from the start."""
    from alembic import command

    from sync.headoffice.db import alembic_config, migrate

    a, b = two_tills
    running_chain(a, b)
    kept = ho_state(head_office)["lots"]
    assert kept and any(lot[3] < lot[2] for lot in kept)  # some were partly redeemed
    cfg = alembic_config()
    with head_office.ho.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "ho0008")
    migrate(head_office.ho.engine)
    assert ho_state(head_office)["lots"] == kept


def test_enrol_joins_an_empty_till_and_the_app_worker_does_too(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from loyalty_core.store import Store
    from sync.till import enrolment
    from sync.till.registration import register_till

    a, b = two_tills
    running_chain(a, b)
    db = tmp_path / "till-d.sqlite3"
    code = head_office.ho.create_enrolment_code("store-q1").code
    assert enrolment.main(["--url", head_office.url, "--code", code, "--db", str(db)]) == 0
    assert "joined the chain from head office's snapshot" in capsys.readouterr().out
    store = Store.open(db)
    try:
        with store.read() as s:
            assert rawsql.scalar(s, "SELECT count(*) FROM journal") == 0
            assert rawsql.scalar(s, "SELECT count(*) FROM staff") > 0  # pulled after the join
        assert verify_store(store) == []
        # `loyalty-pos join` on a till that holds data refuses and changes nothing.
        assert enrolment.join_main(["--db", str(db)]) == 2
    finally:
        store.close()
    # The cashier program's worker (join_empty) starts an enrolled empty till the same way.
    store = Store.open(tmp_path / "till-e.sqlite3")
    client = register_till(store, head_office.url,
                           head_office.ho.create_enrolment_code("store-q1").code, "till-e")
    try:
        SyncWorker(store, client, reconcile_at=None, join_empty=True).sync_once()
        with store.read() as s:
            assert syncstore.get_state(s, "snapshot.baseline") is not None
            assert rawsql.scalar(s, "SELECT count(*) FROM journal") == 0
            assert rawsql.scalar(s, "SELECT count(*) FROM members") > 0
        assert verify_store(store) == []
    finally:
        client.close()
        store.close()


def test_a_till_of_another_store_joins_with_least_data(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """The snapshot follows the one visibility rule (issue 13): another store's till gets every
    card (keyed) and member (no personal data), still recognises a swipe, and verify is clean."""
    a, b = two_tills
    cards = running_chain(a, b)
    other = make_till(tmp_path, "till-q2", head_office, store_id=ATTACKER_STORE)
    try:
        join(other.store, other.client)
        other.worker.sync_once()
        assert verify_store(other.store) == []
        number = str(cards["a"]["card_number"])
        with other.store.read() as s:
            numbers = [r[0] for r in rawsql.rows(s, "SELECT number FROM cards")]
            people = rawsql.rows(s, "SELECT name, phone, birthday, email FROM members")
        assert numbers and number not in numbers
        assert all(n.startswith("k") or not n[0].isdigit() for n in numbers), numbers[:3]
        assert people and all(p == ("", None, None, None) for p in people)
        raw = b"".join(Path(str(other.store.path) + suffix).read_bytes()
                       for suffix in ("", "-wal") if Path(str(other.store.path) + suffix).exists())
        assert number.encode() not in raw
        # A swipe of the other store's card still finds it, with its balance.
        view = other.loyalty.customer_view(number)
        assert view["card_id"] == cards["a"]["card_id"]
        assert view["balances"]["points"] > 0
    finally:
        other.close()


class SnapshotForger(HTTPAdapter):
    """A man in the middle who raises one balance in the snapshot and mends its digest: only
    head office's signature in the last line still tells."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        resp = super().send(request, **kwargs)
        if "/snapshot" in (request.path_url or "") and resp.status_code == 200:
            lines = [json.loads(x) for x in resp.content.splitlines() if x]
            for line in lines:
                if line.get("t") == "balance" and line["rows"]:
                    line["rows"][0][2] += 10_000_000
                    break
            body = [json.dumps(x, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"
                    for x in lines[:-1]]
            lines[-1]["sha256"] = hashlib.sha256(b"".join(body)).hexdigest()
            body.append(json.dumps(lines[-1]).encode() + b"\n")
            resp._content = b"".join(body)
            resp._content_consumed = True
        return resp


def test_a_forged_snapshot_is_refused_and_writes_nothing(
    tmp_path: Path, two_tills: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    a, b = two_tills
    running_chain(a, b)
    c = make_till(tmp_path, "till-c", head_office)
    try:
        c.client.session.mount("http://", SnapshotForger())
        with pytest.raises(BadAnswerSignature):
            join(c.store, c.client)
        with c.store.read() as s:
            assert rawsql.scalar(s, "SELECT count(*) FROM cards") == 0
        c.client.session.mount("http://", HTTPAdapter())
        join(c.store, c.client)  # the genuine stream still joins
        assert verify_store(c.store) == []
    finally:
        c.close()
