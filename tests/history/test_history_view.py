"""The history's filter and sort rules, without Qt."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.history_view import (
    COL_CONTENT,
    COL_DATE,
    COL_RECIPIENT,
    COL_STATUS,
    Filters,
    HistoryIndex,
)
from sobrus_comm.domain.text_search import fold, parse_query
from tests.history.rows import make_rows


def _shown(index: HistoryIndex, field: str) -> list[object]:
    return [getattr(index.rows[i], field) for i in index.visible]


def test_opens_newest_first_and_sorts_dates_as_numbers() -> None:
    index = HistoryIndex(make_rows(300))
    created = _shown(index, "created_at")
    assert created == sorted(created, reverse=True)
    index.set_sort(COL_DATE, descending=False)
    assert _shown(index, "created_at") == sorted(created)


def test_every_column_sorts_on_raw_folded_values() -> None:
    index = HistoryIndex(make_rows(300))
    index.set_sort(COL_RECIPIENT, descending=False)
    names = [fold(n) for n in _shown(index, "recipient_name")]
    assert names == sorted(names)
    assert names[0].startswith("amine")  # « Élodie » sorts with the E, not after Z
    assert any(n.startswith("elodie") for n in names[: len(names) // 2])
    index.set_sort(COL_STATUS, descending=False)
    order = ["queued", "sent", "delivered", "failed", "cancelled"]
    ranks = [order.index(s) for s in _shown(index, "status")]
    assert ranks == sorted(ranks)
    index.set_sort(COL_CONTENT, descending=True)
    contents = [fold(c[:40]) for c in _shown(index, "content")]
    assert contents == sorted(contents, reverse=True)


def test_search_ignores_accents_case_and_doubled_letters() -> None:
    index = HistoryIndex(make_rows(400))
    index.set_filters(Filters(query=parse_query("echec")))
    assert index.visible and set(_shown(index, "status")) == {"failed"}
    index.set_filters(Filters(query=parse_query("benani")))
    assert index.visible
    assert all("Bennani" in n for n in _shown(index, "recipient_name"))
    index.set_filters(Filters(query=parse_query("ELODIE benani")))
    assert all(n == "Élodie Bennani" for n in _shown(index, "recipient_name"))


def test_search_finds_a_phone_number_typed_any_way() -> None:
    rows = make_rows(200)
    target = rows[57]
    phone = target.recipient_phone  # +2126XXXXXXXX
    national = "0" + phone[4:]
    for typed in (national[:6], f"+212 {phone[4:7]}", f"{phone[4:7]} {phone[7:9]}",
                  f"00212 {phone[4]} {phone[5:7]}", f"{national[:2]} {national[2:4]}"):
        index = HistoryIndex(rows)
        index.set_filters(Filters(query=parse_query(typed)))
        assert target[0] in {index.rows[i][0] for i in index.visible}, typed
        assert all(index.rows[i].recipient_phone.find(parse_query(typed).digits) > 0
                   for i in index.visible), typed


def test_typing_on_narrows_and_backspace_widens_again() -> None:
    index = HistoryIndex(make_rows(400))
    counts = []
    for text in ("b", "be", "ben", "benn", "ben", ""):
        index.set_filters(Filters(query=parse_query(text)))
        counts.append(len(index.visible))
    assert counts[0] >= counts[1] >= counts[2] == counts[3]
    assert counts[4] == counts[2] and counts[5] == 400


def test_status_and_period_filters_combine_with_search() -> None:
    rows = make_rows(400)
    index = HistoryIndex(rows)
    since = rows[100].created_at
    index.set_filters(Filters(statuses=frozenset({"delivered"}), since=since))
    assert index.visible
    assert set(_shown(index, "status")) == {"delivered"}
    assert min(_shown(index, "created_at")) >= since
    index.set_filters(Filters(query=parse_query("Tazi"), statuses=frozenset({"delivered"}),
                              since=since))
    assert all("Tazi" in n for n in _shown(index, "recipient_name"))


def test_upsert_updates_in_place_and_inserts_new_rows_where_the_sort_puts_them() -> None:
    rows = make_rows(50)
    index = HistoryIndex(rows)
    changed_row = rows[10]._replace(status="failed")
    newest = rows[0]._replace(id=9_999, created_at=rows[0].created_at + 60)
    changed, added = index.upsert([changed_row, newest])
    assert [index.rows[i][0] for i in changed] == [rows[10][0]]
    assert index.rows[changed[0]].status == "failed"
    assert index.insert_position(added[0]) == 0  # newest first
    index.set_sort(COL_DATE, descending=False)
    assert index.insert_position(added[0]) == len(index.visible)


def test_a_sort_under_filters_shows_what_filtering_from_scratch_shows() -> None:
    rows = make_rows(400)
    index = HistoryIndex(rows[10:])
    filters = Filters(query=parse_query("bonjour"), statuses=frozenset({"delivered"}))
    index.set_filters(filters)
    # A sync: one shown row fails, one hidden row is delivered, new rows arrive.
    shown_row = index.rows[index.visible[0]]
    hidden_row = next(r for r in index.rows if r.status == "failed")
    index.upsert([shown_row._replace(status="failed"), hidden_row._replace(status="delivered"),
                  *rows[:10]])
    for column in (COL_RECIPIENT, COL_STATUS, COL_DATE):
        index.set_sort(column, descending=column == COL_DATE)
        fresh = HistoryIndex(index.rows, column, descending=column == COL_DATE)
        fresh.set_filters(filters)
        assert index.visible == fresh.visible, column


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=0, max_size=60), st.booleans(), st.booleans())
def test_a_full_sort_equals_a_stable_sort_of_every_row(steps, newest_first, later) -> None:
    # Dates with ties (a grouped send's messages share their second), read newest first as
    # the cache does or in any order, then a sync's newer row appended after them.
    created = list(accumulate(steps, initial=1_795_000_000))
    if newest_first:
        created.reverse()
    rows = [r._replace(created_at=c, status="sent" if c % 2 else "failed")
            for r, c in zip(make_rows(len(created)), created, strict=True)]
    index = HistoryIndex(rows)
    if later:
        index.upsert([rows[0]._replace(id=10_000, created_at=created[0] + 5)])
    every = [index.rows[i] for i in range(len(index))]
    for column in (COL_STATUS, COL_DATE):  # another column first: the date sort is redone
        for descending in (True, False):
            index.set_sort(column, descending)
            assert index.visible == sorted(range(len(every)), reverse=descending,
                                           key=lambda i: index._key(every[i], column))
