"""Occasion campaign (Black Friday, Tết): an earn multiplier for everyone while it runs."""

from __future__ import annotations

from loyalty_core.programs.base import Benefits, Facts, ProgramKind
from loyalty_core.rows import ProgramRow


class Occasion(ProgramKind):
    name = "occasion"
    integers = ("multiplier_pct",)

    def contribute(self, benefits: Benefits, program: ProgramRow, facts: Facts) -> None:
        pct = int(program.params.get("multiplier_pct", 100))
        benefits.offers.append(
            {
                "kind": "occasion",
                "name": program.name,
                "multiplier_pct": pct,
                "ends_on": program.ends_on,
            }
        )
        benefits.campaign_pct = max(benefits.campaign_pct, pct)


KIND = Occasion()
