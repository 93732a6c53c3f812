from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.phones import (
    PhoneProblem,
    format_phone_display,
    normalize_phone,
    phone_index_key,
    phone_search_digits,
)

SAME_MOBILE = [
    "0612345678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "+212 6 12 34 56 78",
    "+212612345678",
    "+212 (0)6 12 34 56 78",
    "00212612345678",
    "00 212 6 12 34 56 78",
    "212612345678",  # country code without "+": accepted, see module doc
    "612345678",  # leading zero lost by a spreadsheet
    "  0612345678\n",
    "06\u00a012\u00a034\u00a056\u00a078",  # NBSP from a copy-paste
    "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits
]


@pytest.mark.parametrize("raw", SAME_MOBILE)
def test_every_way_of_typing_a_moroccan_mobile_gives_one_e164(raw: str) -> None:
    check = normalize_phone(raw)
    assert check.ok, check.reason_fr
    assert check.e164 == "+212612345678"
    assert check.problem is None
    assert check.reason_fr == ""
    assert check.raw == raw


def test_07_numbers_are_mobiles_too() -> None:
    assert normalize_phone("07 12 34 56 78").e164 == "+212712345678"


@pytest.mark.parametrize("raw", [None, "", "   ", "\t\n"])
def test_missing(raw: str | None) -> None:
    check = normalize_phone(raw)
    assert not check.ok
    assert check.problem is PhoneProblem.MISSING
    assert check.e164 is None
    assert check.reason_fr == "Numéro manquant"


@pytest.mark.parametrize(
    "raw",
    [
        "06 12",
        "abc",
        "0612345678901",
        "06123456789",
        "0612345678/0522112233",
        "+",
        "0790000000",  # 079 is not an allocated mobile range
    ],
)
def test_invalid(raw: str) -> None:
    check = normalize_phone(raw)
    assert not check.ok
    assert check.problem is PhoneProblem.INVALID
    assert check.e164 is None


def test_invalid_reason_quotes_what_was_typed() -> None:
    assert normalize_phone("06 12").reason_fr == "Numéro invalide : « 06 12 »"


def test_invalid_reason_shortens_a_pasted_note() -> None:
    reason = normalize_phone("06 12 34 " * 20).reason_fr
    assert reason.startswith("Numéro invalide : « 06 12 34")
    assert reason.endswith("… »")
    assert len(reason) < 60


@pytest.mark.parametrize("raw", ["0612345678 (fils)", "06123456ab", "0612345678 ext 12"])
def test_letters_are_refused_rather_than_read_as_keypad_digits(raw: str) -> None:
    # phonenumbers alone would turn "ab" into "22" and yield a valid stranger's number.
    assert normalize_phone(raw).problem is PhoneProblem.INVALID


def test_moroccan_fixed_line_is_not_mobile() -> None:
    check = normalize_phone("05 22 12 34 56")
    assert not check.ok
    assert check.problem is PhoneProblem.NOT_MOBILE
    assert check.e164 == "+212522123456"
    assert check.reason_fr == "Pas un numéro de mobile (fixe) : 05 22 12 34 56"


def test_toll_free_is_not_mobile() -> None:
    check = normalize_phone("0801234567")
    assert check.problem is PhoneProblem.NOT_MOBILE
    assert "numéro vert" in check.reason_fr


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("+34 612 34 56 78", "+34612345678"),
        ("+1 650 253 0000", "+16502530000"),  # US: mobile and fixed lines look alike
    ],
)
def test_foreign_mobiles_are_accepted(raw: str, e164: str) -> None:
    check = normalize_phone(raw)
    assert check.ok
    assert check.e164 == e164


def test_foreign_fixed_line_is_not_mobile() -> None:
    check = normalize_phone("+33 1 45 67 89 01")
    assert check.problem is PhoneProblem.NOT_MOBILE
    assert check.reason_fr == "Pas un numéro de mobile (fixe) : +33 1 45 67 89 01"


def test_other_region_for_national_numbers() -> None:
    assert normalize_phone("06 12 34 56 78", region="FR").e164 == "+33612345678"


def test_format_phone_display() -> None:
    assert format_phone_display("+212612345678") == "06 12 34 56 78"
    assert format_phone_display("+212522123456") == "05 22 12 34 56"
    assert format_phone_display("+33612345678") == "+33 6 12 34 56 78"
    assert format_phone_display("garbage") == "garbage"


@pytest.mark.parametrize("typed", ["0612", "+212 612", "612 34", "00212 6 12", "5678", "06 12 34"])
def test_typed_fragments_find_the_stored_number(typed: str) -> None:
    assert phone_index_key("+212612345678") == "612345678"
    digits = phone_search_digits(typed)
    assert digits
    assert digits in phone_index_key("+212612345678")


def test_search_digits_strip_country_and_trunk_prefixes() -> None:
    assert phone_search_digits("0612") == "612"
    assert phone_search_digits("+212 612") == "612"
    assert phone_search_digits("212612") == "612"
    assert phone_search_digits("00212 6 12") == "612"
    assert phone_search_digits("+212 (0)6 12") == "612"
    assert phone_search_digits("612 34") == "61234"
    assert phone_search_digits("٠٦١٢") == "612"


def test_search_without_digits_is_empty() -> None:
    assert phone_search_digits("Bennani") == ""
    assert phone_search_digits("+") == ""


def test_foreign_numbers_keep_their_country_code() -> None:
    key = phone_index_key("+33612345678")
    assert key == "33612345678"
    assert phone_search_digits("+33 6 12") in key
    assert phone_search_digits("0033 612") in key
    assert phone_search_digits("06 12") in key
    assert phone_search_digits("+33 6 12") not in phone_index_key("+212612345678")


def test_index_key_of_a_number_stored_as_typed() -> None:
    assert phone_index_key("0612345678") == phone_index_key("+212612345678")


mobiles = st.builds(
    lambda first, rest: f"0{first}{rest:08d}",
    st.sampled_from("67"),
    st.integers(min_value=0, max_value=99_999_999),
)


@settings(max_examples=150, deadline=None)
@given(mobiles, st.sampled_from(["", " ", ".", "-"]), st.sampled_from(["0", "+212", "00212"]))
def test_formats_of_a_valid_mobile_agree(number: str, sep: str, prefix: str) -> None:
    national = normalize_phone(number)
    if not national.ok:  # some 06/07 ranges are not allocated
        return
    assert national.e164 is not None
    body = number[1:]
    spaced = sep.join([body[0], body[1:3], body[3:5], body[5:7], body[7:9]])
    assert normalize_phone(prefix + spaced).e164 == national.e164
    assert normalize_phone(format_phone_display(national.e164)).e164 == national.e164
    # The whole number, typed any of these ways, finds itself.
    assert phone_search_digits(prefix + spaced) == phone_index_key(national.e164)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=30)))
def test_normalize_never_raises_and_is_consistent(raw: str | None) -> None:
    check = normalize_phone(raw)
    assert check.ok == (check.problem is None)
    if check.ok:
        assert check.e164 is not None and check.e164.startswith("+")
    else:
        assert check.reason_fr


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_search_digits_are_ascii_digits(text: str) -> None:
    digits = phone_search_digits(text)
    assert digits == "" or (digits.isascii() and digits.isdigit())


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["0", "+212", "+33", "+1", "00", "+44", "+800", ""]),
    st.text(alphabet="0123456789", min_size=3, max_size=12),
)
def test_invalid_exactly_when_phonenumbers_says_so(prefix: str, digits: str) -> None:
    # normalize_phone() relies on number_type() alone to decide validity.
    try:
        number = phonenumbers.parse(prefix + digits, "MA")
    except phonenumbers.NumberParseException:
        return
    invalid = normalize_phone(prefix + digits).problem is PhoneProblem.INVALID
    assert invalid == (not phonenumbers.is_valid_number(number))
