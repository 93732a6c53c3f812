"""The history's search texts in one buffer: the same answers as one ``str`` per row."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from sobrus_comm.domain.history_haystacks import Haystacks

# Latin, accented and Arabic letters, digits and spaces: the buffer's UTF-8 must agree
# with str matching whatever the script.
_TEXT = st.text(alphabet="abcé é0123456789 بيه", max_size=12)


@given(st.lists(_TEXT, max_size=20), st.lists(st.tuples(st.integers(0, 19), _TEXT),
                                              max_size=5))
def test_round_trip_and_replace(texts: list[str], changes: list[tuple[int, str]]) -> None:
    hay = Haystacks(texts)
    expected = list(texts)
    for i, text in changes:
        if i < len(expected):
            hay[i] = text
            expected[i] = text
    assert len(hay) == len(expected)
    assert [hay[i] for i in range(len(hay))] == expected


@given(st.lists(_TEXT, min_size=1, max_size=20), st.text(alphabet="abcé0 بي", min_size=1,
                                                         max_size=3))
def test_word_search_equals_str_containment(texts: list[str], word: str) -> None:
    hay = Haystacks(texts)
    rows = list(range(len(texts)))[::-1]  # any order, kept
    assert hay.with_word(rows, word) == [i for i in rows if word in texts[i]]


@given(st.lists(st.tuples(st.text(alphabet="ab é", max_size=6),
                          st.text(alphabet="0123", max_size=6)), min_size=1, max_size=20),
       st.text(alphabet="0123", min_size=1, max_size=3))
def test_tail_search_looks_at_the_tail_only(rows: list[tuple[str, str]], digits: str) -> None:
    hay = Haystacks(head + " " + tail for head, tail in rows)
    tails = array("H", (len(tail) for _, tail in rows))
    everyone = range(len(rows))
    assert hay.with_tail(everyone, digits, tails) == [
        i for i, (_, tail) in enumerate(rows) if digits in tail]


@given(st.lists(st.tuples(_TEXT, st.integers(0, 3), st.integers(0, 2)), min_size=1,
                max_size=20),
       st.lists(_TEXT, min_size=4, max_size=4), st.lists(_TEXT, min_size=3, max_size=3),
       st.text(alphabet="abcé0 بي", min_size=1, max_size=3))
def test_a_row_matches_by_its_own_text_or_a_shared_part(
        rows: list[tuple[str, int, int]], first: list[str], second: list[str],
        word: str) -> None:
    # Two shared parts (a client's name, a status) held as codes into distinct values.
    hay = Haystacks(text for text, _, _ in rows)
    codes_a = array("I", (a for _, a, _ in rows))
    codes_b = array("I", (b for _, _, b in rows))
    table_a = bytes(word in value for value in first)
    table_b = bytes(word in value for value in second)
    everyone = list(range(len(rows)))
    for parts in ([(codes_a, table_a)], [(codes_a, table_a), (codes_b, table_b)]):
        assert hay.with_word(everyone, word, parts) == [
            i for i, (text, a, b) in enumerate(rows)
            if word in text or table_a[a] or (len(parts) == 2 and table_b[b])]
