"""`loyalty-core`: administration of a till database from the shell."""

from __future__ import annotations

import argparse
import json
import sys

from loyalty_core.store import Store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="loyalty-core", description="Till database administration"
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name, help_text in (
        ("demo", "seed a Vietnamese demo shop"),
        ("verify", "check the hash chains and replay the journal against every derived table"),
        ("migrate", "upgrade the database schema to the latest version"),
        ("info", "print the till id and journal size"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", required=True, help="path of the till SQLite database")
    args = parser.parse_args(argv)
    if args.cmd == "verify":
        return _verify(args.db)
    store = Store.open(args.db)
    try:
        if args.cmd == "demo":
            from loyalty_core.demo import seed_demo

            print(json.dumps(seed_demo(store), ensure_ascii=False, indent=2))
        elif args.cmd == "migrate":
            print(f"database {args.db} is at the latest schema")
        elif args.cmd == "info":
            from sqlalchemy import func, select

            from loyalty_core.models import JournalEntry

            with store.read() as s:
                n = s.scalar(select(func.count()).select_from(JournalEntry))
            print(json.dumps({"till_id": store.till_id, "journal_entries": n}))
    finally:
        store.close()
    return 0


def _verify(db: str) -> int:
    """Read-only: verify opens an existing file and changes nothing, not even its schema."""
    from loyalty_core.verify import verify_path

    try:
        problems = verify_path(db)
    except FileNotFoundError as err:
        print(f"FAILED: {err}", file=sys.stderr)
        return 2
    for line in problems:
        print(line)
    if problems:
        print(f"FAILED: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("OK: hash chains intact, every derived table agrees with a replay of the journal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
