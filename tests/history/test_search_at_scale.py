"""At scale, the history's fast search (incremental narrowing, pre-folded haystacks,
filters and sort applied together) shows exactly the rows of the simple definition:
every word of the query appears in what the row shows, accents, case and doubled
letters aside, or the typed phone digits appear in its number."""

from __future__ import annotations

import random
from datetime import datetime

from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.history_view import (
    COLUMN_TITLES,
    TYPE_LABELS,
    Filters,
    HistoryIndex,
)
from sobrus_comm.domain.models import status_label
from sobrus_comm.domain.phones import phone_index_key
from sobrus_comm.domain.text_search import parse_query, search_key
from tests.history.rows import make_rows

N_ROWS = 10_000


def shown_text(row: HistoryRow) -> str:
    """What the row shows in the table and the details, as one text."""
    phone = phone_index_key(row.recipient_phone) if row.recipient_phone else ""
    return " ".join((
        datetime.fromtimestamp(row.created_at).strftime("%d/%m/%Y"), row.initiated_by,
        TYPE_LABELS.get(row.type, row.type), status_label(row.status), row.content,
        row.recipient_name, row.failure_reason or "", "0" + phone if phone else ""))


def simple_matches(rows: list[HistoryRow], texts: list[str], query: str,
                   filters: Filters) -> set[int]:
    parsed = parse_query(query)
    found = set()
    for i, row in enumerate(rows):
        if filters.statuses and row.status not in filters.statuses:
            continue
        if filters.kinds and row.kind not in filters.kinds:
            continue
        if parsed.digits:
            ok = parsed.digits in phone_index_key(row.recipient_phone or "")
        else:
            ok = all(word in texts[i] for word in search_key(query).split())
        if ok:
            found.add(i)
    return found


def typed_queries(rows: list[HistoryRow], rng: random.Random) -> list[str]:
    """Words people type: parts of names, messages, statuses, phone numbers; some with
    accents or doubled letters dropped; some that match nothing."""
    queries = []
    for _ in range(18):
        row = rng.choice(rows)
        source = rng.choice((row.recipient_name, row.content, status_label(row.status),
                             row.initiated_by))
        words = source.split()
        start = rng.randrange(len(words))
        queries.append(" ".join(words[start:start + rng.choice((1, 1, 2))]))
    for _ in range(8):
        phone = rng.choice(rows).recipient_phone or ""
        digits = "0" + phone[4:]
        cut = rng.randrange(2, len(digits))
        queries.append(digits[:cut] if rng.random() < 0.5 else f"+212 {phone[4:4 + cut]}")
    queries += ["ELODIE benani", "echec", "zzzz", "délivré", "Tazzi"]
    return queries


def test_fast_search_equals_the_simple_definition_on_generated_rows() -> None:
    rng = random.Random(13)
    rows = make_rows(N_ROWS, seed=5)
    texts = [search_key(shown_text(r)) for r in rows]
    index = HistoryIndex(rows)
    status_choices = (frozenset(), frozenset({"delivered"}), frozenset({"failed", "sent"}))
    kind_choices = (frozenset(), frozenset({"resend"}))
    checked = 0
    for query in typed_queries(rows, rng):
        base = Filters(statuses=rng.choice(status_choices), kinds=rng.choice(kind_choices))
        if rng.random() < 0.3:
            index.set_sort(rng.randrange(len(COLUMN_TITLES)), rng.random() < 0.5)
        for end in range(1, len(query) + 1):  # typed one key at a time: the narrowing path
            typed = query[:end]
            index.set_filters(Filters(query=parse_query(typed), statuses=base.statuses,
                                      kinds=base.kinds))
            expected = simple_matches(rows, texts, typed, base)
            assert set(index.visible) == expected, typed
            assert len(index.visible) == len(expected)  # and none twice
            checked += 1
        keys = [index._key(rows[i], index.sort_column) for i in index.visible]
        assert keys == sorted(keys, reverse=index.descending)
    assert checked > 200
    index.set_filters(Filters())
    assert len(index.visible) == N_ROWS


def test_every_sort_of_a_large_set_is_the_stable_sort_of_its_keys() -> None:
    # Large enough for the grouped sort of repeated values, and new rows added afterwards.
    rows = make_rows(N_ROWS, seed=9)
    index = HistoryIndex(rows[100:])
    index.upsert(rows[:100])  # the newest: each goes to the top, no re-sort
    created = [r.created_at for r in index.rows]
    assert index._order == sorted(range(N_ROWS), key=created.__getitem__, reverse=True)
    for column in range(len(COLUMN_TITLES)):
        for descending in (False, True):
            index.set_sort(column, descending)
            keys = [index._key(r, column) for r in index.rows]
            assert index.visible == sorted(range(len(keys)), key=keys.__getitem__,
                                           reverse=descending), (column, descending)


def test_a_search_in_steps_finds_what_a_search_at_once_finds() -> None:
    rows = make_rows(N_ROWS, seed=3)
    index = HistoryIndex(rows)
    shown_filters = Filters(query=parse_query("bon"))
    index.set_filters(shown_filters)
    shown = list(index.visible)
    for text, statuses in (("bonj", frozenset()), ("benani", frozenset()),
                           ("0612", frozenset({"failed"})), ("", frozenset({"sent"}))):
        filters = Filters(query=parse_query(text), statuses=statuses)
        steps = list(index.filter_steps(filters, shown_filters, shown, index.order, 700))
        assert steps[:-1] == [None] * (len(steps) - 1) and len(steps) > 2
        assert steps[-1] == index.filtered(filters, shown_filters, shown, index.order), text
        assert set(steps[-1]) == simple_matches(rows, [search_key(shown_text(r)) for r in rows],
                                                text, filters)
