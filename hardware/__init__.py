"""Card readers as one stream of events: PC/SC, magstripe (wedge, serial), simulated.

Imports nothing of ours but the card-numbering leaf loyalty_core.cardnumbers, and no Qt; the
app adapts ReaderManager's callback to a Qt signal.
PC/SC (pyscard) is imported lazily, so the package loads where pcsclite is missing.
"""

from hardware.backend import Backend, EventSink, ThreadBackend
from hardware.cardnumbers import DEFAULT_PREFIXES, CardNumber, CardNumbering, mask
from hardware.config import HardwareConfig, build_manager, simulated_reader
from hardware.errors import ApduError, CardNumberError, HardwareError, TrackError
from hardware.events import (
    CardPresented,
    CardRemoved,
    HardwareEvent,
    ReaderAttached,
    ReaderError,
    ReaderLost,
)
from hardware.manager import EventCallback, ReaderManager
from hardware.serial_reader import SerialConfig, SerialMagstripeBackend
from hardware.simulated import SimulatedReader
from hardware.tracks import TrackData, parse_swipe
from hardware.wedge import WedgeDecoder, WedgeOutput

__all__ = [
    "DEFAULT_PREFIXES",
    "ApduError",
    "Backend",
    "CardNumber",
    "CardNumberError",
    "CardNumbering",
    "CardPresented",
    "CardRemoved",
    "EventCallback",
    "EventSink",
    "HardwareConfig",
    "HardwareError",
    "HardwareEvent",
    "ReaderAttached",
    "ReaderError",
    "ReaderLost",
    "ReaderManager",
    "SerialConfig",
    "SerialMagstripeBackend",
    "SimulatedReader",
    "ThreadBackend",
    "TrackData",
    "TrackError",
    "WedgeDecoder",
    "WedgeOutput",
    "build_manager",
    "mask",
    "parse_swipe",
    "simulated_reader",
]
