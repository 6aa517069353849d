"""Staff and shifts at the counter: adding staff, log-in (code + PIN or staff card), shifts.

The PIN hashing and lock-out rule itself is `staff.py`; closing a shift is `reports.close_shift`
because the close writes the shift's Z report.
"""

from __future__ import annotations

import time
from typing import Any

from loyalty_core.bounds import MAX_NAME
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id, parse_iso_utc, utcnow
from loyalty_core.journal import JournalWriter
from loyalty_core.operations import Context, Core
from loyalty_core.queries import people
from loyalty_core.staff import (
    APPROVER_ROLES,
    ROLES,
    PinVerdict,
    burn_unknown,
    check_pin,
    hash_pin,
    validate_pin,
)
from loyalty_core.validation import amount, clean_text


def add_staff(
    core: Core, code: str, name: str, role: str, pin: str, card_number: str | None = None
) -> str:
    """Staff normally arrive from head office; this is for the demo and first set-up."""
    clean_code = clean_text(code, "code", required=True, max_len=32) or ""
    clean_name = clean_text(name, "name", required=True, max_len=MAX_NAME) or ""
    if not isinstance(role, str) or role not in ROLES:
        raise LoyaltyError("staff.bad_role", "unknown role", role=str(role)[:16])
    validate_pin(pin)
    if card_number is not None and not (
        isinstance(card_number, str) and card_number.isascii() and card_number.isalnum()
        and len(card_number) <= 32
    ):
        raise LoyaltyError("text.invalid", "a staff card is up to 32 letters and digits",
                           field="card_number")
    staff_id = new_id()
    with core.store.write() as s:
        if people.staff_code_taken(s, clean_code):
            raise LoyaltyError("staff.exists", "staff code already used", staff_code=clean_code)
        people.add_staff(s, staff_id, clean_code, clean_name, role, hash_pin(pin), card_number)
    return staff_id


# No refusal of a code or a PIN comes sooner than this (seconds): the journal write of a wrong
# PIN takes longer than the dummy hash of an unknown code, so both are padded to one time.
FAILURE_FLOOR_S = 0.2


def authenticate(
    core: Core, code: str | None = None, pin: str | None = None, card_number: str | None = None
) -> dict[str, Any]:
    """Log-in or approval check by code + PIN, or by staff card; failures are counted.

    An unknown code and a wrong PIN both answer no sooner than `FAILURE_FLOOR_S` after the
    question (an unknown code also pays one Argon2 check): the time of the answer does not
    tell which codes exist, although recording a wrong PIN writes a journal entry."""
    started = time.monotonic()
    try:
        return _authenticate(core, code, pin, card_number)
    except LoyaltyError as exc:
        if exc.code in ("staff.unknown", "pin.wrong"):
            time.sleep(max(0.0, FAILURE_FLOOR_S - (time.monotonic() - started)))
        raise


def _authenticate(
    core: Core, code: str | None, pin: str | None, card_number: str | None
) -> dict[str, Any]:
    failure: LoyaltyError | None = None
    with core.store.write() as s:
        rules = core.current_rules(s)
        needs_pin = True
        if card_number:
            staff = people.staff_for_login(s, card_number=card_number)
            if staff is None or not staff.active:
                raise LoyaltyError("staff.unknown", "unknown staff card")
            # A card is something the person has; a lock-out earned by wrong PINs still holds.
            if staff.locked_until and parse_iso_utc(staff.locked_until) > utcnow():
                raise LoyaltyError(
                    "staff.locked", "too many wrong PINs; try again later", until=staff.locked_until
                )
            # A supervisor's or manager's card opens approvals: card (have) and PIN (know).
            needs_pin = staff.role in APPROVER_ROLES
            if needs_pin and not pin:
                raise LoyaltyError(
                    "pin.required", "this staff card needs the PIN as well", role=staff.role
                )
        else:
            staff = people.staff_for_login(s, code=code)
            if staff is None:
                burn_unknown(pin)
                raise LoyaltyError("staff.unknown", "unknown staff code")
        if needs_pin:
            verdict = check_pin(
                staff,
                pin or "",
                int(rules.data["pin_max_failures"]),
                int(rules.data["pin_lockout_seconds"]),
            )
            if not verdict.ok:
                failure = _record_failure(core, s, staff.id, rules.version, verdict)
        result = {"id": staff.id, "code": staff.code, "name": staff.name, "role": staff.role}
    if failure is not None:
        raise failure
    return result


def _record_failure(
    core: Core, session: Any, staff_id: str, rule_version: int, verdict: PinVerdict
) -> LoyaltyError:
    """Journal the wrong PIN (committed with the refusal) and say what to refuse with.

    An entry rather than a local counter: it is pushed and pulled like any other, so a
    failure at one till counts at every till of the store and a lock-out holds everywhere.
    `session` is the log-in's write transaction (typed loosely: domain modules import no SQL
    library)."""
    journal = JournalWriter(session, core.store.till_id, new_id(), staff_id, None, rule_version)
    if verdict.lock_until is not None:
        journal.post(
            Kind.STAFF_LOCKED,
            payload={"staff_id": staff_id, "until": verdict.lock_until,
                     "lockouts": verdict.lockouts},
        )
        return LoyaltyError(
            "staff.locked", "too many wrong PINs; try again later", until=verdict.lock_until
        )
    journal.post(Kind.STAFF_PIN_FAILURE, payload={"staff_id": staff_id})
    return LoyaltyError("pin.wrong", "wrong PIN", remaining=verdict.remaining)


def open_shift(core: Core, operation_id: str, staff_id: str, opening_float: int) -> dict[str, Any]:
    amount(opening_float, "opening_float", allow_zero=True)

    def body(ctx: Context) -> dict[str, Any]:
        already = people.open_shift(ctx.session, ctx.journal.till_id)
        if already is not None:
            raise LoyaltyError("shift.already_open", "a shift is already open", shift_id=already)
        shift_id = new_id()
        ctx.journal.post(
            Kind.SHIFT_OPEN, payload={"shift_id": shift_id, "opening_float": opening_float}
        )
        return {"shift_id": shift_id, "opening_float": opening_float}

    return core.run(operation_id, "shift.open", staff_id, body)


def open_shift_id(core: Core) -> str | None:
    with core.store.read() as s:
        return people.open_shift(s, core.store.till_id)
