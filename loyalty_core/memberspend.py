"""Each member's qualifying spend since their cards began, kept on the member's row by triggers.

A sale asks whether the member could reach a higher tier before it sums the tier window's spend
over the member's entries (`tiers.review_upgrade`). The bound it asks is the sum of the
`qualifying_spend` balances of every card of the member. Summed at the sale, it read the
member's other cards and their balances: on a till of 1,000,000 members those pages are cold,
about 150 µs of a checkout. On the member's row, which the sale has just read, it is free.

Triggers keep it, not the projection, so no write path can forget it: a `qualifying_spend`
balance inserted, changed or deleted; a card inserted, deleted or moved to another member; a
member inserted after its cards. Migration 0016 creates them; `verify` creates the same in its
replay database and checks the live ones' SQL, so a total that drifted, or a trigger replaced by
a no-op, is a difference. A bulk load (a joining till's snapshot) drops them, loads, computes
every total in one pass and creates them again, in its one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

COLUMN = "lifetime_qualifying_spend"

_CARD_SPEND = (
    "coalesce((SELECT balance FROM balances WHERE card_id = {card} "
    "AND account = 'qualifying_spend'), 0)"
)
_OWNER = "(SELECT member_id FROM cards WHERE id = {card})"
# Every card of a member: also what migration 0016 fills the column with.
MEMBER_SPEND = (
    "(SELECT coalesce(sum(b.balance), 0) FROM cards c JOIN balances b ON b.card_id = c.id "
    "AND b.account = 'qualifying_spend' WHERE c.member_id = {member})"
)


def _add(amount: str, member: str) -> str:
    return f"UPDATE members SET {COLUMN} = {COLUMN} + ({amount}) WHERE id = {member};"


def _trigger(name: str, when: str, body: str) -> tuple[str, str]:
    return name, f"CREATE TRIGGER {name} {when} BEGIN {body} END"


TRIGGERS: dict[str, str] = dict(
    [
        _trigger(
            "member_spend_balance_insert",
            "AFTER INSERT ON balances "
            "WHEN NEW.account = 'qualifying_spend' AND NEW.balance != 0",
            _add("NEW.balance", _OWNER.format(card="NEW.card_id")),
        ),
        _trigger(
            "member_spend_balance_update",
            "AFTER UPDATE OF balance ON balances "
            "WHEN NEW.account = 'qualifying_spend' AND NEW.balance != OLD.balance",
            _add("NEW.balance - OLD.balance", _OWNER.format(card="NEW.card_id")),
        ),
        _trigger(
            "member_spend_balance_delete",
            "AFTER DELETE ON balances "
            "WHEN OLD.account = 'qualifying_spend' AND OLD.balance != 0",
            _add("-OLD.balance", _OWNER.format(card="OLD.card_id")),
        ),
        _trigger(
            "member_spend_card_insert",
            "AFTER INSERT ON cards WHEN NEW.member_id IS NOT NULL",
            _add(_CARD_SPEND.format(card="NEW.id"), "NEW.member_id"),
        ),
        _trigger(
            "member_spend_card_delete",
            "AFTER DELETE ON cards WHEN OLD.member_id IS NOT NULL",
            _add("-" + _CARD_SPEND.format(card="OLD.id"), "OLD.member_id"),
        ),
        _trigger(
            "member_spend_card_moved",
            "AFTER UPDATE OF member_id ON cards WHEN OLD.member_id IS NOT NEW.member_id",
            _add("-" + _CARD_SPEND.format(card="NEW.id"), "OLD.member_id")
            + " "
            + _add(_CARD_SPEND.format(card="NEW.id"), "NEW.member_id"),
        ),
        _trigger(
            "member_spend_member_insert",
            "AFTER INSERT ON members",
            f"UPDATE members SET {COLUMN} = {MEMBER_SPEND.format(member='NEW.id')} "
            "WHERE id = NEW.id;",
        ),
    ]
)


def install(execute: Callable[[str], object]) -> None:
    """Create the triggers with `execute` (a migration's `op.execute`, a connection's)."""
    for sql in TRIGGERS.values():
        execute(sql)


def drop(execute: Callable[[str], object]) -> None:
    """Before a bulk load (a joining till's snapshot): a trigger per balance and card row cost
    a 1,000,000-member join 27 s of its 120; `recompute` then `install` after it."""
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")


def recompute(execute: Callable[[str], object]) -> None:
    """Every member's total from the balances, in one pass (a sort by member, not a lookup per
    member), after a bulk load into members whose totals are still 0."""
    execute(
        f"UPDATE members SET {COLUMN} = s.total FROM (SELECT c.member_id AS member_id, "
        "sum(b.balance) AS total FROM balances b JOIN cards c ON c.id = b.card_id "
        "WHERE b.account = 'qualifying_spend' AND c.member_id IS NOT NULL "
        "GROUP BY c.member_id) AS s WHERE members.id = s.member_id"
    )
