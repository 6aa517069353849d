"""`loyalty-headoffice versions ...`: tier, staff and reward versions from a shell.

    loyalty-headoffice set tier '{...}' --effective-from 2027-01-01T00:00:00+07:00
    loyalty-headoffice versions scheduled [--kind tier]       # what is coming, one JSON a line
    loyalty-headoffice versions apply                         # put due versions in force (cron)
    loyalty-headoffice versions cancel tier TIER_ID 3 [--store S]
    loyalty-headoffice versions history tier TIER_ID [--store S] [--at 2026-03-03T12:00:00Z]

Same service code as the HTTP API (sync.headoffice.services.objectversions); a refusal prints
every error, one a line, and exits 2. `serve` applies due versions itself at every wake; `apply`
is for deployments that run head office's schedule from cron.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from sync.headoffice.office import HeadOffice, ServiceError
from sync.headoffice.services.objectversions import KINDS


def add_commands(sub: Any, with_db: Callable[[argparse.ArgumentParser],
                                             argparse.ArgumentParser]) -> None:
    versions = sub.add_parser("versions", help="tier/staff/reward versions: scheduled, apply, "
                                                "cancel, history")
    vsub = versions.add_subparsers(dest="versions_command", required=True)
    listing = with_db(vsub.add_parser("scheduled", help="versions not yet in force"))
    listing.add_argument("--kind", choices=list(KINDS))
    with_db(vsub.add_parser("apply", help="put the versions whose time has come in force"))
    cancel = with_db(vsub.add_parser("cancel", help="cancel a version not yet in force"))
    cancel.add_argument("kind", choices=list(KINDS))
    cancel.add_argument("id")
    cancel.add_argument("version", type=int)
    cancel.add_argument("--store", default=None, help="a reward's store")
    hist = with_db(vsub.add_parser("history", help="every version of one object"))
    hist.add_argument("kind", choices=list(KINDS))
    hist.add_argument("id")
    hist.add_argument("--store", default=None, help="a reward's store")
    hist.add_argument("--at", default=None, help="only the version in force at this time")


def set_version(ho: HeadOffice, kind: str, text: str, effective_from: str | None) -> int:
    """`set tier|staff|reward JSON [--effective-from T]`: one version, its state printed."""
    try:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ServiceError(422, "payload.invalid", [f"not JSON: {exc}"]) from None
        if effective_from is not None and isinstance(data, dict):
            data = {**data, "effective_from": effective_from}
        print(json.dumps(ho.set_version(kind, data, "cli"), ensure_ascii=False))
    except ServiceError as exc:
        return _refused(exc)
    return 0


def run(ho: HeadOffice, args: argparse.Namespace) -> int:
    try:
        if args.versions_command == "scheduled":
            rows = ho.scheduled(args.kind)
            if not rows:
                print("nothing scheduled", file=sys.stderr)
        elif args.versions_command == "apply":
            rows = ho.apply_scheduled()
        elif args.versions_command == "cancel":
            rows = [ho.cancel_version(args.kind, args.id, args.version, args.store)]
        else:
            rows = ho.object_history(args.kind, args.id, args.store, args.at)
            if not rows:
                print("no such version", file=sys.stderr)
                return 1
    except ServiceError as exc:
        return _refused(exc)
    for row in rows:
        print(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return 0


def _refused(exc: ServiceError) -> int:
    print(f"refused ({exc.code}):", file=sys.stderr)
    for line in exc.detail if isinstance(exc.detail, list) else [exc.detail]:
        print(f"  {line}", file=sys.stderr)
    return 2
