"""Head office runs the till's projection rules: same meaning, same state-ordering key."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from loyalty_core.projection import state_key
from sync.headoffice import schema
from sync.headoffice.services.projection import project
from tests.sync.conftest import HeadOfficeEnv

T1, T2, T3 = ("2026-11-25T08:00:00.000000Z", "2026-11-25T09:00:00.000000Z",
              "2026-11-25T10:00:00.000000Z")


def entry(till: str, seq: int, at: str, kind: str, payload: dict[str, Any],
          card_id: str | None = None, reason: str | None = None) -> dict[str, Any]:
    return {"id": f"{till}-{seq}", "till_id": till, "seq": seq, "created_at": at, "kind": kind,
            "card_id": card_id, "account": None, "amount": 0, "operation_id": f"op-{till}-{seq}",
            "sale_id": None, "staff_id": None, "approval_id": None, "rule_version": 1,
            "reason": reason, "payload": payload, "prev_hash": "0" * 64, "hash": "x"}


def journal(member: str, card: str) -> list[dict[str, Any]]:
    return [
        entry("till-a", 1, T1, "member.enroll",
              {"member": {"id": member, "name": "Lê Văn Tám", "tier_id": "silver"}}),
        entry("till-a", 2, T1, "card.issue",
              {"id": card, "number": "9704000000000018", "kind": "member", "status": "active",
               "member_id": member}, card_id=card),
        # Same moment at two tills: the till id decides, as on every till (b > a).
        entry("till-b", 1, T2, "card.status", {"status": "closed"}, card, "moved away"),
        entry("till-a", 3, T2, "card.status", {"status": "blocked"}, card, "lost"),
        entry("till-a", 4, T3, "tier.change", {"member_id": member, "from": "silver",
                                               "to": "gold"}, card),
        entry("till-b", 2, T1, "tier.change", {"member_id": member, "to": "bronze"}, card),
        entry("till-a", 5, T3, "sv.topup", {}, card) | {"account": "stored_value",
                                                        "amount": 50_000},
    ]


@pytest.mark.parametrize("order", ["one batch", "one by one", "reversed", "reversed batch"])
def test_state_converges_whatever_the_arrival(head_office: HeadOfficeEnv, order: str) -> None:
    member, card = f"m-{order}", f"c-{order}"
    entries = journal(member, card)
    # Enrolment and issue come first everywhere (a till changes only a card it has pulled);
    # the changes after them may arrive in any order.
    made, changes = entries[:2], entries[2:]
    batches = {
        "one batch": [entries],
        "one by one": [[e] for e in entries],
        "reversed": [made] + [[e] for e in reversed(changes)],
        "reversed batch": [made + list(reversed(changes))],
    }[order]
    ho = head_office.ho
    for batch in batches:
        with ho.engine.begin() as conn:
            project(ho.ctx, conn, batch)
    with ho.engine.connect() as conn:
        c = conn.execute(select(schema.cards).where(schema.cards.c.id == card)).one()
        m = conn.execute(select(schema.members).where(schema.members.c.id == member)).one()
        balance = conn.execute(select(schema.balances.c.amount).where(
            schema.balances.c.card_id == card)).scalar_one()
    assert (c.status, c.status_reason, c.member_id) == ("closed", "moved away", member)
    assert c.status_key == state_key(entries[2]) and c.status_at == T2
    assert (m.tier, m.tier_key, m.tier_at) == ("gold", state_key(entries[4]), T3)
    assert m.name == "Lê Văn Tám" and balance == 50_000


def test_head_office_state_answers_every_projection_step() -> None:
    """A rule added to the shared projection (a new DerivedState step) must be given a meaning
    at head office too, or the first push of that kind would fail there."""
    from loyalty_core.projection import DerivedState
    from loyalty_core.tillstate import SqliteState
    from sync.headoffice.services.projection import HeadOfficeState

    steps = {n for n, v in vars(DerivedState).items() if callable(v) and not n.startswith("_")}
    assert steps, "the protocol lists its steps"
    for state in (HeadOfficeState, SqliteState):
        missing = sorted(n for n in steps if not callable(getattr(state, n, None)))
        assert missing == [], f"{state.__name__} lacks {missing}"
