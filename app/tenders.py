"""Split payment at the sale: parts paid by bank card and by bank transfer, the rest by the
tender chosen under "Rest paid by" (cash by default, with cash given and change).

By keyboard: F3 puts the rest of the bill on the card, F4 on a transfer (each then selects its
field, so typing replaces it); Enter in a part goes on to the cash given while cash is still
owed, and pays once the bill is covered. The engine records every tender (`tenders=`) and the
Z report sums each; a transfer is confirmed on its VietQR code first (`app.transfer`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QWidget

from app.context import AppContext
from app.transfer import TransferDialog
from app.widgets import ActionButton, AmountEdit

if TYPE_CHECKING:
    from app.customer_display import CustomerDisplay
    from app.operations.sales import Quote


def tenders_for(due: int, parts: dict[str, int], rest_tender: str) -> dict[str, int] | None:
    """Every tender's amount, zeros left out; None when the parts are more than is due."""
    rest = due - sum(parts.values())
    if rest < 0:
        return None
    out = {tender: value for tender, value in parts.items() if value}
    if rest:
        out[rest_tender] = out.get(rest_tender, 0) + rest
    return out


class SplitParts(QObject):
    """The two part fields and their keys, as rows of the sale's form."""

    changed = Signal()

    def __init__(self, form: QFormLayout, parent: QWidget) -> None:
        super().__init__(parent)
        self.card = AmountEdit()
        self.card.setObjectName("saleCardPart")
        self.card.setPlaceholderText("0")
        self.card_button = ActionButton(self.tr("Card: the rest"), "F3")
        self.transfer = AmountEdit()
        self.transfer.setObjectName("saleTransferPart")
        self.transfer.setPlaceholderText("0")
        self.transfer_button = ActionButton(self.tr("Transfer: the rest"), "F4")
        for caption, edit, button in (
            (self.tr("Part paid by bank card"), self.card, self.card_button),
            (self.tr("Part paid by bank transfer"), self.transfer, self.transfer_button),
        ):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(caption, row)
            edit.amount_changed.connect(lambda _v: self.changed.emit())

    def parts(self) -> dict[str, int]:
        return {"card": self.card.amount() or 0, "transfer": self.transfer.amount() or 0}

    def total(self) -> int:
        return sum(self.parts().values())

    def fields(self) -> tuple[AmountEdit, AmountEdit]:
        return self.card, self.transfer


class TenderMixin:
    """The sale dialog's split payment and transfer (before `OperationDialog` in its bases:
    `confirm` and `enter_pressed` wrap the frame's)."""

    ctx: AppContext
    split: SplitParts
    tender: QComboBox
    cash_given: AmountEdit
    quote_data: Quote | None
    display: CustomerDisplay | None
    transfer_qr: str | None
    _transfer_seen: int | None
    _exact: bool
    _submitting: bool
    result_data: dict[str, Any] | None

    if TYPE_CHECKING:  # provided by the sale dialog and its frame (never defined here)

        def rest_due(self) -> int | None: ...
        def change_due(self) -> int | None: ...
        def cash_tendered(self) -> int | None: ...
        def _fill_exact(self) -> None: ...
        def _show_change(self) -> None: ...
        def validate(self) -> str | None: ...
        def set_message(self, text: str, error: bool = True) -> None: ...
        def focusWidget(self) -> QWidget | None: ...  # noqa: N802 - Qt's

    def _parts_changed(self) -> None:
        self._fill_exact()
        self._show_change()

    def _take_rest(self, edit: AmountEdit) -> None:
        """F3/F4: this part takes what the other part and typed cash leave of the bill."""
        if self.quote_data is None:
            return
        other = self.split.total() - (edit.amount() or 0)
        typed_cash = self.cash_tendered() if not self._exact else None
        edit.set_amount(max(0, self.quote_data.cash_due - other - (typed_cash or 0)))
        edit.setFocus()
        edit.selectAll()

    def tenders(self) -> dict[str, int] | None:
        """Every tender of a split payment; None when nothing is split (all on `tender`)."""
        if self.quote_data is None or not self.split.total():
            return None
        return tenders_for(
            self.quote_data.cash_due, self.split.parts(), str(self.tender.currentData())
        )

    def transfer_amount(self) -> int:
        if self.quote_data is None:
            return 0
        if self.split.total():
            return (self.tenders() or {}).get("transfer", 0)
        return self.quote_data.cash_due if self.tender.currentData() == "transfer" else 0

    def enter_pressed(self) -> None:
        if self.focusWidget() in self.split.fields():
            owed = self.change_due()
            if self.tender.currentData() == "cash" and owed is not None and owed < 0:
                self.cash_given.setFocus()  # cash still owed: the cash given is next
                return
        super().enter_pressed()

    def confirm(self) -> None:
        """A transfer is paid on its QR code first; the sale is written once the cashier says
        the money came (and again only if the transfer amount changed)."""
        if self._submitting or self.result_data is not None:
            return
        amount = self.transfer_amount()
        if not amount or amount == self._transfer_seen:
            super().confirm()
            return
        problem = self.validate()
        if problem:
            self.set_message(problem)
            return
        qr = TransferDialog(self.ctx, amount, self)
        self.transfer_dialog = qr

        def received() -> None:
            self._transfer_seen, self.transfer_qr = amount, qr.payload
            super(TenderMixin, self).confirm()  # type: ignore[misc]

        qr.accepted.connect(received)
        qr.finished.connect(qr.deleteLater)
        qr.setWindowModality(Qt.WindowModality.WindowModal)
        qr.open()

    def show_done(self) -> None:
        """The customer display after the sale: the change, and thanks."""
        if self.display is not None:
            self.display.show_done(self.change_due())
