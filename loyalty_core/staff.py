"""Staff PINs: a slow KDF (Argon2id) and a lock-out after repeated failures.

A 4-6 digit PIN has at most a million values, so the hash alone cannot protect it; the lock-out
is what stops a brute force at the counter, and the KDF is what stops one on a stolen database.
"""

from __future__ import annotations

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


def validate_pin(pin: object) -> None:
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise LoyaltyError("pin.invalid_format", "a PIN is 4 to 8 digits")


def check_pin(staff: Staff, pin: str, max_failures: int, lockout_seconds: int) -> None:
    """Raise unless `pin` is right and the account is not locked; updates the failure count.

    The caller commits either way: a failure must be counted even though the log-in is refused.
    """
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
        staff.failed_attempts += 1
        if staff.failed_attempts >= max_failures:
            staff.locked_until = iso_utc(now + timedelta(seconds=lockout_seconds))
            staff.failed_attempts = 0
            raise LoyaltyError(
                "staff.locked", "too many wrong PINs; try again later", until=staff.locked_until
            )
        raise LoyaltyError("pin.wrong", "wrong PIN", remaining=max_failures - staff.failed_attempts)
    staff.failed_attempts = 0
    staff.locked_until = None
    if _hasher.check_needs_rehash(staff.pin_hash):
        staff.pin_hash = _hasher.hash(pin)
