"""VietQR (NAPAS 247) transfer codes for paying a sale by bank transfer at the counter.

The payload is EMVCo merchant-presented TLV text; the customer's banking app reads the shop's
account, the amount and the purpose from it, and the cashier confirms the money arrived. Built
here rather than with one of the small, little-used PyPI packages: it is a dozen lines, checked
against the published vectors in tests/loyalty_core/test_vietqr.py.
"""

from __future__ import annotations

import binascii
import re
import unicodedata

from loyalty_core.errors import LoyaltyError

NAPAS_GUID = "A000000727"
TO_ACCOUNT, TO_CARD = "QRIBFTTA", "QRIBFTTC"
MAX_PURPOSE = 25  # NAPAS's table; longer purposes are dropped by some banks


def _tlv(tag: str, value: str) -> str:
    if not value.isascii() or len(value) > 99:
        raise ValueError("VietQR fields are ASCII, at most 99 characters")
    return f"{tag}{len(value):02d}{value}"


def purpose_text(text: str) -> str:
    """The transfer purpose as banks keep it: no diacritics, upper case, safe characters only."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in bare if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^A-Z0-9 ._-]", "", bare.upper()).strip()[:MAX_PURPOSE]


def payload(
    bank_bin: str, account: str, amount: int | None = None, purpose: str | None = None
) -> str:
    """The QR text: static (payer types the amount) without `amount`, dynamic with it."""
    if not re.fullmatch(r"\d{6}", bank_bin) or not re.fullmatch(r"[0-9A-Za-z]{1,19}", account):
        raise LoyaltyError("vietqr.bad_account", "bank BIN or account number is not valid")
    if amount is not None and (
        not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount < 10**13
    ):
        raise LoyaltyError("vietqr.bad_amount", "transfer amount is not valid")
    service = TO_CARD if account.startswith("9704") and len(account) in (16, 19) else TO_ACCOUNT
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    text = (
        _tlv("00", "01")
        + _tlv("01", "12" if amount else "11")
        + _tlv("38", _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", service))
        + _tlv("53", "704")
        + (_tlv("54", str(amount)) if amount else "")
        + _tlv("58", "VN")
    )
    clean_purpose = purpose_text(purpose) if purpose else ""
    if clean_purpose:
        text += _tlv("62", _tlv("08", clean_purpose))
    text += "6304"
    return text + f"{binascii.crc_hqx(text.encode('ascii'), 0xFFFF):04X}"
