"""The till's HTTP client, without the network."""

from __future__ import annotations

import threading

from sync.till.client import HeadOfficeClient


def test_client_gives_each_thread_its_own_session() -> None:
    """The worker thread and the counter's stored-value calls never share a requests.Session."""
    client = HeadOfficeClient("http://127.0.0.1:9", "till-x", "secret", timeout=0.2)
    main = client.session
    assert client.session is main  # one per thread, kept
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.extend([client.session, client.session]))
    worker.start()
    worker.join(5)
    assert seen[0] is seen[1] and seen[0] is not main
    client.close()
    assert client.session is not main  # closed sessions are not handed out again
    client.close()
