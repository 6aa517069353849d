"""Finding a sale to refund by its receipt number: typed, or scanned from the slip's barcode.

The refund dialog lists this shift's sales (or the card's); what is typed in the receipt field
narrows the list to the numbers containing it and selects the first. A whole number that is not
in the list (a sale of another shift or day) is looked up at once. Typing while the list has
the keyboard goes to the receipt field, so a scan works the moment the dialog opens.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from app.operations import refunds
from app.widgets import TOUCH_HEIGHT, alive

WHOLE = re.compile(r"[0-9A-Z]{6}-\d{6}")  # loyalty_core.sales.next_receipt_no's form


class ReceiptSearch(QObject):
    def __init__(self, dialog: Any) -> None:
        """`dialog`: app.flows.RefundDialog (its form, table, sales; not imported: flows
        imports this module)."""
        super().__init__(dialog)
        self.dialog = dialog
        self.edit = QLineEdit()
        self.edit.setObjectName("refundReceipt")
        self.edit.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.edit.setPlaceholderText(self.tr("Type or scan the receipt number"))
        self.edit.textChanged.connect(self._typed)
        dialog.form.insertRow(1, self.tr("Receipt no."), self.edit)
        dialog.table.installEventFilter(self)
        self._asked: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Printable keys on the list start a receipt search; arrows and Enter stay the list's."""
        if watched is self.dialog.table and event.type() == QEvent.Type.KeyPress:
            key = event if isinstance(event, QKeyEvent) else None
            text = key.text() if key is not None else ""
            if text and text.isprintable() and not text.isspace():
                self.edit.setFocus()
                self.edit.setText(self.edit.text() + text)
                return True
        return False

    def _typed(self, text: str) -> None:
        wanted = text.strip().upper()
        table, sales = self.dialog.table, self.dialog.sales
        first = None
        for row, sale in enumerate(sales):
            hit = not wanted or wanted in str(sale.get("receipt_no") or "")
            table.setRowHidden(row, not hit)
            if hit and first is None and int(sale["refundable"]) > 0:
                first = row
        if first is not None:
            table.selectRow(first)
        elif wanted:
            table.clearSelection()
        if WHOLE.fullmatch(wanted) and first is None and wanted not in self._asked:
            self._asked.add(wanted)
            refunds.sale_by_receipt(self.dialog.ctx.runner, wanted, self._found).failure(
                lambda _exc: None
            ).run_in_background()

    def _found(self, found: list[dict[str, Any]]) -> None:
        if not alive(self.dialog) or not found:
            return
        sale = found[0]
        known = {s["sale_id"] for s in self.dialog.sales}
        if sale["sale_id"] not in known:
            self.dialog._got_sales([*self.dialog.sales, sale])
        self._typed(self.edit.text())
        self.dialog.select_sale(sale["sale_id"])
        self.edit.setFocus()
