"""Two tills offline change one card; after sync both tills and head office agree."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from loyalty_core.ids import new_id
from loyalty_core.models import Card
from loyalty_core.verify import verify_store
from sync.headoffice import schema
from tests.sync.conftest import HeadOfficeEnv, Till


def till_status(till: Till, number: str) -> str:
    with till.store.read() as s:
        return str(s.scalars(select(Card.status).where(Card.number == number)).one())


def ho_status(env: HeadOfficeEnv, card_id: str) -> str:
    with env.ho.engine.connect() as conn:
        return str(conn.execute(select(schema.cards.c.status).where(
            schema.cards.c.id == card_id)).scalar_one())


@pytest.mark.parametrize("first", ["a", "b"])
def test_block_then_close_offline_converges(two_tills: tuple[Till, Till],
                                            head_office: HeadOfficeEnv, first: str) -> None:
    a, b = two_tills
    enrolled = a.loyalty.enroll_member(new_id(), a.cashier, "Phạm Thu Trang")
    number, card_id = str(enrolled["card_number"]), str(enrolled["card_id"])
    a.worker.sync_once()
    b.worker.sync_once()
    assert till_status(b, number) == "active"
    head_office.server.stop()
    a.loyalty.set_card_status(new_id(), a.supervisor, number, "blocked", "reported lost")
    b.loyalty.set_card_status(new_id(), b.supervisor, number, "closed", "customer moved away")
    head_office.server.start()
    order = (a, b, a) if first == "a" else (b, a, b)
    for till in order:
        till.worker.sync_once()
    assert till_status(a, number) == "closed"
    assert till_status(b, number) == "closed"
    assert ho_status(head_office, card_id) == "closed"
    for till in (a, b):
        assert verify_store(till.store) == []
        report = till.worker.reconcile()
        assert report.differences == [], report.differences
