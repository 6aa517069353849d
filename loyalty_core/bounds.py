"""The limits every value must keep, shared by the till and head office.

One table, so that nothing a till accepts can be refused by head office for its size: head office
checks pushed entries against these same numbers (and its database columns are sized from them).
Amounts are whole đồng and points whole points; the balance bound keeps every sum inside SQLite's
and PostgreSQL's 64-bit integers (2**63 ≈ 9.2 × 10**18) with room for a chain's whole history.
"""

from __future__ import annotations

from typing import Final

MAX_AMOUNT: Final = 10_000_000_000  # one movement: 10 tỷ đồng; above is a typing accident
MAX_POINTS: Final = 1_000_000_000  # one movement of points
MAX_BALANCE: Final = 10**15  # any balance or running sum on one card and account
MAX_TEXT: Final = 200  # names, reasons, free text at the counter
MAX_NAME: Final = 120  # a person's name
MAX_SEGMENT: Final = 40  # a marketing segment label
MAX_EMAIL: Final = 254  # RFC 5321 path limit
MAX_PHONE_E164: Final = 16  # "+" and at most 15 digits (ITU-T E.164)
MAX_SALE_LINES: Final = 200  # lines on one sale
MAX_LINE_TEXT: Final = 80  # a line's description or SKU
MAX_LINE_QUANTITY: Final = 10_000
MAX_LINES_JSON_BYTES: Final = 32_768  # the whole `lines` payload as canonical JSON
MIN_BIRTH_YEAR: Final = 1900
MAX_ID: Final = 64  # any id (uuid4 strings today) on the wire and in head office's columns
MAX_PHONE_TEXT: Final = 32  # a phone as typed; numbers from before E.164 are kept in this form
MAX_SEGMENT_COLUMN: Final = MAX_TEXT  # older tills took any free text as a segment: keep room
MAX_WIRE_AMOUNT: Final = MAX_BALANCE  # an entry's amount on the wire (a balance moved whole)
