"""The till-side SQL of offline allowances: what this till let go without head office, and the
local figures (voucher uses, reward stock) an allowance is capped by.

Like `syncstore`, this is sync's SQL on the till, kept in loyalty_core (the till has no SQL
anywhere else); `sync.till.allowance` holds the policy.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loyalty_core.entries import Kind
from loyalty_core.models import JournalEntry, Reward, RewardStock, SyncState, Voucher
from loyalty_core.syncstore import (
    CHAIN_TILLS,
    ONLINE_AUTH_PREFIX,
    PULLED_AT,
    STORE_TILLS,
    get_state,
)


def tills(session: Session) -> tuple[int, int]:
    """(tills of the chain, tills of this store); 1 each before the first pull."""
    return (
        max(1, int(get_state(session, CHAIN_TILLS, "1") or 1)),
        max(1, int(get_state(session, STORE_TILLS, "1") or 1)),
    )


def _offline(query: object) -> object:
    """Leave out operations head office held online (`syncstore.mark_online_authorised`)."""
    online = select(func.substr(SyncState.key, len(ONLINE_AUTH_PREFIX) + 1)).where(
        SyncState.key.like(f"{ONLINE_AUTH_PREFIX}%")
    )
    return query.where(JournalEntry.operation_id.not_in(online))  # type: ignore[attr-defined]


def offline_points_spent(
    session: Session, till_id: str, card_id: str, since_utc: str, until_utc: str
) -> int:
    """Points this till let the card spend without head office in [since, until)."""
    query = select(func.coalesce(func.sum(-JournalEntry.amount), 0)).where(
        JournalEntry.till_id == till_id,
        JournalEntry.card_id == card_id,
        JournalEntry.account == "points",
        JournalEntry.amount < 0,
        JournalEntry.kind.in_((Kind.REDEEM, Kind.REWARD_REDEEM)),
        JournalEntry.created_at >= since_utc,
        JournalEntry.created_at < until_utc,
    )
    return int(session.scalar(_offline(query)) or 0)  # type: ignore[arg-type]


def own_uses_since(
    session: Session, till_id: str, kind: str, key: str, subject: str, since_utc: str
) -> int:
    """Entries of `kind` this till wrote after `since_utc` whose payload's `key` is `subject`
    (a voucher's uses, a reward's units), online or not."""
    return int(session.scalar(
        select(func.count()).select_from(JournalEntry).where(
            JournalEntry.till_id == till_id,
            JournalEntry.kind == kind,
            func.json_extract(JournalEntry.payload, f"$.{key}") == subject,
            JournalEntry.created_at > since_utc,
        )
    ) or 0)


def pulled_at(session: Session) -> str:
    """When this till last applied a pull ("" never: every use counts as since then)."""
    return get_state(session, PULLED_AT, "") or ""


def voucher(session: Session, code: str) -> tuple[str, int, int] | None:
    """(id, max_uses, uses) of the voucher with this code, as this till knows it."""
    row = session.execute(
        select(Voucher.id, Voucher.max_uses, Voucher.uses).where(Voucher.code == code)
    ).first()
    return None if row is None else (row[0], int(row[1]), int(row[2]))


def reward(session: Session, code: str, store_id: str) -> tuple[str, int, int] | None:
    """(id, points cost, units in stock here) of the reward with this code."""
    row = session.execute(
        select(Reward.id, Reward.points_cost, func.coalesce(RewardStock.quantity, 0))
        .select_from(Reward)
        .outerjoin(RewardStock, (RewardStock.reward_id == Reward.id)
                   & (RewardStock.store_id == store_id))
        .where(Reward.code == code)
    ).first()
    return None if row is None else (row[0], int(row[1]), int(row[2]))


def reward_units(session: Session, reward_id: str, store_id: str) -> int:
    """Units in stock here as this till counts them (head office's received less every
    redemption this till's journal holds)."""
    value = session.scalar(
        select(RewardStock.quantity).where(
            RewardStock.reward_id == reward_id, RewardStock.store_id == store_id
        )
    )
    return int(value or 0)


def voucher_by_id(session: Session, voucher_id: str) -> tuple[int, int] | None:
    """(max_uses, uses) of a voucher as this till knows it."""
    row = session.execute(
        select(Voucher.max_uses, Voucher.uses).where(Voucher.id == voucher_id)
    ).first()
    return None if row is None else (int(row[0]), int(row[1]))


def unpushed_for_card(session: Session, till_id: str, card_id: str, acked_seq: int) -> bool:
    """Whether this till wrote entries for the card head office has not acknowledged: then
    head office's balance is behind ours and cannot judge a hold on it."""
    return session.scalar(
        select(JournalEntry.id).where(
            JournalEntry.till_id == till_id,
            JournalEntry.card_id == card_id,
            JournalEntry.seq > acked_seq,
        ).limit(1)
    ) is not None
