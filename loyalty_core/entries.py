"""Every entry kind the journal holds, in one table: the one place that says what a kind means.

Each kind has a row in `REGISTRY`: the account(s) it may move, its sign rule, the bound on its
amount, whether cash changes hands (the Z report's takings), and a frozen payload class
(`loyalty_core.payloads`). Adding a kind is one `Kind` member and one row here (with a payload
class if it carries data), plus a projection rule in `loyalty_core.projection` if it changes more
than balances and lots.

Validation is Beancount-style: every problem of an entry is gathered before refusing
(`LoyaltyError("entry.invalid", ...)` with all of them), so a bad entry is described whole. It
runs on every post, so the common case is one range test and the payload's field checks (a few µs
per entry; the checkout hot path is benchmarked).

The wire form is untouched: the hash covers the payload dict as posted, and the typed payload is
what the projection reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from loyalty_core.errors import LoyaltyError
from loyalty_core.payloads import (
    MAX_AMOUNT,
    Adjustment,
    Approval,
    Bonus,
    CardIssue,
    CardStatus,
    CashbackExpire,
    CashIn,
    Coalition,
    Empty,
    Expiring,
    LotsTaken,
    MemberEnroll,
    MembershipBuy,
    Payload,
    Redeem,
    Refund,
    RewardRedeem,
    Sale,
    ShiftClose,
    ShiftOpen,
    StaffLocked,
    StaffPinFailure,
    TierChange,
    TransferIn,
    TransferOut,
    Unrecovered,
    VoucherIssue,
    VoucherUse,
    has,
)

__all__ = ["ACCOUNTS", "MAX_AMOUNT", "REGISTRY", "EntryKind", "Kind", "Payload", "Sign", "has",
           "takings_of", "validate"]

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
    POINTS_ADJUST = "points.adjust"  # a manual correction of points, either sign
    SV_ADJUST = "sv.adjust"  # a manual correction of stored value, either sign
    STAFF_PIN_FAILURE = "staff.pin_failure"  # a wrong PIN, counted on every till
    STAFF_LOCKED = "staff.locked"  # a lock-out, applied on every till


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
        _row(K.POINTS_ADJUST, _PTS, S.EITHER, Adjustment),
        _row(K.SV_ADJUST, _SV, S.EITHER, Empty),
        _row(K.STAFF_PIN_FAILURE, "", S.ZERO, StaffPinFailure),
        _row(K.STAFF_LOCKED, "", S.ZERO, StaffLocked),
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


# The Z report's bucket per money tender, for the kinds that record their tenders.
TENDER_BUCKETS: dict[str, dict[str, str]] = {
    "sales": {"cash": "sales", "card": "card_sales", "transfer": "transfer_sales"},
    "refunds": {"cash": "refunds", "card": "card_refunds", "transfer": "transfer_refunds"},
}


def takings_of(spec: EntryKind, payload: Payload, amount: int) -> dict[str, int]:
    """The Z report's buckets and sums for one entry: a split sale feeds one per tender."""
    if spec.cash is None:
        return {}
    split = payload.tender_split(amount)
    if split is None or spec.cash not in TENDER_BUCKETS:
        return {spec.cash: payload.cash_moved(amount)}
    buckets = TENDER_BUCKETS[spec.cash]
    out: dict[str, int] = {}
    for tender, value in split.items():
        bucket = buckets.get(tender, spec.cash)
        out[bucket] = out.get(bucket, 0) + value
    return out
