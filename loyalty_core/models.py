"""The till database, as SQLAlchemy 2 typed models.

Derived tables (balances, point_lots, members, cards, sales, vouchers, memberships, partner
references, approvals, shifts) are caches of the journal, written by `loyalty_core.projection` in
the same transaction as the entries that move them; `verify` rebuilds them and compares.
Every schema change goes through an Alembic revision in `migrations/versions`.

Over 400 lines on purpose: it is the catalogue of the till's tables (as head office's
`schema.py` is of its own), each a short class with its reason, read beside the migrations;
`Base.metadata` must hold them all (the migrations test, `verify`'s empty copy), and split by
concern it would hide which tables exist.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Setting(Base):
    """Key/value configuration of this till (its id, name, store)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """Sync cursors and status; written by the sync client through loyalty_core.syncstore."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RuleVersion(Base):
    """Program rules, versioned; an entry records the version that valued it."""

    __tablename__ = "rule_versions"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    effective_from: Mapped[str] = mapped_column(String(32))  # ISO UTC
    rules: Mapped[dict[str, Any]]


class Tier(Base):
    __tablename__ = "tiers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer, unique=True)
    # Tier-qualifying spend (VND) at which a member enters this tier.
    threshold: Mapped[int] = mapped_column(Integer, default=0)
    # 100 = x1.0; integers so no float ever touches points.
    earn_multiplier_pct: Mapped[int] = mapped_column(Integer, default=100)
    discount_bp: Mapped[int] = mapped_column(Integer, default=0)  # 100 bp = 1 %
    birthday_points: Mapped[int] = mapped_column(Integer, default=0)


class Member(Base):
    __tablename__ = "members"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    birthday: Mapped[str | None] = mapped_column(String(10))  # YYYY-MM-DD
    email: Mapped[str | None] = mapped_column(String(200))
    segment: Mapped[str | None] = mapped_column(String(64))
    consent_marketing: Mapped[bool] = mapped_column(default=False)
    consent_sms: Mapped[bool] = mapped_column(default=False)
    tier_id: Mapped[str | None] = mapped_column(ForeignKey("tiers.id"))
    referrer_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[str] = mapped_column(String(32))
    # (created_at, till_id, seq) of the entry that set tier_id: an older one arriving later
    # does not overwrite it (loyalty_core.projection.state_key).
    tier_key: Mapped[str | None] = mapped_column(String(120))
    # Search keys (loyalty_core.memberkeys): the folded name and the phone's digits reversed,
    # so "nguyen thi" and "the last six digits" are both index prefix searches.
    name_key: Mapped[str | None] = mapped_column(String(200), index=True)
    phone_rev: Mapped[str | None] = mapped_column(String(32), index=True)
    # Qualifying spend of every card of the member since the cards began, kept by triggers
    # (migration 0016): the bound a sale checks before it sums the tier window.
    lifetime_qualifying_spend: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Card(Base):
    __tablename__ = "cards"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    uid: Mapped[str | None] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    status_reason: Mapped[str | None] = mapped_column(String(200))
    expires_on: Mapped[str | None] = mapped_column(String(10))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), index=True)
    flagged: Mapped[str | None] = mapped_column(String(64))  # e.g. "overdrawn", set by head office
    created_at: Mapped[str] = mapped_column(String(32))
    # Key of the entry that set status (and member, expiry): see Member.tier_key.
    status_key: Mapped[str | None] = mapped_column(String(120))


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # cashier, supervisor, manager
    pin_hash: Mapped[str] = mapped_column(Text)
    card_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String(32))
    # Lock-outs in a row (reset by a right PIN): each one lasts longer (staff.lockout_seconds).
    lockouts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(default=True)


class Shift(Base):
    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[str] = mapped_column(String(32))
    opening_float: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[str | None] = mapped_column(String(32))
    closed_by: Mapped[str | None] = mapped_column(String(36))
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The till that opened it: pulled shifts of the store's other tills are held here too, and
    # a till's own open shift is the one its cashiers sell on (migration 0013).
    till_id: Mapped[str | None] = mapped_column(String(64))


class Sale(Base):
    __tablename__ = "sales"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    operation_id: Mapped[str] = mapped_column(String(64), unique=True)
    till_id: Mapped[str] = mapped_column(String(36))
    shift_id: Mapped[str | None] = mapped_column(String(36), index=True)
    staff_id: Mapped[str | None] = mapped_column(String(36))
    card_id: Mapped[str | None] = mapped_column(String(36), index=True)
    amount: Mapped[int] = mapped_column(Integer)  # gross bill, VND
    discount: Mapped[int] = mapped_column(Integer, default=0)
    points_redeemed: Mapped[int] = mapped_column(Integer, default=0)
    stored_value_used: Mapped[int] = mapped_column(Integer, default=0)
    cash_due: Mapped[int] = mapped_column(Integer, default=0)  # rest, by cash or external card
    points_earned: Mapped[int] = mapped_column(Integer, default=0)
    lines: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String(32))
    # "<till>-000123", from the sale entry's payload: a refund finds the sale by it.
    receipt_no: Mapped[str | None] = mapped_column(String(40), index=True)


class Operation(Base):
    """Client operation ids already done, with their result: makes every service idempotent."""

    __tablename__ = "operations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    result: Mapped[dict[str, Any]]
    created_at: Mapped[str] = mapped_column(String(32))


class Approval(Base):
    __tablename__ = "approvals"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    supervisor_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    requested_by: Mapped[str | None] = mapped_column(String(36))
    operation: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict[str, Any]]
    created_at: Mapped[str] = mapped_column(String(32))
    used_by_operation: Mapped[str | None] = mapped_column(String(64))


class JournalEntry(Base):
    """Append-only; triggers in the initial migration refuse UPDATE and DELETE."""

    __tablename__ = "journal"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    till_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    card_id: Mapped[str | None] = mapped_column(String(36))
    account: Mapped[str | None] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(Integer, default=0)
    operation_id: Mapped[str] = mapped_column(String(64))
    sale_id: Mapped[str | None] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    approval_id: Mapped[str | None] = mapped_column(String(36))
    rule_version: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # The till's clock corrected by its measured offset from head office (loyalty_core.clocks);
    # hashed when present. Null before the till first heard from head office.
    corrected_at: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        UniqueConstraint("till_id", "seq", name="uq_journal_till_seq"),
        Index("ix_journal_card", "card_id", "account"),
        Index("ix_journal_sale", "sale_id"),
    )


class RedactedEntry(Base):
    """A pulled entry head office served redacted (least data per till: another store's member
    data withheld, card numbers keyed): its hash is the original's, so `verify` checks its
    place in the chain but cannot recompute it (migration 0012)."""

    __tablename__ = "redacted_entries"
    entry_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class QuarantinedEntry(Base):
    """A pulled entry this till could not or must not apply (a conflict, a refusal by head
    office, an error): kept whole, with no effect, so sync moves on (loyalty_core.syncstore)."""

    __tablename__ = "sync_quarantine"
    entry_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    till_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    entry: Mapped[dict[str, Any]]
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(32))
    # When head office was told about it (the sync worker reports it); null until then.
    reported_at: Mapped[str | None] = mapped_column(String(32))


class Balance(Base):
    __tablename__ = "balances"
    card_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account: Mapped[str] = mapped_column(String(24), primary_key=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)


class PointLot(Base):
    """One earn = one lot; `remaining` is derived from the redeem/expire entries that consumed it."""

    __tablename__ = "point_lots"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the earning entry's id
    card_id: Mapped[str] = mapped_column(String(36))
    amount: Mapped[int] = mapped_column(Integer)
    remaining: Mapped[int] = mapped_column(Integer)
    expires_on: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (Index("ix_lots_card_expiry", "card_id", "remaining", "expires_on"),)


class Program(Base):
    """A loyalty program the shop runs: cashback, birthday, occasion, discount card, referral,
    enrolment bonus, coalition partner. `params` holds its integers (bp, pct, thresholds)."""

    __tablename__ = "programs"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    name: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict[str, Any]]
    starts_on: Mapped[str | None] = mapped_column(String(10))
    ends_on: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    # Head office's definition (loyalty_core.definitions): one row per version, in force from
    # its effective time (UTC) until a newer version of the same code is.
    code: Mapped[str | None] = mapped_column(String(40), index=True)
    version: Mapped[int | None] = mapped_column(Integer)
    effective_from: Mapped[str | None] = mapped_column(String(32))


class Voucher(Base):
    """Projected from voucher.issue / voucher.use / voucher.restore entries."""

    __tablename__ = "vouchers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # percent | fixed
    value: Mapped[int] = mapped_column(Integer)  # bp for percent, VND for fixed
    min_spend: Mapped[int] = mapped_column(Integer, default=0)
    max_uses: Mapped[int] = mapped_column(Integer, default=1)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[str] = mapped_column(String(10))
    valid_to: Mapped[str] = mapped_column(String(10))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(32))


class Reward(Base):
    __tablename__ = "rewards"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    points_cost: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)


class RewardStock(Base):
    __tablename__ = "reward_stock"
    reward_id: Mapped[str] = mapped_column(ForeignKey("rewards.id"), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)


class MembershipPlan(Base):
    __tablename__ = "membership_plans"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    fee: Mapped[int] = mapped_column(Integer)
    term_days: Mapped[int] = mapped_column(Integer)
    discount_bp: Mapped[int] = mapped_column(Integer, default=0)
    earn_multiplier_pct: Mapped[int] = mapped_column(Integer, default=100)
    # Head office's version in force here; sold only from its effective time (UTC) and while
    # active (members who bought it keep its benefits to the end of their term).
    version: Mapped[int | None] = mapped_column(Integer)
    effective_from: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)


class Definition(Base):
    """Every definition head office sent (loyalty_core.definitions), as it came: the record the
    programs, plans and vouchers tables are applied from (verify replays vouchers from it)."""

    __tablename__ = "definitions"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str | None] = mapped_column(String(64))
    effective_from: Mapped[str] = mapped_column(String(32))
    body: Mapped[dict[str, Any]]
    received_at: Mapped[str] = mapped_column(String(32))


class Membership(Base):
    """Projected from membership.buy entries: one row per member and plan."""

    __tablename__ = "memberships"
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    starts_on: Mapped[str] = mapped_column(String(10))
    ends_on: Mapped[str] = mapped_column(String(10))


class PartnerReference(Base):
    """A partner's transfer reference may be converted once: the key makes it so."""

    __tablename__ = "partner_references"
    partner: Mapped[str] = mapped_column(String(64), primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(36))


class SnapshotBaseline(Base):
    """The snapshot this till joined its chain from (`loyalty_core.snapshotload`), exactly as
    head office sent it, in zlib-compressed chunks: `verify` replays the journal on top of it."""

    __tablename__ = "snapshot_baseline"
    chunk: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SnapshotVoucherUse(Base):
    """A voucher's uses head office had counted when this till joined (voucher.use entries it
    never pulled): a voucher head office's definition brings later starts from them."""

    __tablename__ = "snapshot_voucher_uses"
    voucher_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    uses: Mapped[int] = mapped_column(Integer)


class SnapshotSpend(Base):
    """Qualifying spend per card and day (the entry's UTC date) of the tier window before this
    till joined: the tier rule's window adds it to the journal's (`member_qualifying_spend`).

    Rows arrive day by day (head office's window is a range of its (day, card) key): appended
    under a row id and indexed by card once at the end of the load (`snapshotload`), half the
    time of inserting them into a (card, day) key in that order at 1,000,000 members. The
    index covers the question (card, day range, amount)."""

    __tablename__ = "snapshot_spend"
    __table_args__ = (Index("ix_snapshot_spend_card", "card_id", "day", "amount"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[str] = mapped_column(String(10))
    card_id: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int] = mapped_column(Integer)


class SnapshotEntry(Base):
    """Entries of the sales in the refund window before this till joined, as their tills wrote
    and hashed them: a refund reads a sale's entries (tenders, cashback, voucher uses, earlier
    refunds). Not the journal: they are neither this till's chain nor pulled, and their effects
    are already in the snapshot's rows."""

    __tablename__ = "snapshot_entries"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    till_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    card_id: Mapped[str | None] = mapped_column(String(64))
    account: Mapped[str | None] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(Integer)
    operation_id: Mapped[str] = mapped_column(String(64))
    sale_id: Mapped[str | None] = mapped_column(String(64), index=True)
    staff_id: Mapped[str | None] = mapped_column(String(64))
    approval_id: Mapped[str | None] = mapped_column(String(64))
    rule_version: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, exactly as hashed
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    corrected_at: Mapped[str | None] = mapped_column(String(32))
