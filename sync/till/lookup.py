"""The counter's reads with head office's online lookup behind them (least data per till).

A till holds personal data only of its own store's members and of members seen at its store;
for another store's member it recognises the card and its balances but holds no name, phone,
birthday or e-mail (docs/SECURITY.md). When such a card is presented, or a phone number finds
no one here, these functions ask head office (`/v1/lookup`: an exact key only, rate-limited
per till, its answer signed) while it is reachable, and show what it says without storing it:
the member's data reaches this till's database only once the member is seen here (a card of
theirs used at this store), through the pull. Offline, the local answer stands as it is.
"""

from __future__ import annotations

import logging
from typing import Any

from loyalty_core import phones
from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from sync.till.client import HeadOfficeClient, SyncError

log = logging.getLogger(__name__)


def member_online(
    client: HeadOfficeClient | None, card_number: str, member_id: str
) -> dict[str, Any] | None:
    """The personal data of the member holding that card, from head office (None offline or
    when head office does not know them); no engine needed, so the app runs it on its network
    lane."""
    if client is None:
        return None
    try:
        answer = client.lookup(number=card_number)
    except SyncError as exc:
        log.info("online lookup unavailable: %s", exc)
        return None
    for found in answer.found:
        if found.member.id == member_id:
            return {"name": found.member.name, "phone": found.member.phone,
                    "birthday": found.member.birthday, "withheld": False, "online": True}
    return None


def customer_view(
    loyalty: Loyalty, client: HeadOfficeClient | None, card_number: str
) -> dict[str, Any]:
    """`Loyalty.customer_view`, with the member's personal data from head office when this till
    holds none of it. `member["online"]` says where it came from (absent: this till)."""
    view = loyalty.customer_view(card_number)
    member = view.get("member")
    if member is not None and member.get("withheld"):
        member.update(member_online(client, view["number"], member["id"]) or {})
    return view


def phone_online(client: HeadOfficeClient | None, phone: str) -> list[dict[str, Any]]:
    """Head office's members with that whole phone number, their cards masked (present the
    card to use it); [] offline, for a tail of digits, or when head office knows no one."""
    if client is None:
        return []
    try:
        e164 = phones.to_e164(phone)
    except LoyaltyError:
        return []  # a tail of digits: head office answers exact numbers only
    try:
        answer = client.lookup(phone=e164)
    except SyncError as exc:
        log.info("online lookup unavailable: %s", exc)
        return []
    return [
        {
            "member_id": m.member.id,
            "name": m.member.name,
            "phone": m.member.phone,
            "number": None,
            "masked": card.masked,
            "card_id": card.card_id,
            "kind": card.kind,
            "status": card.status,
            "online": True,
        }
        for m in answer.found
        for card in m.cards
    ]


def find_by_phone(
    loyalty: Loyalty, client: HeadOfficeClient | None, phone: str
) -> list[dict[str, Any]]:
    """`Loyalty.find_by_phone`; when no one here has that number, head office's members with
    it (`phone_online`)."""
    return loyalty.find_by_phone(phone) or phone_online(client, phone)
