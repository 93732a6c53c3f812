"""Issue 16: the history search finds Arabic-script names in the messages sent in Arabic,
written with or without diacritics (tashkeel), with a tatweel, or with the usual letter
variants (أ إ آ → ا, ة/ه, ى/ي)."""

from __future__ import annotations

import pytest

from sobrus_comm.domain.history_view import Filters, HistoryIndex
from sobrus_comm.domain.languages import FSI, LRI, PDI
from sobrus_comm.domain.text_search import parse_query
from sobrus_comm.gui.history_page import details_html
from tests.history.rows import make_rows

ARABIC_CONTENT = {
    3: f"السلام عليكم فاطمة الزهراء، رصيدكم لدى صيدلية {FSI}Atlas{PDI} هو "
       f"{LRI}120,00{PDI}\u00a0درهم.",
    7: "مرحبا أمين، طلبيتكم جاهزة. نهاركم سعيد.",
    9: "مرحبا فَاطِمَة، انطلقت حملة التلقيح.",  # vocalised as some staff type it
    12: "مرحبا مصطفى، طلبيتكم جاهزة.",
}


def _index() -> HistoryIndex:
    rows = make_rows(60)
    for i, content in ARABIC_CONTENT.items():
        rows[i] = rows[i]._replace(content=content)
    return HistoryIndex(rows)


def _found(index: HistoryIndex, query: str) -> set[int]:
    index.set_filters(Filters(query=parse_query(query)))
    return {i for i in index.visible if i in ARABIC_CONTENT}


@pytest.mark.parametrize(("query", "rows"), [
    ("فاطمة", {3, 9}),  # the vocalised message too
    ("فاطمه", {3, 9}),  # ة typed as ه
    ("فَاطِمَةُ", {3, 9}),  # a vocalised query
    ("فـاطـمـة", {3, 9}),  # with tatweel
    ("الزهراء", {3}),
    ("فاطمة الزهراء", {3}),  # every word must appear
    ("امين", {7}),  # أمين written without its hamza
    ("إمين", {7}),  # or with another alef
    ("مصطفي", {12}),  # ى typed as ي
    ("درهم", {3}),
    ("atlas", {3}),  # the isolated Latin name is found as typed
])
def test_arabic_names_are_found_whatever_the_spelling(query: str, rows: set[int]) -> None:
    index = _index()
    assert _found(index, query) == rows


def test_an_arabic_query_finds_nothing_in_french_rows() -> None:
    index = _index()
    index.set_filters(Filters(query=parse_query("فاطمة")))
    assert set(index.visible) == {3, 9}


def test_the_details_pane_lays_an_arabic_sms_out_right_to_left() -> None:
    rows = make_rows(4)
    arabic = rows[1]._replace(content=ARABIC_CONTENT[3])
    assert details_html(arabic).startswith("<p dir=rtl ")
    assert details_html(rows[0]).startswith("<p style=")
