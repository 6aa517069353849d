"""The till-side SQL of sync: what to push, where the cursors are, and applying a pull.

Kept in loyalty_core because the till has no SQL anywhere else; it takes and returns plain
dicts, so loyalty_core still knows nothing of the sync package or its wire models. Entries from
other tills go through `journal.insert_foreign`, i.e. the very projection that local entries
use, so a foreign earn makes a lot, a foreign enrolment makes a member, and so on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from loyalty_core import definitions
from loyalty_core.canonical import ENTRY_FIELDS, GENESIS_HASH, OPTIONAL_FIELDS
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, utcnow
from loyalty_core.journal import entry_to_wire
from loyalty_core.models import (
    Balance,
    Card,
    JournalEntry,
    Member,
    QuarantinedEntry,
    Reward,
    RewardStock,
    RuleVersion,
    Staff,
    SyncState,
    Tier,
)
from loyalty_core.queries import people
from loyalty_core.rules_schema import checked_version
from loyalty_core.snapshotload import (
    BASELINE_STATE,
    baseline_state,
    chain_starts,
    load_and_record,
)
from loyalty_core.syncquarantine import apply_entries

ACKED_SEQ = "push.acked_seq"
ACKED_HASH = "push.acked_hash"
JOURNAL_CURSOR = "pull.journal_cursor"
OBJECTS_CURSOR = "pull.objects_cursor"
FLAGS_CURSOR = "pull.flags_cursor"
LAST_SUCCESS = "sync.last_success"
RULES_REFUSED = "pull.rules_refused"
HO_URL = "ho.url"
HO_TILL_SECRET = "ho.till_secret"
HO_STORE = "ho.store_id"
ONLINE_AUTH_PREFIX = "svauth:"  # any operation head office held online, not only stored value
CHAIN_TILLS = "ho.chain_tills"
STORE_TILLS = "ho.store_tills"
PULLED_AT = "pull.at"  # the till's clock when it last applied a pull


def get_state(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.scalar(select(SyncState.value).where(SyncState.key == key))
    return default if value is None else value


def set_state(session: Session, key: str, value: str) -> None:
    session.merge(SyncState(key=key, value=value))


def acked(session: Session) -> tuple[int, str]:
    """Highest seq of ours head office holds with no gap below it, and that entry's hash."""
    return (
        int(get_state(session, ACKED_SEQ, "0") or 0),
        get_state(session, ACKED_HASH, GENESIS_HASH) or GENESIS_HASH,
    )


def record_ack(session: Session, till_id: str, seq: int, entry_hash: str) -> None:
    """Store head office's acknowledgement, if it names exactly our entry; never go back.

    A mismatch means head office holds a different chain for this till (a restored backup, a
    cloned database): sync must stop and a person must look, so it raises.
    """
    current, _ = acked(session)
    if seq <= current:
        return
    ours = session.scalar(
        select(JournalEntry.hash).where(JournalEntry.till_id == till_id, JournalEntry.seq == seq)
    )
    if ours != entry_hash:
        raise LoyaltyError(
            "sync.ack_mismatch",
            "head office acknowledged an entry this till does not have",
            seq=seq,
        )
    set_state(session, ACKED_SEQ, str(seq))
    set_state(session, ACKED_HASH, entry_hash)


def pending_entries(
    session: Session, till_id: str, after_seq: int, limit: int
) -> list[dict[str, Any]]:
    """Our entries above `after_seq`, in seq order, in wire form: the outbox is the journal."""
    rows = session.scalars(
        select(JournalEntry)
        .where(JournalEntry.till_id == till_id, JournalEntry.seq > after_seq)
        .order_by(JournalEntry.seq)
        .limit(limit)
    ).all()
    return [entry_to_wire(e) for e in rows]


def pending_count(session: Session, till_id: str) -> int:
    seq, _ = acked(session)
    last = session.scalar(select(func.max(JournalEntry.seq)).where(JournalEntry.till_id == till_id))
    return max(0, int(last or 0) - seq)


@dataclass(frozen=True)
class PullApplied:
    entries: int
    duplicates: int
    flags: int
    quarantined: int = 0


def apply_pull(session: Session, pull: Mapping[str, Any]) -> PullApplied:
    """Apply one pull response in the caller's (single) transaction, cursors included.

    Objects first (entries name tiers and staff that must exist), then entries in head office's
    ingest order (each till's own order), then card flags (they name cards those entries made).
    If anything fails, the caller's rollback leaves the cursors where they were.
    """
    for rule in pull.get("rules", []):
        apply_rule(session, rule)
    for tier in pull.get("tiers", []):
        _upsert_tier(session, tier)
    for member in pull.get("staff", []):
        _upsert_staff(session, member)
    # How many tills head office split the offline limits between (sync.till.allowance).
    set_state(session, CHAIN_TILLS, str(max(1, int(pull.get("chain_tills") or 1))))
    set_state(session, STORE_TILLS, str(max(1, int(pull.get("store_tills") or 1))))
    set_state(session, PULLED_AT, iso_utc(utcnow()))
    for reward in pull.get("rewards", []):
        # Head office owns the catalog; its `stock` is what the store received (movements).
        # Here it is that less every redemption this journal holds, and the entries of this
        # pull take theirs as they are applied: no figure is overwritten by an older one.
        session.merge(
            Reward(
                id=reward["id"],
                code=reward["id"][:32],
                name=reward["name"],
                points_cost=int(reward["points_cost"]),
                active=bool(reward["active"]),
            )
        )
        session.flush()
        redeemed = session.scalar(
            select(func.count()).select_from(JournalEntry).where(
                JournalEntry.kind == Kind.REWARD_REDEEM,
                func.json_extract(JournalEntry.payload, "$.reward_id") == reward["id"],
                func.json_extract(JournalEntry.payload, "$.store_id") == reward["store_id"],
            )
        )
        session.merge(
            RewardStock(
                reward_id=reward["id"], store_id=reward["store_id"],
                quantity=int(reward["stock"]) - int(redeemed or 0),
            )
        )
    # Programs, plans, partners, vouchers: before entries, which may use them (a voucher.use).
    definitions.apply_pulled(session, pull.get("definitions", []))

    # One by one, each in a savepoint: what cannot be applied is quarantined, never a stall.
    applied, duplicates, quarantined = apply_entries(
        session,
        ({name: wire.get(name) for name in (*ENTRY_FIELDS, *OPTIONAL_FIELDS, "hash")}
         for wire in pull.get("entries", [])),
        set(pull.get("quarantined", [])),
        frozenset(pull.get("redacted", [])),
    )
    for details in pull.get("members", []):
        people.reveal_member(session, details)
    flags = 0
    for flag in pull.get("card_flags", []):
        flags += session.execute(
            update(Card).where(Card.id == flag["card_id"]).values(flagged=flag["flagged"])
        ).rowcount
    set_state(session, JOURNAL_CURSOR, str(int(pull["journal_cursor"])))
    set_state(session, OBJECTS_CURSOR, str(int(pull["objects_cursor"])))
    set_state(session, FLAGS_CURSOR, str(int(pull["flags_cursor"])))
    return PullApplied(entries=applied, duplicates=duplicates, flags=flags,
                       quarantined=quarantined)


def join_from_snapshot(session: Session, lines: Iterable[bytes]) -> dict[str, Any]:
    """Start this empty till from head office's snapshot (`loyalty_core.snapshotload`), in the
    caller's transaction: the rows, the recorded baseline, and the pull cursors (journal at the
    snapshot's; objects and flags at zero, so rules, staff, rewards and flags come by pull)."""
    state = load_and_record(session, lines)
    set_state(session, BASELINE_STATE, json.dumps(state, sort_keys=True))
    set_state(session, JOURNAL_CURSOR, str(state["journal_cursor"]))
    set_state(session, OBJECTS_CURSOR, "0")
    set_state(session, FLAGS_CURSOR, "0")
    return state


def apply_rule(session: Session, rule: Mapping[str, Any]) -> bool:
    """Keep a pulled rules version only when it is valid; otherwise the last good one stays in
    force and the refusal is recorded (RULES_REFUSED) for the status bar. False when refused.

    Effective times are stored in UTC (`...Z`) so they compare as time when sorted as text.
    """
    version = int(rule["version"])
    try:
        effective, data = checked_version(rule.get("effective_from"), rule.get("rules"))
    except LoyaltyError as exc:
        refusal = {"version": version, "errors": list(exc.params.get("errors", []))[:20]}
        set_state(session, RULES_REFUSED, json.dumps(refusal, ensure_ascii=False))
        return False
    session.merge(RuleVersion(version=version, effective_from=effective, rules=data))
    refused = rules_refused(session)
    if refused is not None and int(refused["version"]) <= version:
        session.execute(delete(SyncState).where(SyncState.key == RULES_REFUSED))
    return True


def rules_refused(session: Session) -> dict[str, Any] | None:
    """The last rules version refused at pull ({version, errors}), until a newer one applies."""
    text = get_state(session, RULES_REFUSED)
    return None if text is None else dict(json.loads(text))


def cursors(session: Session) -> tuple[int, int, int]:
    return (
        int(get_state(session, JOURNAL_CURSOR, "0") or 0),
        int(get_state(session, OBJECTS_CURSOR, "0") or 0),
        int(get_state(session, FLAGS_CURSOR, "0") or 0),
    )


def _upsert_tier(session: Session, tier: Mapping[str, Any]) -> None:
    clash = session.scalar(select(Tier).where(Tier.code == tier["code"], Tier.id != tier["id"]))
    if clash is not None:
        # Members point at the local id; renaming it silently would re-tier them.
        raise LoyaltyError(
            "sync.tier_conflict",
            "a local tier has head office's code under another id",
            code=tier["code"],
        )
    session.merge(
        Tier(
            **{
                k: tier[k]
                for k in (
                    "id",
                    "code",
                    "name",
                    "rank",
                    "threshold",
                    "earn_multiplier_pct",
                    "discount_bp",
                    "birthday_points",
                )
            }
        )
    )


def _upsert_staff(session: Session, member: Mapping[str, Any]) -> None:
    """Head office owns who works here; the till owns failed PIN counts and lockouts."""
    row = session.get(Staff, member["id"])
    if row is None:
        clash = session.scalar(select(Staff.id).where(Staff.code == member["code"]))
        if clash is not None:
            raise LoyaltyError(
                "sync.staff_conflict",
                "a local staff member has head office's code",
                code=member["code"],
            )
        row = Staff(id=member["id"], failed_attempts=0)
        session.add(row)
    row.code = member["code"]
    row.name = member["name"]
    row.role = member["role"]
    row.pin_hash = member["pin_hash"]
    row.card_number = member.get("card_number")
    row.active = bool(member["active"])


def journal_digest(session: Session) -> dict[str, dict[str, Any]]:
    """Per till: how many entries this database holds, the highest seq and its hash."""
    rows = session.execute(
        select(JournalEntry.till_id, func.count(), func.max(JournalEntry.seq)).group_by(
            JournalEntry.till_id
        )
    ).all()
    digest: dict[str, dict[str, Any]] = {}
    for till_id, count, last_seq in rows:
        last_hash = session.scalar(
            select(JournalEntry.hash).where(
                JournalEntry.till_id == till_id, JournalEntry.seq == last_seq
            )
        )
        digest[till_id] = {"count": int(count), "last_seq": int(last_seq), "last_hash": last_hash}
    # A till that joined from a snapshot holds every other till's entries up to the chain head
    # the snapshot recorded in it (loyalty_core.snapshotload), as state rather than rows.
    for till_id, (seq, head) in chain_starts(baseline_state(session)).items():
        d = digest.setdefault(till_id, {"count": 0, "last_seq": seq, "last_hash": head})
        d["count"] += seq
    # Quarantined entries are held too (without effect): the chain they belong to is whole.
    for q in session.scalars(select(QuarantinedEntry).order_by(QuarantinedEntry.seq)):
        d = digest.setdefault(q.till_id, {"count": 0, "last_seq": 0, "last_hash": None})
        d["count"] += 1
        if q.seq > d["last_seq"]:
            d["last_seq"], d["last_hash"] = q.seq, q.hash
    return digest


def card_balances(session: Session, after: str, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` cards with id > `after`, in id order, with their cached balances.

    Walks the balances primary key, so a 100,000-card run is a series of index range scans.
    """
    card_ids = session.scalars(
        select(Balance.card_id)
        .where(Balance.card_id > after)
        .group_by(Balance.card_id)
        .order_by(Balance.card_id)
        .limit(limit)
    ).all()
    if not card_ids:
        return []
    rows = session.execute(
        select(Balance.card_id, Balance.account, Balance.balance).where(
            Balance.card_id >= card_ids[0], Balance.card_id <= card_ids[-1]
        )
    ).all()
    out: dict[str, dict[str, int]] = {cid: {} for cid in card_ids}
    for card_id, account, balance in rows:
        out[card_id][account] = int(balance)
    # Status and tier are compared too (head office's reconcile: convergence of state entries).
    states = {
        r[0]: (r[1], r[2])
        for r in session.execute(
            select(Card.id, Card.status, Member.tier_id)
            .outerjoin(Member, Member.id == Card.member_id)
            .where(Card.id >= card_ids[0], Card.id <= card_ids[-1])
        )
    }
    return [
        {"card_id": cid, "balances": bal, "status": states.get(cid, (None, None))[0],
         "tier": states.get(cid, (None, None))[1]}
        for cid, bal in out.items()
    ]


def offline_stored_value_spent(
    session: Session, till_id: str, card_id: str, since_utc: str, until_utc: str
) -> int:
    """Stored value this till let the card spend without head office, in [since, until).

    Spends head office authorised online (see `mark_online_authorised`) do not count against
    the offline limit: head office already held that money for us.
    """
    online = select(func.substr(SyncState.key, len(ONLINE_AUTH_PREFIX) + 1)).where(
        SyncState.key.like(f"{ONLINE_AUTH_PREFIX}%")
    )
    spent = session.scalar(
        select(func.coalesce(func.sum(-JournalEntry.amount), 0)).where(
            JournalEntry.till_id == till_id,
            JournalEntry.card_id == card_id,
            JournalEntry.account == "stored_value",
            JournalEntry.amount < 0,
            JournalEntry.created_at >= since_utc,
            JournalEntry.created_at < until_utc,
            JournalEntry.operation_id.not_in(online),
        )
    )
    return int(spent or 0)


def mark_online_authorised(session: Session, operation_id: str, reservation_id: str) -> None:
    set_state(session, f"{ONLINE_AUTH_PREFIX}{operation_id}", reservation_id)


def stored_value_balance(session: Session, card_id: str) -> int:
    value = session.scalar(
        select(Balance.balance).where(Balance.card_id == card_id, Balance.account == "stored_value")
    )
    return int(value or 0)


def card_flag(session: Session, card_id: str) -> str | None:
    """Head office's flag on a card (e.g. "overdrawn"), as last pulled."""
    return session.scalar(select(Card.flagged).where(Card.id == card_id))
