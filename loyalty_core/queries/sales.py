"""Questions about sales: one sale, a member's count, the recent ones a refund picks from."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.rows import SaleRow

_SALE = (
    "SELECT id, card_id, amount, discount, points_redeemed, stored_value_used, points_earned, "
    "created_at, receipt_no FROM sales "
)


def sale(s: Session, sale_id: str) -> SaleRow | None:
    row = rawsql.one(s, _SALE + "WHERE id = ?", (sale_id,))
    return None if row is None else SaleRow(*row)


def sales_of_cards(s: Session, card_ids: list[str]) -> int:
    if not card_ids:
        return 0
    marks = ",".join("?" * len(card_ids))
    value = rawsql.scalar(
        s, f"SELECT count(*) FROM sales WHERE card_id IN ({marks})", tuple(card_ids)
    )
    return int(value or 0)


def recent_sales(
    s: Session,
    *,
    card_id: str | None,
    shift_id: str | None,
    since: str | None,
    limit: int,
) -> list[SaleRow]:
    """Newest first, filtered by card, shift and start time."""
    where: list[str] = []
    params: list[Any] = []
    for column, op, value in (
        ("card_id", "=", card_id),
        ("shift_id", "=", shift_id),
        ("created_at", ">=", since),
    ):
        if value:
            where.append(f"{column} {op} ?")
            params.append(value)
    sql = _SALE + (f"WHERE {' AND '.join(where)} " if where else "")
    sql += "ORDER BY created_at DESC LIMIT ?"
    return [SaleRow(*r) for r in rawsql.rows(s, sql, (*params, limit))]


def sale_by_receipt(s: Session, receipt_no: str) -> SaleRow | None:
    row = rawsql.one(s, _SALE + "WHERE receipt_no = ?", (receipt_no,))
    return None if row is None else SaleRow(*row)


def last_receipt_no(s: Session, till_id: str, short: str) -> str | None:
    """This till's latest receipt number: one range step down the sales' receipt-number index.

    Receipt numbers are "<short>-<6 digits>", so within one till they sort as they were made;
    the range ["<short>-", "<short>.") holds exactly this till's ('.' follows '-' in ASCII).
    """
    value = rawsql.scalar(
        s,
        "SELECT receipt_no FROM sales WHERE receipt_no >= ? AND receipt_no < ? AND till_id = ? "
        "ORDER BY receipt_no DESC LIMIT 1",
        (f"{short}-", f"{short}.", till_id),
    )
    return None if value is None else str(value)
