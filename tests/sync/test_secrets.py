"""Secrets and files (issue 13): the till's secret lives in a 0600 key file, not its database;
head office derives till secrets from its master key and stores none; rotation; enrolment from
the command line; databases 0600; a till receives only its own store's staff."""

from __future__ import annotations

import json
import os
import sqlite3
import ssl
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from loyalty_core import syncstore, tillkey
from loyalty_core.demo import seed_demo
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.staff import hash_pin
from loyalty_core.store import Store, alembic_config
from sync.headoffice import schema as t
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice
from sync.headoffice.pgcluster import free_port
from sync.headoffice.services import tillsecrets
from sync.till.client import HeadOfficeClient, Refused, Unreachable
from sync.till.demo import start_demo_head_office
from sync.till.enrolment import main as enrol
from sync.till.registration import check_url, client_for, register_till, rotate_secret
from sync.till.worker import SyncWorker
from sync.wire.models import StaffOut
from tests.sync.conftest import RunningServer, seed_head_office

MASTER = tillsecrets.new_master_key().encode()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def file_bytes(path: Path) -> bytes:
    """The database file and its side files, as an attacker copying them would read them."""
    return b"".join(
        p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )


class HO:
    def __init__(self, path: Path, master: bytes = MASTER) -> None:
        self.path = path
        self.engine = make_engine(str(path))
        migrate(self.engine)
        self.ho = HeadOffice(self.engine, master_key=master)
        self.ids = seed_head_office(self.ho)
        self.server = RunningServer(self.ho, free_port())
        self.server.start()
        self.url = self.server.url

    def close(self) -> None:
        self.server.stop()
        self.engine.dispose()


@pytest.fixture
def ho(tmp_path: Path) -> Iterator[HO]:
    served = HO(tmp_path / "ho" / "headoffice.sqlite3")
    try:
        yield served
    finally:
        served.close()


def test_the_till_secret_is_in_a_0600_key_file_and_in_no_database(
    tmp_path: Path, ho: HO
) -> None:
    store = Store.open(tmp_path / "till" / "till.sqlite3")
    client = register_till(store, ho.url, ho.ho.create_enrolment_code("store-q1").code, "T1")
    client.pull(0, 0, 0)
    secret = client.secret
    client.close()
    key = tillkey.key_path(store.path)
    # The key file also pins head office's answer key and the chain key (issue 13): JSON.
    assert json.loads(key.read_text())["secret"] == secret
    assert tillkey.read_keys(store.path)["ho_public_key"] == client.ho_public_key
    assert client.ho_public_key and tillkey.read_keys(store.path)["chain_key"]
    assert mode(key) == 0o600 and mode(Path(store.path)) == 0o600
    assert mode(key.parent) == 0o700  # we created the directory
    assert secret.encode() not in file_bytes(Path(store.path))
    assert mode(ho.path) == 0o600
    ho.close()  # checkpoint head office's WAL: the whole database is in the file
    ho.server.start()
    assert secret.encode() not in file_bytes(ho.path)
    with ho.engine.connect() as conn:
        row = conn.execute(select(t.tills).where(t.tills.c.id == store.till_id)).one()
    assert row.secret is None and row.secret_wrap is None and row.secret_gen == 1
    again = client_for(store)
    assert again is not None and again.secret == secret
    again.pull(0, 0, 0)
    again.close()
    store.close()


def test_a_restarted_head_office_with_the_same_master_key_knows_the_till(
    tmp_path: Path, ho: HO
) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    register_till(store, ho.url, ho.ho.create_enrolment_code("store-q1").code).close()
    ho.close()
    other = HeadOffice(ho.engine, master_key=tillsecrets.new_master_key().encode())
    ho.server.ho = other  # a head office started with the wrong key refuses the till
    ho.server.start()
    client = client_for(store)
    assert client is not None
    with pytest.raises(Refused) as refused:
        client.pull(0, 0, 0)
    assert refused.value.code == "auth.bad_signature"
    ho.server.stop()
    ho.server.ho = HeadOffice(ho.engine, master_key=MASTER)
    ho.server.start()
    client.pull(0, 0, 0)
    client.close()
    store.close()


def test_rotation_issues_a_new_secret_and_the_old_one_is_refused_after(
    tmp_path: Path, ho: HO
) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    old = register_till(store, ho.url, ho.ho.create_enrolment_code("store-q1").code)
    assert enrol(["--rotate", "--db", store.path]) == 0
    new = client_for(store)
    assert new is not None and new.secret != old.secret
    new.pull(0, 0, 0)
    with pytest.raises(Refused) as refused:
        old.pull(0, 0, 0)
    assert refused.value.code == "auth.bad_signature"
    # A rotation whose reply was lost: asking again hands out the same pending secret, and the
    # current one keeps working until the new one is used.
    first = new.rotate()
    assert new.rotate().secret == first.secret
    new.pull(0, 0, 0)
    fresh = rotate_secret(new, store)
    assert fresh.secret == first.secret == tillkey.read_secret(store.path)
    for c in (old, new, fresh):
        c.close()
    store.close()


def test_an_old_till_database_moves_its_secret_to_the_key_file(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    store = Store.open(path)
    with store.write_engine.begin() as conn:  # back to the schema before the key file
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    store.close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO sync_state (key, value) VALUES ('ho.till_secret', 'legacy-secret')")
    con.commit()
    con.close()
    store = Store.open(path)
    with store.read() as s:
        assert syncstore.get_state(s, "ho.till_secret") is None
    assert tillkey.read_secret(path) == "legacy-secret"
    assert mode(tillkey.key_path(path)) == 0o600
    store.close()


def test_a_legacy_clear_secret_is_sealed_at_start_and_still_works(tmp_path: Path, ho: HO) -> None:
    store = Store.open(tmp_path / "till.sqlite3")
    register_till(store, ho.url, ho.ho.create_enrolment_code("store-q1").code).close()
    legacy = "L" * 43  # as the old head office issued them (token_urlsafe(32))
    with ho.engine.begin() as conn:  # as the old schema kept it, after migration ho0004
        conn.execute(t.tills.update().values(secret=legacy))
    tillkey.write_secret(store.path, legacy)
    ho.server.stop()
    ho.server.ho = HeadOffice(ho.engine, master_key=MASTER)  # the start seals it
    ho.server.start()
    with ho.engine.connect() as conn:
        row = conn.execute(select(t.tills)).one()
    assert row.secret is None and row.secret_wrap and legacy not in row.secret_wrap
    client = client_for(store)
    assert client is not None
    client.pull(0, 0, 0)
    client.close()
    store.close()


def test_enrol_command_against_a_head_office_on_loopback(tmp_path: Path, ho: HO) -> None:
    db = tmp_path / "shop" / "till.sqlite3"
    code = ho.ho.create_enrolment_code("store-q1").code
    assert enrol(["--url", ho.url, "--code", code, "--name", "Quầy 2", "--db", str(db)]) == 0
    store = Store.open(db)
    client = client_for(store)
    assert client is not None and client.verify is True and client.cert is None
    client.pull(0, 0, 0)
    client.close()
    store.close()
    # A code works once.
    assert enrol(["--url", ho.url, "--code", code, "--db", str(tmp_path / "b.sqlite3")]) == 1


def self_signed(tmp_path: Path, name: str) -> tuple[str, str]:
    cert, key = tmp_path / f"{name}.crt", tmp_path / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    return str(cert), str(key)


def test_enrol_over_mutual_tls_keeps_the_ca_and_client_certificate_for_every_later_call(
    tmp_path: Path, ho: HO
) -> None:
    server_crt, server_key = self_signed(tmp_path, "127.0.0.1")
    till_crt, till_key = self_signed(tmp_path, "till")
    ho.server.stop()
    ho.server.start(ssl_certfile=server_crt, ssl_keyfile=server_key, ssl_ca_certs=till_crt,
                    ssl_cert_reqs=ssl.CERT_REQUIRED)
    url = f"https://127.0.0.1:{ho.server.port}"
    db = tmp_path / "till.sqlite3"
    code = ho.ho.create_enrolment_code("store-q1").code
    assert enrol(["--url", url, "--code", code, "--db", str(db), "--ca-file", server_crt,
                  "--client-cert", till_crt, "--client-key", till_key]) == 0
    store = Store.open(db)
    client = client_for(store)
    assert client is not None
    assert client.verify == server_crt and client.cert == (till_crt, till_key)
    worker = SyncWorker(store, client, reconcile_at=None)
    worker.sync_once()
    assert worker.snapshot().last_error is None
    without_cert = HeadOfficeClient(url, store.till_id, client.secret, verify=server_crt)
    with pytest.raises(Unreachable):
        without_cert.pull(0, 0, 0)
    assert enrol(["--rotate", "--db", str(db)]) == 0  # rotation uses the stored TLS files too
    for c in (client, without_cert):
        c.close()
    store.close()


@pytest.mark.parametrize(
    "url", ["http://192.0.2.10:8470", "http://ho.example.invalid", "ftp://127.0.0.1", "https://"]
)
def test_enrol_refuses_plain_http_except_to_loopback(tmp_path: Path, url: str) -> None:
    with pytest.raises(LoyaltyError) as refused:
        check_url(url)
    assert refused.value.code == "enrol.insecure_url"
    db = tmp_path / "till.sqlite3"
    assert enrol(["--url", url, "--code", "abcdefgh12", "--db", str(db)]) == 2
    assert not db.exists()  # refused before anything was created
    check_url("http://127.0.0.1:1")
    check_url("http://localhost:1")
    check_url("https://ho.example.com")


def test_a_till_of_store_b_never_receives_store_a_staff(tmp_path: Path, ho: HO) -> None:
    a_id, b_id = new_id(), new_id()
    ho.ho.set_staff(StaffOut(id=a_id, code="A-01", name="Store A", role="supervisor",
                             pin_hash=hash_pin("9876"), card_number="04A1B2C3D4E5F6",
                             active=True, store_id="store-a"))
    ho.ho.set_staff(StaffOut(id=b_id, code="B-01", name="Store B", role="cashier",
                             pin_hash=hash_pin("1357"), card_number="04B1B2C3D4E5F6",
                             active=True, store_id="store-b"))
    store = Store.open(tmp_path / "b.sqlite3")
    client = register_till(store, ho.url, ho.ho.create_enrolment_code("store-b").code)
    pulled = client.pull(0, 0, 0)
    ids = {s.id for s in pulled.staff}
    assert b_id in ids and a_id not in ids
    assert set(ho.ids.values()) & ids  # chain-wide staff (no store) still arrive
    SyncWorker(store, client, reconcile_at=None).sync_once()
    client.close()
    store.close()
    data = file_bytes(Path(store.path))
    assert b"04A1B2C3D4E5F6" not in data and b"A-01" not in data
    assert b"04B1B2C3D4E5F6" in data


def test_after_a_demo_run_every_database_and_key_file_is_0600(tmp_path: Path) -> None:
    home = tmp_path / "build"
    store = Store.open(home / "demo.sqlite3")
    seed_demo(store, members=4)
    served = start_demo_head_office(store)
    try:
        client = client_for(store)
        assert client is not None
        SyncWorker(store, client, reconcile_at=None).sync_once()
        client.close()
    finally:
        served.stop()
        store.close()
    files = sorted(p for p in home.iterdir() if p.is_file())
    names = {p.name for p in files}
    assert {"demo.sqlite3", "demo.sqlite3.key", "demo-headoffice.sqlite3",
            "demo-headoffice.sqlite3.master-key"} <= names
    assert {p.name: oct(mode(p)) for p in files} == {p.name: oct(0o600) for p in files}
    assert mode(home) == 0o700
    assert os.stat(home).st_uid == os.getuid()
    secret = tillkey.read_secret(home / "demo.sqlite3")
    assert secret and secret.encode() not in file_bytes(home / "demo-headoffice.sqlite3")


