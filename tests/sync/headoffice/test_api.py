"""The head office's refusals and guarantees, over real HTTP on both databases."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from loyalty_core.canonical import GENESIS_HASH, entry_hash
from loyalty_core.ids import iso_utc, new_id, utcnow
from sync.headoffice.cli import main
from sync.headoffice.services.policy import TrustPolicy
from sync.till.client import HeadOfficeClient, Refused
from sync.wire import signing
from sync.wire.models import MAX_BODY_BYTES
from sync.wire.transport import is_loopback
from tests.sync.conftest import ADMIN_TOKEN, STORE, HeadOfficeEnv


@pytest.fixture(autouse=True)
def mechanics_only(request: pytest.FixtureRequest) -> None:
    """These tests push synthetic chains (top-ups on a card no entry issued, without a shift)
    to test ingest itself; what an entry may mean is tests/sync/headoffice/test_hostile_till.py's."""
    if "head_office" in request.fixturenames:
        env = request.getfixturevalue("head_office")
        env.ho.ctx.policy = TrustPolicy(judge=False)


def chain(till_id: str, n: int, card_id: str = "card-1", amount: int = 1_000) -> list[dict[str, Any]]:
    """A valid hash chain of stored-value entries, as a till would write it."""
    out: list[dict[str, Any]] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        wire: dict[str, Any] = {
            "id": new_id(), "till_id": till_id, "seq": seq, "created_at": iso_utc(utcnow()),
            "kind": "sv.topup", "card_id": card_id, "account": "stored_value", "amount": amount,
            "operation_id": new_id(), "sale_id": None, "staff_id": None, "approval_id": None,
            "rule_version": 1, "reason": None, "payload": {"cash": amount}, "prev_hash": prev,
        }
        wire["hash"] = entry_hash(wire)
        prev = wire["hash"]
        out.append(wire)
    return out


def register(env: HeadOfficeEnv, till_id: str | None = None) -> HeadOfficeClient:
    code = env.ho.create_enrolment_code(STORE).code
    resp = HeadOfficeClient.register(env.url, code, till_id or new_id(), "test")
    return HeadOfficeClient(env.url, resp.till_id, resp.secret, timeout=5)


def signed_post(client: HeadOfficeClient, path: str, body: bytes, **override: str
                ) -> requests.Response:
    headers = signing.signed_headers(client.till_id, client.secret, "POST", path, body)
    headers.update(override)
    return requests.post(client.base_url + path, data=body, headers=headers, timeout=5)


def test_enrolment_code_is_one_time(head_office: HeadOfficeEnv) -> None:
    code = head_office.ho.create_enrolment_code(STORE).code
    HeadOfficeClient.register(head_office.url, code, new_id())
    with pytest.raises(Refused) as refused:
        HeadOfficeClient.register(head_office.url, code, new_id())
    assert refused.value.status == 403


def test_authentication_refusals(head_office: HeadOfficeEnv) -> None:
    client = register(head_office)
    body = json.dumps({"journal_cursor": 0, "objects_cursor": 0}).encode()
    assert signed_post(client, "/v1/pull", body).status_code == 200
    # Unknown till, wrong secret, tampered body, stale clock, replayed nonce.
    stranger = HeadOfficeClient(head_office.url, new_id(), client.secret)
    assert signed_post(stranger, "/v1/pull", body).status_code == 401
    forger = HeadOfficeClient(head_office.url, client.till_id, signing.new_secret())
    assert signed_post(forger, "/v1/pull", body).status_code == 401
    headers = signing.signed_headers(client.till_id, client.secret, "POST", "/v1/pull", body)
    tampered = body.replace(b"0}", b"5}")
    assert requests.post(client.base_url + "/v1/pull", data=tampered, headers=headers,
                         timeout=5).status_code == 401
    old = str(int(time.time()) - signing.MAX_SKEW_SECONDS - 60)
    nonce = signing.new_nonce()
    stale = {signing.HEADER_TIMESTAMP: old, signing.HEADER_NONCE: nonce,
             signing.HEADER_SIGNATURE: signing.sign(client.secret, "POST", "/v1/pull", old, nonce, body)}
    resp = signed_post(client, "/v1/pull", body, **stale)
    assert resp.status_code == 401 and resp.json()["error"] == "auth.stale"
    headers = signing.signed_headers(client.till_id, client.secret, "POST", "/v1/pull", body)
    first = requests.post(client.base_url + "/v1/pull", data=body, headers=headers, timeout=5)
    replay = requests.post(client.base_url + "/v1/pull", data=body, headers=headers, timeout=5)
    assert first.status_code == 200
    assert replay.status_code == 401 and replay.json()["error"] == "auth.replay"
    assert requests.post(client.base_url + "/v1/pull", data=body, timeout=5).status_code == 401
    # Revoked: known till, correct signature, refused.
    assert head_office.ho.revoke_till(client.till_id)
    resp = signed_post(client, "/v1/pull", body)
    assert resp.status_code == 403 and resp.json()["error"] == "auth.revoked"


def test_payload_validation_and_size_limit(head_office: HeadOfficeEnv) -> None:
    client = register(head_office)
    entries = chain(client.till_id, 1)
    entries[0]["amount"] = 1.5  # money is never a float
    resp = signed_post(client, "/v1/push", json.dumps({"entries": entries}).encode())
    assert resp.status_code == 422 and resp.json()["error"] == "payload.invalid"
    assert signed_post(client, "/v1/push", b"{not json").status_code == 422
    big = b'{"entries": [' + b" " * (MAX_BODY_BYTES + 10) + b"]}"
    assert signed_post(client, "/v1/push", big).status_code == 413

    def chunks() -> Any:  # no Content-Length: the stream itself is counted
        for _ in range(40):
            yield b" " * 65536

    resp = requests.post(client.base_url + "/v1/push", data=chunks(), timeout=10)
    assert resp.status_code == 413
    assert head_office.ho.journal_count() == 0


def test_push_is_exactly_once_and_reports_gaps(head_office: HeadOfficeEnv) -> None:
    a = register(head_office)
    b = register(head_office)
    entries = chain(a.till_id, 10)
    later = a.push(entries[5:])
    assert (later.acked_seq, later.missing, later.inserted) == (0, [(1, 5)], 5)
    # Entries beyond a gap are held but not served to other tills until the gap is filled.
    assert b.pull(0, 0, 0).entries == []
    partial = a.push(entries[:2])
    assert (partial.acked_seq, partial.missing) == (2, [(3, 5)])
    done = a.push(entries)
    assert (done.acked_seq, done.acked_hash, done.missing) == (10, entries[-1]["hash"], [])
    assert (done.inserted, done.duplicates) == (3, 7)
    again = a.push(entries)
    assert (again.acked_seq, again.inserted, again.duplicates) == (10, 0, 10)
    assert head_office.ho.journal_count() == 10
    assert head_office.ho.balance("card-1", "stored_value") == 10_000
    pulled = b.pull(0, 0, 0, limit=4)
    assert [e.seq for e in pulled.entries] == [1, 2, 3, 4] and pulled.more
    rest = b.pull(pulled.journal_cursor, pulled.objects_cursor, pulled.flags_cursor)
    assert [e.seq for e in rest.entries] == [5, 6, 7, 8, 9, 10] and not rest.more
    assert a.pull(0, 0, 0).entries == []  # a till never gets its own entries back


def test_push_refuses_forged_broken_and_foreign_entries(head_office: HeadOfficeEnv) -> None:
    a = register(head_office)
    b = register(head_office)
    entries = chain(a.till_id, 3)
    with pytest.raises(Refused) as foreign:
        b.push(entries)
    assert (foreign.value.status, foreign.value.code) == (403, "push.foreign_entry")
    forged = [dict(e) for e in entries]
    forged[1]["amount"] = 1_000_000
    with pytest.raises(Refused) as bad_hash:
        a.push(forged)
    assert bad_hash.value.code == "push.bad_hash"
    other = chain(a.till_id, 3)  # a second, different chain for the same till: a fork
    a.push(entries[:2])
    with pytest.raises(Refused) as broken:
        a.push([entries[1], other[2]])
    assert broken.value.code == "push.chain_broken"
    with pytest.raises(Refused) as fork:
        a.push(other[:1])
    assert fork.value.code == "push.conflict"
    assert head_office.ho.journal_count() == 2
    assert a.push(entries).acked_seq == 3


def test_reservations_hold_money_across_tills(head_office: HeadOfficeEnv) -> None:
    a = register(head_office)
    b = register(head_office)
    a.push(chain(a.till_id, 5, card_id="gift-1", amount=100_000))  # 500,000 on the card
    first = a.reserve("res-1", "gift-1", 300_000)
    assert (first.status, first.available) == ("held", 200_000)
    assert a.reserve("res-1", "gift-1", 300_000).available == 200_000  # retry: held once
    with pytest.raises(Refused) as refused:
        b.reserve("res-2", "gift-1", 250_000)
    assert refused.value.code == "reserve.insufficient"
    assert b.reserve("res-3", "gift-1", 200_000).available == 0
    assert b.release("res-3").status == "released"
    confirmed = a.confirm("res-1", "op-spend-1")
    assert confirmed.status == "confirmed" and confirmed.available == 200_000
    with pytest.raises(Refused):
        b.confirm("res-1", "x")  # another till's reservation is not found for it
    assert b.reserve("res-4", "gift-1", 200_000).status == "held"
    b.release("res-4")


def test_cli_enrol_report_and_tls_rule(head_office: HeadOfficeEnv,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--db", head_office.db_url]) == 0
    assert main(["enrol-code", "--db", head_office.db_url, "--store", "s9"]) == 0
    code = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["code"]
    assert HeadOfficeClient.register(head_office.url, code, new_id()).store_id == "s9"
    assert main(["report", "overdrawn", "--db", head_office.db_url]) == 0
    assert "no overdrawn cards" in capsys.readouterr().err
    assert main(["serve", "--db", head_office.db_url, "--host", "0.0.0.0"]) == 2
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("10.0.0.1")
    reward = {"id": "r1", "store_id": STORE, "name": "Ly sứ", "points_cost": 500, "stock": 3,
              "active": True}
    assert main(["set", "reward", json.dumps(reward), "--db", head_office.db_url]) == 0
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    resp = requests.put(f"{head_office.url}/v1/admin/rewards", json={**reward, "stock": 2},
                        headers=admin, timeout=5)
    assert resp.status_code == 200
    till = register(head_office)
    pulled = till.pull(0, 0, 0)
    # Issue 12: editing a reward no longer resets its stock (3 received); stock moves by movement.
    assert [(r.id, r.stock) for r in pulled.rewards] == [("r1", 3)]
    assert till.pull(pulled.journal_cursor, pulled.objects_cursor, pulled.flags_cursor).rewards == []
    assert main(["stock", "--db", head_office.db_url, "r1", STORE, "-1"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == {"received": 2}
    again = till.pull(pulled.journal_cursor, pulled.objects_cursor, pulled.flags_cursor)
    assert [(r.id, r.stock) for r in again.rewards] == [("r1", 2)]
    moved = requests.post(f"{head_office.url}/v1/admin/reward-stock",
                          json={"reward_id": "r1", "store_id": STORE, "quantity": 4},
                          headers=admin, timeout=5)
    assert moved.status_code == 200 and moved.json() == {"received": 6}


def test_tls_with_private_ca(tmp_path: Path, head_office: HeadOfficeEnv) -> None:
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    server = head_office.server
    server.stop()
    server.start(ssl_certfile=str(cert), ssl_keyfile=str(key))
    url = f"https://127.0.0.1:{server.port}"
    code = head_office.ho.create_enrolment_code(STORE).code
    reg = HeadOfficeClient.register(url, code, new_id(), verify=str(cert))
    client = HeadOfficeClient(url, reg.till_id, reg.secret, verify=str(cert))
    assert client.pull(0, 0, 0).journal_cursor >= 0
    untrusting = HeadOfficeClient(url, reg.till_id, reg.secret)
    from sync.till.client import Unreachable

    with pytest.raises(Unreachable):
        untrusting.pull(0, 0, 0)
    client.close()
    untrusting.close()
