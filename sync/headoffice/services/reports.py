"""Reports and read-only questions for operators and tests (overdrawn cards, counts, balances)."""

from __future__ import annotations

from sqlalchemy import func, select

from sync.headoffice import schema as t
from sync.headoffice.services.context import Context
from sync.headoffice.services.holds import balance as _balance
from sync.headoffice.services.projection import OVERDRAWN
from sync.wire.models import OverdrawnCard


def overdrawn(ctx: Context) -> list[OverdrawnCard]:
    with ctx.read() as conn, conn.begin():
        rows = conn.execute(
            select(t.card_flags, t.cards.c.number)
            .select_from(t.card_flags.outerjoin(t.cards, t.cards.c.id == t.card_flags.c.card_id))
            .where(t.card_flags.c.flagged.like(f"%{OVERDRAWN}%"))
            .order_by(t.card_flags.c.flagged_at)
        ).all()
    return [
        OverdrawnCard(card_id=r.card_id, number=r.number, stored_value=r.stored_value,
                      flagged_at=r.flagged_at)
        for r in rows
    ]


def journal_count(ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.journal)).scalar_one())


def balance(ctx: Context, card_id: str, account: str) -> int:
    with ctx.engine.connect() as conn:
        return _balance(conn, card_id, account)
