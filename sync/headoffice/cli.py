"""`loyalty-headoffice`: run and administer the head-office server.

Administration commands work on the database directly (same service code as the HTTP API), so
an operator can enrol a till or read a report with the server stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import timedelta

from pydantic import ValidationError

from loyalty_core.errors import LoyaltyError
from loyalty_core.private_files import write_private_text
from sync.headoffice import cli_definitions, cli_versions
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice, ServiceError
from sync.headoffice.scheduler import JobScheduler
from sync.headoffice.services import tillsecrets
from sync.headoffice.services.jobs import BATCH, JOB_NAMES
from sync.wire.models import RuleOut, StockMove
from sync.wire.transport import is_loopback

DEFAULT_DB = "sqlite:///headoffice.sqlite3"


def open_head_office(url: str, master_key: bytes | None = None) -> HeadOffice:
    """Administration commands need no master key (they never check a till's signature)."""
    engine = make_engine(url)
    migrate(engine)
    return HeadOffice(engine, master_key=master_key)


def _serve(args: argparse.Namespace) -> int:
    import ssl

    import uvicorn

    from sync.headoffice.api import create_asgi

    if not args.ssl_certfile and not is_loopback(args.host):
        print("refusing plain HTTP on a non-loopback address: give --ssl-certfile/--ssl-keyfile",
              file=sys.stderr)
        return 2
    try:
        master_key = tillsecrets.load_master_key(args.master_key_file)
    except tillsecrets.MasterKeyError as exc:
        print(f"refusing to start: {exc} (give --master-key-file or "
              f"{tillsecrets.MASTER_KEY_ENV}; `loyalty-headoffice new-master-key` makes one)",
              file=sys.stderr)
        return 2
    token = os.environ.get("LOYALTY_HO_ADMIN_TOKEN") or None
    ho = open_head_office(args.db, master_key)
    config: dict[str, object] = {"host": args.host, "port": args.port, "log_level": "info"}
    if args.ssl_certfile:
        config.update(ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
        if args.ssl_ca_certs:
            # A CA given means tills must present a client certificate signed by it.
            config.update(ssl_ca_certs=args.ssl_ca_certs, ssl_cert_reqs=ssl.CERT_REQUIRED)
    scheduler = JobScheduler(ho, args.jobs_every) if args.jobs_every > 0 else None
    if scheduler is not None:
        scheduler.start()
    try:
        uvicorn.run(create_asgi(ho, token), **config)  # type: ignore[arg-type]
    finally:
        if scheduler is not None:
            scheduler.stop()
    return 0


def _run_jobs(ho: HeadOffice, args: argparse.Namespace) -> int:
    try:
        results = ho.run_jobs(args.period, args.job or None, batch=args.batch)
    except LoyaltyError as exc:
        print(f"{exc.code}: {exc}", file=sys.stderr)
        return 2
    for row in results:
        print(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return 0


def _set_rule(ho: HeadOffice, text: str) -> None:
    ho.set_rule(RuleOut.model_validate(json.loads(text)))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-headoffice", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", default=os.environ.get("LOYALTY_HO_DB", DEFAULT_DB),
                       help="SQLAlchemy URL or SQLite path (env LOYALTY_HO_DB)")
        return p

    serve = with_db(sub.add_parser("serve", help="run the HTTP API (migrates first)"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--ssl-certfile")
    serve.add_argument("--ssl-keyfile")
    serve.add_argument("--ssl-ca-certs", help="CA for client certificates (mutual TLS)")
    serve.add_argument("--jobs-every", type=float, default=300.0,
                       help="seconds between runs of the due chain jobs (0: never)")
    serve.add_argument("--master-key-file",
                       help="file holding the key every till secret is derived from "
                            f"(else env {tillsecrets.MASTER_KEY_ENV})")

    newkey = sub.add_parser("new-master-key", help="write a new master key file (0600)")
    newkey.add_argument("path")

    with_db(sub.add_parser("migrate", help="create or upgrade the database"))

    jobs = with_db(sub.add_parser(
        "run-jobs", help="run the chain jobs due for a day (each once per period)"))
    jobs.add_argument("--period", help="the day, YYYY-MM-DD (default: today in the chain's zone)")
    jobs.add_argument("--job", action="append", choices=list(JOB_NAMES),
                      help="only this job (repeatable; default: all)")
    jobs.add_argument("--batch", type=int, default=BATCH, help="rows per committed batch")

    enrol = with_db(sub.add_parser("enrol-code", help="one-time code to register a till"))
    enrol.add_argument("--store", required=True)
    enrol.add_argument("--hours", type=int, default=24)

    revoke = with_db(sub.add_parser("revoke-till", help="refuse a till from now on"))
    revoke.add_argument("till_id")

    report = with_db(sub.add_parser("report", help="reports"))
    report.add_argument("name", choices=["overdrawn", "flags", "quarantine"],
                        help="overdrawn cards; overuse flags; entries tills quarantined on pull")

    recon = with_db(sub.add_parser(
        "reconcile-report", help="the latest reconciliation of each till, difference by difference"))
    recon.add_argument("--till", help="one till only")

    stock = with_db(sub.add_parser("stock", help="stock received (+) or written off (-)"))
    stock.add_argument("reward_id")
    stock.add_argument("store_id")
    stock.add_argument("quantity", type=int)

    put = with_db(sub.add_parser("set", help="create or replace a rule; a new version of a "
                                             "tier/staff/reward"))
    put.add_argument("kind", choices=["rule", "tier", "staff", "reward"])
    put.add_argument("json", help="the object as JSON (fields as in the pull response)")
    put.add_argument("--effective-from", default=None,
                     help="tier/staff/reward: in force from this time, with its zone (default: "
                          "now)")
    cli_definitions.add_commands(sub, with_db)
    cli_versions.add_commands(sub, with_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "new-master-key":
        if os.path.exists(args.path):
            print(f"{args.path} exists: a new key would cut off every enrolled till",
                  file=sys.stderr)
            return 1
        write_private_text(args.path, tillsecrets.new_master_key() + "\n")
        return 0
    ho = open_head_office(args.db)
    if args.command == "run-jobs":
        return _run_jobs(ho, args)
    if args.command in ("define", "vouchers", "definitions"):
        return cli_definitions.run(ho, args)
    if args.command == "versions":
        return cli_versions.run(ho, args)
    if args.command == "set" and args.kind != "rule":
        return cli_versions.set_version(ho, args.kind, args.json, args.effective_from)
    if args.command == "migrate":
        print("database is at the latest schema")
    elif args.command == "enrol-code":
        code = ho.create_enrolment_code(args.store, timedelta(hours=args.hours))
        print(code.model_dump_json())
    elif args.command == "revoke-till":
        if not ho.revoke_till(args.till_id):
            print(f"no active till {args.till_id}", file=sys.stderr)
            return 1
    elif args.command == "report" and args.name == "quarantine":
        held = ho.till_quarantine()
        for q in held:
            print(f"{q['reported_at']}\ttill {q['till_id']}\tholds {q['kind']} "
                  f"{q['entry_till_id']}#{q['seq']} ({q['entry_id']})\tsince "
                  f"{q['quarantined_at']}\t{q['reason']}")
        if not held:
            print("no till reported a quarantined entry", file=sys.stderr)
    elif args.command == "reconcile-report":
        lines = ho.reconciliation_report(args.till)
        for line in lines:
            print(f"{line['till_id']}\t{line['at']}\t{line['text']}")
        if not lines:
            print("no reconciliation recorded", file=sys.stderr)
    elif args.command == "report" and args.name == "flags":
        for flagged in ho.flagged():
            print(flagged.model_dump_json())
    elif args.command == "stock":
        try:
            received = ho.move_stock(StockMove(reward_id=args.reward_id, store_id=args.store_id,
                                               quantity=args.quantity))
        except (ValidationError, ServiceError) as exc:
            print(f"stock not moved: {exc}", file=sys.stderr)
            return 2
        print(json.dumps({"received": received}))
    elif args.command == "report":
        rows = ho.overdrawn()
        for row in rows:
            print(f"{row.card_id}\t{row.number or '-'}\t{row.stored_value}\t{row.flagged_at}")
        if not rows:
            print("no overdrawn cards", file=sys.stderr)
    elif args.command == "set":
        try:
            _set_rule(ho, args.json)
        except (ValidationError, json.JSONDecodeError) as exc:
            print(f"invalid {args.kind}: {exc}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
