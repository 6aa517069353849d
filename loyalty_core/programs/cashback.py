"""Cashback: `bp` of the money paid goes back onto the card's stored value, optionally expiring.

The credit itself is written by the checkout (`sales.py`, a `cashback` entry) and withdrawn when
unused by `jobs.expire_cashback`; this kind decides the rate.
"""

from __future__ import annotations

from loyalty_core.cardkinds import capabilities
from loyalty_core.programs.base import Benefits, Facts, ProgramKind
from loyalty_core.rows import ProgramRow


class Cashback(ProgramKind):
    name = "cashback"
    integers = ("bp", "expiry_days")
    nullable = ("expiry_days",)  # cashback that never expires

    def contribute(self, benefits: Benefits, program: ProgramRow, facts: Facts) -> None:
        if facts.card is None or not capabilities(facts.card.kind).cashback:
            return
        if int(program.params.get("bp", 0)) > benefits.cashback_bp:
            benefits.cashback_bp = int(program.params["bp"])
            benefits.cashback_expiry_days = program.params.get("expiry_days")
            benefits.offers.append(
                {"kind": "cashback", "name": program.name, "bp": benefits.cashback_bp}
            )


KIND = Cashback()
