"""The sync wire format, shared by the till client and the head-office server.

One set of pydantic models validates both ends, so a field added on one side and forgotten on
the other fails in a test instead of in a shop. Money and points are `StrictInt`: a JSON float
or a numeric string is refused rather than rounded.

Over 400 lines on purpose: the whole wire format in one module is the contract between the two
ends, read as one document; the models are short declarations with shared field types.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from loyalty_core.bounds import MAX_ID, MAX_TEXT, MAX_WIRE_AMOUNT
from loyalty_core.canonical import ENTRY_FIELDS

API_PREFIX = "/v1"
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_PUSH_ENTRIES = 2000
MAX_PULL_ENTRIES = 2000
MAX_RECONCILE_CARDS = 5000

# Integers the database columns can hold: BIGINT (money, points, seqs) and INTEGER. Money is
# bounded well inside BIGINT so summing a card's entries cannot overflow it. Sizes and amounts
# come from loyalty_core.bounds, the till's own limits, so nothing a till accepts is refused here.
MAX_BIGINT = 2**63 - 1
MAX_INT = 2**31 - 1
MAX_AMOUNT = MAX_WIRE_AMOUNT


# Text every database stores: no NUL (PostgreSQL refuses it). A lone surrogate never gets this
# far: pydantic's JSON parser and its str conversion refuse it. A pattern rather than a Python
# validator: checked in pydantic-core, it costs nothing per entry.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Id = Annotated[Text, StringConstraints(min_length=1, max_length=MAX_ID)]
ShortText = Annotated[Text, StringConstraints(max_length=MAX_TEXT)]
Name = Annotated[Text, StringConstraints(min_length=1, max_length=64)]
Stamp = Annotated[Text, StringConstraints(min_length=1, max_length=32)]
Seq = Annotated[StrictInt, Field(ge=0, le=MAX_BIGINT)]
Money = Annotated[StrictInt, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
Int32 = Annotated[int, Field(ge=-MAX_INT, le=MAX_INT)]
Int64 = Annotated[int, Field(ge=-MAX_BIGINT, le=MAX_BIGINT)]


def valid_id(value: str) -> bool:
    """Whether `value` is an `Id` (for ids that arrive in a URL path)."""
    return 0 < len(value) <= MAX_ID and "\x00" not in value and value.isprintable()


class _Strict(BaseModel):
    """Unknown fields are refused: a typo in a field name must not be silently dropped."""

    model_config = ConfigDict(extra="forbid")


class WireEntry(_Strict):
    """One journal entry exactly as docs/ARCHITECTURE.md defines its wire form."""

    id: Id
    till_id: Id
    seq: Annotated[StrictInt, Field(ge=1, le=MAX_BIGINT)]
    created_at: Annotated[Text, StringConstraints(min_length=20, max_length=32)]
    kind: Name
    card_id: Id | None = None
    account: Annotated[Text, StringConstraints(max_length=24)] | None = None
    amount: Money
    operation_id: Id
    sale_id: Id | None = None
    staff_id: Id | None = None
    approval_id: Id | None = None
    rule_version: Annotated[StrictInt, Field(ge=-MAX_INT, le=MAX_INT)] | None = None
    reason: ShortText | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    prev_hash: Hash
    hash: Hash
    # The till's clock corrected by its offset from head office; hashed when present.
    corrected_at: Annotated[Text, StringConstraints(min_length=20, max_length=32)] | None = None

    def hashed_fields(self) -> dict[str, Any]:
        fields = {name: getattr(self, name) for name in ENTRY_FIELDS}
        if self.corrected_at is not None:
            fields["corrected_at"] = self.corrected_at
        return fields


class RegisterRequest(_Strict):
    code: Annotated[Text, StringConstraints(min_length=8, max_length=128)]
    till_id: Id | None = None
    name: ShortText = ""


class RegisterResponse(_Strict):
    till_id: str
    secret: str
    store_id: str
    # Pinned by the till at enrolment (its key file): head office's Ed25519 public key, which
    # signs every answer (sync.wire.answers), and the chain key that turns other stores' card
    # numbers into keyed hashes (loyalty_core.cardkeys). Empty from an older head office.
    ho_public_key: str = ""
    chain_key: str = ""


class PushRequest(_Strict):
    entries: list[WireEntry] = Field(max_length=MAX_PUSH_ENTRIES)


class Refusal(_Strict):
    """One pushed entry head office quarantined: the till's status bar shows the reason."""

    id: Id
    seq: int
    code: Name
    reason: Annotated[Text, StringConstraints(max_length=1000)]


class PushResponse(_Strict):
    """`acked_seq` is the highest seq held with no gap below it; `missing` lists the gaps."""

    acked_seq: int
    acked_hash: str
    missing: list[tuple[int, int]]
    inserted: int
    duplicates: int
    # Entries held but quarantined by head office's checks (no effect anywhere), with why.
    refused: list[Refusal] = Field(default_factory=list)


class PullRequest(_Strict):
    """Three cursors: other tills' entries (ingest order), head-office objects, card flags.

    Objects (rules, tiers, staff, rewards) come with every page because entries may refer to
    them (an approval names a supervisor); card flags come only with the last page because
    they refer to cards that earlier pages may still be delivering.
    """

    journal_cursor: Seq
    objects_cursor: Seq
    flags_cursor: Seq = 0
    limit: StrictInt = Field(default=1000, ge=1, le=MAX_PULL_ENTRIES)


class RuleOut(_Strict):
    version: Int32
    effective_from: Stamp
    rules: dict[Text, Any]


class TierOut(_Strict):
    id: Id
    code: Annotated[Text, StringConstraints(min_length=1, max_length=32)]
    name: Name
    rank: Int32
    threshold: Int64
    earn_multiplier_pct: Int32
    discount_bp: Int32
    birthday_points: Int32


class StaffOut(_Strict):
    id: Id
    code: Annotated[Text, StringConstraints(min_length=1, max_length=32)]
    name: ShortText
    role: Annotated[Text, StringConstraints(min_length=1, max_length=16)]
    pin_hash: Annotated[Text, StringConstraints(max_length=1000)]
    card_number: Annotated[Text, StringConstraints(max_length=32)] | None
    active: bool
    store_id: Id | None = None  # None: works at every store


class RewardOut(_Strict):
    id: Id
    store_id: Id
    name: ShortText
    points_cost: Int64
    stock: Int32
    active: bool


class MemberDetailsOut(_Strict):
    """A member's personal data, sent to a till once the member is seen at its store."""

    id: Id
    name: ShortText
    phone: Annotated[Text, StringConstraints(max_length=64)] | None = None
    birthday: Annotated[Text, StringConstraints(max_length=10)] | None = None
    email: Annotated[Text, StringConstraints(max_length=320)] | None = None


class DefinitionOut(_Strict):
    """A head-office definition (program, plan, partner, voucher): the envelope of
    `loyalty_core.definitions_schema`, which both ends use to check the body."""

    kind: Annotated[Text, StringConstraints(min_length=1, max_length=16)]
    code: Annotated[Text, StringConstraints(min_length=1, max_length=40)]
    version: Annotated[StrictInt, Field(ge=1, le=MAX_INT)]
    id: Id
    store_id: Id | None = None  # None: every store
    effective_from: Stamp
    body: dict[Text, Any]


class CardFlagOut(_Strict):
    """Head office's opinion of a card; `flagged` is None once the problem is gone."""

    card_id: str
    flagged: str | None
    stored_value: int


class PullResponse(_Strict):
    entries: list[WireEntry]
    journal_cursor: int
    more: bool
    objects_cursor: int
    flags_cursor: int
    rules: list[RuleOut]
    tiers: list[TierOut]
    staff: list[StaffOut]
    rewards: list[RewardOut]
    card_flags: list[CardFlagOut]
    server_time: str
    # Programs, plans, partners and vouchers of this till's store or of every store.
    definitions: list[DefinitionOut] = Field(default_factory=list)
    # Ids of entries in `entries` head office quarantined: a till keeps them without effect.
    quarantined: list[Id] = Field(default_factory=list)
    # How many active tills the chain's offline limits are split between, and how many of this
    # till's store share its reward stock (docs/SYNC.md "Offline allowances").
    chain_tills: Annotated[StrictInt, Field(ge=1, le=MAX_INT)] = 1
    store_tills: Annotated[StrictInt, Field(ge=1, le=MAX_INT)] = 1
    # Ids of entries in `entries` served redacted (another store's member data withheld, card
    # numbers as keyed hashes): their hash is the original's, vouched for by the signature.
    redacted: list[Id] = Field(default_factory=list)
    # Members newly seen at this till's store: their personal data (services/visibility.py).
    members: list[MemberDetailsOut] = Field(default_factory=list)


class LookupRequest(_Strict):
    """Online lookup of a member this till does not hold: by a full card number or a phone."""

    number: Annotated[Text, StringConstraints(min_length=6, max_length=32)] | None = None
    phone: Annotated[Text, StringConstraints(min_length=6, max_length=32)] | None = None


class LookupCard(_Strict):
    card_id: str
    masked: str
    kind: str | None
    status: str | None


class LookupMember(_Strict):
    member: MemberDetailsOut
    cards: list[LookupCard]


class LookupResponse(_Strict):
    found: list[LookupMember]


class ReserveRequest(_Strict):
    """`reservation_id` is made by the till so a retried request cannot hold the money twice."""

    reservation_id: Id
    card_id: Id
    amount: Annotated[StrictInt, Field(gt=0, le=MAX_AMOUNT)]
    # Known up front, the spend entry settles the hold even if the confirm never arrives.
    operation_id: Id | None = None


class ReservationOut(_Strict):
    reservation_id: str
    card_id: str
    amount: int
    status: str
    expires_at: str
    available: int


Resource = Literal["stored_value", "points", "voucher", "reward"]
# Room for "/<item>" after a hold id in the reservations row id (String(64)).
HoldId = Annotated[Text, StringConstraints(min_length=1, max_length=60)]


class HoldItem(_Strict):
    """One limited resource held: stored value or points on the hold's card (no subject), a
    voucher's uses (subject = voucher id) or a unit of a reward at the till's store (subject =
    reward id)."""

    resource: Resource
    subject: Id | None = None
    amount: Annotated[StrictInt, Field(gt=0, le=MAX_AMOUNT)]


class HoldRequest(_Strict):
    """Every resource one operation uses, held at once or not at all. `hold_id` is made by the
    till (a retry holds once); `operation_id` is the operation's, so its pushed entries settle
    the hold even if the till never gets to confirm it."""

    hold_id: HoldId
    operation_id: Id
    card_id: Id | None = None
    items: list[HoldItem] = Field(min_length=1, max_length=8)


class HoldItemOut(_Strict):
    resource: str
    subject: str | None
    amount: int
    # What is left after this hold when it is taken; None when head office does not know the
    # subject yet (a voucher or reward whose defining entry has not reached it: not coordinated)
    # and on the answers to a retry, a confirm or a release (not worked out again).
    available: int | None


class HoldOut(_Strict):
    hold_id: str
    status: str
    expires_at: str
    items: list[HoldItemOut]


class StockMove(_Strict):
    """Stock received (positive) or written off (negative) for a reward at one store."""

    reward_id: Id
    store_id: Id
    quantity: Annotated[StrictInt, Field(ge=-MAX_INT, le=MAX_INT)]


class ConfirmRequest(_Strict):
    """The operation id of the spend lets head office drop the hold once its entry arrives."""

    operation_id: Id


class TillDigest(_Strict):
    count: Seq
    last_seq: Seq
    last_hash: Annotated[Text, StringConstraints(max_length=64)]


class CardBalances(_Strict):
    card_id: Id
    balances: dict[Annotated[Text, StringConstraints(max_length=24)], Money]
    # The card's status and its member's tier id as the till has them (compared too).
    status: Annotated[Text, StringConstraints(max_length=16)] | None = None
    tier: Id | None = None


class ReconcileRequest(_Strict):
    """One chunk of a nightly run: cards with `first < card_id <= last`, in id order.

    The bounds let head office also report cards it holds in that range and the till lacks.
    Chunk 0 has `first == ""`; the final chunk's upper bound is open. The digest travels in
    chunk 0 only.
    """

    run_id: Id
    chunk: Annotated[StrictInt, Field(ge=0, le=MAX_INT)]
    first: Annotated[Text, StringConstraints(max_length=64)]
    last: Annotated[Text, StringConstraints(max_length=64)]
    final: bool
    cards: list[CardBalances] = Field(max_length=MAX_RECONCILE_CARDS)
    digest: dict[Id, TillDigest] | None = Field(default=None, max_length=10_000)


class Difference(_Strict):
    what: str  # "balance", "journal", "status", "tier"
    card_id: str | None = None
    account: str | None = None
    till_id: str | None = None
    till_value: Any = None
    head_office_value: Any = None
    note: str = ""


class ReconcileResponse(_Strict):
    run_id: str
    chunk: int
    differences: list[Difference]


class FlaggedCard(_Strict):
    """A card in the flags worklist: every resource it overused and by how much."""

    card_id: str
    number: str | None
    flagged: str
    stored_value: int
    points: int
    overuse: list[dict[str, Any]]
    flagged_at: str


class OverdrawnCard(_Strict):
    card_id: str
    number: str | None
    stored_value: int
    flagged_at: str


class EnrolmentCodeOut(_Strict):
    code: str
    store_id: str
    expires_at: str


MAX_QUARANTINE_REPORT = 500


class QuarantinedOut(_Strict):
    """One entry a till quarantined when it pulled it (its `sync_quarantine` row)."""

    entry_id: Id
    till_id: Id  # the till that wrote the entry
    seq: Seq
    kind: Annotated[Text, StringConstraints(max_length=64)]
    reason: Annotated[Text, StringConstraints(max_length=1000)]
    at: Stamp


class QuarantineReport(_Strict):
    """A till tells head office what it holds without effect (sent again until stored)."""

    entries: list[QuarantinedOut] = Field(max_length=MAX_QUARANTINE_REPORT)


class QuarantineReportOut(_Strict):
    stored: int
