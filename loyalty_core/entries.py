"""Every entry kind the journal holds, in one table: the one place that says what a kind means.

Each kind has a row in `REGISTRY`: the account(s) it may move, its sign rule, the bound on its
amount, whether cash changes hands (the Z report's takings), and a frozen payload class. Adding a
kind is one `Kind` member, one payload class (if it carries one) and one row here, plus its
projection rule in `loyalty_core.projection`.

Validation is Beancount-style: a payload checks every field on construction and gathers every
error before refusing (`LoyaltyError("entry.invalid", ...)` with all of them), so a bad entry is
described whole. It runs on every post, so it is kept to plain isinstance checks over field specs
computed once per class (a few µs per entry; the checkout hot path is benchmarked).

The wire form is untouched: the hash covers the payload dict as posted, and the typed payload is
what the projection reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar

from loyalty_core.errors import LoyaltyError

# One bound for money and points on till and head office (sync.protocol.MAX_AMOUNT agrees).
MAX_AMOUNT = 10**15
ACCOUNTS = ("points", "stored_value", "qualifying_spend")


class Kind(StrEnum):
    APPROVAL = "approval"
    SHIFT_OPEN = "shift.open"
    SHIFT_CLOSE = "shift.close"
    MEMBER_ENROLL = "member.enroll"
    CARD_ISSUE = "card.issue"
    CARD_STATUS = "card.status"
    TIER_CHANGE = "tier.change"
    SALE = "sale"
    REDEEM = "redeem"
    SV_SPEND = "sv.spend"
    VOUCHER_ISSUE = "voucher.issue"
    VOUCHER_USE = "voucher.use"
    VOUCHER_RESTORE = "voucher.restore"
    CASHBACK = "cashback"
    CASHBACK_EXPIRE = "cashback.expire"
    EARN = "earn"
    BONUS = "bonus"
    QSPEND = "qspend"
    SV_TOPUP = "sv.topup"
    SV_BONUS = "sv.bonus"
    GIFT_LOAD = "gift.load"
    REFUND = "refund"
    REFUND_EARN = "refund.earn"
    REFUND_REDEEM = "refund.redeem"
    REFUND_SV = "refund.sv"
    REFUND_CASHBACK = "refund.cashback"
    REFUND_QSPEND = "refund.qspend"
    TRANSFER_OUT = "transfer.out"
    TRANSFER_IN = "transfer.in"
    EXPIRE = "expire"
    REWARD_REDEEM = "reward.redeem"
    MEMBERSHIP_BUY = "membership.buy"
    COALITION = "coalition"
    POINTS_ADJUST = "points.adjust"


class Sign(StrEnum):
    CREDIT = "credit"  # amount > 0
    DEBIT = "debit"  # amount < 0
    CREDIT_OR_ZERO = "credit_or_zero"
    DEBIT_OR_ZERO = "debit_or_zero"  # take-backs limited by what is left may take nothing
    ZERO = "zero"  # no account, amount 0: the entry carries state, not value
    EITHER = "either"

    def allows(self, amount: int) -> bool:
        if self is Sign.CREDIT:
            return amount > 0
        if self is Sign.DEBIT:
            return amount < 0
        if self is Sign.CREDIT_OR_ZERO:
            return amount >= 0
        if self is Sign.DEBIT_OR_ZERO:
            return amount <= 0
        if self is Sign.ZERO:
            return amount == 0
        return True


# -- payload types --------------------------------------------------------------------------------

_ABSENT: Any = object()
# Field annotation (as a string: `from __future__ import annotations`) -> accepted types, nullable.
_TYPES: dict[str, tuple[tuple[type, ...], bool]] = {
    "str": ((str,), False),
    "str | None": ((str,), True),
    "int": ((int,), False),
    "int | None": ((int,), True),
    "bool": ((bool,), False),
    "bool | None": ((bool,), True),
    "dict[str, Any]": ((dict,), False),
    "dict[str, Any] | None": ((dict,), True),
    "list[Any]": ((list,), False),
    "list[Any] | None": ((list,), True),
}


@dataclass(frozen=True, slots=True)
class Payload:
    """Base of every payload: built from the wire dict by `parse`, which checks every field.

    `ALIASES` maps wire keys that are not identifiers ("from") to field names; `OPEN` lets a
    payload carry keys it does not declare (the sale keeps the whole price quote).
    """

    ALIASES: ClassVar[dict[str, str]] = {}
    OPEN: ClassVar[bool] = False
    _specs: ClassVar[tuple[tuple[str, tuple[type, ...], bool, bool], ...]] = ()
    _names: ClassVar[frozenset[str]]
    _empty: ClassVar[Payload | None] = None

    @classmethod
    def _prepare(cls) -> None:
        specs = []
        for f in fields(cls):  # type: ignore[arg-type]
            types, nullable = _TYPES[str(f.type)]
            required = f.default is MISSING and f.default_factory is MISSING
            specs.append((f.name, types, nullable, required))
        cls._specs = tuple(specs)
        cls._names = frozenset(s[0] for s in specs)
        cls._empty = None
        if not any(s[3] for s in specs):  # nothing required: one shared empty payload
            empty = cls()
            cls._empty = None if empty.check() else empty

    @classmethod
    def parse(cls, raw: Mapping[str, Any], errors: list[str]) -> Payload | None:
        """The typed payload, or None with every problem appended to `errors`."""
        if "_names" not in cls.__dict__:
            cls._prepare()
        if not raw and cls._empty is not None:
            return cls._empty
        before = len(errors)
        if cls.ALIASES:
            raw = {cls.ALIASES.get(k, k): v for k, v in raw.items()}
        if not cls.OPEN:
            errors.extend(f"payload.{k}: unknown field" for k in sorted(raw.keys() - cls._names))
        values: dict[str, Any] = {}
        for name, types, nullable, required in cls._specs:
            value = raw.get(name, _ABSENT)
            if value is _ABSENT:
                if required:
                    errors.append(f"payload.{name}: missing")
                continue
            values[name] = value
            if value is None:
                if not nullable:
                    errors.append(f"payload.{name}: must not be null")
            elif types[0] is int:
                if value.__class__ is not int:  # bool is an int subclass: not an amount
                    errors.append(f"payload.{name}: expected int")
                elif not -MAX_AMOUNT <= value <= MAX_AMOUNT:
                    errors.append(f"payload.{name}: out of bounds")
            elif not isinstance(value, types):
                errors.append(f"payload.{name}: expected {types[0].__name__}")
        if len(errors) > before:
            return None
        payload = cls(**values)
        problems = payload.check()
        if problems:
            errors.extend(problems)
            return None
        return payload

    def check(self) -> list[str]:
        """Rules across fields; the types were checked already."""
        return []

    def cash_moved(self, amount: int) -> int:
        """Money that changed hands at the counter (only kinds with a `cash` bucket ask)."""
        return 0


@dataclass(frozen=True, slots=True)
class Empty(Payload):
    pass


def _lots_problems(lots: list[Any]) -> list[str]:
    bad = [
        i
        for i, lot in enumerate(lots)
        if not isinstance(lot, dict)
        or not isinstance(lot.get("lot_id"), str)
        or not isinstance(lot.get("amount"), int)
        or isinstance(lot.get("amount"), bool)
        or lot["amount"] < 0
    ]
    return [f"payload.lots[{i}]: needs lot_id and a non-negative int amount" for i in bad]


@dataclass(frozen=True, slots=True)
class Approval(Payload):
    approval_id: str
    supervisor_id: str
    operation: str
    requested_by: str | None = None
    details: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ShiftOpen(Payload):
    shift_id: str
    opening_float: int

    def check(self) -> list[str]:
        return ["payload.opening_float: negative"] if self.opening_float < 0 else []


@dataclass(frozen=True, slots=True)
class ShiftClose(Payload):
    shift_id: str
    report: dict[str, Any]


MEMBER_KEYS = frozenset(
    {
        "id",
        "name",
        "phone",
        "birthday",
        "email",
        "segment",
        "consent_marketing",
        "consent_sms",
        "tier_id",
        "referrer_id",
    }
)


@dataclass(frozen=True, slots=True)
class MemberEnroll(Payload):
    member: dict[str, Any]

    def check(self) -> list[str]:
        m = self.member
        out = [f"payload.member.{k}: unknown field" for k in sorted(set(m) - MEMBER_KEYS)]
        for key in ("id", "name"):
            if not isinstance(m.get(key), str):
                out.append(f"payload.member.{key}: expected str")
        return out


@dataclass(frozen=True, slots=True)
class CardIssue(Payload):
    id: str
    number: str
    kind: str
    status: str
    member_id: str | None = None
    expires_on: str | None = None
    uid: str | None = None


@dataclass(frozen=True, slots=True)
class CardStatus(Payload):
    """`member_id` / `expires_on` change only when present (activation binds a member)."""

    status: str
    member_id: str | None = _ABSENT
    expires_on: str | None = _ABSENT


@dataclass(frozen=True, slots=True)
class TierChange(Payload):
    ALIASES: ClassVar[dict[str, str]] = {"from": "from_"}
    member_id: str
    to: str | None
    from_: str | None = None
    spend: int | None = None


@dataclass(frozen=True, slots=True)
class Sale(Payload):
    """The sale row's figures; the rest of the price quote rides along untyped."""

    OPEN: ClassVar[bool] = True
    amount: int
    discount: int = 0
    points_redeemed: int = 0
    stored_value_used: int = 0
    cash_due: int = 0
    points_earned: int = 0
    shift_id: str | None = None
    lines: list[Any] | None = None
    tender: str = "cash"
    voucher_id: str | None = None

    def check(self) -> list[str]:
        return ["payload.amount: negative"] if self.amount < 0 else []

    def cash_moved(self, amount: int) -> int:
        return self.cash_due


@dataclass(frozen=True, slots=True)
class Redeem(Payload):
    lots: list[Any]
    value: int | None = None

    def check(self) -> list[str]:
        return _lots_problems(self.lots)


@dataclass(frozen=True, slots=True)
class LotsTaken(Payload):
    """A debit of points naming the lots it consumed (expiry, take-back, reward, transfer)."""

    lots: list[Any]
    unrecovered: int | None = None
    to: str | None = None
    reward_id: str | None = None
    store_id: str | None = None
    name: str | None = None

    def check(self) -> list[str]:
        return _lots_problems(self.lots)


@dataclass(frozen=True, slots=True)
class Expiring(Payload):
    """A credit that may expire: every credit of points becomes a lot with this date."""

    expires_on: str | None = None


@dataclass(frozen=True, slots=True)
class Bonus(Payload):
    program: str
    expires_on: str | None = None
    referred: str | None = None


@dataclass(frozen=True, slots=True)
class VoucherIssue(Payload):
    voucher: dict[str, Any]

    def check(self) -> list[str]:
        v = self.voucher
        out = [f"payload.voucher.{k}: missing" for k in ("id", "code", "kind") if k not in v]
        for key in ("value", "min_spend", "max_uses"):
            if key in v and (not isinstance(v[key], int) or isinstance(v[key], bool)):
                out.append(f"payload.voucher.{key}: expected int")
        return out


@dataclass(frozen=True, slots=True)
class VoucherUse(Payload):
    voucher_id: str
    discount: int | None = None


@dataclass(frozen=True, slots=True)
class CashIn(Payload):
    """Money paid at the counter for stored value (top-up, gift card)."""

    shift_id: str | None = None
    cash: int | None = None
    topup: int | None = None

    def cash_moved(self, amount: int) -> int:
        return amount if self.cash is None else self.cash


@dataclass(frozen=True, slots=True)
class Refund(Payload):
    refund_amount: int
    shift_id: str | None = None
    cash_back: int = 0

    def cash_moved(self, amount: int) -> int:
        return self.cash_back  # paid out: the "refunds" bucket is subtracted


@dataclass(frozen=True, slots=True)
class Unrecovered(Payload):
    unrecovered: int | None = None


@dataclass(frozen=True, slots=True)
class TransferIn(Payload):
    ALIASES: ClassVar[dict[str, str]] = {"from": "from_"}
    from_: str | None = None
    expires_on: str | None = None


@dataclass(frozen=True, slots=True)
class TransferOut(Payload):
    to: str | None = None
    lots: list[Any] | None = None

    def check(self) -> list[str]:
        return _lots_problems(self.lots or [])


@dataclass(frozen=True, slots=True)
class RewardRedeem(Payload):
    lots: list[Any]
    reward_id: str
    store_id: str
    name: str | None = None

    def check(self) -> list[str]:
        return _lots_problems(self.lots)


@dataclass(frozen=True, slots=True)
class MembershipBuy(Payload):
    member_id: str
    plan_id: str
    starts_on: str
    ends_on: str
    fee: int | None = None
    cash: int = 0
    shift_id: str | None = None
    renewal: bool | None = None

    def cash_moved(self, amount: int) -> int:
        return self.cash


@dataclass(frozen=True, slots=True)
class Coalition(Payload):
    partner: str
    reference: str
    partner_points: int | None = None
    expires_on: str | None = None


@dataclass(frozen=True, slots=True)
class CashbackExpire(Payload):
    cashback_entry: str


# -- the table ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryKind:
    """One row of the registry. `cash` is the Z report's bucket when money changes hands."""

    kind: Kind
    accounts: frozenset[str]
    sign: Sign
    payload: type[Payload]
    cash: str | None = None
    max_amount: int = MAX_AMOUNT

    @property
    def amount_range(self) -> tuple[int, int]:
        """The sign rule and the bound as one closed range (the hot path tests just this)."""
        top = self.max_amount
        return {
            Sign.CREDIT: (1, top),
            Sign.DEBIT: (-top, -1),
            Sign.CREDIT_OR_ZERO: (0, top),
            Sign.DEBIT_OR_ZERO: (-top, 0),
            Sign.ZERO: (0, 0),
            Sign.EITHER: (-top, top),
        }[self.sign]


def _row(
    kind: Kind, accounts: str, sign: Sign, payload: type[Payload], cash: str | None = None
) -> tuple[Kind, EntryKind]:
    return kind, EntryKind(kind, frozenset(accounts.split()), sign, payload, cash)


_PTS, _SV, _QS = "points", "stored_value", "qualifying_spend"
_ALL = f"{_PTS} {_SV} {_QS}"
K, S = Kind, Sign

REGISTRY: dict[str, EntryKind] = dict(
    [
        _row(K.APPROVAL, "", S.ZERO, Approval),
        _row(K.SHIFT_OPEN, "", S.ZERO, ShiftOpen),
        _row(K.SHIFT_CLOSE, "", S.ZERO, ShiftClose),
        _row(K.MEMBER_ENROLL, "", S.ZERO, MemberEnroll),
        _row(K.CARD_ISSUE, "", S.ZERO, CardIssue),
        _row(K.CARD_STATUS, "", S.ZERO, CardStatus),
        _row(K.TIER_CHANGE, "", S.ZERO, TierChange),
        _row(K.SALE, "", S.ZERO, Sale, cash="sales"),
        _row(K.REDEEM, _PTS, S.DEBIT, Redeem),
        _row(K.SV_SPEND, _SV, S.DEBIT, Empty),
        _row(K.VOUCHER_ISSUE, "", S.ZERO, VoucherIssue),
        _row(K.VOUCHER_USE, "", S.ZERO, VoucherUse),
        _row(K.VOUCHER_RESTORE, "", S.ZERO, VoucherUse),
        _row(K.CASHBACK, _SV, S.CREDIT, Expiring),
        _row(K.CASHBACK_EXPIRE, _SV, S.DEBIT_OR_ZERO, CashbackExpire),
        _row(K.EARN, _PTS, S.CREDIT, Expiring),
        _row(K.BONUS, _PTS, S.CREDIT, Bonus),
        _row(K.QSPEND, _QS, S.CREDIT_OR_ZERO, Empty),
        _row(K.SV_TOPUP, _SV, S.CREDIT, CashIn, cash="topups"),
        _row(K.SV_BONUS, _SV, S.CREDIT, CashIn),
        _row(K.GIFT_LOAD, _SV, S.CREDIT, CashIn, cash="gift_cards"),
        _row(K.REFUND, "", S.ZERO, Refund, cash="refunds"),
        _row(K.REFUND_EARN, _PTS, S.DEBIT_OR_ZERO, LotsTaken),
        _row(K.REFUND_REDEEM, _PTS, S.CREDIT, Expiring),
        _row(K.REFUND_SV, _SV, S.CREDIT, Empty),
        _row(K.REFUND_CASHBACK, _SV, S.DEBIT_OR_ZERO, Unrecovered),
        _row(K.REFUND_QSPEND, _QS, S.DEBIT, Empty),
        _row(K.TRANSFER_OUT, _ALL, S.DEBIT, TransferOut),
        _row(K.TRANSFER_IN, _ALL, S.CREDIT, TransferIn),
        _row(K.EXPIRE, _PTS, S.DEBIT, LotsTaken),
        _row(K.REWARD_REDEEM, _PTS, S.DEBIT, RewardRedeem),
        _row(K.MEMBERSHIP_BUY, "", S.ZERO, MembershipBuy, cash="memberships"),
        _row(K.COALITION, _PTS, S.CREDIT, Coalition),
        _row(K.POINTS_ADJUST, _PTS, S.EITHER, Empty),
    ]
)


_RANGES = {kind: spec.amount_range for kind, spec in REGISTRY.items()}
_NO_PAYLOAD: dict[str, Any] = {}


def validate(
    kind: str,
    account: str | None,
    amount: int,
    card_id: str | None,
    payload: Mapping[str, Any] | None,
) -> tuple[EntryKind, Payload]:
    """The kind's row and its typed payload, or `entry.invalid` listing every problem."""
    spec = REGISTRY.get(kind)
    if spec is None:
        raise LoyaltyError("entry.invalid", f"unknown entry kind {kind!r}", kind=kind, errors=[])
    lo, hi = _RANGES[kind]
    if (
        amount.__class__ is int
        and lo <= amount <= hi
        and (not spec.accounts if account is None else (account in spec.accounts and card_id))
    ):
        errors: list[str] = []
        typed = spec.payload.parse(payload or _NO_PAYLOAD, errors)
        if typed is not None:
            return spec, typed
        raise LoyaltyError(
            "entry.invalid", f"{kind}: " + "; ".join(errors), kind=kind, errors=errors
        )
    errors = []
    if not isinstance(amount, int) or isinstance(amount, bool):
        errors.append("amount: expected int")
    else:
        if account is None:
            if spec.accounts:
                errors.append(f"account: {kind} moves one of {sorted(spec.accounts)}")
            elif amount != 0:
                errors.append("amount: must be 0 without an account")
        elif account not in spec.accounts:
            errors.append(f"account: {kind} cannot move {account}")
        if account is not None and not spec.sign.allows(amount):
            errors.append(f"amount: {kind} is {spec.sign.value}, got {amount}")
        if abs(amount) > spec.max_amount:
            errors.append("amount: out of bounds")
    if account is not None and not card_id:
        errors.append("card_id: an entry that moves an account names its card")
    if payload is not None and not isinstance(payload, Mapping):
        errors.append("payload: expected an object")
        payload = None
    typed = spec.payload.parse(payload or {}, errors)
    if errors or typed is None:
        raise LoyaltyError(
            "entry.invalid", f"{kind}: " + "; ".join(errors), kind=kind, errors=errors
        )
    return spec, typed


def has(payload: Payload, name: str) -> bool:
    """Whether an optional field was given (card.status changes only what it names)."""
    return getattr(payload, name) is not _ABSENT


def takings(spec: EntryKind, payload: Payload, amount: int) -> tuple[str, int] | None:
    """The Z report's bucket and sum for one entry, or None when no money changed hands."""
    if spec.cash is None:
        return None
    bucket = spec.cash
    if isinstance(payload, Sale) and payload.tender != "cash":
        bucket = "card_sales"
    return bucket, payload.cash_moved(amount)
