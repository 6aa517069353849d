"""Log-in, lock and open-shift screens.

These are the first thing a till shows, so this module imports nothing from the engine: the
window must appear before SQLAlchemy has even been imported (cold-start target 1.5 s).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext, Cashier
from app.messages import error_text
from app.money import format_vnd
from app.operations import approvals, shifts
from app.widgets import TOUCH_HEIGHT, ActionButton, AmountEdit


def _card_frame(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    """A centred panel: log-in screens are read from a step back, so they stay narrow."""
    outer = QVBoxLayout(parent)
    outer.addStretch(1)
    frame = QFrame(parent)
    frame.setObjectName("loginCard")
    frame.setMaximumWidth(520)
    frame.setMinimumWidth(420)
    inner = QVBoxLayout(frame)
    inner.setContentsMargins(32, 28, 32, 28)
    inner.setSpacing(14)
    row = QVBoxLayout()
    row.addWidget(frame, 0, Qt.AlignmentFlag.AlignHCenter)
    outer.addLayout(row)
    outer.addStretch(2)
    return frame, inner


class LoginPage(QWidget):
    """Staff code + PIN, or a staff card on any reader."""

    logged_in = Signal(object)  # Cashier

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # A supervisor's card read before their PIN (card = have, PIN = know).
        self._last_card: str | None = None
        self._pending_card: str | None = None
        _frame, box = _card_frame(self)
        self.title = QLabel(self.tr("Staff log-in"))
        self.title.setObjectName("pageTitle")
        self.till = QLabel(ctx.state.till_name)
        self.till.setObjectName("subtle")
        box.addWidget(self.title)
        box.addWidget(self.till)
        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.code = QLineEdit()
        self.code.setObjectName("staffCode")
        self.code.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.code.setMaxLength(16)
        self.pin = QLineEdit()
        self.pin.setObjectName("staffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.pin.setMaxLength(8)
        form.addRow(self.tr("Staff code"), self.code)
        form.addRow(self.tr("PIN"), self.pin)
        box.addLayout(form)
        self.hint = QLabel(self.tr("…or present your staff card on the reader."))
        self.hint.setObjectName("subtle")
        self.hint.setWordWrap(True)
        box.addWidget(self.hint)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.button = ActionButton(self.tr("Log in"), "Return")
        self.button.setObjectName("primary")
        self.button.clicked.connect(self.submit)
        box.addWidget(self.button)
        self.code.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        ctx.ready_changed.connect(self._on_ready)
        self._on_ready(ctx.ready)

    def _on_ready(self, ready: bool) -> None:
        self.button.setEnabled(ready)
        if not ready:
            self.message.setText(self.ctx.open_error or self.tr("Opening the database…"))
            self.message.setObjectName("subtle" if not self.ctx.open_error else "error")
        else:
            self.message.setText("")
            self.message.setObjectName("error")
            self.till.setText(self.ctx.state.till_name)
        self.message.style().polish(self.message)

    def reset(self) -> None:
        self.code.clear()
        self.pin.clear()
        self.message.clear()
        self.code.setFocus()

    def submit(self) -> None:
        if not self.ctx.ready or not self.button.isEnabled():
            return
        code, pin = self.code.text().strip(), self.pin.text()
        card, self._pending_card = self._pending_card, None
        if card and pin and not code:  # a supervisor's card, then their PIN
            self._authenticate({"card_number": card, "pin": pin})
            return
        if not code or not pin:
            self.message.setText(self.tr("Type your staff code and PIN."))
            return
        self._authenticate({"code": code, "pin": pin})

    def card_presented(self, number: str) -> None:
        if self.ctx.ready:
            self._last_card = number
            self._authenticate({"card_number": number})

    def _authenticate(self, credentials: dict[str, str]) -> None:
        self.button.setEnabled(False)
        approvals.authenticate(self.ctx.runner, credentials, self._on_success).failure(
            self._on_failure
        ).run_in_background()

    def _on_success(self, staff: Cashier) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.message.clear()
        self.logged_in.emit(staff)

    def _on_failure(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        self.message.setText(error_text(exc))
        if getattr(exc, "code", None) == "pin.required":
            self._pending_card = self._last_card  # the next PIN goes with this card



class LockPage(QWidget):
    """The till is locked for the logged-in cashier; only their PIN (or card) opens it."""

    unlocked = Signal()
    switch_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        _frame, box = _card_frame(self)
        self.title = QLabel(self.tr("Till locked"))
        self.title.setObjectName("pageTitle")
        box.addWidget(self.title)
        self.who = QLabel()
        self.who.setWordWrap(True)
        box.addWidget(self.who)
        self.pin = QLineEdit()
        self.pin.setObjectName("lockPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.returnPressed.connect(self.submit)
        box.addWidget(self.pin)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.unlock_button = ActionButton(self.tr("Unlock"), None)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self.submit)
        box.addWidget(self.unlock_button)
        self.switch_button = ActionButton(self.tr("Switch cashier"), "F11")
        self.switch_button.clicked.connect(self.switch_requested.emit)
        box.addWidget(self.switch_button)

    def prepare(self) -> None:
        cashier = self.ctx.state.cashier
        name = cashier.name if cashier else ""
        self.who.setText(self.tr("Locked by {name}. Type your PIN to continue.").format(name=name))
        self.pin.clear()
        self.message.clear()
        self.pin.setFocus()

    def submit(self) -> None:
        cashier = self.ctx.state.cashier
        if cashier is None or not self.pin.text():
            return
        self._check({"code": cashier.code, "pin": self.pin.text()})

    def card_presented(self, number: str) -> None:
        self._check({"card_number": number})

    def _check(self, credentials: dict[str, str]) -> None:
        approvals.authenticate(
            self.ctx.runner, credentials, self._on_success, label="unlock"
        ).failure(self._on_failure).run_in_background()

    def _on_success(self, staff: Cashier) -> None:
        cashier = self.ctx.state.cashier
        self.pin.clear()
        if cashier is None or staff.id != cashier.id:
            # Another person's card or code: they must use "Switch cashier", which is logged.
            self.message.setText(
                self.tr("Only {name} can unlock. Use Switch cashier.").format(
                    name=cashier.name if cashier else ""
                )
            )
            return
        self.unlocked.emit()

    def _on_failure(self, exc: BaseException) -> None:
        self.pin.clear()
        self.message.setText(error_text(exc))


class OpenShiftPage(QWidget):
    """Opening float counted into the drawer; the shift is what the Z report closes."""

    shift_opened = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        _frame, box = _card_frame(self)
        self.title = QLabel(self.tr("Open shift"))
        self.title.setObjectName("pageTitle")
        box.addWidget(self.title)
        self.who = QLabel()
        box.addWidget(self.who)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.float_edit = AmountEdit()
        self.float_edit.setObjectName("openingFloat")
        self.float_edit.setText("0")
        self.float_shown = QLabel(format_vnd(0))
        self.float_shown.setObjectName("subtle")
        self.float_edit.amount_changed.connect(
            lambda v: self.float_shown.setText(format_vnd(v) if v is not None else "—")
        )
        form.addRow(self.tr("Opening float (cash in drawer)"), self.float_edit)
        form.addRow("", self.float_shown)
        box.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.button = ActionButton(self.tr("Open shift"), "Return")
        self.button.setObjectName("primary")
        self.button.clicked.connect(self.submit)
        box.addWidget(self.button)
        # Enter opens the shift, as the button says; what is typed after it belongs to the counter.
        self.float_edit.returnPressed.connect(self.submit)
        self._operation_id: str | None = None

    def prepare(self) -> None:
        from loyalty_core.ids import new_id

        cashier = self.ctx.state.cashier
        self.who.setText(self.tr("Cashier: {name}").format(name=cashier.name if cashier else ""))
        self._operation_id = new_id()  # one shift per visit to this screen, whatever the presses
        self.message.clear()
        self.float_edit.setReadOnly(False)
        self.float_edit.setText("0")
        self.float_edit.setFocus()
        self.float_edit.selectAll()

    def submit(self) -> None:
        cashier = self.ctx.state.cashier
        amount = self.float_edit.amount()
        if cashier is None or self._operation_id is None or not self.button.isEnabled():
            return
        if amount is None:
            self.message.setText(self.tr("Type the opening float in đồng, e.g. 2.000.000."))
            return
        self.button.setEnabled(False)
        self.float_edit.setReadOnly(True)  # the float sent is the float kept: nothing appends
        shifts.open_shift(self.ctx.runner, self._operation_id, cashier.id, amount).success(
            self._on_success
        ).failure(self._on_failure).run_in_background()

    def _on_success(self, result: dict[str, Any]) -> None:
        self.button.setEnabled(True)
        self.shift_opened.emit(result["shift_id"])

    def _on_failure(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.float_edit.setReadOnly(False)
        if getattr(exc, "code", None) == "shift.already_open":
            self.shift_opened.emit(exc.params["shift_id"])  # type: ignore[attr-defined]
            return
        self.message.setText(error_text(exc))
