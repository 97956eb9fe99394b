"""Given raw cells, expect clean values or a clear refusal."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from etl import messages
from etl.normalise import clean_text, looks_like_formula, parse_bool, parse_date, parse_int, parse_number


@pytest.fixture(autouse=True)
def english_messages():
    """These tests pin the English wording; Vietnamese, the default, is tests/test_messages.py's."""
    with messages.language("en"):
        yield


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Lạng Sơn ", "Lạng Sơn"),
        (unicodedata.normalize("NFD", "Lạng Sơn"), "Lạng Sơn"),
        ("\u00a0Cao\u00a0Bằng\u202f", "Cao Bằng"),
        (None, ""),
        (float("nan"), ""),
        (20.0, "20"),
    ],
)
def test_clean_text_is_nfc_and_trimmed(raw: object, expected: str) -> None:
    assert clean_text(raw) == expected
    assert unicodedata.is_normalized("NFC", clean_text(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4270", 4270.0),
        ("5.88", 5.88),
        ("-3", -3.0),
        ("10649.6", 10649.6),
        (" 1e3 ", 1000.0),
        (4270, 4270.0),
        (5.88, 5.88),
        ("0.270", 0.27),
        ("4.2700", 4.27),
    ],
)
def test_plain_numbers_parse(raw: object, expected: float) -> None:
    assert parse_number(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["4.270", "1.234.567", "42.700"])
def test_dotted_thousands_are_ambiguous_in_submissions(raw: str) -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        parse_number(raw)
    if raw.count(".") == 1:  # reference tables read 4.270 as the decimal it is there
        assert parse_number(raw, strict=False) == float(raw)


@pytest.mark.parametrize("raw", ["1.234,5", "5,88", "4,270"])
def test_commas_are_refused_with_how_to_write_it(raw: str) -> None:
    with pytest.raises(ValueError, match="plain number with a dot"):
        parse_number(raw)


@pytest.mark.parametrize("raw", ["abc", "5.88%", "", "nan", "inf", True])
def test_non_numbers_are_refused(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


def test_numeric_excel_cells_are_never_ambiguous() -> None:
    assert parse_number(4.27) == 4.27  # a numeric cell: what Excel stored is the number


def test_int_bool_date() -> None:
    assert parse_int("2021") == 2021
    with pytest.raises(ValueError, match="whole number"):
        parse_int("2021.5")
    assert parse_bool("có") is True and parse_bool("FALSE") is False
    assert parse_date("02/03/2022") == dt.date(2022, 3, 2)  # dd/mm/yyyy
    assert parse_date("2022-03-02") == dt.date(2022, 3, 2)
    with pytest.raises(ValueError):
        parse_date("31/02/2022")


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ('=HYPERLINK("x")', True),
        ("@SUM(A1)", True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3", True),
        ("-5", False),
        ("- gạch đầu dòng", False),
        ("Hữu Nghị", False),
        ("", False),
    ],
)
def test_formula_like_text(text: str, formula: bool) -> None:
    assert looks_like_formula(text) is formula
