"""The till's `DerivedState`: the projection's row changes as plain SQL on the session.

Straight to the driver (`rawsql`) because posting an entry is on the checkout hot path; the
same class writes an in-memory replay for `verify`, so there is one writer to trust.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from loyalty_core import rawsql
from loyalty_core.bounds import MAX_BALANCE
from loyalty_core.errors import LoyaltyError
from loyalty_core.models import (
    Approval,
    Card,
    Member,
    Membership,
    RewardStock,
    Shift,
    Staff,
    Voucher,
)


def _upsert(table: str, row: dict[str, Any], keys: tuple[str, ...]) -> str:
    """INSERT ... ON CONFLICT DO UPDATE of the given columns: a merge that never deletes
    (REPLACE would delete the row first and trip the foreign keys that point at it)."""
    return _upsert_sql(table, tuple(row), keys)


@lru_cache(maxsize=256)
def _upsert_sql(table: str, cols: tuple[str, ...], keys: tuple[str, ...]) -> str:
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in keys)
    action = f"DO UPDATE SET {sets}" if sets else "DO NOTHING"
    return f"{_insert_sql(table, cols)} ON CONFLICT ({', '.join(keys)}) {action}"


_ADD_BALANCE = (
    "INSERT INTO balances (card_id, account, balance) VALUES (?, ?, ?) "
    "ON CONFLICT (card_id, account) DO UPDATE SET balance = balance + excluded.balance"
)


@lru_cache(maxsize=256)
def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"


@lru_cache(maxsize=256)
def _update_sql(table: str, cols: tuple[str, ...], key: str) -> str:
    return f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE {key} = ?"


def _values(row: dict[str, Any], json_cols: tuple[str, ...] = ()) -> tuple[Any, ...]:
    return tuple(rawsql.as_json(v) if k in json_cols else v for k, v in row.items())


class SqliteState:
    """Derived tables of a till database (or of `verify`'s empty copy), through one session."""

    def __init__(self, session: Session, bounded: bool = False) -> None:
        """`bounded`: this till's own posts, whose balances must stay within
        ±bounds.MAX_BALANCE; the bound is read back from the same upsert (RETURNING) instead of
        a SELECT before it, and breaking it aborts the whole operation (its transaction rolls
        back). Bounded balances keep every sum over a card far inside a 64-bit integer (SQLite
        would otherwise turn an overflowing sum into a float). Replays and pulled entries are not bounded here: head office checks them."""
        self.session = session
        self.bounded = bounded

    def _run(self, sql: str, params: tuple[Any, ...]) -> None:
        rawsql.run(self.session, sql, params)

    def _forget(self, model: type[Any], key: Any) -> None:
        """A row changed under the ORM: an object of it this session holds is reloaded on its
        next read, as an ORM UPDATE would have synchronised it."""
        obj = self.session.identity_map.get(identity_key(model, key))
        if obj is not None:
            self.session.expire(obj)

    def add_balance(self, card_id: str, account: str, amount: int) -> None:
        if not self.bounded:
            self._run(_ADD_BALANCE, (card_id, account, amount))
            return
        balance = rawsql.scalar(self.session, _ADD_BALANCE + " RETURNING balance",
                                (card_id, account, amount))
        if abs(int(balance)) > MAX_BALANCE:
            raise LoyaltyError(
                "balance.out_of_range", "the balance would be too large", account=account
            )

    def add_lot(self, lot_id: str, card_id: str, amount: int, expires_on: str | None) -> None:
        self._run(
            "INSERT INTO point_lots (id, card_id, amount, remaining, expires_on) "
            "VALUES (?, ?, ?, ?, ?)",
            (lot_id, card_id, amount, amount, expires_on),
        )

    def take_from_lot(self, lot_id: str, amount: int) -> None:
        self._run(
            "UPDATE point_lots SET remaining = remaining - ? WHERE id = ?", (amount, lot_id)
        )

    def member_tier_key(self, member_id: str) -> tuple[bool, str | None]:
        row = rawsql.one(self.session, "SELECT tier_key FROM members WHERE id = ?", (member_id,))
        return (False, None) if row is None else (True, row[0])

    def put_member(self, row: dict[str, Any]) -> None:
        self._run(_upsert("members", row, ("id",)), _values(row))
        self._forget(Member, row["id"])

    def update_member(self, member_id: str, values: dict[str, Any]) -> None:
        self._run(_update_sql("members", tuple(values), "id"), (*values.values(), member_id))
        self._forget(Member, member_id)

    def card_status_key(self, card_id: str) -> tuple[bool, str | None]:
        row = rawsql.one(self.session, "SELECT status_key FROM cards WHERE id = ?", (card_id,))
        return (False, None) if row is None else (True, row[0])

    def put_card(self, row: dict[str, Any]) -> None:
        uid = row.get("uid")
        if uid is not None and rawsql.one(
            self.session, "SELECT 1 FROM cards WHERE uid = ? AND id != ?", (uid, row["id"])
        ):
            # Two tills offline linked one chip to two cards: the link applied first stays, the
            # other card keeps its number only (a pull must never stop on it).
            row = {**row, "uid": None}
        self._run(_upsert("cards", row, ("id",)), _values(row))
        self._forget(Card, row["id"])

    def update_card(self, card_id: str, values: dict[str, Any]) -> None:
        self._run(_update_sql("cards", tuple(values), "id"), (*values.values(), card_id))
        self._forget(Card, card_id)

    def add_sale(self, row: dict[str, Any]) -> None:
        self._run(_insert_sql("sales", tuple(row)), _values(row, ("lines",)))

    def add_voucher(self, row: dict[str, Any]) -> None:
        self._run(_insert_sql("vouchers", tuple(row)), _values(row))

    def add_voucher_uses(self, voucher_id: str, step: int) -> None:
        self._run("UPDATE vouchers SET uses = uses + ? WHERE id = ?", (step, voucher_id))
        self._forget(Voucher, voucher_id)

    def take_reward(self, reward_id: str, store_id: str) -> None:
        self._run(
            "UPDATE reward_stock SET quantity = quantity - 1 WHERE reward_id = ? AND store_id = ?",
            (reward_id, store_id),
        )
        self._forget(RewardStock, (reward_id, store_id))

    def put_membership(self, row: dict[str, Any]) -> None:
        self._run(_upsert("memberships", row, ("member_id", "plan_id")), _values(row))
        self._forget(Membership, (row["member_id"], row["plan_id"]))

    def add_partner_reference(self, partner: str, reference: str, entry_id: str) -> None:
        self._run(
            "INSERT INTO partner_references (partner, reference, entry_id) VALUES (?, ?, ?)",
            (partner, reference, entry_id),
        )

    def put_approval(self, row: dict[str, Any]) -> None:
        self._run(_upsert("approvals", row, ("id",)), _values(row, ("details",)))
        self._forget(Approval, row["id"])

    def put_shift(self, row: dict[str, Any]) -> None:
        self._run(_upsert("shifts", row, ("id",)), _values(row))
        self._forget(Shift, row["id"])

    def close_shift(self, shift_id: str, values: dict[str, Any]) -> None:
        self._run(
            _update_sql("shifts", tuple(values), "id"), (*_values(values, ("report",)), shift_id)
        )
        self._forget(Shift, shift_id)

    # Staff rows come from head office's pull, not the journal; these entries only move the
    # lock-out state, and a staff member this till does not have (another store's) is skipped.
    def count_pin_failure(self, staff_id: str) -> None:
        self._run("UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE id = ?",
                  (staff_id,))
        self._forget(Staff, staff_id)

    def lock_staff(self, staff_id: str, until: str, lockouts: int) -> None:
        self._run(
            "UPDATE staff SET failed_attempts = 0, "
            "locked_until = CASE WHEN locked_until IS NULL OR locked_until < ? THEN ? "
            "ELSE locked_until END, lockouts = max(lockouts, ?) WHERE id = ?",
            (until, until, lockouts, staff_id),
        )
        self._forget(Staff, staff_id)
