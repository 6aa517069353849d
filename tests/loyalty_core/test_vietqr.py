"""VietQR payloads against the worked examples of shared/notes/vietqr.md."""

from __future__ import annotations

import binascii

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.vietqr import payload, purpose_text

DYNAMIC = (
    "00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA"
    "530370454061250005802VN62120808HD00012363047A98"
)
STATIC = (
    "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA"
    "53037045802VN6304E8DB"
)


def test_crc_is_ccitt_false() -> None:
    assert f"{binascii.crc_hqx(b'123456789', 0xFFFF):04X}" == "29B1"


def test_dynamic_code_matches_the_worked_example() -> None:
    assert payload("970436", "0011001234567", 125_000, "HD000123") == DYNAMIC


def test_static_code_matches_the_worked_example() -> None:
    assert payload("970436", "0011001234567") == STATIC


def test_purpose_loses_diacritics_and_stays_short() -> None:
    assert purpose_text("Hoá đơn số 12 - Cà phê sữa đá thêm đường") == "HOA DON SO 12 - CA PHE SU"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("97043", "001"), "vietqr.bad_account"),
        (("970436", "0011 0012"), "vietqr.bad_account"),
        (("970436", "001", 0), "vietqr.bad_amount"),
        (("970436", "001", 1.5), "vietqr.bad_amount"),
        (("970436", "001", 10**13), "vietqr.bad_amount"),
    ],
)
def test_bad_inputs_are_refused(args: tuple, code: str) -> None:
    with pytest.raises(LoyaltyError) as caught:
        payload(*args)
    assert caught.value.code == code


# Codes published by other VietQR implementations (their READMEs and tests), reproduced exactly.
PUBLISHED = [
    (
        ("970423", "0123456789"),
        "00020101021138540010A00000072701240006970423011001234567890208QRIBFTTA"
        "53037045802VN6304F64B",
    ),
    (
        ("970407", "9602091996"),
        "00020101021138540010A00000072701240006970407011096020919960208QRIBFTTA"
        "53037045802VN630434A0",
    ),
    (  # a payment link's dynamic code: amount and an upper-case reference
        ("970422", "VQRQAFGHB3790", 897_000, "EXT1762998222660"),
        "00020101021238570010A000000727012700069704220113VQRQAFGHB37900208QRIBFTTA"
        "530370454068970005802VN62200816EXT17629982226606304E403",
    ),
]


@pytest.mark.parametrize(("args", "expected"), PUBLISHED)
def test_published_codes_are_reproduced(args: tuple, expected: str) -> None:
    assert payload(*args) == expected


@pytest.mark.parametrize(
    "published",
    [  # purposes in lower case, which ours never writes: their CRC still checks out with ours
        "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
        "530370454061200005802VN62170813ung ho lu lut6304C15C",
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "5303704540410005802VN62150811Chuyen tien6304BBB8",
    ],
)
def test_published_crcs_agree(published: str) -> None:
    body, crc = published[:-4], published[-4:]
    assert f"{binascii.crc_hqx(body.encode('ascii'), 0xFFFF):04X}" == crc
