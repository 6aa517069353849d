"""Head office's derived tables from ingested entries, by the till's own projection rules.

The meaning of every kind lives in `loyalty_core.projection` (the rules the till and `verify`
run); this module is only `HeadOfficeState`, that projection's `DerivedState` over head office's
SQLAlchemy Core tables, plus what only head office does: stored-value overdraw flags and hold
settlement. So a card's status, a member's tier and every balance mean the same here as on a
till, and state entries follow the same ordering key, (created_at, till_id, seq), kept on the
row (`cards.status_key`, `members.tier_key`).

A push is projected as one batch (throughput is benchmarked: `tests/bench/sync_bench.py`): the
keys of the cards and members the batch's state entries touch are read in one query each,
the rules run in memory against them, and the writes go out at the end as one summed balance
upsert, one multi-row insert per table and one executemany per shape of update.

Head office keeps point lots (a new till's snapshot carries them: services/snapshot.py) and
the dated credits the chain jobs expire (services/expiring.py), counts voucher uses and
reward units (services/resources.py), and keeps sales, memberships and qualifying spend per
day for a joining till (services/joinstate.py), but keeps no partner references, approvals or
shifts: those row changes are no-ops here and their facts stay in the journal it holds. An entry that does not validate against the registry (a hostile till, or a kind newer than
this server) is stored in the journal as before and moves balances by the ledger rule only.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, update

from loyalty_core import projection
from loyalty_core.canonical import canonical_json
from loyalty_core.entries import Kind, validate
from loyalty_core.errors import LoyaltyError
from loyalty_core.programs.birthday import birthday_md
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services.context import Context
from sync.headoffice.services.expiring import ExpiringChanges
from sync.headoffice.services.joinstate import JoinChanges
from sync.headoffice.services.resources import OVERDRAWN, Usage, resources_of, update_flags

log = logging.getLogger(__name__)

__all__ = ["OVERDRAWN", "HeadOfficeState", "project", "update_flags"]
_SV = "stored_value"
# The member columns head office keeps beside the projection's (the rest go into `details`).
_MEMBER_DETAILS = ("consent_marketing", "consent_sms", "referrer_id")


def _time_of(key: str) -> str:
    """created_at of a state key (`projection.state_key`: the till id and seq have no spaces)."""
    return key.rsplit(" ", 2)[0]


class HeadOfficeState:
    """`projection.DerivedState` for one push batch over head office's tables.

    Reads are answered from what the batch prefetched and wrote so far; writes are gathered and
    sent by `flush` in the caller's transaction (which holds the ingest lock).
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.deltas: dict[tuple[str, str], int] = defaultdict(int)
        self.sv_cards: set[str] = set()
        # id -> key of the last state entry applied, for rows that exist (or are new here).
        self._member_keys: dict[str, str | None] = {}
        self._card_keys: dict[str, str | None] = {}
        self._new: dict[Table, dict[str, dict[str, Any]]] = {t.members: {}, t.cards: {}}
        self._changed: dict[Table, dict[str, dict[str, Any]]] = {t.members: {}, t.cards: {}}
        self.new_lots: list[dict[str, Any]] = []
        self.lot_takes: dict[str, int] = defaultdict(int)
        # Voucher uses and reward units, counted entry by entry (services/resources.py).
        self.usage = Usage(conn)
        self.points_cards: set[str] = set()
        self.expiring = ExpiringChanges()  # dated lots and cashback credits, for the chain jobs
        self.join = JoinChanges()  # memberships, sales, spend per day, for a joining till

    def prefetch(self, member_ids: Iterable[str], card_ids: Iterable[str]) -> None:
        """The state keys of every member and card the batch's state entries name: one query
        per table instead of one per entry."""
        for table, key_col, keys, ids in (
            (t.members, t.members.c.tier_key, self._member_keys, sorted(set(member_ids))),
            (t.cards, t.cards.c.status_key, self._card_keys, sorted(set(card_ids))),
        ):
            if ids:
                rows = self.conn.execute(
                    select(table.c.id, key_col).where(in_list(self.conn, table.c.id, ids))
                )
                keys.update({r[0]: r[1] for r in rows})

    def _key(self, table: Table, keys: dict[str, str | None], row_id: str) -> tuple[bool, str | None]:
        if row_id not in keys:  # not prefetched: ask (never on the batch path)
            key_col = t.members.c.tier_key if table is t.members else t.cards.c.status_key
            found = self.conn.execute(select(key_col).where(table.c.id == row_id)).first()
            if found is None:
                return False, None
            keys[row_id] = found[0]
        return True, keys[row_id]

    def _put(self, table: Table, keys: dict[str, str | None], key_name: str,
             row: dict[str, Any]) -> None:
        row_id = row["id"]
        exists, _ = self._key(table, keys, row_id)
        if row_id in self._new[table]:
            self._new[table][row_id].update(row)
        elif exists:
            self._changed[table].setdefault(row_id, {}).update(
                {k: v for k, v in row.items() if k != "id"}
            )
        else:
            self._new[table][row_id] = row
        if key_name in row or not exists:
            keys[row_id] = row.get(key_name)

    def _update(self, table: Table, keys: dict[str, str | None], key_name: str,
                row_id: str, values: dict[str, Any]) -> None:
        if row_id in self._new[table]:
            self._new[table][row_id].update(values)
        else:
            self._changed[table].setdefault(row_id, {}).update(values)
        if key_name in values:
            keys[row_id] = values[key_name]

    # -- DerivedState ------------------------------------------------------------------------

    def add_balance(self, card_id: str, account: str, amount: int) -> None:
        self.deltas[(card_id, account)] += amount
        if account == _SV:
            self.sv_cards.add(card_id)
        elif account == "points":
            self.points_cards.add(card_id)  # below zero flags it, back at zero clears it

    def member_tier_key(self, member_id: str) -> tuple[bool, str | None]:
        return self._key(t.members, self._member_keys, member_id)

    def put_member(self, row: dict[str, Any]) -> None:
        self._put(t.members, self._member_keys, "tier_key", _member_row(row))

    def update_member(self, member_id: str, values: dict[str, Any]) -> None:
        self._update(t.members, self._member_keys, "tier_key", member_id, _member_row(values))

    def card_status_key(self, card_id: str) -> tuple[bool, str | None]:
        return self._key(t.cards, self._card_keys, card_id)

    def put_card(self, row: dict[str, Any]) -> None:
        self._put(t.cards, self._card_keys, "status_key", _card_row(row))

    def update_card(self, card_id: str, values: dict[str, Any]) -> None:
        self._update(t.cards, self._card_keys, "status_key", card_id, _card_row(values))

    def add_voucher(self, row: dict[str, Any]) -> None:
        self.usage.voucher_issued(row)

    def add_voucher_uses(self, voucher_id: str, step: int) -> None:
        self.usage.voucher_used(voucher_id, step)

    def take_reward(self, reward_id: str, store_id: str) -> None:
        self.usage.reward_taken(reward_id, store_id)

    def add_lot(self, lot_id: str, card_id: str, amount: int, expires_on: str | None) -> None:
        self.new_lots.append({"id": lot_id, "card_id": card_id, "amount": amount,
                              "remaining": amount, "expires_on": expires_on})
        self.expiring.add_lot(lot_id, card_id, amount, expires_on)

    def take_from_lot(self, lot_id: str, amount: int) -> None:
        self.lot_takes[lot_id] += amount
        self.expiring.take_from_lot(lot_id, amount)

    def add_sale(self, row: dict[str, Any]) -> None:
        self.join.sale(row)

    def put_membership(self, row: dict[str, Any]) -> None:
        self.join.membership(row)

    # Tables head office does not keep (see the module's docstring).

    def add_partner_reference(self, partner: str, reference: str, entry_id: str) -> None:
        pass

    def put_approval(self, row: dict[str, Any]) -> None:
        pass

    def put_shift(self, row: dict[str, Any]) -> None:
        pass

    def close_shift(self, shift_id: str, values: dict[str, Any]) -> None:
        pass

    # Nobody logs in at head office with a PIN: the lock-out entries only travel on to the
    # store's other tills (by pull), which count them.
    def count_pin_failure(self, staff_id: str) -> None:
        pass

    def lock_staff(self, staff_id: str, until: str, lockouts: int) -> None:
        pass

    # -- writing ------------------------------------------------------------------------------

    def flush(self) -> None:
        conn = self.conn
        self.expiring.flush(conn)
        self.join.flush(conn)
        for table in (t.members, t.cards):
            new = list(self._new[table].values())
            if new:
                insert_many(conn, table, _same_keys(table, new), conflict=["id"])
            by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
            for row_id, values in sorted(self._changed[table].items()):
                by_shape[tuple(sorted(values))].append(
                    {"b_id": row_id, **{f"b_{k}": v for k, v in values.items()}}
                )
            for cols, rows in by_shape.items():
                conn.execute(
                    update(table)
                    .where(table.c.id == bindparam("b_id"))
                    .values({c: bindparam(f"b_{c}") for c in cols}),
                    rows,
                )
        if self.deltas:
            # One row per (card, account) for the whole batch, summed here.
            insert_many(
                conn, t.balances,
                [{"card_id": c, "account": a, "amount": v}
                 for (c, a), v in sorted(self.deltas.items())],
                conflict=["card_id", "account"], add=["amount"],
            )
        if self.new_lots:
            insert_many(conn, t.point_lots, self.new_lots, conflict=["id"])
        if self.lot_takes:
            conn.execute(
                update(t.point_lots)
                .where(t.point_lots.c.id == bindparam("b_id"))
                .values(remaining=t.point_lots.c.remaining - bindparam("b_take")),
                [{"b_id": k, "b_take": v} for k, v in sorted(self.lot_takes.items())],
            )


def _member_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The projection's member columns in head office's shape."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k == "tier_id":
            out["tier"] = v
        elif k == "tier_key":
            out["tier_key"] = v
            out["tier_at"] = None if v is None else _time_of(v)
        elif k == "name":
            out["name"] = str(v)[:200]
        elif k == "birthday":
            out["birthday"] = v
            out["birthday_md"] = birthday_md(v)  # the birthday gift job's index
        elif k not in _MEMBER_DETAILS:
            out[k] = v
    if "name" in row:  # a whole member (enrolment): what head office keeps beyond its columns
        out["details"] = canonical_json(
            {k: v for k, v in row.items() if k not in ("tier_id", "tier_key")}
        )
    # Columns only a till keeps (its search keys) have no place here.
    return {k: v for k, v in out.items() if k in t.members.c}


def _card_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k != "uid"}
    if "status_key" in out:
        key = out["status_key"]
        out["status_at"] = None if key is None else _time_of(key)
    return {k: v for k, v in out.items() if k in t.cards.c}


def _same_keys(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of one multi-row insert must name the same columns."""
    names = sorted({k for r in rows for k in r})
    return [{k: r.get(k) for k in names} for r in rows]


def _state_ids(entries: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    members: list[str] = []
    cards: list[str] = []
    for e in entries:
        kind, p = e["kind"], e.get("payload") or {}
        if kind == Kind.MEMBER_ENROLL and isinstance(p.get("member"), dict):
            member_id = p["member"].get("id")
            if isinstance(member_id, str):
                members.append(member_id)
        elif kind == Kind.TIER_CHANGE and isinstance(p.get("member_id"), str):
            members.append(p["member_id"])
        elif kind == Kind.CARD_ISSUE and isinstance(p.get("id"), str):
            cards.append(p["id"])
        elif kind == Kind.CARD_STATUS and isinstance(e.get("card_id"), str):
            cards.append(e["card_id"])
    return members, cards


def project(ctx: Context, conn: Connection, entries: list[dict[str, Any]]) -> None:
    """Derived head-office tables for a batch of one till's entries, in the entries' order."""
    state = HeadOfficeState(conn)
    state.prefetch(*_state_ids(entries))
    settle: dict[str, set[str]] = defaultdict(set)  # resource -> operations now spent
    for e in entries:
        account, amount = e.get("account"), e.get("amount") or 0
        for resource in resources_of(e["kind"], account, int(amount)):
            settle[resource].add(e["operation_id"])  # a hold of this operation is now spent
        state.usage.entry = e
        try:
            _, payload = validate(e["kind"], account, amount, e.get("card_id"), e.get("payload"))
        except LoyaltyError as refused:
            log.warning("entry %s (%s) kept unprojected: %s", e.get("id"), e["kind"], refused)
            if account and amount and e.get("card_id"):
                state.add_balance(e["card_id"], account, int(amount))
            continue
        projection.project(state, e, payload)
        state.expiring.note(e, payload)
        state.join.note(e)
    state.flush()
    overused = state.usage.flush()
    for resource, ops in sorted(settle.items()):
        # Held or confirmed: a till that crashed between its commit and the confirm still
        # pushes the entry, and the entry settles the hold (reserved with the operation id).
        conn.execute(
            update(t.reservations)
            .where(
                in_list(conn, t.reservations.c.operation_id, sorted(ops)),
                t.reservations.c.resource == resource,
                t.reservations.c.status.in_(("held", "confirmed")),
            )
            .values(status="settled")
        )
    touched = state.sv_cards | state.points_cards | overused
    if touched:
        update_flags(ctx, conn, touched)
