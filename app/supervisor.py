"""The supervisor's view of the day so far: sales per hour and takings per kind, as charts.

Figures are the engine's: `Loyalty.day_report` for the takings of the day across every shift,
`Loyalty.recent_sales(since=...)` of the day for the hours (grouped here by local hour; the engine
stores UTC). Drawn with
QPainter like the Z report's chart: no QtCharts dependency, and cheap to repaint.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.context import AppContext
from app.messages import error_text
from app.money import format_vnd, group_thousands
from app.operations import shifts
from app.widgets import ActionButton
from app.zreport import BarChart, cash_bars

SUPERVISOR_ROLES = ("supervisor", "manager")


def sales_per_hour(sales: list[dict[str, Any]]) -> dict[int, tuple[int, int]]:
    """Local hour -> (number of sales, net amount); hours without sales are left out."""
    hours: dict[int, tuple[int, int]] = {}
    for sale in sales:
        try:
            hour = datetime.fromisoformat(sale["created_at"]).astimezone().hour
        except (TypeError, ValueError):
            continue
        count, total = hours.get(hour, (0, 0))
        hours[hour] = (count + 1, total + int(sale["net"]))
    return hours


class HourChart(QWidget):
    """Vertical bars, one per hour from the first to the last hour with sales."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours: dict[int, tuple[int, int]] = {}
        self.setMinimumHeight(220)

    def set_hours(self, hours: dict[int, tuple[int, int]]) -> None:
        self.hours = hours
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        if not self.hours:
            painter.setPen(QColor("#627d98"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No sales yet."))
            painter.end()
            return
        first, last = min(self.hours), max(self.hours)
        span = list(range(first, last + 1))
        top = max(total for _c, total in self.hours.values()) or 1
        slot = self.width() / len(span)
        bar_w = max(6.0, min(48.0, slot * 0.6))
        chart_top, chart_bottom = line + 8, self.height() - line - 8
        area = max(10, chart_bottom - chart_top)
        for i, hour in enumerate(span):
            count, total = self.hours.get(hour, (0, 0))
            x = i * slot + (slot - bar_w) / 2
            height = area * total / top  # display only: pixels, not money
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#2563eb"))
            painter.drawRoundedRect(QRectF(x, chart_bottom - height, bar_w, height), 3, 3)
            painter.setPen(QColor("#334e68"))
            painter.drawText(
                QRectF(i * slot, chart_bottom + 4, slot, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                f"{hour}h",
            )
            if count:
                label = _short_money(total)
                painter.setPen(QColor("#102a43"))
                painter.drawText(
                    QRectF(i * slot - 10, chart_bottom - height - line - 2, slot + 20, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    label,
                )
        painter.end()


def _short_money(value: int) -> str:
    """Bar labels: thousands of đồng with a `k`, so they fit above a narrow bar."""
    if value >= 1_000_000:
        return group_thousands(value // 1_000) + "k"
    return format_vnd(value)


def drawer_lines(closed: list[dict[str, Any]]) -> list[str]:
    """One line per shift closed today whose drawer differed: when, how much, and why."""
    out = []
    for shift in closed:
        diff = shift.get("difference")
        if not diff:
            continue
        try:
            at = datetime.fromisoformat(shift["closed_at"]).astimezone().strftime("%H:%M")
        except (TypeError, ValueError):
            at = "—"
        out.append(
            QCoreApplication.translate(
                "SupervisorDialog", "Shift closed {at}: drawer {diff} — {reason}"
            ).format(
                at=at,
                diff=("+" if diff > 0 else "") + format_vnd(int(diff)),
                reason=shift.get("difference_reason")
                or QCoreApplication.translate("SupervisorDialog", "no reason given"),
            )
        )
    return out


class SupervisorDialog(QDialog):
    """Opened from the Till menu by a supervisor or manager; read-only."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: dict[str, Any] | None = None
        self.sales: list[dict[str, Any]] | None = None
        self.setWindowTitle(self.tr("Supervisor: today's figures"))
        self.setMinimumSize(820, 640)
        box = QVBoxLayout(self)
        title = QLabel(self.tr("Today's figures (this shift)"))
        title.setObjectName("dialogTitle")
        box.addWidget(title)
        self.totals = QLabel("—")
        self.totals.setObjectName("subtle")
        box.addWidget(self.totals)
        caption = QLabel(self.tr("Sales per hour"))
        caption.setObjectName("caption")
        box.addWidget(caption)
        self.hour_chart = HourChart()
        box.addWidget(self.hour_chart, 1)
        caption = QLabel(self.tr("Takings per kind"))
        caption.setObjectName("caption")
        box.addWidget(caption)
        self.kind_chart = BarChart()
        box.addWidget(self.kind_chart)
        # Shifts closed today with a drawer difference, and the reason given at the close.
        self.drawers = QLabel()
        self.drawers.setObjectName("drawerDifferences")
        self.drawers.setWordWrap(True)
        box.addWidget(self.drawers)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        row = QHBoxLayout()
        self.back_button = ActionButton(self.tr("Back"), "Esc")
        self.back_button.clicked.connect(self.reject)
        self.refresh_button = ActionButton(self.tr("Refresh"), "F5")
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.back_button)
        row.addWidget(self.refresh_button)
        box.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        shifts.day_report(self.ctx.runner, self._got_report).failure(
            self._failed
        ).run_in_background()
        shifts.day_sales(self.ctx.runner, self._got_sales).failure(
            self._failed
        ).run_in_background()

    def _got_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.kind_chart.set_bars(cash_bars(report["cash"]))
        self.drawers.setText("\n".join(drawer_lines(report.get("closed_shifts", []))))
        self._show_totals()

    def _got_sales(self, sales: list[dict[str, Any]]) -> None:
        self.sales = sales
        self.hour_chart.set_hours(sales_per_hour(sales))
        self._show_totals()

    def _show_totals(self) -> None:
        if self.report is None or self.sales is None:
            return
        sales = self.report["kinds"].get("sale", {"count": 0})
        self.totals.setText(
            self.tr("{count} sales · cash collected {cash} · expected in drawer {drawer}").format(
                count=sales["count"],
                cash=format_vnd(int(self.report["cash_collected"])),
                drawer=format_vnd(int(self.report["expected_drawer"])),
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))
