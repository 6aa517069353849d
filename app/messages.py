"""Refusals in words: every engine and reader error code to a translated sentence.

The engine and the hardware layer give stable codes with parameters and never a sentence in a
particular language; this is the one module that turns a code into what the cashier reads, so
a new code needs one line here and one translation. Sentences are looked up under the context
"Messages" with QCoreApplication.translate at call time, so a language switch applies at once.

Over 400 lines on purpose: it is one table, a line or three per refusal code, and splitting a
lookup table by an arbitrary cut would only make a code harder to find.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.messages_inputs import INPUT_REFUSALS
from app.money import format_points, format_vnd, multiplier_text

# Each entry returns the sentence; the literal strings are what pyside6-lupdate extracts.
_ENGINE: dict[str, Callable[[], str]] = {
    "card.blocked": lambda: QCoreApplication.translate(
        "Messages", "This card is blocked. Reason: {reason}"
    ),
    "card.pending": lambda: QCoreApplication.translate(
        "Messages", "This card has not been activated yet."
    ),
    "card.closed": lambda: QCoreApplication.translate(
        "Messages", "This card is closed and can no longer be used."
    ),
    "card.expired": lambda: QCoreApplication.translate(
        "Messages", "This card expired on {expires_on}."
    ),
    "job.head_office_only": lambda: QCoreApplication.translate(
        "Messages", "Expiry and tier review run once for the whole chain at head office, not at a till."
    ),
    "card.unknown": lambda: QCoreApplication.translate(
        "Messages", "Card {masked} is not known at this till."
    ),
    "card.not_ours": lambda: QCoreApplication.translate(
        "Messages", "Card {masked} is not one of our cards. Payment cards cannot be used here."
    ),
    "card.wrong_kind": lambda: QCoreApplication.translate(
        "Messages", "Card {masked} is not a card of that kind."
    ),
    "card.in_use": lambda: QCoreApplication.translate(
        "Messages", "Card {masked} has already been issued."
    ),
    "card.no_points": lambda: QCoreApplication.translate(
        "Messages", "This card does not collect points."
    ),
    "card.no_stored_value": lambda: QCoreApplication.translate(
        "Messages", "This card carries no stored value."
    ),
    "card.not_reloadable": lambda: QCoreApplication.translate(
        "Messages", "Only prepaid and combined cards can be topped up."
    ),
    "card.not_pending": lambda: QCoreApplication.translate(
        "Messages", "Only a new card can be activated."
    ),
    "card.bad_transition": lambda: QCoreApplication.translate(
        "Messages", "The card status cannot change that way."
    ),
    "card.bad_kind": lambda: QCoreApplication.translate("Messages", "Unknown card kind."),
    "card.bad_uid": lambda: QCoreApplication.translate(
        "Messages", "That is not the chip number of a contactless card. Tap the card again."
    ),
    "card.uid_in_use": lambda: QCoreApplication.translate(
        "Messages", "This chip card is already linked to card {masked}."
    ),
    "card.uid_not_new": lambda: QCoreApplication.translate(
        "Messages", "A chip can be linked only to a new card: leave the card number empty."
    ),
    "points.insufficient": lambda: QCoreApplication.translate(
        "Messages", "Not enough points: the card has {available} points."
    ),
    "points.exceeds_bill": lambda: QCoreApplication.translate(
        "Messages", "Points would pay more than the bill: at most {max_points} points."
    ),
    "points.lots_mismatch": lambda: QCoreApplication.translate(
        "Messages", "The card's points do not add up; call head office."
    ),
    "stored_value.insufficient": lambda: QCoreApplication.translate(
        "Messages", "Not enough stored value: the card holds {available_vnd}."
    ),
    "stored_value.exceeds_bill": lambda: QCoreApplication.translate(
        "Messages", "Stored value would pay more than the bill: at most {max_amount_vnd}."
    ),
    "stored_value.refused_by_head_office": lambda: QCoreApplication.translate(
        "Messages", "Head office does not hold that much on this card (it holds {available_vnd})."
    ),
    "stored_value.foreign_card_limit": lambda: QCoreApplication.translate(
        "Messages", "Another store sold this card: only a small amount can be used here."
    ),
    "amount.not_integer": lambda: QCoreApplication.translate(
        "Messages", "Type the amount as a whole number of đồng."
    ),
    "amount.out_of_range": lambda: QCoreApplication.translate(
        "Messages", "The amount is not valid."
    ),
    "topup.too_large": lambda: QCoreApplication.translate(
        "Messages", "A top-up can be at most {max_vnd}."
    ),
    "gift.too_large": lambda: QCoreApplication.translate(
        "Messages", "A gift card can hold at most {max_vnd}."
    ),
    "printer.not_configured": lambda: QCoreApplication.translate(
        "Messages", "No receipt printer is set up. The slip is kept on screen; nothing is lost."
    ),
    "printer.unreachable": lambda: QCoreApplication.translate(
        "Messages",
        "The receipt printer does not answer. Check it is on and connected, then press Print.",
    ),
    "printer.paper_out": lambda: QCoreApplication.translate(
        "Messages", "The printer is out of paper. Load a roll and press Print."
    ),
    "printer.failed": lambda: QCoreApplication.translate(
        "Messages", "Printing failed. Check the printer and press Print again."
    ),
    "printer.bad_code_page": lambda: QCoreApplication.translate(
        "Messages",
        "The printer's code page must be CP1258, or CP1258:<number> for the printer's own table"
        " number (Settings).",
    ),
    "display.unreachable": lambda: QCoreApplication.translate(
        "Messages", "the display's port cannot be opened; check the cable and the port in Settings."
    ),
    "display.failed": lambda: QCoreApplication.translate(
        "Messages", "the display did not take the text; check its cable."
    ),
    "member.unknown_referrer": lambda: QCoreApplication.translate(
        "Messages", "The referring member is not known."
    ),
    "member.none": lambda: QCoreApplication.translate("Messages", "This card has no member."),
    "sale.bad_tender": lambda: QCoreApplication.translate(
        "Messages", "Choose cash, bank card or transfer for the rest of the bill."
    ),
    "staff.required": lambda: QCoreApplication.translate(
        "Messages", "Log in first: a money operation needs the staff member doing it."
    ),
    "sale.bad_tenders": lambda: QCoreApplication.translate(
        "Messages", "Each payment must be a whole amount of đồng, zero or more."
    ),
    "sale.tenders_mismatch": lambda: QCoreApplication.translate(
        "Messages", "The payments do not add up to the amount due."
    ),
    "approval.no_requester": lambda: QCoreApplication.translate(
        "Messages", "Log in first: an approval is asked for by a staff member."
    ),
    "approval.no_amount": lambda: QCoreApplication.translate(
        "Messages", "An approval must state the amount it allows."
    ),
    "approval.other_staff": lambda: QCoreApplication.translate(
        "Messages", "This approval was asked for by another staff member."
    ),
    "approval.other_card": lambda: QCoreApplication.translate(
        "Messages", "This approval is for another card."
    ),
    "approval.expired": lambda: QCoreApplication.translate(
        "Messages", "This approval has expired. Ask the supervisor again."
    ),
    "adjust.bad_account": lambda: QCoreApplication.translate(
        "Messages", "Only points or stored value can be adjusted."
    ),
    "adjust.bad_amount": lambda: QCoreApplication.translate(
        "Messages", "Type a whole, non-zero adjustment."
    ),
    "adjust.below_zero": lambda: QCoreApplication.translate(
        "Messages", "The card does not hold that much."
    ),
    "sale.unknown": lambda: QCoreApplication.translate(
        "Messages", "That sale is not known at this till."
    ),
    "refund.already": lambda: QCoreApplication.translate(
        "Messages", "This sale has already been fully refunded."
    ),
    "refund.too_much": lambda: QCoreApplication.translate(
        "Messages", "The refund is more than what is left of the sale."
    ),
    "shift.unknown": lambda: QCoreApplication.translate(
        "Messages", "That shift is not known at this till."
    ),
    "shift.closed": lambda: QCoreApplication.translate("Messages", "This shift is already closed."),
    "shift.reason_required": lambda: QCoreApplication.translate(
        "Messages", "The cash counted differs from the expected drawer: type the reason."
    ),
    "sync.ack_mismatch": lambda: QCoreApplication.translate(
        "Messages", "Head office and this till disagree about the journal; call head office."
    ),
    "sync.tier_conflict": lambda: QCoreApplication.translate(
        "Messages", "A tier here conflicts with head office's tiers; call head office."
    ),
    "sync.staff_conflict": lambda: QCoreApplication.translate(
        "Messages", "A staff member here conflicts with head office; call head office."
    ),
    "sync.bad_hash": lambda: QCoreApplication.translate(
        "Messages", "A journal entry failed its integrity check; call head office."
    ),
    "snapshot.not_empty": lambda: QCoreApplication.translate(
        "Messages", "This till already holds data: only an empty till joins from a snapshot."
    ),
    "snapshot.invalid": lambda: QCoreApplication.translate(
        "Messages", "Head office's snapshot could not be used; nothing was loaded. Try again."
    ),
    "entry.invalid": lambda: QCoreApplication.translate(
        "Messages", "The ledger refused an entry of this operation; nothing was saved. Call head office."
    ),
    "voucher.unknown": lambda: QCoreApplication.translate("Messages", "Unknown voucher code."),
    "voucher.bad_code": lambda: QCoreApplication.translate(
        "Messages", "A voucher code is 3 to 32 letters, digits or dashes."
    ),
    "voucher.not_yet": lambda: QCoreApplication.translate(
        "Messages", "This voucher is not valid yet."
    ),
    "voucher.expired": lambda: QCoreApplication.translate("Messages", "This voucher has expired."),
    "voucher.used_up": lambda: QCoreApplication.translate(
        "Messages", "This voucher has already been used."
    ),
    "voucher.other_customer": lambda: QCoreApplication.translate(
        "Messages", "This voucher belongs to another customer."
    ),
    "voucher.below_minimum": lambda: QCoreApplication.translate(
        "Messages", "The bill is below this voucher's minimum spend of {min_spend_vnd}."
    ),
    "voucher.bad_kind": lambda: QCoreApplication.translate(
        "Messages", "A voucher is a percentage or a fixed amount."
    ),
    "voucher.bad_value": lambda: QCoreApplication.translate(
        "Messages", "A percentage voucher is at most 100 %."
    ),
    "voucher.bad_count": lambda: QCoreApplication.translate(
        "Messages", "The number of vouchers or uses is out of range."
    ),
    "voucher.bad_dates": lambda: QCoreApplication.translate(
        "Messages", "The voucher dates are not valid."
    ),
    "voucher.code_taken": lambda: QCoreApplication.translate(
        "Messages", "That voucher code already exists."
    ),
    "reward.unknown": lambda: QCoreApplication.translate("Messages", "Unknown reward."),
    "reward.out_of_stock": lambda: QCoreApplication.translate(
        "Messages", "This reward is out of stock."
    ),
    "membership.unknown_plan": lambda: QCoreApplication.translate(
        "Messages", "Unknown membership plan."
    ),
    "coalition.unknown_partner": lambda: QCoreApplication.translate(
        "Messages", "There is no agreement with this partner."
    ),
    "coalition.duplicate": lambda: QCoreApplication.translate(
        "Messages", "This partner transfer was already converted."
    ),
    "coalition.too_small": lambda: QCoreApplication.translate(
        "Messages", "Too few partner points to convert."
    ),
    "definition.invalid": lambda: QCoreApplication.translate(
        "Messages", "Head office's definition is not valid; nothing was changed."
    ),
    "definition.conflict": lambda: QCoreApplication.translate(
        "Messages", "Head office sent a definition that differs from the one this till holds."
    ),
    "definition.bad_code": lambda: QCoreApplication.translate(
        "Messages", "The definition's code is not valid."
    ),
    "program.bad_kind": lambda: QCoreApplication.translate("Messages", "Unknown programme kind."),
    "program.float": lambda: QCoreApplication.translate(
        "Messages", "Programme numbers must be whole numbers."
    ),
    "cancelled": lambda: QCoreApplication.translate("Messages", "Cancelled: nothing was recorded."),
    "approval.required": lambda: QCoreApplication.translate(
        "Messages", "A supervisor must approve this."
    ),
    "approval.self": lambda: QCoreApplication.translate(
        "Messages", "You cannot approve your own operation."
    ),
    "approval.not_supervisor": lambda: QCoreApplication.translate(
        "Messages", "Only a supervisor or manager can approve."
    ),
    "approval.invalid": lambda: QCoreApplication.translate(
        "Messages", "The approval does not match this operation."
    ),
    "approval.amount": lambda: QCoreApplication.translate(
        "Messages", "The approval was given for a smaller amount. Ask the supervisor again."
    ),
    "approval.used": lambda: QCoreApplication.translate(
        "Messages", "This approval has already been used."
    ),
    "staff.unknown": lambda: QCoreApplication.translate("Messages", "Unknown staff code or card."),
    "staff.inactive": lambda: QCoreApplication.translate(
        "Messages", "This staff account is disabled."
    ),
    "staff.role": lambda: QCoreApplication.translate(
        "Messages", "Only a supervisor or manager can do this."
    ),
    "staff.locked": lambda: QCoreApplication.translate(
        "Messages", "Too many wrong PINs. The account is locked for a while."
    ),
    "staff.exists": lambda: QCoreApplication.translate(
        "Messages", "That staff code is already used."
    ),
    "staff.bad_role": lambda: QCoreApplication.translate("Messages", "Unknown staff role."),
    "pin.wrong": lambda: QCoreApplication.translate(
        "Messages", "Wrong PIN. {remaining} tries left."
    ),
    "pin.required": lambda: QCoreApplication.translate(
        "Messages", "Card read. A supervisor or manager card needs the PIN as well: type it."
    ),
    "pin.invalid_format": lambda: QCoreApplication.translate("Messages", "A PIN is 4 to 8 digits."),
    "shift.already_open": lambda: QCoreApplication.translate(
        "Messages", "A shift is already open at this till."
    ),
    "member.bad_phone": lambda: QCoreApplication.translate(
        "Messages", "This is not a valid phone number."
    ),
    "member.bad_birthday": lambda: QCoreApplication.translate(
        "Messages", "Type the birthday as YYYY-MM-DD."
    ),
    "member.bad_email": lambda: QCoreApplication.translate(
        "Messages", "The e-mail address is not valid."
    ),
    "member.phone_taken": lambda: QCoreApplication.translate(
        "Messages", "This phone number is already enrolled."
    ),
    "member.unknown": lambda: QCoreApplication.translate("Messages", "Unknown member."),
    "lookup.phone_short": lambda: QCoreApplication.translate(
        "Messages", "Type at least 6 digits of the phone number."
    ),
    "text.required": lambda: QCoreApplication.translate("Messages", "Please fill in {field}."),
    "text.invalid": lambda: QCoreApplication.translate(
        "Messages", "{field} contains characters that are not allowed."
    ),
    "text.too_long": lambda: QCoreApplication.translate(
        "Messages", "{field} is too long (at most {max} characters)."
    ),
    "operation.bad_id": lambda: QCoreApplication.translate(
        "Messages", "Internal error: bad operation id."
    ),
    "operation.reused": lambda: QCoreApplication.translate(
        "Messages", "Internal error: this operation was already used."
    ),
    "text.card_number": lambda: QCoreApplication.translate(
        "Messages", "{field} looks like a payment card number: do not type card numbers here."
    ),
    "sale.bad_line": lambda: QCoreApplication.translate(
        "Messages", "A sale line is not valid: check its quantity and price."
    ),
    "sale.bad_lines": lambda: QCoreApplication.translate(
        "Messages", "The sale lines are not valid or too large."
    ),
    "sale.too_many_lines": lambda: QCoreApplication.translate(
        "Messages", "Too many sale lines (at most {max})."
    ),
    "sale.lines_total": lambda: QCoreApplication.translate(
        "Messages", "The sale lines do not add up to the amount."
    ),
    "balance.out_of_range": lambda: QCoreApplication.translate(
        "Messages", "This would take the card's balance beyond the allowed limit."
    ),
    "entry.not_json": lambda: QCoreApplication.translate(
        "Messages", "A value is not a valid number (for example NaN or infinity)."
    ),
    "id.invalid": lambda: QCoreApplication.translate(
        "Messages", "Internal error: an id is not valid."
    ),
    "call.invalid": lambda: QCoreApplication.translate(
        "Messages", "Internal error: the program called the engine wrongly."
    ),
    "lookup.bad_limit": lambda: QCoreApplication.translate(
        "Messages", "Internal error: a search asked for too many results."
    ),
    "lookup.too_short": lambda: QCoreApplication.translate(
        "Messages", "Type at least 2 letters of the name or 6 digits of the phone number."
    ),
    "reward.code_taken": lambda: QCoreApplication.translate(
        "Messages", "A reward already has this code."
    ),
    "rules.invalid": lambda: QCoreApplication.translate(
        "Messages", "The program rules are not valid; the previous rules stay in force."
    ),
    "rules.bad_effective": lambda: QCoreApplication.translate(
        "Messages", "The rules' start time must be a date and time with its time zone."
    ),
    "vietqr.bad_account": lambda: QCoreApplication.translate(
        "Messages", "The bank or account number for the transfer QR is not valid."
    ),
    "vietqr.bad_amount": lambda: QCoreApplication.translate(
        "Messages", "The transfer amount is not valid."
    ),
}

_READER: dict[str, Callable[[], str]] = {
    "payment_card_refused": lambda: QCoreApplication.translate(
        "Messages", "That is a payment card, not a loyalty card. It was not read or stored."
    ),
    "card_number_foreign": lambda: QCoreApplication.translate(
        "Messages", "This card is not one of our cards."
    ),
    "card_number_length": lambda: QCoreApplication.translate(
        "Messages", "The card number has the wrong length."
    ),
    "card_number_check_digit": lambda: QCoreApplication.translate(
        "Messages", "The card number is wrong (check digit). Try again."
    ),
    "card_number_not_digits": lambda: QCoreApplication.translate(
        "Messages", "The card number must be digits."
    ),
    "read_error": lambda: QCoreApplication.translate(
        "Messages", "The card could not be read. Swipe again."
    ),
    "track_bad_lrc": lambda: QCoreApplication.translate(
        "Messages", "The card could not be read. Swipe again."
    ),
    "track_mismatch": lambda: QCoreApplication.translate(
        "Messages", "The card could not be read. Swipe again."
    ),
    "apdu_malformed": lambda: QCoreApplication.translate(
        "Messages", "The card gave an answer the reader does not understand. Try again."
    ),
    "card_data_invalid": lambda: QCoreApplication.translate(
        "Messages", "The data on the card is not valid. Call support."
    ),
    "read_failed": lambda: QCoreApplication.translate(
        "Messages", "The card could not be read. Hold it still on the reader."
    ),
    "select_failed": lambda: QCoreApplication.translate(
        "Messages", "This card has no loyalty application."
    ),
    "uid_unavailable": lambda: QCoreApplication.translate(
        "Messages", "The reader could not read the card's identity. Try again."
    ),
    "card_unrecognised": lambda: QCoreApplication.translate(
        "Messages", "This card cannot be used here."
    ),
    "hardware_error": lambda: QCoreApplication.translate(
        "Messages", "Card reader problem. Try again."
    ),
    "backend_crashed": lambda: QCoreApplication.translate(
        "Messages", "The card reader stopped. Call support."
    ),
}

_FIELDS: dict[str, Callable[[], str]] = {
    "name": lambda: QCoreApplication.translate("Messages", "the name"),
    "phone": lambda: QCoreApplication.translate("Messages", "the phone number"),
    "email": lambda: QCoreApplication.translate("Messages", "the e-mail address"),
    "reason": lambda: QCoreApplication.translate("Messages", "the reason"),
    "code": lambda: QCoreApplication.translate("Messages", "the staff code"),
}


_ENGINE.update(INPUT_REFUSALS)


def _params(params: dict[str, Any]) -> dict[str, Any]:
    """Amounts are shown as money, field names in words."""
    out: dict[str, Any] = {k: v for k, v in params.items() if v is not None}
    for key in ("available", "max_amount", "max", "min_spend"):
        value = out.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            out[f"{key}_vnd"] = format_vnd(value)
    for key in ("available", "max_points", "remaining"):
        value = out.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            out[key] = format_points(value) if key != "remaining" else value
    field = out.get("field")
    if isinstance(field, str) and field in _FIELDS:
        out["field"] = _FIELDS[field]()
    reason = out.get("reason")
    if reason == "":
        out["reason"] = QCoreApplication.translate("Messages", "not given")
    return out


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def refusal_text(code: str, params: dict[str, Any] | None = None) -> str:
    """The sentence for an engine refusal code; unknown codes still say something useful."""
    maker = _ENGINE.get(code)
    if maker is None:
        return QCoreApplication.translate("Messages", "The operation was refused ({code}).").format(
            code=code
        )
    return maker().format_map(_Missing(_params(params or {})))


def reader_text(code: str) -> str:
    maker = _READER.get(code)
    if maker is None:
        if code.startswith("track_"):
            return QCoreApplication.translate(
                "Messages", "The card could not be read. Swipe again."
            )
        return QCoreApplication.translate("Messages", "Card reader problem ({code}).").format(
            code=code
        )
    return maker()


def error_text(exc: BaseException) -> str:
    """Any exception to a sentence: refusals by code, anything else as an internal error."""
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        if code in _READER or code.startswith(("track_", "card_number_")):
            return reader_text(code)
        return refusal_text(code, getattr(exc, "params", None))
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "Messages", "The database could not be used: {error}"
        ).format(error=exc.strerror or exc)
    return QCoreApplication.translate(
        "Messages", "Something went wrong; it has been logged. ({kind})"
    ).format(kind=type(exc).__name__)


_KINDS: dict[str, Callable[[], str]] = {
    "member": lambda: QCoreApplication.translate("Messages", "Member card"),
    "gift": lambda: QCoreApplication.translate("Messages", "Gift card"),
    "prepaid": lambda: QCoreApplication.translate("Messages", "Prepaid card"),
    "combined": lambda: QCoreApplication.translate("Messages", "Member + prepaid card"),
    "discount": lambda: QCoreApplication.translate("Messages", "Discount card"),
}

_STATUSES: dict[str, Callable[[], str]] = {
    "pending": lambda: QCoreApplication.translate("Messages", "Not activated"),
    "active": lambda: QCoreApplication.translate("Messages", "Active"),
    "blocked": lambda: QCoreApplication.translate("Messages", "Blocked"),
    "expired": lambda: QCoreApplication.translate("Messages", "Expired"),
    "closed": lambda: QCoreApplication.translate("Messages", "Closed"),
}


def kind_text(kind: str | None) -> str:
    maker = _KINDS.get(kind or "")
    return maker() if maker else (kind or "")


def status_text(status: str | None) -> str:
    maker = _STATUSES.get(status or "")
    return maker() if maker else (status or "")


_DISCOUNT_SOURCES: dict[str, Callable[[], str]] = {
    "tier": lambda: QCoreApplication.translate("Messages", "Tier"),
    "membership": lambda: QCoreApplication.translate("Messages", "Membership"),
    "discount_card": lambda: QCoreApplication.translate("Messages", "Discount card"),
}

_MULTIPLIERS: dict[str, Callable[[], str]] = {
    "tier": lambda: QCoreApplication.translate("Messages", "tier"),
    "membership": lambda: QCoreApplication.translate("Messages", "membership"),
    "campaign": lambda: QCoreApplication.translate("Messages", "offer"),
}


def discount_source_text(source: str | None) -> str:
    """Where a percentage discount comes from (the best of tier, membership, discount card)."""
    maker = _DISCOUNT_SOURCES.get(source or "")
    return maker() if maker else (source or "")


def multipliers_text(multipliers: dict[str, int]) -> str:
    """Earn multipliers above x1, e.g. `x1,25 tier · x2 offer`; empty when none boosts."""
    parts = []
    for key, pct in multipliers.items():
        if int(pct) != 100:
            maker = _MULTIPLIERS.get(key)
            parts.append(f"{multiplier_text(int(pct))} {maker() if maker else key}")
    return " · ".join(parts)
