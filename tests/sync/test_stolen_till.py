"""Acceptance for least data per till (issue 13): after a full demo run with two stores, a copy
of one till's database files (the database, its -wal and -shm) holds none of the other store's
staff PIN hashes or staff-card UIDs, member names, phones or e-mails, nor full card numbers; and
every database and key file is 0600.

The demo launcher runs as the cashier program runs it (`sync.till.demo`: head office in a child
process, store `main`); the second store's till enrols at the same head office with a code for
store `q2`, as a real second shop would.
"""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import select

from loyalty_core import memberkeys
from loyalty_core.cardkeys import is_keyed
from loyalty_core.demo import STAFF, seed_demo
from loyalty_core.engine import Loyalty
from loyalty_core.ids import new_id
from loyalty_core.models import Card, Member, Staff, Tier
from loyalty_core.staff import hash_pin
from loyalty_core.store import Store
from loyalty_core.tillkey import key_path
from loyalty_core.verify import verify_store
from sync.headoffice.db import make_engine
from sync.headoffice.office import HeadOffice
from sync.till.demo import head_office_path, start_demo_head_office
from sync.till.registration import client_for, register_till
from sync.till.worker import SyncWorker
from sync.wire.models import StaffOut, TierOut

Q2_MEMBERS = (
    ("Khổng Diệu Thuỳ", "0938111222", "dieuthuy.khong@example.vn"),
    ("Quách Bảo Ngọc", "0977333444", "baongoc.quach@example.vn"),
    ("Âu Dương Khải", "0909555666", "khai.audu@example.vn"),
)


def files_of(db: Path) -> list[Path]:
    return [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]


def copied(db: Path) -> bytes:
    """What someone copying the till's database files reads."""
    return b"".join(p.read_bytes() for p in files_of(db))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def personal(store: Store) -> tuple[set[str], set[str]]:
    """(personal data, card numbers) a till holds in clear, as the strings that would leak."""
    texts: set[str] = set()
    numbers: set[str] = set()
    with store.read() as s:
        for m in s.scalars(select(Member)):
            if m.name:
                texts |= {m.name, str(memberkeys.name_key(m.name))}
            for value in (m.phone, m.email, m.birthday):
                if value:
                    texts.add(value)
            if m.phone:
                texts.add("0" + m.phone[3:] if m.phone.startswith("+84") else m.phone)
                texts.add(str(memberkeys.phone_rev(m.phone)))
        for c in s.scalars(select(Card)):
            if not is_keyed(c.number):
                numbers.add(c.number)
            if c.uid:
                numbers.add(c.uid)
    return texts, numbers


def leaks(data: bytes, secrets: set[str]) -> list[str]:
    return sorted(x for x in secrets if x and x.encode() in data)


def test_a_copied_till_database_holds_nothing_of_the_other_store(tmp_path: Path) -> None:
    main_db = tmp_path / "main" / "demo.sqlite3"
    q2_db = tmp_path / "q2" / "till.sqlite3"
    main = Store.open(main_db)
    served = start_demo_head_office(main)
    ho_engine = make_engine(f"sqlite:///{head_office_path(main_db)}")
    q2 = Store.open(q2_db)
    try:
        ho = HeadOffice(ho_engine)
        main_manager = ("8101", hash_pin("8101"), "04C18101AAAA01")
        q2_cashier, q2_manager = new_id(), new_id()
        q2_staff = {
            q2_cashier: ("9101", hash_pin("4321"), "04D19101BBBB01"),
            q2_manager: ("9201", hash_pin("8765"), "04D19201BBBB02"),
        }
        ho.set_staff(StaffOut(id=new_id(), code=main_manager[0], name="Quản lý Q1",
                              role="manager", pin_hash=main_manager[1],
                              card_number=main_manager[2], active=True, store_id="main"))
        for sid, (code, pin_hash, uid) in q2_staff.items():
            ho.set_staff(StaffOut(id=sid, code=code, name=f"Nhân viên Q2 {code}",
                                  role="cashier" if code == "9101" else "manager",
                                  pin_hash=pin_hash, card_number=uid, active=True,
                                  store_id="q2"))
        q2_client = register_till(q2, served.wait_ready(),
                                  ho.create_enrolment_code("q2").code, "Quầy Q2")
        q2_worker = SyncWorker(q2, q2_client, reconcile_at=None)
        q2_worker.sync_once()  # its staff
        shop = Loyalty(q2)
        shift = shop.open_shift(new_id(), q2_cashier, 1_000_000)["shift_id"]

        # The demo shop's day, then head office takes over the chain's tiers it made.
        demo_cards = seed_demo(main, members=8)
        with main.read() as s:
            for tier in s.scalars(select(Tier)):
                ho.set_tier(TierOut(id=tier.id, code=tier.code, name=tier.name, rank=tier.rank,
                                    threshold=tier.threshold,
                                    earn_multiplier_pct=tier.earn_multiplier_pct,
                                    discount_bp=tier.discount_bp,
                                    birthday_points=tier.birthday_points))
        main_client = client_for(main)
        assert main_client is not None
        main_worker = SyncWorker(main, main_client, reconcile_at=None)
        main_worker.sync_once()
        q2_worker.sync_once()

        # The second store does its own business: members, a prepaid card, sales.
        q2_cards = []
        for name, phone, email in Q2_MEMBERS:
            r = shop.enroll_member(new_id(), q2_cashier, name, phone=phone,
                                   birthday="1988-08-08", email=email)
            shop.checkout(new_id(), q2_cashier, r["card_number"], 240_000, shift_id=shift)
            q2_cards.append(r["card_number"])
        prepaid = shop.issue_card(new_id(), q2_cashier, "prepaid", activate=True)
        shop.top_up(new_id(), q2_cashier, prepaid["number"], 300_000, shift_id=shift)
        for worker in (q2_worker, main_worker, q2_worker, main_worker):
            worker.sync_once()
        assert q2_worker.snapshot().quarantined == 0 and q2_worker.snapshot().refused == 0

        # Each till still recognises the other store's cards, with their balances.
        view = Loyalty(main).customer_view(prepaid["number"])
        assert view["balances"]["stored_value"] == 300_000
        assert view["number"] == prepaid["number"]
        assert Loyalty(q2).customer_view(demo_cards["gold"])["member"]["withheld"] is True
        assert verify_store(main) == [] and verify_store(q2) == []

        main_texts, main_numbers = personal(main)
        q2_texts, q2_numbers = personal(q2)
        with main.read() as s:
            main_staff = {st.pin_hash for st in s.scalars(select(Staff)) if st.pin_hash}
        main_uids = {uid for *_rest, uid in STAFF if uid} | {main_manager[2]}
        main_staff.add(main_manager[1])
        q2_secrets = {h for _c, h, _u in q2_staff.values()} | {u for *_x, u in q2_staff.values()}
        assert {name for name, _p, _e in Q2_MEMBERS} <= q2_texts
        assert set(q2_cards) | {prepaid["number"]} <= q2_numbers
        assert len(main_numbers) >= 8 and len(main_texts) >= 8
        # Neither the open databases (WAL included) ...
        for _ in range(2):
            assert leaks(copied(q2_db), main_texts | main_numbers | main_staff | main_uids) == []
            assert leaks(copied(main_db), q2_texts | q2_numbers | q2_secrets) == []
            q2_client.close()
            main_client.close()
            q2.close()
            main.close()  # ... nor the files once closed and checkpointed
        # Each till's own store's data is there: the grep finds what it looks for.
        assert leaks(copied(q2_db), q2_texts | set(q2_cards)) != []
        assert leaks(copied(main_db), {demo_cards["gold"]}) == [demo_cards["gold"]]
    finally:
        served.stop()
        ho_engine.dispose()
    for db in (main_db, q2_db, head_office_path(main_db)):
        for path in files_of(db):
            assert mode(path) == 0o600, path
    master_key = Path(f"{head_office_path(main_db)}.master-key")
    for key in (key_path(main_db), key_path(q2_db), master_key):
        assert mode(key) == 0o600, key
    assert mode(main_db.parent) == 0o700 and mode(q2_db.parent) == 0o700
