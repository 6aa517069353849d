from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app import i18n
from app.mainwindow import MainWindow
from app.sale import SaleDialog
from tests.app.conftest import WAIT, Shop, log_in, present

ROOT = Path(__file__).resolve().parents[2]


def test_vietnamese_and_english(qtbot: Any, till: MainWindow, shop: Shop) -> None:
    till.set_language("vi")
    assert till.login.button.text().startswith("Đăng nhập")
    assert till.login.title.text() == "Đăng nhập nhân viên"
    till.login.code.setText("1001")
    till.login.pin.setText("0000")
    till.login.submit()
    qtbot.waitUntil(lambda: "Sai PIN" in till.login.message.text(), timeout=WAIT)
    log_in(qtbot, till)
    present(qtbot, till, shop.blocked)
    assert till.counter.panel.refusal.text() == "Thẻ này đã bị khóa. Lý do: Khách báo mất thẻ"
    assert till.counter.sale_button.text() == "Bán hàng\nF2"
    assert "Thu ngân: Nguyễn Thị Lan" in till.status.cashier.text()
    # Switching keeps the cashier at the counter with the same card shown.
    till.set_language("en")
    assert till.page == "counter"
    qtbot.waitUntil(lambda: till.counter.card_number == shop.blocked, timeout=WAIT)
    assert till.counter.panel.refusal.text() == "This card is blocked. Reason: Khách báo mất thẻ"
    assert till.counter.sale_button.text() == "Sale\nF2"
    assert i18n.saved_language() == "en"


def test_standard_buttons_and_base_class_strings_in_vietnamese(
    qtbot: Any, till: MainWindow
) -> None:
    i18n.install_language(QApplication.instance(), "vi")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    log_in(qtbot, till)
    dialog = SaleDialog(till.ctx, None, till)
    qtbot.addWidget(dialog)
    # Strings of the shared base class are found from the subclass too.
    assert dialog.confirm_button.text() == "Xác nhận\nF10"
    assert dialog.cancel_button.text() == "Hủy\nEsc"


def test_translation_sources_are_complete_and_current(tmp_path: Path) -> None:
    """Every string in app/ is in the committed .ts files, translated, and built into .qm."""
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "app").glob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120
    )
    wanted = set(_messages(fresh))
    for lang in ("vi", "en"):
        ts = ROOT / "resources" / "translations" / f"loyalty_{lang}.ts"
        have = _messages(ts)
        assert wanted - set(have) == set(), f"{ts.name} is missing strings: run lupdate"
        unfinished = [key for key, text in have.items() if key in wanted and not text]
        assert unfinished == [], f"{ts.name} has untranslated strings"
        qm = ts.with_suffix(".qm")
        assert qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime - 1, (
            f"{qm.name} is older than {ts.name}: run pyside6-lrelease"
        )


def _messages(path: Path) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            text = (
                ""
                if translation is None or translation.get("type") == "unfinished"
                else (translation.text or "")
            )
            out[(name, message.findtext("source") or "")] = text
    return out
