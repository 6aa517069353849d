"""The till's one window: log-in, open shift, counter and lock screens in a stack.

It routes reader events: a dialog waiting for a card gets it first (approval by staff card,
a gift card being sold); otherwise the log-in and lock screens read staff cards and the counter
reads customer cards. A language switch rebuilds the screens in the new language and puts the
cashier back where they were.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from app import i18n
from app.context import AppContext, Cashier
from app.counter import CounterPage
from app.login import LockPage, LoginPage, OpenShiftPage
from app.messages import error_text, reader_text
from app.operations import cards, shifts
from app.statusbar import TillStatusBar
from app.supervisor import SUPERVISOR_ROLES, SupervisorDialog
from hardware.events import CardPresented, HardwareEvent, ReaderError

# Demo shortcuts, in the order a presenter shows them (Ctrl+1 .. Ctrl+9).
DEMO_CARDS = (
    "member",
    "gold",
    "combined",
    "prepaid",
    "gift",
    "discount",
    "blocked",
    "gift_pending",
)
DEMO_PAYMENT_CARD = "4111111111111111"  # the well-known test Visa: shows the refusal


class MainWindow(QMainWindow):
    page_changed = Signal(str)

    def __init__(self, ctx: AppContext, *, demo: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.simulated: Any = None  # hardware.simulated.SimulatedReader in demo mode
        self.page = "login"
        self.setMinimumSize(1024, 700)
        self.status = TillStatusBar(ctx, self)
        self.setStatusBar(self.status)
        ctx.hub.event_received.connect(self._on_reader_event)
        ctx.ready_changed.connect(self._on_ready)
        # Work that had no screen of its own to report to still reaches the cashier in words.
        # (on the counter's notice, which stays until the cashier dismisses it).
        ctx.runner.failed.connect(lambda exc: self.counter.notice.show_text(error_text(exc)))
        self._build()

    # -- building (again, on a language switch)

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Loyalty POS"))
        old = self.centralWidget()
        self.stack = QStackedWidget()
        self.login = LoginPage(self.ctx)
        self.shift = OpenShiftPage(self.ctx)
        self.counter = CounterPage(self.ctx)
        self.lock_page = LockPage(self.ctx)
        self.pages: dict[str, QWidget] = {
            "login": self.login,
            "shift": self.shift,
            "counter": self.counter,
            "lock": self.lock_page,
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        if old is not None:
            old.deleteLater()
        self.login.logged_in.connect(self._logged_in)
        self.shift.shift_opened.connect(self._shift_opened)
        self.lock_page.unlocked.connect(lambda: self.show_page("counter"))
        self.lock_page.switch_requested.connect(self.switch_cashier)
        self.counter.lock_requested.connect(self.lock)
        self.counter.shift_closed.connect(self._shift_closed)
        self.counter.status_message.connect(lambda text: self.status.showMessage(text, 8000))
        self._build_menus()
        self.status.refresh()
        self.show_page(self.page)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        till = bar.addMenu(self.tr("&Till"))
        lock = till.addAction(self.tr("Lock (F12)"))
        lock.triggered.connect(self.lock)
        switch = till.addAction(self.tr("Switch cashier"))
        switch.triggered.connect(self.switch_cashier)
        supervisor = QAction(self.tr("Supervisor screen"), self)
        supervisor.setShortcut(QKeySequence("Shift+F7"))
        supervisor.triggered.connect(self.open_supervisor)
        till.addAction(supervisor)
        self.supervisor_action = supervisor
        settings_action = QAction(self.tr("Settings"), self)
        settings_action.setShortcut(QKeySequence("Shift+F12"))
        settings_action.triggered.connect(self.open_settings)
        till.addAction(settings_action)
        till.addSeparator()
        quit_action = till.addAction(self.tr("Quit"))
        quit_action.triggered.connect(self.close)
        lang = bar.addMenu(self.tr("&Language"))
        group = QActionGroup(lang)
        for code, name in (("vi", "Tiếng Việt"), ("en", "English")):
            action = lang.addAction(name)
            action.setCheckable(True)
            action.setChecked(i18n.current_language() == code)
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, c=code: self.set_language(c))
        if self.demo:
            menu = bar.addMenu(self.tr("&Demo"))
            names = {
                "member": self.tr("Member (birthday today)"),
                "gold": self.tr("Gold member"),
                "combined": self.tr("Member + prepaid card"),
                "prepaid": self.tr("Prepaid card"),
                "gift": self.tr("Gift card"),
                "discount": self.tr("Discount card"),
                "blocked": self.tr("Blocked card"),
                "gift_pending": self.tr("New gift card (not sold)"),
            }
            for i, kind in enumerate(DEMO_CARDS, start=1):
                action = QAction(self.tr("Present: {card}").format(card=names[kind]), self)
                action.setShortcut(QKeySequence(f"Ctrl+{i}"))
                action.triggered.connect(lambda _c=False, k=kind: self.present_demo_card(k))
                menu.addAction(action)
            pay = QAction(self.tr("Present: a bank card (refused)"), self)
            pay.setShortcut(QKeySequence("Ctrl+9"))
            pay.triggered.connect(lambda: self.present_number(DEMO_PAYMENT_CARD))
            menu.addAction(pay)
            menu.addSeparator()
            # Staff cards: log in, unlock, or approve as the supervisor with a card.
            for key, code, name in (
                ("Ctrl+Shift+1", "2001", self.tr("Present: supervisor's staff card")),
                ("Ctrl+Shift+2", "1001", self.tr("Present: cashier's staff card")),
            ):
                action = QAction(name, self)
                action.setShortcut(QKeySequence(key))
                action.triggered.connect(lambda _c=False, c=code: self.present_staff_card(c))
                menu.addAction(action)

    # -- navigation

    def show_page(self, name: str) -> None:
        self.page = name
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        if name == "login":
            self.login.reset()
        elif name == "lock":
            self.lock_page.prepare()
        elif name == "shift":
            self.shift.prepare()
        elif name == "counter":
            self.counter.lookup.setFocus()
        self.status.refresh()
        self.page_changed.emit(name)

    def _on_ready(self, _ready: bool) -> None:
        self.status.refresh()

    def _logged_in(self, cashier: Cashier) -> None:
        self.ctx.state.cashier = cashier
        shifts.open_shift_id(self.ctx.runner, self._have_shift).run_in_background()

    def _have_shift(self, shift_id: str | None) -> None:
        if shift_id is None:
            self.show_page("shift")
        else:
            self._shift_opened(shift_id)

    def _shift_opened(self, shift_id: str) -> None:
        self.ctx.state.shift_id = shift_id
        self.show_page("counter")

    def _shift_closed(self, _report: object) -> None:
        """The drawer is counted and closed: whoever works next opens a new shift."""
        self.ctx.state.shift_id = None
        self.counter.clear_customer()
        self.show_page("shift")

    def lock(self) -> None:
        if self.ctx.state.cashier is not None and self.page == "counter":
            self.show_page("lock")

    def switch_cashier(self) -> None:
        """Another cashier takes over the till; the shift stays open (one drawer, one shift)."""
        self.ctx.state.cashier = None
        self.counter.clear_customer()
        self.show_page("login")

    # -- language

    def set_language(self, lang: str) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        i18n.install_language(app, lang)
        i18n.save_language(lang)
        number = self.counter.card_number
        slip = self.counter.last_slip
        self._build()
        self.counter.last_slip = slip
        self.counter.slip.setPlainText("\n".join(slip))
        if number and self.ctx.ready:
            self.counter.show_card(number)

    # -- readers

    def present_demo_card(self, kind: str) -> None:
        number = self.ctx.state.demo_cards.get(kind)
        if number:
            self.present_number(number)

    def present_staff_card(self, code: str) -> None:
        uid = (self.ctx.state.demo_cards.get("staff") or {}).get(code)
        if uid:
            self._simulated().present(uid=uid)

    def _simulated(self) -> Any:
        if self.simulated is None:
            from hardware.simulated import SimulatedReader

            reader = SimulatedReader()
            reader.start(self.ctx.hub.sink)
            self.simulated = reader
        return self.simulated

    def open_supervisor(self) -> None:
        cashier = self.ctx.state.cashier
        if self.page != "counter" or cashier is None:
            return
        if cashier.role not in SUPERVISOR_ROLES:
            # A supervisor identifies on the spot; the cashier stays logged in.
            from app.supervisor_prompt import SupervisorPrompt

            prompt = SupervisorPrompt(
                self.ctx, self.tr("Only a supervisor or manager can open this."), self
            )
            self.prompt = prompt
            prompt.identified.connect(lambda _staff: self._show_supervisor())
            prompt.rejected.connect(self.counter._back_to_counter)
            prompt.finished.connect(prompt.deleteLater)
            prompt.setWindowModality(Qt.WindowModality.WindowModal)
            prompt.open()
            return
        self._show_supervisor()

    def open_settings(self) -> None:
        """The settings screen: a supervisor or manager, logged in or asked for on the spot."""
        cashier = self.ctx.state.cashier
        if self.page != "counter" or cashier is None:
            return
        if cashier.role in SUPERVISOR_ROLES:
            self._show_settings()
            return
        from app.supervisor_prompt import SupervisorPrompt

        prompt = SupervisorPrompt(
            self.ctx, self.tr("Only a supervisor or manager can change the settings."), self
        )
        self.prompt = prompt
        prompt.identified.connect(lambda _staff: self._show_settings())
        prompt.rejected.connect(self.counter._back_to_counter)
        prompt.finished.connect(prompt.deleteLater)
        prompt.setWindowModality(Qt.WindowModality.WindowModal)
        prompt.open()

    def _show_settings(self) -> None:
        from app.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.status.sync.text(), self)
        self.settings_dialog = dialog

        def done(result: int) -> None:
            lang = getattr(dialog, "language_chosen", None)
            if result and lang and lang != i18n.current_language():
                self.set_language(lang)
            self.counter._back_to_counter()

        dialog.finished.connect(done)
        dialog.finished.connect(dialog.deleteLater)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def _show_supervisor(self) -> None:
        dialog = SupervisorDialog(self.ctx, self)
        self.supervisor = dialog
        dialog.finished.connect(self.counter._back_to_counter)
        dialog.finished.connect(dialog.deleteLater)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()

    def present_number(self, number: str) -> None:
        """The demo's hand on the reader: goes through the simulated reader like a real card."""
        self._simulated().present(number)

    def _on_reader_event(self, event: HardwareEvent) -> None:
        if isinstance(event, CardPresented):
            if event.card_number:
                self._route_card(event.card_number, event.uid)
            elif event.uid and self.ctx.ready:
                uid = event.uid
                cards.card_number_for_uid(
                    self.ctx.runner, uid, lambda number: self._route_card(number, uid)
                ).run_in_background()
        elif isinstance(event, ReaderError):
            if self.ctx.card_grabbers or self.page != "counter":
                self.status.showMessage(reader_text(event.code), 8000)
            else:
                self.counter.reader_refused(event.code)
        self.status.refresh()

    def _route_card(self, number: str | None, uid: str | None) -> None:
        if not self.ctx.ready:
            return
        if self.ctx.card_grabbers:
            if number:
                self.ctx.card_grabbers[-1](number)
            elif uid:
                self.ctx.card_grabbers[-1](uid)
            return
        staff_credential = number or uid
        if self.page == "login" and staff_credential:
            self.login.card_presented(staff_credential)
        elif self.page == "lock" and staff_credential:
            self.lock_page.card_presented(staff_credential)
        elif self.page == "counter":
            if number:
                self.counter.show_card(number)
            else:
                self.counter.panel.show_message(
                    QCoreApplication.translate("Messages", "This card is not known at this till.")
                )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.ctx.hub.stop()
        self.ctx.runner.wait_idle(10_000)
        super().closeEvent(event)
        app = QApplication.instance()
        if app is not None:
            app.quit()
