"""The rows head office's definitions are applied to: the record of what it sent (`definitions`),
programs (one row per version), membership plans and vouchers (one row each, the newest version).

Written through the ORM: definitions arrive a few at a time with a pull, far from the counter's
hot path.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loyalty_core.models import (
    Definition,
    MembershipPlan,
    Program,
    SnapshotVoucherUse,
    SyncState,
    Voucher,
)


def versions(s: Session, kind: str, code: str) -> list[dict[str, Any]]:
    """Every version of (kind, code) held, oldest first, as envelopes."""
    return [
        _envelope(d)
        for d in s.scalars(
            select(Definition)
            .where(Definition.kind == kind, Definition.code == code)
            .order_by(Definition.version)
        )
    ]


def versioned_codes(s: Session, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """(kind, code) of the definitions of these kinds held in more than one version."""
    return [
        (str(k), str(c))
        for k, c in s.execute(
            select(Definition.kind, Definition.code)
            .where(Definition.kind.in_(kinds))
            .group_by(Definition.kind, Definition.code)
            .having(func.count() > 1)
        )
    ]


def _envelope(d: Definition) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "code": d.code,
        "version": d.version,
        "id": d.id,
        "store_id": d.store_id,
        "effective_from": d.effective_from,
        "body": d.body,
    }


def held(s: Session, kind: str, code: str, version: int) -> Definition | None:
    return s.get(Definition, (kind, code, version))


def record(s: Session, env: dict[str, Any], received_at: str) -> None:
    s.merge(
        Definition(
            kind=env["kind"],
            code=env["code"],
            version=env["version"],
            id=env["id"],
            store_id=env["store_id"],
            effective_from=env["effective_from"],
            body=env["body"],
            received_at=received_at,
        )
    )


def all_definitions(s: Session) -> list[dict[str, Any]]:
    """Every definition held, oldest version first (the order to apply them again)."""
    return [
        _envelope(d)
        for d in s.scalars(
            select(Definition).order_by(Definition.kind, Definition.code, Definition.version)
        )
    ]


def put_program(s: Session, row: dict[str, Any]) -> None:
    s.merge(Program(**row))


def plan_id_with_code(s: Session, code: str) -> str | None:
    return s.scalar(select(MembershipPlan.id).where(MembershipPlan.code == code))


def put_plan(s: Session, row: dict[str, Any]) -> None:
    s.merge(MembershipPlan(**row))


def voucher_id_with_code(s: Session, code: str) -> str | None:
    return s.scalar(select(Voucher.id).where(Voucher.code == code))


def put_voucher(s: Session, row: dict[str, Any]) -> None:
    """A new voucher starts unused (or with the uses head office had counted when this till
    joined from its snapshot); a newer version of one keeps the uses the journal made."""
    current = s.get(Voucher, row["id"])
    if current is None:
        before = s.scalar(select(SnapshotVoucherUse.uses).where(
            SnapshotVoucherUse.voucher_id == row["id"]))
        s.add(Voucher(**row, uses=int(before or 0)))
        return
    for key, value in row.items():
        if key != "created_at":
            setattr(current, key, value)


def set_state(s: Session, key: str, value: str) -> None:
    s.merge(SyncState(key=key, value=value))


def get_state(s: Session, key: str) -> str | None:
    return s.scalar(select(SyncState.value).where(SyncState.key == key))


def delete_state(s: Session, key: str) -> None:
    state = s.get(SyncState, key)
    if state is not None:
        s.delete(state)
