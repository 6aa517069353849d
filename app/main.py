"""`loyalty-pos`: the cashier program.

Start-up order is chosen for the cold-start target (log-in screen within 1.5 s): Qt and our
light screens first, the window shown, and only then, on the worker thread, the engine
(SQLAlchemy, Alembic migrations, the demo seed). The log-in button is enabled when it is ready.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from pathlib import Path
from typing import Any

START = time.perf_counter()

log = logging.getLogger("app")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="loyalty-pos", description="Loyalty point-of-sale till")
    parser.add_argument("--db", default="till.sqlite3", help="till database file")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="seed demo data if missing and use a simulated card reader",
    )
    parser.add_argument("--lang", choices=("vi", "en"), help="UI language (remembered)")
    parser.add_argument(
        "--screenshot", metavar="PNG", help="render the window to PNG once it is ready, then exit"
    )
    parser.add_argument(
        "--demo-login",
        action="store_true",
        help="with --demo: log in as the demo cashier (for screenshots)",
    )
    parser.add_argument(
        "--present",
        metavar="KIND",
        help="with --demo: present this demo card after start (e.g. gold)",
    )
    parser.add_argument(
        "--open",
        choices=(
            "sale", "zreport", "refund", "approval", "supervisor", "search", "enrol", "replace",
            "transfer",
        ),
        help="with --demo-login: open this dialog (the screenshot shows it)",
    )
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="run in a window instead of full screen (the till's default is full screen)",
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        help="windowed at this size, e.g. 1024x768 (screenshots, testing screen sizes)",
    )
    args = parser.parse_args(argv)
    if args.size:
        try:
            width, height = (int(v) for v in args.size.lower().split("x"))
        except ValueError:
            parser.error("--size is WIDTHxHEIGHT, e.g. 1366x768")
        args.size = (width, height)
    if (args.demo_login or args.present or args.open) and not args.demo:
        parser.error("--demo-login, --present and --open need --demo")
    return args


def open_engine(db: str, demo: bool) -> dict[str, Any]:
    """Runs on the worker thread: the heavy imports happen here, not before the window."""
    # The demo's head office starts first, as a child process, so it comes up while the till
    # opens its database; the till connects to it later, off the DB lane (`connect_demo_sync`).
    head_office = launch_demo_head_office(db) if demo else None
    from loyalty_core.engine import Loyalty
    from loyalty_core.store import Store

    store = Store.open(db)
    cards: dict[str, Any] = {}
    if demo:
        from loyalty_core.demo import seed_demo

        cards = seed_demo(store)
    loyalty = Loyalty(store)
    worker = None if demo else make_sync_worker(store)
    return {
        "store": store,
        "head_office": head_office,
        "loyalty": loyalty,
        "cards": cards,
        "till_name": loyalty.till_name(),
        "prefixes": dict(loyalty.rules().data["card_prefixes"]),
        "sync": worker,
        "sv_guard": make_guard(store, worker),
    }


def launch_demo_head_office(db: str) -> Any:
    """The demo syncs with a head office of its own, a child process on loopback (the till never
    imports head-office code); without it the demo still works, offline, as a till does when
    head office is away."""
    try:
        from sync.till.demo import launch_demo_head_office as launch

        return launch(db)
    except Exception:  # noqa: BLE001 - the counter must open whatever happens to the demo server
        log.exception("the demo head office could not be started; the till runs offline")
        return None


def connect_demo_sync(head_office: Any, store: Any) -> tuple[Any, Any] | None:
    """On a thread of its own: waits for the child, registers the till, builds its worker."""
    try:
        head_office.connect(store)
        worker = make_sync_worker(store)
        return worker, make_guard(store, worker)
    except Exception:  # noqa: BLE001 - as above: the demo till then runs offline
        log.exception("the demo head office could not be reached; the till runs offline")
        return None


def make_sync_worker(store: Any) -> Any:
    """The sync worker when this till is registered with head office, else None."""
    from sync.till.registration import client_for
    from sync.till.worker import SyncWorker

    client = client_for(store)
    # An enrolled till that holds nothing yet starts from head office's snapshot.
    return SyncWorker(store, client, join_empty=True) if client is not None else None


def make_guard(store: Any, worker: Any) -> Any:
    """The offline stored-value limit, only on a registered till (it needs head office)."""
    if worker is None:
        return None
    from sync.till.offline import StoredValueGuard

    return StoredValueGuard(store, worker.client)


def build_readers(demo: bool, prefixes: dict[str, str]) -> Any:
    """Readers recognise the shop's own numbering, as the program rules define it, and are
    set up as the settings screen stored them (`app.settings_dialog.hardware_config`)."""
    from app.settings_dialog import hardware_config
    from hardware.config import build_manager

    return build_manager(hardware_config(prefixes, demo))


def show_window(window: Any, args: argparse.Namespace) -> None:
    """Full screen on the till (kiosk: no title bar, the status bar and every key visible);
    windowed when asked, or for a screenshot (which must not depend on the machine's screen)."""
    if args.size or args.windowed or args.screenshot:
        width, height = args.size or (1366, 768)
        window.resize(width, height)
        window.show()
    else:
        window.showFullScreen()


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given[:1] == ["enrol"]:  # no window: `loyalty-pos enrol --url ... --code ... --db ...`
        from sync.till.enrolment import main as enrol

        return enrol(given[1:])
    if given[:1] == ["join"]:  # no window: `loyalty-pos join --db ...` (sync/till/bootstrap.py)
        from sync.till.enrolment import join_main

        return join_main(given[1:])
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.context import AppContext
    from app.mainwindow import MainWindow
    from app.messages import error_text
    from app.readers import ReaderHub, WedgeFilter
    from app.runner import Runner
    from app.statusbar import SyncBridge

    app = QApplication(sys.argv[:1])
    app.setApplicationName("loyalty-pos")
    lang = args.lang or i18n.saved_language()
    if args.lang:
        i18n.save_language(args.lang)
    i18n.install_language(app, lang)
    screen = app.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    size = args.size or ((area.width(), area.height()) if area is not None else (1366, 768))
    i18n.apply_look(app, size[1])

    runner = Runner(app)
    hub = ReaderHub(app)
    ctx = AppContext(runner, hub, app)
    window = MainWindow(ctx, demo=args.demo)
    wedge = WedgeFilter(hub)
    app.installEventFilter(wedge)
    show_window(window, args)
    # Carries the demo's sync worker from the thread that connected it to the GUI thread.
    demo_sync = SyncBridge(app).changed
    log.info("window shown after %.0f ms", (time.perf_counter() - START) * 1000)

    def engine_ready(result: dict[str, Any]) -> None:
        ctx.state.demo_cards = result["cards"]
        ctx.state.till_name = result["till_name"]
        ctx.set_loyalty(result["loyalty"])
        log.info("engine ready after %.0f ms", (time.perf_counter() - START) * 1000)
        start_sync(result["sync"], result.get("sv_guard"))
        head_office = result.get("head_office")
        if head_office is not None:
            app.aboutToQuit.connect(head_office.stop)
            # Connecting waits for the child: on a thread, so neither the log-in nor the DB
            # lane waits for head office; the worker is handed to the GUI thread by a signal.
            demo_sync.connect(lambda pair: start_sync(*pair), Qt.ConnectionType.QueuedConnection)

            def connect() -> None:
                pair = connect_demo_sync(head_office, result["store"])
                if pair is not None:
                    demo_sync.emit(pair)

            threading.Thread(target=connect, name="demo-head-office", daemon=True).start()
        try:
            from app.settings_dialog import hardware_config

            wedge.decoder = hardware_config(result["prefixes"], args.demo).wedge_decoder()
            manager = build_readers(args.demo, result["prefixes"])
            hub.attach(manager)
            from hardware.config import simulated_reader

            window.simulated = simulated_reader(manager)
        except Exception:  # noqa: BLE001 - the till works without readers (typing, wedge)
            log.exception("card readers could not be started")
        if args.demo_login:
            supervisor = args.open == "supervisor"  # the screen only a supervisor may open
            window.login.code.setText("2001" if supervisor else "1001")
            window.login.pin.setText("5678" if supervisor else "1234")
            window.login.submit()

    def start_sync(worker: Any, guard: Any) -> None:
        ctx.sv_guard = guard
        if worker is None:
            return
        bridge = SyncBridge(app)
        bridge.changed.connect(window.status.set_sync_state)
        worker.on_change = bridge.sink
        runner.changed.connect(lambda _c: worker.wake())  # push a new sale promptly
        app.aboutToQuit.connect(lambda: worker.stop(5.0))
        window.status.set_sync_state(worker.snapshot())
        worker.start()

    def engine_failed(exc: BaseException) -> None:
        ctx.open_error = error_text(exc)
        window.login._on_ready(False)

    runner.submit(
        lambda: open_engine(args.db, args.demo),
        success=engine_ready,
        failure=engine_failed,
        label="open database",
    )

    if args.screenshot:
        _arrange_screenshot(app, window, ctx, args, QTimer)
    return app.exec()


def _arrange_screenshot(
    app: Any, window: Any, ctx: Any, args: argparse.Namespace, timer_cls: Any
) -> None:
    """Take the picture once the screen the script asked for is really on screen."""
    path = Path(args.screenshot)
    path.parent.mkdir(parents=True, exist_ok=True)

    def shoot() -> None:
        target = window
        flow = getattr(window.counter.dialog, "flow", None)
        if args.open == "approval" and flow is not None and flow.dialog is not None:
            target = flow.dialog
        elif args.open in ("sale", "refund", "enrol", "replace") and window.counter.dialog:
            target = window.counter.dialog
        elif args.open == "search" and getattr(window.counter, "search_dialog", None):
            target = window.counter.search_dialog
        elif args.open == "supervisor" and getattr(window, "supervisor", None) is not None:
            target = window.supervisor
        elif args.open == "zreport" and getattr(window.counter, "zreport", None) is not None:
            target = window.counter.zreport
        elif args.open == "transfer" and window.counter.dialog is not None:
            target = getattr(window.counter.dialog, "transfer_dialog", None) or window
        target.grab().save(str(path), "PNG")
        log.info("screenshot written to %s", path)
        app.exit(0)

    def later() -> None:
        timer_cls.singleShot(300, shoot)  # let layouts and the busy bar settle

    def open_dialog() -> None:
        if args.open == "sale":
            window.counter.open_sale()
            dialog = window.counter.dialog
            dialog.amount.setText("1.250.000")
            if dialog.has_points:
                dialog.points.setValue(min(dialog.points.maximum(), 200))
        elif args.open == "zreport":
            window.counter.open_shift_report()
            window.counter.zreport.counted.setText("2.000.000")
        elif args.open == "refund":
            window.counter.open_refund()
            window.counter.dialog.reason.setText("Khách trả hàng")
        elif args.open == "approval":
            window.counter.open_sale()
            dialog = window.counter.dialog
            dialog.amount.setText("1.250.000")
            dialog.points.setValue(min(dialog.points.maximum(), 600))
            timer_cls.singleShot(400, dialog.confirm)  # after the quote: asks a supervisor
            timer_cls.singleShot(1200, shoot)
            return
        elif args.open == "supervisor":
            window.open_supervisor()
        elif args.open == "search":
            window.counter.open_search("nguyen")  # a name typed without accents
        elif args.open in ("enrol", "replace"):
            # A UID-only chip card tapped: it will be linked to the new card.
            if args.open == "enrol":
                window.counter.open_enrol()
                window.counter.dialog.name.setText("Trần Thị Mai")
                window.counter.dialog.phone.setText("0933 222 111")
            else:
                window.counter.open_replace()
                window.counter.dialog.reason.setText("Khách báo mất thẻ")
            window.counter.dialog.chip.take("04C0FFEE112233")
        elif args.open == "transfer":
            from app.transfer import use_demo_account

            use_demo_account()  # the demo's throw-away settings have no bank account
            window.counter.open_sale(1_250_000)
            dialog = window.counter.dialog
            timer_cls.singleShot(400, lambda: dialog._take_rest(dialog.split.transfer))
            timer_cls.singleShot(600, dialog.confirm)  # the transfer's QR code
            timer_cls.singleShot(1400, shoot)
            return
        timer_cls.singleShot(700, shoot)  # the quote or report arrives from the worker

    if args.present:
        window.page_changed.connect(
            lambda name: name == "counter" and window.present_demo_card(args.present)
        )
        window.counter.view_shown.connect(lambda _v: open_dialog() if args.open else later())
    elif args.demo_login:
        window.page_changed.connect(lambda name: name == "counter" and later())
    else:
        ctx.ready_changed.connect(lambda _r: later())
    timer_cls.singleShot(60_000, lambda: app.exit(2))  # never hang a script


if __name__ == "__main__":
    sys.exit(main())
