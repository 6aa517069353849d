"""Finding a member at the counter by name or by the last digits of their phone (issue 14).

Keyboard first: Shift+F6 (or a name typed in the counter's search field, then Enter) opens it;
typing searches as the cashier types (`Loyalty.search_members`: the start of the name without
accents, or 6+ last digits of a phone); the arrows walk the members, each member's cards show
beside them (usable ones first, blocked and closed ones last, kind and status in words); Enter
on a member with one card opens it, otherwise Enter moves to the cards and Enter opens the one
chosen. Esc closes and changes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import error_text, kind_text, status_text
from app.operations import members
from app.widgets import TOUCH_HEIGHT, ActionButton, alive

TYPING_PAUSE_MS = 250  # search once the cashier pauses, not on every key
MIN_LETTERS = 2
MIN_DIGITS = 6


def searchable(text: str) -> bool:
    """Enough to search: two letters of a name, or six digits of a phone."""
    digits = sum(ch.isdigit() for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    return letters >= MIN_LETTERS or (letters == 0 and digits >= MIN_DIGITS)


def card_line(card: dict[str, Any]) -> str:
    return f"{card['masked']}\n{kind_text(card['kind'])}, {status_text(card['status'])}"


class MemberSearchDialog(QDialog):
    card_chosen = Signal(str)  # the whole number of the card the cashier opened

    def __init__(self, ctx: AppContext, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.results: list[dict[str, Any]] = []
        self.cards: list[dict[str, Any]] = []
        self.cards_of: str | None = None  # the member whose cards are listed
        self.searched: str | None = None  # the text the results are for
        self.setWindowTitle(self.tr("Find a member"))
        self.setMinimumSize(900, 520)  # fits a 1024×768 screen with the lists' two-line rows
        box = QVBoxLayout(self)
        title = QLabel(self.tr("Find a member"))
        title.setObjectName("dialogTitle")
        box.addWidget(title)
        self.text = QLineEdit(text)
        self.text.setObjectName("searchText")
        self.text.setMinimumHeight(TOUCH_HEIGHT)
        self.text.setPlaceholderText(
            self.tr("Name (accents optional) or the last 6 digits of the phone")
        )
        box.addWidget(self.text)
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        caption = QLabel(self.tr("Members"))
        caption.setObjectName("caption")
        left.addWidget(caption)
        self.list = QListWidget()
        self.list.setObjectName("searchResults")
        left.addWidget(self.list, 1)
        caption = QLabel(self.tr("Cards of the member"))
        caption.setObjectName("caption")
        right.addWidget(caption)
        self.card_list = QListWidget()
        self.card_list.setObjectName("searchCards")
        right.addWidget(self.card_list, 1)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)
        box.addLayout(lists, 1)
        self.message = QLabel()
        self.message.setObjectName("subtle")
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        row = QHBoxLayout()
        self.back_button = ActionButton(self.tr("Back"), "Esc")
        self.back_button.clicked.connect(self.reject)
        self.open_button = ActionButton(self.tr("Open card"), "Return")
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.enter)
        row.addWidget(self.back_button)
        row.addWidget(self.open_button)
        box.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.search)
        self.text.textChanged.connect(lambda _t: self.timer.start())
        self.list.currentRowChanged.connect(self._member_highlighted)
        # Enter is handled once, here (the line edit and the lists pass it on to the dialog as
        # well, so connecting their returnPressed/activated would act twice); a double click
        # is the mouse's Enter.
        self.list.itemDoubleClicked.connect(lambda _i: self.enter())
        self.card_list.itemDoubleClicked.connect(lambda _i: self._open_current_card())
        # Down from the text goes to the members, Up from the first member back to the text.
        self.text.installEventFilter(self)
        self.list.installEventFilter(self)
        self.card_list.installEventFilter(self)
        self.text.setFocus()
        self._hint()
        if text:
            self.search()

    # -- keys

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.text and key == Qt.Key.Key_Down and self.list.count():
                self.list.setFocus()
                if self.list.currentRow() < 0:
                    self.list.setCurrentRow(0)
                return True
            if obj is self.list and key == Qt.Key.Key_Up and self.list.currentRow() <= 0:
                self.text.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enter()
                return True
            if obj is self.list and key == Qt.Key.Key_Right and self.card_list.count():
                self.card_list.setFocus()
                self.card_list.setCurrentRow(max(0, self.card_list.currentRow()))
                return True
            if obj is self.card_list and key == Qt.Key.Key_Left:
                self.list.setFocus()
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        # Enter is ours (see the event filter); QDialog would press a default button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
            return
        super().keyPressEvent(event)

    def enter(self) -> None:
        """Enter: search now, or choose the member, or open the card."""
        if self.card_list.hasFocus():
            self._open_current_card()
            return
        if self.searched != self.text.text().strip():
            self.timer.stop()
            self.search()
            return
        if not self.results:
            return
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        member = self.results[self.list.currentRow()]
        if self.cards_of != member["id"]:
            self._want_open = member["id"]  # open (or move to the cards) once they are here
            return
        self._member_chosen()

    def _member_chosen(self) -> None:
        if len(self.cards) == 1:
            self._choose(self.cards[0])
        elif self.cards:
            self.card_list.setFocus()
            self.card_list.setCurrentRow(0)
        else:
            self._say(self.tr("This member has no card."))

    def _open_current_card(self) -> None:
        row = self.card_list.currentRow()
        if 0 <= row < len(self.cards):
            self._choose(self.cards[row])

    def _choose(self, card: dict[str, Any]) -> None:
        self.card_chosen.emit(card["number"])
        self.accept()

    # -- searching

    def _hint(self) -> None:
        self._say(self.tr("Type at least 2 letters of the name or 6 digits of the phone."))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def search(self) -> None:
        text = self.text.text().strip()
        if not searchable(text):
            self.searched = None
            self._show([], text)
            self._hint()
            return
        members.search_members(
            self.ctx.runner, text, lambda rows, t=text: self._show(rows, t)
        ).failure(self._failed).run_in_background()

    def _show(self, rows: list[dict[str, Any]], text: str) -> None:
        if not alive(self) or text != self.text.text().strip():
            return  # the answer to an older text: a newer search is on its way
        self.searched = text if searchable(text) else None
        self.results = rows
        self.list.blockSignals(True)
        self.list.clear()
        for member in rows:
            item = QListWidgetItem(self._member_line(member))
            item.setSizeHint(QSize(0, TOUCH_HEIGHT + 8))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.card_list.clear()
        self.cards, self.cards_of = [], None
        if rows:
            self._say(self.tr("{count} found: arrows to choose, Enter to open.").format(
                count=len(rows)
            ))
            self.list.setCurrentRow(0)
        elif self.searched:
            self._say(self.tr("No member found."))

    def _member_line(self, member: dict[str, Any]) -> str:
        """Two lines: the name, then phone, tier and how many cards."""
        parts = []
        if member.get("phone"):
            parts.append(member["phone"])
        if member.get("tier"):
            parts.append(member["tier"])
        count = len(member.get("cards", []))
        parts.append(self.tr("cards: {count}").format(count=count))
        return member["name"] + "\n" + " · ".join(parts)

    def _member_highlighted(self, row: int) -> None:
        if not 0 <= row < len(self.results):
            return
        member_id = self.results[row]["id"]
        members.member_cards(
            self.ctx.runner, member_id, lambda cards, m=member_id: self._cards_ready(m, cards)
        ).failure(self._failed).run_in_background()

    def _cards_ready(self, member_id: str, cards: list[dict[str, Any]]) -> None:
        if not alive(self):
            return
        row = self.list.currentRow()
        if not 0 <= row < len(self.results) or self.results[row]["id"] != member_id:
            return  # the cashier has moved on to another member
        self.cards, self.cards_of = cards, member_id
        self.card_list.clear()
        for card in cards:
            item = QListWidgetItem(card_line(card))
            item.setSizeHint(QSize(0, TOUCH_HEIGHT + 8))
            self.card_list.addItem(item)
        if getattr(self, "_want_open", None) == member_id:
            self._want_open = None
            self._member_chosen()

    def _failed(self, exc: BaseException) -> None:
        if alive(self):
            self._say(error_text(exc))
