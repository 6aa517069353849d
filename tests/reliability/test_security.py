"""Security pass: PIN lock-out, approvals and roles, the hash chain, and what reaches the logs.

Each test attacks one promise of DESIGN.md ("Reliability and security", "Cards") the way a person
at the counter, or someone holding the till's database file, would.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from loyalty_core import staff as staff_module
from loyalty_core.canonical import entry_hash
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import new_id, utcnow
from loyalty_core.models import Approval, JournalEntry
from loyalty_core.verify import verify_store
from tests.reliability.conftest import DEMO_PINS, DemoTill, open_demo

PAYMENT_CARD = "4111111111111111"  # the well-known Visa test number: Luhn-valid, not ours

# ---- PIN brute force ---------------------------------------------------------------------


def test_brute_force_cannot_find_pin_before_lockout(fresh_demo: DemoTill) -> None:
    """Trying every 4-digit PIN in order reaches 2468 long after the account locked."""
    loyalty, rules = fresh_demo.loyalty, fresh_demo.loyalty.rules().data
    max_failures = int(rules["pin_max_failures"])
    outcomes: Counter[str] = Counter()
    for guess in range(10_000):  # bounded: the whole 4-digit space, once
        try:
            loyalty.authenticate(code="1002", pin=f"{guess:04d}")
            outcomes["accepted"] += 1
        except LoyaltyError as exc:
            outcomes[exc.code] += 1
    assert outcomes["accepted"] == 0, f"brute force found the PIN: {outcomes}"
    assert outcomes["pin.wrong"] == max_failures - 1
    assert outcomes["staff.locked"] == 10_000 - (max_failures - 1)


def test_locked_account_refuses_right_pin_until_lock_expires(
    fresh_demo: DemoTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    loyalty, rules = fresh_demo.loyalty, fresh_demo.loyalty.rules().data
    max_failures, lockout = int(rules["pin_max_failures"]), int(rules["pin_lockout_seconds"])
    for _ in range(max_failures):
        with pytest.raises(LoyaltyError):
            loyalty.authenticate(code="1002", pin="0000")
    with pytest.raises(LoyaltyError) as locked:
        loyalty.authenticate(code="1002", pin=DEMO_PINS["1002"])
    assert locked.value.code == "staff.locked"
    # A supervisor approval is a log-in too: a locked supervisor cannot approve.
    for _ in range(max_failures):
        with pytest.raises(LoyaltyError):
            loyalty.authenticate(code="2001", pin="0000")
    with pytest.raises(LoyaltyError) as refused:
        loyalty.approve("refund", {}, fresh_demo.staff["1001"], code="2001", pin="5678")
    assert refused.value.code == "staff.locked"

    start = utcnow()
    monkeypatch.setattr(staff_module, "utcnow", lambda: start + timedelta(seconds=lockout - 5))
    with pytest.raises(LoyaltyError) as still:
        loyalty.authenticate(code="1002", pin=DEMO_PINS["1002"])
    assert still.value.code == "staff.locked"
    monkeypatch.setattr(staff_module, "utcnow", lambda: start + timedelta(seconds=lockout + 5))
    assert loyalty.authenticate(code="1002", pin=DEMO_PINS["1002"])["code"] == "1002"


def test_pin_hash_is_argon2id_and_not_the_pin(fresh_demo: DemoTill) -> None:
    """A stolen database gives Argon2id hashes with the documented cost, never PINs."""
    db = Path(fresh_demo.store.path)
    with sqlite3.connect(db) as conn:
        hashes = [h for (h,) in conn.execute("SELECT pin_hash FROM staff")]
    assert len(hashes) == len(DEMO_PINS)
    for h in hashes:
        assert h.startswith("$argon2id$"), h[:12]
        assert "m=19456,t=2,p=1" in h
    assert len(set(hashes)) == len(hashes), "salts missing: equal hashes"
    for pin in DEMO_PINS.values():
        assert pin not in hashes


# ---- roles and approvals -------------------------------------------------------------------


def _sale(till: DemoTill, amount: int = 200_000) -> str:
    return till.loyalty.checkout(new_id(), till.staff["1001"], till.cards["member"], amount)[
        "sale_id"
    ]


def _refund(till: DemoTill, sale: str, approval: str | None, staff: str | None = None) -> Any:
    return till.loyalty.refund(
        new_id(), staff or till.staff["1001"], sale, approval_id=approval, reason="trả hàng"
    )


def test_cashier_cannot_approve(fresh_demo: DemoTill) -> None:
    with pytest.raises(LoyaltyError) as exc:
        fresh_demo.loyalty.approve(
            "refund", {}, fresh_demo.staff["1001"], code="1002", pin=DEMO_PINS["1002"]
        )
    assert exc.value.code == "approval.not_supervisor"


def test_self_approval_refused(fresh_demo: DemoTill) -> None:
    till, supervisor = fresh_demo, fresh_demo.staff["2001"]
    with pytest.raises(LoyaltyError) as asked:
        till.loyalty.approve("refund", {}, supervisor, code="2001", pin="5678")
    assert asked.value.code == "approval.self"
    # An approval "for nobody" is not given (issue 11: approvals name their requester) ...
    with pytest.raises(LoyaltyError) as nobody:
        till.loyalty.approve("refund", {"value": 10**9}, None, code="2001", pin="5678")
    assert nobody.value.code == "approval.no_requester"
    # ... and one given for a cashier cannot then cover the supervisor's own refund.
    approval = till.loyalty.approve(
        "refund", {"value": 10**9}, till.staff["1001"], code="2001", pin="5678",
        for_card=till.cards["member"],
    )
    before = till.snapshot()
    with pytest.raises(LoyaltyError) as used:
        _refund(till, _sale(till), approval, staff=supervisor)
    assert used.value.code == "approval.self"
    assert till.snapshot()[1] == before[1] + 1  # only the sale was written


def test_privileged_operations_need_an_approval(fresh_demo: DemoTill) -> None:
    till, cashier = fresh_demo, fresh_demo.staff["1001"]
    with pytest.raises(ApprovalRequired):
        _refund(till, _sale(till), None)
    with pytest.raises(ApprovalRequired):
        till.loyalty.replace_card(new_id(), cashier, till.cards["gold"], "mất thẻ")
    with pytest.raises(ApprovalRequired):
        till.loyalty.top_up(new_id(), cashier, till.cards["prepaid"], 6_000_000)
    with pytest.raises(ApprovalRequired):
        till.loyalty.sell_gift_card(new_id(), cashier, 6_000_000)


def test_approval_is_for_one_operation_kind_and_used_once(fresh_demo: DemoTill) -> None:
    till, cashier = fresh_demo, fresh_demo.staff["1001"]
    for_topup = till.loyalty.approve(
        "topup", {"value": 10**9}, cashier, code="2001", pin="5678", for_card=till.cards["member"]
    )
    with pytest.raises(LoyaltyError) as wrong:
        _refund(till, _sale(till), for_topup)
    assert wrong.value.code == "approval.invalid"
    with pytest.raises(LoyaltyError) as forged:
        _refund(till, _sale(till), new_id())
    assert forged.value.code == "approval.invalid"

    approval = till.loyalty.approve(
        "refund", {"value": 10**9}, cashier, code="3001", pin="9999", for_card=till.cards["member"]
    )
    _refund(till, _sale(till), approval)
    before = till.snapshot()
    with pytest.raises(LoyaltyError) as twice:
        _refund(till, _sale(till), approval)
    assert twice.value.code == "approval.used"
    assert till.snapshot()[0] > before[0]  # the sale is there; the refund is not
    with till.store.read() as s:
        row = s.get(Approval, approval)
        assert row is not None and row.used_by_operation is not None


def test_journal_never_records_an_unchecked_approval(fresh_demo: DemoTill) -> None:
    """An approval id in the journal is the audit trail of a privileged act: it must name an
    approval the engine checked and consumed for that very operation, never whatever the caller
    passed. Today an operation whose policy needs no approval (blocking a card, a small sale)
    writes a made-up approval id into its entries unchecked."""
    till, cashier = fresh_demo, fresh_demo.staff["1001"]
    made_up = new_id()
    for call in (
        lambda: till.loyalty.set_card_status(
            new_id(), cashier, till.cards["gold"], "blocked", "test", approval_id=made_up
        ),
        lambda: till.loyalty.checkout(
            new_id(), cashier, till.cards["member"], 10_000, approval_id=made_up
        ),
    ):
        try:
            call()
        except LoyaltyError:
            pass  # refusing the unknown approval is a correct answer too
    with till.store.read() as s:
        recorded = s.scalars(
            select(JournalEntry.operation_id).where(JournalEntry.approval_id == made_up)
        ).all()
    assert not recorded, f"journal records an approval nobody gave, ops {sorted(set(recorded))}"


# ---- the hash chain ------------------------------------------------------------------------

TRIGGERS = ("journal_no_update", "journal_no_delete")


def _behind_triggers(till: DemoTill, *statements: tuple[str, tuple[Any, ...]]) -> None:
    """What someone with the file and the sqlite3 shell can do: drop, tamper, recreate."""
    with sqlite3.connect(till.store.path) as conn:
        ddl = {
            name: sql
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='trigger'"
            )
        }
        for name in TRIGGERS:
            conn.execute(f"DROP TRIGGER {name}")
        for sql, params in statements:
            conn.execute(sql, params)
        for name in TRIGGERS:
            conn.execute(ddl[name])


def _entries(till: DemoTill) -> list[JournalEntry]:
    with till.store.read() as s:
        return list(s.scalars(select(JournalEntry).order_by(JournalEntry.seq)))


def test_triggers_refuse_update_and_delete(fresh_demo: DemoTill) -> None:
    with sqlite3.connect(fresh_demo.store.path) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE journal SET amount = amount + 1 WHERE seq = 5")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM journal WHERE seq = 5")
    assert verify_store(fresh_demo.store) == []


def test_dropped_trigger_is_reported(fresh_demo: DemoTill) -> None:
    with sqlite3.connect(fresh_demo.store.path) as conn:
        conn.execute("DROP TRIGGER journal_no_delete")
    assert verify_store(fresh_demo.store) == ["append-only trigger journal_no_delete is missing"]


def test_chain_detects_an_edit(fresh_demo: DemoTill) -> None:
    target = next(e for e in _entries(fresh_demo) if e.kind == "earn")
    _behind_triggers(
        fresh_demo, ("UPDATE journal SET amount = amount * 10 WHERE id = ?", (target.id,))
    )
    problems = verify_store(fresh_demo.store)
    assert any(target.id in p and "altered" in p for p in problems), problems


def test_chain_detects_an_edit_with_its_hash_recomputed(fresh_demo: DemoTill) -> None:
    """A forger who knows the hash function fixes the entry's own hash: the next link breaks."""
    entries = _entries(fresh_demo)
    i, target = next((i, e) for i, e in enumerate(entries) if e.kind == "earn")
    wire = {c: getattr(target, c) for c in JournalEntry.__table__.columns.keys()}
    wire["amount"] = target.amount * 10
    forged = entry_hash(wire)
    _behind_triggers(
        fresh_demo,
        (
            "UPDATE journal SET amount = ?, hash = ? WHERE id = ?",
            (wire["amount"], forged, target.id),
        ),
    )
    problems = verify_store(fresh_demo.store)
    assert any(f"seq {entries[i + 1].seq}: chain broken" in p for p in problems), problems


def test_chain_detects_a_deletion(fresh_demo: DemoTill) -> None:
    entries = _entries(fresh_demo)
    target = entries[len(entries) // 2]
    _behind_triggers(fresh_demo, ("DELETE FROM journal WHERE id = ?", (target.id,)))
    problems = verify_store(fresh_demo.store)
    assert any(f"expected {target.seq} got {target.seq + 1}" in p for p in problems), problems
    assert any(f"seq {target.seq + 1}: chain broken" in p for p in problems), problems


def test_chain_detects_a_reordering(fresh_demo: DemoTill) -> None:
    entries = _entries(fresh_demo)
    a, b = entries[10], entries[11]
    _behind_triggers(
        fresh_demo,
        ("UPDATE journal SET seq = -1 WHERE id = ?", (a.id,)),
        ("UPDATE journal SET seq = ? WHERE id = ?", (a.seq, b.id)),
        ("UPDATE journal SET seq = ? WHERE id = ?", (b.seq, a.id)),
    )
    problems = verify_store(fresh_demo.store)
    for moved in (a, b):
        assert any(moved.id in p and "altered" in p for p in problems), problems


# ---- what reaches the logs -----------------------------------------------------------------


def _secrets(cards: dict[str, Any]) -> list[str]:
    numbers: list[str] = [PAYMENT_CARD]
    for value in cards.values():
        if isinstance(value, dict):
            numbers += [v for v in value.values() if isinstance(v, str) and v.isdigit()]
        elif isinstance(value, str) and value.isdigit():
            numbers.append(value)
    return numbers


def _exercise(tmp_path: Path) -> DemoTill:
    """Seed the demo and work the counter: log-ins (right and wrong), sales, a refund, a swipe
    of a payment card, a lost card; every path that might log a number or a PIN."""
    till = open_demo(tmp_path / "till.sqlite3")
    loyalty, cashier, cards = till.loyalty, till.staff["1001"], till.cards
    for code, pin in DEMO_PINS.items():
        loyalty.authenticate(code=code, pin=pin)
        with pytest.raises(LoyaltyError):
            loyalty.authenticate(code=code, pin="0000")
    # Issue 13: a supervisor's card needs the PIN as well (card = have, PIN = know).
    loyalty.authenticate(card_number=cards["staff"]["2001"], pin=DEMO_PINS["2001"])
    sale = loyalty.checkout(new_id(), cashier, cards["gold"], 800_000, points_to_redeem=100)
    approval = loyalty.approve(
        "refund", {"value": 800_000}, cashier, code="2001", pin=DEMO_PINS["2001"],
        for_card=cards["gold"],
    )
    loyalty.refund(new_id(), cashier, sale["sale_id"], approval_id=approval, reason="trả hàng")
    loyalty.top_up(new_id(), cashier, cards["prepaid"], 200_000)
    for swipe in (PAYMENT_CARD, f";{PAYMENT_CARD}=2812101?"):
        with pytest.raises(LoyaltyError):
            loyalty.checkout(new_id(), cashier, swipe, 100_000)
        with pytest.raises(LoyaltyError):
            loyalty.customer_view(swipe)
    approval = loyalty.approve(
        "replace_card", {"value": 1}, cashier, code="3001", pin=DEMO_PINS["3001"],
        for_card=cards["member"],
    )
    loyalty.replace_card(new_id(), cashier, cards["member"], "mất thẻ", approval_id=approval)
    return till


def _assert_clean(text: str, cards: dict[str, Any], where: str) -> None:
    assert text is not None
    for number in _secrets(cards):
        assert number not in re.sub(r"[\s-]", "", text), f"{where}: card •••{number[-4:]} logged"
    for pin in DEMO_PINS.values():
        assert not re.search(rf"(?<![0-9A-Za-z]){pin}(?![0-9A-Za-z])", text), f"{where}: PIN"


@pytest.fixture
def debug_file_log(tmp_path: Path) -> Any:
    path = tmp_path / "debug.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    yield path
    root.removeHandler(handler)
    handler.close()


def test_no_card_number_or_pin_in_debug_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, debug_file_log: Path
) -> None:
    """The cashier program at DEBUG (root logger) logs no card number and no PIN."""
    caplog.set_level(logging.DEBUG)
    till = _exercise(tmp_path)
    try:
        assert caplog.records, "nothing was logged: the capture is not working"
        _assert_clean(caplog.text, till.cards, "caplog")
        _assert_clean(debug_file_log.read_text(encoding="utf-8"), till.cards, "debug.log")
    finally:
        till.store.close()


def test_payment_card_and_pin_not_in_sql_debug_logs(tmp_path: Path) -> None:
    """With SQL logging switched on to diagnose a till (sqlalchemy.engine at DEBUG), a swiped
    payment card must still appear nowhere: DESIGN.md says "never logged or stored, not even in
    debug logs". Only the payment card and the PINs are checked here; our own card numbers are
    ordinary query parameters. The SQL log goes to a file only (not propagated), so a failure
    does not print thousands of captured lines."""
    path = tmp_path / "sql.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    sql = logging.getLogger("sqlalchemy.engine")
    old_level, old_propagate = sql.level, sql.propagate
    sql.addHandler(handler)
    sql.setLevel(logging.DEBUG)
    sql.propagate = False
    try:
        till = _exercise(tmp_path)
        till.store.close()
    finally:
        sql.removeHandler(handler)
        sql.setLevel(old_level)
        sql.propagate = old_propagate
        handler.close()
    logged = path.read_text(encoding="utf-8")
    assert "SELECT" in logged, "SQL logging did not switch on: the test proves nothing"
    _assert_clean(logged, {"payment": PAYMENT_CARD}, "SQL debug log")


def test_a_supervisor_card_needs_the_pin_and_lockouts_escalate(
    fresh_demo: DemoTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: card + PIN for supervisors and managers; each lock-out in a row lasts longer
    (5 min, 15 min, 1 h ...), so guesses per day fall from ~1,440 to a few dozen."""
    loyalty, card = fresh_demo.loyalty, fresh_demo.cards["staff"]["2001"]
    with pytest.raises(LoyaltyError) as needs:
        loyalty.authenticate(card_number=card)
    assert needs.value.code == "pin.required"
    with pytest.raises(LoyaltyError) as needs:
        loyalty.approve("refund", {}, fresh_demo.staff["1001"], card_number=card)
    assert needs.value.code == "pin.required"
    with pytest.raises(LoyaltyError) as wrong:
        loyalty.authenticate(card_number=card, pin="0000")
    assert wrong.value.code == "pin.wrong"
    assert loyalty.authenticate(card_number=card, pin=DEMO_PINS["2001"])["code"] == "2001"
    rules = loyalty.rules().data
    max_failures, base = int(rules["pin_max_failures"]), int(rules["pin_lockout_seconds"])
    now = [utcnow()]
    monkeypatch.setattr(staff_module, "utcnow", lambda: now[0])
    for expected in (base, 3 * base, 12 * base, 48 * base):
        for _ in range(max_failures):
            with pytest.raises(LoyaltyError):
                loyalty.authenticate(code="2001", pin="0000")
        now[0] += timedelta(seconds=expected - 5)
        with pytest.raises(LoyaltyError) as locked:
            loyalty.authenticate(code="2001", pin=DEMO_PINS["2001"])
        assert locked.value.code == "staff.locked"
        now[0] += timedelta(seconds=10)
    assert loyalty.authenticate(code="2001", pin=DEMO_PINS["2001"])["code"] == "2001"
    # A right PIN resets the ladder: the next lock-out is the short one again.
    for _ in range(max_failures):
        with pytest.raises(LoyaltyError):
            loyalty.authenticate(code="2001", pin="0000")
    now[0] += timedelta(seconds=base + 5)
    assert loyalty.authenticate(code="2001", pin=DEMO_PINS["2001"])["code"] == "2001"


def test_unknown_staff_codes_cost_the_same_as_known_ones(fresh_demo: DemoTill) -> None:
    import time

    loyalty = fresh_demo.loyalty

    def timed(code: str) -> float:
        start = time.perf_counter()
        with pytest.raises(LoyaltyError):
            loyalty.authenticate(code=code, pin="0000" if code == "9876" else DEMO_PINS[code])
        return time.perf_counter() - start

    loyalty.authenticate(code="1001", pin=DEMO_PINS["1001"])
    unknown = min(timed("9876") for _ in range(5))
    # A wrong PIN for a known code (then the right one, so it never locks).
    known = []
    for _ in range(3):
        start = time.perf_counter()
        with pytest.raises(LoyaltyError):
            loyalty.authenticate(code="1001", pin="0000")
        known.append(time.perf_counter() - start)
        loyalty.authenticate(code="1001", pin=DEMO_PINS["1001"])
    assert unknown > 0.5 * min(known)  # both pay one Argon2 check (tens of ms)
