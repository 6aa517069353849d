"""The sale dialog: amount or lines, discount, points and stored value, the quote, then pay.

Paying is one op from `app.operations.sales`: on a registered till that includes holding the
stored value at head office (on the network lane) around the checkout (on the db lane). The
dialog only gathers what the cashier typed and shows the quote and the outcome.

Over 400 lines since cash given, change and the split payment (issue 14; the split's own
logic is in `app.tenders`); the quote display is the part to move out next.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.dialogs import OperationDialog
from app.messages import discount_source_text, error_text, kind_text, multipliers_text
from app.money import format_points, format_vnd, parse_amount
from app.money import percent_text as _percent
from app.operations import sales
from app.tenders import SplitParts, TenderMixin
from app.widgets import TOUCH_HEIGHT, ActionButton, AmountEdit, PointsEdit, alive


class SaleDialog(TenderMixin, OperationDialog):
    """Amount, tier discount, points and stored value the customer chooses to use, the rest
    paid by cash or external card; the quote shows what the customer will earn before confirm."""

    def __init__(
        self,
        ctx: AppContext,
        view: dict[str, Any] | None,
        parent: QWidget | None = None,
        voucher_code: str = "",
        amount: int | None = None,
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
        self.form.addRow(self.tr("Voucher (Alt+V)"), self.voucher)
        # A printed or chain-wide voucher is typed or scanned: one key to its field, in every
        # language (a member's own vouchers are chips on the customer panel, Alt+1...9).
        QShortcut(QKeySequence("Alt+V"), self, activated=self._to_voucher)
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
        # What the card can do is the engine's word (customer_view's capabilities), not a list
        # of kinds kept here.
        can = (view or {}).get("capabilities") or {}
        has_points = self.has_points = bool(can.get("points"))
        has_sv = self.has_sv = bool(can.get("stored_value"))
        # Stored value pays by default on a card that carries it; the cashier can change it.
        self._stored_auto = has_sv and int(balances.get("stored_value", 0)) > 0
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
        self.tender.addItem(self.tr("Bank transfer"), "transfer")
        self.form.addRow(self.tr("Rest paid by"), self.tender)
        # Split payment: parts on a bank card and a transfer, the rest on `tender` (app.tenders).
        self.split = SplitParts(self.form, self)
        self.split.changed.connect(self._parts_changed)
        self.split.card_button.clicked.connect(lambda: self._take_rest(self.split.card))
        self.split.transfer_button.clicked.connect(lambda: self._take_rest(self.split.transfer))
        self.transfer_qr: str | None = None  # the VietQR the customer paid with, once confirmed
        self._transfer_seen: int | None = None  # the transfer amount the cashier confirmed
        self.display = getattr(parent, "display", None)  # the counter's customer display
        self.completed.connect(lambda _result: self.show_done())
        # Cash given: "exact cash" is preselected (filled with what is due), so Enter pays.
        self.cash_given = AmountEdit()
        self.cash_given.setObjectName("saleCashGiven")
        self.exact_button = ActionButton(self.tr("Exact cash"), "F9")
        self.exact_button.clicked.connect(self.exact_cash)
        self._exact = True
        self.cash_given.textEdited.connect(self._given_typed)
        self.cash_given.amount_changed.connect(lambda _v: self._show_change())
        crow = QHBoxLayout()
        crow.addWidget(self.cash_given, 1)
        crow.addWidget(self.exact_button)
        self.cash_label = QLabel(self.tr("Cash given"))
        self.form.addRow(self.cash_label, crow)
        self.tender.currentIndexChanged.connect(lambda _i: self._tender_changed())
        # Any change to the stored value but our own default is the cashier's choice: kept.
        self._setting_stored = False
        self.stored.textChanged.connect(self._stored_changed)
        self.summary_row("discount", self.tr("Discount"))
        self.summary_row("voucher", self.tr("Voucher"))
        self.summary_row("net", self.tr("After discount"))
        self.summary_row("points_value", self.tr("Paid with points"))
        self.summary_row("stored_value_used", self.tr("Paid from stored value"))
        self.summary_row("cash_due", self.tr("To pay"))
        self.summary_row("points_earned", self.tr("Points to earn"))
        self.summary_row("cashback", self.tr("Cashback to the card"))
        self.summary_row("change", self.tr("Change"))
        self.summary_row("remaining", self.tr("Remaining"))
        self.quote_data: sales.Quote | None = None
        self._quote_timer = QTimer(self)
        self._quote_timer.setSingleShot(True)
        self._quote_timer.setInterval(120)
        self._quote_timer.timeout.connect(self.request_quote)
        self.amount.amount_changed.connect(lambda _v: self._quote_timer.start())
        self.stored.amount_changed.connect(lambda _v: self._quote_timer.start())
        self.points.valueChanged.connect(lambda _v: self._quote_timer.start())
        self.voucher.textChanged.connect(lambda _t: self._quote_timer.start())
        # Side by side, what is typed and what it comes to: the dialog fits a 768-line screen.
        self.box.removeItem(self.form)
        self.box.removeItem(self.summary)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(self.form, 3)
        right = QVBoxLayout()
        right.addLayout(self.summary)
        right.addStretch(1)
        columns.addLayout(right, 2)
        self.box.insertLayout(1, columns)
        for label in self._summary_rows.values():
            # A long line (the multipliers) must not take the typing side's width.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(960)
        # Enter: amount -> cash given -> pay. Points, stored value, voucher are a Tab away.
        self.chain = [self.amount, self.cash_given]
        if amount:
            self.amount.set_amount(amount)
            self.cash_given.setFocus()
            self.request_quote()
        else:
            self.amount.setFocus()

    def _got_rules(self, rules: Any) -> None:
        if not alive(self):
            return
        self.point_value = int(rules.point_value) or 1

    # -- cash given and change

    def _stored_changed(self, _text: str) -> None:
        if not self._setting_stored:
            self._stored_auto = False

    def _tender_changed(self) -> None:
        cash = self.tender.currentData() == "cash"
        for w in (self.cash_given, self.exact_button, self.cash_label):
            w.setVisible(cash)
        self._show_change()

    def _given_typed(self, _text: str) -> None:
        self._exact = False

    def exact_cash(self) -> None:
        self._exact = True
        self._fill_exact()
        self.cash_given.setFocus()

    def _fill_exact(self) -> None:
        due = self.rest_due()
        if self._exact and due is not None:
            self.cash_given.set_amount(due)
            if self.cash_given.hasFocus():
                self.cash_given.selectAll()  # typing replaces it: the customer gave more

    def cash_tendered(self) -> int | None:
        """What the customer handed over, when paying cash; None when not known yet."""
        if self.tender.currentData() != "cash":
            return None
        return self.cash_given.amount()

    def rest_due(self) -> int | None:
        """What is left for "Rest paid by" after the card and transfer parts."""
        if self.quote_data is None:
            return None
        return max(0, self.quote_data.cash_due - self.split.total())

    def change_due(self) -> int | None:
        given, rest = self.cash_tendered(), self.rest_due()
        if given is None or rest is None:
            return None
        return given - rest

    def _show_change(self) -> None:
        change = self.change_due()
        self._summary_rows["change"].setText(format_vnd(change) if change is not None else "—")
        left = "—" if self.quote_data is None else format_vnd(max(0, -(change or 0)))
        self._summary_rows["remaining"].setText(left)

    def _inputs(self) -> tuple[int | None, int, int, str]:
        stored = (self.stored.amount() or 0) if self.has_sv else 0
        points = self.points.value() if self.has_points else 0
        return self.amount.amount(), points, stored, self.voucher_code()

    def _to_voucher(self) -> None:
        self.voucher.setFocus()
        self.voucher.selectAll()

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
        quote = self.quote_data
        net = quote.net if quote else self.amount.amount() or 0
        self.points.setValue(min(self.points.maximum(), net // self.point_value))

    def _all_stored(self) -> None:
        quote = self.quote_data
        left = quote.net - quote.points_value if quote else self.amount.amount() or 0
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

    def _show_quote(self, wanted: tuple[Any, ...], quote: sales.Quote) -> None:
        if not alive(self) or wanted != self._inputs():
            return  # the cashier typed on; a newer quote is on its way
        self.quote_data = quote
        if not self._submitting:
            self.message.clear()
        voucher_off = quote.voucher_discount
        discount = quote.discount - voucher_off
        text = f"-{format_vnd(discount)}" if discount else format_vnd(0)
        source = discount_source_text(quote.discount_source)
        if discount and source:
            text = f"{source} {_percent(quote.discount_bp)}%   {text}"
        self._summary_rows["discount"].setText(text)
        self._summary_rows["voucher"].setText(f"-{format_vnd(voucher_off)}" if voucher_off else "—")
        self._summary_rows["net"].setText(format_vnd(quote.net))
        self._summary_rows["points_value"].setText(format_vnd(quote.points_value))
        self._summary_rows["stored_value_used"].setText(format_vnd(quote.stored_value_used))
        self._summary_rows["cash_due"].setText(format_vnd(quote.cash_due))
        earned = format_points(quote.points_earned)
        boosts = multipliers_text(quote.multipliers)
        self._summary_rows["points_earned"].setText(f"{earned}\n{boosts}" if boosts else earned)
        self._summary_rows["points_earned"].setToolTip(boosts)
        cashback = quote.cashback
        self._summary_rows["cashback"].setText(format_vnd(cashback) if cashback else "—")
        if self._stored_auto and self.stored.amount() == 0:
            self._stored_auto = False
            self._setting_stored = True
            self._all_stored()  # a new quote follows with the stored value applied
            self._setting_stored = False
            if self.stored.amount():
                return
        self._fill_exact()
        self._show_change()
        if self.display is not None:
            self.display.show_due(quote.cash_due)

    def _quote_failed(self, wanted: tuple[Any, ...], exc: BaseException) -> None:
        if not alive(self) or wanted != self._inputs():
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
        if self.quote_data is not None and self.split.total() > self.quote_data.cash_due:
            return self.tr("The card and transfer parts are more than the amount to pay.")
        if self.split.total() and self.quote_data is None:
            return self.tr("Wait until the amount to pay is shown.")
        change = self.change_due()
        if change is not None and change < 0:
            return self.tr("The cash given is less than the amount to pay.")
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
            tenders=tuple((self.tenders() or {}).items()),
        )
        return sales.pay(
            self.ctx.runner,
            sale,
            guard=self.ctx.sv_guard,
            card_id=(self.view or {}).get("card_id"),
            offline_override=offline_override,
        )
