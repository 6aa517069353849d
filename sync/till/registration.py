"""Registering a till with head office and reopening its client afterwards.

The till keeps the id it already writes into its journal (head office accepts it with the
one-time code), and the issued secret is stored in the till database's `sync_state`, so a till
that is reinstalled from its database keeps syncing. Protect the database file accordingly.
"""

from __future__ import annotations

from loyalty_core import syncstore
from loyalty_core.store import Store
from sync.till.client import HeadOfficeClient


def register_till(
    store: Store, base_url: str, code: str, name: str = "", *, timeout: float = 10.0,
    verify: bool | str = True,
) -> HeadOfficeClient:
    resp = HeadOfficeClient.register(
        base_url, code, store.till_id, name, timeout=timeout, verify=verify
    )
    with store.write() as s:
        syncstore.set_state(s, syncstore.HO_URL, base_url)
        syncstore.set_state(s, syncstore.HO_TILL_SECRET, resp.secret)
        syncstore.set_state(s, syncstore.HO_STORE, resp.store_id)
    return HeadOfficeClient(base_url, store.till_id, resp.secret, timeout=timeout, verify=verify)


def client_for(
    store: Store, *, base_url: str | None = None, timeout: float = 10.0,
    verify: bool | str = True, cert: str | tuple[str, str] | None = None,
) -> HeadOfficeClient | None:
    """The registered till's client, or None when it was never registered."""
    with store.read() as s:
        url = base_url or syncstore.get_state(s, syncstore.HO_URL)
        secret = syncstore.get_state(s, syncstore.HO_TILL_SECRET)
    if not url or not secret:
        return None
    return HeadOfficeClient(url, store.till_id, secret, timeout=timeout, verify=verify, cert=cert)
