"""Rules are validated where they are set (head office) and where they are used (the till).

Regressions from issue 11: `vnd_per_point: 0` was accepted and every checkout then crashed;
`effective_from` with a zone was compared as text, so `2026-12-01T09:00:00+07:00` took effect
about seven hours late.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from loyalty_core import syncstore
from loyalty_core.ids import new_id
from loyalty_core.queries import catalog
from loyalty_core.rules import DEFAULT_RULES
from loyalty_core.store import Store
from sync.headoffice import schema as t
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice
from sync.headoffice.services.context import ServiceError
from sync.wire.models import RuleOut
from tests.sync.conftest import HeadOfficeEnv, make_till

VN_MORNING = "2026-12-01T09:00:00+07:00"
VN_MORNING_UTC = "2026-12-01T02:00:00.000000Z"


@pytest.fixture
def ho(tmp_path: Path) -> HeadOffice:
    engine = make_engine(f"sqlite:///{tmp_path / 'ho.sqlite3'}")
    migrate(engine)
    return HeadOffice(engine)


def stored_rules(ho: HeadOffice) -> list[tuple[int, str]]:
    with ho.ctx.engine.connect() as conn:
        return [(r.version, r.effective_from) for r in conn.execute(select(t.rules))]


@pytest.mark.parametrize(
    ("rules", "effective"),
    [
        ({"earn": {"vnd_per_point": 0}}, "2026-01-01T00:00:00Z"),
        ({"earn": {"vnd_per_point": -5}}, "2026-01-01T00:00:00Z"),
        ({"earn": {"vnd_per_point": "1000"}}, "2026-01-01T00:00:00Z"),
        ({"earn": {"mode": "lottery"}}, "2026-01-01T00:00:00Z"),
        ({"point_value_vnd": 1.5}, "2026-01-01T00:00:00Z"),
        ({}, "2026-12-01T09:00:00"),  # no zone: whose nine o'clock?
        ({}, "next monday"),
    ],
)
def test_head_office_refuses_invalid_rules_with_every_error(
    ho: HeadOffice, rules: dict[str, Any], effective: str
) -> None:
    with pytest.raises(ServiceError) as err:
        ho.set_rule(RuleOut(version=2, effective_from=effective, rules=rules))
    assert err.value.status == 422
    assert err.value.code == "rules.invalid"
    assert err.value.detail  # the list of errors, for the person who typed them
    assert stored_rules(ho) == []


def test_head_office_stores_the_effective_time_in_utc(ho: HeadOffice) -> None:
    ho.set_rule(RuleOut(version=2, effective_from=VN_MORNING, rules={"earn": {"vnd_per_point": 20_000}}))
    assert stored_rules(ho) == [(2, VN_MORNING_UTC)]


def pull(*rules: dict[str, Any]) -> dict[str, Any]:
    return {"rules": list(rules), "journal_cursor": 0, "objects_cursor": 1, "flags_cursor": 0}


def test_till_keeps_the_last_good_rules_and_records_the_refusal(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    good = {"version": 1, "effective_from": "2020-01-01T00:00:00.000000Z",
            "rules": dict(DEFAULT_RULES)}
    bad = {"version": 2, "effective_from": "2021-01-01T00:00:00Z",
           "rules": {**DEFAULT_RULES, "earn": {"mode": "per_amount", "vnd_per_point": 0, "bp": 100}}}
    with store.write() as s:
        syncstore.apply_pull(s, pull(good, bad))
    with store.read() as s:
        in_force = catalog.rules_in_force(s, "2026-06-01T00:00:00.000000Z")
        refused = syncstore.rules_refused(s)
    assert in_force is not None and in_force[0] == 1
    assert refused is not None and refused["version"] == 2
    assert any("vnd_per_point" in e for e in refused["errors"])
    # a valid later version is applied and the refusal is cleared
    fixed = {"version": 3, "effective_from": VN_MORNING, "rules": {"earn": {"vnd_per_point": 500}}}
    with store.write() as s:
        syncstore.apply_pull(s, pull(fixed))
    with store.read() as s:
        assert syncstore.rules_refused(s) is None
        # takes effect at 09:00 in Vietnam, which is 02:00 UTC: not seven hours late
        before = catalog.rules_in_force(s, "2026-12-01T01:59:59.000000Z")
        after = catalog.rules_in_force(s, "2026-12-01T02:00:01.000000Z")
    assert before is not None and before[0] == 1
    assert after is not None and after[0] == 3 and after[1] == VN_MORNING_UTC
    store.close()


def test_worker_snapshot_shows_a_refused_version(tmp_path: Path, head_office: HeadOfficeEnv) -> None:
    """An invalid version already in head office's table (written before the check existed)
    reaches the till, which refuses it and says so in the status bar's snapshot."""
    with head_office.ho.ctx.engine.begin() as conn:
        conn.execute(insert(t.rules).values(
            version=7, effective_from="2021-01-01T00:00:00Z", rules='{"earn": {"vnd_per_point": 0}}',
            change_seq=10_000 + int(new_id()[:4], 16),
        ))
    till = make_till(tmp_path, "till-r", head_office)
    try:
        till.worker.sync_once()
        snap = till.worker.snapshot()
        assert snap.rules_refused is not None and snap.rules_refused["version"] == 7
        assert till.loyalty.rules().version == 1
        quote = till.loyalty.quote(None, 100_000)  # checkout still works on the last good rules
        assert quote["cash_due"] == 100_000
    finally:
        till.close()
