"""The customer display at the counter: what is due while the sale is typed, then the change
and a thank-you. Writes go to the device lane (`hardware.display`); a display that fails is
said once on the status bar and never holds up or blocks a sale."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app import i18n
from app.messages import error_text
from app.money import format_vnd
from app.runner import DEVICE, Runner
from hardware.display import DisplayConfig, fit, show


def display_config() -> DisplayConfig:
    s = i18n.settings()
    return DisplayConfig(
        str(s.value("display/port", "") or "").strip(), int(s.value("display/baud", 9600))
    )


class CustomerDisplay(QObject):
    problem = Signal(str)  # a sentence for the status bar, once per new problem

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._last_problem = ""
        self.shown: tuple[str, str] | None = None  # the last two lines sent (tests read it)

    def show_lines(self, top: str, bottom: str) -> None:
        config = display_config()
        if not config.enabled:
            return
        self.shown = (fit(top), fit(bottom))
        self.runner.submit(
            lambda: show(config, top, bottom),
            success=self._worked,
            failure=self._failed,
            label="customer display",
            lane=DEVICE,
        )

    def show_due(self, amount: int) -> None:
        self.show_lines(fit(self.tr("To pay"), format_vnd(amount)), "")

    def show_done(self, change: int | None) -> None:
        thanks = self.tr("Thank you!").center(20)
        if change:
            self.show_lines(fit(self.tr("Change"), format_vnd(change)), thanks)
        else:
            self.show_lines(thanks, self.tr("See you again").center(20))

    def _worked(self, _result: object) -> None:
        self._last_problem = ""

    def _failed(self, exc: BaseException) -> None:
        text = self.tr("Customer display: {problem}").format(problem=error_text(exc))
        if text != self._last_problem:
            self._last_problem = text
            self.problem.emit(text)
