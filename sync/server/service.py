"""What head office does, independent of HTTP: the FastAPI layer and the CLI both call this.

Concurrency model: every write transaction starts by updating the single `counters` row. On
PostgreSQL that row lock queues writers; on SQLite the first write takes the database lock. So
ingest sequence numbers are handed out in commit order, and a reader that has seen sequence N
has seen everything below it: a pull cursor can never step over an entry still being written.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, bindparam, func, or_, select, update

from loyalty_core.canonical import GENESIS_HASH, canonical_json, entry_hash
from loyalty_core.ids import iso_utc, new_id, utcnow
from sync import auth
from sync.protocol import (
    CardBalances,
    CardFlagOut,
    Difference,
    EnrolmentCodeOut,
    OverdrawnCard,
    PullRequest,
    PullResponse,
    PushResponse,
    ReconcileRequest,
    ReconcileResponse,
    RegisterResponse,
    ReservationOut,
    RewardOut,
    RuleOut,
    StaffOut,
    TierOut,
    WireEntry,
)
from sync.server import schema as t
from sync.server.db import dialect_insert, in_list, insert_many, is_postgres

OVERDRAWN = "overdrawn"
ACTIVE_HOLDS = ("held", "confirmed")


class ServiceError(Exception):
    """A refusal with an HTTP status and a stable code the till can act on."""

    def __init__(self, status: int, code: str, detail: Any = None) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class TillIdentity:
    id: str
    store_id: str


def _gaps(after: int, seqs: Iterable[int]) -> list[tuple[int, int]]:
    """Missing ranges above `after` up to the highest seq held."""
    gaps: list[tuple[int, int]] = []
    expected = after + 1
    for seq in sorted(set(seqs)):
        if seq <= after:
            continue
        if seq > expected:
            gaps.append((expected, seq - 1))
        expected = seq + 1
    return gaps


class HeadOffice:
    """The head-office service over one SQLAlchemy engine."""

    def __init__(
        self,
        engine: Engine,
        *,
        reservation_ttl: timedelta = timedelta(minutes=5),
        confirmed_ttl: timedelta = timedelta(days=2),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.reservation_ttl = reservation_ttl
        self.confirmed_ttl = confirmed_ttl
        self.clock = clock
        self.dialect = engine.dialect.name
        # Test hook: called after a push committed, before the response leaves (lost reply).
        self.after_push_commit: Callable[[str, PushResponse], None] | None = None

    # -- helpers ---------------------------------------------------------------------------

    def _insert(self, table: Table) -> Any:
        return dialect_insert(self.dialect, table)

    def _now(self) -> str:
        return iso_utc(self.clock())

    @staticmethod
    def _take_counter(conn: Connection, n: int) -> int:
        """Lock the counter row and reserve `n` values; returns the first reserved value."""
        new = conn.execute(
            update(t.counters)
            .where(t.counters.c.name == "change")
            .values(value=t.counters.c.value + n)
            .returning(t.counters.c.value)
        ).scalar_one()
        return int(new) - n + 1

    def _read(self) -> Connection:
        """A read-only connection with one snapshot for all of its statements."""
        conn = self.engine.connect()
        if is_postgres(conn):
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        return conn

    # -- enrolment and authentication ------------------------------------------------------

    def create_enrolment_code(
        self, store_id: str, ttl: timedelta = timedelta(days=1)
    ) -> EnrolmentCodeOut:
        """Only the code's hash is stored: a copy of the database does not enrol a till."""
        code = secrets.token_urlsafe(12)
        expires = iso_utc(self.clock() + ttl)
        with self.engine.begin() as conn:
            conn.execute(
                t.enrolment_codes.insert().values(
                    code_hash=hashlib.sha256(code.encode()).hexdigest(),
                    store_id=store_id,
                    created_at=self._now(),
                    expires_at=expires,
                )
            )
        return EnrolmentCodeOut(code=code, store_id=store_id, expires_at=expires)

    def register(self, code: str, till_id: str | None, name: str) -> RegisterResponse:
        """Spend a one-time code; the till keeps the id it already writes into its journal."""
        code_hash = hashlib.sha256(code.encode()).hexdigest()
        till_id = till_id or new_id()
        now = self._now()
        secret = auth.new_secret()
        with self.engine.begin() as conn:
            claimed = conn.execute(
                update(t.enrolment_codes)
                .where(
                    t.enrolment_codes.c.code_hash == code_hash,
                    t.enrolment_codes.c.used_at.is_(None),
                    t.enrolment_codes.c.expires_at > now,
                )
                .values(used_at=now, till_id=till_id)
                .returning(t.enrolment_codes.c.store_id)
            ).first()
            if claimed is None:
                raise ServiceError(403, "enrol.bad_code", "unknown, used or expired code")
            inserted = conn.execute(
                self._insert(t.tills)
                .values(
                    id=till_id,
                    name=name or till_id,
                    store_id=claimed.store_id,
                    secret=secret,
                    status="active",
                    registered_at=now,
                )
                .on_conflict_do_nothing()
                .returning(t.tills.c.id)
            ).first()
            if inserted is None:
                # Rolls back the code too, so the operator can retry with a fresh till id.
                raise ServiceError(409, "enrol.till_exists", till_id)
        return RegisterResponse(till_id=till_id, secret=secret, store_id=claimed.store_id)

    def revoke_till(self, till_id: str) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(t.tills)
                .where(t.tills.c.id == till_id, t.tills.c.status == "active")
                .values(status="revoked", revoked_at=self._now())
            )
        return done.rowcount == 1

    def authenticate(
        self,
        till_id: str | None,
        timestamp: str | None,
        nonce: str | None,
        signature: str | None,
        method: str,
        path: str,
        body: bytes,
    ) -> TillIdentity:
        """401 for anything unauthenticated; 403 for a known till that is revoked."""
        if not (till_id and timestamp and nonce and signature) or len(nonce) > 64:
            raise ServiceError(401, "auth.missing", "signature headers missing")
        with self.engine.connect() as conn:
            till = conn.execute(
                select(t.tills.c.secret, t.tills.c.status, t.tills.c.store_id).where(
                    t.tills.c.id == till_id
                )
            ).first()
        if till is None:
            raise ServiceError(401, "auth.unknown_till", till_id)
        if not auth.verify(till.secret, signature, method, path, timestamp, nonce, body):
            raise ServiceError(401, "auth.bad_signature")
        if till.status != "active":
            raise ServiceError(403, "auth.revoked", till_id)
        try:
            sent = int(timestamp)
        except ValueError as exc:
            raise ServiceError(401, "auth.bad_timestamp") from exc
        now = int(self.clock().timestamp())
        if abs(now - sent) > auth.MAX_SKEW_SECONDS:
            raise ServiceError(401, "auth.stale", {"server_time": now})
        with self.engine.begin() as conn:
            fresh = conn.execute(
                self._insert(t.nonces)
                .values(till_id=till_id, nonce=nonce, seen_at=now)
                .on_conflict_do_nothing()
                .returning(t.nonces.c.nonce)
            ).first()
            if fresh is None:
                raise ServiceError(401, "auth.replay")
            # A nonce older than the skew window can no longer pass the timestamp check.
            if secrets.randbelow(100) == 0:
                conn.execute(
                    t.nonces.delete().where(t.nonces.c.seen_at < now - 2 * auth.MAX_SKEW_SECONDS)
                )
        return TillIdentity(id=till_id, store_id=till.store_id)

    # -- push ------------------------------------------------------------------------------

    def push(self, till: TillIdentity, entries: list[WireEntry]) -> PushResponse:
        """Store a batch of one till's entries exactly once and acknowledge the contiguous part.

        Duplicates are absorbed by the primary key (INSERT .. ON CONFLICT DO NOTHING), then
        checked to be byte-identical to what is held: a different entry under a held seq is a
        fork of the till's chain and refuses the whole batch.
        """
        batch: dict[int, WireEntry] = {}
        for e in entries:
            if e.till_id != till.id:
                raise ServiceError(403, "push.foreign_entry", {"id": e.id, "till_id": e.till_id})
            fields = e.hashed_fields()
            if entry_hash(fields) != e.hash:
                raise ServiceError(422, "push.bad_hash", {"id": e.id, "seq": e.seq})
            held = batch.get(e.seq)
            if held is not None and held.hash != e.hash:
                raise ServiceError(422, "push.duplicate_seq", {"seq": e.seq})
            batch[e.seq] = e

        with self.engine.begin() as conn:
            self._take_counter(conn, 0)
            acked_seq, acked_hash = self._progress(conn, till.id)
            pending = {
                row.seq: row
                for row in conn.execute(
                    # Range on the (till_id, seq) key: cost follows the gap, not the history.
                    select(t.journal).where(
                        t.journal.c.till_id == till.id,
                        t.journal.c.seq > acked_seq,
                        t.journal.c.ingest_seq.is_(None),
                    )
                )
            }
            new = {s: e for s, e in batch.items() if s > acked_seq and s not in pending}
            dumped = {s: e.model_dump() for s, e in batch.items()}
            self._check_links(batch, pending, acked_seq, acked_hash)

            # The entries that become contiguous now, in seq order.
            contiguous: list[dict[str, Any]] = []
            seq = acked_seq + 1
            while seq in new or seq in pending:
                if seq in new:
                    contiguous.append(dumped[seq])
                else:
                    row = pending[seq]._mapping
                    contiguous.append({**row, "payload": json.loads(row["payload"])})
                seq += 1
            first = self._take_counter(conn, len(contiguous)) if contiguous else 0
            ingest = {e["seq"]: first + i for i, e in enumerate(contiguous)}

            inserted: set[str] = set()
            if batch:
                received = self._now()
                rows = [
                    {
                        **dumped[s],
                        "payload": canonical_json(e.payload),
                        "ingest_seq": ingest.get(s) if s in new else None,
                        "received_at": received,
                    }
                    for s, e in sorted(batch.items())
                ]
                inserted = set(insert_many(conn, t.journal, rows, returning="id"))
            lost = [e.id for e in new.values() if e.id not in inserted]
            if lost:
                raise ServiceError(409, "push.id_conflict", {"ids": lost[:20]})
            self._check_duplicates(conn, till.id, batch, inserted)

            promote = [
                {"b_id": pending[s].id, "b_ingest": i} for s, i in ingest.items() if s in pending
            ]
            if promote:
                conn.execute(
                    update(t.journal)
                    .where(t.journal.c.id == bindparam("b_id"))
                    .values(ingest_seq=bindparam("b_ingest")),
                    promote,
                )
            if contiguous:
                acked_seq = contiguous[-1]["seq"]
                acked_hash = contiguous[-1]["hash"]
                self._project(conn, contiguous)
                conn.execute(
                    self._insert(t.till_progress)
                    .values(till_id=till.id, acked_seq=acked_seq, acked_hash=acked_hash)
                    .on_conflict_do_update(
                        index_elements=[t.till_progress.c.till_id],
                        set_={"acked_seq": acked_seq, "acked_hash": acked_hash},
                    )
                )
            waiting = set(pending) | set(new)
            response = PushResponse(
                acked_seq=acked_seq,
                acked_hash=acked_hash,
                missing=_gaps(acked_seq, waiting),
                inserted=len(inserted),
                duplicates=len(batch) - len(inserted),
            )
        if self.after_push_commit is not None:
            self.after_push_commit(till.id, response)
        return response

    @staticmethod
    def _progress(conn: Connection, till_id: str) -> tuple[int, str]:
        row = conn.execute(
            select(t.till_progress.c.acked_seq, t.till_progress.c.acked_hash).where(
                t.till_progress.c.till_id == till_id
            )
        ).first()
        return (0, GENESIS_HASH) if row is None else (int(row[0]), row[1])

    @staticmethod
    def _check_links(
        batch: dict[int, WireEntry], pending: dict[int, Any], acked_seq: int, acked_hash: str
    ) -> None:
        """Each new entry's prev_hash must be its predecessor's hash wherever both are known.

        Duplicates (seq at or below the ack) are compared whole instead, after the insert.
        """
        known: dict[int, str] = {s: r.hash for s, r in pending.items()}
        known[acked_seq] = acked_hash
        for s, e in batch.items():
            if s <= acked_seq:
                continue
            prev = batch[s - 1].hash if s - 1 in batch else known.get(s - 1)
            if prev is not None and prev != e.prev_hash:
                raise ServiceError(409, "push.chain_broken", {"seq": s})
            after = pending.get(s + 1)
            if after is not None and after.prev_hash != e.hash:
                raise ServiceError(409, "push.chain_broken", {"seq": s + 1})

    @staticmethod
    def _check_duplicates(
        conn: Connection, till_id: str, batch: dict[int, WireEntry], inserted: set[str]
    ) -> None:
        """Entries the constraint absorbed must be exactly the ones already held."""
        dup = {s: e for s, e in batch.items() if e.id not in inserted}
        if not dup:
            return
        held = dict(
            conn.execute(
                select(t.journal.c.seq, t.journal.c.hash).where(
                    t.journal.c.till_id == till_id, in_list(conn, t.journal.c.seq, sorted(dup))
                )
            ).all()
        )
        for s, e in dup.items():
            if held.get(s) != e.hash:
                raise ServiceError(409, "push.conflict", {"seq": s, "id": e.id})

    def _project(self, conn: Connection, entries: list[dict[str, Any]]) -> None:
        """Derived head-office tables, in the entries' order.

        Balances follow the ledger rule for every kind (sum of signed amounts per card and
        account), as the till's projection does; member, card and tier rows only for kinds
        this server knows; anything else is kept in the journal untouched.
        """
        deltas: dict[tuple[str, str], int] = defaultdict(int)
        sv_cards: set[str] = set()
        settle_ops: set[str] = set()
        for e in entries:
            kind = e["kind"]
            p = e.get("payload") or {}
            if e.get("account") and e.get("amount") and e.get("card_id"):
                deltas[(e["card_id"], e["account"])] += int(e["amount"])
                if e["account"] == "stored_value":
                    sv_cards.add(e["card_id"])
                    if e["amount"] < 0:
                        settle_ops.add(e["operation_id"])
            if kind == "member.enroll" and isinstance(p.get("member"), dict):
                m = p["member"]
                conn.execute(
                    self._insert(t.members)
                    .values(
                        id=str(m.get("id")),
                        name=str(m.get("name", ""))[:200],
                        phone=m.get("phone"),
                        birthday=m.get("birthday"),
                        email=m.get("email"),
                        segment=m.get("segment"),
                        tier=m.get("tier_id") or m.get("tier"),
                        tier_at=e["created_at"],
                        details=canonical_json(m),
                        created_at=e["created_at"],
                    )
                    .on_conflict_do_nothing()
                )
            elif kind == "card.issue" and p.get("id"):
                conn.execute(
                    self._insert(t.cards)
                    .values(
                        id=p["id"],
                        number=p.get("number"),
                        kind=p.get("kind"),
                        member_id=p.get("member_id"),
                        status=p.get("status"),
                        status_at=e["created_at"],
                        expires_on=p.get("expires_on"),
                        created_at=e["created_at"],
                    )
                    .on_conflict_do_nothing()
                )
            elif kind == "card.status" and e.get("card_id"):
                values: dict[str, Any] = {
                    "status": p.get("status"),
                    "status_reason": e.get("reason"),
                    "status_at": e["created_at"],
                }
                for key in ("member_id", "expires_on"):
                    if key in p:
                        values[key] = p[key]
                # Two tills may change one card's status offline: the later change wins.
                conn.execute(
                    update(t.cards)
                    .where(
                        t.cards.c.id == e["card_id"],
                        or_(t.cards.c.status_at.is_(None), t.cards.c.status_at <= e["created_at"]),
                    )
                    .values(**values)
                )
            elif kind == "tier.change" and p.get("member_id"):
                conn.execute(
                    update(t.members)
                    .where(
                        t.members.c.id == p["member_id"],
                        or_(t.members.c.tier_at.is_(None), t.members.c.tier_at <= e["created_at"]),
                    )
                    .values(tier=p.get("to"), tier_at=e["created_at"])
                )
        if deltas:
            # One row per (card, account) for the whole batch, summed here.
            insert_many(
                conn, t.balances,
                [{"card_id": c, "account": a, "amount": v} for (c, a), v in sorted(deltas.items())],
                conflict=["card_id", "account"], add=["amount"],
            )
        if settle_ops:
            conn.execute(
                update(t.reservations)
                .where(
                    in_list(conn, t.reservations.c.operation_id, sorted(settle_ops)),
                    t.reservations.c.status == "confirmed",
                )
                .values(status="settled")
            )
        if sv_cards:
            self._update_flags(conn, sv_cards)

    def _update_flags(self, conn: Connection, card_ids: set[str]) -> None:
        """Flag a card whose merged stored value went negative; clear it once it recovers."""
        ids = sorted(card_ids)
        current = {
            r.card_id: r.amount
            for r in conn.execute(
                select(t.balances.c.card_id, t.balances.c.amount).where(
                    in_list(conn, t.balances.c.card_id, ids),
                    t.balances.c.account == "stored_value",
                )
            )
        }
        flags = {
            r.card_id: r.flagged
            for r in conn.execute(
                select(t.card_flags.c.card_id, t.card_flags.c.flagged).where(
                    in_list(conn, t.card_flags.c.card_id, ids)
                )
            )
        }
        changes = []
        for card_id in sorted(card_ids):
            balance = int(current.get(card_id, 0))
            wanted = OVERDRAWN if balance < 0 else None
            if card_id in flags and flags[card_id] == wanted:
                continue
            if card_id not in flags and wanted is None:
                continue
            changes.append((card_id, wanted, balance))
        if not changes:
            return
        first = self._take_counter(conn, len(changes))
        now = self._now()
        rows = [
            {"card_id": c, "flagged": f, "stored_value": b, "flagged_at": now, "change_seq": first + i}
            for i, (c, f, b) in enumerate(changes)
        ]
        insert_many(conn, t.card_flags, rows, conflict=["card_id"],
                    replace=["flagged", "stored_value", "flagged_at", "change_seq"])

    # -- pull ------------------------------------------------------------------------------

    def pull(self, till: TillIdentity, req: PullRequest) -> PullResponse:
        """Other tills' entries after the journal cursor, and objects changed after the other.

        One snapshot for every statement, so the two cursors describe one moment.
        """
        with self._read() as conn, conn.begin():
            rows = conn.execute(
                select(t.journal)
                .where(t.journal.c.ingest_seq > req.journal_cursor, t.journal.c.till_id != till.id)
                .order_by(t.journal.c.ingest_seq)
                .limit(req.limit)
            ).all()
            more = len(rows) == req.limit
            if more:
                journal_cursor = int(rows[-1].ingest_seq)
            else:
                top = conn.execute(select(func.max(t.journal.c.ingest_seq))).scalar()
                journal_cursor = max(req.journal_cursor, int(top or 0))
            entries = [
                WireEntry.model_validate(
                    {
                        **{k: v for k, v in r._mapping.items()
                           if k not in ("ingest_seq", "received_at")},
                        "payload": json.loads(r.payload),
                    }
                )
                for r in rows
            ]
            oc = req.objects_cursor
            rules = conn.execute(
                select(t.rules).where(t.rules.c.change_seq > oc).order_by(t.rules.c.version)
            ).all()
            tiers = conn.execute(
                select(t.tiers).where(t.tiers.c.change_seq > oc).order_by(t.tiers.c.rank)
            ).all()
            staff = conn.execute(select(t.staff).where(t.staff.c.change_seq > oc)).all()
            rewards = conn.execute(
                select(t.rewards).where(
                    t.rewards.c.change_seq > oc, t.rewards.c.store_id == till.store_id
                )
            ).all()
            top_change = int(
                conn.execute(
                    select(t.counters.c.value).where(t.counters.c.name == "change")
                ).scalar_one()
            )
            # Cursors move to the snapshot's top: changes to other stores' rewards and to card
            # flags are counted by the same counter and must not be asked for again.
            objects_cursor = max(oc, top_change)
            flags: list[Any] = []
            flags_cursor = req.flags_cursor
            if not more:
                flags = conn.execute(
                    select(t.card_flags).where(t.card_flags.c.change_seq > req.flags_cursor)
                ).all()
                flags_cursor = max(req.flags_cursor, top_change)
        return PullResponse(
            entries=entries,
            journal_cursor=journal_cursor,
            more=more,
            objects_cursor=objects_cursor,
            flags_cursor=flags_cursor,
            rules=[
                RuleOut(version=r.version, effective_from=r.effective_from,
                        rules=json.loads(r.rules))
                for r in rules
            ],
            tiers=[
                TierOut(**{k: v for k, v in r._mapping.items() if k != "change_seq"})
                for r in tiers
            ],
            staff=[
                StaffOut(**{k: v for k, v in r._mapping.items() if k != "change_seq"})
                for r in staff
            ],
            rewards=[
                RewardOut(**{k: v for k, v in r._mapping.items() if k != "change_seq"})
                for r in rewards
            ],
            card_flags=[
                CardFlagOut(card_id=r.card_id, flagged=r.flagged, stored_value=r.stored_value)
                for r in flags
            ],
            server_time=self._now(),
        )

    # -- head-office objects ---------------------------------------------------------------

    def _upsert_object(self, table: Table, keys: list[str], values: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            values = {**values, "change_seq": self._take_counter(conn, 1)}
            stmt = self._insert(table).values(**values)
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c[k] for k in keys],
                set_={k: v for k, v in values.items() if k not in keys},
            )
            conn.execute(stmt)

    def set_rule(self, rule: RuleOut) -> None:
        self._upsert_object(
            t.rules,
            ["version"],
            {"version": rule.version, "effective_from": rule.effective_from,
             "rules": canonical_json(rule.rules)},
        )

    def set_tier(self, tier: TierOut) -> None:
        self._upsert_object(t.tiers, ["id"], tier.model_dump())

    def set_staff(self, member: StaffOut) -> None:
        self._upsert_object(t.staff, ["id"], member.model_dump())

    def set_reward(self, reward: RewardOut) -> None:
        self._upsert_object(t.rewards, ["id", "store_id"], reward.model_dump())

    # -- online stored-value authorisation -------------------------------------------------

    def _held(self, conn: Connection, card_id: str, now: str) -> int:
        return int(
            conn.execute(
                select(func.coalesce(func.sum(t.reservations.c.amount), 0)).where(
                    t.reservations.c.card_id == card_id,
                    t.reservations.c.status.in_(ACTIVE_HOLDS),
                    t.reservations.c.expires_at > now,
                )
            ).scalar_one()
        )

    def _balance(self, conn: Connection, card_id: str, account: str) -> int:
        value = conn.execute(
            select(t.balances.c.amount).where(
                t.balances.c.card_id == card_id, t.balances.c.account == account
            )
        ).scalar()
        return int(value or 0)

    def _reservation_out(self, conn: Connection, row: Any, now: str) -> ReservationOut:
        available = self._balance(conn, row.card_id, "stored_value") - self._held(
            conn, row.card_id, now
        )
        return ReservationOut(
            reservation_id=row.id,
            card_id=row.card_id,
            amount=row.amount,
            status=row.status,
            expires_at=row.expires_at,
            available=available,
        )

    def reserve(self, till: TillIdentity, reservation_id: str, card_id: str,
                amount: int) -> ReservationOut:
        """Hold stored value against the merged balance minus every live hold.

        Idempotent on the till-made reservation id, so a retried request holds once.
        """
        now = self._now()
        with self.engine.begin() as conn:
            self._take_counter(conn, 0)
            row = conn.execute(
                select(t.reservations).where(t.reservations.c.id == reservation_id)
            ).first()
            if row is not None:
                if row.till_id != till.id or row.card_id != card_id or row.amount != amount:
                    raise ServiceError(409, "reserve.id_reused", reservation_id)
                return self._reservation_out(conn, row, now)
            available = self._balance(conn, card_id, "stored_value") - self._held(
                conn, card_id, now
            )
            if amount > available:
                raise ServiceError(409, "reserve.insufficient", {"available": available})
            conn.execute(
                t.reservations.insert().values(
                    id=reservation_id,
                    till_id=till.id,
                    card_id=card_id,
                    amount=amount,
                    status="held",
                    created_at=now,
                    expires_at=iso_utc(self.clock() + self.reservation_ttl),
                )
            )
            row = conn.execute(
                select(t.reservations).where(t.reservations.c.id == reservation_id)
            ).one()
            return self._reservation_out(conn, row, now)

    def _finish(self, till: TillIdentity, reservation_id: str, status: str,
                operation_id: str | None) -> ReservationOut:
        now = self._now()
        with self.engine.begin() as conn:
            self._take_counter(conn, 0)
            row = conn.execute(
                select(t.reservations).where(
                    t.reservations.c.id == reservation_id, t.reservations.c.till_id == till.id
                )
            ).first()
            if row is None:
                raise ServiceError(404, "reserve.unknown", reservation_id)
            if row.status == status or (status == "confirmed" and row.status == "settled"):
                return self._reservation_out(conn, row, now)
            if row.status != "held":
                raise ServiceError(409, "reserve.finished", row.status)
            if status == "confirmed" and row.expires_at <= now:
                raise ServiceError(409, "reserve.expired", reservation_id)
            values: dict[str, Any] = {"status": status}
            if status == "confirmed":
                values["operation_id"] = operation_id
                values["expires_at"] = iso_utc(self.clock() + self.confirmed_ttl)
                # The spend may already have arrived (pushed before the confirm got through).
                arrived = conn.execute(
                    select(func.count()).select_from(t.journal).where(
                        t.journal.c.operation_id == operation_id,
                        t.journal.c.account == "stored_value",
                        t.journal.c.ingest_seq.is_not(None),
                    )
                ).scalar_one()
                if arrived:
                    values["status"] = "settled"
            conn.execute(
                update(t.reservations).where(t.reservations.c.id == reservation_id).values(**values)
            )
            row = conn.execute(
                select(t.reservations).where(t.reservations.c.id == reservation_id)
            ).one()
            return self._reservation_out(conn, row, now)

    def confirm(self, till: TillIdentity, reservation_id: str, operation_id: str) -> ReservationOut:
        return self._finish(till, reservation_id, "confirmed", operation_id)

    def release(self, till: TillIdentity, reservation_id: str) -> ReservationOut:
        return self._finish(till, reservation_id, "released", None)

    # -- reconciliation and reports --------------------------------------------------------

    def reconcile(self, till: TillIdentity, req: ReconcileRequest) -> ReconcileResponse:
        """Compare one chunk of the till's view with head office's; store and return every
        difference. Nothing on either side is changed to make them agree."""
        diffs: list[Difference] = []
        with self._read() as conn, conn.begin():
            if req.digest is not None:
                diffs.extend(self._compare_digest(conn, till, req))
            diffs.extend(self._compare_cards(conn, req.first, req.last, req.cards, req.final))
        with self.engine.begin() as conn:
            conn.execute(
                self._insert(t.reconciliations)
                .values(
                    till_id=till.id,
                    run_id=req.run_id,
                    chunk=req.chunk,
                    at=self._now(),
                    differences=json.dumps([d.model_dump() for d in diffs]),
                )
                .on_conflict_do_nothing()
            )
        return ReconcileResponse(run_id=req.run_id, chunk=req.chunk, differences=diffs)

    def _compare_digest(
        self, conn: Connection, till: TillIdentity, req: ReconcileRequest
    ) -> list[Difference]:
        assert req.digest is not None
        ours = {
            r.till_id: (int(r.acked_seq), r.acked_hash)
            for r in conn.execute(select(t.till_progress))
        }
        diffs: list[Difference] = []
        for till_id in sorted(set(ours) | set(req.digest)):
            seq, last_hash = ours.get(till_id, (0, GENESIS_HASH))
            view = req.digest.get(till_id)
            t_seq = view.last_seq if view else 0
            t_hash = view.last_hash if view else GENESIS_HASH
            t_count = view.count if view else 0
            if (t_seq, t_hash) == (seq, last_hash) and t_count == t_seq:
                continue
            note = "till has not pulled everything" if t_seq < seq else ""
            if till_id == till.id and t_seq > seq:
                note = "entries not yet pushed"
            elif t_seq > seq:
                note = "till holds entries head office lacks"
            if t_count != t_seq:
                note = "till's copy has gaps"
            if t_seq <= seq and t_seq > 0:
                held = conn.execute(
                    select(t.journal.c.hash).where(
                        t.journal.c.till_id == till_id, t.journal.c.seq == t_seq
                    )
                ).scalar()
                if held != t_hash:
                    note = "hash chains differ (fork)"
            diffs.append(
                Difference(
                    what="journal",
                    till_id=till_id,
                    till_value={"count": t_count, "last_seq": t_seq, "last_hash": t_hash},
                    head_office_value={"count": seq, "last_seq": seq, "last_hash": last_hash},
                    note=note,
                )
            )
        return diffs

    def _compare_cards(
        self, conn: Connection, first: str, last: str, cards: list[CardBalances], final: bool
    ) -> list[Difference]:
        cond = t.balances.c.card_id > first
        if not final:
            cond = and_(cond, t.balances.c.card_id <= last)
        ours: dict[str, dict[str, int]] = defaultdict(dict)
        for r in conn.execute(select(t.balances).where(cond)):
            ours[r.card_id][r.account] = int(r.amount)
        diffs: list[Difference] = []
        theirs = {c.card_id: c.balances for c in cards}
        for card_id in sorted(set(ours) | set(theirs)):
            mine = ours.get(card_id, {})
            view = theirs.get(card_id, {})
            for account in sorted(set(mine) | set(view)):
                a, b = view.get(account, 0), mine.get(account, 0)
                if a != b:
                    diffs.append(
                        Difference(what="balance", card_id=card_id, account=account,
                                   till_value=a, head_office_value=b)
                    )
        return diffs

    def overdrawn(self) -> list[OverdrawnCard]:
        with self._read() as conn, conn.begin():
            rows = conn.execute(
                select(t.card_flags, t.cards.c.number)
                .select_from(t.card_flags.outerjoin(t.cards, t.cards.c.id == t.card_flags.c.card_id))
                .where(t.card_flags.c.flagged == OVERDRAWN)
                .order_by(t.card_flags.c.flagged_at)
            ).all()
        return [
            OverdrawnCard(card_id=r.card_id, number=r.number, stored_value=r.stored_value,
                          flagged_at=r.flagged_at)
            for r in rows
        ]

    def journal_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.journal)).scalar_one())

    def balance(self, card_id: str, account: str) -> int:
        with self.engine.connect() as conn:
            return self._balance(conn, card_id, account)

