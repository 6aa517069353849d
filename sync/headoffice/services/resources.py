"""Limited resources besides money: voucher uses, reward stock, and flagging any overuse.

Head office is where every till's uses meet, so it is where an overuse (two tills offline both
took the last unit of a reward, both used a single-use voucher, both redeemed the same points) is
seen. It is never refused: the entries are facts of sales that happened. The card is flagged
(`card_flags.flagged`, a comma-separated set of reasons, pulled by every till) and a voucher or
reward overuse is written to the `overuse` worklist with the entry that caused it.

Reward stock is movements (`reward_stock.received` by `move_stock`, `taken` by pushed
reward.redeem entries): editing a reward never touches it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, func, select, update

from loyalty_core.entries import Kind
from sync.headoffice import schema as t
from sync.headoffice.db import in_list, insert_many
from sync.headoffice.services.context import Context, ServiceError, take_counter
from sync.wire.models import FlaggedCard, StockMove

# The reasons a card is flagged for, in the order `card_flags.flagged` lists them. Stored value
# keeps its historical name, "overdrawn".
OVERDRAWN = "overdrawn"
REASONS = (OVERDRAWN, "points", "voucher", "reward")


def resources_of(kind: str, account: str | None, amount: int) -> set[str]:
    """Which held resources an entry spends (what settles a hold with its operation id)."""
    used: set[str] = set()
    if account == "stored_value" and amount < 0:
        used.add("stored_value")
    if account == "points" and amount < 0:
        used.add("points")
    if kind == Kind.VOUCHER_USE:
        used.add("voucher")
    if kind == Kind.REWARD_REDEEM:
        used.add("reward")
    return used


class Usage:
    """One push batch's voucher uses and reward units, counted entry by entry in ingest order so
    the entry that goes past the limit is the one recorded as the overuse."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.vouchers: dict[str, dict[str, Any]] = {}
        self.voucher_new: set[str] = set()
        self.rewards: dict[tuple[str, str], dict[str, int]] = {}
        self.reward_new: set[tuple[str, str]] = set()
        self.overuse: list[dict[str, Any]] = []
        self.entry: Mapping[str, Any] = {}

    def _voucher(self, voucher_id: str) -> dict[str, Any]:
        if voucher_id not in self.vouchers:
            row = self.conn.execute(
                select(t.voucher_uses).where(t.voucher_uses.c.voucher_id == voucher_id)
            ).first()
            if row is None:
                self.voucher_new.add(voucher_id)
                self.vouchers[voucher_id] = {"code": None, "max_uses": None, "uses": 0,
                                             "start": 0}
            else:
                self.vouchers[voucher_id] = {"code": row.code, "max_uses": row.max_uses,
                                             "uses": int(row.uses), "start": int(row.uses)}
        return self.vouchers[voucher_id]

    def _reward(self, key: tuple[str, str]) -> dict[str, int]:
        if key not in self.rewards:
            row = self.conn.execute(
                select(t.reward_stock).where(
                    t.reward_stock.c.reward_id == key[0], t.reward_stock.c.store_id == key[1]
                )
            ).first()
            # Stock is judged only for a reward head office defined at that store; units of
            # one it has not heard of yet are counted all the same (`taken`).
            known = self.conn.execute(
                select(func.count()).select_from(t.rewards).where(
                    t.rewards.c.id == key[0], t.rewards.c.store_id == key[1]
                )
            ).scalar_one()
            if row is None:
                self.reward_new.add(key)
                self.rewards[key] = {"received": 0, "taken": 0, "start": 0, "known": 0}
            else:
                self.rewards[key] = {"received": int(row.received), "taken": int(row.taken),
                                     "start": int(row.taken), "known": int(bool(known))}
        return self.rewards[key]

    def voucher_issued(self, row: Mapping[str, Any]) -> None:
        v = self._voucher(str(row["id"]))
        v["code"] = row.get("code")
        v["max_uses"] = int(row.get("max_uses") or 1)

    def voucher_used(self, voucher_id: str, step: int) -> None:
        v = self._voucher(voucher_id)
        v["uses"] += step
        if step > 0 and v["max_uses"] is not None and v["uses"] > v["max_uses"]:
            self._over("voucher", voucher_id, v["uses"] - v["max_uses"])

    def reward_taken(self, reward_id: str, store_id: str) -> None:
        r = self._reward((reward_id, store_id))
        r["taken"] += 1
        if r["known"] and r["taken"] > r["received"]:
            self._over("reward", f"{reward_id}@{store_id}"[:64], r["taken"] - r["received"])

    def _over(self, resource: str, subject: str, over: int) -> None:
        e = self.entry
        self.overuse.append({
            "entry_id": e["id"], "resource": resource, "subject": subject,
            "card_id": e.get("card_id"), "till_id": e["till_id"], "over": over,
            "at": e["created_at"],
        })

    def flush(self) -> set[str]:
        """Write the counts; the cards an overuse names (to flag)."""
        conn = self.conn
        new_v = [
            {"voucher_id": k, "code": v["code"], "max_uses": v["max_uses"], "uses": v["uses"]}
            for k, v in sorted(self.vouchers.items()) if k in self.voucher_new
        ]
        if new_v:
            insert_many(conn, t.voucher_uses, new_v, conflict=["voucher_id"])
        for k, v in sorted(self.vouchers.items()):
            if k not in self.voucher_new:
                conn.execute(
                    update(t.voucher_uses).where(t.voucher_uses.c.voucher_id == k).values(
                        uses=t.voucher_uses.c.uses + (v["uses"] - v["start"]),
                        max_uses=v["max_uses"], code=v["code"],
                    )
                )
        new_r = [
            {"reward_id": k[0], "store_id": k[1], "received": 0, "taken": r["taken"]}
            for k, r in sorted(self.rewards.items()) if k in self.reward_new
        ]
        if new_r:
            insert_many(conn, t.reward_stock, new_r, conflict=["reward_id", "store_id"])
        for k, r in sorted(self.rewards.items()):
            if k not in self.reward_new and r["taken"] != r["start"]:
                conn.execute(
                    update(t.reward_stock).where(
                        t.reward_stock.c.reward_id == k[0], t.reward_stock.c.store_id == k[1]
                    ).values(taken=t.reward_stock.c.taken + (r["taken"] - r["start"]))
                )
        if self.overuse:
            insert_many(conn, t.overuse, self.overuse, conflict=["entry_id", "resource"])
        return {o["card_id"] for o in self.overuse if o["card_id"]}


def move_stock(ctx: Context, move: StockMove) -> int:
    """Stock received or written off at a store; the reward's change number moves so every
    till of that store pulls the new figure. Returns the stock now received."""
    if move.quantity == 0:
        raise ServiceError(422, "stock.zero", "a movement moves something")
    with ctx.engine.begin() as conn:
        change = take_counter(conn, 1)
        known = conn.execute(
            select(func.count()).select_from(t.rewards).where(
                t.rewards.c.id == move.reward_id, t.rewards.c.store_id == move.store_id
            )
        ).scalar_one()
        if not known:
            raise ServiceError(404, "reward.unknown", move.reward_id)
        stmt = ctx.insert(t.reward_stock).values(
            reward_id=move.reward_id, store_id=move.store_id, received=move.quantity, taken=0
        )
        conn.execute(stmt.on_conflict_do_update(
            index_elements=[t.reward_stock.c.reward_id, t.reward_stock.c.store_id],
            set_={"received": t.reward_stock.c.received + move.quantity},
        ))
        conn.execute(
            update(t.rewards).where(
                t.rewards.c.id == move.reward_id, t.rewards.c.store_id == move.store_id
            ).values(change_seq=change)
        )
        return int(conn.execute(
            select(t.reward_stock.c.received).where(
                t.reward_stock.c.reward_id == move.reward_id,
                t.reward_stock.c.store_id == move.store_id,
            )
        ).scalar_one())


def opening_stock(conn: Connection, ctx: Context, reward_id: str, store_id: str,
                  stock: int) -> None:
    """A reward's first definition at a store brings its opening stock (the caller calls this
    only then). Redemptions pushed before it was defined here keep their count in `taken`."""
    stmt = ctx.insert(t.reward_stock).values(
        reward_id=reward_id, store_id=store_id, received=stock, taken=0
    )
    conn.execute(stmt.on_conflict_do_update(
        index_elements=[t.reward_stock.c.reward_id, t.reward_stock.c.store_id],
        set_={"received": stock},
    ))


def update_flags(ctx: Context, conn: Connection, card_ids: set[str]) -> None:
    """Each card's reasons from what head office holds now: stored value or points below zero,
    any voucher or reward overuse in the worklist. A balance back at zero clears its reason."""
    ids = sorted(card_ids)
    if not ids:
        return
    bal: dict[tuple[str, str], int] = defaultdict(int)
    for r in conn.execute(
        select(t.balances.c.card_id, t.balances.c.account, t.balances.c.amount).where(
            in_list(conn, t.balances.c.card_id, ids),
            t.balances.c.account.in_(("stored_value", "points")),
        )
    ):
        bal[(r.card_id, r.account)] = int(r.amount)
    overused: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(
        select(t.overuse.c.card_id, t.overuse.c.resource).where(
            in_list(conn, t.overuse.c.card_id, ids)
        )
    ):
        overused[r.card_id].add(r.resource)
    flags = {
        r.card_id: r.flagged
        for r in conn.execute(
            select(t.card_flags.c.card_id, t.card_flags.c.flagged).where(
                in_list(conn, t.card_flags.c.card_id, ids)
            )
        )
    }
    changes = []
    for card_id in ids:
        sv = bal[(card_id, "stored_value")]
        reasons = set(overused[card_id])
        if sv < 0:
            reasons.add(OVERDRAWN)
        if bal[(card_id, "points")] < 0:
            reasons.add("points")
        wanted = ",".join(r for r in REASONS if r in reasons) or None
        if flags.get(card_id) == wanted and (card_id in flags or wanted is None):
            continue
        changes.append((card_id, wanted, sv))
    if not changes:
        return
    first = take_counter(conn, len(changes))
    now = ctx.now()
    rows = [
        {"card_id": c, "flagged": f, "stored_value": b, "flagged_at": now, "change_seq": first + i}
        for i, (c, f, b) in enumerate(changes)
    ]
    insert_many(conn, t.card_flags, rows, conflict=["card_id"],
                replace=["flagged", "stored_value", "flagged_at", "change_seq"])


def flagged_cards(ctx: Context) -> list[FlaggedCard]:
    """The flags worklist: every card flagged now, its reasons, balances and overuse rows."""
    with ctx.read() as conn, conn.begin():
        rows = conn.execute(
            select(t.card_flags, t.cards.c.number)
            .select_from(t.card_flags.outerjoin(t.cards, t.cards.c.id == t.card_flags.c.card_id))
            .where(t.card_flags.c.flagged.is_not(None))
            .order_by(t.card_flags.c.flagged_at, t.card_flags.c.card_id)
        ).all()
        ids = [r.card_id for r in rows]
        points: dict[str, int] = {}
        over: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if ids:
            points = {
                r.card_id: int(r.amount) for r in conn.execute(
                    select(t.balances.c.card_id, t.balances.c.amount).where(
                        in_list(conn, t.balances.c.card_id, ids),
                        t.balances.c.account == "points",
                    )
                )
            }
            for o in conn.execute(
                select(t.overuse).where(in_list(conn, t.overuse.c.card_id, ids))
                .order_by(t.overuse.c.at)
            ):
                over[o.card_id].append({"resource": o.resource, "subject": o.subject,
                                        "entry_id": o.entry_id, "till_id": o.till_id,
                                        "over": int(o.over)})
    return [
        FlaggedCard(card_id=r.card_id, number=r.number, flagged=r.flagged,
                    stored_value=int(r.stored_value), points=points.get(r.card_id, 0),
                    overuse=over[r.card_id], flagged_at=r.flagged_at)
        for r in rows
    ]
