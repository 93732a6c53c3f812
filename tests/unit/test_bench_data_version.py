"""The benchmarks' seeded files: one made by another version of the sandbox is never served.

The temp folder is shared by every checkout of the machine; a sync benchmark once pulled
the sandbox's 500-row demo set (the sandbox re-seeded a file of another schema version)
and failed on « 100k rows expected ».
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sobrus_comm.backend.sandbox.db import is_initialised
from tests.benchmarks import data_version, sandbox_data


def _stale(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.close()


def test_a_file_of_another_sandbox_version_is_seeded_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sandbox_data, "CACHE", tmp_path)
    path = sandbox_data.seeded_file(clients=3, history=5)
    assert is_initialised(path)
    _stale(path)

    assert sandbox_data.seeded_file(clients=3, history=5) == path
    assert is_initialised(path)


def test_a_stale_source_is_refused_rather_than_served(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sandbox_data, "CACHE", tmp_path / "cache")
    source = sandbox_data.seeded_file(clients=3, history=5)
    _stale(source)
    workdir = tmp_path / "work"
    workdir.mkdir()
    with pytest.raises(RuntimeError, match="not a sandbox of this version"), \
            sandbox_data.sandbox_process(workdir, source=source):
        pass


def test_the_file_names_follow_the_sources(tmp_path, monkeypatch) -> None:
    before = data_version.sources_digest(data_version.SANDBOX_SOURCES)
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend" / "seed.py").write_text("SEED = 1\n")
    monkeypatch.setattr(data_version, "PACKAGE", tmp_path)
    first = data_version.sources_digest(("backend",))
    (tmp_path / "backend" / "seed.py").write_text("SEED = 2\n")
    assert data_version.sources_digest(("backend",)) != first
    assert len(before) == 8
