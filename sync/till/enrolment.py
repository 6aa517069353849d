"""`loyalty-pos enrol`: register this till with head office, or rotate its secret.

    loyalty-pos enrol --url https://ho.example --code CODE [--name NAME] [--ca-file F]
                      [--client-cert F --client-key F] --db PATH
    loyalty-pos enrol --rotate --db PATH
    loyalty-pos join --db PATH          (an enrolled empty till: start from head office's snapshot)

An empty till joins its chain right after enrolling (`--no-join` to leave it for the cashier
program's first start): it loads head office's snapshot and pulls what came after it, instead
of replaying the chain's whole journal (sync/till/bootstrap.py).

No Qt: it runs on a till before the cashier program is ever started, over ssh or a console.
`http://` is refused except to this machine (the demo, tests): the one-time code and the
secret that comes back would otherwise cross the shop's network in clear.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from loyalty_core import snapshotload
from loyalty_core.errors import LoyaltyError
from loyalty_core.store import Store
from sync.till.bootstrap import join_if_empty
from sync.till.client import HeadOfficeClient, SyncError
from sync.till.registration import check_url, client_for, register_till, rotate_secret
from sync.till.worker import SyncWorker


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-pos enrol", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the till database file")
    parser.add_argument("--url", help="head office, https://...")
    parser.add_argument("--code", help="the one-time enrolment code head office gave")
    parser.add_argument("--name", default="", help="the till's name at head office")
    parser.add_argument("--ca-file", help="CA bundle that signed head office's certificate")
    parser.add_argument("--client-cert", help="this till's certificate (mutual TLS)")
    parser.add_argument("--client-key", help="the key of --client-cert")
    parser.add_argument("--rotate", action="store_true",
                        help="already enrolled: get a new secret, the old one stops working")
    parser.add_argument("--no-join", action="store_true",
                        help="enrol only: do not load head office's snapshot now")
    parser.add_argument("--timeout", type=float, default=10.0)
    return parser


def join_now(store: Store, client: HeadOfficeClient) -> str:
    """Snapshot, then one sync cycle (rules, staff, rewards, flags, later entries)."""
    state = join_if_empty(store, client)
    SyncWorker(store, client, reconcile_at=None).sync_once()
    if state is None:
        return "this till already held data: synced, no snapshot loaded"
    return f"joined the chain from head office's snapshot at journal cursor " \
           f"{state['journal_cursor']}"


def join_main(argv: Sequence[str] | None = None) -> int:
    """`loyalty-pos join --db PATH`: an enrolled empty till starts from a snapshot."""
    parser = argparse.ArgumentParser(prog="loyalty-pos join", description=join_main.__doc__)
    parser.add_argument("--db", required=True, help="the till database file")
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args(argv)

    def run() -> int:
        store = Store.open(args.db)
        try:
            client = _enrolled_client(store, args.timeout)
            if client is None:
                return 1
            with store.read() as s:
                if not snapshotload.is_empty(s):
                    print("refused: this till already holds data", file=sys.stderr)
                    return 2
            print(join_now(store, client))
            client.close()
            return 0
        finally:
            store.close()

    return _exit_code(run)


def _enrolled_client(store: Store, timeout: float) -> HeadOfficeClient | None:
    client = client_for(store, timeout=timeout)
    if client is None:
        print("this till is not enrolled: enrol it first", file=sys.stderr)
    return client


def _exit_code(run: Callable[[], int]) -> int:
    """A command's exit status: 2 when refused (nothing changed), 1 when head office could not
    be reached or answered otherwise, the command's own otherwise."""
    try:
        return run()
    except LoyaltyError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    except SyncError as exc:
        print(f"head office: {exc}", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if bool(args.client_cert) != bool(args.client_key):
        parser.error("--client-cert and --client-key go together")
    if not args.rotate and not (args.url and args.code):
        parser.error("--url and --code are needed to enrol (or --rotate)")

    def run() -> int:
        if args.url:
            check_url(args.url)  # before the database is even created
        store = Store.open(args.db)
        try:
            if args.rotate:
                client = _enrolled_client(store, args.timeout)
                if client is None:
                    return 1
                rotate_secret(client, store).close()
                print(f"till {store.till_id}: new secret stored, the old one is refused")
                return 0
            cert = (args.client_cert, args.client_key) if args.client_cert else None
            client = register_till(
                store, args.url, args.code, args.name, timeout=args.timeout,
                verify=args.ca_file or True, cert=cert,
            )
            print(f"till {store.till_id} enrolled at {args.url}")
            if not args.no_join:
                print(join_now(store, client))
            client.close()
            return 0
        finally:
            store.close()

    return _exit_code(run)

if __name__ == "__main__":
    sys.exit(main())
