"""The demo's own head office: `loyalty-pos --demo` syncs with it at once, on loopback.

It keeps its database next to the demo till's (`<till>-headoffice.sqlite3`), so the till and its
head office agree across restarts; a till whose head office database was removed registers
again. The demo's store is "main", the store the demo's reward stock belongs to.
"""

from __future__ import annotations

from pathlib import Path

from loyalty_core import syncstore
from loyalty_core.store import Store
from sync.headoffice.embedded import EmbeddedHeadOffice
from sync.till.registration import client_for, register_till

DEMO_STORE = "main"


def start_demo_head_office(store: Store) -> EmbeddedHeadOffice:
    path = Path(store.path)
    ho_path = path.with_name(f"{path.stem}-headoffice.sqlite3")
    existed = ho_path.exists()
    served = EmbeddedHeadOffice(f"sqlite:///{ho_path}").start()
    try:
        if existed and client_for(store) is not None:
            with store.write() as s:  # same till, same secret: only the port is new
                syncstore.set_state(s, syncstore.HO_URL, served.url)
        else:
            code = served.ho.create_enrolment_code(DEMO_STORE).code
            register_till(store, served.url, code, "Quầy 1 (demo)")
    except Exception:
        served.stop()
        raise
    return served
