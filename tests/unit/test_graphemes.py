"""Segment counting never cuts a user-perceived character (issue 16's groundwork)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.graphemes import (
    CONTROL,
    CR,
    EXTEND,
    JOINER,
    LF,
    PICTOGRAPH,
    PREPEND,
    REGIONAL,
    boundary_kind,
    clusters,
    glued_positions,
)
from sobrus_comm.domain.segments import (
    GSM_7,
    GSM_EXTENSION_CHARS,
    UCS_2,
    analyze,
    split_parts,
)

BA, SHADDA, FATHA, SUKUN = "ب", "\u0651", "\u064e", "\u0652"
FAMILY = "👨\u200d👩\u200d👧"  # 8 UTF-16 units, one character on screen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بِسْمِ", ["بِ", "سْ", "مِ"]),  # each letter with its tashkeel
        ("اللّٰه", ["ا", "ل", "لّٰ", "ه"]),  # shadda and superscript alef on one letter
        (f"{FAMILY} ok", [FAMILY, " ", "o", "k"]),
        ("❤\ufe0f\u200d🔥", ["❤\ufe0f\u200d🔥"]),
        ("🇲🇦🇫🇷🇲", ["🇲🇦", "🇫🇷", "🇲"]),  # flags pair up from the start
        ("👍🏽!", ["👍🏽", "!"]),
        ("1\ufe0f\u20e3", ["1\ufe0f\u20e3"]),  # keycap
        ("a\r\nb", ["a", "\r\n", "b"]),
        ("\u0600١٢", ["\u0600١", "٢"]),  # Arabic number sign leads its digits
        ("ل\u200dا", ["ل\u200d", "ا"]),  # a ZWJ between letters joins nothing across
        ("a\x00\u0301", ["a", "\x00", "\u0301"]),  # a control stands alone
    ],
)
def test_clusters(text: str, expected: list[str]) -> None:
    assert clusters(text) == expected


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        (BA * 70, UCS_2, 1),
        (BA * 71, UCS_2, 2),
        (BA * 134, UCS_2, 2),
        (BA * 135, UCS_2, 3),
        # 134 units, but the letter with its shadda would straddle unit 67: it moves whole.
        (BA * 66 + BA + SHADDA + BA * 66, UCS_2, 3),
        (BA * 65 + BA + SHADDA + BA * 66, UCS_2, 2),
        (BA * 63 + FAMILY + BA * 63, UCS_2, 3),
        (BA * 59 + FAMILY + BA * 67, UCS_2, 2),
        ("a" * 152 + "\r\n" + "a" * 152, GSM_7, 3),  # CR LF stays together
        ("a" * 151 + "\r\n" + "a" * 153, GSM_7, 2),
        ("a" * 160, GSM_7, 1),
    ],
)
def test_segments_around_the_limits(text: str, encoding: str, segments: int) -> None:
    info = analyze(text)
    assert (info.encoding, info.segments) == (encoding, segments)
    assert len(split_parts(text)) == segments


def test_a_fully_vocalised_text_can_need_one_part_more_than_its_length_says() -> None:
    # 44 letters with a shadda and a fatha (3 units each) and 2 more: 134 units, 2 parts
    # by length; but 67 is not a multiple of 3, so each part holds 22 letters (66 units).
    text = (BA + SHADDA + FATHA) * 44 + "xx"
    info = analyze(text)
    assert info.length == 134
    naive = -(-info.length // info.per_segment)
    assert info.segments == naive + 1


def _units(text: str, unicode: bool) -> int:
    if unicode:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text) + sum(text.count(c) for c in GSM_EXTENSION_CHARS)


arabic_pieces = st.sampled_from(
    [BA, "س", "م", "ا", " ", SHADDA, FATHA, SUKUN, "\u0670", "\u064b", "😀", "👍", "🏽",
     "\u200d", "👩", "🇲", "🇦", "\ufe0f", "a", "\r", "\n", "€", "é"])
gsm_pieces = st.sampled_from(["a", "b", " ", "\r", "\n", "\r\n", "€", "{", "é", "1"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(arabic_pieces, max_size=400).map("".join),
                 st.lists(gsm_pieces, max_size=500).map("".join)))
def test_parts_rebuild_the_text_fit_and_end_between_characters(text: str) -> None:
    info = analyze(text)
    parts = split_parts(text)
    assert "".join(parts) == text
    assert len(parts) == info.segments
    limit = info.per_segment
    assert all(0 < _units(p, info.is_unicode) <= limit for p in parts)
    # Every boundary between parts is a boundary between user-perceived characters.
    cuts = {sum(len(p) for p in parts[:i]) for i in range(1, len(parts))}
    starts = {sum(len(c) for c in clusters(text)[:i]) for i in range(len(clusters(text)))}
    assert cuts <= starts
    assert info.segments >= -(-info.length // limit)  # never fewer than the naive count


@given(st.text(max_size=200))
def test_clusters_rebuild_any_text(text: str) -> None:
    pieces = clusters(text)
    assert "".join(pieces) == text and all(pieces)


# The rules pair by pair, written plainly: the oracle for the regex-based glued_positions.
def _glued_reference(text: str, j: int) -> bool:
    a, b = boundary_kind(text[j - 1]), boundary_kind(text[j])
    if a == CR:
        return b == LF
    if a in (CR, LF, CONTROL) or b in (CR, LF, CONTROL):
        return False
    if a == PREPEND or b in (EXTEND, JOINER):
        return True
    if a == JOINER and b == PICTOGRAPH:
        i = j - 2
        while i >= 0 and boundary_kind(text[i]) == EXTEND:
            i -= 1
        return i >= 0 and boundary_kind(text[i]) == PICTOGRAPH
    if a == REGIONAL and b == REGIONAL:
        i = j - 1
        while i >= 0 and boundary_kind(text[i]) == REGIONAL:
            i -= 1
        return (j - 1 - i) % 2 == 1
    return False


every_kind = st.sampled_from(
    ["a", "ب", " ", "\r", "\n", "\x00", "\u202e", "\u0600", "\u06dd", SHADDA, FATHA,
     "\u200c", "\u200d", "\ufe0f", "🏽", "🇲", "🇦", "👩", "☀", "😀", "\U000e0067", "1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(every_kind, max_size=40).map("".join))
def test_glued_positions_follow_the_rules_pair_by_pair(text: str) -> None:
    expected = [j for j in range(1, len(text)) if _glued_reference(text, j)]
    assert glued_positions(text) == expected
