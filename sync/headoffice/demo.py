"""The demo's head office, run as a child process of `loyalty-pos --demo`.

    python -m sync.headoffice.demo --db PATH [--port 0] [--store main]

Serves head office on loopback, then prints one JSON line on stdout,
`{"url": ..., "code": ..., "store_id": ...}` (a fresh one-time enrolment code for the store, used
only when the till is not registered yet), and runs until its stdin closes: the till holds the
other end, so the head office ends with the till even when the till is killed. A separate
process because the till never imports head-office code (tests/test_architecture.py).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from loyalty_core.demo_definitions import demo_definitions
from loyalty_core.ids import utcnow
from loyalty_core.private_files import read_private_text, write_private_text
from sync.headoffice.embedded import EmbeddedHeadOffice
from sync.headoffice.office import HeadOffice, ServiceError
from sync.headoffice.services import tillsecrets

# The store the demo's reward stock belongs to (loyalty_core.demo).
DEMO_STORE = "main"


def demo_master_key(db: str) -> bytes:
    """The demo keeps its master key in a 0600 file beside its database (made on first run),
    so the demo till's secret still works after a restart."""
    path = Path(f"{db}.master-key")
    key = read_private_text(path)
    if not key:
        key = tillsecrets.new_master_key()
        write_private_text(path, key + "\n")
    return tillsecrets.master_key_from(key)


def seed_definitions(ho: HeadOffice) -> int:
    """The demo chain's programs, plan, partner and vouchers, defined here as a chain's head
    office defines them; tills pull them. Already defined (a restart): left as they are.
    Returns how many were new."""
    new = 0
    existing = {(d.kind, d.code) for d in ho.definitions()}
    for obj in demo_definitions(utcnow().year):
        if (obj["kind"], obj["code"]) in existing:
            continue
        try:
            ho.set_definition(obj["kind"], {k: v for k, v in obj.items() if k != "kind"})
            new += 1
        except ServiceError as exc:  # a definition of an older demo: keep what is there
            print(f"demo definition {obj['code']} not set: {exc}", file=sys.stderr)
    return new


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.headoffice.demo", description=__doc__)
    parser.add_argument("--db", required=True, help="SQLite file of the demo head office")
    parser.add_argument("--port", type=int, default=0, help="loopback port; 0 picks a free one")
    parser.add_argument("--store", default=DEMO_STORE, help="store the enrolment code is for")
    args = parser.parse_args(argv)

    done = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    served = EmbeddedHeadOffice(
        f"sqlite:///{args.db}", args.port, master_key=demo_master_key(args.db)
    ).start()
    try:
        seed_definitions(served.ho)
        code = served.ho.create_enrolment_code(args.store)
        print(json.dumps({"url": served.url, "code": code.code, "store_id": args.store}),
              flush=True)
        # Nothing more goes to the till's pipe (nobody reads it, a full pipe would block us):
        # anything later written to stdout, by us or a library, goes to stderr instead.
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

        def wait_for_eof() -> None:
            sys.stdin.buffer.read()  # returns when the till closes the pipe or dies
            done.set()

        threading.Thread(target=wait_for_eof, name="parent-watch", daemon=True).start()
        done.wait()
    finally:
        served.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
