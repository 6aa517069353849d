"""The shop's day: the calendar date at the shop, in the time zone the program rules name.

Vouchers, point expiry, birthdays, shift and day reports turn over at the shop's midnight, not at
UTC's nor at whatever zone a till's operating system is set to. The zone comes from the rules
(`timezone`), Asia/Ho_Chi_Minh when they name none.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from loyalty_core.ids import iso_utc

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def shop_zone(rules_data: dict[str, Any] | None = None) -> ZoneInfo:
    name = (rules_data or {}).get("timezone") or DEFAULT_TIMEZONE
    return ZoneInfo(str(name))


def shop_today(zone: ZoneInfo) -> date:
    return datetime.now(zone).date()


def day_bounds(day: date, zone: ZoneInfo) -> tuple[str, str]:
    """The shop's calendar day as a UTC range, the form the journal's times take."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    return iso_utc(start), iso_utc(end)
