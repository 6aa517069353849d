"""`verify` replays the journal: every kind of damage it must find, and that it changes nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select

from loyalty_core import syncstore
from loyalty_core.demo import seed_demo
from loyalty_core.ids import new_id
from loyalty_core.journal import last_link
from loyalty_core.models import JournalEntry
from loyalty_core.store import Store, alembic_config
from loyalty_core.verify import EXPECTED_TRIGGERS, verify_path, verify_store
from tests.loyalty_core.conftest import Shop


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo shop, acknowledged by head office up to its last entry, then closed."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    store = Store.open(path)
    seed_demo(store)
    with store.write() as s:
        syncstore.record_ack(s, store.till_id, *last_link(s, store.till_id))
    store.close()
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "till.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{demo_db}{suffix}")
        if src.exists():
            shutil.copy(src, f"{copy}{suffix}")
    yield copy


def sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_a_clean_demo_verifies(db: Path) -> None:
    assert verify_path(db) == []


def test_an_edited_entry(db: Path) -> None:
    sql(
        db,
        "DROP TRIGGER journal_no_update",
        "UPDATE journal SET payload = json_set(payload, '$.cash_due', 1) "
        "WHERE rowid = (SELECT min(rowid) FROM journal WHERE kind = 'sale')",
        EXPECTED_TRIGGERS["journal_no_update"],
    )
    problems = verify_path(db)
    assert any("hash mismatch" in p for p in problems)
    # The replay follows the edited entry, so the sale row no longer matches it either.
    assert any(p.startswith("sales ") and "cash_due" in p for p in problems)


def test_a_deleted_tail(db: Path) -> None:
    sql(
        db,
        "DROP TRIGGER journal_no_delete",
        "DELETE FROM journal WHERE seq > (SELECT max(seq) - 3 FROM journal)",
        EXPECTED_TRIGGERS["journal_no_delete"],
    )
    problems = verify_path(db)
    assert any("entries were deleted" in p for p in problems), problems


def test_a_replaced_acknowledged_entry(db: Path) -> None:
    sql(db, f"UPDATE sync_state SET value = '{'f' * 64}' WHERE key = '{syncstore.ACKED_HASH}'")
    assert any("not the entry head office acknowledged" in p for p in verify_path(db))


def test_a_no_op_trigger(db: Path) -> None:
    sql(
        db,
        "DROP TRIGGER journal_no_update",
        "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT 1; END",
    )
    assert verify_path(db) == ["append-only trigger journal_no_update was replaced: its SQL is "
                               "not ours"]


def test_a_missing_trigger(db: Path) -> None:
    sql(db, "DROP TRIGGER journal_no_delete")
    assert verify_path(db) == ["append-only trigger journal_no_delete is missing"]


FIRST = "rowid = (SELECT min(rowid) FROM {t})"
TAMPER = {
    "balances": ("UPDATE balances SET balance = balance + 5 WHERE " + FIRST, "cached balance"),
    "point_lots": ("UPDATE point_lots SET expires_on = '2099-01-01' WHERE " + FIRST, "expires_on"),
    "members": ("UPDATE members SET tier_id = NULL WHERE " + FIRST, "tier_id"),
    "cards": ("UPDATE cards SET status = 'closed' WHERE status != 'closed' AND " + FIRST,
              "status"),
    "sales": ("UPDATE sales SET cash_due = cash_due + 1 WHERE " + FIRST, "cash_due"),
    "vouchers": ("UPDATE vouchers SET uses = uses + 1 WHERE " + FIRST, "uses"),
    "memberships": ("UPDATE memberships SET ends_on = '2099-12-31' WHERE " + FIRST, "ends_on"),
    "shifts": ("UPDATE shifts SET opening_float = opening_float + 1 WHERE " + FIRST,
               "opening_float"),
    "partner_references": (
        "INSERT INTO partner_references VALUES ('shopee', 'REF-1', 'x')",
        "not made by any journal entry",
    ),
    "approvals": (
        "INSERT INTO approvals VALUES ('a1', 's1', NULL, 'refund', '{}', '2026-01-01', NULL)",
        "not made by any journal entry",
    ),
}


@pytest.mark.parametrize("table", sorted(TAMPER))
def test_a_changed_row_in_each_derived_table(db: Path, table: str) -> None:
    statement, words = TAMPER[table]
    sql(db, statement.replace("{t}", table))
    problems = verify_path(db)
    assert any(words in p for p in problems), problems
    if table == "balances":  # points are lots too: the balance no longer matches them
        assert len(problems) == 2 and "open lots" in problems[1]
    else:
        assert all(p.startswith(f"{table} ") for p in problems), problems


def test_a_deleted_derived_row(db: Path) -> None:
    sql(db, "DELETE FROM sales WHERE rowid = (SELECT min(rowid) FROM sales)")
    problems = verify_path(db)
    assert len(problems) == 1 and "row missing (the journal makes it)" in problems[0]


def test_head_office_columns_are_not_the_journal_s(db: Path) -> None:
    sql(db, "UPDATE cards SET flagged = 'overdrawn' WHERE rowid = 1")
    assert verify_path(db) == []


def test_a_missing_database_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no till database"):
        verify_path(tmp_path / "nope.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_verify_never_migrates_or_writes(db: Path) -> None:
    sql(db, "PRAGMA wal_checkpoint(TRUNCATE)", "UPDATE alembic_version SET version_num = '0002'")
    sql(db, "PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    problems = verify_path(db)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert problems == [f"schema is at revision 0002, not {head}: run `loyalty-core migrate` first"]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_approvals_refunds_transfers_and_shifts_replay_clean(shop: Shop) -> None:
    """Kinds the demo does not write: each one's projection replays to the same rows."""
    loyalty = shop.loyalty
    shift = loyalty.open_shift(new_id(), shop.cashier, 500_000)["shift_id"]
    card = loyalty.enroll_member(new_id(), shop.cashier, "Đỗ Minh Khôi",
                                 card_kind="combined")["card_number"]
    loyalty.top_up(new_id(), shop.cashier, card, 1_000_000, shift_id=shift)
    sale = loyalty.checkout(new_id(), shop.cashier, card, 500_000, shift_id=shift)["sale_id"]
    loyalty.checkout(new_id(), shop.cashier, card, 300_000, points_to_redeem=20,
                     stored_value_to_use=50_000, shift_id=shift)
    approval = loyalty.approve("refund", {"value": 500_000}, shop.cashier, code="2001",
                               pin="5678", for_card=card)
    loyalty.refund(new_id(), shop.cashier, sale, approval_id=approval, shift_id=shift)
    approval = loyalty.approve("replace_card", {"value": 1}, shop.cashier, code="2001",
                               pin="5678", for_card=card)
    loyalty.replace_card(new_id(), shop.cashier, card, "lost", approval_id=approval)
    loyalty.close_shift(new_id(), shop.supervisor, shift)
    with shop.store.read() as s:
        kinds = set(s.scalars(select(JournalEntry.kind)))
    assert {"approval", "refund", "refund.earn", "transfer.in", "shift.close"} <= kinds
    assert verify_store(shop.store) == []
