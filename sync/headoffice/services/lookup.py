"""Online lookup: how a till sees a member whose personal data it does not hold.

A till holds the personal data of its own store's members and of members seen at its store
(services/visibility.py); for anyone else the counter asks here while head office is
reachable. Scoped so that it is no way to read out the chain: the till must give an exact key
(a full card number, i.e. the card in hand, or a whole phone number; never a name or a part),
at most `MAX_FOUND` members come back, card numbers only masked, and each till may ask
`RATE_LIMIT` times per `RATE_WINDOW`; every lookup is recorded (`lookups`) with who asked.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from loyalty_core.cardnumbers import mask, normalize
from loyalty_core.ids import iso_utc
from sync.headoffice import schema as t
from sync.headoffice.db import in_list
from sync.headoffice.services import visibility
from sync.headoffice.services.context import Context, ServiceError, TillIdentity
from sync.wire.models import LookupCard, LookupMember, LookupRequest, LookupResponse

RATE_LIMIT = 20
RATE_WINDOW = timedelta(minutes=1)
MAX_FOUND = 5


def lookup(ctx: Context, till: TillIdentity, req: LookupRequest) -> LookupResponse:
    if (req.number is None) == (req.phone is None):
        raise ServiceError(422, "lookup.bad_request", "give a card number or a phone")
    now = ctx.clock()
    with ctx.engine.begin() as conn:
        recent = conn.execute(
            select(func.count()).select_from(t.lookups).where(
                t.lookups.c.till_id == till.id, t.lookups.c.at > iso_utc(now - RATE_WINDOW)
            )
        ).scalar_one()
        if int(recent) >= RATE_LIMIT:
            raise ServiceError(429, "lookup.rate_limited",
                               {"limit": RATE_LIMIT, "seconds": RATE_WINDOW.seconds})
        if req.number is not None:
            by = "number"
            member_ids = list(conn.execute(
                select(t.cards.c.member_id).where(
                    t.cards.c.number == normalize(req.number), t.cards.c.member_id.is_not(None)
                )
            ).scalars())
        else:
            by = "phone"
            member_ids = list(conn.execute(
                select(t.members.c.id).where(t.members.c.phone == req.phone).limit(MAX_FOUND)
            ).scalars())
        found: list[LookupMember] = []
        if member_ids:
            members = conn.execute(
                select(t.members).where(in_list(conn, t.members.c.id, member_ids))
            ).all()
            cards = conn.execute(
                select(t.cards).where(in_list(conn, t.cards.c.member_id, member_ids))
            ).all()
            for m in members[:MAX_FOUND]:
                found.append(LookupMember(
                    member=visibility.details(m),
                    cards=[LookupCard(card_id=c.id, masked=mask(c.number or ""), kind=c.kind,
                                      status=c.status)
                           for c in cards if c.member_id == m.id],
                ))
        conn.execute(t.lookups.insert().values(till_id=till.id, at=iso_utc(now), by=by,
                                               found=len(found)))
    return LookupResponse(found=found)
