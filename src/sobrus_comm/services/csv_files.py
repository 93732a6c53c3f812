"""Writing a CSV export: atomically, with progress and cancellation, every cell made safe.

The one writer of the exports (history today; credits and consent next): the cell rule
and the file format come from :mod:`sobrus_comm.domain.csv_cells`, so an exporter only
says which columns it writes.
"""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from sobrus_comm.domain.csv_cells import CSV_DELIMITER, CSV_ENCODING, safe_row

PROGRESS_EVERY = 2_000


class ExportCancelled(Exception):
    pass


def write_csv(
    path: Path,
    header: Sequence[str],
    records: Iterable[Sequence[object]],
    total: int,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Writes ``header`` then ``records`` to ``path`` through a temporary file and a
    rename: a cancelled or failed export never leaves half a file behind. Every cell,
    the header's too, goes through :func:`~sobrus_comm.domain.csv_cells.safe_cell`.
    Returns the number of records written."""
    tmp = path.with_name(path.name + ".part")
    done = 0
    try:
        with tmp.open("w", encoding=CSV_ENCODING, newline="") as fh:
            writer = csv.writer(fh, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL)
            writer.writerow(safe_row(header))
            for done, record in enumerate(records, 1):
                writer.writerow(safe_row(record))
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
        progress(done, total)
    return done
