"""Stored-value holds on head office, without the network: expiry on head office's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice, ServiceError, TillIdentity
from sync.headoffice.services.policy import TrustPolicy
from sync.wire.models import WireEntry
from tests.sync.headoffice.test_api import chain


def test_reservations_expire(tmp_path: Path) -> None:
    now = [datetime(2026, 11, 25, 8, 0, tzinfo=UTC)]
    engine = make_engine(str(tmp_path / "ho.sqlite3"))
    migrate(engine)
    ho = HeadOffice(engine, reservation_ttl=timedelta(minutes=5), clock=lambda: now[0])
    ho.ctx.policy = TrustPolicy(judge=False)  # a synthetic chain: holds are the subject here
    till = TillIdentity("till-x", "s1")
    ho.push(till, [WireEntry.model_validate(e) for e in chain("till-x", 2, "gift", 100_000)])
    assert ho.reserve(till, "r1", "gift", 200_000).available == 0
    with pytest.raises(ServiceError) as refused:
        ho.reserve(till, "r2", "gift", 1)
    assert refused.value.code == "reserve.insufficient"
    now[0] += timedelta(minutes=6)
    assert ho.reserve(till, "r3", "gift", 150_000).available == 50_000
    with pytest.raises(ServiceError) as late:
        ho.confirm(till, "r1", "op-1")
    assert late.value.code == "reserve.expired"
    engine.dispose()
