"""Printing, on the device lane: a printer timing out never holds up the next lookup.

Printing follows the operation it prints (committed first), and is retried by the cashier
(F8), so a failure here loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.receipts import PrinterConfig
from app.receipts import print_slip as _print
from app.runner import DEVICE, Runner


def print_slip(
    runner: Runner,
    lines: list[str],
    config: PrinterConfig,
    *,
    success: Callable[[Any], None],
    failure: Callable[[BaseException], None],
    label: str = "print",
    receipt_no: str | None = None,
    qr: str | None = None,
) -> int:
    """`receipt_no` is printed again as a barcode a refund can scan; `qr` a transfer's code."""
    copy = list(lines)  # the screen may change them while the printer works
    return runner.submit(
        lambda: _print(copy, config, receipt_no=receipt_no, qr=qr),
        success=success,
        failure=failure,
        label=label,
        lane=DEVICE,
    )
