"""Enrolment bonus: `points` to a new member's points-carrying card."""

from __future__ import annotations

from loyalty_core.cardkinds import capabilities
from loyalty_core.entries import Kind
from loyalty_core.operations import Context
from loyalty_core.programs.base import ProgramKind
from loyalty_core.rows import ProgramRow


class EnrolBonus(ProgramKind):
    name = "enrol_bonus"
    integers = ("points",)

    def after_enrol(
        self, ctx: Context, programs: tuple[ProgramRow, ...], card_id: str, card_kind: str
    ) -> int:
        if not capabilities(card_kind).points:
            return 0
        total = 0
        for prog in programs:
            points = int(prog.params.get("points", 0))
            if points:
                ctx.journal.post(
                    Kind.BONUS,
                    card_id=card_id,
                    account="points",
                    amount=points,
                    reason="enrolment",
                    payload={"program": prog.id, "expires_on": ctx.points_expire_on()},
                )
                total += points
        return total


KIND = EnrolBonus()
