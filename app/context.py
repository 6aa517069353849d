"""What every screen of one till shares: the engine, the runner, the readers, who is logged in.

The engine (`Loyalty`) is created on the worker thread after the first window is shown, so it
is None for the first few hundred milliseconds; screens check `ready` before offering work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.readers import ReaderHub
from app.runner import Runner

if TYPE_CHECKING:
    from loyalty_core.engine import Loyalty
    from sync.till.offline import StoredValueGuard


@dataclass(frozen=True)
class Cashier:
    """The person logged in at the till, as the engine authenticated them."""

    id: str
    code: str
    name: str
    role: str

    @classmethod
    def from_auth(cls, data: dict[str, Any]) -> Cashier:
        return cls(data["id"], data["code"], data["name"], data["role"])


@dataclass
class TillState:
    cashier: Cashier | None = None
    shift_id: str | None = None
    till_name: str = ""
    demo_cards: dict[str, Any] = field(default_factory=dict)


class AppContext(QObject):
    ready_changed = Signal(bool)

    def __init__(self, runner: Runner, hub: ReaderHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.hub = hub
        self.loyalty: Loyalty | None = None
        self.state = TillState()
        self.open_error: str | None = None
        # Dialogs waiting for a card (approval by staff card, a gift card to sell) take the
        # next card presented instead of the counter; the innermost dialog wins.
        self.card_grabbers: list[Callable[[str], None]] = []
        # sync.till.offline.StoredValueGuard when this till is registered with head office; None in
        # the demo and on an unregistered till, where stored value is spent without a limit.
        self.sv_guard: StoredValueGuard | None = None

    @property
    def ready(self) -> bool:
        return self.loyalty is not None

    def set_loyalty(self, loyalty: Loyalty) -> None:
        self.loyalty = loyalty
        self.runner.set_engine(loyalty)  # every op gets the engine handed in from now on
        self.ready_changed.emit(True)

    def engine(self) -> Loyalty:
        """The engine, for code that only runs once it is ready (buttons are disabled before)."""
        if self.loyalty is None:
            raise RuntimeError("the database is not open yet")
        return self.loyalty
