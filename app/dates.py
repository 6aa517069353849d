"""Dates as a Vietnamese cashier types them: day first (`03/12/1995`).

The engine stores ISO dates; this is the one place the counter turns typed text into one.
ISO (`1995-12-03`) is still understood, because it is what a date copied from a list looks like.
"""

from __future__ import annotations

import re
from datetime import date

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> date | None:
    """`03/12/1995`, `3.12.1995`, `03-12-1995` or `1995-12-03`; None for anything else."""
    m = _DAY_FIRST.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = _ISO.match(text)
        if not m:
            return None
        year, month, day = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_text(value: date) -> str:
    return value.strftime("%d/%m/%Y")
