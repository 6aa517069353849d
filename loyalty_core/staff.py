"""Staff PINs: a slow KDF (Argon2id) and a lock-out after repeated failures.

A 4-6 digit PIN has at most a million values, so the hash alone cannot protect it; the lock-out
is what stops a brute force at the counter, and the KDF is what stops one on a stolen database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, parse_iso_utc, utcnow
from loyalty_core.models import Staff

ROLES = ("cashier", "supervisor", "manager")
APPROVER_ROLES = ("supervisor", "manager")

# About 30 ms and 19 MiB per check here: slow for an attacker, unnoticeable at a log-in.
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def hash_pin(pin: str) -> str:
    validate_pin(pin)
    return _hasher.hash(pin)


def validate_pin(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise LoyaltyError("pin.invalid_format", "a PIN is 4 to 8 digits")


# Each lock-out in a row lasts longer: 5 min, 15 min, 1 h, 4 h, then a day (with the default
# 300 s base). Five guesses per window give ~30 guesses a day instead of ~1,440.
LOCKOUT_STEPS = (1, 3, 12, 48, 288)
_DUMMY_HASH = _hasher.hash("00000000")


def lockout_seconds(base_seconds: int, lockouts_before: int) -> int:
    step = LOCKOUT_STEPS[min(lockouts_before, len(LOCKOUT_STEPS) - 1)]
    return base_seconds * step


def burn_unknown(pin: str | None) -> None:
    """An unknown staff code costs the same Argon2 check as a known one, so the time of the
    answer does not tell which codes exist."""
    try:
        _hasher.verify(_DUMMY_HASH, (pin or "") + "x")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        pass


@dataclass(frozen=True)
class PinVerdict:
    """A PIN check's outcome. A wrong PIN changes nothing here: the caller writes a
    `staff.pin_failure` entry (or `staff.locked` when `lock_until` is set) whose projection
    counts it, on this till and, once synced, on every till that has this staff member."""

    ok: bool
    remaining: int = 0
    lock_until: str | None = None
    lockouts: int = 0


def check_pin(staff: Staff, pin: str, max_failures: int, lockout_seconds_base: int) -> PinVerdict:
    """Raise if the account is disabled or locked; else say whether `pin` is right.

    A right PIN resets this till's counters (and rehashes when the parameters changed)."""
    now = utcnow()
    if not staff.active:
        raise LoyaltyError("staff.inactive", "this staff account is disabled")
    if staff.locked_until and parse_iso_utc(staff.locked_until) > now:
        raise LoyaltyError(
            "staff.locked", "too many wrong PINs; try again later", until=staff.locked_until
        )
    try:
        ok = _hasher.verify(staff.pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        failures = (staff.failed_attempts or 0) + 1
        if failures >= max_failures:
            seconds = lockout_seconds(lockout_seconds_base, staff.lockouts or 0)
            return PinVerdict(False, 0, iso_utc(now + timedelta(seconds=seconds)),
                              (staff.lockouts or 0) + 1)
        return PinVerdict(False, max_failures - failures)
    staff.failed_attempts = 0
    staff.locked_until = None
    staff.lockouts = 0
    if _hasher.check_needs_rehash(staff.pin_hash):
        staff.pin_hash = _hasher.hash(pin)
    return PinVerdict(True)
