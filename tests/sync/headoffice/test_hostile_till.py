"""A hostile till: legitimately enrolled (store Q2), its database copied, entries forged by hand.

Against a real head office on loopback (SQLite and PostgreSQL), with an honest till of store Q1
that owns the victim cards and a second honest till that syncs after every attack. For each
attack: head office answers with the reason and quarantines the entries, no balance, card
number or member changes at head office or at the second till, the honest tills keep syncing,
and head office recorded the attempt.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from loyalty_core.canonical import GENESIS_HASH, entry_hash
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id, utcnow
from loyalty_core.staff import hash_pin
from loyalty_core.verify import verify_store
from sync.headoffice import schema as t
from sync.headoffice.services.policy import TrustPolicy
from sync.till.client import HeadOfficeClient, Refused
from sync.till.offline import StoredValueGuard
from sync.wire.models import CardBalances, PushResponse, ReconcileRequest, StaffOut
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, open_counter

ATTACKER_STORE = "store-q2"


class Forger:
    """Writes a valid hash chain for the attacker's till id: only the content is hostile."""

    def __init__(self, client: HeadOfficeClient) -> None:
        self.client = client
        self.seq = 0
        self.prev = GENESIS_HASH

    def entry(self, kind: str, **fields: Any) -> dict[str, Any]:
        self.seq += 1
        wire: dict[str, Any] = {
            "id": new_id(), "till_id": self.client.till_id, "seq": self.seq,
            "created_at": iso_utc(utcnow()), "kind": kind, "card_id": None, "account": None,
            "amount": 0, "operation_id": new_id(), "sale_id": None, "staff_id": None,
            "approval_id": None, "rule_version": 1, "reason": None, "payload": {},
            "prev_hash": self.prev,
        }
        wire.update(fields)
        wire["hash"] = entry_hash(wire)
        self.prev = wire["hash"]
        return wire

    def push(self, *entries: dict[str, Any]) -> PushResponse:
        resp = self.client.push(list(entries))
        assert resp.acked_seq == self.seq  # accepted into the chain, never stuck
        return resp


@dataclass
class Chain:
    env: HeadOfficeEnv
    honest: Till
    witness: Till
    forger: Forger
    victim: dict[str, str]

    def sync(self) -> None:
        for till in (self.honest, self.witness, self.honest):
            till.worker.sync_once()

    def state(self) -> dict[str, Any]:
        """Every balance, card (number, member, status) and member at head office and at the
        witness till."""
        with self.env.ho.engine.connect() as conn:
            ho = (
                sorted(tuple(r) for r in conn.execute(select(t.balances))),
                sorted(tuple(r) for r in conn.execute(
                    select(t.cards.c.id, t.cards.c.number, t.cards.c.member_id,
                           t.cards.c.status))),
                sorted(tuple(r) for r in conn.execute(
                    select(t.members.c.id, t.members.c.name, t.members.c.phone))),
            )
        with self.witness.store.read() as s:
            from loyalty_core import rawsql

            till = (
                sorted(rawsql.rows(s, "SELECT card_id, account, balance FROM balances", ())),
                sorted(rawsql.rows(s, "SELECT id, number, member_id, status FROM cards", ())),
                sorted(rawsql.rows(s, "SELECT id, name, phone FROM members", ())),
            )
        return {"head_office": ho, "witness": till}

    def recorded(self) -> dict[int, str]:
        with self.env.ho.engine.connect() as conn:
            return dict(conn.execute(  # type: ignore[arg-type]
                select(t.quarantine.c.seq, t.quarantine.c.code).where(
                    t.quarantine.c.till_id == self.forger.client.till_id)
            ).all())


@pytest.fixture
def chain(tmp_path: Path, head_office: HeadOfficeEnv) -> Iterator[Chain]:
    honest = make_till(tmp_path, "honest", head_office)
    witness = make_till(tmp_path, "witness", head_office)
    code = head_office.ho.create_enrolment_code(ATTACKER_STORE).code
    reg = HeadOfficeClient.register(head_office.url, code, new_id(), "hostile")
    client = HeadOfficeClient(head_office.url, reg.till_id, reg.secret, timeout=5)
    try:
        for till in (honest, witness):
            till.worker.sync_once()
            open_counter(till)
        lo = honest.loyalty
        member = lo.enroll_member(new_id(), honest.cashier, "Nguyễn Văn An", phone="0903123456")
        prepaid = lo.issue_card(new_id(), honest.cashier, "prepaid", activate=True)
        lo.top_up(new_id(), honest.cashier, prepaid["number"], 1_000_000)
        gift = lo.sell_gift_card(new_id(), honest.cashier, 500_000)
        victim = {"member_id": str(member["member_id"]), "card_id": str(member["card_id"]),
                  "card_number": str(member["card_number"]), "prepaid_id": str(prepaid["id"]),
                  "prepaid_number": str(prepaid["number"]), "gift_id": str(gift["card_id"])}
        c = Chain(head_office, honest, witness, Forger(client), victim)
        c.sync()
        yield c
    finally:
        client.close()
        honest.close()
        witness.close()


def attack(c: Chain, *entries: dict[str, Any], codes: set[str]) -> PushResponse:
    """Push forged entries; assert nothing changed anywhere and head office recorded them."""
    before = c.state()
    resp = c.forger.push(*entries)
    refused = {r.seq: r.code for r in resp.refused}
    assert set(refused) == {e["seq"] for e in entries}, refused
    assert set(refused.values()) <= codes, refused
    assert all(r.reason for r in resp.refused)
    c.sync()
    assert c.state() == before
    recorded = c.recorded()
    assert all(recorded[e["seq"]] == refused[e["seq"]] for e in entries)
    return resp


def honest_business_still_flows(c: Chain) -> None:
    c.honest.loyalty.top_up(new_id(), c.honest.cashier, c.victim["prepaid_number"], 70_000)
    c.sync()
    from loyalty_core.journal import balance_of

    with c.honest.store.read() as s:
        expected = balance_of(s, c.victim["prepaid_id"], "stored_value")
    assert expected >= 1_070_000
    with c.witness.store.read() as s:
        assert balance_of(s, c.victim["prepaid_id"], "stored_value") == expected
    assert c.env.ho.balance(c.victim["prepaid_id"], "stored_value") == expected
    assert verify_store(c.witness.store) == []
    assert c.witness.worker.snapshot().last_error is None


def shift(c: Chain) -> str:
    """The attacker opens a shift with a chain-wide cashier: a till may do that."""
    shift_id = new_id()
    resp = c.forger.push(c.forger.entry("shift.open", staff_id=c.env.ids["1001"],
                                        payload={"shift_id": shift_id, "opening_float": 0}))
    assert resp.refused == []
    return shift_id


def test_value_on_another_stores_card(chain: Chain) -> None:
    c, f = chain, chain.forger
    shift_id = shift(c)
    attack(
        c,
        f.entry("sv.topup", card_id=c.victim["prepaid_id"], account="stored_value",
                amount=10**15, payload={"shift_id": shift_id, "cash": 10**15}),
        f.entry("gift.load", card_id=c.victim["gift_id"], account="stored_value",
                amount=1_000_000, payload={"shift_id": shift_id}),
        f.entry("points.adjust", card_id=c.victim["card_id"], account="points",
                amount=5_000, payload={}),
        f.entry("earn", card_id=c.victim["card_id"], account="points", amount=999_999_999,
                sale_id=new_id(), payload={}),
        codes={"card.foreign_store", "earn.unbacked"},
    )
    honest_business_still_flows(c)


def test_unknown_kinds_accounts_positive_redeem_and_malformed(chain: Chain) -> None:
    c, f = chain, chain.forger
    attack(
        c,
        f.entry("sv.mint", card_id=c.victim["card_id"], account="stored_value", amount=10**9),
        f.entry("sale", card_id=c.victim["card_id"], account="gold", amount=10**9,
                payload={"amount": 1}),
        f.entry("redeem", card_id=c.victim["card_id"], account="points", amount=50_000,
                payload={"lots": []}),
        f.entry("card.issue", card_id=new_id(), payload={"number": 12}),
        f.entry("member.enroll", payload={"member": "everyone"}),
        f.entry("sv.spend", card_id=new_id(), account="stored_value", amount=-5),
        codes={"entry.invalid", "card.unknown"},
    )
    honest_business_still_flows(c)


def test_card_takeover_and_member_overwrite(chain: Chain) -> None:
    c, f = chain, chain.forger
    attacker_number = "9704" + "0" * 11 + "1"
    other = new_id()
    attack(
        c,
        f.entry("card.issue", card_id=c.victim["prepaid_id"],
                payload={"id": c.victim["prepaid_id"], "number": attacker_number,
                         "kind": "prepaid", "status": "active"}),
        f.entry("card.issue", card_id=other,
                payload={"id": other, "number": c.victim["card_number"], "kind": "member",
                         "status": "active"}),
        f.entry("member.enroll",
                payload={"member": {"id": c.victim["member_id"], "name": "Kẻ gian",
                                    "phone": "0999999999"}}),
        f.entry("card.status", card_id=c.victim["card_id"],
                payload={"status": "active", "member_id": new_id()}),
        codes={"card.id_taken", "card.number_taken", "member.id_taken", "card.takeover"},
    )
    honest_business_still_flows(c)


def test_hold_on_another_stores_card(chain: Chain) -> None:
    c = chain
    with pytest.raises(Refused) as refused:
        c.forger.client.reserve(new_id(), c.victim["prepaid_id"], 1_000_000)
    assert refused.value.status == 403 and refused.value.code == "reserve.foreign_card"
    # Within the policy a foreign till may hold (a customer paying at another store).
    small = c.forger.client.reserve(new_id(), c.victim["prepaid_id"], 50_000)
    assert small.status == "held"
    with pytest.raises(Refused):
        c.forger.client.reserve(new_id(), c.victim["prepaid_id"], TrustPolicy().foreign_hold_max)
    # The card's own till still holds the rest.
    own = c.honest.client.reserve(new_id(), c.victim["prepaid_id"], 900_000)
    assert own.status == "held"


def test_an_honest_till_of_another_store_hears_the_hold_limit(
    tmp_path: Path, chain: Chain
) -> None:
    """A customer paying at another store with a prepaid card: a clear refusal, not a crash."""
    c = chain
    other = make_till(tmp_path, "other-store", c.env, store_id=ATTACKER_STORE)
    try:
        other.worker.sync_once()
        guard = StoredValueGuard(other.store, other.client, daily_limit=0)
        with pytest.raises(LoyaltyError) as refused:
            guard.authorise(c.victim["prepaid_id"], 600_000, new_id())
        assert refused.value.code == "stored_value.foreign_card_limit"
        assert guard.authorise(c.victim["prepaid_id"], 100_000, new_id()).mode == "online"
    finally:
        other.close()


def test_flood_of_top_ups_without_an_open_shift(chain: Chain) -> None:
    c, f = chain, chain.forger
    own = new_id()
    issued = c.forger.push(f.entry("card.issue", card_id=own, payload={
        "id": own, "number": "9704" + "0" * 11 + "2", "kind": "prepaid", "status": "active"}))
    assert issued.refused == []  # a till may issue its own store's cards
    c.sync()
    attack(
        c,
        *[f.entry("sv.topup", card_id=own, account="stored_value", amount=5_000_000,
                  payload={"cash": 5_000_000}) for _ in range(40)],
        codes={"shift.not_open"},
    )
    assert c.env.ho.balance(own, "stored_value") == 0
    # With a shift open, the per-till velocity limit still caps what one till can create.
    c.env.ho.ctx.policy = TrustPolicy(sv_per_window=3_000_000)
    shift_id = shift(c)
    burst = [f.entry("sv.topup", card_id=own, account="stored_value", amount=1_000_000,
                     payload={"shift_id": shift_id, "cash": 1_000_000}) for _ in range(5)]
    resp = c.forger.push(*burst)
    assert [r.seq for r in resp.refused] == [e["seq"] for e in burst[3:]]
    assert {r.code for r in resp.refused} == {"velocity.exceeded"}
    assert c.env.ho.balance(own, "stored_value") == 3_000_000
    honest_business_still_flows(c)


def test_a_pulled_entry_that_cannot_be_applied_is_quarantined(chain: Chain) -> None:
    """A head office that judged nothing (an older one) lets a takeover through: the tills
    themselves refuse to overwrite, quarantine it, and everything after it still arrives."""
    c, f = chain, chain.forger
    c.env.ho.ctx.policy = TrustPolicy(judge=False)
    before = c.state()["witness"]
    takeover = f.entry("card.issue", card_id=c.victim["prepaid_id"], payload={
        "id": c.victim["prepaid_id"], "number": "9704" + "0" * 11 + "3", "kind": "prepaid",
        "status": "active"})
    overwrite = f.entry("member.enroll", payload={"member": {
        "id": c.victim["member_id"], "name": "Kẻ gian", "phone": "0999999999"}})
    stranger = new_id()  # staff of another store, unknown to this till
    foreign_shift = f.entry("shift.open", staff_id=stranger,
                            payload={"shift_id": new_id(), "opening_float": 0})
    f.push(takeover, overwrite, foreign_shift)
    c.sync()
    assert c.state()["witness"] == before
    with c.witness.store.read() as s:
        from loyalty_core import rawsql

        held = dict(rawsql.rows(s, "SELECT entry_id, reason FROM sync_quarantine", ()))
        shifts = rawsql.rows(s, "SELECT staff_id FROM shifts WHERE staff_id = ?", (stranger,))
    assert set(held) == {takeover["id"], overwrite["id"]}
    assert held[takeover["id"]].startswith("card.id_taken")
    assert held[overwrite["id"]].startswith("member.id_taken")
    assert len(shifts) == 1  # the foreign reference did not fail a foreign-key check
    assert c.witness.worker.snapshot().quarantined == 2
    honest_business_still_flows(c)


def test_another_stores_staff_and_a_missing_approval(chain: Chain) -> None:
    c, f = chain, chain.forger
    q1_supervisor = new_id()
    c.env.ho.set_staff(StaffOut(id=q1_supervisor, code="3001", name="Đỗ Thị Mai",
                                role="supervisor", pin_hash=hash_pin("8642"), card_number=None,
                                active=True, store_id="store-q1"))
    attack(
        c,
        f.entry("shift.open", staff_id=q1_supervisor,
                payload={"shift_id": new_id(), "opening_float": 0}),
        f.entry("approval", staff_id=c.env.ids["1001"], payload={
            "approval_id": new_id(), "supervisor_id": q1_supervisor, "operation": "topup"}),
        f.entry("card.status", card_id=c.victim["card_id"], approval_id=new_id(),
                payload={"status": "blocked"}),
        codes={"staff.foreign", "approval.missing"},
    )
    assert set(c.recorded().values()) == {"staff.foreign", "approval.missing"}
    honest_business_still_flows(c)


def test_reconcile_returns_only_the_tills_own_business(chain: Chain) -> None:
    """An empty range, or guessed card ids, reads out no other store's balances."""
    c = chain
    victims = {c.victim[k] for k in ("card_id", "prepaid_id", "gift_id")}

    def differences(cards: list[CardBalances]) -> set[str]:
        resp = c.forger.client.reconcile(ReconcileRequest(
            run_id=new_id(), chunk=0, first="", last="", final=True, cards=cards))
        return {d.card_id for d in resp.differences if d.card_id}

    assert differences([]) & victims == set()
    guessed = [CardBalances(card_id=v, balances={"stored_value": 0}) for v in sorted(victims)]
    assert differences(guessed) == set()
    # The honest till of the store that issued them still reconciles them (clean).
    report = c.honest.worker.reconcile()
    assert report.differences == [] and report.cards_compared >= 2  # prepaid, gift


def test_refunds_give_back_only_what_the_sale_took(chain: Chain) -> None:
    c, f = chain, chain.forger
    lo, cashier = c.honest.loyalty, c.honest.cashier
    # An honest refund of a sale paid partly with stored value goes through everywhere
    # (over the policy's threshold a supervisor approves it, as at any counter).
    sale = lo.checkout(new_id(), cashier, c.victim["prepaid_number"], 300_000,
                       stored_value_to_use=120_000)["sale_id"]
    try:
        lo.refund(new_id(), cashier, sale)
    except LoyaltyError as needs:
        assert needs.code == "approval.required"
        approval = lo.approve("refund", dict(needs.params), cashier, code="2001", pin="5678")
        lo.refund(new_id(), cashier, sale, approval_id=approval)
    c.sync()
    honest_business_still_flows(c)
    with c.env.ho.engine.connect() as conn:
        assert conn.execute(select(t.quarantine.c.code).where(
            t.quarantine.c.till_id == c.honest.store.till_id)).all() == []
    # Forged: a refund of stored value for a sale that never was, or more than it took.
    attack(
        c,
        f.entry("refund.sv", card_id=c.victim["card_id"], account="stored_value",
                amount=5_000_000, sale_id=new_id()),
        f.entry("refund.sv", card_id=c.victim["card_id"], account="stored_value",
                amount=500_000, sale_id=sale),
        f.entry("refund.redeem", card_id=c.victim["card_id"], account="points",
                amount=100_000, sale_id=sale, payload={}),
        f.entry("cashback", card_id=c.victim["card_id"], account="stored_value",
                amount=100_000, sale_id=sale, payload={}),
        codes={"refund.unbacked", "cashback.unbacked"},
    )
