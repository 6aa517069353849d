"""Languages: Vietnamese by default, English by setting; font and stylesheet.

Our own `.qm` files (built from resources/translations/*.ts) carry every string of the program
and also Qt's standard button texts: Qt ships no Vietnamese catalogue, so without these a
Vietnamese cashier would read "Cancel" on every dialog. The strings below exist only so
pyside6-lupdate puts them into our `.ts` files under Qt's own context names.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
FONT_FAMILY = "DejaVu Sans"  # has every Vietnamese diacritic; the fallback font may not

QT_STANDARD_TEXTS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
)

_installed: list[QTranslator] = []


def settings() -> QSettings:
    return QSettings("LoyaltyPOS", "loyalty-pos")


def saved_language() -> str:
    value = settings().value("ui/language", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(lang: str) -> None:
    settings().setValue("ui/language", lang)


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Swap the program's translator; Qt sends LanguageChange to every widget."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    ok = translator.load(str(TRANSLATIONS / f"loyalty_{lang}.qm"))
    if ok:
        app.installTranslator(translator)
        _installed.append(translator)
    app.setProperty("loyalty_language", lang)
    return ok


def current_language() -> str:
    app = QCoreApplication.instance()
    value = app.property("loyalty_language") if app is not None else None
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def font_points(screen_height: int) -> int:
    """12 pt on a 768-line screen (1024x768, 1366x768), growing with the screen up to 16 pt
    on 1080 lines and more: text read from a step back stays the same size on the glass."""
    return max(11, min(18, round(12 * screen_height / 768)))


def apply_look(app: QApplication, screen_height: int = 768) -> None:
    """Explicit font (diacritics must never fall back to boxes) and the shop stylesheet."""
    font = QFont(FONT_FAMILY)
    points = font_points(screen_height)
    font.setPointSize(points)
    app.setFont(font)
    qss = RESOURCES / "style.qss"
    if qss.exists():
        # The stylesheet is written for 12 pt; its sizes scale with the screen like the font.
        text = qss.read_text(encoding="utf-8")
        text = re.sub(r"(\d+)pt", lambda m: f"{round(int(m.group(1)) * points / 12)}pt", text)
        app.setStyleSheet(text)
