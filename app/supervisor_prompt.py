"""Ask a supervisor on the spot: code + PIN (or their staff card) for a screen or an action
that only a supervisor or manager may use, while the cashier stays logged in.

Unlike `app.approval` nothing is written: the supervisor is only identified (the engine's
`authenticate`), and the action that follows is recorded under the supervisor's id (closing
the shift) or writes nothing at all (opening the supervisor screen).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout

from app.context import AppContext, Cashier
from app.messages import error_text
from app.operations import approvals
from app.widgets import ActionButton, supervisor_fields

SUPERVISOR_ROLES = ("supervisor", "manager")


class SupervisorPrompt(QDialog):
    """Emits `identified(Cashier)` for a supervisor or manager; anyone else is refused."""

    identified = Signal(object)

    def __init__(self, ctx: AppContext, what: str, parent: QDialog | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.staff: Cashier | None = None
        self.setWindowTitle(self.tr("Supervisor needed"))
        self.setModal(True)
        self.setMinimumWidth(460)
        box = QVBoxLayout(self)
        title = QLabel(self.tr("A supervisor must do this"))
        title.setObjectName("dialogTitle")
        box.addWidget(title)
        label = QLabel(what)
        label.setWordWrap(True)
        box.addWidget(label)
        self.code, self.pin, self.message = supervisor_fields(box, "prompt")
        row = QHBoxLayout()
        self.cancel_button = ActionButton(self.tr("Cancel"), "Esc")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = ActionButton(self.tr("Continue"), "F10")
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        box.addLayout(row)
        self.code.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        ctx.card_grabbers.append(self._card)
        self.finished.connect(self._release_card)
        self.code.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # the fields route Enter; the dialog never turns it into Cancel
            return
        super().keyPressEvent(event)

    def _card(self, number: str) -> None:
        self._check({"card_number": number})

    def _release_card(self) -> None:
        if self._card in self.ctx.card_grabbers:
            self.ctx.card_grabbers.remove(self._card)

    def submit(self) -> None:
        if not self.code.text().strip() or not self.pin.text():
            self.message.setText(self.tr("Type the supervisor's code and PIN."))
            return
        self._check({"code": self.code.text().strip(), "pin": self.pin.text()})

    def _check(self, credentials: dict[str, str]) -> None:
        self.ok_button.setEnabled(False)
        approvals.authenticate(
            self.ctx.runner, credentials, self._on_staff, label="supervisor prompt"
        ).failure(self._on_failure).run_in_background()

    def _on_staff(self, staff: Cashier) -> None:
        self.ok_button.setEnabled(True)
        self.pin.clear()
        if staff.role not in SUPERVISOR_ROLES:
            self.message.setText(self.tr("Only a supervisor or manager can do this."))
            return
        self.staff = staff
        self.identified.emit(staff)
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.pin.clear()
        self.message.setText(error_text(exc))
