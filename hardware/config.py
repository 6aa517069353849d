"""How a shop describes its readers, and the one function that builds the manager from it.

The app reads these values from its own settings store; this module only knows their shape,
so `hardware` stays free of the app and the engine.
"""

from __future__ import annotations

import queue
from collections.abc import Mapping
from dataclasses import dataclass, field

from hardware.backend import Backend
from hardware.cardnumbers import DEFAULT_PREFIXES, LENGTH, CardNumbering
from hardware.events import HardwareEvent
from hardware.manager import EventCallback, ReaderManager
from hardware.serial_reader import SerialConfig, SerialMagstripeBackend
from hardware.simulated import SimulatedReader
from hardware.wedge import WedgeDecoder


@dataclass(frozen=True)
class HardwareConfig:
    """pcsc_reader_filter: a case-insensitive regex on reader names, e.g. "ACR122|OMNIKEY"
    (None = every PC/SC reader). serial: one entry per serial magstripe reader."""

    prefixes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PREFIXES))
    card_number_length: int = LENGTH
    pcsc: bool = True
    pcsc_reader_filter: str | None = None
    # Software readers (vpcd) let anyone who reaches their port present any card: a till never
    # uses them unless this is set (the tests, the demo).
    allow_virtual_readers: bool = False
    serial: tuple[SerialConfig, ...] = ()
    simulated: bool = False
    # Keyboard-wedge reader: the longest pause between its key events, and what it sends
    # before and after the tracks (most send nothing before and Enter after).
    wedge_max_gap_ms: float = 30.0
    wedge_prefix: str = ""
    wedge_suffix: str = "\r"

    def numbering(self) -> CardNumbering:
        return CardNumbering(self.prefixes, self.card_number_length)

    def wedge_decoder(self) -> WedgeDecoder:
        """The decoder the app's key filter feeds, with this shop's numbering and timing."""
        return WedgeDecoder(
            self.numbering(),
            max_gap_ms=self.wedge_max_gap_ms,
            prefix=self.wedge_prefix,
            suffix=self.wedge_suffix,
        )


def build_manager(
    config: HardwareConfig,
    callback: EventCallback | None = None,
    events: queue.Queue[HardwareEvent] | None = None,
) -> ReaderManager:
    """A manager with the backends `config` asks for (not started)."""
    from hardware.pcsc import PcscBackend  # pyscard is imported only when PC/SC is wanted

    numbering = config.numbering()
    backends: list[Backend] = []
    if config.pcsc:
        backends.append(
            PcscBackend(
                numbering,
                reader_filter=config.pcsc_reader_filter,
                allow_virtual=config.allow_virtual_readers,
            )
        )
    backends.extend(SerialMagstripeBackend(port, numbering) for port in config.serial)
    if config.simulated:
        backends.append(SimulatedReader(numbering=numbering))
    return ReaderManager(backends, callback=callback, events=events)


def simulated_reader(manager: ReaderManager) -> SimulatedReader | None:
    """The demo's simulated reader, if the manager has one."""
    for backend in manager.backends:
        if isinstance(backend, SimulatedReader):
            return backend
    return None
