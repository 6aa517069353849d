"""The counter screen: find the customer, then sell, top up, sell gift cards, enrol.

A card presented on any reader, a keyboard-wedge swipe, a typed card number or a phone number
all end in `show_card(number)`, which asks the engine for the customer view off the GUI thread
and shows it. After any operation the runner announces what changed and the panel refreshes
itself when it shows that card.

Over 400 lines (issue 14 added the fast sale, notices and capabilities): the screen's
key routing is kept in one place; the shift-report and printing part is the next to move out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.customer import CustomerPanel
from app.customer_display import CustomerDisplay
from app.dialogs import EnrollDialog, GiftCardDialog, OperationDialog, TopUpDialog
from app.flows import (
    MembershipDialog,
    RefundDialog,
    ReplaceCardDialog,
    RewardsDialog,
)
from app.messages import error_text, reader_text
from app.money import format_points, format_vnd
from app.operations import cards, devices
from app.receipts import PrinterConfig, cash_lines, slip_lines
from app.runner import OpChanges
from app.sale import SaleDialog
from app.widgets import TOUCH_HEIGHT, ActionButton, NoticeBar

CARD_LENGTH = 16


def can(view: dict[str, Any] | None, capability: str) -> bool:
    """What the card on the panel can do, as the engine says (customer_view's capabilities)."""
    return bool(((view or {}).get("capabilities") or {}).get(capability))


def sale_amount_typed(text: str) -> int | None:
    """Digits typed at the counter while a customer is shown: a sale amount, unless they read
    as a phone (leading 0 or +) or a card number (16 digits), which stay a search."""
    digits = text.replace(".", "").replace(" ", "").strip()
    if not digits.isdigit() or digits.startswith("0") or len(digits) == CARD_LENGTH:
        return None
    return int(digits) if len(digits) <= 12 else None


class CounterPage(QWidget):
    view_shown = Signal(object)  # the customer view, once it is on screen
    lock_requested = Signal()
    shift_closed = Signal(object)
    status_message = Signal(str)  # passing news, in the status bar for a few seconds

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card_number: str | None = None
        self.dialog: OperationDialog | None = None
        self.last_slip: list[str] = []
        self._phone_typed = ""  # the phone whose several cards the member search will show
        self.slip_extra: dict[str, str | None] = {}  # receipt number and VietQR, printed only
        self.display = CustomerDisplay(ctx.runner, self)
        self.display.problem.connect(self.status_message.emit)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(16)
        left = QVBoxLayout()
        search = QHBoxLayout()
        self.lookup = QLineEdit()
        self.lookup.setObjectName("lookup")
        self.lookup.setMinimumHeight(TOUCH_HEIGHT)
        self.lookup.setPlaceholderText(self.tr("Card number, phone or name, then Enter"))
        self.lookup.returnPressed.connect(self.lookup_typed)
        self.lookup.textChanged.connect(self._lookup_hint)
        self.find_button = ActionButton(self.tr("Find"), "F6")
        self.find_button.clicked.connect(self._find_pressed)
        search.addWidget(self.lookup, 1)
        search.addWidget(self.find_button)
        left.addLayout(search)
        self.notice = NoticeBar(self.tr("OK"))
        left.addWidget(self.notice)
        self.panel = CustomerPanel()
        self.panel.voucher_chosen.connect(self.open_sale_with_voucher)
        self.panel.why_tier_requested.connect(self.explain_tier)
        left.addWidget(self.panel, 1)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(10)
        self.sale_button = ActionButton(self.tr("Sale"), "F2")
        self.sale_button.setObjectName("primary")
        self.topup_button = ActionButton(self.tr("Top up"), "F3")
        self.gift_button = ActionButton(self.tr("Sell gift card"), "F4")
        self.enrol_button = ActionButton(self.tr("Enrol member"), "F5")
        self.print_button = ActionButton(self.tr("Print slip"), "F8")
        self.clear_button = ActionButton(self.tr("Next customer"), "F9")
        self.lock_button = ActionButton(self.tr("Lock"), "F12")
        self.shift_button = ActionButton(self.tr("Shift report"), "F7")
        self.refund_button = ActionButton(self.tr("Refund"), "F11")
        self.rewards_button = ActionButton(self.tr("Rewards"), "Shift+F2")
        self.replace_button = ActionButton(self.tr("Replace card"), "Shift+F3")
        self.membership_button = ActionButton(self.tr("Membership"), "Shift+F4")
        self.search_button = ActionButton(self.tr("Find member"), "Shift+F6")
        self.search_button.clicked.connect(lambda: self.open_search())
        self.refund_button.clicked.connect(self.open_refund)
        self.rewards_button.clicked.connect(self.open_rewards)
        self.replace_button.clicked.connect(self.open_replace)
        self.membership_button.clicked.connect(self.open_membership)
        self.sale_button.clicked.connect(self.open_sale)
        self.topup_button.clicked.connect(self.open_topup)
        self.gift_button.clicked.connect(self.open_gift)
        self.enrol_button.clicked.connect(self.open_enrol)
        self.print_button.clicked.connect(self.print_last_slip)
        self.clear_button.clicked.connect(self.clear_customer)
        self.lock_button.clicked.connect(self.lock_requested.emit)
        self.shift_button.clicked.connect(self.open_shift_report)
        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.sale_button, 0, 0, 1, 2)
        for i, b in enumerate(
            (
                self.topup_button,
                self.gift_button,
                self.enrol_button,
                self.refund_button,
                self.rewards_button,
                self.membership_button,
                self.replace_button,
                self.search_button,
            )
        ):
            grid.addWidget(b, 1 + i // 2, i % 2)
        right.addLayout(grid)
        slip_title = QLabel(self.tr("Last slip"))
        slip_title.setObjectName("caption")
        right.addWidget(slip_title)
        self.slip = QPlainTextEdit()
        self.slip.setObjectName("slipPreview")
        self.slip.setReadOnly(True)
        self.slip.setPlaceholderText(self.tr("The slip of the next operation appears here."))
        self.slip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        mono = QFont("DejaVu Sans Mono")
        mono.setPointSize(10)
        self.slip.setFont(mono)
        self.slip.setMinimumWidth(300)
        right.addWidget(self.slip, 1)
        bottom = QGridLayout()
        bottom.setSpacing(8)
        for i, b in enumerate(
            (self.print_button, self.shift_button, self.clear_button, self.lock_button)
        ):
            bottom.addWidget(b, i // 2, i % 2)
        right.addLayout(bottom)
        outer.addLayout(right, 2)
        ctx.runner.changed.connect(self._on_changed)
        self._update_buttons()

    # -- finding the customer

    def _find_pressed(self) -> None:
        if self.lookup.hasFocus() and self.lookup.text().strip():
            self.lookup_typed()
        else:
            self.lookup.setFocus()
            self.lookup.selectAll()

    def _lookup_hint(self, text: str) -> None:
        amount = sale_amount_typed(text) if self.panel.view is not None else None
        if amount is not None:
            self.status_message.emit(
                self.tr("Sale of {amount}: Enter to pay").format(amount=format_vnd(amount))
            )

    def lookup_typed(self) -> None:
        text = self.lookup.text().strip()
        amount = sale_amount_typed(text) if self.panel.view is not None else None
        if amount is not None:
            # The fast sale: a customer is shown and the cashier typed the amount.
            self.lookup.clear()
            self.open_sale(amount)
            return
        digits = "".join(ch for ch in text if ch.isdigit())
        if not digits:
            if any(ch.isalpha() for ch in text):
                self.lookup.clear()
                self.open_search(text)  # a name: the member search, already searching
            return
        if len(digits) == CARD_LENGTH and not text.startswith(("0", "+")):
            self.show_card(digits)
        else:
            self.find_phone(text)

    def find_phone(self, phone: str) -> None:
        self._phone_typed = phone
        cards.find_by_phone(self.ctx.runner, phone, self._phone_found).failure(
            self._lookup_failed
        ).run_in_background()

    def _phone_found(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            self.panel.show_message(self.tr("No member has this phone number."))
            self._set_card(None)
            return
        if len(rows) == 1:
            self.show_card(rows[0]["number"])
            return
        # Several cards (or members): the member search picks one by keys, usable cards first,
        # blocked and closed ones last, kind and status in words.
        self.open_search(self._phone_typed)

    def open_search(self, text: str = "") -> None:
        from app.search import MemberSearchDialog

        dialog = MemberSearchDialog(self.ctx, text, self)
        self.search_dialog = dialog
        dialog.card_chosen.connect(self.show_card)
        dialog.finished.connect(self._back_to_counter)
        dialog.finished.connect(dialog.deleteLater)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def show_card(self, number: str) -> None:
        self._wanted = number
        cards.customer_view(self.ctx.runner, number, self._view_ready).failure(
            self._lookup_failed
        ).run_in_background()

    def reader_refused(self, code: str) -> None:
        self._set_card(None)
        self.panel.show_message(reader_text(code))

    def _view_ready(self, view: dict[str, Any]) -> None:
        if getattr(self, "_wanted", None) != view["number"]:
            return  # the counter was cleared (or another card shown) while this was read
        self.panel.show_view(view)
        self._set_card(view["number"])
        self.lookup.clear()
        if view.get("member"):
            number = view["number"]
            cards.vouchers_for(
                self.ctx.runner,
                number,
                lambda rows: self.card_number == number and self.panel.show_vouchers(rows),
            ).failure(lambda _exc: None).run_in_background()
        self.view_shown.emit(view)

    def explain_tier(self) -> None:
        number = self.card_number
        if number is None:
            return
        cards.tier_explanation(
            self.ctx.runner,
            number,
            lambda data: self.card_number == number and self.panel.show_tier_explanation(data),
        ).failure(lambda exc: self.notice.show_text(error_text(exc))).run_in_background()

    def _lookup_failed(self, exc: BaseException) -> None:
        self._set_card(None)
        self.panel.show_message(error_text(exc))

    def _set_card(self, number: str | None) -> None:
        self.card_number = number
        if number is None:
            self.panel.view = None
        self._update_buttons()

    def clear_customer(self) -> None:
        self._wanted = None
        self._set_card(None)
        self.panel.clear()
        self.lookup.clear()
        self.lookup.setFocus()

    def _update_buttons(self) -> None:
        view = self.panel.view
        usable = bool(view and view.get("usable"))
        self.topup_button.setEnabled(usable and can(view, "reloadable"))
        self.rewards_button.setEnabled(usable and can(view, "points"))
        self.membership_button.setEnabled(usable and bool((view or {}).get("member")))
        self.replace_button.setEnabled(
            bool(view) and (view or {}).get("status") not in ("closed", "pending")
        )
        self.print_button.setEnabled(bool(self.last_slip))

    # -- operations

    def _open(self, dialog: OperationDialog) -> None:
        self.dialog = dialog
        dialog.completed.connect(lambda result: self._completed(dialog, result))
        dialog.finished.connect(self._back_to_counter)
        dialog.finished.connect(dialog.deleteLater)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def _back_to_counter(self) -> None:
        """After a dialog the keys belong to the counter again: F-keys and the next swipe."""
        self.window().activateWindow()
        self.lookup.setFocus()

    def open_sale(self, amount: int | None = None) -> None:
        view = self.panel.view
        if view is not None and not view.get("usable"):
            # A blocked card cannot collect or pay; the sale goes ahead without it.
            self.status_message.emit(self.tr("The card cannot be used; selling without it."))
            view = None
        self._open(SaleDialog(self.ctx, view, self, amount=amount or None))

    def open_sale_with_voucher(self, code: str) -> None:
        self.open_sale()
        if isinstance(self.dialog, SaleDialog):
            self.dialog.voucher.setText(code)

    def open_refund(self) -> None:
        self._open(RefundDialog(self.ctx, self.panel.view, self))

    def open_rewards(self) -> None:
        view = self.panel.view
        if not view or not view.get("usable") or not can(view, "points"):
            self.notice.show_text(self.tr("Present a card that collects points first."))
            return
        self._open(RewardsDialog(self.ctx, view, self))

    def open_replace(self) -> None:
        view = self.panel.view
        if not view or view.get("status") in ("closed", "pending"):
            self.notice.show_text(self.tr("Find the card to replace first."))
            return
        self._open(ReplaceCardDialog(self.ctx, view, self))

    def open_membership(self) -> None:
        view = self.panel.view
        if not view or not view.get("usable") or not view.get("member"):
            self.notice.show_text(self.tr("Present a member's card first."))
            return
        self._open(MembershipDialog(self.ctx, view, self))

    def open_topup(self) -> None:
        view = self.panel.view
        if not view or not view.get("usable") or not can(view, "reloadable"):
            self.notice.show_text(self.tr("Present a prepaid card first."))
            return
        self._open(TopUpDialog(self.ctx, view, self))

    def open_gift(self) -> None:
        self._open(GiftCardDialog(self.ctx, self))

    def open_enrol(self) -> None:
        self._open(EnrollDialog(self.ctx, self))

    def _completed(self, dialog: OperationDialog, result: dict[str, Any]) -> None:
        changes = dialog.changes_made
        assert changes is not None  # set before `completed` is emitted
        view = self.panel.view if changes.card_number == self.card_number else None
        if view is None and changes.kind == "card.replace":
            view = dialog.view  # the same customer and kind, on the new card
        member = (view or {}).get("member") or {}
        card_kind = (view or {}).get("kind")
        if changes.kind == "gift.sell":
            card_kind = "gift"
        elif changes.kind == "member.enroll":
            card_kind = dialog.kind.currentData()
            member = {"name": dialog.name.text()}
        cashier = self.ctx.state.cashier
        width = self.printer_config().width
        self.last_slip = slip_lines(
            changes.kind,
            result,
            till_name=self.ctx.state.till_name,
            cashier=cashier.name if cashier else "",
            card_number=changes.card_number,
            card_kind=card_kind,
            customer=member.get("name"),
            when=datetime.now(),
            width=width,
        )
        self.slip_extra = {
            "receipt_no": result.get("receipt_no"),
            "qr": getattr(dialog, "transfer_qr", None),
        }
        if isinstance(dialog, SaleDialog):
            self.last_slip += cash_lines(dialog.cash_tendered(), dialog.change_due(), width)
        self.slip.setPlainText("\n".join(self.last_slip))
        self._update_buttons()
        if changes.kind == "sale":
            # The sale is done and its slip is shown: the counter is ready for the next customer
            # (no F9), and digits typed now can never start a sale on this customer's card.
            self.clear_customer()
            self.panel.show_note(self.tr("Sale done. Next customer: present the card."))
            return
        if changes.kind == "card.replace":
            moved = result.get("moved") or {}
            self.notice.show_text(
                self.tr("New card {number}: moved {points} points and {amount}.").format(
                    number=result["card_number"],
                    points=format_points(int(moved.get("points", 0))),
                    amount=format_vnd(int(moved.get("stored_value", 0))),
                )
            )
        if changes.card_number and changes.card_number != self.card_number:
            self.show_card(changes.card_number)  # a new card: show its customer at once

    def _on_changed(self, changes: OpChanges) -> None:
        if changes.card_number and changes.card_number == self.card_number:
            self.show_card(changes.card_number)

    def open_shift_report(self) -> None:
        from app.zreport import ZReportDialog

        dialog = ZReportDialog(self.ctx, self.printer_config, self)
        self.zreport = dialog
        # Back to the till only when the report was seen: then a new shift starts.
        dialog.finished.connect(
            lambda _r: dialog.final is not None and self.shift_closed.emit(dialog.final)
        )
        dialog.finished.connect(self._back_to_counter)
        dialog.finished.connect(dialog.deleteLater)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def printer_config(self) -> PrinterConfig:
        from app.settings_dialog import printer_config

        return printer_config()

    def print_last_slip(self) -> None:
        if not self.last_slip:
            return
        devices.print_slip(
            self.ctx.runner,
            self.last_slip,
            self.printer_config(),
            **self.slip_extra,
            success=lambda _r: self.status_message.emit(self.tr("Slip printed.")),
            failure=lambda exc: self.notice.show_text(error_text(exc)),
        )
