"""Reading the facts pricing needs, once, into a frozen `programs.Facts`.

Everything `pricing` and the program kinds decide on is read here, before any of it is used:
card, member and tier (from the caller's panel read), the latest paid membership, the programs
running today with what each kind gathers for this card, the balances asked about, the voucher.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from loyalty_core.operations import DbSession
from loyalty_core.pricing import clean_voucher_code
from loyalty_core.programs import REGISTRY, Facts
from loyalty_core.queries import catalog, ledger
from loyalty_core.rows import CardRow, MemberRow, TierRow


def gather(
    s: DbSession,
    found: tuple[CardRow, MemberRow | None, TierRow | None] | None,
    today: date,
    *,
    accounts: tuple[str, ...] = (),
    voucher_code: str | None = None,
) -> Facts:
    """The facts about one card (or none: a sale without a card) for pricing today."""
    voucher = catalog.voucher(s, clean_voucher_code(voucher_code)) if voucher_code else None
    if found is None:
        return Facts(today=today, voucher=voucher)
    card, member, tier = found
    running = catalog.programs_today(s, today)
    programs = {kind: tuple(progs) for kind, progs in running.items()}
    program_facts = {
        p.id: gathered
        for kind in REGISTRY.values()
        for p in programs.get(kind.name, ())
        if (gathered := kind.gather(s, card, p, today))
    }
    return Facts(
        today=today,
        card=card,
        member=member,
        tier=tier,
        membership=catalog.latest_membership(s, member.id) if member is not None else None,
        programs=MappingProxyType(programs),
        program_facts=MappingProxyType(program_facts),
        balances=MappingProxyType(
            {a: ledger.usable_balance(s, card.id, a, today.isoformat()) for a in accounts}
        ),
        voucher=voucher,
    )
