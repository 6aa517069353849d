"""Counter operations: the shared dialog frame, and top-up, gift card, enrolment.

The sale has a module of its own (`app.sale`); the dialogs after the sale are in `app.flows`.

Each dialog makes its operation id when it opens. Every press of Confirm, every retry after a
supervisor approved, reuses it, and the engine is idempotent on it: however often the button
is pressed, at most one sale is written. The dialogs are opened with open() (window-modal, not
a nested event loop) so the reader, the status bar and the runner keep working behind them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.approval import ApprovalFlow
from app.context import AppContext
from app.dates import parse_date
from app.messages import error_text, kind_text
from app.money import format_vnd
from app.operations import members, sales
from app.runner import BackgroundOp, OpChanges
from app.widgets import TOUCH_HEIGHT, ActionButton, AmountEdit, alive

CARD_DIGITS = 16  # our card numbers; a chip UID is 8 to 20 hex characters


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
        self.cancel_button.setAutoDefault(False)  # Enter never cancels, whatever has focus
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = ActionButton(self.tr("Confirm"), "F10")
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        # Fields in the order Enter walks through them; Enter in the last one (or F10) confirms.
        self.chain: list[QWidget] = []
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        self.box.addLayout(row)
        self._summary_rows: dict[str, QLabel] = {}
        self.ctx.card_grabbers.append(self._card_presented)
        self.finished.connect(self._release_card)
        # Enter walks the form and confirms from its last field: the whole flow works without
        # leaving the keyboard, and a half-filled form is never sent by a stray Enter.
        for key in ("Return", "Enter"):
            sc = QShortcut(QKeySequence(key), self)
            sc.activated.connect(self.enter_pressed)

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

    def enter_pressed(self) -> None:
        focus = self.focusWidget()
        chain = [w for w in self.chain if w.isVisible() and w.isEnabled()]
        if focus in chain and focus is not chain[-1]:
            nxt = chain[chain.index(focus) + 1]
            nxt.setFocus()
            if isinstance(nxt, QLineEdit):
                nxt.selectAll()
            return
        self.confirm()

    def reject(self) -> None:
        """Esc cancels, except while a confirmed operation is running: its outcome is shown."""
        if self._submitting:
            return
        super().reject()

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
        self.set_message(self.tr("Working…"), error=False)  # news, not an error: never red
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

    def set_message(self, text: str, error: bool = True) -> None:
        self.message.setObjectName("error" if error else "subtle")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def _on_failure(self, exc: BaseException) -> None:
        self._submitting = False
        self.confirm_button.setEnabled(True)
        self.set_message(error_text(exc))


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
        if not alive(self):
            return
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
        self.birthday.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.form.addRow(self.tr("Birthday"), self.birthday)
        self.email = self._line("enrolEmail")
        self.form.addRow(self.tr("E-mail"), self.email)
        self.referrer = self._line("enrolReferrer")
        self.referrer.setPlaceholderText(self.tr("Card or phone of the member who recommended"))
        self.form.addRow(self.tr("Referred by"), self.referrer)
        self.consent_marketing = QCheckBox(self.tr("Agrees to receive offers"))
        self.consent_sms = QCheckBox(self.tr("Agrees to receive SMS"))
        self.form.addRow("", self.consent_marketing)
        self.form.addRow("", self.consent_sms)
        self.kind = QComboBox()
        self.kind.setObjectName("enrolKind")
        self.kind.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.kind.addItem(kind_text("member"), "member")
        self.kind.addItem(kind_text("combined"), "combined")
        self.form.addRow(self.tr("Card kind"), self.kind)
        self.number = self._line("enrolNumber")
        self.number.setPlaceholderText(self.tr("Present the card, or leave empty for a new one"))
        self.form.addRow(self.tr("Card"), self.number)
        self.chip = ChipRow()
        self.form.addRow(self.tr("Chip card"), self.chip)
        # Enter in the name goes to the phone, and so on: only the card field (or F10) enrols.
        self.chain = [
            self.name,
            self.phone,
            self.birthday,
            self.email,
            self.referrer,
            self.consent_marketing,
            self.consent_sms,
            self.kind,
            self.number,
        ]
        self.name.setFocus()

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMinimumHeight(TOUCH_HEIGHT - 8)
        return edit

    def _card_presented(self, number: str) -> None:
        if not self.chip.take(number):
            self.number.setText(number)

    def birthday_iso(self) -> str | None:
        text = self.birthday.text().strip()
        if not text:
            return None
        day = parse_date(text)
        return day.isoformat() if day else ""

    def validate(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Type the member's full name.")
        if self.birthday_iso() == "":
            return self.tr("Type the birthday as dd/mm/yyyy, e.g. 03/12/1995.")
        return None

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
            birthday=self.birthday_iso() or None,
            email=self.email.text().strip() or None,
            consent_marketing=self.consent_marketing.isChecked(),
            consent_sms=self.consent_sms.isChecked(),
            card_number=number,
            card_kind=kind,
            referrer=self.referrer.text().strip() or None,
            card_uid=self.chip.uid,
        )
        return members.enroll_member(
            self.ctx.runner, self.operation_id, cashier.id if cashier else None, enrolment
        )


class ChipRow(QLabel):
    """A UID-only NFC card tapped in an enrolment or replacement: its chip will be linked to
    the new card, so the next tap of that card opens the member (issue 14)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chipUid")
        self.setWordWrap(True)
        self.uid: str | None = None
        self.setText(self.tr("Tap a chip card with no number to link it"))

    def take(self, presented: str) -> bool:
        """True when what the reader gave is a chip's UID (hex; our numbers are 16 digits)."""
        compact = presented.replace(":", "").replace(" ", "").upper()
        if len(compact) == CARD_DIGITS and compact.isdigit():
            return False
        self.uid = compact
        self.setText(self.tr("Chip {uid} will be linked to the new card").format(uid=compact))
        return True
