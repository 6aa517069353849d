"""The Z report's rows in words and in the right unit: every journal kind the report can hold
has a translated name, and is shown as money (₫), as points (no ₫) or as a count only.

Kept apart from `app.zreport` (the dialog) so a new entry kind is one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.money import format_points, format_vnd

# Order is the order on screen and on paper: money first, then points, then counts. The
# literal translate() calls are what pyside6-lupdate extracts.
ROWS: dict[str, tuple[str, Callable[[], str]]] = {
    "sale": ("money", lambda: QCoreApplication.translate("ZReport", "Sales")),
    "refund": ("money", lambda: QCoreApplication.translate("ZReport", "Refunds")),
    "sv.topup": ("money", lambda: QCoreApplication.translate("ZReport", "Top-ups")),
    "sv.bonus": ("money", lambda: QCoreApplication.translate("ZReport", "Top-up bonuses")),
    "sv.spend": ("money", lambda: QCoreApplication.translate("ZReport", "Stored value spent")),
    "refund.sv": (
        "money",
        lambda: QCoreApplication.translate("ZReport", "Stored value given back (refunds)"),
    ),
    "gift.load": ("money", lambda: QCoreApplication.translate("ZReport", "Gift cards sold")),
    "membership.buy": ("money", lambda: QCoreApplication.translate("ZReport", "Memberships sold")),
    "cashback": ("money", lambda: QCoreApplication.translate("ZReport", "Cashback")),
    "refund.cashback": (
        "money",
        lambda: QCoreApplication.translate("ZReport", "Cashback taken back (refunds)"),
    ),
    "cashback.expire": ("money", lambda: QCoreApplication.translate("ZReport", "Cashback expired")),
    "qspend": ("money", lambda: QCoreApplication.translate("ZReport", "Tier-qualifying spend")),
    "refund.qspend": (
        "money",
        lambda: QCoreApplication.translate("ZReport", "Qualifying spend taken back (refunds)"),
    ),
    "earn": ("points", lambda: QCoreApplication.translate("ZReport", "Points earned")),
    "redeem": ("points", lambda: QCoreApplication.translate("ZReport", "Points redeemed")),
    "bonus": ("points", lambda: QCoreApplication.translate("ZReport", "Bonus points")),
    "refund.earn": (
        "points",
        lambda: QCoreApplication.translate("ZReport", "Points taken back (refunds)"),
    ),
    "refund.redeem": (
        "points",
        lambda: QCoreApplication.translate("ZReport", "Points given back (refunds)"),
    ),
    "reward.redeem": ("points", lambda: QCoreApplication.translate("ZReport", "Rewards redeemed")),
    "expire": ("points", lambda: QCoreApplication.translate("ZReport", "Points expired")),
    "points.adjust": ("points", lambda: QCoreApplication.translate("ZReport", "Points corrected")),
    "sv.adjust": (
        "money",
        lambda: QCoreApplication.translate("ZReport", "Stored value corrected"),
    ),
    "coalition": (
        "points",
        lambda: QCoreApplication.translate("ZReport", "Partner points converted"),
    ),
    "voucher.use": ("discount", lambda: QCoreApplication.translate("ZReport", "Vouchers used")),
    "voucher.issue": ("count", lambda: QCoreApplication.translate("ZReport", "Vouchers issued")),
    "voucher.restore": (
        "count",
        lambda: QCoreApplication.translate("ZReport", "Vouchers given back (refunds)"),
    ),
    "member.enroll": ("count", lambda: QCoreApplication.translate("ZReport", "Members enrolled")),
    "card.issue": ("count", lambda: QCoreApplication.translate("ZReport", "Cards issued")),
    "card.status": ("count", lambda: QCoreApplication.translate("ZReport", "Card status changes")),
    "tier.change": ("count", lambda: QCoreApplication.translate("ZReport", "Tier changes")),
    "transfer.in": (
        "count",
        lambda: QCoreApplication.translate("ZReport", "Balances moved in (replaced cards)"),
    ),
    "transfer.out": (
        "count",
        lambda: QCoreApplication.translate("ZReport", "Balances moved out (replaced cards)"),
    ),
}


def row_name(kind: str) -> str:
    row = ROWS.get(kind)
    return row[1]() if row else kind


def row_total(kind: str, total: int) -> str:
    """Money with ₫, points without, and nothing for kinds that are only counted; what was
    taken off bills (vouchers) as money off, like the total discounts."""
    unit = ROWS.get(kind, ("money", None))[0]
    if unit == "money":
        return format_vnd(total)
    if unit == "discount":
        return format_vnd(-total)
    if unit == "points":
        return format_points(total)
    return ""


def ordered(kinds: dict[str, dict[str, int]]) -> list[str]:
    order = list(ROWS)
    return sorted(kinds, key=lambda k: (order.index(k) if k in ROWS else len(order), k))


def totals(report: dict[str, object]) -> dict[str, int]:
    """Rows whose total the kinds table cannot give (their entries carry no amount): the
    memberships' fees come from the cash figures, the discounts from the engine's total of
    the sales' discounts (tier, membership, discount card, vouchers)."""
    out: dict[str, int] = {}
    cash = report.get("cash")
    if isinstance(cash, dict):
        out["membership.buy"] = int(cash.get("memberships", 0))
    discounts = report.get("discounts")
    if isinstance(discounts, dict):
        out["discounts"] = int(discounts.get("total", 0))
    return out
