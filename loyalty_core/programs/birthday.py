"""Birthday campaign: an earn multiplier for members whose birthday is within a window."""

from __future__ import annotations

from datetime import date

from loyalty_core.programs.base import Benefits, Facts, ProgramKind
from loyalty_core.rows import ProgramRow


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


class Birthday(ProgramKind):
    name = "birthday"
    integers = ("window_days", "multiplier_pct")

    def contribute(self, benefits: Benefits, program: ProgramRow, facts: Facts) -> None:
        if facts.member is None:
            return
        window = int(program.params.get("window_days", 7))
        if birthday_in_window(facts.member.birthday, facts.today, window):
            pct = int(program.params.get("multiplier_pct", 100))
            benefits.offers.append(
                {"kind": "birthday", "name": program.name, "multiplier_pct": pct}
            )
            benefits.campaign_pct = max(benefits.campaign_pct, pct)


KIND = Birthday()
