"""Supervisor approval: ask for a second person when the engine says policy needs one.

The engine decides (it raises ApprovalRequired with the operation and the threshold); this
module only asks a supervisor for code + PIN or a staff card, records the approval through
`Loyalty.approve` and runs the same operation again, with the same operation id, carrying the
approval id. The engine also refuses a cashier approving their own operation; we show that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import error_text
from app.money import format_points, format_vnd
from app.operations import approvals
from app.runner import BackgroundOp
from app.widgets import ActionButton, supervisor_fields


class Cancelled(Exception):
    """The cashier gave up waiting for a supervisor: nothing was written."""

    code = "cancelled"


class ApprovalDialog(QDialog):
    approved = Signal(str)  # approval id

    def __init__(
        self,
        ctx: AppContext,
        params: dict[str, Any],
        details: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.params = params
        self.details = details
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.setModal(True)
        self.setMinimumWidth(480)
        box = QVBoxLayout(self)
        title = QLabel(self.tr("A supervisor must approve this"))
        title.setObjectName("dialogTitle")
        box.addWidget(title)
        self.what = QLabel(self._describe())
        self.what.setWordWrap(True)
        box.addWidget(self.what)
        self.code, self.pin, self.message = supervisor_fields(box, "supervisor")
        row = QHBoxLayout()
        self.cancel_button = ActionButton(self.tr("Cancel"), "Esc")
        self.cancel_button.setAutoDefault(False)  # Enter approves or moves on, never cancels
        self.cancel_button.clicked.connect(self.reject)
        self.approve_button = ActionButton(self.tr("Approve"), "F10")
        self.approve_button.setObjectName("primary")
        self.approve_button.setAutoDefault(False)
        self.approve_button.setDefault(True)
        self.approve_button.clicked.connect(self.submit)
        self._asking = False  # the supervisor's credentials are being checked
        row.addWidget(self.cancel_button)
        row.addWidget(self.approve_button)
        box.addLayout(row)
        self.code.returnPressed.connect(self._code_entered)
        self.pin.returnPressed.connect(self.submit)
        # A supervisor's card read before their PIN (card = have, PIN = know).
        self._last_card: str | None = None
        self._pending_card: str | None = None
        ctx.card_grabbers.append(self._card)
        self.finished.connect(self._release_card)

    def _describe(self) -> str:
        op = self.params.get("operation", "")
        value = int(self.params.get("value") or 0)
        limit = int(self.params.get("threshold") or self.params.get("limit") or 0)
        what = {
            "redeem": self.tr("Redeem points worth {value}"),
            "stored_value": self.tr("Pay {value} from stored value"),
            "topup": self.tr("Top up {value}"),
            "gift_card": self.tr("Sell a gift card of {value}"),
            "refund": self.tr("Refund {value}"),
            "stored_value_offline": self.tr(
                "Pay {value} from stored value while head office cannot be reached"
            ),
            "resource_offline": self.tr(
                "Use points, a voucher or a reward while head office cannot be reached"
            ),
        }.get(op, self.tr("Operation of {value}"))
        if op == "replace_card":
            what = self.tr("Replace a lost or damaged card")
        text = what.format(value=format_vnd(value))
        if self.details.get("points"):
            text += (
                " ("
                + self.tr("{points} points").format(
                    points=format_points(int(self.details["points"]))
                )
                + ")"
            )
        if op == "replace_card" or limit == 0:
            return text
        return (
            text + "\n" + self.tr("Limit without approval: {limit}").format(limit=format_vnd(limit))
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Enter is handled by the fields (returnPressed); the dialog itself swallows it so
        QDialog's default-button logic can never turn it into something else."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _code_entered(self) -> None:
        if self.code.text().strip() and self.pin.text():
            self.submit()
        else:
            self.pin.setFocus()

    def reject(self) -> None:
        """Esc gives up and writes nothing; while the credentials are being checked the answer
        is awaited, so an approval can never be written for a dialog that was cancelled."""
        if self._asking:
            return
        super().reject()

    def _card(self, number: str) -> None:
        self._last_card = number
        if not self._asking:
            self._approve({"card_number": number})

    def _release_card(self) -> None:
        if self._card in self.ctx.card_grabbers:
            self.ctx.card_grabbers.remove(self._card)

    def submit(self) -> None:
        if not self.approve_button.isEnabled() or self._asking:
            return
        card, self._pending_card = self._pending_card, None
        if card and self.pin.text() and not self.code.text().strip():
            self._approve({"card_number": card, "pin": self.pin.text()})  # card, then PIN
            return
        if not self.code.text().strip() or not self.pin.text():
            self.message.setText(self.tr("Type the supervisor's code and PIN."))
            return
        self._approve({"code": self.code.text().strip(), "pin": self.pin.text()})

    def _approve(self, credentials: dict[str, str]) -> None:
        cashier = self.ctx.state.cashier
        operation = str(self.params.get("operation", ""))
        details = dict(self.details)
        if isinstance(self.params.get("value"), int):
            # The approval is bound to the amount the engine asked about: a larger one needs
            # the supervisor again.
            details["value"] = self.params["value"]
        if isinstance(self.params.get("card_id"), str):
            details["card_id"] = self.params["card_id"]  # and to the card it is about
        self.approve_button.setEnabled(False)
        self._asking = True
        approvals.approve(
            self.ctx.runner,
            operation,
            details,
            cashier.id if cashier else None,
            credentials,
            self._on_approved,
        ).failure(self._on_refused).run_in_background()

    def _on_approved(self, approval_id: str) -> None:
        self._asking = False
        self.approve_button.setEnabled(True)
        self.approved.emit(approval_id)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self._asking = False
        self.approve_button.setEnabled(True)
        self.pin.clear()
        self.message.setText(error_text(exc))
        if getattr(exc, "code", None) == "pin.required":
            # A supervisor's card needs their PIN too: the next PIN typed goes with this card.
            self._pending_card = self._last_card
            self.pin.setFocus()


class ApprovalFlow(QObject):
    """Run one operation; on ApprovalRequired ask a supervisor, then retry with the approval.

    `make_op(approval_id)` returns the op to run (built by `app.operations`); the caller builds
    it around one operation id so a retry can never become a second sale.
    """

    succeeded = Signal(object)  # the op's OpChanges, carrying the engine's result
    failed = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        make_op: Callable[[str | None], BackgroundOp[Any]],
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self._make_op = make_op
        self._details = details or {}
        self.dialog: ApprovalDialog | None = None
        # Every approval given during this flow, by the operation it was asked for: a sale can
        # need one for the offline stored-value limit and another for the engine's own policy.
        self.approvals: dict[str, str] = {}

    def start(self, approval_id: str | None = None) -> None:
        op = self._make_op(approval_id)
        op.success(lambda result: self.succeeded.emit(op.changes_of(result))).failure(
            self._on_failure
        ).run_in_background()

    def _on_failure(self, exc: BaseException) -> None:
        if getattr(exc, "code", None) != "approval.required":
            self.failed.emit(exc)
            return
        dialog = ApprovalDialog(
            self.ctx, dict(getattr(exc, "params", {})), self._details, self._parent
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        operation = str(getattr(exc, "params", {}).get("operation", ""))
        dialog.approved.connect(lambda approval_id: self._approved(operation, approval_id))
        dialog.rejected.connect(lambda: self.failed.emit(Cancelled()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.code.setFocus()

    def _approved(self, operation: str, approval_id: str) -> None:
        self.approvals[operation] = approval_id
        self.start(approval_id)
