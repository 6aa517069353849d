"""Phones in E.164 however typed, and member search by phone tail and accent-free name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.store import Store, alembic_config
from tests.loyalty_core.conftest import Shop

FORMS = ("0912 345 678", "+84912345678", "84 912 345 678", "+84 (912) 345-678", "0912.345.678")


def enrol(shop: Shop, name: str, phone: str | None) -> dict[str, str]:
    return shop.loyalty.enroll_member(new_id(), shop.cashier, name, phone=phone)


@pytest.mark.parametrize("typed", FORMS)
def test_every_form_is_stored_as_e164_and_finds_the_member(shop: Shop, typed: str) -> None:
    r = enrol(shop, "Trần Thị Bích", typed)
    with shop.store.read() as s:
        stored = s.connection().exec_driver_sql("SELECT phone FROM members").scalar()
    assert stored == "+84912345678"
    for form in FORMS:
        assert [c["number"] for c in shop.loyalty.find_by_phone(form)] == [r["card_number"]]


@pytest.mark.parametrize("other", FORMS)
def test_the_same_number_in_another_form_is_a_duplicate(shop: Shop, other: str) -> None:
    enrol(shop, "Trần Thị Bích", "0912345678")
    with pytest.raises(LoyaltyError) as err:
        enrol(shop, "Lê Văn Hùng", other)
    assert err.value.code == "member.phone_taken"


@pytest.mark.parametrize("junk", ["1", "²³⁴⁵⁶⁷⁸⁹⁰", "٠٩١٢٣٤٥٦٧٨", "0912", "9" * 40, "abc"])
def test_junk_phone_numbers_are_refused(shop: Shop, junk: str) -> None:
    with pytest.raises(LoyaltyError) as err:
        enrol(shop, "Trần Thị Bích", junk)
    assert err.value.code == "member.bad_phone"


def test_search_by_the_last_digits_and_by_the_whole_number(shop: Shop) -> None:
    a = enrol(shop, "Nguyễn Thị Lan", "0912345678")
    enrol(shop, "Nguyễn Văn An", "0987000111")
    for typed in ("345678", "2345678", "0912 345 678", "+84912345678"):
        found = shop.loyalty.search_members(typed)
        assert [m["id"] for m in found] == [a["member_id"]], typed
    hit = shop.loyalty.search_members("345678")[0]
    assert hit["name"] == "Nguyễn Thị Lan"
    assert hit["phone"] == "0912 345 678"
    assert hit["tier"] == "Thành viên"
    assert hit["cards"] == [
        {"number": "•••• " + a["card_number"][-4:], "kind": "member", "status": "active"}
    ]
    assert shop.loyalty.search_members("999999") == []


def test_search_by_name_ignores_accents_and_case(shop: Shop) -> None:
    lan = enrol(shop, "Nguyễn Thị Lan", None)
    an = enrol(shop, "Nguyễn Văn An", None)
    enrol(shop, "Đặng Thu Hà", None)
    assert [m["id"] for m in shop.loyalty.search_members("nguyen thi")] == [lan["member_id"]]
    assert {m["id"] for m in shop.loyalty.search_members("NGUYEN")} == {
        lan["member_id"],
        an["member_id"],
    }
    assert [m["name"] for m in shop.loyalty.search_members("dang thu")] == ["Đặng Thu Hà"]
    assert len(shop.loyalty.search_members("nguyen", limit=1)) == 1
    assert shop.loyalty.search_members("tran") == []


@pytest.mark.parametrize("bad", ["", " ", "a", "\u202e", "\ud800", 12345678, None])
def test_search_refuses_what_cannot_be_searched(shop: Shop, bad: object) -> None:
    with pytest.raises(LoyaltyError):
        shop.loyalty.search_members(bad)  # type: ignore[arg-type]


def test_search_uses_the_indexes(shop: Shop) -> None:
    enrol(shop, "Nguyễn Thị Lan", "0912345678")
    con = sqlite3.connect(shop.store.path)
    for sql, arg in (
        ("SELECT id FROM members WHERE phone_rev >= ? AND phone_rev < ?", ("876543", "876544")),
        ("SELECT id FROM members WHERE name_key >= ? AND name_key < ?", ("nguyen", "nguyeo")),
    ):
        plan = " ".join(str(r) for r in con.execute("EXPLAIN QUERY PLAN " + sql, arg))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    con.close()


def test_migration_0004_rewrites_old_phones(tmp_path: Path) -> None:
    """Members enrolled before E.164 (phones stored as typed) are rewritten by 0004; a number
    that does not parse stays as it was, and both get their search keys."""
    path = tmp_path / "till.sqlite3"
    from tests.loyalty_core.conftest import make_shop

    shop = make_shop(path)
    a = enrol(shop, "Nguyễn Thị Lan", "0912345678")
    b = enrol(shop, "Lê Văn Hùng", "0987000111")
    shop.store.close()
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE members SET phone = '0912345678' WHERE id = ?", (a["member_id"],))
    con.execute("UPDATE members SET phone = '1' WHERE id = ?", (b["member_id"],))
    con.commit()
    con.close()
    store = Store.open(path)
    con = sqlite3.connect(path)
    rows = dict(con.execute("SELECT id, phone FROM members"))
    keys = dict(con.execute("SELECT id, name_key FROM members"))
    con.close()
    assert rows[a["member_id"]] == "+84912345678"
    assert rows[b["member_id"]] == "1"
    assert keys[a["member_id"]] == "nguyen thi lan"
    from loyalty_core.engine import Loyalty

    assert [m["id"] for m in Loyalty(store).search_members("345678")] == [a["member_id"]]
    store.close()


def test_find_by_phone_takes_the_last_digits_too(shop: Shop) -> None:
    r = enrol(shop, "Nguyễn Thị Lan", "0912345678")
    assert [c["number"] for c in shop.loyalty.find_by_phone("345678")] == [r["card_number"]]
    assert shop.loyalty.find_by_phone("999999") == []
    with pytest.raises(LoyaltyError) as err:
        shop.loyalty.find_by_phone("12345")
    assert err.value.code == "lookup.phone_short"
