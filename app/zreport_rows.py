"""The Z report's rows in words and in the right unit: every journal kind the report can hold
has a translated name, and is shown as money (₫), as points (no ₫) or as a count only.

Kept apart from `app.zreport` (the dialog) so a new entry kind is one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.money import format_points, format_vnd


def _t(text: str) -> Callable[[], str]:
    return lambda: QCoreApplication.translate("ZReport", text)


# Order is the order on screen and on paper: money first, then points, then counts.
ROWS: dict[str, tuple[str, Callable[[], str]]] = {
    "sale": ("money", _t("Sales")),
    "refund": ("money", _t("Refunds")),
    "sv.topup": ("money", _t("Top-ups")),
    "sv.bonus": ("money", _t("Top-up bonuses")),
    "sv.spend": ("money", _t("Stored value spent")),
    "refund.sv": ("money", _t("Stored value given back (refunds)")),
    "gift.load": ("money", _t("Gift cards sold")),
    "membership.buy": ("money", _t("Memberships sold")),
    "cashback": ("money", _t("Cashback")),
    "refund.cashback": ("money", _t("Cashback taken back (refunds)")),
    "cashback.expire": ("money", _t("Cashback expired")),
    "qspend": ("money", _t("Tier-qualifying spend")),
    "refund.qspend": ("money", _t("Qualifying spend taken back (refunds)")),
    "earn": ("points", _t("Points earned")),
    "redeem": ("points", _t("Points redeemed")),
    "bonus": ("points", _t("Bonus points")),
    "refund.earn": ("points", _t("Points taken back (refunds)")),
    "refund.redeem": ("points", _t("Points given back (refunds)")),
    "reward.redeem": ("points", _t("Rewards redeemed")),
    "expire": ("points", _t("Points expired")),
    "points.adjust": ("points", _t("Points corrected")),
    "coalition": ("points", _t("Partner points converted")),
    "voucher.use": ("count", _t("Vouchers used")),
    "voucher.issue": ("count", _t("Vouchers issued")),
    "voucher.restore": ("count", _t("Vouchers given back (refunds)")),
    "member.enroll": ("count", _t("Members enrolled")),
    "card.issue": ("count", _t("Cards issued")),
    "card.status": ("count", _t("Card status changes")),
    "tier.change": ("count", _t("Tier changes")),
    "transfer.in": ("count", _t("Balances moved in (replaced cards)")),
    "transfer.out": ("count", _t("Balances moved out (replaced cards)")),
}


def row_name(kind: str) -> str:
    row = ROWS.get(kind)
    return row[1]() if row else kind


def row_total(kind: str, total: int) -> str:
    """Money with ₫, points without, and nothing for kinds that are only counted."""
    unit = ROWS.get(kind, ("money", None))[0]
    if unit == "money":
        return format_vnd(total)
    if unit == "points":
        return format_points(total)
    return ""


def ordered(kinds: dict[str, dict[str, int]]) -> list[str]:
    order = list(ROWS)
    return sorted(kinds, key=lambda k: (order.index(k) if k in ROWS else len(order), k))


def totals(report: dict[str, object], discounts: int | None) -> dict[str, int]:
    """Rows whose total the kinds table cannot give (their entries carry no amount): the
    memberships' fees come from the cash figures, the discounts from the shift's sales."""
    out: dict[str, int] = {}
    cash = report.get("cash")
    if isinstance(cash, dict):
        out["membership.buy"] = int(cash.get("memberships", 0))
    if discounts is not None:
        out["discounts"] = discounts
    return out
