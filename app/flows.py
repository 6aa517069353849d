"""Counter operations after the sale: refund, rewards, lost-card replacement, paid membership.

Built on `OperationDialog` like the sale: the operation id is made when the dialog opens, every
Confirm and every retry after a supervisor approved reuses it, and the work runs on the runner.
Lists to choose from (recent sales, rewards in stock, membership plans) are read with a QueryOp
after the dialog is shown, so it opens at once.

Over 400 lines since the rewards confirmation (issue 14): the four dialogs share `_who`,
`_line` and `_local`; RewardsDialog is the next to get a module of its own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.context import AppContext
from app.dialogs import ChipRow, OperationDialog
from app.messages import kind_text
from app.money import format_points, format_vnd, multiplier_text, percent_text
from app.operations import cards, refunds, rewards, sales
from app.receiptsearch import ReceiptSearch
from app.runner import BackgroundOp
from app.widgets import TOUCH_HEIGHT, AmountEdit


def _who(view: dict[str, Any]) -> str:
    who = (view.get("member") or {}).get("name") or kind_text(view.get("kind"))
    return f"{who}  {view.get('masked', '')}"


def _line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMinimumHeight(TOUCH_HEIGHT - 8)
    return edit


def _local(iso: str | None) -> str:
    from app.zreport import _local_time

    return _local_time(iso)


class RefundDialog(OperationDialog):
    """Refund or void a past sale: the customer's recent sales, or this shift's without a card.

    Full refund by default; untick it to refund part of the bill. The engine decides what goes
    back on the card (points, stored value) and what is paid back over the counter.
    """

    def __init__(
        self, ctx: AppContext, view: dict[str, Any] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("Refund a sale"), parent)
        self.setMinimumWidth(720)
        self.view = view
        self.card_number: str | None = view["number"] if view else None
        self.sales: list[dict[str, Any]] = []
        self.loaded = False
        source = _who(view) if view else self.tr("Sales of this shift")
        self.form.addRow(self.tr("Sales of"), QLabel(source))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("refundSales")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Card"),
                self.tr("Paid"),
                self.tr("Refundable"),
                self.tr("Receipt no."),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(200)
        self.table.itemSelectionChanged.connect(self._selected)
        self.box.insertWidget(1, self.table)  # pick the sale first, then how much
        self.full = QCheckBox(self.tr("Refund everything that is left of the sale"))
        self.full.setObjectName("refundFull")
        self.full.setChecked(True)
        self.full.toggled.connect(lambda on: self.amount.setEnabled(not on))
        self.form.addRow("", self.full)
        self.amount = AmountEdit()
        self.amount.setObjectName("refundAmount")
        self.amount.setEnabled(False)
        self.form.addRow(self.tr("Amount to refund"), self.amount)
        self.reason = _line("refundReason")
        self.reason.setPlaceholderText(self.tr("e.g. goods returned, wrong amount"))
        self.form.addRow(self.tr("Reason"), self.reason)
        self.summary_row("refundable", self.tr("Left to refund"))
        # The cashier picks the sale with the arrows, Enter goes to the reason, Enter refunds.
        self.search = ReceiptSearch(self)  # by receipt number, typed or scanned (issue 14)
        self.chain = [self.search.edit, self.table, self.amount, self.reason]
        self.table.setFocus()
        shift = None if self.card_number else ctx.state.shift_id
        refunds.refundable_sales(ctx.runner, self.card_number, shift, self._got_sales).failure(
            self._on_failure
        ).run_in_background()

    def _got_sales(self, sales: list[dict[str, Any]]) -> None:
        self.sales = sales
        self.loaded = True
        self.table.setRowCount(len(sales))
        for i, sale in enumerate(sales):
            cells = (
                _local(sale["created_at"]),
                sale.get("masked") or "—",
                format_vnd(int(sale["net"])),
                format_vnd(int(sale["refundable"])),
                str(sale.get("receipt_no") or "—"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if int(sale["refundable"]) <= 0:
                    item.setFlags(Qt.ItemFlag.NoItemFlags)  # fully refunded: shown, not picked
                self.table.setItem(i, col, item)
        if not sales:
            self.message.setText(self.tr("No sales to refund."))
            return
        first = next((i for i, s in enumerate(sales) if int(s["refundable"]) > 0), None)
        if first is not None:
            self.table.selectRow(first)
        self.table.setFocus()

    def selected_sale(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.sales[rows[0].row()] if rows else None

    def select_sale(self, sale_id: str) -> None:
        for i, sale in enumerate(self.sales):
            if sale["sale_id"] == sale_id:
                self.table.selectRow(i)

    def _selected(self) -> None:
        sale = self.selected_sale()
        self._summary_rows["refundable"].setText(
            format_vnd(int(sale["refundable"])) if sale else "—"
        )

    def refund_amount(self) -> int | None:
        """None means everything that is left (the engine takes exactly the rest)."""
        return None if self.full.isChecked() else self.amount.amount()

    def validate(self) -> str | None:
        if self.selected_sale() is None:
            return self.tr("Choose the sale to refund.")
        if not self.full.isChecked() and not self.amount.amount():
            return self.tr("Type the amount to refund.")
        if not self.reason.text().strip():
            return self.tr("Type the reason for the refund.")
        return None

    def approval_details(self) -> dict[str, Any]:
        sale = self.selected_sale() or {}
        return {"sale_id": sale.get("sale_id"), "card": sale.get("masked")}

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        sale = self.selected_sale()
        assert sale is not None
        cashier = self.ctx.state.cashier
        request = refunds.RefundRequest(
            operation_id=self.operation_id,
            cashier_id=cashier.id if cashier else None,
            sale_id=sale["sale_id"],
            amount=self.refund_amount(),
            reason=self.reason.text(),
            shift_id=self.ctx.state.shift_id,
        )
        # Only a sale of the card on the panel is known by number; others refresh nothing.
        number = self.card_number if sale.get("masked") else None
        return refunds.refund(
            self.ctx.runner, request, card_number=number, approval_id=approval_id
        )


class RewardsDialog(OperationDialog):
    """The rewards catalog: only rewards in stock here; those the points do not cover are
    shown greyed so the customer sees what to aim for."""

    def __init__(self, ctx: AppContext, view: dict[str, Any], parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Redeem a reward"), parent)
        self.view = view
        self.card_number = view["number"]
        self.rewards: list[dict[str, Any]] = []
        self.loaded = False
        self.form.addRow(self.tr("Card"), QLabel(_who(view)))
        points = int(view.get("balances", {}).get("points", 0))
        self.form.addRow(self.tr("Points"), QLabel(format_points(points)))
        self.list = QListWidget()
        self.list.setObjectName("rewardList")
        self.list.setMinimumHeight(220)
        self.list.itemDoubleClicked.connect(lambda _i: self.confirm())
        self.list.currentRowChanged.connect(lambda _r: self._disarm())
        self.box.insertWidget(2, self.list)
        self.list.setFocus()  # the arrow keys walk the catalog from the start
        self.armed: str | None = None  # the reward the cashier was asked to confirm
        rewards.rewards_available(ctx.runner, self.card_number, self._got_rewards).failure(
            self._on_failure
        ).run_in_background()

    def _got_rewards(self, rewards: list[dict[str, Any]]) -> None:
        self.rewards = rewards
        self.loaded = True
        self.list.clear()
        for reward in rewards:
            text = self.tr("{name} — {points} points (in stock: {stock})").format(
                name=reward["name"],
                points=format_points(int(reward["points_cost"])),
                stock=reward["stock"],
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, reward["code"])
            item.setSizeHint(QSize(0, TOUCH_HEIGHT - 12))  # a finger-sized row
            if not reward["affordable"]:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        if not rewards:
            self.message.setText(self.tr("No rewards in stock at this shop."))
            return
        first = next((i for i, r in enumerate(rewards) if r["affordable"]), None)
        if first is None:
            self.message.setText(self.tr("The card does not have enough points for a reward."))
        else:
            self.list.setCurrentRow(first)
        self.list.setFocus()

    def _disarm(self) -> None:
        if self.armed is not None and not self._submitting:
            self.armed = None
            self.confirm_button.set_label(self.tr("Confirm"))
            self.message.clear()

    def confirm(self) -> None:
        """Points are spent only on a second, deliberate Enter (or F10) for the same reward."""
        code = self.selected_code()
        if code is not None and self.armed != code and not self._submitting:
            reward = next((r for r in self.rewards if r["code"] == code), {})
            self.armed = code
            self.confirm_button.set_label(self.tr("Redeem"))
            self.set_message(
                self.tr("Redeem {name} for {points} points? Enter to confirm, Esc to cancel.").format(
                    name=reward.get("name", code),
                    points=format_points(int(reward.get("points_cost", 0))),
                ),
                error=False,
            )
            return
        super().confirm()

    def selected_code(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)

    def validate(self) -> str | None:
        return None if self.selected_code() else self.tr("Choose a reward.")

    def approval_details(self) -> dict[str, Any]:
        code = self.selected_code()
        reward = next((r for r in self.rewards if r["code"] == code), {})
        return {"reward": code, "points": reward.get("points_cost", 0), "card": self.view["masked"]}

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        cashier, code = self.ctx.state.cashier, self.selected_code()
        assert code is not None
        approvals = dict(self.flow.approvals) if getattr(self, "flow", None) else {}
        offline_override, engine_approval = sales.split_approvals(approvals, approval_id)
        return rewards.redeem_reward(
            self.ctx.runner,
            self.operation_id,
            cashier.id if cashier else None,
            self.card_number,
            code,
            approval_id=engine_approval,
            guard=self.ctx.sv_guard,
            card_id=self.view.get("card_id"),
            offline_override=offline_override,
        )


class ReplaceCardDialog(OperationDialog):
    """A lost or damaged card: block it and move balances, point lots and the owner to a new
    card — a blank card presented on the reader, or a new number printed later."""

    def __init__(self, ctx: AppContext, view: dict[str, Any], parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Replace lost card"), parent)
        self.view = view
        self.card_number = view["number"]
        self.form.addRow(self.tr("Old card"), QLabel(_who(view)))
        balances = view.get("balances", {})
        self.form.addRow(
            self.tr("Moves to the new card"),
            QLabel(
                self.tr("{points} points, {amount} stored value").format(
                    points=format_points(int(balances.get("points", 0))),
                    amount=format_vnd(int(balances.get("stored_value", 0))),
                )
            ),
        )
        self.reason = _line("replaceReason")
        self.reason.setPlaceholderText(self.tr("e.g. card lost, card damaged"))
        self.form.addRow(self.tr("Reason"), self.reason)
        self.number = _line("replaceNumber")
        self.number.setPlaceholderText(
            self.tr("Present the new card, or leave empty for a new one")
        )
        self.form.addRow(self.tr("New card"), self.number)
        self.chip = ChipRow()
        self.form.addRow(self.tr("Chip card"), self.chip)
        self.reason.setFocus()

    def _card_presented(self, number: str) -> None:
        if not self.chip.take(number):
            self.number.setText(number)

    def validate(self) -> str | None:
        return None if self.reason.text().strip() else self.tr("Type why the card is replaced.")

    def approval_details(self) -> dict[str, Any]:
        return {"card": self.view.get("masked"), "reason": self.reason.text().strip()}

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        cashier = self.ctx.state.cashier
        new = "".join(ch for ch in self.number.text() if ch.isdigit()) or None
        return cards.replace_card(
            self.ctx.runner,
            self.operation_id,
            cashier.id if cashier else None,
            self.card_number,
            self.reason.text(),
            new,
            approval_id=approval_id,
            new_uid=self.chip.uid,
        )


class MembershipDialog(OperationDialog):
    """Buy or renew a paid membership, paid in cash; a renewal extends the current term."""

    def __init__(self, ctx: AppContext, view: dict[str, Any], parent: QWidget | None = None):
        super().__init__(ctx, self.tr("Paid membership"), parent)
        self.view = view
        self.card_number = view["number"]
        self.plans: list[dict[str, Any]] = []
        self.loaded = False
        self.form.addRow(self.tr("Member"), QLabel(_who(view)))
        current = view.get("membership")
        self.form.addRow(
            self.tr("Now"), QLabel(membership_text(current) if current else self.tr("None"))
        )
        self.plan = QComboBox()
        self.plan.setObjectName("membershipPlan")
        self.plan.setMinimumHeight(TOUCH_HEIGHT - 8)
        self.plan.currentIndexChanged.connect(lambda _i: self._show_plan())
        self.form.addRow(self.tr("Plan"), self.plan)
        self.summary_row("fee", self.tr("Fee (cash)"))
        self.summary_row("term", self.tr("Term"))
        self.summary_row("benefits", self.tr("Benefits"))
        rewards.membership_plans(ctx.runner, self._got_plans).failure(
            self._on_failure
        ).run_in_background()

    def _got_plans(self, plans: list[dict[str, Any]]) -> None:
        self.plans = plans
        self.loaded = True
        self.plan.clear()
        for plan in plans:
            self.plan.addItem(plan["name"], plan["code"])
        current = (self.view.get("membership") or {}).get("code")
        if current and self.plan.findData(current) >= 0:
            self.plan.setCurrentIndex(self.plan.findData(current))
        if not plans:
            self.message.setText(self.tr("No membership plans are offered."))
        self._show_plan()

    def selected_plan(self) -> dict[str, Any] | None:
        code = self.plan.currentData()
        return next((p for p in self.plans if p["code"] == code), None)

    def _show_plan(self) -> None:
        plan = self.selected_plan()
        if plan is None:
            for label in self._summary_rows.values():
                label.setText("—")
            return
        self._summary_rows["fee"].setText(format_vnd(int(plan["fee"])))
        self._summary_rows["term"].setText(self.tr("{days} days").format(days=plan["term_days"]))
        parts = []
        if plan.get("discount_bp"):
            parts.append(
                self.tr("{pct}% discount").format(pct=percent_text(int(plan["discount_bp"])))
            )
        if int(plan.get("earn_multiplier_pct") or 100) != 100:
            parts.append(
                self.tr("points {mult}").format(
                    mult=multiplier_text(int(plan["earn_multiplier_pct"]))
                )
            )
        self._summary_rows["benefits"].setText(", ".join(parts) or "—")

    def validate(self) -> str | None:
        return None if self.selected_plan() else self.tr("Choose a membership plan.")

    def make_op(self, approval_id: str | None) -> BackgroundOp[Any]:
        cashier, plan = self.ctx.state.cashier, self.selected_plan()
        assert plan is not None
        return rewards.buy_membership(
            self.ctx.runner,
            self.operation_id,
            cashier.id if cashier else None,
            self.card_number,
            plan["code"],
            shift_id=self.ctx.state.shift_id,
        )


def membership_text(membership: dict[str, Any]) -> str:
    from PySide6.QtCore import QCoreApplication

    if membership.get("active"):
        return QCoreApplication.translate("Counter", "{plan}, active until {date}").format(
            plan=membership["plan"], date=membership["ends_on"]
        )
    return QCoreApplication.translate("Counter", "{plan}, expired on {date}").format(
        plan=membership["plan"], date=membership["ends_on"]
    )
