"""The till's services: each call is one atomic transaction, idempotent on its operation id.

Callers (the cashier program, the CLI, tests) make a fresh operation id for each thing the
cashier means to do once, and reuse it on a retry: the second call returns the first call's result
and writes nothing. That is what makes a double press of "confirm" harmless.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loyalty_core import cardnumbers, rawsql
from loyalty_core.errors import ApprovalRequired, LoyaltyError
from loyalty_core.ids import iso_utc, new_id, parse_iso_utc, utcnow
from loyalty_core.journal import JournalWriter, balance_of, balances_of
from loyalty_core.models import (
    Approval,
    Card,
    JournalEntry,
    Member,
    PointLot,
    Sale,
    Setting,
    Shift,
    Staff,
    Tier,
)
from loyalty_core.programs import (
    ProgramsMixin,
    benefits_for,
    birthday_in_window,
    voucher_discount,
)
from loyalty_core.rows import CardRow, MemberRow, TierRow, panel_rows
from loyalty_core.rules import Rules, merged_rules
from loyalty_core.staff import APPROVER_ROLES, ROLES, check_pin, hash_pin
from loyalty_core.store import Store

MAX_AMOUNT = 10_000_000_000  # 10 tỷ đồng: anything above is a typing accident, not a sale
MAX_TEXT = 200
TENDERS = ("cash", "card")
CARD_ACCOUNTS: dict[str, tuple[str, ...]] = {
    "member": ("points",),
    "gift": ("stored_value",),
    "prepaid": ("stored_value",),
    "combined": ("points", "stored_value"),
    "discount": ("points",),
}
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "pending": ("active", "closed"),
    "active": ("blocked", "expired", "closed"),
    "blocked": ("active", "closed"),
    "expired": ("active", "closed"),
    "closed": (),
}


def _amount(value: Any, name: str, *, allow_zero: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise LoyaltyError("amount.not_integer", f"{name} must be a whole number", field=name)
    if value < 0 or (value == 0 and not allow_zero) or value > MAX_AMOUNT:
        # The value itself is not echoed: a card swiped into an amount field is a card number.
        raise LoyaltyError("amount.out_of_range", f"{name} out of range", field=name)
    return value


def phone_key(phone: str) -> str:
    """The one form a phone number is stored and looked up in: its digits and a leading +."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def clean_text(value: str | None, field: str, *, required: bool = False) -> str | None:
    """Names come from a keyboard at a busy counter: trim, refuse control characters and excess."""
    if value is None:
        if required:
            raise LoyaltyError("text.required", f"{field} is required", field=field)
        return None
    if not isinstance(value, str):
        raise LoyaltyError("text.invalid", f"{field} must be text", field=field)
    text = " ".join(value.split())
    if any(
        ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\u202e\u202d\u200f\u200e" for ch in text
    ):
        raise LoyaltyError("text.invalid", f"{field} has control characters", field=field)
    if len(text) > MAX_TEXT:
        raise LoyaltyError("text.too_long", f"{field} is too long", field=field, max=MAX_TEXT)
    if required and not text:
        raise LoyaltyError("text.required", f"{field} is required", field=field)
    return text or None


@dataclass
class Context:
    """What one operation's body gets: its session, journal writer, rules and clock."""

    session: Session
    journal: JournalWriter
    rules: Rules
    today: date

    def points_expire_on(self) -> str:
        """Expiry of a lot credited today, as the rules in force say."""
        return (self.today + timedelta(days=int(self.rules.data["points_expiry_days"]))).isoformat()


class Loyalty(ProgramsMixin):
    """Facade over a till database: every counter operation the program can do."""

    def __init__(self, store: Store, clock: Callable[[], date] | None = None) -> None:
        self.store = store
        # The till's own calendar day (its clock is set to the shop's local time): vouchers,
        # expiry and birthdays turn over at the shop's midnight, not at UTC's.
        self._today = clock or date.today
        self._rules_cache: tuple[tuple[int, str, str], Rules] | None = None

    # ---- plumbing -------------------------------------------------------------------------

    def current_rules(self, session: Session) -> Rules:
        """The rules in force now; parsed once per version, looked up once per transaction."""
        in_session = session.info.get("loyalty.rules")
        if in_session is not None:
            return in_session  # type: ignore[no-any-return]
        row = rawsql.one(
            session,
            "SELECT version, effective_from, rules FROM rule_versions WHERE effective_from <= ? "
            "ORDER BY effective_from DESC, version DESC LIMIT 1",
            (iso_utc(utcnow()),),
        )
        if row is None:
            return Rules(0, merged_rules())
        key = (int(row[0]), str(row[1]), str(row[2]))
        cached = self._rules_cache
        if cached is None or cached[0] != key:
            cached = (key, Rules(key[0], merged_rules(json.loads(key[2]))))
            self._rules_cache = cached
        session.info["loyalty.rules"] = cached[1]
        return cached[1]

    def rules(self) -> Rules:
        with self.store.read() as s:
            return self.current_rules(s)

    def _run(
        self,
        operation_id: str,
        kind: str,
        staff_id: str | None,
        body: Callable[[Context], dict[str, Any]],
    ) -> dict[str, Any]:
        if not isinstance(operation_id, str) or not 8 <= len(operation_id) <= 64:
            raise LoyaltyError("operation.bad_id", "operation id must be 8-64 characters")
        with self.store.write() as s:
            done = rawsql.one(
                s, "SELECT kind, result FROM operations WHERE id = ?", (operation_id,)
            )
            if done is not None:
                if done[0] != kind:
                    raise LoyaltyError(
                        "operation.reused", "operation id already used for another operation"
                    )
                return json.loads(done[1])
            if staff_id is not None:
                active = rawsql.scalar(s, "SELECT active FROM staff WHERE id = ?", (staff_id,))
                if not active:
                    raise LoyaltyError("staff.unknown", "unknown staff member")
            rules = self.current_rules(s)
            journal = JournalWriter(
                s, self.store.till_id, operation_id, staff_id, None, rules.version
            )
            result = body(Context(s, journal, rules, self._today()))
            rawsql.run(
                s,
                "INSERT INTO operations (id, kind, result, created_at) VALUES (?, ?, ?, ?)",
                (operation_id, kind, rawsql.as_json(result), journal.created_at),
            )
            return result

    def _require_approval(
        self,
        ctx: Context,
        operation: str,
        threshold_name: str,
        value: int,
        approval_id: str | None,
        staff_id: str | None,
    ) -> str | None:
        """Refuse unless a valid, unused approval for this operation is given when policy asks."""
        if not self._over_threshold(ctx, threshold_name, value):
            return None
        return self._consume_approval(ctx, operation, threshold_name, value, approval_id, staff_id)

    def _has_role(self, ctx: Context, staff_id: str | None, roles: tuple[str, ...]) -> bool:
        role = rawsql.scalar(ctx.session, "SELECT role FROM staff WHERE id = ?", (staff_id,))
        return role in roles

    def _over_threshold(self, ctx: Context, threshold_name: str, value: int) -> bool:
        # "over the threshold" needs a supervisor; a threshold of 0 therefore means always.
        threshold = ctx.rules.approval_threshold(threshold_name)
        return threshold is not None and value > threshold

    def _consume_approval(
        self,
        ctx: Context,
        operation: str,
        rule: str,
        value: int,
        approval_id: str | None,
        staff_id: str | None,
    ) -> str:
        if approval_id is None:
            raise ApprovalRequired(
                operation, rule, value=value, threshold=ctx.rules.approval_threshold(rule)
            )
        approval = ctx.session.get(Approval, approval_id)
        if approval is None or approval.operation != operation:
            raise LoyaltyError("approval.invalid", "approval not found for this operation")
        if approval.used_by_operation is not None:
            raise LoyaltyError("approval.used", "approval already used")
        if staff_id is not None and approval.supervisor_id == staff_id:
            raise LoyaltyError("approval.self", "a cashier cannot approve their own operation")
        approved_value = approval.details.get("value")
        if isinstance(approved_value, int) and value > approved_value:
            raise LoyaltyError(
                "approval.amount",
                "approval was given for a smaller amount",
                approved=approved_value,
            )
        approval.used_by_operation = ctx.journal.operation_id
        # Only an approval that was checked and consumed is recorded on the entries.
        ctx.journal.approval_id = approval_id
        return approval_id

    def _card(self, session: Session, number: str, *, for_use: bool = True) -> CardRow:
        return self._card_rows(session, number, for_use=for_use)[0]

    def _card_rows(
        self, session: Session, number: str, *, for_use: bool = True
    ) -> tuple[CardRow, MemberRow | None, TierRow | None]:
        """Card, member and tier in one query: the sale path's read of who is paying."""
        digits = self._our_digits(session, number)
        found = panel_rows(session, digits) if digits else None
        if found is None:
            raise LoyaltyError("card.unknown", "unknown card", masked=cardnumbers.mask(digits))
        if for_use:
            self._check_usable(found[0])
        return found

    def _our_digits(self, session: Session, number: object) -> str:
        """The card number as digits; refuses one that is not ours before any query on cards,
        so a payment card never reaches them, not even as a logged query parameter."""
        digits = cardnumbers.normalize(number if isinstance(number, str) else "")
        if digits and cardnumbers.kind_of(digits, self._prefixes(session)) is None:
            raise LoyaltyError(
                "card.not_ours", "this is not one of our cards", masked=cardnumbers.mask(digits)
            )
        return digits

    def _prefixes(self, session: Session) -> dict[str, str]:
        """The shop's card-number prefixes per kind, from the program rules in force."""
        return dict(self.current_rules(session).data["card_prefixes"])

    def _check_usable(self, card: Card | CardRow) -> None:
        if card.status == "blocked":
            raise LoyaltyError("card.blocked", "card is blocked", reason=card.status_reason or "")
        if card.status == "pending":
            raise LoyaltyError("card.pending", "card is not activated yet")
        if card.status == "closed":
            raise LoyaltyError("card.closed", "card is closed")
        if card.status == "expired" or (
            card.expires_on is not None and card.expires_on < self._today().isoformat()
        ):
            raise LoyaltyError("card.expired", "card has expired", expires_on=card.expires_on or "")

    # ---- staff and shifts -----------------------------------------------------------------

    def add_staff(
        self, code: str, name: str, role: str, pin: str, card_number: str | None = None
    ) -> str:
        """Staff normally arrive from head office; this is for the demo and first set-up."""
        if role not in ROLES:
            raise LoyaltyError("staff.bad_role", "unknown role", role=role)
        staff_id = new_id()
        with self.store.write() as s:
            if s.scalar(select(Staff).where(Staff.code == code)) is not None:
                raise LoyaltyError("staff.exists", "staff code already used", staff_code=code)
            s.add(
                Staff(
                    id=staff_id,
                    code=clean_text(code, "code", required=True) or code,
                    name=clean_text(name, "name", required=True) or name,
                    role=role,
                    pin_hash=hash_pin(pin),
                    card_number=card_number,
                )
            )
        return staff_id

    def authenticate(
        self, code: str | None = None, pin: str | None = None, card_number: str | None = None
    ) -> dict[str, Any]:
        """Log-in or approval check by code + PIN, or by staff card; failures are counted."""
        failure: LoyaltyError | None = None
        with self.store.write() as s:
            rules = self.current_rules(s)
            if card_number:
                staff = s.scalar(select(Staff).where(Staff.card_number == card_number))
                if staff is None or not staff.active:
                    raise LoyaltyError("staff.unknown", "unknown staff card")
                # A card is something the person has; a lock-out earned by wrong PINs still holds.
                if staff.locked_until and parse_iso_utc(staff.locked_until) > utcnow():
                    raise LoyaltyError(
                        "staff.locked",
                        "too many wrong PINs; try again later",
                        until=staff.locked_until,
                    )
            else:
                staff = s.scalar(select(Staff).where(Staff.code == (code or "")))
                if staff is None:
                    raise LoyaltyError("staff.unknown", "unknown staff code")
                try:
                    check_pin(
                        staff,
                        pin or "",
                        int(rules.data["pin_max_failures"]),
                        int(rules.data["pin_lockout_seconds"]),
                    )
                except LoyaltyError as exc:
                    failure = exc  # commit the failure count, then refuse
            result = {"id": staff.id, "code": staff.code, "name": staff.name, "role": staff.role}
        if failure is not None:
            raise failure
        return result

    def approve(
        self,
        operation: str,
        details: dict[str, Any],
        requested_by: str | None,
        code: str | None = None,
        pin: str | None = None,
        card_number: str | None = None,
    ) -> str:
        """A supervisor approves one operation; who, when and what goes into the journal."""
        supervisor = self.authenticate(code=code, pin=pin, card_number=card_number)
        if supervisor["role"] not in APPROVER_ROLES:
            raise LoyaltyError(
                "approval.not_supervisor", "only a supervisor or manager can approve"
            )
        if requested_by is not None and supervisor["id"] == requested_by:
            raise LoyaltyError("approval.self", "a cashier cannot approve their own operation")
        approval_id = new_id()

        def body(ctx: Context) -> dict[str, Any]:
            ctx.journal.post(
                "approval",
                payload={
                    "approval_id": approval_id,
                    "supervisor_id": supervisor["id"],
                    "requested_by": requested_by,
                    "operation": operation,
                    "details": details,
                },
            )
            return {"approval_id": approval_id}

        return self._run(approval_id, "approval", supervisor["id"], body)["approval_id"]

    def open_shift(self, operation_id: str, staff_id: str, opening_float: int) -> dict[str, Any]:
        _amount(opening_float, "opening_float", allow_zero=True)

        def body(ctx: Context) -> dict[str, Any]:
            open_shift = ctx.session.scalar(select(Shift).where(Shift.closed_at.is_(None)))
            if open_shift is not None:
                raise LoyaltyError(
                    "shift.already_open", "a shift is already open", shift_id=open_shift.id
                )
            shift_id = new_id()
            ctx.journal.post(
                "shift.open", payload={"shift_id": shift_id, "opening_float": opening_float}
            )
            return {"shift_id": shift_id, "opening_float": opening_float}

        return self._run(operation_id, "shift.open", staff_id, body)

    def open_shift_id(self) -> str | None:
        with self.store.read() as s:
            return s.scalar(select(Shift.id).where(Shift.closed_at.is_(None)))

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
    ) -> dict[str, Any]:
        """Enrol a member and (by default) issue and activate their card in the same operation."""
        clean_name = clean_text(name, "name", required=True)
        clean_phone = clean_text(phone, "phone")
        if clean_phone is not None and not clean_phone.replace("+", "").replace(" ", "").isdigit():
            raise LoyaltyError("member.bad_phone", "phone number must be digits", field="phone")
        if clean_phone is not None:
            clean_phone = phone_key(
                clean_phone
            )  # stored as looked up: "0912 345 678" == "0912345678"
        if birthday is not None:
            try:
                date.fromisoformat(birthday)
            except (TypeError, ValueError):
                raise LoyaltyError("member.bad_birthday", "birthday must be YYYY-MM-DD") from None
        clean_email = clean_text(email, "email")
        if clean_email is not None and ("@" not in clean_email or " " in clean_email):
            raise LoyaltyError("member.bad_email", "e-mail address is not valid", field="email")

        def body(ctx: Context) -> dict[str, Any]:
            if referrer_id is not None and ctx.session.get(Member, referrer_id) is None:
                raise LoyaltyError("member.unknown_referrer", "unknown referring member")
            if clean_phone and ctx.session.scalar(
                select(Member.id).where(Member.phone == clean_phone)
            ):
                raise LoyaltyError("member.phone_taken", "phone number already enrolled")
            base_tier = ctx.session.scalar(select(Tier).order_by(Tier.rank).limit(1))
            member_id = new_id()
            member = {
                "id": member_id,
                "name": clean_name,
                "phone": clean_phone,
                "birthday": birthday,
                "email": clean_email,
                "segment": clean_text(segment, "segment"),
                "consent_marketing": bool(consent_marketing),
                "consent_sms": bool(consent_sms),
                "tier_id": base_tier.id if base_tier else None,
                "referrer_id": referrer_id,
            }
            ctx.journal.post("member.enroll", payload={"member": member})
            card = self._issue(ctx, card_kind, member_id, card_number, activate=True)
            bonus = self._enrolment_bonus(ctx, card["id"], card_kind)
            return {
                "member_id": member_id,
                "card_id": card["id"],
                "card_number": card["number"],
                "bonus_points": bonus,
            }

        return self._run(operation_id, "member.enroll", staff_id, body)

    def _issue(
        self, ctx: Context, kind: str, member_id: str | None, number: str | None, *, activate: bool
    ) -> dict[str, Any]:
        if kind not in cardnumbers.CARD_KINDS:
            raise LoyaltyError("card.bad_kind", "unknown card kind", kind=kind)
        prefixes = dict(ctx.rules.data["card_prefixes"])
        if number is None:
            number = cardnumbers.generate(kind, prefixes)
            while ctx.session.scalar(select(Card.id).where(Card.number == number)):
                number = cardnumbers.generate(kind, prefixes)
        else:
            number = cardnumbers.normalize(number)
            found_kind = cardnumbers.kind_of(number, prefixes)
            if found_kind != kind:
                raise LoyaltyError(
                    "card.not_ours" if found_kind is None else "card.wrong_kind",
                    "card number is not one of ours for this kind",
                    masked=cardnumbers.mask(number),
                    kind=kind,
                )
            existing = ctx.session.scalar(select(Card).where(Card.number == number))
            if existing is not None:
                if existing.status != "pending":
                    raise LoyaltyError(
                        "card.in_use", "card already issued", masked=cardnumbers.mask(number)
                    )
                return self._activate(ctx, existing, member_id)
        days = int(ctx.rules.data["card_validity_days"])
        card = {
            "id": new_id(),
            "number": number,
            "kind": kind,
            "member_id": member_id,
            "status": "active" if activate else "pending",
            "expires_on": (ctx.today + timedelta(days=days)).isoformat(),
        }
        ctx.journal.post("card.issue", card_id=card["id"], payload=card)
        return card

    def _activate(
        self, ctx: Context, card: Card | CardRow, member_id: str | None
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {"status": "active"}
        if member_id is not None:
            payload["member_id"] = member_id
        ctx.journal.post("card.status", card_id=card.id, reason="activated", payload=payload)
        return {"id": card.id, "number": card.number, "kind": card.kind, "member_id": member_id}

    def issue_card(
        self,
        operation_id: str,
        staff_id: str | None,
        kind: str,
        member_id: str | None = None,
        number: str | None = None,
        activate: bool = False,
    ) -> dict[str, Any]:
        def body(ctx: Context) -> dict[str, Any]:
            if member_id is not None and ctx.session.get(Member, member_id) is None:
                raise LoyaltyError("member.unknown", "unknown member")
            return self._issue(ctx, kind, member_id, number, activate=activate)

        return self._run(operation_id, "card.issue", staff_id, body)

    def activate_card(
        self, operation_id: str, staff_id: str | None, number: str, member_id: str | None = None
    ) -> dict[str, Any]:
        def body(ctx: Context) -> dict[str, Any]:
            card = self._card(ctx.session, number, for_use=False)
            if card.status != "pending":
                raise LoyaltyError(
                    "card.not_pending", "only a new card can be activated", status=card.status
                )
            return self._activate(ctx, card, member_id)

        return self._run(operation_id, "card.activate", staff_id, body)

    def set_card_status(
        self,
        operation_id: str,
        staff_id: str | None,
        number: str,
        status: str,
        reason: str,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        why = clean_text(reason, "reason", required=True)

        def body(ctx: Context) -> dict[str, Any]:
            card = self._card(ctx.session, number, for_use=False)
            if status not in STATUS_TRANSITIONS.get(card.status, ()):
                raise LoyaltyError(
                    "card.bad_transition",
                    "card status cannot change that way",
                    current=card.status,
                    wanted=status,
                )
            if card.status == "blocked" or status == "closed":
                # Unblocking a card someone reported lost, or closing one for good, is not a
                # cashier's call: a supervisor does it or approves it.
                if not self._has_role(ctx, staff_id, APPROVER_ROLES):
                    self._consume_approval(
                        ctx, "card.status", "card_status", 1, approval_id, staff_id
                    )
            ctx.journal.post("card.status", card_id=card.id, reason=why, payload={"status": status})
            return {"card_id": card.id, "status": status}

        return self._run(operation_id, "card.status", staff_id, body)

    # ---- money and points -----------------------------------------------------------------

    def quote(
        self,
        card_number: str | None,
        amount: int,
        points_to_redeem: int = 0,
        stored_value_to_use: int = 0,
        voucher_code: str | None = None,
    ) -> dict[str, Any]:
        """What a checkout would do, without doing it: shown to the cashier before confirming."""
        with self.store.read() as s:
            rules = self.current_rules(s)
            found = self._card_rows(s, card_number) if card_number else None
            return self._price(
                s, rules, found, amount, points_to_redeem, stored_value_to_use, voucher_code
            )

    def _price(
        self,
        s: Session,
        rules: Rules,
        found: tuple[CardRow, MemberRow | None, TierRow | None] | None,
        amount: int,
        points: int,
        stored_value: int,
        voucher_code: str | None = None,
    ) -> dict[str, Any]:
        _amount(amount, "amount")
        _amount(points, "points", allow_zero=True)
        _amount(stored_value, "stored_value", allow_zero=True)
        card, member, tier = found if found is not None else (None, None, None)
        today = self._today()
        benefits = benefits_for(s, card, tier, today, member)
        pct_discount = rules.discount(amount, benefits.discount_bp)
        voucher_id, voucher_off = None, 0
        if voucher_code:
            voucher, voucher_off = voucher_discount(
                s, voucher_code, card, amount, amount - pct_discount, today
            )
            voucher_id = voucher.id
        discount = pct_discount + voucher_off
        net = amount - discount
        accounts = CARD_ACCOUNTS.get(card.kind, ()) if card else ()
        points_value = points * rules.point_value
        if points:
            if "points" not in accounts:
                raise LoyaltyError("card.no_points", "this card does not carry points")
            available = balance_of(s, card.id, "points") if card else 0
            if points > available:
                raise LoyaltyError("points.insufficient", "not enough points", available=available)
            if points_value > net:
                raise LoyaltyError(
                    "points.exceeds_bill",
                    "points would pay more than the bill",
                    max_points=net // rules.point_value,
                )
        if stored_value:
            if "stored_value" not in accounts:
                raise LoyaltyError("card.no_stored_value", "this card carries no stored value")
            available = balance_of(s, card.id, "stored_value") if card else 0
            if stored_value > available:
                raise LoyaltyError(
                    "stored_value.insufficient", "not enough stored value", available=available
                )
            if stored_value > net - points_value:
                raise LoyaltyError(
                    "stored_value.exceeds_bill",
                    "stored value would pay more than the bill",
                    max_amount=net - points_value,
                )
        eligible = net - points_value - (0 if rules.data["earn_on_stored_value"] else stored_value)
        earned = 0
        if card is not None and "points" in accounts:
            earned = rules.earn_points(eligible, *benefits.multipliers.values())
        cash_due = net - points_value - stored_value
        return {
            "amount": amount,
            "discount": discount,
            "discount_bp": benefits.discount_bp,
            "discount_source": benefits.discount_source,
            "voucher_id": voucher_id,
            "voucher_discount": voucher_off,
            "multipliers": benefits.multipliers,
            "net": net,
            "points_redeemed": points,
            "points_value": points_value,
            "stored_value_used": stored_value,
            "cash_due": cash_due,
            "points_earned": earned,
            "cashback": cash_due * benefits.cashback_bp // 10_000,
            "cashback_expiry_days": benefits.cashback_expiry_days,
            "rule_version": rules.version,
        }

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
    ) -> dict[str, Any]:
        """A sale: discount, redeem points, spend stored value, earn, qualifying spend, tier.

        `tender` says how the rest (cash_due) was paid, cash or external card, for the Z report.
        """
        if tender not in TENDERS:
            raise LoyaltyError("sale.bad_tender", "unknown tender", tender=tender)

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            found = self._card_rows(s, card_number) if card_number else None
            card = found[0] if found else None
            price = self._price(
                s, ctx.rules, found, amount, points_to_redeem, stored_value_to_use, voucher_code
            )
            # One supervisor approval per sale: when both points and stored value are over their
            # limits, the approval is asked for the sale ("checkout") and covers both.
            needs = [
                (op, rule, value)
                for op, rule, value in (
                    ("redeem", "redeem_value_over", price["points_value"]),
                    ("stored_value", "stored_value_over", stored_value_to_use),
                )
                if value and self._over_threshold(ctx, rule, value)
            ]
            if len(needs) == 1:
                self._consume_approval(ctx, *needs[0], approval_id, staff_id)
            elif needs:
                self._consume_approval(
                    ctx,
                    "checkout",
                    "+".join(n[1] for n in needs),
                    sum(n[2] for n in needs),
                    approval_id,
                    staff_id,
                )
            sale_id = new_id()
            card_id = card.id if card else None
            ctx.journal.post(
                "sale",
                card_id=card_id,
                sale_id=sale_id,
                payload={**price, "shift_id": shift_id, "lines": lines or [], "tender": tender},
            )
            if points_to_redeem and card is not None:
                lots = self._consume_lots(s, card.id, points_to_redeem)
                ctx.journal.post(
                    "redeem",
                    card_id=card_id,
                    account="points",
                    amount=-points_to_redeem,
                    sale_id=sale_id,
                    payload={"lots": lots, "value": price["points_value"]},
                )
            if stored_value_to_use:
                ctx.journal.post(
                    "sv.spend",
                    card_id=card_id,
                    account="stored_value",
                    amount=-stored_value_to_use,
                    sale_id=sale_id,
                )
            if price["voucher_id"]:
                ctx.journal.post(
                    "voucher.use",
                    card_id=card_id,
                    sale_id=sale_id,
                    payload={
                        "voucher_id": price["voucher_id"],
                        "discount": price["voucher_discount"],
                    },
                )
            result = {"sale_id": sale_id, **price}
            if card is not None and price["cashback"]:
                days = price["cashback_expiry_days"]
                ctx.journal.post(
                    "cashback",
                    card_id=card_id,
                    account="stored_value",
                    amount=price["cashback"],
                    sale_id=sale_id,
                    payload={
                        "expires_on": (ctx.today + timedelta(days=int(days))).isoformat()
                        if days
                        else None
                    },
                )
            if card is not None and price["points_earned"]:
                expires = ctx.points_expire_on()
                ctx.journal.post(
                    "earn",
                    card_id=card_id,
                    account="points",
                    amount=price["points_earned"],
                    sale_id=sale_id,
                    payload={"expires_on": expires},
                )
            if card is not None and card.member_id is not None:
                ctx.journal.post(
                    "qspend",
                    card_id=card_id,
                    account="qualifying_spend",
                    amount=price["net"],
                    sale_id=sale_id,
                )
                result["tier_change"] = self._review_upgrade(ctx, card)
                result["referral_bonus"] = self._referral_bonus(ctx, card, sale_id)
            if card is not None:
                result["balances"] = self._balances(s, card.id)
            return result

        return self._run(operation_id, "checkout", staff_id, body)

    def _consume_lots(self, s: Session, card_id: str, points: int) -> list[dict[str, Any]]:
        """Soonest-expiring first; lots without expiry last."""
        lots = rawsql.rows(
            s,
            "SELECT id, remaining FROM point_lots WHERE card_id = ? AND remaining > 0 "
            "ORDER BY expires_on IS NULL, expires_on, id",
            (card_id,),
        )
        used: list[dict[str, Any]] = []
        left = points
        for lot_id, remaining in lots:
            if left == 0:
                break
            take = min(int(remaining), left)
            used.append({"lot_id": lot_id, "amount": take})
            left -= take
        if left:
            raise LoyaltyError("points.lots_mismatch", "points lots do not cover the balance")
        return used

    def _member_qualifying(self, s: Session, member_id: str, rules: Rules) -> int:
        """Qualifying spend over the tier window (rolling, default 365 days), all the member's
        cards: tiers follow what was spent, never the redeemable balance."""
        since = self._today() - timedelta(days=int(rules.data.get("tier_window_days", 365)))
        value = rawsql.scalar(
            s,
            "SELECT coalesce(sum(j.amount), 0) FROM cards c JOIN journal j ON j.card_id = c.id "
            "AND j.account = 'qualifying_spend' WHERE c.member_id = ? AND j.created_at >= ?",
            (member_id, since.isoformat()),
        )
        return int(value or 0)

    def _review_upgrade(self, ctx: Context, card: Card | CardRow) -> dict[str, Any] | None:
        """Upgrade at once when qualifying spend passes a higher tier's threshold."""
        s = ctx.session
        member_tier = rawsql.one(s, "SELECT tier_id FROM members WHERE id = ?", (card.member_id,))
        if member_tier is None:
            return None
        spend = self._member_qualifying(s, str(card.member_id), ctx.rules)
        tiers = {
            row[0]: row for row in rawsql.rows(s, "SELECT id, name, rank, threshold FROM tiers")
        }
        reached = [t for t in tiers.values() if t[3] <= spend]
        current = tiers.get(member_tier[0])
        if not reached:
            return None
        best = max(reached, key=lambda t: t[2])
        if current is not None and best[2] <= current[2]:
            return None
        ctx.journal.post(
            "tier.change",
            card_id=card.id,
            reason="upgrade",
            payload={
                "member_id": card.member_id,
                "from": member_tier[0],
                "to": best[0],
                "spend": spend,
            },
        )
        return {"from": current[1] if current else None, "to": best[1]}

    def _balances(self, s: Session, card_id: str) -> dict[str, int]:
        return balances_of(s, card_id)

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
        """Reload a prepaid or combined card; the bonus is its own entry so reports can tell."""
        _amount(amount, "amount")

        def body(ctx: Context) -> dict[str, Any]:
            card = self._card(ctx.session, card_number)
            if card.kind not in ("prepaid", "combined"):
                raise LoyaltyError(
                    "card.not_reloadable", "only prepaid cards can be topped up", kind=card.kind
                )
            if amount > int(ctx.rules.data["topup_max"]):
                raise LoyaltyError(
                    "topup.too_large", "top-up above the maximum", max=ctx.rules.data["topup_max"]
                )
            self._require_approval(ctx, "topup", "topup_over", amount, approval_id, staff_id)
            bonus = ctx.rules.topup_bonus(amount)
            ctx.journal.post(
                "sv.topup",
                card_id=card.id,
                account="stored_value",
                amount=amount,
                payload={"shift_id": shift_id, "cash": amount},
            )
            if bonus:
                ctx.journal.post(
                    "sv.bonus",
                    card_id=card.id,
                    account="stored_value",
                    amount=bonus,
                    payload={"shift_id": shift_id, "topup": amount},
                )
            return {
                "card_id": card.id,
                "amount": amount,
                "bonus": bonus,
                "balances": self._balances(ctx.session, card.id),
            }

        return self._run(operation_id, "topup", staff_id, body)

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
        """Sell a gift card of any denomination: a pre-printed pending card, or a new number."""
        _amount(amount, "amount")

        def body(ctx: Context) -> dict[str, Any]:
            if amount > int(ctx.rules.data["gift_card_max"]):
                raise LoyaltyError(
                    "gift.too_large",
                    "gift card above the maximum",
                    max=ctx.rules.data["gift_card_max"],
                )
            self._require_approval(
                ctx, "gift_card", "gift_card_over", amount, approval_id, staff_id
            )
            card = self._issue(ctx, "gift", None, card_number, activate=True)
            ctx.journal.post(
                "gift.load",
                card_id=card["id"],
                account="stored_value",
                amount=amount,
                payload={"shift_id": shift_id, "cash": amount},
            )
            return {"card_id": card["id"], "card_number": card["number"], "amount": amount}

        return self._run(operation_id, "gift.sell", staff_id, body)

    # ---- reading --------------------------------------------------------------------------

    def customer_view(self, card_number: str) -> dict[str, Any]:
        """Everything the counter panel shows for a card, in one short read transaction."""
        with self.store.read() as s:
            card, member, tier = self._card_rows(s, card_number, for_use=False)
            rules = self.current_rules(s)
            today = self._today()
            view: dict[str, Any] = {
                "card_id": card.id,
                "number": card.number,
                "masked": cardnumbers.mask(card.number),
                "kind": card.kind,
                "status": card.status,
                "status_reason": card.status_reason,
                "expires_on": card.expires_on,
                "flagged": card.flagged,
                "usable": True,
                "refusal": None,
                "balances": self._balances(s, card.id),
                "member": None,
            }
            try:
                self._check_usable(card)
            except LoyaltyError as exc:
                view["usable"] = False
                view["refusal"] = {"code": exc.code, "params": exc.params}
            soon = (today + timedelta(days=int(rules.data["expiring_soon_days"]))).isoformat()
            view["points_expiring"] = int(
                rawsql.scalar(
                    s,
                    "SELECT coalesce(sum(remaining), 0) FROM point_lots "
                    "WHERE card_id = ? AND remaining > 0 AND expires_on <= ?",
                    (card.id, soon),
                )
                or 0
            )
            if member is not None:
                view["member"] = self._member_view(s, member, tier, rules, today)
            benefits = benefits_for(s, card, tier, today, member)
            view["offers"] = benefits.offers
            view["discount_bp"] = benefits.discount_bp
            view["discount_source"] = benefits.discount_source
            view["discount_card"] = benefits.discount_card
            view["membership"] = benefits.membership
            return view

    def _member_view(
        self,
        s: Session,
        member: Member | MemberRow,
        tier: Tier | TierRow | None,
        rules: Rules,
        today: date,
    ) -> dict[str, Any]:
        spend = self._member_qualifying(s, member.id, rules)
        nxt = None
        if tier is not None:
            nxt = rawsql.one(
                s,
                "SELECT name, threshold FROM tiers WHERE rank > ? ORDER BY rank LIMIT 1",
                (tier.rank,),
            )
        return {
            "id": member.id,
            "name": member.name,
            "phone": member.phone,
            "birthday": member.birthday,
            "birthday_soon": birthday_in_window(
                member.birthday, today, int(rules.data["birthday_window_days"])
            ),
            "tier": tier.name if tier else None,
            "tier_code": tier.code if tier else None,
            "discount_bp": tier.discount_bp if tier else 0,
            "qualifying_spend": spend,
            "next_tier": nxt[0] if nxt else None,
            "next_tier_needs": max(0, int(nxt[1]) - spend) if nxt else 0,
        }

    def find_by_phone(self, phone: str) -> list[dict[str, Any]]:
        digits = phone_key(phone)
        if len(digits) < 6:
            raise LoyaltyError("lookup.phone_short", "type at least 6 digits of the phone number")
        with self.store.read() as s:
            rows = s.execute(
                select(Member.id, Member.name, Member.phone, Card.number, Card.kind, Card.status)
                .join(Card, Card.member_id == Member.id)
                .where(Member.phone == digits)
            ).all()
            return [
                {
                    "member_id": r[0],
                    "name": r[1],
                    "phone": r[2],
                    "number": r[3],
                    "kind": r[4],
                    "status": r[5],
                }
                for r in rows
            ]

    def card_number_for_uid(self, uid: str) -> str | None:
        with self.store.read() as s:
            return s.scalar(select(Card.number).where(Card.uid == uid.upper()))

    def till_name(self) -> str:
        with self.store.read() as s:
            return s.scalar(select(Setting.value).where(Setting.key == "till_name")) or "Quầy 1"

    # ---- after the sale: refunds, lost cards, expiry, shift close ------------------------

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
    ) -> dict[str, Any]:
        """Full (amount None) or partial refund of a sale: every effect reversed pro rata.

        Earned points and qualifying spend are taken back rounded up, redeemed points and spent
        stored value given back rounded down, so refunds can never create value; the last refund
        of a sale takes exactly what is left of each effect. Earned points the customer already
        spent cannot be taken back: they are recorded as unrecovered.
        """
        why = clean_text(reason, "reason", required=True)

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            sale = s.get(Sale, sale_id)
            if sale is None:
                raise LoyaltyError("sale.unknown", "unknown sale")
            net = sale.amount - sale.discount
            done = sum(
                int(p.get("refund_amount", 0))
                for p in s.scalars(
                    select(JournalEntry.payload).where(
                        JournalEntry.sale_id == sale_id, JournalEntry.kind == "refund"
                    )
                )
            )
            left = net - done
            if left <= 0:
                raise LoyaltyError("refund.already", "this sale is already fully refunded")
            wanted = left if amount is None else _amount(amount, "amount")
            if wanted > left:
                raise LoyaltyError("refund.too_much", "refund exceeds what is left", left=left)
            self._require_approval(ctx, "refund", "refund_over", wanted, approval_id, staff_id)
            result: dict[str, Any] = {"sale_id": sale_id, "refunded": wanted, "left": left - wanted}
            returned_value = 0
            if sale.card_id is not None:
                effects = self._reverse_effects(ctx, sale, wanted, net, wanted == left, why)
                returned_value = (
                    effects["points_returned"] * ctx.rules.point_value
                    + effects["stored_value_returned"]
                )
                result.update(effects)
            # What goes back over the counter in money: the refund less what went back on the card.
            result["cash_back"] = max(0, wanted - returned_value)
            ctx.journal.post(
                "refund",
                card_id=sale.card_id,
                sale_id=sale_id,
                reason=why,
                payload={
                    "refund_amount": wanted,
                    "shift_id": shift_id,
                    "cash_back": result["cash_back"],
                },
            )
            if sale.card_id is not None:
                result["balances"] = self._balances(s, sale.card_id)
            return result

        return self._run(operation_id, "refund", staff_id, body)

    def _reverse_effects(
        self, ctx: Context, sale: Sale, wanted: int, net: int, last: bool, why: str | None
    ) -> dict[str, int]:
        s = ctx.session
        card_id = sale.card_id
        assert card_id is not None
        reversed_ = self._reversed_so_far(s, sale.id)
        qspend = net if self._sale_had(s, sale.id, "qspend") else 0

        def part(total: int, key: str, up: bool) -> int:
            rest = total - reversed_.get(key, 0)
            if last:
                return rest
            share = -(-total * wanted // net) if up else total * wanted // net
            return max(0, min(rest, share))

        out = {
            "points_taken_back": 0,
            "points_unrecovered": 0,
            "points_returned": 0,
            "stored_value_returned": 0,
        }
        earn_back = part(sale.points_earned, "refund.earn", up=True)
        if earn_back:
            available = balance_of(s, card_id, "points")
            take = min(earn_back, available)
            lots = self._consume_lots(s, card_id, take) if take else []
            ctx.journal.post(
                "refund.earn",
                card_id=card_id,
                account="points",
                amount=-take,
                sale_id=sale.id,
                reason=why,
                payload={"lots": lots, "unrecovered": earn_back - take},
            )
            out["points_taken_back"], out["points_unrecovered"] = take, earn_back - take
        give_points = part(sale.points_redeemed, "refund.redeem", up=False)
        if give_points:
            expires = ctx.points_expire_on()
            ctx.journal.post(
                "refund.redeem",
                card_id=card_id,
                account="points",
                amount=give_points,
                sale_id=sale.id,
                reason=why,
                payload={"expires_on": expires},
            )
            out["points_returned"] = give_points
        give_sv = part(sale.stored_value_used, "refund.sv", up=False)
        if give_sv:
            ctx.journal.post(
                "refund.sv",
                card_id=card_id,
                account="stored_value",
                amount=give_sv,
                sale_id=sale.id,
                reason=why,
            )
            out["stored_value_returned"] = give_sv
        cashback = sum(
            int(a)
            for a in s.scalars(
                select(JournalEntry.amount).where(
                    JournalEntry.sale_id == sale.id, JournalEntry.kind == "cashback"
                )
            )
        )
        cb_back = part(cashback, "refund.cashback", up=True) if cashback else 0
        if cb_back:
            take = min(cb_back, balance_of(s, card_id, "stored_value"))
            ctx.journal.post(
                "refund.cashback",
                card_id=card_id,
                account="stored_value",
                amount=-take,
                sale_id=sale.id,
                reason=why,
                payload={"unrecovered": cb_back - take},
            )
            out["cashback_taken_back"] = take
        if last:  # a voucher used on a sale refunded in full can be used again
            for payload in s.scalars(
                select(JournalEntry.payload).where(
                    JournalEntry.sale_id == sale.id, JournalEntry.kind == "voucher.use"
                )
            ):
                ctx.journal.post(
                    "voucher.restore",
                    card_id=card_id,
                    sale_id=sale.id,
                    reason=why,
                    payload={"voucher_id": payload["voucher_id"]},
                )
                out["voucher_restored"] = 1
        q_back = part(qspend, "refund.qspend", up=True) if qspend else 0
        if q_back:
            ctx.journal.post(
                "refund.qspend",
                card_id=card_id,
                account="qualifying_spend",
                amount=-q_back,
                sale_id=sale.id,
                reason=why,
            )
        return out

    def _sale_had(self, s: Session, sale_id: str, kind: str) -> bool:
        return (
            s.scalar(
                select(JournalEntry.id).where(
                    JournalEntry.sale_id == sale_id, JournalEntry.kind == kind
                )
            )
            is not None
        )

    def _reversed_so_far(self, s: Session, sale_id: str) -> dict[str, int]:
        done: dict[str, int] = {}
        rows = s.execute(
            select(JournalEntry.kind, JournalEntry.amount, JournalEntry.payload).where(
                JournalEntry.sale_id == sale_id, JournalEntry.kind.like("refund.%")
            )
        )
        for kind, amount, payload in rows:
            done[kind] = done.get(kind, 0) + abs(int(amount)) + int(payload.get("unrecovered", 0))
        return done

    def replace_card(
        self,
        operation_id: str,
        staff_id: str | None,
        old_number: str,
        reason: str,
        new_number: str | None = None,
        *,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        """Lost or damaged card: block it and move every balance, lot and the owner, at once."""
        why = clean_text(reason, "reason", required=True)

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            old = self._card(s, old_number, for_use=False)
            if old.status in ("closed", "pending"):
                raise LoyaltyError(
                    "card.bad_transition",
                    "this card cannot be replaced",
                    current=old.status,
                    wanted="blocked",
                )
            self._require_approval(
                ctx, "replace_card", "replace_card_over", 1, approval_id, staff_id
            )
            if old.status != "blocked":
                ctx.journal.post(
                    "card.status", card_id=old.id, reason=why, payload={"status": "blocked"}
                )
            new = self._issue(ctx, old.kind, old.member_id, new_number, activate=True)
            moved: dict[str, int] = {}
            lots = s.scalars(
                select(PointLot)
                .where(PointLot.card_id == old.id, PointLot.remaining > 0)
                .order_by(PointLot.expires_on, PointLot.id)
            ).all()
            for lot in lots:  # each lot keeps its own expiry on the new card
                amount = lot.remaining
                ctx.journal.post(
                    "transfer.out",
                    card_id=old.id,
                    account="points",
                    amount=-amount,
                    reason=why,
                    payload={"lots": [{"lot_id": lot.id, "amount": amount}], "to": new["id"]},
                )
                ctx.journal.post(
                    "transfer.in",
                    card_id=new["id"],
                    account="points",
                    amount=amount,
                    reason=why,
                    payload={"expires_on": lot.expires_on, "from": old.id},
                )
                moved["points"] = moved.get("points", 0) + amount
            for account in ("stored_value", "qualifying_spend"):
                value = balance_of(s, old.id, account)
                if value:
                    ctx.journal.post(
                        "transfer.out",
                        card_id=old.id,
                        account=account,
                        amount=-value,
                        reason=why,
                        payload={"to": new["id"]},
                    )
                    ctx.journal.post(
                        "transfer.in",
                        card_id=new["id"],
                        account=account,
                        amount=value,
                        reason=why,
                        payload={"from": old.id},
                    )
                    moved[account] = value
            return {
                "old_card_id": old.id,
                "card_id": new["id"],
                "card_number": new["number"],
                "moved": moved,
            }

        return self._run(operation_id, "card.replace", staff_id, body)

    def expire_points(self, operation_id: str, staff_id: str | None = None) -> dict[str, Any]:
        """The expiry job: every lot past its date becomes an `expire` entry, card by card."""

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            today = ctx.today.isoformat()
            lots = s.scalars(
                select(PointLot)
                .where(PointLot.remaining > 0, PointLot.expires_on < today)
                .order_by(PointLot.card_id, PointLot.expires_on)
            ).all()
            per_card: dict[str, list[dict[str, Any]]] = {}
            for lot in lots:
                per_card.setdefault(lot.card_id, []).append(
                    {"lot_id": lot.id, "amount": lot.remaining}
                )
            total = 0
            for card_id, used in per_card.items():
                amount = sum(u["amount"] for u in used)
                total += amount
                ctx.journal.post(
                    "expire",
                    card_id=card_id,
                    account="points",
                    amount=-amount,
                    reason="expired",
                    payload={"lots": used},
                )
            return {"cards": len(per_card), "points": total}

        return self._run(operation_id, "points.expire", staff_id, body)

    def points_expiring(self, card_number: str, days: int = 30) -> list[dict[str, Any]]:
        """Which points go when: the till shows it so the customer can use them first."""
        with self.store.read() as s:
            card = self._card(s, card_number, for_use=False)
            until = (self._today() + timedelta(days=days)).isoformat()
            rows = s.execute(
                select(PointLot.expires_on, func.sum(PointLot.remaining))
                .where(
                    PointLot.card_id == card.id,
                    PointLot.remaining > 0,
                    PointLot.expires_on <= until,
                )
                .group_by(PointLot.expires_on)
                .order_by(PointLot.expires_on)
            ).all()
            return [{"expires_on": d, "points": int(p)} for d, p in rows]

    def shift_report(self, shift_id: str) -> dict[str, Any]:
        """The Z report of a shift so far: counts and sums per kind, cash, expected drawer."""
        with self.store.read() as s:
            return self._z_report(s, shift_id)

    def _z_report(self, s: Session, shift_id: str) -> dict[str, Any]:
        shift = s.get(Shift, shift_id)
        if shift is None:
            raise LoyaltyError("shift.unknown", "unknown shift")
        figures = self._takings(s, shift.opened_at, shift.closed_at)
        return {
            "shift_id": shift.id,
            "opened_at": shift.opened_at,
            "closed_at": shift.closed_at,
            "opening_float": shift.opening_float,
            **figures,
            "expected_drawer": shift.opening_float + figures["cash_collected"],
        }

    def _takings(self, s: Session, since: str, until: str | None) -> dict[str, Any]:
        """Counts and sums per kind and the cash they brought, for this till between two times."""
        rows = s.execute(
            select(JournalEntry.kind, JournalEntry.amount, JournalEntry.payload).where(
                JournalEntry.till_id == self.store.till_id,
                JournalEntry.created_at >= since,
                *([JournalEntry.created_at <= until] if until else []),
            )
        ).all()
        kinds: dict[str, dict[str, int]] = {}
        cash = {
            "sales": 0,
            "card_sales": 0,
            "topups": 0,
            "gift_cards": 0,
            "memberships": 0,
            "refunds": 0,
        }
        for kind, amount, payload in rows:
            if kind in ("shift.open", "shift.close", "approval"):
                continue
            k = kinds.setdefault(kind, {"count": 0, "sum": 0})
            k["count"] += 1
            k["sum"] += (
                int(amount)
                if amount
                else int(payload.get("amount", 0) or payload.get("refund_amount", 0))
            )
            if kind == "sale":
                key = "sales" if payload.get("tender", "cash") == "cash" else "card_sales"
                cash[key] += int(payload.get("cash_due", 0))
            elif kind == "sv.topup":
                cash["topups"] += int(payload.get("cash", amount))
            elif kind == "gift.load":
                cash["gift_cards"] += int(payload.get("cash", amount))
            elif kind == "membership.buy":
                cash["memberships"] += int(payload.get("cash", 0))
            elif kind == "refund":
                cash["refunds"] += int(payload.get("cash_back", 0))
        collected = (
            cash["sales"]
            + cash["topups"]
            + cash["gift_cards"]
            + cash["memberships"]
            - cash["refunds"]
        )
        return {"kinds": kinds, "cash": cash, "cash_collected": collected}

    def day_bounds(self, day: date | None = None) -> tuple[str, str]:
        """The till's local calendar day as a UTC range, the form the journal's times take."""
        day = day or self._today()
        start = datetime.combine(day, datetime.min.time()).astimezone()
        return iso_utc(start), iso_utc(start + timedelta(days=1))

    def day_report(self, day: date | None = None) -> dict[str, Any]:
        """The supervisor's day at this till, across every shift of it."""
        since, until = self.day_bounds(day)
        with self.store.read() as s:
            floats = sum(
                int(f)
                for f in s.scalars(
                    select(Shift.opening_float).where(
                        Shift.opened_at >= since, Shift.opened_at < until
                    )
                )
            )
            figures = self._takings(s, since, until)
        return {
            "since": since,
            "until": until,
            **figures,
            "opening_floats": floats,
            "expected_drawer": floats + figures["cash_collected"],
        }

    def close_shift(
        self, operation_id: str, staff_id: str, shift_id: str, counted_cash: int | None = None
    ) -> dict[str, Any]:
        """Close with a Z report; the report is a journal entry so head office receives it."""
        if counted_cash is not None:
            _amount(counted_cash, "counted_cash", allow_zero=True)

        def body(ctx: Context) -> dict[str, Any]:
            if not self._has_role(ctx, staff_id, APPROVER_ROLES):
                raise LoyaltyError("staff.role", "only a supervisor or manager can close a shift")
            shift = ctx.session.get(Shift, shift_id)
            if shift is None:
                raise LoyaltyError("shift.unknown", "unknown shift")
            if shift.closed_at is not None:
                raise LoyaltyError("shift.closed", "shift already closed")
            report = self._z_report(ctx.session, shift_id)
            report["closed_at"] = ctx.journal.created_at
            report["closed_by"] = staff_id
            if counted_cash is not None:
                report["counted_cash"] = counted_cash
                report["difference"] = counted_cash - report["expected_drawer"]
            ctx.journal.post("shift.close", payload={"shift_id": shift_id, "report": report})
            return report

        return self._run(operation_id, "shift.close", staff_id, body)

    def recent_sales(
        self,
        *,
        card_number: str | None = None,
        shift_id: str | None = None,
        since: str | None = None,
        limit: int = 20,
    ) -> list[dict[str, Any]]:
        """Sales a cashier can pick for a refund: newest first, with what is left to refund."""
        with self.store.read() as s:
            query = select(Sale).order_by(Sale.created_at.desc()).limit(max(1, min(limit, 5000)))
            if card_number:
                query = query.where(Sale.card_id == self._card(s, card_number, for_use=False).id)
            if shift_id:
                query = query.where(Sale.shift_id == shift_id)
            if since:
                query = query.where(Sale.created_at >= since)
            sales = s.scalars(query).all()
            refunded: dict[str, int] = {}
            if sales:
                for sale_id, payload in s.execute(
                    select(JournalEntry.sale_id, JournalEntry.payload).where(
                        JournalEntry.kind == "refund",
                        JournalEntry.sale_id.in_([x.id for x in sales]),
                    )
                ):
                    refunded[sale_id] = refunded.get(sale_id, 0) + int(payload["refund_amount"])
            numbers = dict(
                s.execute(
                    select(Card.id, Card.number).where(Card.id.in_({x.card_id for x in sales}))
                ).all()
            )
            return [
                {
                    "sale_id": x.id,
                    "created_at": x.created_at,
                    "amount": x.amount,
                    "net": x.amount - x.discount,
                    "refundable": x.amount - x.discount - refunded.get(x.id, 0),
                    "points_earned": x.points_earned,
                    "points_redeemed": x.points_redeemed,
                    "stored_value_used": x.stored_value_used,
                    "masked": cardnumbers.mask(numbers[x.card_id])
                    if x.card_id in numbers
                    else None,
                }
                for x in sales
            ]
