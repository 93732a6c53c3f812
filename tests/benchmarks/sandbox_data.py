"""The benchmarks' data: a sandbox seeded with 10k clients and 100k history rows.

Seeding takes seconds, so the seeded file is made once per machine (in the temp folder)
and every benchmark serves its own copy of it: sends change the data. The sandbox runs in
its own process, so that the figures measure the app's side, not the server's CPU.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sobrus_comm.backend.sandbox.cli import URL_PREFIX
from sobrus_comm.backend.sandbox.db import is_initialised
from sobrus_comm.backend.sandbox.seed import SeedOptions
from sobrus_comm.backend.sandbox.server import prepare_database
from tests.benchmarks.data_version import SANDBOX_SOURCES, made_once, sources_digest

CLIENTS, HISTORY, SEED = 10_000, 100_000, 1
CACHE = Path(tempfile.gettempdir()) / "sobrus-comm-bench"


def seeded_file(clients: int = CLIENTS, history: int = HISTORY, seed: int = SEED) -> Path:
    """The seeded sandbox database (made on first use, then reused; never served)."""
    return seeded_sandbox(f"{seed}-{clients}-{history}", lambda path: prepare_database(
        path, SeedOptions(seed, clients, history, 1_000_000), reset=True))


def seeded_sandbox(name: str, make: Callable[[Path], object]) -> Path:
    """The sandbox file ``name`` of this version of the sandbox, made by ``make`` unless
    it is there already (a file the sandbox would not serve as is is made again)."""
    path = CACHE / f"sandbox-{sources_digest(SANDBOX_SOURCES)}-{name}.sqlite3"
    return made_once(path, make, ready=is_initialised)


@contextmanager
def sandbox_process(workdir: Path, *, delivery_scale: float = 0.0,
                    source: Path | None = None) -> Iterator[str]:
    """Serve a fresh copy of the seeded data (``source``, by default the 10k/100k file)
    from another process; yields its base URL."""
    db_path = workdir / "sandbox.sqlite3"
    shutil.copyfile(source or seeded_file(), db_path)
    if not is_initialised(db_path):
        # The sandbox would seed its small demo set over it: figures of the wrong data.
        raise RuntimeError(f"{source or 'the seeded file'} is not a sandbox of this version")
    process = subprocess.Popen(
        [sys.executable, "-m", "sobrus_comm.backend.sandbox.cli", "--db", str(db_path),
         "--port", "0", "--delivery-scale", str(delivery_scale)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if not line.startswith(URL_PREFIX):
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        yield line[len(URL_PREFIX):]
    finally:
        process.terminate()
        process.wait(timeout=10)
