"""Issue 14: screens that fit a 1024x768 counter, and the Z report in words and right units."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QDialog, QPushButton

from app.i18n import font_points
from app.mainwindow import MainWindow
from app.zreport import ZReportDialog
from loyalty_core.ids import new_id
from tests.app.conftest import WAIT, Shop, log_in, present, wait_idle
from tests.app.test_counter_flows import issue_voucher

SCREEN = QRect(0, 0, 1024, 768)
TITLE_BAR = 32  # what a window manager adds above a dialog
MIN_TOUCH = 44


def assert_fits(dialog: QDialog) -> None:
    dialog.adjustSize()
    size = dialog.size()
    assert size.width() <= SCREEN.width(), (type(dialog).__name__, size)
    assert size.height() + TITLE_BAR <= SCREEN.height(), (type(dialog).__name__, size)
    inside = dialog.rect()
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    assert buttons, type(dialog).__name__
    for button in buttons:
        top_left = button.mapTo(dialog, QPoint(0, 0))
        rect = QRect(top_left, button.size())
        assert inside.contains(rect), (type(dialog).__name__, button.text(), rect, inside)
        assert button.height() >= MIN_TOUCH, (type(dialog).__name__, button.text())


def test_font_scales_with_the_screen() -> None:
    assert font_points(768) == 12
    assert font_points(1080) > font_points(768)
    assert font_points(600) >= 11


def test_every_dialog_fits_1024x768_with_its_buttons_visible(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    shop.loyalty.define_reward("COC", "Cốc sứ", 80, stock=2)
    shop.loyalty.define_plan("vip", "Hội viên VIP", 499_000, 365, 300, 150)
    shop.loyalty.checkout(new_id(), shop.cashier_id, shop.combined, 300_000)
    till.resize(1024, 768)
    log_in(qtbot, till, "2001", "5678")
    present(qtbot, till, shop.combined)
    counter = till.counter
    openers = (
        counter.open_sale,
        counter.open_topup,
        counter.open_gift,
        counter.open_enrol,
        counter.open_refund,
        counter.open_rewards,
        counter.open_replace,
        counter.open_membership,
    )
    for open_dialog in openers:
        open_dialog()
        dialog = counter.dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        wait_idle(qtbot, till)  # lists and quotes filled in: the dialog at its full size
        assert_fits(dialog)
        dialog.reject()
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=WAIT)
    # The approval, on top of a sale over the points limit.
    counter.open_sale()
    sale = counter.dialog
    sale.stored.setText("0")
    sale.amount.setText("1.000.000")
    sale.points.setValue(600)
    qtbot.waitUntil(lambda: sale.summary_text("points_value") == "600.000 ₫", timeout=WAIT)
    sale.confirm()
    qtbot.waitUntil(
        lambda: getattr(sale, "flow", None) is not None and sale.flow.dialog is not None,
        timeout=WAIT,
    )
    assert_fits(sale.flow.dialog)
    sale.flow.dialog.reject()
    qtbot.waitUntil(lambda: not sale._submitting, timeout=WAIT)
    sale.reject()
    # The Z report (it was 800 px tall) and the supervisor screen.
    counter.open_shift_report()
    z = counter.zreport
    qtbot.waitUntil(lambda: z.report is not None, timeout=WAIT)
    assert_fits(z)
    z.reject()
    till.open_supervisor()
    qtbot.waitUntil(lambda: getattr(till, "supervisor", None) is not None, timeout=WAIT)
    wait_idle(qtbot, till)
    assert_fits(till.supervisor)
    till.supervisor.reject()


def test_counter_buttons_are_touch_sized(qtbot: Any, till: MainWindow) -> None:
    till.resize(1024, 768)
    log_in(qtbot, till)
    for button in till.counter.findChildren(QPushButton):
        if button.isVisible() and button.objectName() != "whyTier":
            assert button.height() >= MIN_TOUCH, button.text()


def test_every_kind_the_z_report_can_hold_has_a_name_and_a_unit() -> None:
    from app import zreport_rows
    from loyalty_core.entries import Kind
    from loyalty_core.reports import NOT_TAKINGS

    missing = [k.value for k in Kind if k.value not in NOT_TAKINGS and k not in zreport_rows.ROWS]
    assert missing == []
    assert zreport_rows.row_total("refund.redeem", 120) == "120"
    assert zreport_rows.row_total("voucher.use", 50_000) == "-50.000 ₫"  # money off (round 3)
    assert zreport_rows.row_total("refund.sv", 5_000) == "5.000 ₫"


def test_z_report_rows_are_translated(qapp: Any) -> None:
    from app import i18n, zreport_rows

    i18n.install_language(qapp, "vi")
    try:
        untranslated = [
            k
            for k in zreport_rows.ROWS
            if zreport_rows.row_name(k)
            == {"sale": "Sales", "refund": "Refunds", "earn": "Points earned"}.get(k)
        ]
        assert untranslated == []
        assert zreport_rows.row_name("refund.qspend") != "Qualifying spend taken back (refunds)"
    finally:
        i18n.install_language(qapp, "en")


def test_z_report_rows_in_words_and_units(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    shop.loyalty.define_plan("vip", "Hội viên VIP", 499_000, 365, 300, 150)
    issue_voucher(shop, shop.member, "GIAM50")
    log_in(qtbot, till, "2001", "5678")
    shift = till.ctx.state.shift_id
    lo = shop.loyalty
    lo.checkout(
        new_id(), shop.cashier_id, shop.member, 400_000, shift_id=shift, points_to_redeem=100
    )
    with_voucher = lo.checkout(
        new_id(), shop.cashier_id, shop.member, 300_000, shift_id=shift, voucher_code="GIAM50"
    )
    assert with_voucher["voucher_discount"] == 50_000
    lo.buy_membership(new_id(), shop.cashier_id, shop.member, "vip", shift_id=shift)
    lo.enroll_member(new_id(), shop.cashier_id, "Đặng Văn Hùng")
    till.counter.open_shift_report()
    z: ZReportDialog = till.counter.zreport
    qtbot.waitUntil(lambda: z.report is not None, timeout=WAIT)
    rows = {
        z.table.item(r, 0).text(): (z.table.item(r, 1).text(), z.table.item(r, 2).text())
        for r in range(z.table.rowCount())
    }
    for name in rows:
        assert "." not in name and "_" not in name, f"raw code shown: {name}"
    assert rows["Points redeemed"][1] == "-100" and "₫" not in rows["Points earned"][1]
    assert rows["Members enrolled"] == ("1", "")  # a count, never "0 ₫"
    # Round 3: the voucher row is what the vouchers took off, from the engine (was a count).
    assert rows["Vouchers used"] == ("1", "-50.000 ₫")
    assert rows["Memberships sold"] == ("1", "499.000 ₫")
    assert rows["Total discounts"][1] == "-50.000 ₫"
    lines = "\n".join(z.report_lines())
    assert "refund." not in lines and "voucher." not in lines
    z.reject()
    qtbot.waitUntil(lambda: not z.isVisible(), timeout=WAIT)
