"""Which version of the code made a cached benchmark file.

The seeded files live in the temp folder, shared by every checkout on the machine; a file
seeded by another version of the sandbox (another schema, another seeder) is not this
version's data. Served as is, the sandbox took it for an empty database and seeded its
small demo set instead, so a sync benchmark pulled 500 rows instead of 100k. The files are
therefore named after a digest of the sources that shape them.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sobrus_comm

PACKAGE = Path(sobrus_comm.__file__).resolve().parent
# What a seeded sandbox file depends on: its schema and its seeder.
SANDBOX_SOURCES = ("backend/sandbox/db.py", "backend/sandbox/seed.py")
# What a seeded app cache depends on: the migrations that made its schema.
CACHE_SOURCES = ("store/migrations/versions",)


def sources_digest(relative: tuple[str, ...]) -> str:
    """Eight hex digits that change whenever one of these files (or folders' .py files)
    changes."""
    digest = hashlib.sha256()
    for rel in relative:
        path = PACKAGE / rel
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:8]


def made_once(path: Path, make: Callable[[Path], object],
              ready: Callable[[Path], bool] = Path.exists) -> Path:
    """``path``, made by ``make`` (into a partial file renamed when done) unless ``ready``
    says it is there already. How long it took goes to stderr, never into a figure."""
    if not ready(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        start = time.perf_counter()
        make(partial)
        partial.replace(path)
        print(f"# seeded {path.name} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return path
