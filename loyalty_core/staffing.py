"""Staff and shifts at the counter: adding staff, log-in (code + PIN or staff card), shifts.

The PIN hashing and lock-out rule itself is `staff.py`; closing a shift is `reports.close_shift`
because the close writes the shift's Z report.
"""

from __future__ import annotations

from typing import Any

from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id, parse_iso_utc, utcnow
from loyalty_core.operations import Context, Core
from loyalty_core.queries import people
from loyalty_core.staff import ROLES, check_pin, hash_pin
from loyalty_core.validation import amount, clean_text


def add_staff(
    core: Core, code: str, name: str, role: str, pin: str, card_number: str | None = None
) -> str:
    """Staff normally arrive from head office; this is for the demo and first set-up."""
    if role not in ROLES:
        raise LoyaltyError("staff.bad_role", "unknown role", role=role)
    staff_id = new_id()
    with core.store.write() as s:
        if people.staff_code_taken(s, code):
            raise LoyaltyError("staff.exists", "staff code already used", staff_code=code)
        people.add_staff(
            s,
            staff_id,
            clean_text(code, "code", required=True) or code,
            clean_text(name, "name", required=True) or name,
            role,
            hash_pin(pin),
            card_number,
        )
    return staff_id


def authenticate(
    core: Core, code: str | None = None, pin: str | None = None, card_number: str | None = None
) -> dict[str, Any]:
    """Log-in or approval check by code + PIN, or by staff card; failures are counted."""
    failure: LoyaltyError | None = None
    with core.store.write() as s:
        rules = core.current_rules(s)
        if card_number:
            staff = people.staff_for_login(s, card_number=card_number)
            if staff is None or not staff.active:
                raise LoyaltyError("staff.unknown", "unknown staff card")
            # A card is something the person has; a lock-out earned by wrong PINs still holds.
            if staff.locked_until and parse_iso_utc(staff.locked_until) > utcnow():
                raise LoyaltyError(
                    "staff.locked", "too many wrong PINs; try again later", until=staff.locked_until
                )
        else:
            staff = people.staff_for_login(s, code=code)
            if staff is None:
                raise LoyaltyError("staff.unknown", "unknown staff code")
            try:
                check_pin(
                    staff,
                    pin or "",
                    int(rules.data["pin_max_failures"]),
                    int(rules.data["pin_lockout_seconds"]),
                )
            except LoyaltyError as exc:
                failure = exc  # commit the failure count, then refuse
        result = {"id": staff.id, "code": staff.code, "name": staff.name, "role": staff.role}
    if failure is not None:
        raise failure
    return result


def open_shift(core: Core, operation_id: str, staff_id: str, opening_float: int) -> dict[str, Any]:
    amount(opening_float, "opening_float", allow_zero=True)

    def body(ctx: Context) -> dict[str, Any]:
        already = people.open_shift(ctx.session)
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
        return people.open_shift(s)
