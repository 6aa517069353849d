"""Vouchers a customer holds. Head office issues vouchers (one code, or a batch with
unguessable codes) and every till applies them as definitions (`loyalty_core.definitions`); a
till only uses them (`voucher.use` entries, in checkout).

Whether a voucher applies to a sale, and how much it takes off, is `pricing.voucher_discount`.
"""

from __future__ import annotations

from typing import Any

from loyalty_core import cards
from loyalty_core.operations import Core
from loyalty_core.queries import catalog


def vouchers_for(core: Core, card_number: str) -> list[dict[str, Any]]:
    """Vouchers the panel shows for this customer: theirs, still valid and not used up."""
    with core.store.read() as s:
        card = cards.card(core, s, card_number, for_use=False)
        if card.member_id is None:
            return []
        day = core.today(core.current_rules(s)).isoformat()
        return [
            {
                "code": v.code,
                "kind": v.kind,
                "value": v.value,
                "min_spend": v.min_spend,
                "valid_to": v.valid_to,
            }
            for v in catalog.member_vouchers(s, card.member_id, day)
        ]
