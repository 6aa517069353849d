"""Small widgets shared by the screens: big touch buttons that carry their own shortcut."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.money import format_vnd, group_thousands, parse_amount


def alive(widget: QWidget) -> bool:
    """False once Qt has deleted the widget: a background answer can arrive after its dialog
    was closed and deleted, and must then be dropped rather than touch dead widgets."""
    import shiboken6

    return bool(shiboken6.isValid(widget))

TOUCH_HEIGHT = 56  # about 15 mm on a 96 dpi counter screen: a finger hits it every time


class ActionButton(QPushButton):
    """A button that shows its function key and answers it from anywhere in its window.

    The key is part of the label because cashiers learn the keys from the buttons they tap.
    """

    def __init__(self, text: str, key: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setMinimumHeight(TOUCH_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # In a dialog Qt makes every button "auto-default": Enter then presses whichever has
        # focus (Cancel, Add line...). Enter is ours to route: dialogs say what it does.
        self.setAutoDefault(False)
        self.setProperty("role", "action")
        if key == "Return":
            # Enter belongs to the field being typed in (returnPressed); only show it.
            self.key = "Enter"
        elif key:
            self.shortcut_obj = QShortcut(QKeySequence(key), self)
            self.shortcut_obj.setContext(Qt.ShortcutContext.WindowShortcut)
            self.shortcut_obj.activated.connect(self._on_key)
        self.set_label(text)

    def set_label(self, text: str) -> None:
        self.setText(f"{text}\n{self.key}" if self.key else text)

    def _on_key(self) -> None:
        if self.isEnabled() and self.isVisible():
            self.click()


class AmountEdit(QLineEdit):
    """Types an amount in đồng; shows what it understood right beside it (`1.250.000 ₫`)."""

    amount_changed = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.textChanged.connect(lambda _t: self.amount_changed.emit(self.amount()))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        """A prefilled amount (exact cash, the float's 0) is replaced by what is typed next,
        never appended to: select it whenever the field gets the keyboard."""
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.selectAll()

    def amount(self) -> int | None:
        return parse_amount(self.text())

    def set_amount(self, value: int) -> None:
        self.setText(group_thousands(value))  # as the cashier reads money: 987.500


def money_label(value: int, parent: QWidget | None = None) -> QLabel:
    label = QLabel(format_vnd(value), parent)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


class PointsEdit(QLineEdit):
    """Whole points typed like an amount (`1.500`). What is typed is what is asked for: more
    than the card holds is refused by the engine in words, never silently lowered here.

    A plain line edit rather than a spin box: arrow buttons are too small for fingers and
    styled spin boxes clip their text on some platforms.
    """

    valueChanged = Signal(int)  # noqa: N815 - same name as QSpinBox's signal

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._maximum = 0
        self.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.setText("0")
        self.textEdited.connect(lambda _t: self.valueChanged.emit(self.value()))

    def maximum(self) -> int:
        return self._maximum

    def setMaximum(self, value: int) -> None:  # noqa: N802 - same name as QSpinBox's
        self._maximum = max(0, value)

    def value(self) -> int:
        return parse_amount(self.text()) or 0

    def setValue(self, value: int) -> None:  # noqa: N802 - same name as QSpinBox's
        value = max(0, min(value, self._maximum))
        self.setText(str(value))
        self.valueChanged.emit(value)


class NoticeBar(QFrame):
    """A message the cashier must read (a replacement card's number, a refusal): it stays
    until OK (or Esc) is pressed, unlike the status bar's messages that fade after seconds."""

    def __init__(self, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        self.ok_button = ActionButton(ok_text, "Esc")
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok_button.clicked.connect(self.dismiss)
        row.addWidget(self.ok_button)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.label.clear()
        self.hide()


def supervisor_fields(box: QVBoxLayout, name: str) -> tuple[QLineEdit, QLineEdit, QLabel]:
    """The supervisor's code, PIN, the staff-card hint and a message line, as every dialog that
    asks a supervisor shows them (approval, the prompt before closing a shift or settings).

    `name` prefixes the fields' object names (`<name>Code`, `<name>Pin`): tests and the X
    session find them by those.
    """
    form = QFormLayout()
    code = QLineEdit()
    code.setObjectName(f"{name}Code")
    code.setMinimumHeight(TOUCH_HEIGHT - 8)
    pin = QLineEdit()
    pin.setObjectName(f"{name}Pin")
    pin.setEchoMode(QLineEdit.EchoMode.Password)
    pin.setMinimumHeight(TOUCH_HEIGHT - 8)
    form.addRow(QCoreApplication.translate("SupervisorFields", "Supervisor code"), code)
    form.addRow(QCoreApplication.translate("SupervisorFields", "PIN"), pin)
    box.addLayout(form)
    hint = QLabel(
        QCoreApplication.translate(
            "SupervisorFields", "…or the supervisor presents their staff card."
        )
    )
    hint.setObjectName("subtle")
    box.addWidget(hint)
    message = QLabel()
    message.setObjectName("error")
    message.setWordWrap(True)
    box.addWidget(message)
    return code, pin, message
