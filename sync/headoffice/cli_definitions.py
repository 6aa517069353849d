"""`loyalty-headoffice define|vouchers|definitions`: head office's definitions from a shell.

    loyalty-headoffice define program '{"code": "tet", "effective_from": "...", "body": {...}}'
    loyalty-headoffice vouchers generate --count 500 --effective-from 2026-12-01T00:00:00Z \
        --body '{"kind": "fixed", "value": 50000, ...}' --csv tet.csv
    loyalty-headoffice vouchers export B2K... --csv tet.csv
    loyalty-headoffice definitions [--kind plan]

Same service code as the HTTP API (sync.headoffice.services.definitions); a refusal prints every
error, one a line, and exits 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from typing import Any

from sync.headoffice.office import HeadOffice, ServiceError
from sync.headoffice.services.definitions import MAX_BATCH

KINDS = ("program", "plan", "partner", "voucher")
CSV_FIELDS = ("code", "kind", "value", "min_spend", "max_uses", "valid_from", "valid_to",
              "store_id", "effective_from", "batch")


def add_commands(sub: Any, with_db: Callable[[argparse.ArgumentParser],
                                             argparse.ArgumentParser]) -> None:
    define = with_db(sub.add_parser("define", help="create or version a program, plan, "
                                                   "partner or voucher"))
    define.add_argument("kind", choices=KINDS)
    define.add_argument("json", help="{code, version?, effective_from, store_id?, body} as JSON")

    vouchers = sub.add_parser("vouchers", help="voucher batches: generate, export")
    vsub = vouchers.add_subparsers(dest="vouchers_command", required=True)
    gen = with_db(vsub.add_parser("generate", help="a batch with unguessable codes"))
    gen.add_argument("--count", type=int, required=True, help=f"1 to {MAX_BATCH}")
    gen.add_argument("--body", required=True, help="the vouchers' terms as JSON")
    gen.add_argument("--effective-from", required=True, help="UTC time, with its zone")
    gen.add_argument("--store", default=None, help="one store only (default: every store)")
    gen.add_argument("--prefix", default="", help="up to 8 letters or digits")
    gen.add_argument("--csv", help="write the batch's codes and terms to this CSV file")
    export = with_db(vsub.add_parser("export", help="a batch's codes as CSV"))
    export.add_argument("batch")
    export.add_argument("--csv", help="file to write (default: standard output)")

    listing = with_db(sub.add_parser("definitions", help="newest version of each definition"))
    listing.add_argument("--kind", choices=KINDS)


def run(ho: HeadOffice, args: argparse.Namespace) -> int:
    """The command's exit status; 2 when head office refused the input."""
    try:
        if args.command == "define":
            out = ho.set_definition(args.kind, _json(args.json))
            print(out.model_dump_json())
        elif args.command == "definitions":
            for d in ho.definitions(args.kind):
                print(d.model_dump_json())
        elif args.vouchers_command == "generate":
            batch, codes = ho.generate_vouchers(args.count, _json(args.body),
                                                args.effective_from, args.store, args.prefix)
            print(json.dumps({"batch": batch, "count": len(codes)}))
            if args.csv:
                _write_csv(ho.voucher_batch(batch), args.csv)
        else:
            rows = ho.voucher_batch(args.batch)
            if not rows:
                print(f"no batch {args.batch}", file=sys.stderr)
                return 1
            _write_csv(rows, args.csv)
    except ServiceError as exc:
        print(f"refused ({exc.code}):", file=sys.stderr)
        for line in exc.detail if isinstance(exc.detail, list) else [exc.detail]:
            print(f"  {line}", file=sys.stderr)
        return 2
    return 0


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ServiceError(422, "payload.invalid", [f"not JSON: {exc}"]) from None


def _write_csv(rows: list[dict[str, Any]], path: str | None) -> None:
    if path is None:
        _csv_rows(rows, sys.stdout)
        return
    with open(path, "w", newline="", encoding="utf-8") as fh:
        _csv_rows(rows, fh)


def _csv_rows(rows: list[dict[str, Any]], fh: Any) -> None:
    writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
