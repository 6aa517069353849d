"""Coalition partner: the partner's points become ours at `ours`/`theirs`, once per reference."""

from __future__ import annotations

from typing import Any

from loyalty_core import cards
from loyalty_core.entries import Kind
from loyalty_core.errors import LoyaltyError
from loyalty_core.operations import Context, Core
from loyalty_core.programs.base import ProgramKind
from loyalty_core.queries import catalog
from loyalty_core.validation import amount, clean_text


class Coalition(ProgramKind):
    name = "coalition"
    integers = ("ours", "theirs")


KIND = Coalition()


def convert_partner_points(
    core: Core,
    operation_id: str,
    staff_id: str | None,
    card_number: str,
    partner: str,
    partner_points: int,
    partner_reference: str,
) -> dict[str, Any]:
    """Partner points into ours at the configured rate; the partner's reference is kept so
    head office can settle, and converting the same reference twice is refused."""
    amount(partner_points, "partner_points")
    ref = clean_text(partner_reference, "partner_reference", required=True) or ""

    def body(ctx: Context) -> dict[str, Any]:
        s = ctx.session
        card = cards.card(core, s, card_number)
        rate = None
        for prog in catalog.programs_today(s, ctx.today).get(KIND.name, []):
            if prog.params.get("partner") == partner:
                rate = prog.params
        if rate is None:
            raise LoyaltyError(
                "coalition.unknown_partner", "no agreement with this partner", partner=partner
            )
        if catalog.partner_reference_used(s, partner, ref):
            raise LoyaltyError("coalition.duplicate", "this partner transfer was already converted")
        ours = partner_points * int(rate["ours"]) // int(rate["theirs"])
        if ours <= 0:
            raise LoyaltyError("coalition.too_small", "too few partner points to convert")
        entry = ctx.journal.post(
            Kind.COALITION,
            card_id=card.id,
            account="points",
            amount=ours,
            payload={
                "partner": partner,
                "partner_points": partner_points,
                "reference": ref,
                "expires_on": ctx.points_expire_on(),
            },
        )
        return {"points": ours, "entry_id": entry["id"]}

    return core.run(operation_id, "coalition", staff_id, body)
