"""Head-office tables (SQLAlchemy Core), mirrored by the Alembic revisions in migrations/.

Core rather than ORM: the server's work is set-based (bulk insert with ON CONFLICT, summed
balance upserts) and Core says exactly which SQL runs on both SQLite and PostgreSQL.
Money is BigInteger: a busy store's stored-value total passes 2^31 đồng quickly. Text columns
that hold what a till accepted are sized from loyalty_core.bounds, the till's own limits.

Over 400 lines on purpose: it is the catalogue of head office's tables, each a short block with
its reason, read as one list beside the migrations; split by concern it would hide which tables
exist and scatter the dialect notes they share.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from loyalty_core.bounds import MAX_EMAIL, MAX_PHONE_TEXT, MAX_SEGMENT_COLUMN, MAX_TEXT

metadata = MetaData()

# One row, "change": every ingest and every head-office object edit takes the next values
# under this row's lock, so commit order equals sequence order and a pull cursor never skips.
counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

tills = Table(
    "tills",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("store_id", String(64), nullable=False),
    # No secret here: a till's secret is HMAC(master key, till id, generation), the master key
    # given to head office at start (services/tillsecrets.py). `secret` only ever holds a
    # secret issued before that (migration ho0004), until the next start seals it into
    # `secret_wrap` (encrypted under the master key).
    Column("secret", String(128)),
    Column("secret_wrap", String(256)),
    Column("secret_gen", Integer, nullable=False, server_default="1"),
    Column("pending_gen", Integer),
    Column("status", String(16), nullable=False),  # active, revoked
    Column("registered_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("store_id", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("till_id", String(64)),
)

nonces = Table(
    "nonces",
    metadata,
    Column("till_id", String(64), nullable=False),
    Column("nonce", String(64), nullable=False),
    Column("seen_at", BigInteger, nullable=False),
    PrimaryKeyConstraint("till_id", "nonce"),
    Index("ix_nonces_seen_at", "seen_at"),
)

journal = Table(
    "journal",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("till_id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("card_id", String(64)),
    Column("account", String(24)),
    Column("amount", BigInteger, nullable=False),
    Column("operation_id", String(64), nullable=False),
    Column("sale_id", String(64)),
    Column("staff_id", String(64)),
    Column("approval_id", String(64)),
    Column("rule_version", Integer),
    Column("reason", String(MAX_TEXT)),
    Column("payload", Text, nullable=False),  # canonical JSON, exactly as hashed
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # Set when the entry becomes contiguous with its till's chain; the pull cursor.
    Column("ingest_seq", BigInteger, unique=True),
    Column("received_at", String(32), nullable=False),
    # The till's clock corrected by its measured offset from head office (`created_at` is the
    # till's own clock); hashed when present (loyalty_core.canonical). Revision ho0009.
    Column("corrected_at", String(32)),
    UniqueConstraint("till_id", "seq", name="uq_journal_till_seq"),
    Index("ix_journal_card", "card_id"),
    Index("ix_journal_operation", "operation_id"),
    # A joining till's snapshot carries the entries of recent sales (services/snapshot.py).
    # Revision ho0012.
    Index("ix_journal_sale", "sale_id", sqlite_where=text("sale_id IS NOT NULL"),
          postgresql_where=text("sale_id IS NOT NULL")),
)

till_progress = Table(
    "till_progress",
    metadata,
    Column("till_id", String(64), primary_key=True),
    Column("acked_seq", BigInteger, nullable=False),
    Column("acked_hash", String(64), nullable=False),
)

members = Table(
    "members",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(MAX_TEXT), nullable=False),
    Column("phone", String(MAX_PHONE_TEXT), index=True),
    Column("birthday", String(10)),
    Column("email", String(MAX_EMAIL)),
    Column("segment", String(MAX_SEGMENT_COLUMN)),
    Column("tier", String(64)),
    Column("tier_at", String(32)),
    # The projection's ordering key of the last tier entry applied: (created_at, till_id, seq).
    Column("tier_key", String(128)),
    Column("details", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    # 'MM-DD' of `birthday`, kept by the projection (revision ho0011): the birthday gift job
    # finds the day's members by an index range, not a scan of every member.
    Column("birthday_md", String(5)),
    Index("ix_members_birthday_md", "birthday_md", "id"),
)

cards = Table(
    "cards",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("number", String(32), index=True),
    Column("kind", String(16)),
    Column("member_id", String(64), index=True),
    Column("status", String(16)),
    Column("status_reason", String(MAX_TEXT)),
    Column("status_at", String(32)),
    # The projection's ordering key of the last status entry applied: (created_at, till_id, seq).
    Column("status_key", String(128)),
    Column("expires_on", String(10)),
    Column("created_at", String(32), nullable=False),
)

balances = Table(
    "balances",
    metadata,
    Column("card_id", String(64), nullable=False),
    Column("account", String(24), nullable=False),
    Column("amount", BigInteger, nullable=False),
    PrimaryKeyConstraint("card_id", "account"),
)

card_flags = Table(
    "card_flags",
    metadata,
    Column("card_id", String(64), primary_key=True),
    Column("flagged", String(64)),
    Column("stored_value", BigInteger, nullable=False),
    Column("flagged_at", String(32), nullable=False),
    Column("change_seq", BigInteger, nullable=False, index=True),
)

rules = Table(
    "rules",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("effective_from", String(32), nullable=False),
    Column("rules", Text, nullable=False),
    Column("change_seq", BigInteger, nullable=False, index=True),
)

tiers = Table(
    "tiers",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("name", String(64), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("threshold", BigInteger, nullable=False),
    Column("earn_multiplier_pct", Integer, nullable=False),
    Column("discount_bp", Integer, nullable=False),
    Column("birthday_points", Integer, nullable=False),
    Column("change_seq", BigInteger, nullable=False, index=True),
)

staff = Table(
    "staff",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("pin_hash", Text, nullable=False),
    Column("card_number", String(32)),
    Column("active", Boolean, nullable=False),
    Column("change_seq", BigInteger, nullable=False, index=True),
    # The store they work at; NULL = every store (area managers). A till pulls only its own
    # store's staff and the chain-wide ones: no other store's PIN hashes or card UIDs.
    Column("store_id", String(64)),
)

rewards = Table(
    "rewards",
    metadata,
    Column("id", String(64), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("points_cost", BigInteger, nullable=False),
    Column("stock", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("change_seq", BigInteger, nullable=False, index=True),
    PrimaryKeyConstraint("id", "store_id"),
)

# Every version of a tier, staff member or reward (services/objectversions.py), revision
# ho0013: the live tables above hold the one in force; `scope` is a reward's store ('' for the
# others). state: scheduled, applied, superseded (its time came with a newer one in force),
# cancelled, failed (the live table refused it; `note` says why). `settled_at`: when it left
# `scheduled`. Nothing is deleted: the history answers what was in force at any time.
object_versions = Table(
    "object_versions",
    metadata,
    Column("kind", String(16), nullable=False),
    Column("object_id", String(64), nullable=False),
    Column("scope", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("effective_from", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("created_by", String(64)),
    Column("settled_at", String(32)),
    Column("note", Text),
    PrimaryKeyConstraint("kind", "object_id", "scope", "version"),
    Index("ix_object_versions_due", "state", "effective_from"),
)

# Programs, membership plans, coalition partners and vouchers, every version (services/
# definitions.py): the body as canonical JSON, checked by loyalty_core.definitions_schema.
# store_id NULL = every store; a till pulls its store's and the chain-wide ones.
definitions = Table(
    "definitions",
    metadata,
    Column("kind", String(16), nullable=False),
    Column("code", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("id", String(64), nullable=False),
    Column("store_id", String(64)),
    Column("effective_from", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("batch", String(64), index=True),
    Column("created_at", String(32), nullable=False),
    Column("change_seq", BigInteger, nullable=False, index=True),
    PrimaryKeyConstraint("kind", "code", "version"),
)

reservations = Table(
    "reservations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("till_id", String(64), nullable=False),
    Column("card_id", String(64), nullable=False, index=True),
    Column("amount", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),  # held, confirmed, settled, released
    Column("operation_id", String(64), index=True),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    # What is held (revision ho0008): stored_value and points on `card_id`; a voucher's uses
    # (subject = voucher id); a reward's stock at the till's store (subject = reward id).
    Column("resource", String(16), nullable=False, server_default="stored_value"),
    Column("subject", String(64)),
    Column("hold_id", String(64), index=True),
    Index("ix_reservations_subject", "resource", "subject"),
)

# A voucher's uses as head office counts them from pushed entries (voucher.issue gives
# `max_uses`, voucher.use / voucher.restore move `uses`): what an online voucher hold checks.
voucher_uses = Table(
    "voucher_uses",
    metadata,
    Column("voucher_id", String(64), primary_key=True),
    Column("code", String(64), index=True),
    Column("max_uses", Integer),
    Column("uses", Integer, nullable=False),
)

# A reward's stock per store as movements: `received` moves only by stock movements
# (services/resources.py), `taken` by pushed reward.redeem entries. Editing the reward never
# touches either, so it cannot reset the stock.
reward_stock = Table(
    "reward_stock",
    metadata,
    Column("reward_id", String(64), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("taken", BigInteger, nullable=False),
    PrimaryKeyConstraint("reward_id", "store_id"),
)

# The overuse worklist: one row per pushed entry that used a voucher or a reward unit beyond
# what there was (two tills offline); its card is flagged until someone settles it.
overuse = Table(
    "overuse",
    metadata,
    Column("entry_id", String(64), nullable=False),
    Column("resource", String(16), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("card_id", String(64), index=True),
    Column("till_id", String(64), nullable=False),
    Column("over", BigInteger, nullable=False),
    Column("at", String(32), nullable=False),
    PrimaryKeyConstraint("entry_id", "resource"),
)

reconciliations = Table(
    "reconciliations",
    metadata,
    Column("till_id", String(64), nullable=False),
    Column("run_id", String(64), nullable=False),
    Column("chunk", Integer, nullable=False),
    Column("at", String(32), nullable=False),
    Column("differences", Text, nullable=False),
    PrimaryKeyConstraint("till_id", "run_id", "chunk"),
)

# Entries head office held (the till's chain stays whole) but refused to give any effect:
# one row per refused entry, with the check that failed. Pull serves them marked as such.
quarantine = Table(
    "quarantine",
    metadata,
    Column("entry_id", String(64), primary_key=True),
    Column("till_id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("code", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Index("ix_quarantine_till", "till_id", "seq"),
)

# The facts the trust checks need that entries establish (services.checks): which store issued
# a card, which shifts of which till are open, which approvals exist, how many points each sale
# may still earn. Written only for entries that passed the checks.
trust_objects = Table(
    "trust_objects",
    metadata,
    Column("kind", String(16), nullable=False),  # card, shift, approval, sale
    Column("id", String(64), nullable=False),
    Column("till_id", String(64), nullable=False),
    Column("store_id", String(64), nullable=False),
    Column("detail", String(64)),  # card: its kind
    Column("open", Boolean, nullable=False),
    Column("value", BigInteger),  # sale: points it may still earn
    PrimaryKeyConstraint("kind", "id"),
)

# Credits that expire, kept for the chain jobs (services/jobs.py): every point lot (the credit
# entry's id, what is left of it after the debits naming it) and every cashback credit (left =
# its amount until a `cashback.expire` names it). `point_lots` below holds every lot whole for
# the snapshot; these exist so expiry is one indexed range over what is due, not a scan.
expiring = Table(
    "expiring",
    metadata,
    Column("id", String(64), primary_key=True),  # the credit entry's id (a lot's id)
    Column("card_id", String(64), nullable=False),
    Column("account", String(24), nullable=False),  # points, stored_value
    Column("remaining", BigInteger, nullable=False),
    Column("expires_on", String(10), nullable=False),
    # Only credits with something left: expired and spent ones leave the index, so each batch
    # of a job reads just what it takes.
    Index("ix_expiring_due", "account", "expires_on", "id",
          sqlite_where=text("remaining > 0"), postgresql_where=text("remaining > 0")),
    Index("ix_expiring_card", "card_id"),
)

# One row per (job, period): `running` while batches commit (`cursor` = the last key done, in
# the same transaction as that batch's entries), `done` once finished; a rerun of a done period
# does nothing and a restart resumes after the cursor (services/jobs.py).
job_runs = Table(
    "job_runs",
    metadata,
    Column("job", String(32), nullable=False),
    Column("period", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    # A key and an id ('MM-DD|member id', 'expires_on|entry id'): ids are up to 64 (ho0011).
    Column("cursor", String(128), nullable=False),
    Column("result", Text, nullable=False),  # canonical JSON of the counts so far
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    PrimaryKeyConstraint("job", "period"),
)

# Least data per till (services/visibility.py): a member seen at a store (a card of theirs used
# there) may have their personal data on that store's tills; `change_seq` is when, so a pull
# sends it once.
member_sightings = Table(
    "member_sightings",
    metadata,
    Column("store_id", String(64), nullable=False),
    Column("member_id", String(64), nullable=False),
    Column("change_seq", BigInteger, nullable=False),
    PrimaryKeyConstraint("store_id", "member_id"),
    Index("ix_member_sightings_change", "store_id", "change_seq"),
)

# Every online lookup a till made (services/lookup.py): its rate limit counts them, and they
# are the audit trail of who asked about whom.
lookups = Table(
    "lookups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("till_id", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Column("by", String(16), nullable=False),  # number, phone
    Column("found", Integer, nullable=False),
    Index("ix_lookups_till_at", "till_id", "at"),
)

# Every card's point lots (the projection's add_lot / take_from_lot), so a new till's snapshot
# carries them (services/snapshot.py). Revision ho0009.
point_lots = Table(
    "point_lots",
    metadata,
    Column("id", String(64), primary_key=True),  # the crediting entry's id
    Column("card_id", String(64), nullable=False, index=False),
    Column("amount", BigInteger, nullable=False),
    Column("remaining", BigInteger, nullable=False),
    Column("expires_on", String(10)),
    Index("ix_point_lots_card", "card_id"),
)

# Entries a till could not apply when it pulled them (its `sync_quarantine`), as it reported
# them (services/tillreports.py): head office sees which till holds what without effect.
till_quarantine = Table(
    "till_quarantine",
    metadata,
    Column("till_id", String(64), nullable=False),  # the till that quarantined it
    Column("entry_id", String(64), nullable=False),
    Column("entry_till_id", String(64), nullable=False),  # the till that wrote it
    Column("seq", BigInteger, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("quarantined_at", String(32), nullable=False),
    Column("reported_at", String(32), nullable=False),
    PrimaryKeyConstraint("till_id", "entry_id"),
)

# What only a joining till needs (services/joinstate.py, services/snapshot.py), kept by the
# shared projection as entries are ingested, so a snapshot reads an indexed range instead of
# scanning the whole journal: every membership (`membership.buy`, the last applied per member
# and plan, as on a till), every sale in the till's shape (a refund at the new till reads
# it), and qualifying spend per (day, card) (the tier window the new till adds to its own
# journal's). Revision ho0012.
memberships = Table(
    "memberships",
    metadata,
    Column("member_id", String(64), nullable=False),
    Column("plan_id", String(64), nullable=False),
    Column("starts_on", String(10), nullable=False),
    Column("ends_on", String(10), nullable=False),
    PrimaryKeyConstraint("member_id", "plan_id"),
)

sales = Table(
    "sales",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("operation_id", String(64), nullable=False),
    Column("till_id", String(64), nullable=False),
    Column("shift_id", String(64)),
    Column("staff_id", String(64)),
    Column("card_id", String(64)),
    Column("amount", BigInteger, nullable=False),
    Column("discount", BigInteger, nullable=False),
    Column("points_redeemed", BigInteger, nullable=False),
    Column("stored_value_used", BigInteger, nullable=False),
    Column("cash_due", BigInteger, nullable=False),
    Column("points_earned", BigInteger, nullable=False),
    Column("lines", Text),  # JSON as the sale entry carried it
    Column("created_at", String(32), nullable=False),
    Column("receipt_no", String(40)),
    Index("ix_sales_created", "created_at", "id"),
)

# Keyed by day first: the snapshot reads the tier window's days, one index range.
spend_days = Table(
    "spend_days",
    metadata,
    Column("day", String(10), nullable=False),  # the entry's created_at date (UTC)
    Column("card_id", String(64), nullable=False),
    Column("amount", BigInteger, nullable=False),
    PrimaryKeyConstraint("day", "card_id"),
)
