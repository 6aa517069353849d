"""The payload types of journal entries: frozen dataclasses that validate on construction.

Split from `loyalty_core.entries` (the registry) so each file stays short; a kind's row there
names its payload class here. `Payload.parse` checks every field and gathers every error before
refusing, the Beancount way, and costs a few µs (it runs on every post). The wire payload stays
the dict that was hashed; these types are what the projection reads.

Over 400 lines on purpose: one small frozen class per payload kind, each read with its kind's
registry row; splitting them by theme would scatter what is one table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from typing import Any, ClassVar

from loyalty_core.bounds import MAX_TEXT

# One bound for money and points on till and head office (sync.wire.models.MAX_AMOUNT agrees).
MAX_AMOUNT = 10**15

# A contactless chip's UID as upper-case hex: 4 to 10 bytes (ISO/IEC 14443-3 gives 4, 7 or 10;
# ISO/IEC 15693 tags 8).
UID_HEX_LENGTHS = frozenset(range(8, 21, 2))

_ABSENT: Any = object()


def is_uid(text: str) -> bool:
    return len(text) in UID_HEX_LENGTHS and all(ch in "0123456789ABCDEF" for ch in text)

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

    def tender_split(self, amount: int) -> dict[str, int] | None:
        """Money per tender ("cash", "card", "transfer") when the kind records it."""
        return None


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
    """`difference_reason`: why the counted drawer differs from the expected one (issue 14)."""

    shift_id: str
    report: dict[str, Any]
    difference_reason: str | None = None

    def check(self) -> list[str]:
        reason = self.difference_reason
        if reason is not None and not 0 < len(reason) <= MAX_TEXT:
            return [f"payload.difference_reason: 1 to {MAX_TEXT} characters"]
        return []


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

    def check(self) -> list[str]:
        return [] if self.uid is None or is_uid(self.uid) else ["payload.uid: not a chip UID"]


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
    # Money per tender ("cash", "card", "transfer") and the sale's own đồng-per-point.
    tenders: dict[str, Any] | None = None
    point_value: int | None = None
    receipt_no: str | None = None

    def check(self) -> list[str]:
        out = ["payload.amount: negative"] if self.amount < 0 else []
        for key, value in (self.tenders or {}).items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                out.append(f"payload.tenders.{key}: expected a non-negative int")
        return out

    def cash_moved(self, amount: int) -> int:
        return self.cash_due

    def tender_split(self, amount: int) -> dict[str, int]:
        return {self.tender: self.cash_due} if self.tenders is None else dict(self.tenders)


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
    """`cash_back`: cash paid out; `allocated`: each tender's share given back; `paid_out`: that
    less `withheld` (spent earned points or cashback, see `loyalty_core.refunds`)."""

    refund_amount: int
    shift_id: str | None = None
    cash_back: int = 0
    allocated: dict[str, Any] | None = None
    paid_out: dict[str, Any] | None = None
    withheld: int | None = None
    owed: int | None = None
    netting_override: str | None = None
    card_id: str | None = None

    def cash_moved(self, amount: int) -> int:
        return self.cash_back  # paid out: the "refunds" bucket is subtracted

    def tender_split(self, amount: int) -> dict[str, int]:
        out = {"cash": self.cash_back} if self.paid_out is None else self.paid_out
        return {k: int(v) for k, v in out.items() if k in ("cash", "card", "transfer")}


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
class Adjustment(Payload):
    """A manual points correction: a debit names the lots it takes, as every debit does."""

    lots: list[Any] | None = None
    expires_on: str | None = None

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


def has(payload: Payload, name: str) -> bool:
    """Whether an optional field was given (card.status changes only what it names)."""
    return getattr(payload, name) is not _ABSENT



# Lock-out state, synced: a wrong PIN (counted on every till having this staff member) and a
# lock-out (every till applies the later lock and the higher rung). loyalty_core.staffing.
@dataclass(frozen=True, slots=True)
class StaffPinFailure(Payload):
    staff_id: str


@dataclass(frozen=True, slots=True)
class StaffLocked(Payload):
    staff_id: str
    until: str
    lockouts: int
