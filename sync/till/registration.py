"""Registering a till with head office, rotating its secret, and reopening its client.

The till keeps the id it already writes into its journal (head office accepts it with the
one-time code). The issued secret goes to a 0600 key file beside the database
(`loyalty_core.tillkey`), never into the database, so a copied database alone cannot sign as
the till. The head-office URL and the TLS files to use (a private CA, the till's client
certificate for mutual TLS) are kept in the database's `sync_state` — paths, not secrets — so
every later call, by the worker or the counter, uses them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from loyalty_core import syncstore, tillkey
from loyalty_core.errors import LoyaltyError
from loyalty_core.store import Store
from sync.till.client import HeadOfficeClient
from sync.wire.transport import is_loopback

HO_CA_FILE = "ho.ca_file"
HO_CLIENT_CERT = "ho.client_cert"
HO_CLIENT_KEY = "ho.client_key"


def check_url(url: str) -> None:
    """`https://` anywhere; `http://` to this machine only (the demo, tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return
    raise LoyaltyError(
        "enrol.insecure_url",
        "head office must be reached over https (http only to this machine)",
        url=url,
    )


def register_till(
    store: Store, base_url: str, code: str, name: str = "", *, timeout: float = 10.0,
    verify: bool | str = True, cert: tuple[str, str] | None = None,
) -> HeadOfficeClient:
    check_url(base_url)
    resp = HeadOfficeClient.register(
        base_url, code, store.till_id, name, timeout=timeout, verify=verify, cert=cert
    )
    # Pinned with the secret: head office's answer key and the chain key (tillkey.py).
    tillkey.write_keys(store.path, secret=resp.secret, ho_public_key=resp.ho_public_key,
                       chain_key=resp.chain_key)
    with store.write() as s:
        syncstore.set_state(s, syncstore.HO_URL, base_url)
        syncstore.set_state(s, syncstore.HO_STORE, resp.store_id)
        if isinstance(verify, str):
            syncstore.set_state(s, HO_CA_FILE, verify)
        if cert is not None:
            syncstore.set_state(s, HO_CLIENT_CERT, cert[0])
            syncstore.set_state(s, HO_CLIENT_KEY, cert[1])
    return HeadOfficeClient(
        base_url, store.till_id, resp.secret, timeout=timeout, verify=verify, cert=cert,
        ho_public_key=resp.ho_public_key or None,
    )


def rotate_secret(client: HeadOfficeClient, store: Store) -> HeadOfficeClient:
    """Ask head office for the next secret, keep it, and prove it with one signed call: after
    that call head office refuses the old secret. A lost reply is safe to retry (head office
    hands out the same pending secret until the new one is used)."""
    resp = client.rotate()
    # A till enrolled before head office signed its answers pins its key here (the answer
    # came over the connection the till already trusts, signed with its current secret).
    pinned = tillkey.read_keys(store.path).get("ho_public_key") or resp.ho_public_key
    tillkey.write_keys(store.path, secret=resp.secret, ho_public_key=pinned,
                       chain_key=resp.chain_key)
    fresh = HeadOfficeClient(
        client.base_url, client.till_id, resp.secret, timeout=client.timeout,
        verify=client.verify, cert=client.cert, ho_public_key=pinned or None,
    )
    fresh.pull(0, 0, 0, limit=1)
    client.close()
    return fresh


def client_for(
    store: Store, *, base_url: str | None = None, timeout: float = 10.0,
    verify: bool | str | None = None, cert: str | tuple[str, str] | None = None,
) -> HeadOfficeClient | None:
    """The registered till's client, or None when it was never registered.

    TLS settings given at enrolment are used unless the caller passes its own."""
    with store.read() as s:
        url = base_url or syncstore.get_state(s, syncstore.HO_URL)
        ca_file = syncstore.get_state(s, HO_CA_FILE)
        cert_file = syncstore.get_state(s, HO_CLIENT_CERT)
        key_file = syncstore.get_state(s, HO_CLIENT_KEY)
    keys = tillkey.read_keys(store.path)
    secret = keys.get("secret")
    if not url or not secret:
        return None
    if verify is None:
        verify = ca_file or True
    if cert is None and cert_file and key_file:
        cert = (cert_file, key_file)
    return HeadOfficeClient(url, store.till_id, secret, timeout=timeout, verify=verify, cert=cert,
                            ho_public_key=keys.get("ho_public_key"))
