"""Command APDUs we send and the pure interpretation of what cards answer.

Kept apart from pcsc.py so every response path can be thrown random bytes in tests: for any
input these functions return or raise ApduError / CardNumberError, nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

from hardware.cardnumbers import CardNumber, CardNumbering
from hardware.errors import ApduError

# Our loyalty applet: a proprietary (F-prefixed) AID spelling "LOYALTY" plus a version byte.
LOYALTY_AID = bytes.fromhex("F04C4F59414C545901")
# PC/SC part 3 GET DATA: the reader answers with the contactless card's UID.
GET_UID = bytes.fromhex("FFCA000000")
SW_OK = 0x9000
SW_END_OF_FILE = 0x6282  # fewer bytes than Le: the whole (short) file was returned
MAX_UID_BYTES = 10  # ISO 14443 UIDs are 4, 7 or 10 bytes
# Padding a personalisation tool may leave after the digits in the card-number file.
_PADDING = b"\x00\xff \r\n"

# Status words that mean "no such applet here" rather than "the card is broken".
APPLET_ABSENT_SW = frozenset({0x6A82, 0x6A81, 0x6A86, 0x6D00, 0x6E00, 0x6999})


def select_aid(aid: bytes = LOYALTY_AID) -> bytes:
    if not 5 <= len(aid) <= 16:
        raise ValueError("an AID is 5..16 bytes")
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid


def read_binary(offset: int = 0, le: int = 0) -> bytes:
    """READ BINARY of the selected file; le=0 asks for up to 256 bytes."""
    if not 0 <= offset <= 0x7FFF or not 0 <= le <= 0xFF:
        raise ValueError("offset or Le out of range")
    return bytes([0x00, 0xB0, offset >> 8, offset & 0xFF, le])


def get_response(le: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, le & 0xFF])


def split_sw(response: Sequence[int] | bytes) -> tuple[bytes, int]:
    """(data, SW1SW2) of a response APDU."""
    try:
        raw = bytes(response)
    except (TypeError, ValueError):
        raise ApduError("the card's response is not bytes", code="apdu_malformed") from None
    if len(raw) < 2:
        raise ApduError("the card's response has no status word", code="apdu_malformed")
    return raw[:-2], (raw[-2] << 8) | raw[-1]


def parse_uid_response(response: Sequence[int] | bytes) -> str:
    """UID in upper-case hex from the answer to GET DATA."""
    data, sw = split_sw(response)
    if sw != SW_OK:
        raise ApduError(f"the reader gave no UID (SW {sw:04X})", code="uid_unavailable", sw=sw)
    if not 1 <= len(data) <= MAX_UID_BYTES:
        raise ApduError("the UID has an impossible length", code="apdu_malformed", sw=sw)
    return data.hex().upper()


def applet_selected(response: Sequence[int] | bytes) -> bool:
    """True when SELECT found our applet; False when the card has no such applet.

    Other error status words mean the card is there but misbehaving: ApduError.
    """
    _data, sw = split_sw(response)
    if sw == SW_OK or (sw >> 8) == 0x61:
        return True
    if sw in APPLET_ABSENT_SW:
        return False
    raise ApduError(
        f"selecting the loyalty applet failed (SW {sw:04X})", code="select_failed", sw=sw
    )


def parse_card_number_response(
    response: Sequence[int] | bytes, numbering: CardNumbering
) -> CardNumber:
    """The card number from READ BINARY of the applet's file: ASCII digits, maybe padded."""
    data, sw = split_sw(response)
    if sw not in (SW_OK, SW_END_OF_FILE):
        raise ApduError(f"reading the card number failed (SW {sw:04X})", code="read_failed", sw=sw)
    digits = data.rstrip(_PADDING)
    if not digits or any(not 0x30 <= b <= 0x39 for b in digits):
        raise ApduError(
            "the card number on the card is not digits", code="card_data_invalid", sw=sw
        )
    return numbering.parse(digits.decode("ascii"))
