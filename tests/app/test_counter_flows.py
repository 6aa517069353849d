"""The counter flows beyond the sale: refund, rewards, vouchers, programs on the panel, lost
card, paid membership, sale lines, the offline stored-value limit and the supervisor screen."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.dialogs import OperationDialog
from app.flows import MembershipDialog, RefundDialog, ReplaceCardDialog, RewardsDialog
from app.mainwindow import MainWindow
from app.sale import SaleDialog
from hardware.events import CardPresented
from loyalty_core.ids import new_id
from loyalty_core.models import JournalEntry, Tier
from tests import hodefs
from tests.app.conftest import SUPERVISOR_UID, WAIT, Shop, log_in, present, wait_idle


def open_by_key(qtbot: Any, till: MainWindow, key: Qt.Key, modifier: Any = None) -> Any:
    if modifier is None:
        qtbot.keyClick(till.counter.lookup, key)
    else:
        qtbot.keyClick(till.counter.lookup, key, modifier)
    qtbot.waitUntil(
        lambda: till.counter.dialog is not None and till.counter.dialog.isVisible(), timeout=WAIT
    )
    return till.counter.dialog


def approve_with_pin(qtbot: Any, dialog: OperationDialog) -> None:
    qtbot.waitUntil(
        lambda: (
            getattr(dialog, "flow", None) is not None
            and dialog.flow.dialog is not None
            and dialog.flow.dialog.isVisible()
        ),
        timeout=WAIT,
    )
    approval = dialog.flow.dialog
    approval.code.setText("2001")
    approval.pin.setText("5678")
    approval.submit()


def done(qtbot: Any, dialog: OperationDialog) -> dict[str, Any]:
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=WAIT)
    assert dialog.result_data is not None
    return dialog.result_data


# -- refund


def test_full_refund_of_a_sale_needs_a_supervisor_and_happens_once(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    sale = shop.loyalty.checkout(new_id(), shop.cashier_id, shop.member, 500_000)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    assert shop.balances(shop.member)["points"] == 250
    dialog = open_by_key(qtbot, till, Qt.Key.Key_F11)
    assert isinstance(dialog, RefundDialog)
    assert "F11" in till.counter.refund_button.text()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert [s["sale_id"] for s in dialog.sales][0] == sale["sale_id"]  # newest first
    dialog.select_sale(sale["sale_id"])
    assert dialog.summary_text("refundable") == "500.000 ₫"
    dialog.confirm()
    assert "reason" in dialog.message.text()  # refused before anything runs
    dialog.reason.setText("Khách trả hàng")
    dialog.confirm()
    dialog.confirm()  # a second press while the first runs
    approve_with_pin(qtbot, dialog)
    result = done(qtbot, dialog)
    wait_idle(qtbot, till)
    assert result["refunded"] == 500_000 and result["points_taken_back"] == 50
    assert shop.balances(shop.member)["points"] == 200
    with shop.store.read() as s:
        refunds = s.scalars(
            select(JournalEntry.id).where(
                JournalEntry.kind == "refund", JournalEntry.sale_id == sale["sale_id"]
            )
        ).all()
    assert len(refunds) == 1
    slip = till.counter.slip.toPlainText()
    assert "Refund" in slip and "500.000 ₫" in slip and "Cash back" in slip
    qtbot.waitUntil(lambda: till.counter.panel.field_text("points") == "200", timeout=WAIT)


def test_partial_refund_and_too_much_refused_in_words(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    sale = shop.loyalty.checkout(new_id(), shop.cashier_id, shop.member, 400_000)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    till.counter.open_refund()
    dialog = till.counter.dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    dialog.select_sale(sale["sale_id"])
    dialog.full.setChecked(False)
    assert dialog.amount.isEnabled()
    dialog.amount.setText("900.000")
    dialog.reason.setText("Sai giá")
    dialog.confirm()  # refused before a supervisor is even asked
    qtbot.waitUntil(
        lambda: not dialog._submitting and "more than what is left" in dialog.message.text(),
        timeout=WAIT,
    )
    dialog.amount.setText("100.000")
    dialog.confirm()
    approve_with_pin(qtbot, dialog)
    result = done(qtbot, dialog)
    assert result["refunded"] == 100_000 and result["left"] == 300_000


def test_refund_without_card_lists_this_shifts_sales(qtbot: Any, till: MainWindow) -> None:
    log_in(qtbot, till)
    shift = till.ctx.state.shift_id
    loyalty = till.ctx.engine()
    cashier = till.ctx.state.cashier
    assert cashier is not None
    walk_in = loyalty.checkout(new_id(), cashier.id, None, 120_000, shift_id=shift)
    till.counter.open_refund()
    dialog = till.counter.dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert [s["sale_id"] for s in dialog.sales] == [walk_in["sale_id"]]
    assert dialog.table.item(0, 1).text() == "—"


# -- rewards


def test_redeem_a_reward_from_the_catalog(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    shop.loyalty.define_reward("COC", "Cốc sứ", 80, stock=2)
    shop.loyalty.define_reward("LOA", "Loa bluetooth", 5_000, stock=1)
    shop.loyalty.define_reward("HET", "Hết hàng", 10, stock=0)
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    dialog = open_by_key(qtbot, till, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(dialog, RewardsDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert [r["code"] for r in dialog.rewards] == ["COC", "LOA"]  # out of stock not offered
    dialog.select("LOA")
    assert dialog.selected_code() is None  # 5.000 points: more than the card has
    dialog.confirm()
    assert "Choose a reward" in dialog.message.text()
    dialog.select("COC")
    dialog.confirm()  # issue 14: the first press asks to confirm, nothing is spent yet
    assert "Enter to confirm" in dialog.message.text() and dialog.result_data is None
    assert shop.balances(shop.combined)["points"] == 1_000
    dialog.confirm()
    result = done(qtbot, dialog)
    assert result["points"] == 80 and result["stock_left"] == 1
    assert shop.balances(shop.combined)["points"] == 1_000 - 80
    assert "Cốc sứ" in till.counter.slip.toPlainText()


def test_rewards_need_a_points_card(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.prepaid)
    assert not till.counter.rewards_button.isEnabled()
    till.counter.open_rewards()
    assert till.counter.dialog is None


# -- vouchers


def issue_voucher(shop: Shop, number: str, code: str, **kw: Any) -> None:
    today = date.today()
    hodefs.issue_vouchers(shop.loyalty, new_id(),
        shop.cashier_id,
        kind=kw.pop("kind", "fixed"),
        value=kw.pop("value", 50_000),
        valid_from=today.isoformat(),
        valid_to=(today + timedelta(days=30)).isoformat(),
        member_id=shop.loyalty.customer_view(number)["member"]["id"],
        codes=[code],
        **kw,
    )


def test_voucher_on_the_panel_fills_the_sale(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    issue_voucher(shop, shop.member, "QUA50K", min_spend=300_000)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    panel = till.counter.panel
    qtbot.waitUntil(lambda: len(panel.voucher_buttons) == 1, timeout=WAIT)
    button = panel.voucher_buttons[0]
    assert "QUA50K" in button.text() and "50.000 ₫" in button.text()
    assert "300.000 ₫" in button.toolTip()
    button.click()
    dialog = till.counter.dialog
    assert isinstance(dialog, SaleDialog) and dialog.voucher.text() == "QUA50K"
    dialog.amount.setText("200.000")
    qtbot.waitUntil(lambda: "minimum spend" in dialog.message.text(), timeout=WAIT)
    dialog.amount.setText("400.000")
    qtbot.waitUntil(lambda: dialog.summary_text("voucher") == "-50.000 ₫", timeout=WAIT)
    assert dialog.summary_text("cash_due") == "350.000 ₫"
    dialog.confirm()
    result = done(qtbot, dialog)
    assert result["voucher_discount"] == 50_000
    assert shop.loyalty.vouchers_for(shop.member) == []  # used up
    qtbot.waitUntil(lambda: panel.voucher_buttons == [], timeout=WAIT)


def test_typed_voucher_code_is_checked(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    issue_voucher(shop, shop.combined, "CUAHA10", kind="percent", value=1_000)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)  # not the voucher's owner
    till.counter.open_sale()
    dialog = till.counter.dialog
    dialog.amount.setText("100.000")
    dialog.voucher.setText("KHONGCO")
    qtbot.waitUntil(lambda: "Unknown voucher" in dialog.message.text(), timeout=WAIT)
    dialog.voucher.setText("cuaha10")
    qtbot.waitUntil(lambda: "another customer" in dialog.message.text(), timeout=WAIT)
    dialog.confirm()
    qtbot.waitUntil(
        lambda: not dialog._submitting and "another customer" in dialog.message.text(),
        timeout=WAIT,
    )
    assert dialog.result_data is None


# -- the panel: offers, discount card, membership, tier


def test_panel_shows_offers_membership_and_discount_card(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    lo = shop.loyalty
    hodefs.define_program(lo, "occasion", "Black Friday", {"multiplier_pct": 150})
    hodefs.define_program(lo, "cashback", "Hoàn tiền 2%", {"bp": 200, "expiry_days": 90})
    hodefs.define_program(
        lo,
        "discount_card",
        "Thẻ giảm giá",
        {"threshold": 2_000_000, "bp": 1_000},
    )
    hodefs.define_plan(
        lo,
        "vip",
        "Hội viên VIP",
        499_000,
        365,
        discount_bp=300,
        earn_multiplier_pct=150,
    )
    lo.buy_membership(new_id(), shop.cashier_id, shop.combined, "vip")
    discount = lo.issue_card(new_id(), shop.cashier_id, "discount", activate=True)["number"]
    lo.checkout(new_id(), shop.cashier_id, discount, 500_000)
    log_in(qtbot, till)
    panel = till.counter.panel
    present(qtbot, till, shop.combined)
    assert "Black Friday (points x1,5)" in panel.offers.text()
    assert "Hoàn tiền 2% (2% back to the card)" in panel.offers.text()
    assert panel.membership.text().startswith("Hội viên VIP: active until ")
    assert "3% discount (Membership)" in panel.tier.text()
    assert panel.discount_card.isHidden()
    present(qtbot, till, discount)
    assert panel.discount_card.text() == "Discount card: 1.500.000 ₫ more to get 10% off"
    assert panel.membership.isHidden()


def test_why_this_tier(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    with shop.store.write() as s:
        for code, name, rank, threshold in (
            ("m", "Thành viên", 1, 0),
            ("g", "Vàng", 2, 20_000_000),
        ):
            s.add(
                Tier(
                    id=new_id(),
                    code=code,
                    name=name,
                    rank=rank,
                    threshold=threshold,
                    earn_multiplier_pct=100,
                    discount_bp=0,
                    birthday_points=0,
                )
            )
    shop.loyalty.checkout(new_id(), shop.cashier_id, shop.member, 100_000)  # gets the base tier
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    panel = till.counter.panel
    assert panel.why_tier.isVisible()
    panel.why_tier.click()
    qtbot.waitUntil(lambda: panel.tier_why.isVisible(), timeout=WAIT)
    assert "more reaches Vàng at once" in panel.tier_why.text()
    assert panel.tier_why.text() == panel.why_tier.toolTip()


# -- lost card


def test_replace_lost_card_with_presented_blank(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    blank = shop.loyalty.issue_card(new_id(), shop.cashier_id, "combined")["number"]
    log_in(qtbot, till)
    present(qtbot, till, shop.combined)
    dialog = open_by_key(qtbot, till, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(dialog, ReplaceCardDialog)
    till.ctx.hub.sink(CardPresented("test reader", card_number=blank))
    qtbot.waitUntil(lambda: dialog.number.text() == blank, timeout=WAIT)
    dialog.reason.setText("Khách báo mất thẻ")
    dialog.confirm()
    qtbot.waitUntil(
        lambda: dialog.flow.dialog is not None and dialog.flow.dialog.isVisible(), timeout=WAIT
    )
    till.ctx.hub.sink(CardPresented("test reader", uid=SUPERVISOR_UID))  # approve by card
    approval = dialog.flow.dialog  # issue 13: a supervisor's card, then their PIN
    qtbot.waitUntil(lambda: "needs the PIN" in approval.message.text(), timeout=WAIT)
    approval.pin.setText("5678")
    approval.submit()
    result = done(qtbot, dialog)
    assert result["card_number"] == blank
    assert result["moved"] == {
        "points": 1_000,
        "stored_value": 1_050_000,
        "qualifying_spend": result["moved"]["qualifying_spend"],
    }
    qtbot.waitUntil(lambda: till.counter.card_number == blank, timeout=WAIT)
    assert till.counter.panel.field_text("points") == "1.000"
    # Issue 14: the new number stays on the counter until the cashier dismisses it.
    assert till.counter.notice.text().startswith(f"New card {blank}: moved 1.000 points")
    qtbot.wait(50)
    assert till.counter.notice.isVisible()
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_Escape)
    assert till.counter.notice.text() == ""
    assert shop.loyalty.customer_view(shop.combined)["status"] == "blocked"
    assert "Points moved" in till.counter.slip.toPlainText()


# -- paid membership


def test_buy_membership_from_the_plans(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    hodefs.define_plan(shop.loyalty, "vip", "Hội viên VIP", 499_000, 365, 300, 150)
    hodefs.define_plan(shop.loyalty, "basic", "Cơ bản", 99_000, 30)
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    dialog = open_by_key(qtbot, till, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(dialog, MembershipDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    assert [dialog.plan.itemText(i) for i in range(dialog.plan.count())] == [
        "Cơ bản",
        "Hội viên VIP",
    ]
    dialog.plan.setCurrentIndex(1)
    assert dialog.summary_text("fee") == "499.000 ₫"
    assert dialog.summary_text("benefits") == "3% discount, points x1,5"
    dialog.confirm()
    result = done(qtbot, dialog)
    assert result["plan"] == "Hội viên VIP" and not result["renewal"]
    qtbot.waitUntil(
        lambda: till.counter.panel.membership.text().startswith("Hội viên VIP: active until"),
        timeout=WAIT,
    )
    assert "499.000 ₫" in till.counter.slip.toPlainText()


# -- sale lines


def test_sale_lines_make_the_amount(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    present(qtbot, till, shop.member)
    till.counter.open_sale()
    dialog = till.counter.dialog
    dialog.set_line(0, "Áo thun", 2, 150_000)
    dialog.set_line(1, "Mũ", 1, 90_000)
    assert dialog.amount.amount() == 390_000 and dialog.amount.isReadOnly()
    dialog.add_line()
    dialog.lines_table.item(2, 1).setText("3")  # quantity without a description: incomplete
    dialog.lines_table.setItem(2, 0, type(dialog.lines_table.item(2, 1))("Tất"))
    dialog.confirm()
    assert "Complete line 3" in dialog.message.text()
    dialog.lines_table.removeRow(2)
    qtbot.waitUntil(lambda: dialog.summary_text("cash_due") == "390.000 ₫", timeout=WAIT)
    result = done_after_confirm(qtbot, dialog)
    with shop.store.read() as s:
        payload = s.scalar(
            select(JournalEntry.payload).where(
                JournalEntry.kind == "sale", JournalEntry.sale_id == result["sale_id"]
            )
        )
    assert payload["lines"] == [
        {"name": "Áo thun", "qty": 2, "unit_price": 150_000, "amount": 300_000},
        {"name": "Mũ", "qty": 1, "unit_price": 90_000, "amount": 90_000},
    ]


def done_after_confirm(qtbot: Any, dialog: OperationDialog) -> dict[str, Any]:
    dialog.confirm()
    return done(qtbot, dialog)


# -- offline stored-value limit


def test_offline_limit_asks_a_supervisor_when_over(
    qtbot: Any, till: MainWindow, shop: Shop
) -> None:
    from sync.till.offline import StoredValueGuard

    # A registered till whose head office cannot be reached (no client): 100.000 ₫ a day.
    till.ctx.sv_guard = StoredValueGuard(shop.store, None, daily_limit=100_000)
    log_in(qtbot, till)
    present(qtbot, till, shop.prepaid)
    till.counter.open_sale()
    dialog = till.counter.dialog
    dialog.amount.setText("60.000")
    dialog.stored.setText("60.000")
    done_after_confirm(qtbot, dialog)  # within today's allowance: no question
    wait_idle(qtbot, till)
    present(qtbot, till, shop.prepaid)
    till.counter.open_sale()
    dialog = till.counter.dialog
    dialog.amount.setText("80.000")
    dialog.stored.setText("80.000")  # 60.000 + 80.000 > 100.000 today
    dialog.confirm()
    qtbot.waitUntil(
        lambda: dialog.flow.dialog is not None and dialog.flow.dialog.isVisible(), timeout=WAIT
    )
    assert "head office cannot be reached" in dialog.flow.dialog.what.text()
    assert "100.000 ₫" in dialog.flow.dialog.what.text()
    approve_with_pin(qtbot, dialog)
    done(qtbot, dialog)
    assert shop.balances(shop.prepaid)["stored_value"] == 200_000 - 140_000
    assert dialog.flow.approvals.keys() == {"stored_value_offline"}


# -- demo staff cards and the supervisor screen


def test_demo_staff_card_logs_in(qtbot: Any, till: MainWindow) -> None:
    till.ctx.state.demo_cards = {"staff": {"2001": SUPERVISOR_UID}}
    till.present_staff_card("2001")
    # Issue 13: a supervisor's card needs the PIN as well.
    qtbot.waitUntil(lambda: "needs the PIN" in till.login.message.text(), timeout=WAIT)
    till.login.pin.setText("5678")
    till.login.submit()
    qtbot.waitUntil(lambda: till.page in ("shift", "counter"), timeout=WAIT)
    assert till.ctx.state.cashier is not None and till.ctx.state.cashier.code == "2001"
    till.simulated.stop()


def test_supervisor_screen_charts_the_day(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    log_in(qtbot, till)
    till.open_supervisor()  # a cashier may not: a supervisor is asked for on the spot
    assert getattr(till, "supervisor", None) is None
    qtbot.waitUntil(lambda: getattr(till, "prompt", None) is not None, timeout=WAIT)
    till.prompt.code.setText("1001")
    till.prompt.pin.setText("1234")
    till.prompt.submit()
    qtbot.waitUntil(lambda: "Only a supervisor" in till.prompt.message.text(), timeout=WAIT)
    assert getattr(till, "supervisor", None) is None
    till.prompt.reject()
    shift = till.ctx.state.shift_id
    loyalty = till.ctx.engine()
    loyalty.checkout(new_id(), shop.cashier_id, None, 300_000, shift_id=shift)
    loyalty.checkout(new_id(), shop.cashier_id, None, 200_000, shift_id=shift, tender="card")
    till.switch_cashier()
    log_in(qtbot, till, "2001", "5678")
    qtbot.keyClick(till.counter.lookup, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: getattr(till, "supervisor", None) is not None and till.supervisor.isVisible(),
        timeout=WAIT,
    )
    dialog = till.supervisor
    qtbot.waitUntil(lambda: dialog.sales is not None and dialog.report is not None, timeout=WAIT)
    # The whole day, every shift: the fixture's two sales (10.000.000 and 2.000.000 ₫, cash,
    # made before this shift was opened) and this shift's two.
    assert sum(c for c, _t in dialog.hour_chart.hours.values()) == 4
    assert sum(t for _c, t in dialog.hour_chart.hours.values()) == 12_500_000
    bars = dict((label, value) for label, value, _colour in dialog.kind_chart.bars)
    assert bars["Cash sales"] == 12_300_000 and bars["Card sales"] == 200_000
    assert dialog.totals.text().startswith("4 sales")
    assert not dialog.grab().isNull()  # the charts paint
