"""Every loyalty program of the brief, as parts of the engine's pricing and as services.

Pricing rules, written once here and shown to the member by `tier_explanation` and the offers
of `customer_view`:
- Percentage discounts do not stack: the best of tier, active paid membership and an unlocked
  discount-tracking card applies. A voucher then applies on what is left.
- Earn multipliers do stack: tier x paid membership x the best campaign running (birthday window
  or an occasion), rounded once (`Rules.earn_points`).
- Cashback is a percentage of the money actually paid (not points, not stored value), credited to
  the card's stored value as its own entry.
"""

from __future__ import annotations

import functools
import json
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.journal import balance_of
from loyalty_core.models import (
    Card,
    JournalEntry,
    Member,
    Membership,
    MembershipPlan,
    PartnerReference,
    Program,
    Reward,
    RewardStock,
    Sale,
    Setting,
    SyncState,
    Tier,
    Voucher,
)
from loyalty_core.rows import CardRow, MemberRow, TierRow

if TYPE_CHECKING:
    from loyalty_core.services import Context, Loyalty

VOUCHER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a counter


def clean_voucher_code(code: object) -> str:
    """Codes are typed or scanned: letters, digits and dashes only, case-insensitive."""
    if not isinstance(code, str):
        raise LoyaltyError("voucher.bad_code", "voucher code must be text")
    text = code.strip().upper()
    if not 3 <= len(text) <= 32 or not all(
        ch.isascii() and (ch.isalnum() or ch == "-") for ch in text
    ):
        raise LoyaltyError("voucher.bad_code", "voucher code is 3-32 letters, digits or dashes")
    return text


@dataclass
class Benefits:
    """What applies to one card today; computed in one place for quote, checkout and the panel."""

    discount_bp: int = 0
    discount_source: str | None = None
    multipliers: dict[str, int] = field(default_factory=dict)
    cashback_bp: int = 0
    cashback_expiry_days: int | None = None
    offers: list[dict[str, Any]] = field(default_factory=list)
    discount_card: dict[str, Any] | None = None
    membership: dict[str, Any] | None = None


@dataclass(frozen=True)
class ActiveProgram:
    id: str
    kind: str
    name: str
    params: dict[str, Any]
    ends_on: str | None


@functools.lru_cache(maxsize=256)
def _params(text: str) -> dict[str, Any]:
    """Program parameters change rarely and are read on every sale: parse each text once.
    Callers only read the result."""
    return json.loads(text)


def programs_today(s: Session, today: date) -> dict[str, list[ActiveProgram]]:
    """Every program running today, by kind, in one query (it runs on every checkout)."""
    day = today.isoformat()
    out: dict[str, list[ActiveProgram]] = {}
    for pid, kind, name, params, ends_on in rawsql.rows(
        s,
        "SELECT id, kind, name, params, ends_on FROM programs WHERE active "
        "AND (starts_on IS NULL OR starts_on <= ?) AND (ends_on IS NULL OR ends_on >= ?) "
        "ORDER BY id",
        (day, day),
    ):
        out.setdefault(kind, []).append(ActiveProgram(pid, kind, name, _params(params), ends_on))
    return out


def active_programs(s: Session, kind: str, today: date) -> list[ActiveProgram]:
    return programs_today(s, today).get(kind, [])


def birthday_in_window(birthday: str | None, today: date, window_days: int) -> bool:
    if not birthday:
        return False
    try:
        b = date.fromisoformat(birthday)
    except ValueError:
        return False
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            this = b.replace(year=year)
        except ValueError:  # 29 February in a common year: celebrated on 1 March
            this = date(year, 3, 1)
        if abs((this - today).days) <= window_days:
            return True
    return False


def period_start(today: date, period: str) -> date:
    if period == "year":
        return today.replace(month=1, day=1)
    if period == "week":
        return today - timedelta(days=today.weekday())
    return today.replace(day=1)


def card_period_spend(s: Session, card_id: str, since: date) -> int:
    value = s.scalar(
        select(func.coalesce(func.sum(Sale.amount - Sale.discount), 0)).where(
            Sale.card_id == card_id, Sale.created_at >= since.isoformat()
        )
    )
    return int(value or 0)


def benefits_for(
    s: Session,
    card: Card | CardRow | None,
    tier: Tier | TierRow | None,
    today: date,
    member: Member | MemberRow | None = None,
) -> Benefits:
    b = Benefits()
    if card is None:
        return b
    running = programs_today(s, today)
    if tier is not None:
        b.multipliers["tier"] = tier.earn_multiplier_pct
        if tier.discount_bp > b.discount_bp:
            b.discount_bp, b.discount_source = tier.discount_bp, "tier"
    if member is None and card.member_id:
        member = s.get(Member, card.member_id)
    if member is not None:
        row = rawsql.one(
            s,
            "SELECT m.starts_on, m.ends_on, p.name, p.code, p.discount_bp, p.earn_multiplier_pct "
            "FROM memberships m JOIN membership_plans p ON p.id = m.plan_id "
            "WHERE m.member_id = ? ORDER BY m.ends_on DESC LIMIT 1",
            (member.id,),
        )
        if row is not None:
            starts_on, ends_on, plan_name, plan_code, plan_discount, plan_mult = row
            active = starts_on <= today.isoformat() <= ends_on
            b.membership = {
                "plan": plan_name,
                "code": plan_code,
                "ends_on": ends_on,
                "active": active,
            }
            if active:
                b.multipliers["membership"] = int(plan_mult)
                if plan_discount > b.discount_bp:
                    b.discount_bp, b.discount_source = int(plan_discount), "membership"
    if card.kind == "discount":
        for prog in running.get("discount_card", []):
            p = prog.params
            since = period_start(today, p.get("period", "month"))
            spend = card_period_spend(s, card.id, since)
            threshold = int(p["threshold"])
            unlocked = spend >= threshold
            b.discount_card = {
                "program": prog.name,
                "period_spend": spend,
                "threshold": threshold,
                "remaining": max(0, threshold - spend),
                "bp": int(p["bp"]),
                "unlocked": unlocked,
            }
            if unlocked and int(p["bp"]) > b.discount_bp:
                b.discount_bp, b.discount_source = int(p["bp"]), "discount_card"
            break
    best_campaign = 100
    if member is not None:
        for prog in running.get("birthday", []):
            window = int(prog.params.get("window_days", 7))
            if birthday_in_window(member.birthday, today, window):
                pct = int(prog.params.get("multiplier_pct", 100))
                b.offers.append({"kind": "birthday", "name": prog.name, "multiplier_pct": pct})
                best_campaign = max(best_campaign, pct)
    for prog in running.get("occasion", []):
        pct = int(prog.params.get("multiplier_pct", 100))
        b.offers.append(
            {"kind": "occasion", "name": prog.name, "multiplier_pct": pct, "ends_on": prog.ends_on}
        )
        best_campaign = max(best_campaign, pct)
    if best_campaign != 100:
        b.multipliers["campaign"] = best_campaign
    if card.kind in ("prepaid", "combined"):
        for prog in running.get("cashback", []):
            if int(prog.params.get("bp", 0)) > b.cashback_bp:
                b.cashback_bp = int(prog.params["bp"])
                b.cashback_expiry_days = prog.params.get("expiry_days")
                b.offers.append({"kind": "cashback", "name": prog.name, "bp": b.cashback_bp})
    return b


def voucher_discount(
    s: Session, code: str, card: Card | CardRow | None, gross: int, after_pct: int, today: date
) -> tuple[Voucher, int]:
    """Check a voucher for this sale and return it with the discount it gives."""
    voucher = s.scalar(select(Voucher).where(Voucher.code == clean_voucher_code(code)))
    if voucher is None:
        raise LoyaltyError("voucher.unknown", "unknown voucher code")
    day = today.isoformat()
    if day < voucher.valid_from:
        raise LoyaltyError(
            "voucher.not_yet", "voucher not valid yet", valid_from=voucher.valid_from
        )
    if day > voucher.valid_to:
        raise LoyaltyError("voucher.expired", "voucher has expired", valid_to=voucher.valid_to)
    if voucher.uses >= voucher.max_uses:
        raise LoyaltyError("voucher.used_up", "voucher already used", max_uses=voucher.max_uses)
    if voucher.member_id is not None and (card is None or card.member_id != voucher.member_id):
        raise LoyaltyError("voucher.other_customer", "voucher belongs to another customer")
    if gross < voucher.min_spend:
        raise LoyaltyError(
            "voucher.below_minimum",
            "bill below the voucher's minimum spend",
            min_spend=voucher.min_spend,
        )
    if voucher.kind == "percent":
        return voucher, after_pct * voucher.value // 10_000
    return voucher, min(voucher.value, after_pct)


class ProgramsMixin:
    """Program services of `Loyalty`; split out so each file says one thing."""

    def store_id(self: Loyalty) -> str:
        """The store whose reward stock this till uses: head office's word once registered."""
        with self.store.read() as s:
            registered = s.scalar(select(SyncState.value).where(SyncState.key == "ho.store_id"))
            local = s.scalar(select(Setting.value).where(Setting.key == "store_id"))
            return registered or local or "main"

    # ---- vouchers -------------------------------------------------------------------------

    def issue_vouchers(
        self: Loyalty,
        operation_id: str,
        staff_id: str | None,
        *,
        kind: str,
        value: int,
        valid_from: str,
        valid_to: str,
        count: int = 1,
        max_uses: int = 1,
        min_spend: int = 0,
        member_id: str | None = None,
        reason: str | None = None,
        codes: list[str] | None = None,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        """Issue one voucher to a customer, or `count` in bulk; a goodwill voucher needs a
        supervisor (reason "goodwill")."""
        from loyalty_core.services import _amount, clean_text

        if kind not in ("percent", "fixed"):
            raise LoyaltyError("voucher.bad_kind", "voucher kind is percent or fixed")
        _amount(value, "value")
        if kind == "percent" and value > 10_000:
            raise LoyaltyError("voucher.bad_value", "a percentage voucher is at most 100 %")
        _amount(min_spend, "min_spend", allow_zero=True)
        for name, number, top in (("count", count, 10_000), ("max_uses", max_uses, 1_000)):
            if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= top:
                raise LoyaltyError("voucher.bad_count", "count or uses out of range", field=name)
        if codes is not None:
            codes = [clean_voucher_code(c) for c in codes]
            if len(codes) < count:
                raise LoyaltyError("voucher.bad_count", "fewer codes than vouchers", field="codes")
        try:
            if date.fromisoformat(valid_to) < date.fromisoformat(valid_from):
                raise LoyaltyError("voucher.bad_dates", "voucher ends before it starts")
        except (TypeError, ValueError):
            raise LoyaltyError("voucher.bad_dates", "dates must be YYYY-MM-DD") from None
        why = clean_text(reason, "reason")

        def body(ctx: Context) -> dict[str, Any]:
            if why == "goodwill":
                self._require_approval(ctx, "goodwill", "adjust_over", value, approval_id, staff_id)
            card_id = None
            if member_id is not None:
                if ctx.session.get(Member, member_id) is None:
                    raise LoyaltyError("member.unknown", "unknown member")
                card_id = ctx.session.scalar(select(Card.id).where(Card.member_id == member_id))
            made = []
            for i in range(count):
                code = (
                    (
                        codes[i]
                        if codes
                        else "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(10))
                    )
                    .strip()
                    .upper()
                )
                if ctx.session.scalar(select(Voucher.id).where(Voucher.code == code)):
                    raise LoyaltyError(
                        "voucher.code_taken", "voucher code already exists", voucher_code=code
                    )
                voucher = {
                    "id": new_id(),
                    "code": code,
                    "kind": kind,
                    "value": value,
                    "min_spend": min_spend,
                    "max_uses": max_uses,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "member_id": member_id,
                    "reason": why,
                }
                ctx.journal.post(
                    "voucher.issue", card_id=card_id, reason=why, payload={"voucher": voucher}
                )
                made.append(code)
            return {"codes": made}

        return self._run(operation_id, "voucher.issue", staff_id, body)

    def vouchers_for(self: Loyalty, card_number: str) -> list[dict[str, Any]]:
        """Vouchers the panel shows for this customer: theirs, still valid and not used up."""
        with self.store.read() as s:
            card = self._card(s, card_number, for_use=False)
            if card.member_id is None:
                return []
            day = self._today().isoformat()
            rows = s.scalars(
                select(Voucher).where(
                    Voucher.member_id == card.member_id,
                    Voucher.valid_to >= day,
                    Voucher.valid_from <= day,
                    Voucher.uses < Voucher.max_uses,
                )
            ).all()
            return [
                {
                    "code": v.code,
                    "kind": v.kind,
                    "value": v.value,
                    "min_spend": v.min_spend,
                    "valid_to": v.valid_to,
                }
                for v in rows
            ]

    # ---- tiers ----------------------------------------------------------------------------

    def review_tiers(
        self: Loyalty, operation_id: str, staff_id: str | None = None
    ) -> dict[str, Any]:
        """The scheduled downgrade review: a member whose qualifying spend over the window fell
        below their tier's threshold drops one tier (never more than one per review)."""

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            tiers = s.scalars(select(Tier).order_by(Tier.rank)).all()
            by_id = {t.id: t for t in tiers}
            changed = 0
            for member in s.scalars(select(Member).where(Member.tier_id.is_not(None))):
                tier = by_id.get(member.tier_id or "")
                if tier is None or tier.rank == tiers[0].rank:
                    continue
                spend = self._member_qualifying(s, member.id, ctx.rules)
                if spend >= tier.threshold:
                    continue
                lower = max((t for t in tiers if t.rank < tier.rank), key=lambda t: t.rank)
                card_id = s.scalar(select(Card.id).where(Card.member_id == member.id))
                ctx.journal.post(
                    "tier.change",
                    card_id=card_id,
                    reason="review",
                    payload={
                        "member_id": member.id,
                        "from": tier.id,
                        "to": lower.id,
                        "spend": spend,
                    },
                )
                changed += 1
            return {"downgraded": changed}

        return self._run(operation_id, "tier.review", staff_id, body)

    def tier_explanation(self: Loyalty, card_number: str) -> dict[str, Any]:
        """Why a member is in their tier, what keeps it and what lifts it: shown at the till."""
        with self.store.read() as s:
            _card, member, tier = self._card_rows(s, card_number, for_use=False)
            if member is None:
                raise LoyaltyError("member.none", "this card has no member")
            rules = self.current_rules(s)
            window = int(rules.data.get("tier_window_days", 365))
            spend = self._member_qualifying(s, member.id, rules)
            nxt = None
            if tier is not None:
                nxt = s.scalars(
                    select(Tier).where(Tier.rank > tier.rank).order_by(Tier.rank)
                ).first()
            return {
                "tier": tier.name if tier else None,
                "window_days": window,
                "qualifying_spend": spend,
                "keep_threshold": tier.threshold if tier else 0,
                "keep_needs": max(0, (tier.threshold if tier else 0) - spend),
                "next_tier": nxt.name if nxt else None,
                "next_threshold": nxt.threshold if nxt else None,
                "next_needs": max(0, nxt.threshold - spend) if nxt else None,
                "rule": "upgrade at once when spend over the window reaches the next threshold; "
                "reviewed on schedule, one tier down if spend fell below this tier's",
            }

    # ---- rewards --------------------------------------------------------------------------

    def rewards_available(self: Loyalty, card_number: str | None = None) -> list[dict[str, Any]]:
        """Only rewards in stock at this store are offered; `affordable` says if points cover it."""
        store_id = self.store_id()
        with self.store.read() as s:
            points = None
            if card_number:
                card = self._card(s, card_number, for_use=False)
                points = balance_of(s, card.id, "points")
            rows = s.execute(
                select(Reward, RewardStock.quantity)
                .join(RewardStock, RewardStock.reward_id == Reward.id)
                .where(
                    Reward.active.is_(True),
                    RewardStock.store_id == store_id,
                    RewardStock.quantity > 0,
                )
                .order_by(Reward.points_cost)
            ).all()
            return [
                {
                    "code": r.code,
                    "name": r.name,
                    "points_cost": r.points_cost,
                    "stock": q,
                    "affordable": points is None or points >= r.points_cost,
                }
                for r, q in rows
            ]

    def redeem_reward(
        self: Loyalty,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        reward_code: str,
        *,
        approval_id: str | None = None,
    ) -> dict[str, Any]:
        store_id = self.store_id()

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            card = self._card(s, card_number)
            reward = s.scalar(
                select(Reward).where(Reward.code == reward_code, Reward.active.is_(True))
            )
            if reward is None:
                raise LoyaltyError("reward.unknown", "unknown reward")
            stock = s.get(RewardStock, (reward.id, store_id))
            if stock is None or stock.quantity <= 0:
                raise LoyaltyError("reward.out_of_stock", "reward out of stock", name=reward.name)
            available = balance_of(s, card.id, "points")
            if available < reward.points_cost:
                raise LoyaltyError("points.insufficient", "not enough points", available=available)
            value = reward.points_cost * ctx.rules.point_value
            self._require_approval(ctx, "redeem", "redeem_value_over", value, approval_id, staff_id)
            left = stock.quantity - 1
            lots = self._consume_lots(s, card.id, reward.points_cost)
            ctx.journal.post(
                "reward.redeem",
                card_id=card.id,
                account="points",
                amount=-reward.points_cost,
                payload={
                    "lots": lots,
                    "reward_id": reward.id,
                    "store_id": store_id,
                    "name": reward.name,
                },
            )
            return {
                "reward": reward.name,
                "points": reward.points_cost,
                "stock_left": left,
                "balances": self._balances(s, card.id),
            }

        return self._run(operation_id, "reward.redeem", staff_id, body)

    # ---- paid membership ------------------------------------------------------------------

    def buy_membership(
        self: Loyalty,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        plan_code: str,
        *,
        shift_id: str | None = None,
    ) -> dict[str, Any]:
        """Purchase or renewal: a renewal extends from the end of the current term if active."""

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            card = self._card(s, card_number)
            if card.member_id is None:
                raise LoyaltyError("member.none", "this card has no member")
            plan = s.scalar(select(MembershipPlan).where(MembershipPlan.code == plan_code))
            if plan is None:
                raise LoyaltyError("membership.unknown_plan", "unknown membership plan")
            current = s.get(Membership, (card.member_id, plan.id))
            start = ctx.today
            if current is not None and current.ends_on >= ctx.today.isoformat():
                start = date.fromisoformat(current.ends_on) + timedelta(days=1)
            ends = start + timedelta(days=plan.term_days - 1)
            ctx.journal.post(
                "membership.buy",
                card_id=card.id,
                payload={
                    "member_id": card.member_id,
                    "plan_id": plan.id,
                    "starts_on": (
                        current.starts_on if current and start != ctx.today else start.isoformat()
                    ),
                    "ends_on": ends.isoformat(),
                    "fee": plan.fee,
                    "cash": plan.fee,
                    "shift_id": shift_id,
                    "renewal": current is not None,
                },
            )
            return {
                "plan": plan.name,
                "fee": plan.fee,
                "ends_on": ends.isoformat(),
                "renewal": current is not None,
            }

        return self._run(operation_id, "membership.buy", staff_id, body)

    def membership_plans(self: Loyalty) -> list[dict[str, Any]]:
        with self.store.read() as s:
            return [
                {
                    "code": p.code,
                    "name": p.name,
                    "fee": p.fee,
                    "term_days": p.term_days,
                    "discount_bp": p.discount_bp,
                    "earn_multiplier_pct": p.earn_multiplier_pct,
                }
                for p in s.scalars(select(MembershipPlan).order_by(MembershipPlan.fee))
            ]

    # ---- coalition ------------------------------------------------------------------------

    def convert_partner_points(
        self: Loyalty,
        operation_id: str,
        staff_id: str | None,
        card_number: str,
        partner: str,
        partner_points: int,
        partner_reference: str,
    ) -> dict[str, Any]:
        """Partner points into ours at the configured rate; the partner's reference is kept so
        head office can settle, and converting the same reference twice is refused."""
        from loyalty_core.services import _amount, clean_text

        _amount(partner_points, "partner_points")
        ref = clean_text(partner_reference, "partner_reference", required=True) or ""

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            card = self._card(s, card_number)
            rate = None
            for prog in active_programs(s, "coalition", ctx.today):
                if prog.params.get("partner") == partner:
                    rate = prog.params
            if rate is None:
                raise LoyaltyError(
                    "coalition.unknown_partner", "no agreement with this partner", partner=partner
                )
            if s.get(PartnerReference, (partner, ref)) is not None:
                raise LoyaltyError(
                    "coalition.duplicate", "this partner transfer was already converted"
                )
            ours = partner_points * int(rate["ours"]) // int(rate["theirs"])
            if ours <= 0:
                raise LoyaltyError("coalition.too_small", "too few partner points to convert")
            expires = ctx.points_expire_on()
            entry = ctx.journal.post(
                "coalition",
                card_id=card.id,
                account="points",
                amount=ours,
                payload={
                    "partner": partner,
                    "partner_points": partner_points,
                    "reference": ref,
                    "expires_on": expires,
                },
            )
            return {"points": ours, "entry_id": entry["id"]}

        return self._run(operation_id, "coalition", staff_id, body)

    # ---- enrolment and referral bonuses ---------------------------------------------------

    def _enrolment_bonus(self: Loyalty, ctx: Context, card_id: str, kind: str) -> int:
        if kind not in ("member", "combined", "discount"):
            return 0
        total = 0
        for prog in active_programs(ctx.session, "enrol_bonus", ctx.today):
            points = int(prog.params.get("points", 0))
            if points:
                expires = ctx.points_expire_on()
                ctx.journal.post(
                    "bonus",
                    card_id=card_id,
                    account="points",
                    amount=points,
                    reason="enrolment",
                    payload={"program": prog.id, "expires_on": expires},
                )
                total += points
        return total

    def _referral_bonus(self: Loyalty, ctx: Context, card: Card | CardRow, sale_id: str) -> int:
        """The referrer earns once, on the referred member's first purchase."""
        s = ctx.session
        referrer = rawsql.scalar(
            s, "SELECT referrer_id FROM members WHERE id = ?", (card.member_id,)
        )
        if not referrer:
            return 0
        member = s.get(Member, card.member_id)
        if member is None:
            return 0
        card_ids = s.scalars(select(Card.id).where(Card.member_id == member.id)).all()
        sales = s.scalar(select(func.count()).select_from(Sale).where(Sale.card_id.in_(card_ids)))
        if (sales or 0) != 1:  # the sale just written is the first one
            return 0
        target = s.scalar(
            select(Card.id).where(
                Card.member_id == member.referrer_id,
                Card.status == "active",
                Card.kind.in_(("member", "combined", "discount")),
            )
        )
        if target is None:
            return 0
        total = 0
        for prog in active_programs(s, "referral", ctx.today):
            points = int(prog.params.get("referrer_points", 0))
            if points:
                expires = ctx.points_expire_on()
                ctx.journal.post(
                    "bonus",
                    card_id=target,
                    account="points",
                    amount=points,
                    sale_id=sale_id,
                    reason="referral",
                    payload={
                        "program": prog.id,
                        "referred": member.id,
                        "expires_on": expires,
                    },
                )
                total += points
        return total

    def expire_cashback(self: Loyalty, operation_id: str) -> dict[str, Any]:
        """Cashback not used by its expiry is withdrawn, up to the stored value still there:
        stored value is one pot, so the rule takes the lesser of the credit and the balance."""

        def body(ctx: Context) -> dict[str, Any]:
            s = ctx.session
            day = ctx.today.isoformat()
            done = {
                p.get("cashback_entry")
                for p in s.scalars(
                    select(JournalEntry.payload).where(JournalEntry.kind == "cashback.expire")
                )
            }
            total = 0
            for e in s.scalars(select(JournalEntry).where(JournalEntry.kind == "cashback")):
                expires = e.payload.get("expires_on")
                if not expires or expires >= day or e.id in done:
                    continue
                take = min(e.amount, balance_of(s, e.card_id or "", "stored_value"))
                ctx.journal.post(
                    "cashback.expire",
                    card_id=e.card_id,
                    account="stored_value",
                    amount=-take,
                    payload={"cashback_entry": e.id},
                )
                total += take
            return {"withdrawn": total}

        return self._run(operation_id, "cashback.expire", None, body)

    # ---- definitions (head office owns these; the demo and first set-up write them here) --

    def define_program(
        self: Loyalty,
        kind: str,
        name: str,
        params: dict[str, Any],
        starts_on: str | None = None,
        ends_on: str | None = None,
    ) -> str:
        if kind not in PROGRAM_KINDS:
            raise LoyaltyError("program.bad_kind", "unknown program kind", kind=kind)
        for key, value in params.items():
            if isinstance(value, float):
                raise LoyaltyError("program.float", "program numbers are integers", field=key)
        program_id = new_id()
        with self.store.write() as s:
            s.add(
                Program(
                    id=program_id,
                    kind=kind,
                    name=name,
                    params=params,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    active=True,
                )
            )
        return program_id

    def define_reward(self: Loyalty, code: str, name: str, points_cost: int, stock: int) -> str:
        from loyalty_core.services import _amount

        _amount(points_cost, "points_cost")
        _amount(stock, "stock", allow_zero=True)
        store_id = self.store_id()
        reward_id = new_id()
        with self.store.write() as s:
            s.add(Reward(id=reward_id, code=code, name=name, points_cost=points_cost, active=True))
            s.flush()
            s.add(RewardStock(reward_id=reward_id, store_id=store_id, quantity=stock))
        return reward_id

    def define_plan(
        self: Loyalty,
        code: str,
        name: str,
        fee: int,
        term_days: int,
        discount_bp: int = 0,
        earn_multiplier_pct: int = 100,
    ) -> str:
        plan_id = new_id()
        with self.store.write() as s:
            s.add(
                MembershipPlan(
                    id=plan_id,
                    code=code,
                    name=name,
                    fee=fee,
                    term_days=term_days,
                    discount_bp=discount_bp,
                    earn_multiplier_pct=earn_multiplier_pct,
                )
            )
        return plan_id


PROGRAM_KINDS = (
    "cashback",
    "birthday",
    "occasion",
    "discount_card",
    "referral",
    "enrol_bonus",
    "coalition",
)
