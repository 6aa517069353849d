"""Referral: the referrer earns `referrer_points` once, on the referred member's first purchase."""

from __future__ import annotations

from typing import Any

from loyalty_core.cardkinds import kinds_with
from loyalty_core.entries import Kind
from loyalty_core.operations import Context
from loyalty_core.programs.base import ProgramKind
from loyalty_core.queries import cards, people, sales
from loyalty_core.rows import CardRow, ProgramRow


class Referral(ProgramKind):
    name = "referral"
    integers = ("referrer_points",)

    def after_sale(
        self, ctx: Context, programs: tuple[ProgramRow, ...], card: CardRow, sale_id: str
    ) -> dict[str, Any]:
        return {"referral_bonus": self._bonus(ctx, programs, card, sale_id)}

    def _bonus(
        self, ctx: Context, programs: tuple[ProgramRow, ...], card: CardRow, sale_id: str
    ) -> int:
        s = ctx.session
        if not programs or card.member_id is None:
            return 0
        referrer = people.referrer_of(s, card.member_id)
        if not referrer:
            return 0
        if sales.sales_of_cards(s, cards.card_ids_of(s, card.member_id)) != 1:
            return 0  # the sale just written is the first one, or this is not the first
        target = cards.active_card_of(s, referrer, kinds_with("points"))
        if target is None:
            return 0
        total = 0
        for prog in programs:
            points = int(prog.params.get("referrer_points", 0))
            if points:
                ctx.journal.post(
                    Kind.BONUS,
                    card_id=target,
                    account="points",
                    amount=points,
                    sale_id=sale_id,
                    reason="referral",
                    payload={
                        "program": prog.id,
                        "referred": card.member_id,
                        "expires_on": ctx.points_expire_on(),
                    },
                )
                total += points
        return total


KIND = Referral()
