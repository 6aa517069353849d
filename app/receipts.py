"""The loyalty slip: one text layout for the on-screen preview and the ESC/POS printer.

The operation is committed before anything is printed; printing is a separate, retryable
step, so a missing printer or an empty paper roll costs the customer a slip, never a sale. The
preview always shows the slip, and Print (F8) can be pressed again once the paper is in.

The printer itself is `hardware.printer`: the slip keeps its diacritics there either through the
printer's Vietnamese code page or as a raster image (the settings choose). A sale's slip names
its receipt number (printed again as a barcode a refund can scan), every benefit, each tender
and, for a bank transfer, the VietQR code the customer paid with.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.messages import kind_text
from app.money import format_points, format_vnd
from hardware.printer import PrinterConfig, PrinterError, print_slip, printable
from loyalty_core.cardkinds import capabilities
from loyalty_core.cardnumbers import mask

__all__ = ["WIDTH", "PrinterConfig", "PrinterError", "print_slip", "printable", "slip_lines"]

WIDTH = 32  # characters on a 58 mm roll in font A; an 80 mm roll takes 48


def _wide_row(left: str, right: str, width: int = WIDTH) -> str:
    space = max(1, width - len(left) - len(right))
    return f"{left}{' ' * space}{right}"


def _discount_caption(source: str | None) -> str:
    return {
        "membership": QCoreApplication.translate("Receipt", "Membership discount"),
        "discount_card": QCoreApplication.translate("Receipt", "Discount card"),
    }.get(source or "", QCoreApplication.translate("Receipt", "Tier discount"))


def tender_caption(tender: str) -> str:
    """How a tender reads on the slip: `transfer` -> "Bank transfer"."""
    return {
        "cash": QCoreApplication.translate("Receipt", "Cash"),
        "card": QCoreApplication.translate("Receipt", "Bank card"),
        "transfer": QCoreApplication.translate("Receipt", "Bank transfer"),
    }.get(tender, tender)


def cash_lines(given: int | None, change: int | None, width: int = WIDTH) -> list[str]:
    """Cash handed over and the change, printed under the sale when paid in cash."""
    if given is None or change is None or change < 0:
        return []
    return [
        _wide_row(QCoreApplication.translate("Receipt", "Cash given"), format_vnd(given), width),
        _wide_row(QCoreApplication.translate("Receipt", "Change"), format_vnd(change), width),
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
    width: int = WIDTH,
) -> list[str]:
    """The slip for a finished operation; only ever shows the card masked."""

    def _row(left: str, right: str) -> str:
        return _wide_row(left, right, width)

    when = when or datetime.now()
    lines = [
        till_name.center(width)[:width],
        QCoreApplication.translate("Receipt", "LOYALTY SLIP").center(width),
        "-" * width,
    ]
    lines.append(
        _row(QCoreApplication.translate("Receipt", "Time"), when.strftime("%d/%m/%Y %H:%M"))
    )
    if result.get("receipt_no"):
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Receipt no."), str(result["receipt_no"]))
        )
    lines.append(_row(QCoreApplication.translate("Receipt", "Cashier"), cashier[: width - 10]))
    if customer:
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Customer"), customer[: width - 10])
        )
    if card_number:
        # The card kind in full on a line of its own when it and the number do not fit one.
        kind_name, masked = kind_text(card_kind), mask(card_number)
        if len(kind_name) + len(masked) + 1 > width:
            lines.append(kind_name[:width])
            kind_name = ""
        lines.append(_row(kind_name, masked))
    lines.append("-" * width)
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
        for tender, value in (result.get("tenders") or {}).items():
            lines.append(_row("  " + tender_caption(tender), format_vnd(int(value))))
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
                :width
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
        lines.append(str(result["plan"])[:width])
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Fee"), format_vnd(int(result["fee"])))
        )
        lines.append(
            _row(QCoreApplication.translate("Receipt", "Valid until"), str(result["ends_on"]))
        )
    balances = result.get("balances")
    if balances:
        lines.append("-" * width)
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
    lines.append("-" * width)
    lines.append(QCoreApplication.translate("Receipt", "Thank you!").center(width))
    return lines
