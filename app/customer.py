"""The customer panel: who is at the counter, in one glance.

Fed by `Loyalty.customer_view(number)`; it shows the refusal (blocked, expired...) in words
above everything else, because that is what the cashier must act on first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.messages import discount_source_text, kind_text, refusal_text, status_text
from app.money import format_points, format_vnd, multiplier_text
from app.money import percent_text as _percent


class CustomerPanel(QFrame):
    voucher_chosen = Signal(str)  # a voucher code the cashier tapped
    why_tier_requested = Signal()

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
        tier_row = QHBoxLayout()
        self.tier = QLabel()
        self.tier.setObjectName("tierLine")
        tier_row.addWidget(self.tier, 1)
        self.why_tier = QPushButton(self.tr("Why this tier?"))
        self.why_tier.setObjectName("whyTier")
        self.why_tier.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.why_tier.clicked.connect(self.why_tier_requested.emit)
        tier_row.addWidget(self.why_tier)
        box.addLayout(tier_row)
        self.tier_why = QLabel()
        self.tier_why.setObjectName("subtle")
        self.tier_why.setWordWrap(True)
        box.addWidget(self.tier_why)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        box.addWidget(self.progress)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("subtle")
        box.addWidget(self.progress_text)
        self.offers = QLabel()
        self.offers.setObjectName("offers")
        self.offers.setWordWrap(True)
        box.addWidget(self.offers)
        self.discount_card = QLabel()
        self.discount_card.setObjectName("discountCard")
        self.discount_card.setWordWrap(True)
        box.addWidget(self.discount_card)
        self.membership = QLabel()
        self.membership.setObjectName("membership")
        box.addWidget(self.membership)
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
            # A long value (status and validity, a plan's name) wraps at 1024 px instead of
            # being cut off at the panel's edge.
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._captions.append(cap)
            grid.addWidget(cap, i, 0)
            grid.addWidget(value, i, 1)
            self._fields[key] = value
        box.addLayout(grid)
        vrow = QHBoxLayout()
        self.vouchers_caption = QLabel(self.tr("Vouchers"))
        self.vouchers_caption.setObjectName("caption")
        vrow.addWidget(self.vouchers_caption)
        self.voucher_row = QHBoxLayout()
        vrow.addLayout(self.voucher_row)
        vrow.addStretch(1)
        box.addLayout(vrow)
        self.voucher_buttons: list[QPushButton] = []
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

    def _extras_hidden(self) -> None:
        for w in (
            self.why_tier,
            self.tier_why,
            self.offers,
            self.discount_card,
            self.membership,
            self.vouchers_caption,
        ):
            w.hide()
        self.show_vouchers([])

    def clear(self) -> None:
        self.view = None
        self.refusal.hide()
        self.birthday.hide()
        self._extras_hidden()
        self._details_visible(False)
        self.message.setText(
            self.tr("Present a card, or type a card number or phone number above.")
        )
        self.message.show()

    def show_note(self, text: str) -> None:
        """News for the cashier between customers (a sale done): grey, not a refusal."""
        self.clear()
        self.message.setText(text)

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
        self._extras_hidden()
        member = view.get("member")
        balances = view.get("balances", {})
        refusal = view.get("refusal")
        if refusal:
            self.refusal.setText(refusal_text(refusal["code"], refusal.get("params")))
            self.refusal.show()
        else:
            self.refusal.hide()
        if member:
            if member.get("withheld"):
                # another store's member not seen here, head office unreachable: no details
                self.name.setText(self.tr("Member of another store (details need head office)"))
            else:
                self.name.setText(member["name"])
            self.birthday.setVisible(bool(member.get("birthday_soon")))
            tier = member.get("tier") or "—"
            discount = member.get("discount_bp") or 0
            tier_text = self.tr("Tier: {tier}").format(tier=tier)
            if discount:
                tier_text += "  ·  " + self.tr("{pct}% discount").format(pct=_percent(discount))
            self.tier.setText(tier_text)
            self.why_tier.setVisible(bool(member.get("tier")))
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
        can = view.get("capabilities") or {}
        has_points, has_sv = bool(can.get("points")), bool(can.get("stored_value"))
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
        flagged = view.get("flagged")
        if flagged:
            # Head office saw this card overuse something (issue 12): every till shows it.
            status += "  ·  " + self._flag_text(str(flagged))
        self._fields["status"].setText(status)
        self._fields["status"].setProperty("warn", bool(flagged))
        for label in self._fields.values():
            label.style().polish(label)
        self._show_programs(view)

    def _flag_text(self, flagged: str) -> str:
        words = {
            "overdrawn": self.tr("stored value overdrawn"),
            "points": self.tr("points overdrawn"),
            "voucher": self.tr("voucher used more than allowed"),
            "reward": self.tr("reward given beyond stock"),
        }
        reasons = ", ".join(words.get(r, r) for r in flagged.split(",") if r)
        return self.tr("flagged by head office: {reasons}").format(reasons=reasons)

    def _show_programs(self, view: dict[str, Any]) -> None:
        """Offers that apply today, the discount card's progress, the paid membership."""
        offers = []
        can = view.get("capabilities") or {}
        for offer in view.get("offers") or []:
            # A card offered what it cannot earn only confuses the customer at the counter.
            if not can.get("cashback" if offer.get("kind") == "cashback" else "points"):
                continue
            if offer.get("kind") == "cashback":
                extra = self.tr("{pct}% back to the card").format(
                    pct=_percent(int(offer.get("bp", 0)))
                )
            else:
                extra = self.tr("points {mult}").format(
                    mult=multiplier_text(int(offer.get("multiplier_pct", 100)))
                )
            offers.append(f"★ {offer['name']} ({extra})")
        self.offers.setText("\n".join(offers))
        self.offers.setVisible(bool(offers))
        card = view.get("discount_card")
        if card:
            if card.get("unlocked"):
                text = self.tr("Discount card: {pct}% discount unlocked this period").format(
                    pct=_percent(int(card["bp"]))
                )
            else:
                text = self.tr("Discount card: {amount} more to get {pct}% off").format(
                    amount=format_vnd(int(card["remaining"])), pct=_percent(int(card["bp"]))
                )
            self.discount_card.setText(text)
        self.discount_card.setVisible(bool(card))
        membership = view.get("membership")
        if membership:
            if membership.get("active"):
                text = self.tr("{plan}: active until {date}")
            else:
                text = self.tr("{plan}: expired on {date}")
            self.membership.setText(
                text.format(plan=membership["plan"], date=membership["ends_on"])
            )
            self.membership.setProperty("warn", not membership.get("active"))
            self.membership.style().polish(self.membership)
        self.membership.setVisible(bool(membership))
        # The discount that applies is the best of tier, membership and discount card.
        discount = int(view.get("discount_bp") or 0)
        member = view.get("member") or {}
        if discount and view.get("discount_source") not in (None, "tier"):
            tier_text = self.tier.text().split("  ·  ")[0] if member else self.tier.text()
            self.tier.setText(
                tier_text
                + "  ·  "
                + self.tr("{pct}% discount ({source})").format(
                    pct=_percent(discount), source=discount_source_text(view["discount_source"])
                )
            )

    def show_vouchers(self, vouchers: list[dict[str, Any]]) -> None:
        """The customer's valid vouchers as buttons; tapping one starts a sale with it."""
        for button in self.voucher_buttons:
            for shortcut in button.findChildren(QShortcut):
                shortcut.setEnabled(False)  # the new buttons take the same keys at once
            button.deleteLater()
        self.voucher_buttons = []
        for i, voucher in enumerate(vouchers, start=1):
            if voucher["kind"] == "percent":
                value = f"-{_percent(int(voucher['value']))}%"
            else:
                value = "-" + format_vnd(int(voucher["value"]))
            # Alt+1, Alt+2 ...: a voucher is chosen from the keyboard too (issue 14).
            key = f"Alt+{i}" if i <= 9 else ""
            button = QPushButton(f"{voucher['code']}  {value}" + (f"  ({key})" if key else ""))
            button.setObjectName("voucherButton")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if key:
                shortcut = QShortcut(QKeySequence(key), button)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(button.click)
            tip = self.tr("Valid until {date}").format(date=voucher["valid_to"])
            if int(voucher.get("min_spend") or 0):
                tip += "; " + self.tr("minimum spend {amount}").format(
                    amount=format_vnd(int(voucher["min_spend"]))
                )
            button.setToolTip(tip)
            button.clicked.connect(
                lambda _c=False, code=voucher["code"]: self.voucher_chosen.emit(code)
            )
            self.voucher_row.addWidget(button)
            self.voucher_buttons.append(button)
        self.vouchers_caption.setVisible(bool(vouchers))

    def show_tier_explanation(self, data: dict[str, Any]) -> None:
        lines = [
            self.tr("Qualifying spend over the last {days} days: {amount}.").format(
                days=data["window_days"], amount=format_vnd(int(data["qualifying_spend"]))
            )
        ]
        if data.get("keep_needs"):
            lines.append(
                self.tr("{amount} more to keep {tier} at the next review.").format(
                    amount=format_vnd(int(data["keep_needs"])), tier=data["tier"]
                )
            )
        elif data.get("tier"):
            lines.append(self.tr("{tier} is kept at the next review.").format(tier=data["tier"]))
        if data.get("next_tier"):
            lines.append(
                self.tr("{amount} more reaches {tier} at once.").format(
                    amount=format_vnd(int(data["next_needs"] or 0)), tier=data["next_tier"]
                )
            )
        text = " ".join(lines)
        self.tier_why.setText(text)
        self.tier_why.show()
        self.why_tier.setToolTip(text)
