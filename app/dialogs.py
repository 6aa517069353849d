"""Counter operations: sale, top-up, gift card, enrolment.

Each dialog makes its operation id when it opens. Every press of Confirm, every retry after a
supervisor approved, reuses it, and the engine is idempotent on it: however often the button
is pressed, at most one sale is written. The dialogs are opened with open() (window-modal, not
a nested event loop) so the reader, the status bar and the runner keep working behind them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.approval import ApprovalFlow
from app.context import AppContext
from app.messages import discount_source_text, error_text, kind_text, multipliers_text
from app.money import format_points, format_vnd, parse_amount
from app.money import percent_text as _percent
from app.operations import members, sales
from app.runner import BackgroundOp, OpChanges
from app.widgets import TOUCH_HEIGHT, ActionButton, AmountEdit, PointsEdit


class OperationDialog(QDialog):
    """Shared frame: title, form, message line, Cancel (Esc) and Confirm (F10 or Enter)."""

    completed = Signal(object)  # the engine's result

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from loyalty_core.ids import new_id

        self.ctx = ctx
        self.operation_id = new_id()
        self.result_data: dict[str, Any] | None = None
        self.changes_made: OpChanges | None = None  # what the confirmed op touched
        self._submitting = False
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.box = QVBoxLayout(self)
        self.box.setSpacing(12)
        heading = QLabel(title)
        heading.setObjectName("dialogTitle")
        self.box.addWidget(heading)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.box.addLayout(self.form)
        self.summary = QGridLayout()
        self.summary.setHorizontalSpacing(24)
        self.box.addLayout(self.summary)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.box.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel_button = ActionButton(self.tr("Cancel"), "Esc")
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = ActionButton(self.tr("Confirm"), "F10")
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        self.box.addLayout(row)
        self._summary_rows: dict[str, QLabel] = {}
        self.ctx.card_grabbers.append(self._card_presented)
        self.finished.connect(self._release_card)
        # Enter confirms from any field: the whole flow works without leaving the keyboard.
        for key in ("Return", "Enter"):
            sc = QShortcut(QKeySequence(key), self)
            sc.activated.connect(self.confirm)

    # -- helpers for subclasses

    def summary_row(self, key: str, caption: str) -> QLabel:
        row = len(self._summary_rows)
        cap = QLabel(caption)
        cap.setObjectName("caption")
        value = QLabel("—")
        value.setObjectName(f"sum_{key}")
        value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.summary.addWidget(cap, row, 0)
        self.summary.addWidget(value, row, 1)
        self._summary_rows[key] = value
        return value

    def summary_text(self, key: str) -> str:
        return self._summary_rows[key].text()

    def _card_presented(self, number: str) -> None:
        """Dialogs that want a card override this; others keep the card from the counter."""

    def _release_card(self) -> None:
        if self._card_presented in self.ctx.card_grabbers:
            self.ctx.card_grabbers.remove(self._card_presented)

    # -- the operation

    def validate(self) -> str | None:
        """A sentence when the form is not complete, else None."""
        return None

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        """The op this dialog confirms (from `app.operations`), carrying `approval_id`."""
        raise NotImplementedError

    def approval_details(self) -> dict[str, Any]:
        return {}

    def confirm(self) -> None:
        if self._submitting or self.result_data is not None:
            return  # a second press while the first is running, or after it finished
        problem = self.validate()
        if problem:
            self.message.setText(problem)
            return
        self._submitting = True
        self.confirm_button.setEnabled(False)
        self.message.setObjectName("subtle")
        self.message.setText(self.tr("Working…"))
        flow = ApprovalFlow(self.ctx, self, self.make_op, self.approval_details())
        flow.succeeded.connect(self._on_success)
        flow.failed.connect(self._on_failure)
        self.flow = flow
        flow.start()

    def _on_success(self, changes: OpChanges) -> None:
        self._submitting = False
        self.changes_made = changes
        self.result_data = changes.result
        self.completed.emit(changes.result)
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        self._submitting = False
        self.confirm_button.setEnabled(True)
        self.message.setObjectName("error")
        self.message.style().polish(self.message)
        self.message.setText(error_text(exc))


class SaleDialog(OperationDialog):
    """Amount, tier discount, points and stored value the customer chooses to use, the rest
    paid by cash or external card; the quote shows what the customer will earn before confirm."""

    def __init__(
        self,
        ctx: AppContext,
        view: dict[str, Any] | None,
        parent: QWidget | None = None,
        voucher_code: str = "",
    ) -> None:
        super().__init__(ctx, self.tr("Sale"), parent)
        self.view = view
        self.card_number: str | None = view["number"] if view else None
        balances = (view or {}).get("balances", {})
        kind = (view or {}).get("kind")
        if view:
            who = (view.get("member") or {}).get("name") or kind_text(kind)
            self.form.addRow(self.tr("Customer"), QLabel(f"{who}  {view.get('masked', '')}"))
        else:
            self.form.addRow(self.tr("Customer"), QLabel(self.tr("No card (walk-in)")))
        self.amount = AmountEdit()
        self.amount.setObjectName("saleAmount")
        self.lines_button = ActionButton(self.tr("Add line"), "F8")
        self.lines_button.clicked.connect(self.add_line)
        arow = QHBoxLayout()
        arow.addWidget(self.amount, 1)
        arow.addWidget(self.lines_button)
        self.form.addRow(self.tr("Amount"), arow)
        # Optional sale lines: description, quantity, unit price; the amount is their sum.
        self.lines_table = QTableWidget(0, 3)
        self.lines_table.setObjectName("saleLines")
        self.lines_table.setHorizontalHeaderLabels(
            [self.tr("Description"), self.tr("Qty"), self.tr("Unit price")]
        )
        self.lines_table.verticalHeader().hide()
        header = self.lines_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.lines_table.setMinimumHeight(120)
        self.lines_table.hide()
        self.lines_table.cellChanged.connect(lambda _r, _c: self._lines_changed())
        self.form.addRow(self.lines_table)
        self.voucher = QLineEdit()
        self.voucher.setObjectName("saleVoucher")
        self.voucher.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.voucher.setPlaceholderText(self.tr("Type or scan a voucher code"))
        self.voucher.setText(voucher_code)
        self.form.addRow(self.tr("Voucher"), self.voucher)
        self.points = PointsEdit()
        self.points.setObjectName("salePoints")
        self.points.setMaximum(int(balances.get("points", 0)))
        self.points_max = ActionButton(self.tr("All points"), "F6")
        self.points_max.clicked.connect(self._all_points)
        prow = QHBoxLayout()
        prow.addWidget(self.points, 1)
        prow.addWidget(self.points_max)
        self.stored = AmountEdit()
        self.stored.setObjectName("saleStored")
        self.stored.setText("0")
        self.stored_max = ActionButton(self.tr("All stored value"), "F7")
        self.stored_max.clicked.connect(self._all_stored)
        srow = QHBoxLayout()
        srow.addWidget(self.stored, 1)
        srow.addWidget(self.stored_max)
        has_points = self.has_points = kind in ("member", "combined", "discount")
        has_sv = self.has_sv = kind in ("gift", "prepaid", "combined")
        self.point_value = 1
        sales.rules(ctx.runner, self._got_rules).run_in_background()
        if has_points:
            self.form.addRow(
                self.tr("Pay with points (has {points})").format(
                    points=format_points(int(balances.get("points", 0)))
                ),
                prow,
            )
        if has_sv:
            self.form.addRow(
                self.tr("Pay from stored value (has {amount})").format(
                    amount=format_vnd(int(balances.get("stored_value", 0)))
                ),
                srow,
            )
        for w in (self.points, self.points_max):
            w.setVisible(has_points)
        for w in (self.stored, self.stored_max):
            w.setVisible(has_sv)
        self.tender = QComboBox()
        self.tender.setObjectName("saleTender")
        self.tender.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.tender.addItem(self.tr("Cash"), "cash")
        self.tender.addItem(self.tr("External card"), "card")
        self.form.addRow(self.tr("Rest paid by"), self.tender)
        self.summary_row("discount", self.tr("Discount"))
        self.summary_row("voucher", self.tr("Voucher"))
        self.summary_row("net", self.tr("After discount"))
        self.summary_row("points_value", self.tr("Paid with points"))
        self.summary_row("stored_value_used", self.tr("Paid from stored value"))
        self.summary_row("cash_due", self.tr("To pay"))
        self.summary_row("points_earned", self.tr("Points to earn"))
        self.summary_row("cashback", self.tr("Cashback to the card"))
        self.quote_data: dict[str, Any] | None = None
        self._quote_timer = QTimer(self)
        self._quote_timer.setSingleShot(True)
        self._quote_timer.setInterval(120)
        self._quote_timer.timeout.connect(self.request_quote)
        self.amount.amount_changed.connect(lambda _v: self._quote_timer.start())
        self.stored.amount_changed.connect(lambda _v: self._quote_timer.start())
        self.points.valueChanged.connect(lambda _v: self._quote_timer.start())
        self.voucher.textChanged.connect(lambda _t: self._quote_timer.start())
        self.amount.setFocus()

    def _got_rules(self, rules: Any) -> None:
        self.point_value = int(rules.point_value) or 1

    def _inputs(self) -> tuple[int | None, int, int, str]:
        stored = (self.stored.amount() or 0) if self.has_sv else 0
        points = self.points.value() if self.has_points else 0
        return self.amount.amount(), points, stored, self.voucher_code()

    def voucher_code(self) -> str:
        return self.voucher.text().strip().upper()

    # -- sale lines

    def add_line(self) -> None:
        self.lines_table.show()
        row = self.lines_table.rowCount()
        self.lines_table.insertRow(row)
        self.lines_table.setItem(row, 1, QTableWidgetItem("1"))
        self.lines_table.setCurrentCell(row, 0)
        self.lines_table.editItem(self.lines_table.item(row, 0) or QTableWidgetItem())
        self.amount.setReadOnly(True)

    def set_line(self, row: int, name: str, qty: int, unit_price: int) -> None:
        while self.lines_table.rowCount() <= row:
            self.add_line()
        for col, text in enumerate((name, str(qty), str(unit_price))):
            self.lines_table.setItem(row, col, QTableWidgetItem(text))

    def _cell(self, row: int, col: int) -> str:
        item = self.lines_table.item(row, col)
        return item.text().strip() if item is not None else ""

    def lines(self) -> tuple[list[dict[str, Any]], int | None]:
        """The complete lines, and the first row (1-based) that is only half filled in."""
        out: list[dict[str, Any]] = []
        for row in range(self.lines_table.rowCount()):
            name, qty_text, price_text = (self._cell(row, c) for c in range(3))
            qty, price = parse_amount(qty_text), parse_amount(price_text)
            if not name and not price_text:
                continue  # an empty line is ignored
            if not name or not qty or price is None:
                return out, row + 1
            out.append({"name": name, "qty": qty, "unit_price": price, "amount": qty * price})
        return out, None

    def _lines_changed(self) -> None:
        lines, _bad = self.lines()
        if lines:
            self.amount.set_amount(sum(line["amount"] for line in lines))

    def _all_points(self) -> None:
        """As many points as the bill after discount allows (a quote knows the discount)."""
        amount = self.amount.amount() or 0
        net = int((self.quote_data or {}).get("net", amount))
        self.points.setValue(min(self.points.maximum(), net // self.point_value))

    def _all_stored(self) -> None:
        quote = self.quote_data or {}
        left = int(quote.get("net", self.amount.amount() or 0)) - int(quote.get("points_value", 0))
        have = int(((self.view or {}).get("balances") or {}).get("stored_value", 0))
        self.stored.set_amount(max(0, min(have, left)))

    def request_quote(self) -> None:
        amount, points, stored, voucher = self._inputs()
        if not amount:
            self.quote_data = None
            for label in self._summary_rows.values():
                label.setText("—")
            return
        wanted = (amount, points, stored, voucher)
        sales.quote(
            self.ctx.runner,
            self.card_number,
            amount,
            points,
            stored,
            voucher or None,
            lambda q: self._show_quote(wanted, q),
        ).failure(lambda exc: self._quote_failed(wanted, exc)).run_in_background()

    def _show_quote(self, wanted: tuple[Any, ...], quote: dict[str, Any]) -> None:
        if wanted != self._inputs():
            return  # the cashier typed on; a newer quote is on its way
        self.quote_data = quote
        if not self._submitting:
            self.message.clear()
        voucher_off = int(quote.get("voucher_discount") or 0)
        discount = int(quote["discount"]) - voucher_off
        text = f"-{format_vnd(discount)}" if discount else format_vnd(0)
        source = discount_source_text(quote.get("discount_source"))
        if discount and source:
            text = f"{source} {_percent(int(quote.get('discount_bp') or 0))}%   {text}"
        self._summary_rows["discount"].setText(text)
        self._summary_rows["voucher"].setText(f"-{format_vnd(voucher_off)}" if voucher_off else "—")
        self._summary_rows["net"].setText(format_vnd(int(quote["net"])))
        self._summary_rows["points_value"].setText(format_vnd(int(quote["points_value"])))
        self._summary_rows["stored_value_used"].setText(format_vnd(int(quote["stored_value_used"])))
        self._summary_rows["cash_due"].setText(format_vnd(int(quote["cash_due"])))
        earned = format_points(int(quote["points_earned"]))
        boosts = multipliers_text(quote.get("multipliers") or {})
        self._summary_rows["points_earned"].setText(f"{boosts}   {earned}" if boosts else earned)
        cashback = int(quote.get("cashback") or 0)
        self._summary_rows["cashback"].setText(format_vnd(cashback) if cashback else "—")

    def _quote_failed(self, wanted: tuple[Any, ...], exc: BaseException) -> None:
        if wanted != self._inputs():
            return
        self.quote_data = None
        self.message.setObjectName("error")
        self.message.setText(error_text(exc))

    def validate(self) -> str | None:
        amount = self._inputs()[0]
        _lines, bad = self.lines()
        if bad is not None:
            return self.tr(
                "Complete line {row} (description, quantity, unit price) or clear it."
            ).format(row=bad)
        if not amount:
            return self.tr("Type the amount of the sale.")
        if self.has_sv and self.stored.amount() is None:
            return self.tr("Type the stored value to use in đồng, or 0.")
        return None

    def approval_details(self) -> dict[str, Any]:
        amount, points, stored, _voucher = self._inputs()
        return {
            "amount": amount,
            "points": points,
            "stored_value": stored,
            "card": (self.view or {}).get("masked"),
        }

    def make_op(self, approval_id: str | None) -> sales.PayOp:
        """Pay: the sales op runs the stored-value hold around the checkout when one is due."""
        amount, points, stored, voucher = self._inputs()
        assert amount is not None
        cashier = self.ctx.state.cashier
        lines, _bad = self.lines()
        approvals = dict(self.flow.approvals) if getattr(self, "flow", None) else {}
        offline_override, engine_approval = sales.split_approvals(approvals, approval_id)
        sale = sales.SaleRequest(
            operation_id=self.operation_id,
            cashier_id=cashier.id if cashier else None,
            card_number=self.card_number,
            amount=amount,
            points=points,
            stored_value=stored,
            lines=tuple(lines),
            tender=str(self.tender.currentData()),
            shift_id=self.ctx.state.shift_id,
            voucher_code=voucher or None,
            approval_id=engine_approval,
        )
        return sales.pay(
            self.ctx.runner,
            sale,
            guard=self.ctx.sv_guard,
            card_id=(self.view or {}).get("card_id"),
            offline_override=offline_override,
        )


class TopUpDialog(OperationDialog):
    """Reload a prepaid or combined card; the bonus the rules give is shown before confirm."""

    def __init__(self, ctx: AppContext, view: dict[str, Any], parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Top up"), parent)
        self.view = view
        self.card_number = view["number"]
        who = (view.get("member") or {}).get("name") or kind_text(view.get("kind"))
        self.form.addRow(self.tr("Card"), QLabel(f"{who}  {view.get('masked', '')}"))
        self.form.addRow(
            self.tr("Stored value now"),
            QLabel(format_vnd(int(view.get("balances", {}).get("stored_value", 0)))),
        )
        self.amount = AmountEdit()
        self.amount.setObjectName("topupAmount")
        self.form.addRow(self.tr("Amount paid (cash)"), self.amount)
        self.summary_row("bonus", self.tr("Bonus"))
        self.summary_row("total", self.tr("Added to the card"))
        self.rules: Any = None
        sales.rules(ctx.runner, self._got_rules).run_in_background()
        self.amount.amount_changed.connect(self._update)
        self.amount.setFocus()

    def _got_rules(self, rules: Any) -> None:
        self.rules = rules
        self._update(self.amount.amount())

    def _update(self, amount: int | None) -> None:
        if not amount or self.rules is None:
            self._summary_rows["bonus"].setText("—")
            self._summary_rows["total"].setText("—")
            return
        bonus = int(self.rules.topup_bonus(amount))
        self._summary_rows["bonus"].setText(format_vnd(bonus))
        self._summary_rows["total"].setText(format_vnd(amount + bonus))

    def validate(self) -> str | None:
        return None if self.amount.amount() else self.tr("Type the amount to top up.")

    def approval_details(self) -> dict[str, Any]:
        return {"amount": self.amount.amount(), "card": self.view.get("masked")}

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        amount, cashier = self.amount.amount(), self.ctx.state.cashier
        assert amount is not None
        return sales.top_up(
            self.ctx.runner,
            self.operation_id,
            cashier.id if cashier else None,
            self.card_number,
            amount,
            shift_id=self.ctx.state.shift_id,
            approval_id=approval_id,
        )


class GiftCardDialog(OperationDialog):
    """Sell a gift card: a pre-printed card presented on the reader, or a new number."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Sell gift card"), parent)
        self.amount = AmountEdit()
        self.amount.setObjectName("giftAmount")
        self.form.addRow(self.tr("Amount loaded (paid in cash)"), self.amount)
        self.number = QLineEdit()
        self.number.setObjectName("giftNumber")
        self.number.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.number.setPlaceholderText(self.tr("Present the card, or leave empty for a new one"))
        self.form.addRow(self.tr("Gift card"), self.number)
        self.amount.setFocus()

    def _card_presented(self, number: str) -> None:
        self.number.setText(number)

    def validate(self) -> str | None:
        return None if self.amount.amount() else self.tr("Type the amount of the gift card.")

    def approval_details(self) -> dict[str, Any]:
        return {"amount": self.amount.amount()}

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        amount, cashier = self.amount.amount(), self.ctx.state.cashier
        number = "".join(ch for ch in self.number.text() if ch.isdigit()) or None
        assert amount is not None
        return sales.sell_gift_card(
            self.ctx.runner,
            self.operation_id,
            cashier.id if cashier else None,
            amount,
            number,
            shift_id=self.ctx.state.shift_id,
            approval_id=approval_id,
        )


class EnrollDialog(OperationDialog):
    """Enrol a member at the counter: a card presented, or a new number printed later."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Enrol member"), parent)
        self.name = self._line("enrolName")
        self.form.addRow(self.tr("Full name"), self.name)
        self.phone = self._line("enrolPhone")
        self.form.addRow(self.tr("Phone"), self.phone)
        self.birthday = self._line("enrolBirthday")
        self.birthday.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.form.addRow(self.tr("Birthday"), self.birthday)
        self.email = self._line("enrolEmail")
        self.form.addRow(self.tr("E-mail"), self.email)
        self.kind = QComboBox()
        self.kind.setObjectName("enrolKind")
        self.kind.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.kind.addItem(kind_text("member"), "member")
        self.kind.addItem(kind_text("combined"), "combined")
        self.form.addRow(self.tr("Card kind"), self.kind)
        self.number = self._line("enrolNumber")
        self.number.setPlaceholderText(self.tr("Present the card, or leave empty for a new one"))
        self.form.addRow(self.tr("Card"), self.number)
        self.consent_marketing = QCheckBox(self.tr("Agrees to receive offers"))
        self.consent_sms = QCheckBox(self.tr("Agrees to receive SMS"))
        self.form.addRow("", self.consent_marketing)
        self.form.addRow("", self.consent_sms)
        self.name.setFocus()

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMinimumHeight(TOUCH_HEIGHT - 8)
        return edit

    def _card_presented(self, number: str) -> None:
        self.number.setText(number)

    def validate(self) -> str | None:
        return None if self.name.text().strip() else self.tr("Type the member's full name.")

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        cashier = self.ctx.state.cashier
        number = "".join(ch for ch in self.number.text() if ch.isdigit()) or None
        kind = self.kind.currentData()
        if number is not None:
            from loyalty_core import cardnumbers

            kind = cardnumbers.kind_of(number) or kind  # a presented card decides its kind
        enrolment = members.Enrolment(
            name=self.name.text(),
            phone=self.phone.text().strip() or None,
            birthday=self.birthday.text().strip() or None,
            email=self.email.text().strip() or None,
            consent_marketing=self.consent_marketing.isChecked(),
            consent_sms=self.consent_sms.isChecked(),
            card_number=number,
            card_kind=kind,
        )
        return members.enroll_member(
            self.ctx.runner, self.operation_id, cashier.id if cashier else None, enrolment
        )
