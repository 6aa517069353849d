"""`HeadOffice`: the thin facade the HTTP API, the CLI and the tests call.

Each method hands the shared `Context` to one function in `sync.headoffice.services`, where the
work is, one module per concern. A new sync message needs one wire model
(`sync.wire.models`), one route (`sync.headoffice.api`) and one service function; the facade
method is a line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from loyalty_core.ids import utcnow
from sync.headoffice.services import (
    catalog,
    definitions,
    holds,
    ingest,
    jobs,
    lookup,
    objectversions,
    pull,
    reconcile,
    reports,
    resourceholds,
    resources,
    snapshot,
    tillreports,
    tills,
    tillsecrets,
)
from sync.headoffice.services.context import Context, ServiceError, TillIdentity
from sync.wire.models import (
    DefinitionOut,
    EnrolmentCodeOut,
    FlaggedCard,
    HoldOut,
    HoldRequest,
    LookupRequest,
    LookupResponse,
    OverdrawnCard,
    PullRequest,
    PullResponse,
    PushResponse,
    QuarantineReport,
    QuarantineReportOut,
    ReconcileRequest,
    ReconcileResponse,
    RegisterResponse,
    ReservationOut,
    RewardOut,
    RuleOut,
    StaffOut,
    StockMove,
    TierOut,
    WireEntry,
)

__all__ = ["HeadOffice", "ServiceError", "TillIdentity"]


class HeadOffice:
    """The head-office service over one SQLAlchemy engine."""

    def __init__(
        self,
        engine: Engine,
        *,
        reservation_ttl: timedelta = timedelta(minutes=5),
        confirmed_ttl: timedelta = timedelta(days=2),
        clock: Callable[[], datetime] = utcnow,
        master_key: bytes | None = None,
    ) -> None:
        """`master_key` derives every till's secret (services/tillsecrets.py). Without one, a
        random key for this object's lifetime (tests, one-off admin commands): secrets it
        issues stop working when it ends, and legacy secrets are left as they are."""
        key = master_key if master_key is not None else tillsecrets.new_master_key().encode()
        self.ctx = Context(engine, reservation_ttl, confirmed_ttl, clock, master_key=key)
        if master_key is not None:
            tills.seal_legacy_secrets(self.ctx)
        self.engine = engine
        # Test hook: called after a push committed, before the response leaves (lost reply).
        self.after_push_commit: Callable[[str, PushResponse], None] | None = None

    # -- tills -------------------------------------------------------------------------------

    def create_enrolment_code(
        self, store_id: str, ttl: timedelta = timedelta(days=1)
    ) -> EnrolmentCodeOut:
        return tills.create_enrolment_code(self.ctx, store_id, ttl)

    def register(self, code: str, till_id: str | None, name: str) -> RegisterResponse:
        return tills.register(self.ctx, code, till_id, name)

    def rotate_secret(self, till: TillIdentity) -> RegisterResponse:
        return tills.rotate_secret(self.ctx, till)

    def revoke_till(self, till_id: str) -> bool:
        return tills.revoke_till(self.ctx, till_id)

    def authenticate(
        self,
        till_id: str | None,
        timestamp: str | None,
        nonce: str | None,
        signature: str | None,
        method: str,
        path: str,
        body: bytes,
    ) -> TillIdentity:
        return tills.authenticate(
            self.ctx, till_id, timestamp, nonce, signature, method, path, body
        )

    # -- journal -----------------------------------------------------------------------------

    def push(self, till: TillIdentity, entries: list[WireEntry]) -> PushResponse:
        return ingest.push(self.ctx, till, entries, self.after_push_commit)

    def pull(self, till: TillIdentity, req: PullRequest) -> PullResponse:
        return pull.pull(self.ctx, till, req)

    def lookup(self, till: TillIdentity, req: LookupRequest) -> LookupResponse:
        return lookup.lookup(self.ctx, till, req)

    def snapshot_lines(self, till: TillIdentity, nonce: str = "") -> Iterator[bytes]:
        return snapshot.snapshot_lines(self.ctx, till, nonce)

    def report_quarantine(self, till: TillIdentity, req: QuarantineReport) -> QuarantineReportOut:
        return tillreports.report_quarantine(self.ctx, till, req)

    def till_quarantine(self) -> list[dict[str, object]]:
        return tillreports.listing(self.ctx)

    def reconciliation_report(self, till_id: str | None = None) -> list[dict[str, object]]:
        return tillreports.reconciliation_report(self.ctx, till_id)

    # -- head-office objects -----------------------------------------------------------------

    def set_rule(self, rule: RuleOut) -> None:
        catalog.set_rule(self.ctx, rule)

    # Tiers, staff and rewards are versions with an effective time (None: now), applied to the
    # live tables when due (services/objectversions.py); `by` says who wrote it, if known.

    def set_tier(self, tier: TierOut, effective_from: str | None = None,
                 by: str | None = None) -> dict[str, Any]:
        return objectversions.write_version(self.ctx, "tier", tier, effective_from, by)

    def set_staff(self, member: StaffOut, effective_from: str | None = None,
                  by: str | None = None) -> dict[str, Any]:
        return objectversions.write_version(self.ctx, "staff", member, effective_from, by)

    def set_reward(self, reward: RewardOut, effective_from: str | None = None,
                   by: str | None = None) -> dict[str, Any]:
        return objectversions.write_version(self.ctx, "reward", reward, effective_from, by)

    def set_version(self, kind: str, data: Any, by: str | None = None) -> dict[str, Any]:
        """A tier, staff member or reward from a request body (with an optional
        `effective_from`), checked whole with every error."""
        obj, effective = objectversions.parse_version(kind, data)
        return objectversions.write_version(self.ctx, kind, obj, effective, by)

    def apply_scheduled(self) -> list[dict[str, Any]]:
        return objectversions.apply_due(self.ctx)

    def scheduled(self, kind: str | None = None) -> list[dict[str, Any]]:
        return objectversions.scheduled(self.ctx, kind)

    def cancel_version(self, kind: str, object_id: str, version: int,
                       store_id: str | None = None) -> dict[str, Any]:
        return objectversions.cancel(self.ctx, kind, object_id, version, store_id)

    def object_history(self, kind: str, object_id: str, store_id: str | None = None,
                       at: str | None = None) -> list[dict[str, Any]]:
        return objectversions.history(self.ctx, kind, object_id, store_id, at)

    def set_definition(self, kind: str, obj: dict[str, Any]) -> DefinitionOut:
        """A program, plan, partner or voucher (kind), versioned; see services/definitions."""
        return definitions.set_definition(self.ctx, kind, obj)

    def generate_vouchers(
        self, count: int, body: dict[str, Any], effective_from: str,
        store_id: str | None = None, prefix: str = "",
    ) -> tuple[str, list[str]]:
        return definitions.generate_vouchers(self.ctx, count, body, effective_from, store_id,
                                             prefix)

    def voucher_batch(self, batch: str) -> list[dict[str, Any]]:
        return definitions.batch_codes(self.ctx, batch)

    def definitions(self, kind: str | None = None) -> list[DefinitionOut]:
        return definitions.list_definitions(self.ctx, kind)

    # -- online stored-value holds -----------------------------------------------------------

    def move_stock(self, move: StockMove) -> int:
        return resources.move_stock(self.ctx, move)

    def reserve(
        self, till: TillIdentity, reservation_id: str, card_id: str, amount: int,
        operation_id: str | None = None,
    ) -> ReservationOut:
        return holds.reserve(self.ctx, till, reservation_id, card_id, amount, operation_id)

    def confirm(self, till: TillIdentity, reservation_id: str, operation_id: str) -> ReservationOut:
        return holds.confirm(self.ctx, till, reservation_id, operation_id)

    def release(self, till: TillIdentity, reservation_id: str) -> ReservationOut:
        return holds.release(self.ctx, till, reservation_id)

    # -- holds on every limited resource (points, vouchers, reward stock, stored value) -------

    def hold(self, till: TillIdentity, req: HoldRequest) -> HoldOut:
        return resourceholds.hold(self.ctx, till, req)

    def confirm_hold(self, till: TillIdentity, hold_id: str, operation_id: str) -> HoldOut:
        return resourceholds.finish(self.ctx, till, hold_id, "confirmed", operation_id)

    def release_hold(self, till: TillIdentity, hold_id: str) -> HoldOut:
        return resourceholds.finish(self.ctx, till, hold_id, "released")

    # -- chain jobs (services/jobs.py) ------------------------------------------------------

    def run_jobs(
        self, day: str | None = None, names: list[str] | None = None, *, batch: int = jobs.BATCH,
        hook: jobs.Hook | None = None,
    ) -> list[dict[str, Any]]:
        return jobs.run_jobs(self.ctx, day, names, batch=batch, hook=hook)

    def job_runs(self) -> list[dict[str, Any]]:
        return jobs.runs(self.ctx)

    # -- reconciliation and reports ----------------------------------------------------------

    def reconcile(self, till: TillIdentity, req: ReconcileRequest) -> ReconcileResponse:
        return reconcile.reconcile(self.ctx, till, req)

    def overdrawn(self) -> list[OverdrawnCard]:
        return reports.overdrawn(self.ctx)

    def flagged(self) -> list[FlaggedCard]:
        return resources.flagged_cards(self.ctx)

    def journal_count(self) -> int:
        return reports.journal_count(self.ctx)

    def balance(self, card_id: str, account: str) -> int:
        return reports.balance(self.ctx, card_id, account)
