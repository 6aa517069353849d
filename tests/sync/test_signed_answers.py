"""Head office signs what it serves (issue 13): a till checks every answer against the Ed25519
key it pinned at enrolment, so a man in the middle who alters one object changes nothing.

The man in the middle is a `requests` transport adapter on the till's own HTTP session: it
forwards each request to the real head office and edits the answer's bytes on the way back,
exactly what a proxy between the till and head office could do.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import select

from loyalty_core import syncstore
from loyalty_core.ids import new_id
from loyalty_core.models import Staff
from loyalty_core.staff import hash_pin
from sync.till.client import BadAnswerSignature, HeadOfficeClient
from sync.till.offline import ApprovalRequired, StoredValueGuard
from sync.wire import answers
from sync.wire.models import StaffOut
from tests.sync.conftest import HeadOfficeEnv, Till, make_till, open_counter

Edit = Callable[[str, dict[str, Any]], dict[str, Any] | None]


class ManInTheMiddle(HTTPAdapter):
    """Alters the JSON of answers whose path contains `path` with `edit` (None: unchanged);
    `strip` also removes head office's signature header."""

    def __init__(self, path: str, edit: Edit, strip: bool = False) -> None:
        super().__init__()
        self.path, self.edit, self.strip = path, edit, strip
        self.altered = 0

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        resp = super().send(request, **kwargs)
        if self.path in (request.path_url or "") and resp.status_code == 200:
            body = json.loads(resp.content)
            changed = self.edit(request.path_url, body)
            if changed is not None:
                resp._content = json.dumps(changed).encode()
                resp.headers["Content-Length"] = str(len(resp._content))
                self.altered += 1
            if self.strip:
                resp.headers.pop(answers.HEADER_ANSWER_SIGNATURE, None)
                self.altered += 1
        return resp


def intercept(client: HeadOfficeClient, mitm: ManInTheMiddle) -> None:
    client.session.mount("http://", mitm)


@pytest.fixture
def till(tmp_path: Path, head_office: HeadOfficeEnv) -> Iterator[Till]:
    t = make_till(tmp_path, "till-a", head_office)
    t.worker.sync_once()
    open_counter(t)
    try:
        yield t
    finally:
        t.close()


def promote_to_manager(_path: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """The attack: one staff object of the pull made a manager with the attacker's PIN."""
    for member in body.get("staff", []):
        if member["code"] == "1002":
            member["role"], member["pin_hash"] = "manager", hash_pin("0000")
            return body
    return None


def staff_1002(till: Till) -> tuple[str, str, str]:
    with till.store.read() as s:
        row = s.scalars(select(Staff).where(Staff.code == "1002")).one()
        return row.name, row.role, row.pin_hash


def test_a_tampered_pull_changes_nothing_and_the_status_says_why(
    till: Till, head_office: HeadOfficeEnv
) -> None:
    before = staff_1002(till)
    with till.store.read() as s:
        cursors = syncstore.cursors(s)
    # Head office changes the cashier's name: the next pull carries that staff object.
    head_office.ho.set_staff(StaffOut(id=head_office.ids["1002"], code="1002",
                                      name="Lê Hoàng Nam (ca chiều)", role="cashier",
                                      pin_hash=before[2], card_number=None, active=True))
    mitm = ManInTheMiddle("/v1/pull", promote_to_manager)
    intercept(till.client, mitm)
    assert till.worker.run_cycle() is False
    assert mitm.altered >= 1
    assert staff_1002(till) == before  # neither the attacker's change nor head office's
    with till.store.read() as s:
        assert syncstore.cursors(s) == cursors
    snap = till.worker.snapshot()
    assert snap.untrusted_answer and "pinned key" in snap.untrusted_answer
    assert snap.last_error and snap.last_error.startswith("answer refused")
    # The man in the middle gone, the same till takes head office's own change.
    till.client.session.mount("http://", HTTPAdapter())
    assert till.worker.run_cycle() is True
    assert staff_1002(till)[:2] == ("Lê Hoàng Nam (ca chiều)", "cashier")
    assert till.worker.snapshot().untrusted_answer is None


def test_the_tamper_would_work_on_a_till_that_checks_nothing(
    till: Till, head_office: HeadOfficeEnv
) -> None:
    """The same edit against a client without a pinned key is applied: the check is what
    stops it (and a till enrolled now always has the key pinned)."""
    assert till.client.ho_public_key
    blind = HeadOfficeClient(till.client.base_url, till.client.till_id, till.client.secret)
    intercept(blind, ManInTheMiddle("/v1/pull", promote_to_manager))
    head_office.ho.set_staff(StaffOut(id=head_office.ids["1002"], code="1002",
                                      name="Lê Hoàng Nam", role="cashier",
                                      pin_hash=staff_1002(till)[2], card_number=None,
                                      active=True))
    resp = blind.pull(*[int(c) for c in syncstore_cursors(till)])
    with till.store.write() as s:
        syncstore.apply_pull(s, resp.model_dump())
    assert staff_1002(till)[1] == "manager"
    blind.close()


def syncstore_cursors(till: Till) -> tuple[int, int, int]:
    with till.store.read() as s:
        return syncstore.cursors(s)


def test_an_unsigned_or_replayed_answer_is_refused(till: Till, head_office: HeadOfficeEnv) -> None:
    intercept(till.client, ManInTheMiddle("/v1/pull", lambda _p, _b: None, strip=True))
    with pytest.raises(BadAnswerSignature):
        till.client.pull(0, 0, 0)
    # A genuine signed answer to an earlier request does not pass for the answer to a new one:
    # the signature covers the request's nonce.
    captured: dict[str, Any] = {}

    class Replay(HTTPAdapter):
        def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
            resp = super().send(request, **kwargs)
            if "old" in captured:
                old = captured["old"]
                resp._content = old._content
                resp.headers[answers.HEADER_ANSWER_SIGNATURE] = old.headers[
                    answers.HEADER_ANSWER_SIGNATURE]
            else:
                captured["old"] = resp
            return resp

    till.client.session.mount("http://", Replay())
    till.client.pull(0, 0, 0)
    with pytest.raises(BadAnswerSignature):
        till.client.pull(0, 0, 0)


def test_a_tampered_reservation_answer_is_refused(
    till: Till, head_office: HeadOfficeEnv
) -> None:
    card = till.loyalty.issue_card(new_id(), till.cashier, "prepaid", activate=True)
    till.loyalty.top_up(new_id(), till.cashier, card["number"], 100_000)
    till.worker.sync_once()

    def more_money(_path: str, body: dict[str, Any]) -> dict[str, Any]:
        return {**body, "status": "held", "available": 10**12}

    intercept(till.client, ManInTheMiddle("/v1/reservations", more_money))
    guard = StoredValueGuard(till.store, till.client, daily_limit=1)  # every spend online
    with pytest.raises(BadAnswerSignature):
        till.client.reserve(new_id(), card["id"], 50_000)
    # The counter's guard (holds on every resource, /v1/holds) takes an untrusted answer for
    # none: a supervisor must allow it.
    intercept(till.client, ManInTheMiddle("/v1/holds", more_money))
    with pytest.raises(ApprovalRequired):
        guard.authorise(card["id"], 30_000, new_id())
