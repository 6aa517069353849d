"""`Loyalty`: the one entry point the till program, the CLI and the tests use.

A thin facade in the manner of Anki's `Collection`: every method hands over to the module of its
domain, which takes the operation plumbing (`operations.Core`) and never imports this facade.

| domain | module |
|---|---|
| operation plumbing, rules lookup | `operations` |
| approvals | `approvals` |
| manual points / stored-value corrections | `adjustments` |
| staff, log-in, shifts | `staffing` |
| cards | `cards` (what each kind can do: `cardkinds`) |
| members | `members` |
| counter panel | `panel` |
| sales (quote, checkout, top-up, gift card) | `sales`, over `pricing` and `snapshot` |
| refunds | `refunds` |
| reports (shift, Z, day) | `reports` |
| tiers (the explanation; chain jobs run at head office) | `tiers` |
| vouchers, rewards, paid membership | `vouchers`, `rewards`, `memberships` |
| program kinds | `programs/` (one file per kind, `programs.REGISTRY`) |
| head office's definitions applied (programs, plans, partners, vouchers) | `definitions` |

Each operation is one atomic transaction, idempotent on its operation id (`Core.run`).

Over 400 lines on purpose: one short delegation per public method, each with the full signature
the app calls, so the whole entry point reads in one place; there is no logic here to split.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from loyalty_core import (
    adjustments,
    approvals,
    cards,
    definitions,
    guard,
    members,
    memberships,
    panel,
    refunds,
    reports,
    rewards,
    sales,
    staffing,
    tiers,
    vouchers,
)
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Core
from loyalty_core.programs import coalition
from loyalty_core.rules import Rules
from loyalty_core.store import Store


class Loyalty:
    """Facade over a till database: every counter operation the program can do."""

    def __init__(self, store: Store, clock: Callable[[], date] | None = None) -> None:
        self.store = store
        self.core = Core(store, clock)

    # ---- rules and set-up -----------------------------------------------------------------

    def current_rules(self, session: Session) -> Rules:
        return self.core.current_rules(session)

    def rules(self) -> Rules:
        return self.core.rules()

    def till_name(self) -> str:
        return self.store.setting("till_name") or "Quầy 1"

    def store_id(self) -> str:
        return rewards.store_id(self.core)

    def apply_definitions(self, objects: list[dict[str, Any]]) -> list[str]:
        """Head office's definitions (programs, plans, partners, vouchers) applied as a pull
        applies them, all or none; a till never defines them itself. Returns their ids."""
        with self.store.write() as s:
            return definitions.apply_all(s, objects)

    def define_reward(self, code: str, name: str, points_cost: int, stock: int) -> str:
        return rewards.define_reward(self.core, code, name, points_cost, stock)

    # ---- staff, approvals, shifts ---------------------------------------------------------

    def add_staff(
        self, code: str, name: str, role: str, pin: str, card_number: str | None = None
    ) -> str:
        return staffing.add_staff(self.core, code, name, role, pin, card_number)

    def authenticate(
        self, code: str | None = None, pin: str | None = None, card_number: str | None = None
    ) -> dict[str, Any]:
        return staffing.authenticate(self.core, code, pin, card_number)

    def approve(
        self,
        operation: str,
        details: dict[str, Any],
        requested_by: str | None,
        code: str | None = None,
        pin: str | None = None,
        card_number: str | None = None,
        *,
        amount: int | None = None,
        for_card: str | None = None,
    ) -> str:
        return approvals.approve(
            self.core, operation, details, requested_by, code, pin, card_number,
            amount=amount, for_card=for_card,
        )

    def adjust(
        self,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        account: str,
        amount: int,
        reason: str,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        return adjustments.adjust(
            self.core, operation_id, staff_id, card_number, account, amount, reason, approval_id
        )

    def open_shift(self, operation_id: str, staff_id: str, opening_float: int) -> dict[str, Any]:
        return staffing.open_shift(self.core, operation_id, staff_id, opening_float)

    def open_shift_id(self) -> str | None:
        return staffing.open_shift_id(self.core)

    def close_shift(
        self,
        operation_id: str,
        staff_id: str,
        shift_id: str,
        counted_cash: int | None = None,
        difference_reason: str | None = None,
    ) -> dict[str, Any]:
        return reports.close_shift(
            self.core, operation_id, staff_id, shift_id, counted_cash, difference_reason
        )

    # ---- members and cards ----------------------------------------------------------------

    def enroll_member(
        self,
        operation_id: str,
        staff_id: str | None,
        name: str,
        phone: str | None = None,
        birthday: str | None = None,
        email: str | None = None,
        segment: str | None = None,
        consent_marketing: bool = False,
        consent_sms: bool = False,
        card_number: str | None = None,
        card_kind: str = "member",
        referrer_id: str | None = None,
        card_uid: str | None = None,
    ) -> dict[str, Any]:
        return members.enroll_member(
            self.core,
            operation_id,
            staff_id,
            name,
            phone,
            birthday,
            email,
            segment,
            consent_marketing,
            consent_sms,
            card_number,
            card_kind,
            referrer_id,
            card_uid,
        )

    def find_by_phone(self, phone: str) -> list[dict[str, Any]]:
        return members.find_by_phone(self.core, phone)

    def search_members(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        return members.search_members(self.core, text, limit)

    def member_cards(self, member_id: str) -> list[dict[str, Any]]:
        return members.member_cards(self.core, member_id)

    def issue_card(
        self,
        operation_id: str,
        staff_id: str | None,
        kind: str,
        member_id: str | None = None,
        number: str | None = None,
        activate: bool = False,
    ) -> dict[str, Any]:
        return cards.issue_card(
            self.core, operation_id, staff_id, kind, member_id, number, activate
        )

    def activate_card(
        self, operation_id: str, staff_id: str | None, number: str, member_id: str | None = None
    ) -> dict[str, Any]:
        return cards.activate_card(self.core, operation_id, staff_id, number, member_id)

    def set_card_status(
        self,
        operation_id: str,
        staff_id: str | None,
        number: str,
        status: str,
        reason: str,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        return cards.set_card_status(
            self.core, operation_id, staff_id, number, status, reason, approval_id
        )

    def replace_card(
        self,
        operation_id: str,
        staff_id: str | None,
        old_number: str,
        reason: str,
        new_number: str | None = None,
        *,
        approval_id: str | None = None,
        new_uid: str | None = None,
    ) -> dict[str, Any]:
        return cards.replace_card(
            self.core,
            operation_id,
            staff_id,
            old_number,
            reason,
            new_number,
            approval_id=approval_id,
            new_uid=new_uid,
        )

    def card_number_for_uid(self, uid: str) -> str | None:
        return cards.number_for_uid(self.core, uid)

    # ---- the counter panel ----------------------------------------------------------------

    def customer_view(self, card_number: str) -> dict[str, Any]:
        return panel.customer_view(self.core, card_number)

    def points_expiring(self, card_number: str, days: int = 30) -> list[dict[str, Any]]:
        return panel.points_expiring(self.core, card_number, days)

    def tier_explanation(self, card_number: str) -> dict[str, Any]:
        return tiers.tier_explanation(self.core, card_number)

    def vouchers_for(self, card_number: str) -> list[dict[str, Any]]:
        return vouchers.vouchers_for(self.core, card_number)

    # ---- sales ----------------------------------------------------------------------------

    def quote(
        self,
        card_number: str | None,
        amount: int,
        points_to_redeem: int = 0,
        stored_value_to_use: int = 0,
        voucher_code: str | None = None,
    ) -> dict[str, Any]:
        return sales.quote(
            self.core, card_number, amount, points_to_redeem, stored_value_to_use, voucher_code
        )

    def checkout(
        self,
        operation_id: str,
        staff_id: str | None,
        card_number: str | None,
        amount: int,
        *,
        points_to_redeem: int = 0,
        stored_value_to_use: int = 0,
        lines: list[dict[str, Any]] | None = None,
        shift_id: str | None = None,
        approval_id: str | None = None,
        tender: str = "cash",
        voucher_code: str | None = None,
        tenders: Mapping[str, int] | None = None,
    ) -> dict[str, Any]:
        return sales.checkout(
            self.core,
            operation_id,
            staff_id,
            card_number,
            amount,
            points_to_redeem=points_to_redeem,
            stored_value_to_use=stored_value_to_use,
            lines=lines,
            shift_id=shift_id,
            approval_id=approval_id,
            tender=tender,
            voucher_code=voucher_code,
            tenders=tenders,
        )

    def upcoming_receipt_no(self) -> str:
        return sales.upcoming_receipt_no(self.core)

    def top_up(
        self,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        amount: int,
        *,
        shift_id: str | None = None,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        return sales.top_up(
            self.core,
            operation_id,
            staff_id,
            card_number,
            amount,
            shift_id=shift_id,
            approval_id=approval_id,
        )

    def sell_gift_card(
        self,
        operation_id: str,
        staff_id: str | None,
        amount: int,
        card_number: str | None = None,
        *,
        shift_id: str | None = None,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        return sales.sell_gift_card(
            self.core,
            operation_id,
            staff_id,
            amount,
            card_number,
            shift_id=shift_id,
            approval_id=approval_id,
        )

    # ---- refunds and reports --------------------------------------------------------------

    def refund(
        self,
        operation_id: str,
        staff_id: str | None,
        sale_id: str,
        amount: int | None = None,
        *,
        reason: str = "refund",
        approval_id: str | None = None,
        shift_id: str | None = None,
        netting_approval_id: str | None = None,
    ) -> dict[str, Any]:
        """`sale_id` may be the sale's receipt number."""
        return refunds.refund(
            self.core,
            operation_id,
            staff_id,
            sale_id,
            amount,
            reason=reason,
            approval_id=approval_id,
            shift_id=shift_id,
            netting_approval_id=netting_approval_id,
        )

    def recent_sales(
        self,
        *,
        card_number: str | None = None,
        shift_id: str | None = None,
        since: str | None = None,
        limit: int = 20,
        receipt_no: str | None = None,
    ) -> list[dict[str, Any]]:
        return refunds.recent_sales(
            self.core,
            card_number=card_number,
            shift_id=shift_id,
            since=since,
            limit=limit,
            receipt_no=receipt_no,
        )

    def shift_report(self, shift_id: str) -> dict[str, Any]:
        return reports.shift_report(self.core, shift_id)

    def day_bounds(self, day: date | None = None) -> tuple[str, str]:
        return reports.day_bounds(self.core, day)

    def day_report(self, day: date | None = None) -> dict[str, Any]:
        return reports.day_report(self.core, day)

    # ---- programs -------------------------------------------------------------------------

    def rewards_available(self, card_number: str | None = None) -> list[dict[str, Any]]:
        return rewards.rewards_available(self.core, card_number)

    def redeem_reward(
        self,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        reward_code: str,
        *,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        return rewards.redeem_reward(
            self.core, operation_id, staff_id, card_number, reward_code, approval_id=approval_id
        )

    def buy_membership(
        self,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        plan_code: str,
        *,
        shift_id: str | None = None,
    ) -> dict[str, Any]:
        return memberships.buy_membership(
            self.core, operation_id, staff_id, card_number, plan_code, shift_id=shift_id
        )

    def membership_plans(self) -> list[dict[str, Any]]:
        return memberships.membership_plans(self.core)

    def convert_partner_points(
        self,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        partner: str,
        partner_points: int,
        partner_reference: str,
    ) -> dict[str, Any]:
        return coalition.convert_partner_points(
            self.core,
            operation_id,
            staff_id,
            card_number,
            partner,
            partner_points,
            partner_reference,
        )

    # ---- chain jobs: head office only ---------------------------------------------------------
    # Points expiry, cashback expiry and the tier review run once for the chain at head office
    # (sync/headoffice/services/jobs.py) and reach this till as pulled entries: run here as well,
    # they applied twice (a card at -530 points, a member two tiers down in one night).

    def expire_points(self, operation_id: str, staff_id: str | None = None) -> dict[str, Any]:
        raise _head_office_only("points.expire")

    def expire_cashback(self, operation_id: str) -> dict[str, Any]:
        raise _head_office_only("cashback.expire")

    def review_tiers(self, operation_id: str, staff_id: str | None = None) -> dict[str, Any]:
        raise _head_office_only("tier.review")

    def grant_birthdays(self, operation_id: str, staff_id: str | None = None) -> dict[str, Any]:
        # The yearly birthday gift: once per member for the chain, not once per till.
        raise _head_office_only("birthday.grant")


guard.install(Loyalty)  # every public method's arguments checked for shape first (guard.py)


def _head_office_only(job: str) -> LoyaltyError:
    return LoyaltyError(
        "job.head_office_only", "chain jobs run at head office, never on a till", job=job
    )
