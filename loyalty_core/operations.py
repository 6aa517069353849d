"""Operation plumbing: one counter operation is one atomic transaction, idempotent on its id.

Callers (the cashier program, the CLI, tests) make a fresh operation id for each thing the
cashier means to do once, and reuse it on a retry: the second call returns the first call's result
and writes nothing. That is what makes a double press of "confirm" harmless.

`Core` is what every domain module is given: the store, the shop's clock, the rules in force and
`run`. Domain modules take a `Core` (or the `Context` of one running operation) and never import
the `Loyalty` facade.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from loyalty_core import rawsql
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, utcnow
from loyalty_core.journal import JournalWriter
from loyalty_core.queries import catalog, people
from loyalty_core.rules import Rules, merged_rules
from loyalty_core.shopday import shop_today, shop_zone
from loyalty_core.store import Store

# Domain modules annotate the session they pass on to the query layer with this name, so they
# need not import sqlalchemy themselves.
DbSession = Session


@dataclass
class Context:
    """What one operation's body gets: its session, journal writer, rules and clock."""

    session: Session
    journal: JournalWriter
    rules: Rules
    today: date

    def points_expire_on(self) -> str:
        """Expiry of a lot credited today, as the rules in force say."""
        return (self.today + timedelta(days=int(self.rules.data["points_expiry_days"]))).isoformat()

    def check_shift(self, shift_id: object) -> None:
        """A shift id handed in by the caller must name a shift of this till: a sale filed under
        an unknown shift would be missing from every shift report."""
        if shift_id is None:
            return
        if not isinstance(shift_id, str) or people.shift(self.session, shift_id) is None:
            raise LoyaltyError("shift.unknown", "unknown shift")


class Core:
    """The till database as the domain modules see it: store, shop's clock, rules, `run`."""

    def __init__(self, store: Store, clock: Callable[[], date] | None = None) -> None:
        self.store = store
        # A fixed clock (tests, replays) wins; otherwise the shop's day in the rules' zone, so
        # vouchers, expiry and birthdays turn over at the shop's midnight, not at UTC's.
        self._clock = clock
        self._rules_cache: tuple[tuple[int, str, str], Rules] | None = None

    def today(self, rules: Rules) -> date:
        return self._clock() if self._clock is not None else shop_today(shop_zone(rules.data))

    def current_rules(self, session: Session) -> Rules:
        """The rules in force now; parsed once per version, looked up once per transaction."""
        in_session = session.info.get("loyalty.rules")
        if in_session is not None:
            return in_session  # type: ignore[no-any-return]
        key = catalog.rules_in_force(session, iso_utc(utcnow()))
        if key is None:
            return Rules(0, merged_rules())
        cached = self._rules_cache
        if cached is None or cached[0] != key:
            cached = (key, Rules(key[0], merged_rules(json.loads(key[2]))))
            self._rules_cache = cached
        session.info["loyalty.rules"] = cached[1]
        return cached[1]

    def rules(self) -> Rules:
        with self.store.read() as s:
            return self.current_rules(s)

    def run(
        self,
        operation_id: str,
        kind: str,
        staff_id: str | None,
        body: Callable[[Context], dict[str, Any]],
    ) -> dict[str, Any]:
        if not isinstance(operation_id, str) or not 8 <= len(operation_id) <= 64:
            raise LoyaltyError("operation.bad_id", "operation id must be 8-64 characters")
        with self.store.write() as s:
            done_kind, done_result, staff_active = people.replay_and_staff(
                s, operation_id, staff_id
            )
            if done_kind is not None:
                if done_kind != kind:
                    raise LoyaltyError(
                        "operation.reused", "operation id already used for another operation"
                    )
                return json.loads(done_result)
            if staff_id is not None and not staff_active:
                raise LoyaltyError("staff.unknown", "unknown staff member")
            rules = self.current_rules(s)
            journal = JournalWriter(
                s, self.store.till_id, operation_id, staff_id, None, rules.version
            )
            result = body(Context(s, journal, rules, self.today(rules)))
            rawsql.run(
                s,
                "INSERT INTO operations (id, kind, result, created_at) VALUES (?, ?, ?, ?)",
                (operation_id, kind, rawsql.as_json(result), journal.created_at),
            )
            return result
