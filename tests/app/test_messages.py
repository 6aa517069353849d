"""Every refusal the engine or a reader can give has a sentence, in both languages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from app import i18n, messages
from app.money import format_points, format_vnd, parse_amount

ROOT = Path(__file__).resolve().parents[2]


def _codes(package: str, pattern: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        found.update(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_every_engine_refusal_code_has_a_sentence() -> None:
    codes = _codes("loyalty_core", r'LoyaltyError\(\s*"([a-z_]+\.[a-z_.]+)"')
    codes |= _codes("loyalty_core", r'LoyaltyError\(\s*\n\s*"([a-z_]+\.[a-z_.]+)"')
    codes.add("approval.required")
    assert len(codes) > 30  # the scan itself works
    missing = sorted(c for c in codes if c not in messages._ENGINE)
    assert missing == []


def test_every_reader_error_code_reads_as_words() -> None:
    codes = _codes("hardware", r'code="([a-z_]+)"') | _codes("hardware", r'"([a-z_]+)"\)\s*$')
    for code in sorted(codes):
        text = messages.reader_text(code)
        assert "(" not in text or code not in text, f"no sentence for reader code {code}"


def test_refusals_are_translated_to_vietnamese(qapp: Any) -> None:
    def sentences() -> dict[str, str]:
        texts = {code: messages.refusal_text(code, {}) for code in messages._ENGINE}
        texts.update({code: messages.reader_text(code) for code in messages._READER})
        return texts

    i18n.install_language(qapp, "en")
    english = sentences()
    i18n.install_language(qapp, "vi")
    try:
        vietnamese = sentences()
        assert [code for code in english if english[code] == vietnamese[code]] == []
        text = messages.refusal_text("stored_value.insufficient", {"available": 1_250_000})
        assert text == "Số dư không đủ: thẻ còn 1.250.000 ₫."
    finally:
        i18n.install_language(qapp, "en")


def test_parameters_are_shown_as_money_and_points() -> None:
    assert messages.refusal_text("points.insufficient", {"available": 12_500}) == (
        "Not enough points: the card has 12.500 points."
    )
    assert messages.refusal_text("topup.too_large", {"max": 20_000_000}) == (
        "A top-up can be at most 20.000.000 ₫."
    )
    assert messages.refusal_text("text.required", {"field": "name"}) == "Please fill in the name."
    assert "some.new_code" in messages.refusal_text("some.new_code", {})


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0 ₫"),
        (999, "999 ₫"),
        (1_000, "1.000 ₫"),
        (1_250_000, "1.250.000 ₫"),
        (-50_000, "-50.000 ₫"),
        (10_000_000_000, "10.000.000.000 ₫"),
    ],
)
def test_format_vnd(value: int, text: str) -> None:
    assert format_vnd(value) == text


def test_money_is_never_a_float() -> None:
    with pytest.raises(TypeError):
        format_vnd(1.5)  # type: ignore[arg-type]
    assert format_points(1234) == "1.234"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.250.000", 1_250_000),
        ("1 250 000 ₫", 1_250_000),
        ("250000đ", 250_000),
        ("0", 0),
        ("", None),
        ("12,5", None),
        ("1.5e3", None),
        ("-100", None),
        ("１２３", None),
    ],
)
def test_parse_amount(typed: str, value: int | None) -> None:
    assert parse_amount(typed) == value
