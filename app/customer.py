"""The customer panel: who is at the counter, in one glance.

Fed by `Loyalty.customer_view(number)`; it shows the refusal (blocked, expired...) in words
above everything else, because that is what the cashier must act on first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.messages import kind_text, refusal_text, status_text
from app.money import format_points, format_vnd


class CustomerPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self.view: dict[str, Any] | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(10)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        box.addWidget(self.refusal)
        head = QHBoxLayout()
        self.name = QLabel()
        self.name.setObjectName("customerName")
        self.name.setWordWrap(True)
        head.addWidget(self.name, 1)
        self.birthday = QLabel(self.tr("Birthday!"))
        self.birthday.setObjectName("birthdayBadge")
        self.birthday.hide()
        head.addWidget(self.birthday, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(head)
        self.tier = QLabel()
        self.tier.setObjectName("tierLine")
        box.addWidget(self.tier)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        box.addWidget(self.progress)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("subtle")
        box.addWidget(self.progress_text)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        self._fields: dict[str, QLabel] = {}
        self._captions: list[QLabel] = []
        rows = (
            ("points", self.tr("Points")),
            ("expiring", self.tr("Expiring within 30 days")),
            ("stored_value", self.tr("Stored value")),
            ("card", self.tr("Card")),
            ("status", self.tr("Status")),
        )
        for i, (key, caption) in enumerate(rows):
            cap = QLabel(caption)
            cap.setObjectName("caption")
            value = QLabel()
            value.setObjectName(f"value_{key}")
            value.setProperty("role", "value")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._captions.append(cap)
            grid.addWidget(cap, i, 0)
            grid.addWidget(value, i, 1)
            self._fields[key] = value
        box.addLayout(grid)
        box.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("panelMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.message)
        self.clear()

    def field_text(self, key: str) -> str:
        return self._fields[key].text()

    def _details_visible(self, visible: bool) -> None:
        for w in (self.name, self.tier, self.progress, self.progress_text, *self._captions):
            w.setVisible(visible)
        for label in self._fields.values():
            label.setVisible(visible)

    def clear(self) -> None:
        self.view = None
        self.refusal.hide()
        self.birthday.hide()
        self._details_visible(False)
        self.message.setText(
            self.tr("Present a card, or type a card number or phone number above.")
        )
        self.message.show()

    def show_message(self, text: str) -> None:
        """A card that could not be shown at all (unknown, not ours, unreadable)."""
        self.clear()
        self.refusal.setText(text)
        self.refusal.show()
        self.message.hide()

    def show_view(self, view: dict[str, Any]) -> None:
        self.view = view
        self.message.hide()
        self._details_visible(True)
        member = view.get("member")
        balances = view.get("balances", {})
        refusal = view.get("refusal")
        if refusal:
            self.refusal.setText(refusal_text(refusal["code"], refusal.get("params")))
            self.refusal.show()
        else:
            self.refusal.hide()
        if member:
            self.name.setText(member["name"])
            self.birthday.setVisible(bool(member.get("birthday_soon")))
            tier = member.get("tier") or "—"
            discount = member.get("discount_bp") or 0
            tier_text = self.tr("Tier: {tier}").format(tier=tier)
            if discount:
                tier_text += "  ·  " + self.tr("{pct}% discount").format(pct=_percent(discount))
            self.tier.setText(tier_text)
            nxt = member.get("next_tier")
            spend = int(member.get("qualifying_spend") or 0)
            needs = int(member.get("next_tier_needs") or 0)
            if nxt:
                self.progress.setRange(0, 1000)
                total = spend + needs
                self.progress.setValue(1000 if total == 0 else spend * 1000 // total)
                self.progress_text.setText(
                    self.tr("{amount} more to reach {tier}").format(
                        amount=format_vnd(needs), tier=nxt
                    )
                )
            else:
                self.progress.setRange(0, 1)
                self.progress.setValue(1)
                self.progress_text.setText(self.tr("Highest tier"))
        else:
            self.name.setText(kind_text(view.get("kind")))
            self.birthday.hide()
            self.tier.setText(self.tr("No member on this card"))
            self.progress.hide()
            self.progress_text.hide()
        kind = view.get("kind")
        has_points = kind in ("member", "combined", "discount")
        has_sv = kind in ("gift", "prepaid", "combined")
        self._fields["points"].setText(
            format_points(int(balances.get("points", 0))) if has_points else "—"
        )
        expiring = int(view.get("points_expiring") or 0)
        self._fields["expiring"].setText(
            self.tr("{points} points").format(points=format_points(expiring)) if has_points else "—"
        )
        self._fields["expiring"].setProperty("warn", bool(expiring))
        self._fields["stored_value"].setText(
            format_vnd(int(balances.get("stored_value", 0))) if has_sv else "—"
        )
        self._fields["card"].setText(f"{kind_text(kind)}  {view.get('masked', '')}")
        status = status_text(view.get("status"))
        if view.get("expires_on"):
            status += "  ·  " + self.tr("valid until {date}").format(date=view["expires_on"])
        self._fields["status"].setText(status)
        for label in self._fields.values():
            label.style().polish(label)


def _percent(bp: int) -> str:
    """Basis points as a percentage without floats: 250 -> "2,5" in Vietnamese style."""
    whole, frac = divmod(bp, 100)
    return str(whole) if frac == 0 else f"{whole},{frac:02d}".rstrip("0")
