"""What a chain job's step is (services/jobs.py runs them): its own module so that a job written
in a module of its own (services/birthdays.py) and the runner's table of jobs share it without
importing each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from sync.headoffice.services.hoentries import Draft


@dataclass(frozen=True)
class Facts:
    """What a job needs to know about its period, read once per run."""

    day: date  # the day the period is evaluated at
    rules: dict[str, Any]


@dataclass
class Step:
    drafts: list[Draft]
    cursor: str
    counts: dict[str, int]
    finished: bool


# (connection, job's period, facts, cursor, batch size) -> the batch's step.
StepFn = Callable[[Connection, str, Facts, str, int], Step]
