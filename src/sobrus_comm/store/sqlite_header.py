"""Repairing the 100-byte header of a damaged SQLite file, in a copy, to read what it holds.

The header is where a file's damage is most often fatal: a garbled magic string or page
size makes SQLite refuse a file whose pages are all intact. Used by the outbox salvage.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


def repair_header(old_file: Path, work: Path) -> Path | None:
    """A copy of ``old_file`` whose 100-byte header is made valid again.

    Each field SQLite checks is kept when it is plausible and reset otherwise; the page
    size, when damaged, is guessed from the page headers found at each candidate size.
    """
    try:
        data = bytearray(old_file.read_bytes())
    except OSError:
        return None
    if len(data) < 1024:
        return None
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    if size < 512 or size & (size - 1) or len(data) % size:
        size = next((s for s in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
                     if len(data) >= 2 * s and data[s] in (2, 5, 10, 13)), 4096)
    data[:16] = SQLITE_MAGIC
    data[16:18] = (1 if size == 65536 else size).to_bytes(2, "big")
    if data[18] not in (1, 2) or data[19] not in (1, 2) or data[18] != data[19]:
        data[18:20] = b"\x01\x01"
    if data[20] > 32:  # reserved bytes per page: we never use any
        data[20] = 0
    data[21:24] = b"\x40\x20\x20"  # payload fractions: fixed by the file format
    data[28:32] = bytes(4)  # page count: 0 makes SQLite take it from the file's size
    if not 1 <= int.from_bytes(data[44:48], "big") <= 4:
        data[44:48] = (4).to_bytes(4, "big")
    data[52:56] = bytes(4)  # no auto-vacuum here
    if not 1 <= int.from_bytes(data[56:60], "big") <= 3:
        data[56:60] = (1).to_bytes(4, "big")  # UTF-8, ours
    data[64:68] = bytes(4)
    data[72:92] = bytes(20)
    copy = work / "repaired.sqlite3"
    copy.write_bytes(bytes(data))
    wal = old_file.with_name(old_file.name + "-wal")
    if wal.exists():  # keep the committed pages that the WAL still holds
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    return copy


def header_looks_damaged(path: Path) -> bool:
    """Whether a field SQLite relies on holds an impossible value (cheap: 100 bytes read)."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return False
    if len(head) < 100:
        return True
    size = int.from_bytes(head[16:18], "big")
    return (
        head[:16] != SQLITE_MAGIC
        or not (size == 1 or (512 <= size <= 32768 and not size & (size - 1)))
        or head[18] not in (1, 2) or head[19] not in (1, 2)
        or head[21:24] != b"\x40\x20\x20"
        or not 1 <= int.from_bytes(head[44:48], "big") <= 4
        or not 1 <= int.from_bytes(head[56:60], "big") <= 3
    )
