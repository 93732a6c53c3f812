from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.segments import (
    GSM_7,
    GSM_BASIC_CHARS,
    GSM_CHARS,
    GSM_EXTENSION_CHARS,
    GSM_SUBSTITUTIONS,
    UCS_2,
    analyze,
    apply_substitutions,
    credits_for,
    is_gsm,
    suggest_substitutions,
)


def test_alphabet_has_the_128_basic_characters_minus_the_escape() -> None:
    assert len(GSM_BASIC_CHARS) == 127
    assert len(GSM_EXTENSION_CHARS) == 10
    assert not GSM_BASIC_CHARS & GSM_EXTENSION_CHARS


def test_empty_text() -> None:
    info = analyze("")
    assert (info.encoding, info.length, info.segments) == (GSM_7, 0, 0)
    assert info.remaining == 160
    assert info.unicode_chars == ()


@pytest.mark.parametrize(
    ("length", "segments", "per_segment", "remaining"),
    [
        (1, 1, 160, 159),
        (160, 1, 160, 0),
        (161, 2, 153, 145),
        (306, 2, 153, 0),
        (307, 3, 153, 152),
        (459, 3, 153, 0),
        (460, 4, 153, 152),
    ],
)
def test_gsm_limits(length: int, segments: int, per_segment: int, remaining: int) -> None:
    info = analyze("a" * length)
    assert info.encoding == GSM_7
    assert info.length == length
    assert (info.segments, info.per_segment, info.remaining) == (segments, per_segment, remaining)


@pytest.mark.parametrize(
    ("length", "segments", "per_segment"),
    [(1, 1, 70), (70, 1, 70), (71, 2, 67), (134, 2, 67), (135, 3, 67), (201, 3, 67)],
)
def test_ucs2_limits(length: int, segments: int, per_segment: int) -> None:
    info = analyze("ê" * length)
    assert info.encoding == UCS_2
    assert info.length == length
    assert (info.segments, info.per_segment) == (segments, per_segment)


def test_extension_characters_count_two_septets() -> None:
    assert analyze("€").length == 2
    assert analyze("€").encoding == GSM_7
    assert analyze("[]{}~^\\|\f€").length == 20
    assert analyze("a" * 158 + "€").segments == 1  # 160 septets
    assert analyze("a" * 159 + "€").segments == 2  # 161 septets


def test_an_escape_sequence_is_not_split_across_segments() -> None:
    # 152 septets, then "€" (2) does not fit in the first 153: it opens segment 2.
    text = "a" * 152 + "€" + "a" * 152
    info = analyze(text)
    assert info.length == 306
    assert info.segments == 3  # the naive ceil(306 / 153) would say 2
    assert info.remaining == 152
    # Shifted by one, the pair fits and the count is the naive one.
    assert analyze("a" * 151 + "€" + "a" * 153).segments == 2


def test_emoji_counts_two_utf16_units_and_is_not_split() -> None:
    assert analyze("😀").length == 2
    assert analyze("😀").encoding == UCS_2
    assert analyze("😀" * 35).segments == 1  # 70 units
    assert analyze("😀" * 36).segments == 2
    # 66 units then an emoji: it cannot straddle the 67-unit boundary.
    assert analyze("ê" * 66 + "😀" + "ê" * 66).segments == 3


@pytest.mark.parametrize("char", list("éèàùìòÇØøÅåÄäÖöÑñÜüßÉÆæ"))
def test_french_letters_present_in_gsm(char: str) -> None:
    assert analyze(f"Merci {char}").encoding == GSM_7


@pytest.mark.parametrize("char", list("êâîôûçëï’"))
def test_french_letters_missing_from_gsm(char: str) -> None:
    info = analyze(f"Merci {char}")
    assert info.encoding == UCS_2
    assert info.unicode_chars == (char,)


def test_unicode_chars_are_distinct_in_order_of_appearance() -> None:
    info = analyze("Fête à l’île, fête !")
    assert info.unicode_chars == ("ê", "’", "î")


def test_nbsp_forces_ucs2() -> None:
    assert analyze("1\u202f234,50\u00a0DH").encoding == UCS_2


def test_credits_for() -> None:
    assert credits_for([]) == 0
    assert credits_for(["", "a", "a" * 161, "ê" * 71]) == 0 + 1 + 2 + 2


def test_substitutions_only_map_non_gsm_to_gsm() -> None:
    for char, replacement in GSM_SUBSTITUTIONS.items():
        assert len(char) == 1
        assert char not in GSM_CHARS, char
        assert is_gsm(replacement), (char, replacement)


def test_required_substitutions() -> None:
    expected = {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "ê": "e",
        "â": "a",
        "î": "i",
        "ô": "o",
        "û": "u",
        "ç": "c",
        "ë": "e",
        "ï": "i",
        "œ": "oe",
        "…": "...",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
    for char, replacement in expected.items():
        assert GSM_SUBSTITUTIONS[char] == replacement


def test_suggest_lists_only_present_characters_with_a_substitution() -> None:
    text = "Votre commande est prête à l’officine 😀 — merci"
    assert suggest_substitutions(text) == {"ê": "e", "’": "'", "—": "-"}
    assert suggest_substitutions("Bonjour") == {}


def test_apply_substitutions() -> None:
    text = "Votre commande est prête à l’officine — « merci »"
    assert apply_substitutions(text) == 'Votre commande est prete à l\'officine - " merci "'
    # Only what the user accepted.
    assert apply_substitutions(text, {"ê": "e"}) == text.replace("ê", "e")
    assert apply_substitutions(text, {}) == text
    assert apply_substitutions("œuvre…") == "oeuvre..."


def test_substitutions_make_a_french_reminder_cheaper() -> None:
    text = "Bonjour, votre solde s’élève à 1\u202f250,00\u00a0DH. Merci de passer à l’officine."
    assert analyze(text).encoding == UCS_2
    fixed = apply_substitutions(text, suggest_substitutions(text))
    assert analyze(fixed).encoding == GSM_7


# --- Properties -----------------------------------------------------------------------

gsm_text = st.text(alphabet=sorted(GSM_CHARS), max_size=500)
any_text = st.text(max_size=400)
french_text = st.text(
    alphabet=sorted(GSM_CHARS | set(GSM_SUBSTITUTIONS) | {"😀", "ب"}), max_size=400
)


@settings(max_examples=150, deadline=None)
@given(any_text, st.text(min_size=1, max_size=50))
def test_segments_never_decrease_when_text_grows(text: str, more: str) -> None:
    assert analyze(text + more).segments >= analyze(text).segments


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_every_prefix_needs_no_more_segments(text: str) -> None:
    counts = [analyze(text[:i]).segments for i in range(0, len(text) + 1, 7)]
    assert counts == sorted(counts)


@settings(max_examples=150, deadline=None)
@given(gsm_text)
def test_gsm_text_is_never_reported_ucs2(text: str) -> None:
    info = analyze(text)
    assert info.encoding == GSM_7
    assert info.unicode_chars == ()
    ext = sum(1 for c in text if c in GSM_EXTENSION_CHARS)
    assert info.length == len(text) + ext


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_segment_arithmetic_is_consistent(text: str) -> None:
    info = analyze(text)
    assert 0 <= info.remaining <= info.per_segment
    if not text:
        assert info.segments == 0
    elif info.segments == 1:
        assert info.length <= info.per_segment
        assert info.remaining == info.per_segment - info.length
    else:
        # Never fewer segments than the naive count, at most one extra per boundary.
        naive = -(-info.length // info.per_segment)
        assert naive <= info.segments <= naive + info.length // info.per_segment
    assert (info.encoding == UCS_2) == bool(info.unicode_chars)
    assert all(c not in GSM_CHARS for c in info.unicode_chars)
    assert len(set(info.unicode_chars)) == len(info.unicode_chars)


@settings(max_examples=150, deadline=None)
@given(french_text)
def test_substitution_result_is_gsm_when_every_offender_has_one(text: str) -> None:
    offenders = set(analyze(text).unicode_chars)
    result = apply_substitutions(text, suggest_substitutions(text))
    if offenders <= set(GSM_SUBSTITUTIONS):
        assert analyze(result).encoding == GSM_7
    else:
        assert set(analyze(result).unicode_chars) == offenders - set(GSM_SUBSTITUTIONS)


@settings(max_examples=100, deadline=None)
@given(gsm_text)
def test_substitutions_leave_gsm_text_alone(text: str) -> None:
    assert suggest_substitutions(text) == {}
    assert apply_substitutions(text) == text
