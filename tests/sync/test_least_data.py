"""Least data per till (issue 13), against a real head office on SQLite and PostgreSQL.

A till of another store recognises a card and its balance but holds none of its member's
personal data and not its number, until the member is seen at that store; head office's online
lookup answers the counter meanwhile, scoped and rate-limited per till.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from loyalty_core.cardkeys import is_keyed, keyed, mask_stored
from loyalty_core.cardnumbers import mask
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.models import Card, Member
from loyalty_core.verify import verify_store
from sync.headoffice.services import hokeys, lookup
from sync.till import lookup as till_lookup
from sync.till.client import Refused
from sync.wire.models import StaffOut
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, open_counter

PHONE = "0912345678"
E164 = "+84912345678"
EMAIL = "lan.nguyen@example.vn"
NAME = "Nguyễn Thị Lan Anh"


@pytest.fixture
def stores(tmp_path: Path, head_office: HeadOfficeEnv) -> Iterator[tuple[Till, Till]]:
    """Till `home` at store-q1, till `away` at store-q2; each with an open shift."""
    home = make_till(tmp_path, "home", head_office, store_id="store-q1")
    away = make_till(tmp_path, "away", head_office, store_id="store-q2")
    for till in (home, away):
        till.worker.sync_once()
        open_counter(till)
    try:
        yield home, away
    finally:
        home.close()
        away.close()


def enrol(till: Till) -> dict[str, str]:
    return till.loyalty.enroll_member(new_id(), till.cashier, NAME, phone=PHONE,
                                      birthday="1990-03-14", email=EMAIL)


def sync_all(*tills: Till) -> None:
    for _ in range(2):
        for till in tills:
            till.worker.sync_once()


def test_another_stores_member_is_recognised_without_personal_data(
    stores: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    home, away = stores
    member = enrol(home)
    number = member["card_number"]
    sync_all(home, away)

    with away.store.read() as s:
        row = s.get(Member, member["member_id"])
        card = s.get(Card, member["card_id"])
    assert row is not None and (row.name, row.phone, row.birthday, row.email) == ("", None,
                                                                                 None, None)
    assert card is not None and is_keyed(card.number) and number not in card.number
    assert mask_stored(card.number) == mask(number)  # •••• 1234 still
    # The swiped card is still found, with its balance; the member's data is withheld.
    view = away.loyalty.customer_view(number)
    assert view["card_id"] == member["card_id"] and view["number"] == number
    assert view["masked"].endswith(number[-4:])
    assert view["member"]["withheld"] is True and view["member"]["name"] == ""
    # Nor does a phone search find them here.
    assert away.loyalty.find_by_phone(PHONE) == []
    # Its number is still taken here: issuing it again as a new card is refused.
    with pytest.raises(LoyaltyError) as taken:
        away.loyalty.enroll_member(new_id(), away.cashier, "Hồ Văn Tư", card_number=number)
    assert taken.value.code == "card.in_use"
    # At its own store everything is whole.
    with home.store.read() as s:
        assert s.get(Member, member["member_id"]).phone == E164  # type: ignore[union-attr]
    assert verify_store(away.store) == [] and verify_store(home.store) == []
    # No trace of the personal data or the number anywhere in the other store's till database.
    with away.store.read() as s:
        dump = "\n".join(s.connection().connection.iterdump())  # type: ignore[attr-defined]
    for secret in (NAME, E164, PHONE, EMAIL, "1990-03-14", number):
        assert secret not in dump


def test_online_lookup_shows_the_member_and_is_rate_limited(
    stores: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    home, away = stores
    member = enrol(home)
    sync_all(home, away)
    view = till_lookup.customer_view(away.loyalty, away.client, member["card_number"])
    assert view["member"]["name"] == NAME and view["member"]["online"] is True
    assert view["member"]["phone"] == E164 and view["member"]["withheld"] is False
    rows = till_lookup.find_by_phone(away.loyalty, away.client, PHONE)
    assert [(r["member_id"], r["name"], r["number"]) for r in rows] == [
        (member["member_id"], NAME, None)]
    assert rows[0]["masked"].endswith(member["card_number"][-4:])
    # Shown, not stored: the till database still has nothing of it.
    with away.store.read() as s:
        assert s.get(Member, member["member_id"]).name == ""  # type: ignore[union-attr]
    # Offline: the card and its balance, no personal data, no error.
    offline = till_lookup.customer_view(away.loyalty, None, member["card_number"])
    assert offline["member"]["withheld"] is True
    # Rate-limited per till, and every lookup recorded.
    for _ in range(lookup.RATE_LIMIT - 2):
        away.client.lookup(number=member["card_number"])
    with pytest.raises(Refused) as refused:
        away.client.lookup(number=member["card_number"])
    assert refused.value.status == 429 and refused.value.code == "lookup.rate_limited"
    home.client.lookup(number=member["card_number"])  # another till has its own allowance
    with head_office.ho.engine.connect() as conn:
        asked = conn.execute(text("SELECT count(*) FROM lookups WHERE till_id = :t"),
                             {"t": away.store.till_id}).scalar()
    assert asked == lookup.RATE_LIMIT
    # An exact key only: no partial phone, nothing without a key.
    with pytest.raises(Refused):
        home.client.lookup()


def test_a_member_seen_at_the_store_arrives_whole(
    stores: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    home, away = stores
    member = enrol(home)
    other = home.loyalty.enroll_member(new_id(), home.cashier, "Trần Văn Bình",
                                       phone="0987654321")
    sync_all(home, away)
    away.loyalty.checkout(new_id(), away.cashier, member["card_number"], 50_000)
    sync_all(away, home)
    with away.store.read() as s:
        row = s.get(Member, member["member_id"])
        unseen = s.get(Member, other["member_id"])
        card_number = s.get(Card, member["card_id"]).number  # type: ignore[union-attr]
    assert row is not None and (row.name, row.phone, row.email) == (NAME, E164, EMAIL)
    assert unseen is not None and unseen.name == "" and unseen.phone is None
    assert is_keyed(card_number)  # the card stays keyed: it is another store's card
    # Found by phone now, but the card (another store's) must be presented: no number here.
    assert [(r["member_id"], r["number"], r["masked"][-4:])
            for r in away.loyalty.find_by_phone(PHONE)] == [
        (member["member_id"], None, member["card_number"][-4:])]
    assert verify_store(away.store) == []
    # A new till of the same store pulling from scratch gets the seen member whole too.
    late = make_till(Path(away.store.path).parent, "late", head_office, store_id="store-q2")
    try:
        late.worker.sync_once()
        with late.store.read() as s:
            assert s.get(Member, member["member_id"]).name == NAME  # type: ignore[union-attr]
            assert s.get(Member, other["member_id"]).name == ""  # type: ignore[union-attr]
        assert verify_store(late.store) == []
    finally:
        late.close()


def test_no_other_stores_staff_secrets_and_the_chain_key_matches(
    stores: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    home, away = stores
    from loyalty_core.staff import hash_pin

    pin_hash = hash_pin("9182")
    head_office.ho.set_staff(StaffOut(id=new_id(), code="7001", name="Q1 quản lý",
                                      role="manager", pin_hash=pin_hash,
                                      card_number="04A1B2C3D4E5F6", active=True,
                                      store_id="store-q1"))
    sync_all(home, away)
    with away.store.read() as s:
        hashes = set(s.scalars(select(text("pin_hash")).select_from(text("staff"))))
        uids = set(s.scalars(select(text("card_number")).select_from(text("staff"))))
    assert pin_hash not in hashes and "04A1B2C3D4E5F6" not in uids
    with home.store.read() as s:
        assert pin_hash in set(s.scalars(select(text("pin_hash")).select_from(text("staff"))))
    # The till's chain key is head office's: a keyed number computed on either side matches.
    assert away.loyalty.core.chain_key() == hokeys.chain_key(head_office.ho.ctx.master_key)
    assert keyed("8801000000000001", hokeys.chain_key(head_office.ho.ctx.master_key)) == keyed(
        "8801000000000001", str(away.loyalty.core.chain_key()))


def test_the_visibility_rule_for_one_member(
    stores: tuple[Till, Till], head_office: HeadOfficeEnv
) -> None:
    """`member_visible`: what a new till's snapshot asks, the same rule as the pull's."""
    from sync.headoffice.services import visibility

    home, away = stores
    member = enrol(home)
    referred = home.loyalty.enroll_member(new_id(), home.cashier, "Đinh Thị Hoa",
                                          referrer_id=member["member_id"])
    sync_all(home, away)
    with head_office.ho.engine.connect() as conn:
        assert visibility.member_visible(conn, "store-q1", member["member_id"])
        assert not visibility.member_visible(conn, "store-q2", member["member_id"])
        assert not visibility.member_visible(conn, "store-q2", referred["member_id"])
    away.loyalty.checkout(new_id(), away.cashier, member["card_number"], 30_000)
    sync_all(away)
    with head_office.ho.engine.connect() as conn:
        assert visibility.member_visible(conn, "store-q2", member["member_id"])
        assert not visibility.member_visible(conn, "store-q2", referred["member_id"])
