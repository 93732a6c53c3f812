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


@given(st.lists(st.text(alphabet="0123", max_size=6), min_size=1, max_size=20),
       st.text(alphabet="0123", min_size=1, max_size=3))
def test_tail_search_skips_the_head(numbers: list[str], digits: str) -> None:
    # Numbers as the table shows them, « 0 » then the key: the search looks past the « 0 ».
    hay = Haystacks("0" + number if number else "" for number in numbers)
    assert hay.with_tail(range(len(numbers)), digits, skip=1) == [
        i for i, number in enumerate(numbers) if digits in number]


@given(st.lists(st.sampled_from(["bonjour", "promo é", "تخفيض", ""]), max_size=30))
def test_equal_texts_share_one_copy(texts: list[str]) -> None:
    hay = Haystacks(texts)
    hay.forget_shared()
    hay.append("bonjour")  # after the build: a copy of its own, still the same answers
    texts.append("bonjour")
    assert [hay[i] for i in range(len(hay))] == texts
    assert len(hay.buffer) <= len("".join(set(texts)).encode()) + len(b"bonjour")


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


def test_numbers_are_not_shared() -> None:
    hay = Haystacks(["0612", "0612"], shared=False)
    assert [hay[0], hay[1]] == ["0612", "0612"] and len(hay.buffer) == 8
