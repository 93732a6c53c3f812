"""The history export as a file: generated hostile rows, read back as a spreadsheet would."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.csv_cells import FORMULA_TRIGGERS
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.services.history_export import csv_record, export_history_csv
from tests.history.rows import make_rows

_IGNORED = " \n\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff"
_REGIONS = ["MA", "FR", "ES", "BE", "DE", "GB", "US", "SN", "DZ", "TN", "IT", "CA", "AE"]


def _example_e164(region: str) -> str:
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert number is not None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


dangerous = st.sampled_from(sorted(FORMULA_TRIGGERS))
hostile_text = st.one_of(
    st.text(max_size=20),
    st.builds(lambda d, pad, t: pad + d + t, dangerous, st.sampled_from(["", " ", "\ufeff"]),
              st.text(max_size=20)),
)
phones = st.one_of(
    st.sampled_from([_example_e164(r) for r in _REGIONS]),  # stored E.164: shown formatted
    hostile_text,  # stored as typed (not normalised)
)


@st.composite
def history_rows(draw: st.DrawFn) -> HistoryRow:
    return make_rows(1)[0]._replace(
        initiated_by=draw(hostile_text),
        content=draw(hostile_text),
        recipient_name=draw(hostile_text),
        recipient_phone=draw(phones),
        failure_reason=draw(st.none() | hostile_text),
        campaign_id=draw(st.none() | hostile_text),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(history_rows(), min_size=1, max_size=8))
def test_no_exported_cell_can_run_as_a_formula(rows: list[HistoryRow]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        assert export_history_csv(rows, path) == len(rows)
        raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: French Excel reads UTF-8
    read = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(read) == len(rows) + 1
    for row, cells in zip(rows, read[1:], strict=True):
        expected = csv_record(row)
        assert len(cells) == len(expected)
        for cell, shown in zip(cells, expected, strict=True):
            assert cell[:1] not in FORMULA_TRIGGERS
            assert cell.lstrip(_IGNORED)[:1] not in FORMULA_TRIGGERS
            assert cell in (shown, "'" + shown)  # what the user sees is kept


def test_a_french_mobile_cannot_run_as_a_formula(tmp_path: Path) -> None:
    row = make_rows(1)[0]._replace(recipient_phone="+33612345678",
                                   recipient_name="=HYPERLINK(\"http://evil\";\"Fatima\")")
    path = tmp_path / "export.csv"
    export_history_csv([row], path)
    cells = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline=""),
                            delimiter=";"))[1]
    assert "'+33 6 12 34 56 78" in cells
    assert "'=HYPERLINK(\"http://evil\";\"Fatima\")" in cells
