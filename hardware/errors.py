"""Errors raised by the hardware package.

One base type with a stable machine code, in the spirit of Electrum's UserFacingException: the
app maps `code` to a translated message for the cashier and logs the rest. Messages never carry
the raw input, because the raw input may be a payment card's number.
"""

from __future__ import annotations

from loyalty_core import cardnumbers


class HardwareError(Exception):
    """A problem with a card or reader that the app should show, not crash on.

    `code` is stable (tests and translations key on it); `message` is plain English for logs.
    """

    code: str = "hardware_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class CardNumberError(HardwareError, cardnumbers.CardNumberError):
    """The number read is not one of our card numbers (or is a payment card: refused).

    Also the numbering module's own error, so code that catches either one catches it.
    """

    code = "card_number_invalid"

    def __init__(self, message: str, code: str | None = None, masked: str = "") -> None:
        HardwareError.__init__(self, message, code)
        # The masked form (loyalty_core.cardnumbers.mask: last four digits) is safe to show.
        self.masked = masked


class TrackError(HardwareError):
    """A magstripe swipe that cannot be parsed: read error, bad sentinels, bad LRC, garbage."""

    code = "track_invalid"


class ApduError(HardwareError):
    """A card answered a command with an error status word, or with a malformed response."""

    code = "apdu_error"

    def __init__(self, message: str, code: str | None = None, sw: int | None = None) -> None:
        super().__init__(message, code)
        self.sw = sw
