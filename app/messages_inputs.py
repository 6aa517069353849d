"""Refusals about the shape of what was typed or configured: sale lines, program rules, text
fields, VietQR account details.

Kept beside `app.messages` (which is at its size limit) and merged into its table there; the
same rule applies: one sentence per code, translated under the "Messages" context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

INPUT_REFUSALS: dict[str, Callable[[], str]] = {
    "sale.bad_line": lambda: QCoreApplication.translate(
        "Messages", "Sale line {line} has a number that is not valid."
    ),
    "sale.bad_lines": lambda: QCoreApplication.translate(
        "Messages", "The sale lines are not valid."
    ),
    "sale.lines_total": lambda: QCoreApplication.translate(
        "Messages", "The sale lines do not add up to the amount."
    ),
    "sale.too_many_lines": lambda: QCoreApplication.translate(
        "Messages", "Too many sale lines (at most {max})."
    ),
    "rules.invalid": lambda: QCoreApplication.translate(
        "Messages", "The program rules are not valid."
    ),
    "rules.bad_effective": lambda: QCoreApplication.translate(
        "Messages", "The rules' start time is not a valid time with its time zone."
    ),
    "text.card_number": lambda: QCoreApplication.translate(
        "Messages", "{field} looks like a payment card number: do not type card numbers there."
    ),
    "vietqr.bad_account": lambda: QCoreApplication.translate(
        "Messages", "The bank or account number for transfers is not valid."
    ),
    "vietqr.bad_amount": lambda: QCoreApplication.translate(
        "Messages", "The transfer amount is not valid."
    ),
}


_READER_NAMES: dict[str, Callable[[], str]] = {
    "Simulated reader": lambda: QCoreApplication.translate("Messages", "Simulated reader"),
    "keyboard-wedge": lambda: QCoreApplication.translate("Messages", "Keyboard-wedge reader"),
}


def reader_name(name: str) -> str:
    """Reader names the program itself gives, in the cashier's language; a hardware reader's
    own name (its model, from PC/SC) is shown as the device reports it."""
    maker = _READER_NAMES.get(name)
    return maker() if maker else name
