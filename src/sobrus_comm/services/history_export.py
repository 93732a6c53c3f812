"""Export of the history rows shown to a CSV file that Excel set to French opens as is.

The file format and the formula guard on every cell are :mod:`services.csv_files`'s."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.history_view import COLUMN_TITLES, TYPE_LABELS
from sobrus_comm.domain.models import kind_label, status_label
from sobrus_comm.domain.phones import format_phone_display
from sobrus_comm.services.csv_files import ExportCancelled, write_csv

__all__ = ["ExportCancelled", "csv_record", "export_history_csv"]

EXTRA_TITLES = ("Numéro", "Motif d'échec", "Segments", "Campagne")


def csv_record(row: HistoryRow) -> list[str]:
    """One history row as the export's cells, before the formula guard (see write_csv)."""
    phone = row.recipient_phone or ""
    return [
        datetime.fromtimestamp(row.created_at).strftime("%d/%m/%Y %H:%M"),
        row.initiated_by or "",
        TYPE_LABELS.get(row.type, row.type),
        status_label(row.status),
        row.content or "",
        row.recipient_name or "",
        kind_label(row.kind),
        format_phone_display(phone) if phone.startswith("+") else phone,
        row.failure_reason or "",
        str(row.segments),
        row.campaign_id or "",
    ]


def export_history_csv(
    rows: Sequence[HistoryRow],
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Writes ``rows`` to ``path`` atomically; returns the number of rows written."""
    header = [*COLUMN_TITLES, *EXTRA_TITLES]
    records = (csv_record(row) for row in rows)
    return write_csv(path, header, records, len(rows), progress, cancel)
