"""Questions about balances, point lots and the journal's own entries."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.entries import ACCOUNTS, Kind
from loyalty_core.journal import balance_of, balances_of
from loyalty_core.rows import EntryRow, LotRow

__all__ = ["REFUND_EFFECTS", "balance_of", "balances_of"]

# The entries that reverse one effect of a sale (not the `refund` entry itself).
REFUND_EFFECTS: tuple[Kind, ...] = (
    Kind.REFUND_EARN,
    Kind.REFUND_REDEEM,
    Kind.REFUND_SV,
    Kind.REFUND_CASHBACK,
    Kind.REFUND_QSPEND,
)


def _marks(values: tuple[object, ...]) -> str:
    return ",".join("?" * len(values))


def _payload(text: str | None) -> dict[str, Any]:
    return json.loads(text) if text else {}


def open_lots(s: Session, card_id: str, today: str = "") -> list[LotRow]:
    """A card's usable lots (points left, not past expiry on `today`), soonest expiry first,
    lots without expiry last: a lot past its date is worth nothing, posted or not."""
    return [
        LotRow(str(r[0]), card_id, int(r[1]), r[2])
        for r in rawsql.rows(
            s,
            "SELECT id, remaining, expires_on FROM point_lots WHERE card_id = ? AND remaining > 0 "
            "AND (expires_on IS NULL OR expires_on >= ?) "
            "ORDER BY expires_on IS NULL, expires_on, id",
            (card_id, today),
        )
    ]


def expired_points(s: Session, card_id: str, today: str) -> int:
    """Points still on lots whose expiry has passed but whose `expire` entry is not posted."""
    value = rawsql.scalar(
        s,
        "SELECT coalesce(sum(remaining), 0) FROM point_lots "
        "WHERE card_id = ? AND remaining > 0 AND expires_on < ?",
        (card_id, today),
    )
    return int(value or 0)


def usable_balance(s: Session, card_id: str, account: str, today: str) -> int:
    """The balance as shown and as spendable: expired lots count as zero from their date."""
    value = balance_of(s, card_id, account)
    if account == "points" and value > 0:
        value -= expired_points(s, card_id, today)
    return value


def usable_balances(s: Session, card_id: str, today: str) -> dict[str, int]:
    """Every account's usable balance, expired lots taken off the points: one statement, as it
    runs for every panel shown and every sale's answer."""
    found = dict.fromkeys(ACCOUNTS, 0)
    expired = 0
    for account, value in rawsql.rows(
        s,
        "SELECT account, balance FROM balances WHERE card_id = ? UNION ALL "
        "SELECT NULL, coalesce(sum(remaining), 0) FROM point_lots "
        "WHERE card_id = ? AND remaining > 0 AND expires_on < ?",
        (card_id, card_id, today),
    ):
        if account is None:
            expired = int(value)
        elif account in found:
            found[account] = int(value)
    if found["points"] > 0:
        found["points"] -= expired
    return found


def lots_to_move(s: Session, card_id: str) -> list[LotRow]:
    """A card's lots with points left in the order a card replacement moves them."""
    return [
        LotRow(str(r[0]), card_id, int(r[1]), r[2])
        for r in rawsql.rows(
            s,
            "SELECT id, remaining, expires_on FROM point_lots WHERE card_id = ? AND remaining > 0 "
            "ORDER BY expires_on, id",
            (card_id,),
        )
    ]


def points_expiring(s: Session, card_id: str, until: str, today: str = "") -> int:
    value = rawsql.scalar(
        s,
        "SELECT coalesce(sum(remaining), 0) FROM point_lots "
        "WHERE card_id = ? AND remaining > 0 AND expires_on <= ? AND expires_on >= ?",
        (card_id, until, today),
    )
    return int(value or 0)


def points_expiring_by_day(
    s: Session, card_id: str, until: str, today: str = ""
) -> list[tuple[str, int]]:
    rows = rawsql.rows(
        s,
        "SELECT expires_on, sum(remaining) FROM point_lots "
        "WHERE card_id = ? AND remaining > 0 AND expires_on <= ? AND expires_on >= ? "
        "GROUP BY expires_on ORDER BY expires_on",
        (card_id, until, today),
    )
    return [(str(d), int(p)) for d, p in rows]


def upgrade_headroom(s: Session, member_id: str, tier_id: str | None) -> tuple[int | None, int]:
    """(the lowest threshold of a tier above the member's, or None at the top; the member's
    qualifying spend since the cards began), in one statement of warm pages: the spend is on
    the member's row (kept by triggers, migration 0016), which the sale has just read.

    It bounds the spend over any window from above: every debit of the account (a refund, a
    transfer out) takes back at most what was credited before it, so what lies before a window
    never sums below zero.
    """
    row = rawsql.one(
        s,
        "SELECT (SELECT min(threshold) FROM tiers WHERE rank > "
        "coalesce((SELECT rank FROM tiers WHERE id = ?), -1)), "
        "(SELECT lifetime_qualifying_spend FROM members WHERE id = ?)",
        (tier_id, member_id),
    )
    assert row is not None  # a SELECT without FROM always gives its one row
    return (None if row[0] is None else int(row[0])), int(row[1] or 0)


def member_qualifying_spend(s: Session, member_id: str, since: str) -> int:
    """Qualifying spend of every card of a member, entries from `since` on, and the days from
    `since` on of the spend a joined till's snapshot carried (`snapshot_spend`, per card and
    the entry's date: `day >= since` is `created_at >= since` for a date). One statement on
    the checkout path: both halves are index ranges under the member's cards."""
    value = rawsql.scalar(
        s,
        "SELECT (SELECT coalesce(sum(j.amount), 0) FROM cards c JOIN journal j "
        "ON j.card_id = c.id AND j.account = 'qualifying_spend' "
        "WHERE c.member_id = ?1 AND j.created_at >= ?2) + "
        "(SELECT coalesce(sum(b.amount), 0) FROM cards c JOIN snapshot_spend b "
        "ON b.card_id = c.id AND b.day >= ?2 WHERE c.member_id = ?1)",
        (member_id, since),
    )
    return int(value or 0)


# A sale's entries: this till's journal, after those a joined till's snapshot carried for the
# sales of its refund window (`snapshot_entries`, older than any here).
_SALE_ENTRIES = (
    "SELECT id, kind, card_id, amount, payload FROM ("
    "SELECT 0 AS src, rowid AS r, id, kind, card_id, amount, payload FROM snapshot_entries "
    "WHERE sale_id = ?1 AND {where} UNION ALL "
    "SELECT 1, rowid, id, kind, card_id, amount, payload FROM journal "
    "WHERE sale_id = ?1 AND {where}) ORDER BY src, r"
)


def sale_entries(s: Session, sale_id: str, kind: Kind) -> list[EntryRow]:
    """Entries of one kind belonging to a sale, in journal order."""
    return [
        EntryRow(str(r[0]), Kind(r[1]), r[2], int(r[3]), _payload(r[4]))
        for r in rawsql.rows(
            s, _SALE_ENTRIES.format(where="kind = ?2"), (sale_id, kind),
        )
    ]


def sale_reversals(s: Session, sale_id: str) -> list[EntryRow]:
    """Every `refund.*` effect entry already written for a sale."""
    kinds = ",".join(f"?{i + 2}" for i in range(len(REFUND_EFFECTS)))
    return [
        EntryRow(str(r[0]), Kind(r[1]), r[2], int(r[3]), _payload(r[4]))
        for r in rawsql.rows(
            s, _SALE_ENTRIES.format(where=f"kind IN ({kinds})"), (sale_id, *REFUND_EFFECTS),
        )
    ]


def refunded_per_sale(s: Session, sale_ids: list[str]) -> dict[str, int]:
    if not sale_ids:
        return {}
    marks = ",".join("?" * len(sale_ids))
    done: dict[str, int] = {}
    for sale_id, payload in rawsql.rows(
        s,
        "SELECT sale_id, payload FROM (SELECT sale_id, kind, payload FROM journal UNION ALL "
        "SELECT sale_id, kind, payload FROM snapshot_entries) "
        f"WHERE kind = ? AND sale_id IN ({marks})",
        (Kind.REFUND, *sale_ids),
    ):
        done[sale_id] = done.get(sale_id, 0) + int(_payload(payload)["refund_amount"])
    return done


def till_entries(s: Session, till_id: str, since: str, until: str | None) -> list[EntryRow]:
    """This till's entries between two times (inclusive), for shift and day takings."""
    sql = (
        "SELECT id, kind, card_id, amount, payload FROM journal "
        "WHERE till_id = ? AND created_at >= ?"
    )
    params: tuple[Any, ...] = (till_id, since)
    if until:
        sql += " AND created_at <= ?"
        params = (*params, until)
    return [
        EntryRow(str(r[0]), Kind(r[1]), r[2], int(r[3] or 0), _payload(r[4]))
        for r in rawsql.rows(s, sql + " ORDER BY rowid", params)
    ]
