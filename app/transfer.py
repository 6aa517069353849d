"""Paying by bank transfer: the VietQR code on screen, and the cashier's word that the money came.

The shop's account (bank BIN, account number, holder's name) is a till setting. The code
carries the amount and, as the transfer's purpose, the receipt number the sale is about to get
(`Loyalty.upcoming_receipt_no`), so the shop's bank statement names the slip. Nothing is
written until the cashier confirms the money arrived (F10 or Enter); Esc goes back to the sale.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import i18n
from app.context import AppContext
from app.messages import error_text
from app.money import format_vnd
from app.operations import sales
from app.qrimage import qr_pixmap
from app.widgets import ActionButton, alive

QR_SIDE = 300  # pixels: a phone reads it from half a metre, and the dialog fits 768 lines


@dataclass(frozen=True)
class ShopAccount:
    """Where transfers go; empty fields mean the shop takes no transfers yet."""

    bank_bin: str = ""
    account: str = ""
    name: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.bank_bin and self.account)


def shop_account() -> ShopAccount:
    s = i18n.settings()
    return ShopAccount(
        str(s.value("vietqr/bank_bin", "") or "").strip(),
        str(s.value("vietqr/account", "") or "").strip(),
        str(s.value("vietqr/name", "") or "").strip(),
    )


def use_demo_account() -> None:
    """For the demo's screenshots only: a made-up Vietcombank account when none is set."""
    if not shop_account().configured:
        s = i18n.settings()
        s.setValue("vietqr/bank_bin", "970436")
        s.setValue("vietqr/account", "0011001234567")
        s.setValue("vietqr/name", "CUA HANG DEMO")


def transfer_payload(account: ShopAccount, amount: int, reference: str) -> str:
    """The EMVCo text; a bad account or amount is the engine module's LoyaltyError."""
    from loyalty_core import vietqr

    return vietqr.payload(account.bank_bin, account.account, amount, reference)


class TransferDialog(QDialog):
    """The QR, the amount and the reference; `payload` and `reference` once accepted."""

    def __init__(self, ctx: AppContext, amount: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.amount = amount
        self.account = shop_account()
        self.payload: str | None = None
        self.reference: str | None = None
        self.setWindowTitle(self.tr("Bank transfer (VietQR)"))
        box = QVBoxLayout(self)
        title = QLabel(self.tr("Bank transfer (VietQR)"))
        title.setObjectName("dialogTitle")
        box.addWidget(title)
        row = QHBoxLayout()
        self.qr = QLabel()
        self.qr.setObjectName("transferQr")
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.qr)
        form = QFormLayout()
        self.amount_label = QLabel(format_vnd(amount))
        self.amount_label.setObjectName("transferAmount")
        form.addRow(self.tr("Amount"), self.amount_label)
        form.addRow(self.tr("Bank (BIN)"), QLabel(self.account.bank_bin or "—"))
        form.addRow(self.tr("Account"), QLabel(self.account.account or "—"))
        form.addRow(self.tr("Account holder"), QLabel(self.account.name or "—"))
        self.reference_label = QLabel("…")
        self.reference_label.setObjectName("transferReference")
        form.addRow(self.tr("Reference"), self.reference_label)
        hint = QLabel(
            self.tr(
                "The customer scans the code with their banking app. Confirm only when the "
                "money shows in the shop's account."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("subtle")
        form.addRow(hint)
        row.addLayout(form, 1)
        box.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        buttons = QHBoxLayout()
        self.back_button = ActionButton(self.tr("Back to the sale"), "Esc")
        self.back_button.clicked.connect(self.reject)
        self.received_button = ActionButton(self.tr("Money received"), "F10")
        self.received_button.setObjectName("primary")
        self.received_button.setDefault(True)
        self.received_button.setEnabled(False)  # until the code is on screen
        self.received_button.clicked.connect(self.received)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.received_button)
        box.addLayout(buttons)
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self).activated.connect(self.received)
        self.setMinimumWidth(720)
        if not self.account.configured:
            self.message.setText(
                self.tr(
                    "The shop's bank account is not set up: a supervisor enters it in "
                    "Settings (bank BIN and account number)."
                )
            )
            return
        sales.upcoming_receipt_no(ctx.runner, self._got_reference).failure(
            self._failed
        ).run_in_background()

    def _got_reference(self, reference: str) -> None:
        if not alive(self):
            return
        try:
            payload = transfer_payload(self.account, self.amount, reference)
        except Exception as exc:  # noqa: BLE001 - LoyaltyError from the payload's checks
            self._failed(exc)
            return
        self.reference = reference
        self.payload = payload
        self.reference_label.setText(reference)
        self.qr.setPixmap(qr_pixmap(payload, QR_SIDE))
        self.received_button.setEnabled(True)
        self.received_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if alive(self):
            self.message.setText(error_text(exc))

    def received(self) -> None:
        if self.payload is not None and self.received_button.isEnabled():
            self.accept()
