"""The formula guard of every CSV export, on generated cells."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from sobrus_comm.domain.csv_cells import FORMULA_TRIGGERS, is_formula_like, safe_cell

# Text a cell may hold, biased towards what a spreadsheet reads as a formula.
_PREFIXES = st.sampled_from([*sorted(FORMULA_TRIGGERS), " ", "  ", "\xa0", "\ufeff", "'", ""])
cells = st.builds(lambda p, q, rest: p + q + rest, _PREFIXES, _PREFIXES, st.text(max_size=30))


def _first_meaningful(text: str) -> str:
    return text.lstrip(" \n\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff")[:1]


@given(cells)
@example("+33 6 12 34 56 78")
@example("=HYPERLINK(\"http://x\";\"clic\")")
@example("  =1+1")
@example("\t=1+1")
@example("-")
def test_no_safe_cell_can_start_a_formula_and_the_text_is_kept(text: str) -> None:
    cell = safe_cell(text)
    assert cell[:1] not in FORMULA_TRIGGERS
    assert _first_meaningful(cell) not in FORMULA_TRIGGERS
    assert cell in (text, "'" + text)  # visible content unchanged, at most an apostrophe
    assert (cell != text) == is_formula_like(text)


@given(st.text(alphabet=st.characters(blacklist_characters="".join(FORMULA_TRIGGERS)
                                      + " \n\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff")))
def test_harmless_text_is_left_alone(text: str) -> None:
    assert safe_cell(text) == text


def test_values_that_are_not_text() -> None:
    assert safe_cell(None) == ""
    assert safe_cell(-3) == "'-3"
    assert safe_cell(12) == "12"
