"""The loyalty slip: one text layout for the on-screen preview and the ESC/POS printer.

The operation is committed before anything is printed; printing is a separate, retryable
step, so a missing printer or an empty paper roll costs the customer a slip, never a sale. The
preview always shows the slip, and Print (F8) can be pressed again once the paper is in.

Most receipt printers have no Vietnamese code page, so the printed copy drops diacritics
(`Nguyễn` prints `Nguyen`); the screen preview keeps them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.messages import kind_text
from app.money import format_points, format_vnd
from loyalty_core.cardkinds import capabilities
from loyalty_core.cardnumbers import mask

WIDTH = 32  # characters on a 58 mm roll in font A; 80 mm rolls print it with a margin


def _row(left: str, right: str, width: int = WIDTH) -> str:
    space = max(1, width - len(left) - len(right))
    return f"{left}{' ' * space}{right}"


def _discount_caption(source: str | None) -> str:
    return {
        "membership": QCoreApplication.translate("Receipt", "Membership discount"),
        "discount_card": QCoreApplication.translate("Receipt", "Discount card"),
    }.get(source or "", QCoreApplication.translate("Receipt", "Tier discount"))


def cash_lines(given: int | None, change: int | None) -> list[str]:
    """Cash handed over and the change, printed under the sale when paid in cash."""
    if given is None or change is None or change < 0:
        return []
    return [
        _row(QCoreApplication.translate("Receipt", "Cash given"), format_vnd(given)),
        _row(QCoreApplication.translate("Receipt", "Change"), format_vnd(change)),
    ]


def slip_lines(
    kind: str,
    result: dict[str, Any],
    *,
    till_name: str,
    cashier: str,
    card_number: str | None,
    card_kind: str | None,
    customer: str | None,
    when: datetime | None = None,
) -> list[str]:
    """The slip for a finished operation; only ever shows the card masked."""
    when = when or datetime.now()
    lines = [
        till_name.center(WIDTH)[:WIDTH],
        QCoreApplication.translate("Receipt", "LOYALTY SLIP").center(WIDTH),
        "-" * WIDTH,
    ]
    lines.append(
        _row(QCoreApplication.translate("Receipt", "Time"), when.strftime("%d/%m/%Y %H:%M"))
    )
    lines.append(_row(QCoreApplication.translate("Receipt", "Cashier"), cashier[: WIDTH - 10]))
    if customer:
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Customer"), customer[: WIDTH - 10])
        )
    if card_number:
        # The card kind in full on a line of its own when it and the number do not fit one.
        kind_name, masked = kind_text(card_kind), mask(card_number)
        if len(kind_name) + len(masked) + 1 > WIDTH:
            lines.append(kind_name[:WIDTH])
            kind_name = ""
        lines.append(_row(kind_name, masked))
    lines.append("-" * WIDTH)
    if kind == "sale":
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Amount"), format_vnd(int(result["amount"])))
        )
        voucher_off = int(result.get("voucher_discount") or 0)
        other_off = int(result.get("discount") or 0) - voucher_off
        if other_off:
            lines.append(
                _row(
                    _discount_caption(result.get("discount_source")),
                    "-" + format_vnd(other_off),
                )
            )
        if voucher_off:
            lines.append(
                _row(QCoreApplication.translate("Receipt", "Voucher"), "-" + format_vnd(voucher_off))
            )
        if result.get("points_redeemed"):
            lines.append(
                _row(
                    QCoreApplication.translate("Receipt", "Points used ({points})").format(
                        points=format_points(int(result["points_redeemed"]))
                    ),
                    "-" + format_vnd(int(result["points_value"])),
                )
            )
        if result.get("stored_value_used"):
            lines.append(
                _row(
                    QCoreApplication.translate("Receipt", "Stored value"),
                    "-" + format_vnd(int(result["stored_value_used"])),
                )
            )
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "To pay"), format_vnd(int(result["cash_due"]))
            )
        )
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "Points earned"),
                format_points(int(result.get("points_earned", 0))),
            )
        )
        if result.get("cashback"):
            lines.append(
                _row(
                    QCoreApplication.translate("Receipt", "Cashback to the card"),
                    format_vnd(int(result["cashback"])),
                )
            )
        tier = result.get("tier_change")
        if tier:
            lines.append(
                QCoreApplication.translate("Receipt", "New tier: {tier}").format(tier=tier["to"])
            )
    elif kind == "topup":
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Top-up"), format_vnd(int(result["amount"])))
        )
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "Bonus"),
                format_vnd(int(result.get("bonus", 0))),
            )
        )
    elif kind == "gift.sell":
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "Gift card loaded"),
                format_vnd(int(result["amount"])),
            )
        )
    elif kind == "member.enroll":
        lines.append(QCoreApplication.translate("Receipt", "Welcome to our loyalty programme!"))
    elif kind == "refund":
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "Refund"),
                format_vnd(int(result["refunded"])),
            )
        )
        for key, caption in (
            ("points_taken_back", QCoreApplication.translate("Receipt", "Points taken back")),
            ("points_returned", QCoreApplication.translate("Receipt", "Points returned")),
        ):
            if result.get(key):
                lines.append(_row(caption, format_points(int(result[key]))))
        if result.get("stored_value_returned"):
            lines.append(
                _row(
                    QCoreApplication.translate("Receipt", "Back to stored value"),
                    format_vnd(int(result["stored_value_returned"])),
                )
            )
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "Cash back"),
                format_vnd(int(result.get("cash_back", 0))),
            )
        )
    elif kind == "reward.redeem":
        lines.append(
            QCoreApplication.translate("Receipt", "Reward: {name}").format(name=result["reward"])[
                :WIDTH
            ]
        )
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "Points used"),
                format_points(int(result["points"])),
            )
        )
    elif kind == "card.replace":
        lines.append(QCoreApplication.translate("Receipt", "Card replaced"))
        moved = result.get("moved") or {}
        lines.append(
            _row(
                QCoreApplication.translate("Receipt", "Points moved"),
                format_points(int(moved.get("points", 0))),
            )
        )
        if moved.get("stored_value"):
            lines.append(
                _row(
                    QCoreApplication.translate("Receipt", "Stored value moved"),
                    format_vnd(int(moved["stored_value"])),
                )
            )
    elif kind == "membership.buy":
        lines.append(str(result["plan"])[:WIDTH])
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Fee"), format_vnd(int(result["fee"])))
        )
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Valid until"), str(result["ends_on"]))
        )
    balances = result.get("balances")
    if balances:
        lines.append("-" * WIDTH)
        can = capabilities(card_kind)
        if can.points:
            lines.append(
                _row(
                    QCoreApplication.translate("Receipt", "Points balance"),
                    format_points(int(balances.get("points", 0))),
                )
            )
        if can.stored_value:
            lines.append(
                _row(
                    QCoreApplication.translate("Receipt", "Stored value balance"),
                    format_vnd(int(balances.get("stored_value", 0))),
                )
            )
    lines.append("-" * WIDTH)
    lines.append(QCoreApplication.translate("Receipt", "Thank you!").center(WIDTH))
    return lines


def printable(text: str) -> str:
    """ASCII for printers without a Vietnamese code page: `Nguyễn Thị Lan` -> `Nguyen Thi Lan`."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("₫", "d").replace("•", "*")
    decomposed = unicodedata.normalize("NFD", text)
    return (
        "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
        .encode("ascii", "replace")
        .decode("ascii")
    )


class PrinterError(Exception):
    """A printer problem the cashier can fix (messages.py has the sentences)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.params = {"detail": detail}


@dataclass(frozen=True)
class PrinterConfig:
    """kind: none | file | network | usb | serial; target: device path, host[:port], vid:pid
    (hex) or serial port. code_page: the printer's Vietnamese code page (e.g. CP1258); empty
    prints without diacritics. cash_drawer: kick the drawer after the slip."""

    kind: str = "none"
    target: str = ""
    code_page: str = ""
    width: int = WIDTH
    cash_drawer: bool = False


def open_printer(config: PrinterConfig) -> Any:
    try:
        from escpos import printer
    except ImportError as exc:  # pragma: no cover - installed with the program
        raise PrinterError("printer.not_configured", str(exc)) from exc
    try:
        if config.kind == "file":
            return printer.File(config.target)
        if config.kind == "network":
            host, _, port = config.target.partition(":")
            return printer.Network(host, int(port or 9100), timeout=5)
        if config.kind == "usb":
            vid, _, pid = config.target.partition(":")
            return printer.Usb(int(vid, 16), int(pid, 16))
        if config.kind == "serial":
            return printer.Serial(config.target)
    except PrinterError:
        raise
    except Exception as exc:  # noqa: BLE001 - escpos raises many types for "not there"
        raise PrinterError("printer.unreachable", type(exc).__name__) from exc
    raise PrinterError("printer.not_configured")


def print_slip(lines: list[str], config: PrinterConfig) -> None:
    """Runs on the worker thread: device I/O must never freeze the counter."""
    if config.kind == "none" or not config.target:
        raise PrinterError("printer.not_configured")
    device = open_printer(config)
    try:
        if config.kind in ("network", "usb"):
            # Only two-way connections can tell us about paper; a file/device node cannot.
            if device.paper_status() == 0:
                raise PrinterError("printer.paper_out")
        text = "\n".join(lines) + "\n"
        if config.code_page:
            device.charcode(config.code_page)  # the printer has Vietnamese: keep diacritics
            device.text(text)
        else:
            device.text(printable(text))
        device.cut()
        if config.cash_drawer:
            device.cashdraw(2)
    except PrinterError:
        raise
    except Exception as exc:  # noqa: BLE001 - the cashier needs "try again", not a traceback
        raise PrinterError("printer.failed", type(exc).__name__) from exc
    finally:
        try:
            device.close()
        except Exception:  # noqa: BLE001 - closing a failed device is best effort
            pass
