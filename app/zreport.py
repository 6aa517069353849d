"""Shift report (Z report) and shift close, with a small bar chart of where the cash came from.

The figures are the engine's (`Loyalty.shift_report` / `close_shift`); this screen only lays
them out. The chart is drawn with QPainter because QtCharts is deprecated and heavy, and the
same painter code could print it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import zreport_rows
from app.context import AppContext, Cashier
from app.messages import error_text
from app.money import format_vnd
from app.operations import devices, shifts
from app.receipts import WIDTH, PrinterConfig
from app.widgets import TOUCH_HEIGHT, ActionButton, AmountEdit, alive

CLOSERS = ("supervisor", "manager")


def cash_bars(cash: dict[str, int]) -> list[tuple[str, int, str]]:
    """The drawer's takings by kind, one bar each: the Z report and the supervisor screen."""
    return [
        (QCoreApplication.translate("ZReportDialog", "Cash sales"), int(cash["sales"]), "#2563eb"),
        (
            QCoreApplication.translate("ZReportDialog", "Card sales"),
            int(cash["card_sales"]),
            "#7c3aed",
        ),
        (
            QCoreApplication.translate("ZReportDialog", "Transfer sales"),
            int(cash.get("transfer_sales", 0)),
            "#4f46e5",
        ),
        (QCoreApplication.translate("ZReportDialog", "Top-ups"), int(cash["topups"]), "#059669"),
        (
            QCoreApplication.translate("ZReportDialog", "Gift cards"),
            int(cash["gift_cards"]),
            "#d97706",
        ),
        (
            QCoreApplication.translate("ZReportDialog", "Memberships"),
            int(cash.get("memberships", 0)),
            "#0891b2",
        ),
        (QCoreApplication.translate("ZReportDialog", "Refunds"), -int(cash["refunds"]), "#dc2626"),
    ]


class BarChart(QWidget):
    """Horizontal bars with their amounts: readable at a glance, no axis to interpret."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int, str]] = []  # label, value, colour
        self.setMinimumHeight(180)  # five bars: the dialog is sized for them from the start

    def set_bars(self, bars: list[tuple[str, int, str]]) -> None:
        self.bars = bars
        self.setMinimumHeight(max(180, 34 * len(bars) + 10))
        self.updateGeometry()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        painter.setFont(font)
        metrics = painter.fontMetrics()
        label_w = max((metrics.horizontalAdvance(b[0]) for b in self.bars), default=0) + 16
        value_w = (
            max((metrics.horizontalAdvance(format_vnd(b[1])) for b in self.bars), default=0) + 16
        )
        top = max((abs(b[1]) for b in self.bars), default=0) or 1
        area = max(10, self.width() - label_w - value_w)
        for i, (label, value, colour) in enumerate(self.bars):
            y = 6 + i * 34
            painter.setPen(QColor("#334e68"))
            painter.drawText(
                QRectF(0, y, label_w - 8, 26),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = area * abs(value) // top
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(label_w, y + 3, max(2, width), 20), 4, 4)
            painter.setPen(QColor("#102a43"))
            painter.drawText(
                QRectF(label_w + width + 8, y, value_w, 26),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                format_vnd(value),
            )
        painter.end()


class ZReportDialog(QDialog):
    """The shift so far; a supervisor counts the drawer and closes the shift here."""

    closed = Signal(object)  # the final report

    def __init__(
        self, ctx: AppContext, printer: Callable[[], PrinterConfig], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from loyalty_core.ids import new_id

        self.ctx = ctx
        self.printer = printer
        self.operation_id = new_id()
        self.report: dict[str, Any] | None = None
        self.final: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Shift report (Z)"))
        # Fits a 768-line screen: the figures scroll, the buttons stay in view below them.
        self.setMinimumSize(720, 560)
        self.closer: Cashier | None = None  # the supervisor who closes, when not logged in
        self._armed_difference: int | None = None
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setObjectName("zScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        box = QVBoxLayout(content)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        title = QLabel(self.tr("Shift report (Z)"))
        title.setObjectName("dialogTitle")
        box.addWidget(title)
        self.opened = QLabel()
        self.opened.setObjectName("subtle")
        box.addWidget(self.opened)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("zTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Operation"), self.tr("Count"), self.tr("Total")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setMinimumHeight(230)
        box.addWidget(self.table, 1)
        self.chart = BarChart()
        box.addWidget(self.chart)
        form = QFormLayout()
        self.expected = QLabel("—")
        self.expected.setObjectName("expectedDrawer")
        form.addRow(self.tr("Expected in drawer"), self.expected)
        self.counted = AmountEdit()
        self.counted.setObjectName("countedCash")
        form.addRow(self.tr("Cash counted"), self.counted)
        self.difference = QLabel("—")
        self.difference.setObjectName("difference")
        form.addRow(self.tr("Difference"), self.difference)
        self.reason = QLineEdit()
        self.reason.setObjectName("differenceReason")
        self.reason.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.reason.setPlaceholderText(self.tr("Why the drawer differs, e.g. change given wrong"))
        form.addRow(self.tr("Reason for the difference"), self.reason)
        box.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        row = QHBoxLayout()
        self.back_button = ActionButton(self.tr("Back"), "Esc")
        self.back_button.clicked.connect(self.reject)
        self.print_button = ActionButton(self.tr("Print"), "F8")
        self.print_button.clicked.connect(self.print_report)
        self.close_button = ActionButton(self.tr("Close shift"), "F10")
        self.close_button.setObjectName("primary")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close_shift)
        for b in (self.back_button, self.print_button, self.close_button):
            row.addWidget(b)
        outer.addLayout(row)
        self.counted.amount_changed.connect(lambda _v: self._show_difference())
        self.counted.returnPressed.connect(self._counted_entered)
        self.reason.returnPressed.connect(self.close_shift)
        self.counted.setFocus()
        self.refresh()

    def _say(self, text: str, error: bool = True) -> None:
        """Errors in red; news (printed, closed) in the ordinary colour."""
        self.message.setObjectName("error" if error else "subtle")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    def _counted_entered(self) -> None:
        if self._diff() not in (None, 0):
            self.reason.setFocus()
        else:
            self.close_shift()

    def _diff(self) -> int | None:
        counted = self.counted.amount()
        if counted is None or self.report is None:
            return None
        return counted - int(self.report["expected_drawer"])

    def refresh(self) -> None:
        shift_id = self.ctx.state.shift_id
        if shift_id is None:
            return
        shifts.shift_report(self.ctx.runner, shift_id, self.show_report).failure(
            self._failed
        ).run_in_background()

    def show_report(self, report: dict[str, Any]) -> None:
        if not alive(self):
            return
        self.report = report
        self.opened.setText(
            self.tr("Opened {at} · opening float {amount}").format(
                at=_local_time(report.get("opened_at")),
                amount=format_vnd(int(report["opening_float"])),
            )
        )
        kinds = report.get("kinds", {})
        extra = zreport_rows.totals(report)
        rows = [
            (
                zreport_rows.row_name(kind),
                str(kinds[kind]["count"]),
                zreport_rows.row_total(kind, extra.get(kind, int(kinds[kind]["sum"]))),
            )
            for kind in zreport_rows.ordered(kinds)
        ]
        if "discounts" in extra:
            rows.append((self.tr("Total discounts"), "", format_vnd(-extra["discounts"])))
        self.table.setRowCount(len(rows))
        for i, cells in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.chart.set_bars(cash_bars(report["cash"]))
        self.expected.setText(format_vnd(int(report["expected_drawer"])))
        self._show_difference()

    def _show_difference(self) -> None:
        self._armed_difference = None
        diff = self._diff()
        self.reason.setEnabled(diff not in (None, 0))
        if diff is None:
            self.difference.setText("—")
            return
        self.difference.setText(("+" if diff > 0 else "") + format_vnd(diff))

    def report_lines(self) -> list[str]:
        report = self.final or self.report or {}
        lines = [self.tr("SHIFT REPORT (Z)").center(WIDTH), "-" * WIDTH]
        extra = zreport_rows.totals(report)
        kinds = report.get("kinds", {})
        for kind in zreport_rows.ordered(kinds):
            data = kinds[kind]
            label = f"{zreport_rows.row_name(kind)[:20]} x{data['count']}"
            value = zreport_rows.row_total(kind, extra.get(kind, int(data["sum"])))
            lines.append(label + " " * max(1, WIDTH - len(label) - len(value)) + value)
        if "discounts" in extra:
            label, value = self.tr("Total discounts")[:20], format_vnd(-extra["discounts"])
            lines.append(label + " " * max(1, WIDTH - len(label) - len(value)) + value)
        lines.append("-" * WIDTH)
        for key, caption in (
            ("opening_float", self.tr("Opening float")),
            ("cash_collected", self.tr("Cash collected")),
            ("expected_drawer", self.tr("Expected in drawer")),
            ("counted_cash", self.tr("Cash counted")),
            ("difference", self.tr("Difference")),
        ):
            if key in report:
                value = format_vnd(int(report[key]))
                lines.append(caption + " " * max(1, WIDTH - len(caption) - len(value)) + value)
        reason = report.get("difference_reason")  # the engine's, once the shift is closed
        if reason:
            lines.append(self.tr("Reason: {reason}").format(reason=reason))
        return lines

    def print_report(self) -> None:
        devices.print_slip(
            self.ctx.runner,
            self.report_lines(),
            self.printer(),
            success=lambda _r: self._say(self.tr("Report printed."), error=False),
            failure=lambda exc: self._say(error_text(exc)),
            label="print z",
        )

    def close_shift(self) -> None:
        cashier, shift_id = self.ctx.state.cashier, self.ctx.state.shift_id
        if self.final is not None or cashier is None or shift_id is None:
            return
        counted = self.counted.amount()
        if counted is None:
            self._say(self.tr("Count the drawer and type the cash counted."))
            self.counted.setFocus()
            return
        diff = self._diff()
        if diff:
            if not self.reason.text().strip():
                self._say(self.tr("The drawer differs by {diff}: type the reason.").format(
                    diff=format_vnd(diff)
                ))
                self.reason.setFocus()
                return
            if self._armed_difference != diff:
                # A difference closes only on a second, deliberate press.
                self._armed_difference = diff
                self._say(
                    self.tr(
                        "Close the shift with a difference of {diff}? Press F10 again to close."
                    ).format(diff=format_vnd(diff))
                )
                return
        closer = self.closer or cashier
        if closer.role not in CLOSERS:
            self._ask_supervisor()
            return
        self.close_button.setEnabled(False)
        reason = self.reason.text().strip() if diff else None
        shifts.close_shift(
            self.ctx.runner, self.operation_id, closer.id, shift_id, counted, reason or None
        ).success(self._closed).failure(self._failed).run_in_background()

    def _ask_supervisor(self) -> None:
        """A cashier cannot close: a supervisor identifies on the spot and closes it here."""
        from app.supervisor_prompt import SupervisorPrompt

        prompt = SupervisorPrompt(
            self.ctx, self.tr("Only a supervisor or manager can close the shift."), self
        )
        self.prompt = prompt

        def identified(staff: Cashier) -> None:
            self.closer = staff
            self.close_shift()

        prompt.identified.connect(identified)
        prompt.finished.connect(prompt.deleteLater)
        prompt.setWindowModality(Qt.WindowModality.WindowModal)
        prompt.open()

    def _closed(self, report: dict[str, Any]) -> None:
        self.final = report
        self.show_report(report)
        self._say(self.tr("Shift closed. Print the report, then press Back."), error=False)
        self.closed.emit(report)

    def _failed(self, exc: BaseException) -> None:
        if not alive(self):
            return
        self.close_button.setEnabled(self.final is None)
        self._say(error_text(exc))


def _local_time(iso: str | None) -> str:
    if not iso:
        return "—"
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso
