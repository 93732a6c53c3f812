from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.money import AmountParseError, format_dh, parse_dh
from sobrus_comm.domain.segments import GSM_7, analyze

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("amount", "sms", "ui"),
    [
        (Decimal("1234.5"), "1 234,50 DH", f"1{NNBSP}234,50{NBSP}DH"),
        (Decimal("0"), "0,00 DH", f"0,00{NBSP}DH"),
        (Decimal("12"), "12,00 DH", f"12,00{NBSP}DH"),
        (Decimal("999.999"), "1 000,00 DH", f"1{NNBSP}000,00{NBSP}DH"),
        (Decimal("0.005"), "0,01 DH", f"0,01{NBSP}DH"),  # half-up, not banker's rounding
        (Decimal("1234567.891"), "1 234 567,89 DH", f"1{NNBSP}234{NNBSP}567,89{NBSP}DH"),
        (Decimal("-45.5"), "-45,50 DH", f"-45,50{NBSP}DH"),
        (Decimal("1E+3"), "1 000,00 DH", f"1{NNBSP}000,00{NBSP}DH"),
        (250, "250,00 DH", f"250,00{NBSP}DH"),
    ],
)
def test_format_dh(amount: Decimal, sms: str, ui: str) -> None:
    assert format_dh(amount, for_sms=True) == sms
    assert format_dh(amount) == ui


def test_rounding_to_zero_has_no_minus_sign() -> None:
    assert format_dh(Decimal("-0.001"), for_sms=True) == "0,00 DH"


def test_not_finite_is_refused() -> None:
    with pytest.raises(ValueError):
        format_dh(Decimal("NaN"))


def test_sms_format_stays_in_gsm_alphabet() -> None:
    text = f"Votre solde est de {format_dh(Decimal('1234567.5'), for_sms=True)}."
    assert analyze(text).encoding == GSM_7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.5", "1234.50"),
        ("1234,5", "1234.50"),
        ("1 234,50", "1234.50"),
        ("1 234,50 DH", "1234.50"),
        (f"1{NNBSP}234,50{NBSP}DH", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567.00"),
        ("12 dh", "12.00"),
        ("12DH", "12.00"),
        ("12 MAD", "12.00"),
        ("12 dirhams", "12.00"),
        ("DH 12", "12.00"),
        (",5", "0.50"),
        ("  -3,20 ", "-3.20"),
        ("0", "0.00"),
    ],
)
def test_parse_dh(text: str, expected: str) -> None:
    value = parse_dh(text)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize("text", ["abc", "12 34", "1.2.3", "12,5,0 DH", "DH", "1,2a", "--3"])
def test_parse_dh_refuses_garbage(text: str) -> None:
    with pytest.raises(AmountParseError) as info:
        parse_dh(text)
    assert str(info.value).startswith("Montant invalide : «")


def test_parse_dh_refuses_ambiguous_decimals() -> None:
    with pytest.raises(AmountParseError, match="deux décimales au maximum"):
        parse_dh("1.234")


def test_parse_dh_empty() -> None:
    with pytest.raises(AmountParseError, match=r"^Montant manquant$"):
        parse_dh("  ")


def test_parse_error_is_a_value_error() -> None:
    assert issubclass(AmountParseError, ValueError)


def test_format_count() -> None:
    assert format_count(0) == "0"
    assert format_count(999) == "999"
    assert format_count(1234) == f"1{NNBSP}234"
    assert format_count(1234567, for_sms=True) == "1 234 567"
    assert format_count(-1000) == f"-1{NNBSP}000"


amounts = st.decimals(
    min_value=Decimal("-1000000000"),
    max_value=Decimal("1000000000"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=200, deadline=None)
@given(amounts, st.booleans())
def test_format_then_parse_round_trips(amount: Decimal, for_sms: bool) -> None:
    assert parse_dh(format_dh(amount, for_sms=for_sms)) == amount


@settings(max_examples=200, deadline=None)
@given(amounts)
def test_sms_and_ui_formats_differ_only_by_spaces(amount: Decimal) -> None:
    sms, ui = format_dh(amount, for_sms=True), format_dh(amount)
    assert ui.replace(NNBSP, " ").replace(NBSP, " ") == sms
    assert sms.isascii()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_parse_dh_raises_only_its_error(text: str) -> None:
    try:
        value = parse_dh(text)
    except AmountParseError:
        return
    assert value.is_finite()
