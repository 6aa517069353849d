"""Birthday campaign: an earn multiplier for members whose birthday is within a window, and an
optional yearly gift of points when the window opens.

The multiplier is priced at the till at sale time. The gift (`gift_points`) is not: a till sees
only the members it has pulled and would grant once per till, so head office grants it once for
the chain, as the chain job `birthday.grant` (sync/headoffice/services/birthdays.py), and tills
pull the bonus. Both read the window the same way, through the helpers below: a member born on
29 February celebrates on 1 March in a common year.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from loyalty_core.bounds import MAX_AMOUNT
from loyalty_core.errors import LoyaltyError
from loyalty_core.programs.base import Benefits, Facts, ProgramKind
from loyalty_core.rows import ProgramRow

DEFAULT_WINDOW_DAYS = 7
# A window wider than half a year would open before the previous birthday's had closed.
MAX_GIFT_WINDOW_DAYS = 180


def celebrated_on(born: date, year: int) -> date:
    """The day a birthday is celebrated in `year` (29 February: 1 March in a common year)."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def birthday_md(birthday: str | None) -> str | None:
    """'MM-DD' of a stored birthday, the key head office finds birthdays by; None if it is not
    a calendar date (a till's hostile or damaged entry must not break a projection)."""
    if not isinstance(birthday, str):
        return None
    try:
        return date.fromisoformat(birthday).strftime("%m-%d")
    except ValueError:
        return None


def month_days_celebrated_on(day: date) -> tuple[str, ...]:
    """Every 'MM-DD' whose birthday is celebrated on `day`: 1 March of a common year is also
    29 February's."""
    md = day.strftime("%m-%d")
    if md == "03-01" and celebrated_on(date(2000, 2, 29), day.year) == day:
        return ("02-29", md)
    return (md,)


def window_days(params: dict[str, Any]) -> int:
    return int(params.get("window_days", DEFAULT_WINDOW_DAYS))


def birthday_whose_window_opens(window_opens: date, days: int) -> date:
    """The birthday whose window (`days` before it) opens on `window_opens`."""
    return window_opens + timedelta(days=days)


def birthday_in_window(birthday: str | None, today: date, window_days: int) -> bool:
    if not birthday:
        return False
    try:
        b = date.fromisoformat(birthday)
    except ValueError:
        return False
    for year in (today.year - 1, today.year, today.year + 1):
        if abs((celebrated_on(b, year) - today).days) <= window_days:
            return True
    return False


class Birthday(ProgramKind):
    name = "birthday"
    integers = ("window_days", "multiplier_pct", "gift_points")

    def validate(self, params: dict[str, Any]) -> None:
        super().validate(params)
        gift = params.get("gift_points", 0)
        if not 0 <= gift <= MAX_AMOUNT:
            raise LoyaltyError("amount.out_of_range",
                               f"gift points are 0 to {MAX_AMOUNT}", field="gift_points")
        if gift and not 0 <= window_days(params) <= MAX_GIFT_WINDOW_DAYS:
            raise LoyaltyError("amount.out_of_range",
                               f"a gift's window is 0 to {MAX_GIFT_WINDOW_DAYS} days",
                               field="window_days")

    def contribute(self, benefits: Benefits, program: ProgramRow, facts: Facts) -> None:
        if facts.member is None:
            return
        window = window_days(program.params)
        if birthday_in_window(facts.member.birthday, facts.today, window):
            pct = int(program.params.get("multiplier_pct", 100))
            benefits.offers.append(
                {"kind": "birthday", "name": program.name, "multiplier_pct": pct}
            )
            benefits.campaign_pct = max(benefits.campaign_pct, pct)


KIND = Birthday()
