"""Export of the history rows shown to a CSV file that Excel set to French opens as is:
UTF-8 with a BOM (or accents break), ``;`` between fields (``,`` is the decimal mark)."""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.history_view import COLUMN_TITLES, TYPE_LABELS
from sobrus_comm.domain.models import status_label
from sobrus_comm.domain.phones import format_phone_display

EXTRA_TITLES = ("Numéro", "Motif d'échec", "Segments", "Campagne")
PROGRESS_EVERY = 2_000


class ExportCancelled(Exception):
    pass


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by Excel: neutralise it.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_record(row: HistoryRow) -> list[str]:
    phone = row.recipient_phone or ""
    return [
        datetime.fromtimestamp(row.created_at).strftime("%d/%m/%Y %H:%M"),
        _csv_safe(row.initiated_by),
        TYPE_LABELS.get(row.type, row.type),
        status_label(row.status),
        _csv_safe(row.content),
        _csv_safe(row.recipient_name),
        format_phone_display(phone) if phone.startswith("+") else _csv_safe(phone),
        _csv_safe(row.failure_reason or ""),
        str(row.segments),
        row.campaign_id or "",
    ]


def export_history_csv(
    rows: Sequence[HistoryRow],
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Writes ``rows`` to ``path`` atomically (a temporary file, then a rename): a cancelled
    or failed export never leaves half a file behind. Returns the number of rows written."""
    tmp = path.with_name(path.name + ".part")
    total = len(rows)
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            writer.writerow([*COLUMN_TITLES, *EXTRA_TITLES])
            for done, row in enumerate(rows, 1):
                writer.writerow(csv_record(row))
                if done % PROGRESS_EVERY == 0:
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled
                    if progress:
                        progress(done, total)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress:
        progress(total, total)
    return total
