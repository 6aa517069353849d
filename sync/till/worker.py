"""The till's background sync: push the journal, pull the rest, reconcile nightly.

Runs on its own thread with its own database sessions (the till database is in WAL mode, so
its reads never wait for the counter and its writes are short: one pull page each). Everything
it needs to resume after a crash is in the till database: the journal is the outbox and the
acknowledged sequence and pull cursors live in `sync_state`, written in the same transaction as
what they describe.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from loyalty_core import definitions, shopday, syncstore
from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import iso_utc, new_id, utcnow
from loyalty_core.store import Store
from loyalty_core.syncquarantine import quarantined_count
from sync.till import tillreports
from sync.till.bootstrap import join_if_empty
from sync.till.client import BadAnswerSignature, HeadOfficeClient, Refused, SyncError, Unreachable
from sync.till.status import ReconcileReport, SyncSnapshot
from sync.wire.models import MAX_RECONCILE_CARDS, ReconcileRequest, TillDigest

log = logging.getLogger(__name__)

RECONCILE_LAST = "reconcile.last_day"


class SyncStalled(SyncError):
    """Head office keeps answering but the acknowledgement does not move: needs a person."""


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with jitter, bounded by `cap`.

    The jitter (50-100 % of the step) spreads a chain's tills apart when head office comes back,
    so they do not all retry in the same second.
    """
    step = min(cap, base * (2 ** min(failures, 30)))
    return step * (0.5 + rng.random() / 2)


class SyncWorker:
    """One till's sync loop. `start()` it once; `wake()` after a local write for a prompt push."""

    def __init__(
        self,
        store: Store,
        client: HeadOfficeClient,
        *,
        interval: float = 15.0,
        backoff_base: float = 1.0,
        backoff_cap: float = 300.0,
        push_batch: int = 1000,
        pull_limit: int = 500,
        reconcile_at: time | None = time(2, 30),
        tz: str | None = None,
        on_change: Callable[[SyncSnapshot], None] | None = None,
        rng: random.Random | None = None,
        join_empty: bool = False,
    ) -> None:
        """`join_empty`: an empty enrolled till starts from head office's snapshot
        (`sync.till.bootstrap`), not the chain's whole journal (the cashier program sets it)."""
        self.store = store
        self.client = client
        self.interval = interval
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.push_batch = push_batch
        self.pull_limit = pull_limit
        self.reconcile_at = reconcile_at
        self._fixed_zone = None if tz is None else ZoneInfo(tz)
        self.on_change = on_change
        self.rng = rng or random.Random()
        self._lock = threading.Lock()
        # One sync at a time: the thread's loop and a UI button share this.
        self._sync_lock = threading.Lock()
        self._state = SyncSnapshot()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.join_empty = join_empty
        tillreports.restore_offset(store)

    @property
    def zone(self) -> ZoneInfo:
        """The zone given, else the shop's (the rules may change it with a new version)."""
        return self._fixed_zone or shop_zone(self.store)

    # -- state -----------------------------------------------------------------------------

    def snapshot(self) -> SyncSnapshot:
        with self._lock:
            return self._state

    def _update(self, **changes: Any) -> None:
        with self._lock:
            self._state = replace(self._state, **changes)
            state = self._state
        if self.on_change is not None:
            try:
                self.on_change(state)
            except Exception:  # a UI callback bug must not stop sync
                log.exception("sync state callback failed")

    def _refresh_waiting(self) -> None:
        with self.store.read() as s:
            waiting = syncstore.pending_count(s, self.store.till_id)
            quarantined = quarantined_count(s)
        self._update(entries_waiting=waiting, quarantined=quarantined)

    # -- thread ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()
        self._update(running=True)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._update(running=False)

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            ok = self.run_cycle()
            if ok and self._reconcile_due():
                try:
                    self.reconcile()
                except (SyncError, LoyaltyError) as exc:
                    log.warning("nightly reconciliation failed: %s", exc)
            delay = (
                self.interval
                if ok
                else backoff_delay(self.failures, self.backoff_base, self.backoff_cap, self.rng)
            )
            self._wake.wait(delay)
            self._wake.clear()

    def run_cycle(self) -> bool:
        """One push + pull; never raises. True on success."""
        self._update(last_attempt=iso_utc(utcnow()))
        try:
            self.sync_once()
        except BadAnswerSignature as exc:
            self.failures += 1
            self._update(online=False, last_error=f"answer refused: {exc}",
                         untrusted_answer=str(exc))
            log.error("head office answer refused: %s", exc)
        except Unreachable as exc:
            self.failures += 1
            self._update(online=False, last_error=f"offline: {exc}")
        except (Refused, SyncStalled, LoyaltyError) as exc:
            self.failures += 1
            self._update(online=True, last_error=str(exc))
            log.error("sync refused: %s", exc)
        except Exception as exc:  # a bug must show on screen, not kill the thread
            self.failures += 1
            self._update(last_error=f"{type(exc).__name__}: {exc}")
            log.exception("sync cycle failed")
        else:
            self.failures = 0
            return True
        finally:
            offset = self.client.clock_offset_s
            self._update(clock_offset_s=None if offset is None else round(offset))
            tillreports.keep_offset(self.store, offset)
            try:
                self._refresh_waiting()
            except Exception:
                log.exception("could not count waiting entries")
        return False

    # -- the work ----------------------------------------------------------------------------

    def sync_once(self) -> None:
        """Push everything waiting, then pull everything new; raises on the first failure."""
        with self._sync_lock:
            if self.join_empty:
                join_if_empty(self.store, self.client)
            try:
                self.push_all()
            except Refused as exc:
                self._update(push_refused=f"{exc.code}: {exc.detail}"[:300])
                raise
            self.pull_all()
            sent = tillreports.report_quarantine(self.store, self.client)  # what we hold inert
            self._update(push_refused=None,
                         quarantine_reported=self._state.quarantine_reported + sent)
            now = iso_utc(utcnow())
            with self.store.write() as s:
                syncstore.set_state(s, syncstore.LAST_SUCCESS, now)
            self._update(online=True, last_success=now, last_error=None, untrusted_answer=None)

    def push_all(self) -> int:
        """Push in batches above the stored ack until head office holds everything.

        Bounded: each round must move the ack forward, or it stops with `SyncStalled`. It is
        done once head office holds what was waiting when it started: entries the counter writes
        meanwhile ride along in the last batch or wait for the next cycle, so a busy counter
        never makes the push look stalled.

        The next batch is read from the journal while head office works on this one (it is
        what follows this batch whatever the answer; thrown away if the answer reports a gap).
        """
        till_id = self.store.till_id
        pushed = 0
        with self.store.read() as s:
            waiting = syncstore.pending_count(s, till_id)
            seq = syncstore.acked(s)[0]
            target = seq + waiting

        # The batch size head office accepts: halved on a 413 and kept for the rest of this
        # push, so every following batch is not refused (and halved) all over again.
        size = [self.push_batch]

        def read_after(after: int) -> list[dict[str, Any]]:
            with self.store.read() as s:
                return syncstore.pending_entries(s, till_id, after, size[0])

        entries = read_after(seq)
        if not entries:
            self._update(missing=())
            return 0
        # Leaving the block waits for a read still running (after a failed push too).
        with ThreadPoolExecutor(1, thread_name_prefix="sync-read") as reader:
            # Room for every batch, a few short rounds, and halving a batch down to one entry.
            halvings = max(1, self.push_batch).bit_length()
            rounds = 0
            while rounds < waiting // max(1, size[0]) + 3 + halvings:
                rounds += 1
                if not entries:
                    self._update(missing=())
                    return pushed
                last = int(entries[-1]["seq"])
                ahead = reader.submit(read_after, last) if last < target else None
                try:
                    resp = self.client.push(entries)
                except Refused as exc:
                    # Too big for head office's body limit (large payloads): send the first half,
                    # and so on down to a single entry, which is refused for what it is.
                    if exc.status != 413 or len(entries) == 1:
                        raise
                    entries = entries[: len(entries) // 2]
                    size[0] = len(entries)
                    continue
                with self.store.write() as s:
                    syncstore.record_ack(s, till_id, resp.acked_seq, resp.acked_hash)
                self._update(online=True, missing=tuple(resp.missing))
                if resp.refused:
                    r = resp.refused[-1]
                    self._update(refused=self._state.refused + len(resp.refused),
                                 last_refusal=f"{r.code}: {r.reason} (seq {r.seq})")
                    log.warning("head office quarantined %d of our entries, last: %s %s",
                                len(resp.refused), r.code, r.reason)
                pushed += len(entries)
                if resp.acked_seq <= seq:
                    raise SyncStalled(
                        f"head office did not acknowledge past {seq}: {resp.missing}")
                if resp.acked_seq >= target:
                    return pushed
                following = ahead.result() if ahead is not None else []
                entries = following if resp.acked_seq == last else read_after(resp.acked_seq)
                seq = resp.acked_seq
        raise SyncStalled("push did not finish within its bound")

    def pull_all(self, max_pages: int = 100_000) -> int:
        applied = 0
        for _ in range(max_pages):
            with self.store.read() as s:
                jc, oc, fc = syncstore.cursors(s)
            resp = self.client.pull(jc, oc, fc, self.pull_limit)
            with self.store.write() as s:
                result = syncstore.apply_pull(s, resp.model_dump())
                count = quarantined_count(s)  # a small table; right after a restart too
                refused = syncstore.rules_refused(s)
                refused_definitions = len(definitions.refused(s))
            if count != self._state.quarantined:
                self._update(quarantined=count)
            self._update(rules_refused=refused, definitions_refused=refused_definitions)
            applied += result.entries
            if not resp.more:
                return applied
        raise SyncStalled("pull did not finish within its bound")

    # -- reconciliation ------------------------------------------------------------------------

    def _reconcile_due(self) -> bool:
        if self.reconcile_at is None:
            return False
        local = datetime.now(self.zone)
        if local.time() < self.reconcile_at:
            return False
        with self.store.read() as s:
            last = syncstore.get_state(s, RECONCILE_LAST)
        return last != local.date().isoformat()

    def reconcile(self, chunk_size: int = MAX_RECONCILE_CARDS) -> ReconcileReport:
        """Sync, then compare every card's balances and the journal digest with head office.

        For the UI's button and the nightly schedule. Differences are reported (and stored by
        head office), never fixed by overwriting either side.
        """
        self.sync_once()
        with self._sync_lock:
            run_id = new_id()
            with self.store.read() as s:
                digest = syncstore.journal_digest(s)
            report = ReconcileReport(run_id=run_id, at=iso_utc(utcnow()), cards_compared=0)
            after = ""
            for chunk in range(1_000_000):
                with self.store.read() as s:
                    cards = syncstore.card_balances(s, after, chunk_size)
                final = len(cards) < chunk_size
                req = ReconcileRequest(
                    run_id=run_id,
                    chunk=chunk,
                    first=after,
                    last=cards[-1]["card_id"] if cards else after,
                    final=final,
                    cards=cards,
                    digest={k: TillDigest(**v) for k, v in digest.items()} if chunk == 0 else None,
                )
                resp = self.client.reconcile(req)
                report.differences.extend(d.model_dump() for d in resp.differences)
                report.cards_compared += len(cards)
                if final:
                    break
                after = cards[-1]["card_id"]
            day = datetime.now(self.zone).date().isoformat()
            with self.store.write() as s:
                syncstore.set_state(s, RECONCILE_LAST, day)
            self._update(last_reconcile=report.at,
                         reconcile_differences=len(report.differences))
            return report


def shop_zone(store: Store) -> ZoneInfo:
    """The shop's time zone: the program rules' `timezone` (`loyalty_core.shopday`), so the
    till's sync and offline limit turn the day over when the engine's reports do."""
    return shopday.shop_zone(Loyalty(store).rules().data)


def local_day_bounds(day: date, tz: ZoneInfo) -> tuple[str, str]:
    """The shop's calendar day as a UTC [start, end) pair in journal timestamp format."""
    return shopday.day_bounds(day, tz)
