"""The chain jobs' schedule inside `loyalty-headoffice serve`: a daemon thread that wakes every
`interval` seconds and runs whatever is due (`services/jobs.py`), and first puts in force the
tier, staff and reward versions whose time has come (`services/objectversions.py`).

Why a plain thread and a short interval rather than a cron time: a run of a period that is done
costs four one-row reads, so waking often is cheap, and the first wake after the chain's midnight
runs the new day's jobs whenever the server was (re)started. Two servers over one database both
waking is safe: the job-run rows and the counter lock make the second one a no-op.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)


class JobScheduler:
    def __init__(self, ho: Any, interval: float = 300.0) -> None:
        """`ho`: a `HeadOffice` (typed loosely so the facade need not import this module)."""
        self.ho = ho
        self.interval = interval
        self.last: list[dict[str, Any]] = []
        self.last_error: str | None = None
        self.versions_error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="chain-jobs", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def run_once(self) -> list[dict[str, Any]]:
        """Run what is due now; a failure is logged and retried at the next wake (a restart
        resumes after the last committed batch)."""
        try:
            self.last = self.ho.run_jobs()
            self.last_error = None
            ran = [r for r in self.last if r.get("ran")]
            if ran:
                log.info("chain jobs ran: %s", ran)
        except Exception as exc:  # noqa: BLE001 - the server keeps serving; the next wake retries
            self.last_error = f"{type(exc).__name__}: {exc}"
            log.exception("chain jobs failed; retried at the next wake")
        return self.last

    def apply_versions(self) -> list[dict[str, Any]]:
        """Put tier, staff and reward versions whose time has come in force (services/
        objectversions.py); apart from the jobs, so a failing job never holds them up."""
        try:
            applied = self.ho.apply_scheduled()
            self.versions_error = None
        except Exception as exc:  # noqa: BLE001 - retried at the next wake
            self.versions_error = f"{type(exc).__name__}: {exc}"
            log.exception("applying scheduled versions failed; retried at the next wake")
            return []
        if applied:
            log.info("versions in force: %s", applied)
        return applied

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.apply_versions()
            self.run_once()
            self._stop.wait(self.interval)
