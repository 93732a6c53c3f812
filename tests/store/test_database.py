"""Opening the cache: pragmas, and what happens to a file that cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sobrus_comm.domain.models import Client
from sobrus_comm.store import DatabaseLocked, open_database
from sobrus_comm.store.migrate import HEAD_REVISION
from sobrus_comm.store.outbox import OutboxMessage


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(db) -> None:
    with db.read() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000,
                      "synchronous": 2}


def test_a_long_writer_gives_its_cache_and_durability_back(db) -> None:
    """A first pull's writer: a bigger cache, commits not waiting for the disk; the
    connection goes back to the pool as every other one is."""
    def settings(raw: sqlite3.Connection) -> tuple[int, int]:
        return (raw.execute("PRAGMA synchronous").fetchone()[0],
                raw.execute("PRAGMA cache_size").fetchone()[0])

    with db.long_writer(8192) as conn:
        raw = conn.connection.driver_connection
        assert settings(raw) == (1, -8192)
        with db.write_on(conn) as tx:
            tx.exec_driver_sql("INSERT INTO account_settings (key, value) VALUES ('k', 'v')")
    assert settings(raw) == (2, -2000)
    assert db.account.get("k") == "v"


def test_a_new_file_is_created_at_the_head_revision(db_path: Path) -> None:
    db = open_database(db_path)
    db.close()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
    assert db.notice is None


def test_data_survives_a_reopen(db_path: Path) -> None:
    db = open_database(db_path)
    db.clients.upsert_many([Client(1, "Amina", "Benali", "0612345678")])
    db.close()
    db = open_database(db_path)
    assert db.clients.get(1) == Client(1, "Amina", "Benali", "0612345678")
    db.close()


def test_a_corrupt_file_is_set_aside_and_rebuilt(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not an SQLite database" * 100
    db_path.write_bytes(garbage)

    db = open_database(db_path)
    try:
        assert db.recovered_from is not None
        assert db.recovered_from.read_bytes() == garbage  # kept, not deleted
        assert db.recovered_from.parent == db_path.parent
        assert "mise de côté" in (db.notice or "")
        assert db.clients.count() == 0  # a fresh, usable cache
        assert db.cursors.all() == []  # so the next sync is a full one
    finally:
        db.close()


def test_a_damaged_page_found_at_run_time_is_set_aside_at_the_next_start(db_path: Path) -> None:
    db = open_database(db_path)
    db.schedule_rebuild()
    db.close()

    db = open_database(db_path)
    try:
        assert db.recovered_from is not None and db.recovered_from.exists()
        assert db.notice
    finally:
        db.close()
    db = open_database(db_path)  # once only: no loop
    assert db.recovered_from is None
    db.close()


def test_a_file_from_a_newer_version_is_set_aside(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")

    db = open_database(db_path)
    try:
        assert db.recovered_from is not None
    finally:
        db.close()


def test_a_locked_file_is_reported_never_set_aside(db_path: Path) -> None:
    db = open_database(db_path)
    db.close()
    with sqlite3.connect(db_path) as raw:  # an old file that needs an upgrade...
        raw.execute("UPDATE alembic_version SET version_num = '0001'")
        raw.execute("DROP INDEX ix_outbox_campaign_state")
        raw.execute("DROP INDEX ix_communications_created_at")
        raw.execute("DROP INDEX ix_communications_client_message_id")
        raw.execute("ALTER TABLE outbox DROP COLUMN attempts")
        raw.execute("ALTER TABLE communications DROP COLUMN status_history")  # 0003
        raw.execute("ALTER TABLE communications DROP COLUMN kind")  # 0004
        raw.execute("DROP TABLE credit_ledger_items")  # 0013
        raw.execute("DROP TABLE credit_ledger")
        for table, column in (("clients", "preferred_language"), ("clients", "first_name_ar"),
                              ("clients", "last_name_ar"), ("templates", "body_ar"),
                              ("templates", "remote_body_ar")):  # 0012
            raw.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        raw.execute("DROP TABLE schedule_runs")  # 0011
        raw.execute("DROP TABLE schedules")
        for table in ("consent_records", "inbound_replies", "sent_purposes",
                      "account_settings"):  # 0010
            raw.execute(f"DROP TABLE {table}")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # ...while another program holds the write lock
    try:
        with pytest.raises(DatabaseLocked) as caught:
            open_database(db_path, busy_timeout_ms=100)
        assert "verrouillée" in caught.value.message
        assert sorted(p.name for p in db_path.parent.iterdir() if ".corrupt" in p.name) == []
    finally:
        other.rollback()
        other.close()
    open_database(db_path).close()  # and once released, it upgrades normally


def test_unsent_messages_survive_the_file_being_set_aside(db_path: Path) -> None:
    db = open_database(db_path)
    messages = [OutboxMessage(phone_e164=f"+2126610000{i:02d}", text=f"Bonjour {i}")
                for i in range(5)]
    campaign_id = db.outbox.create_campaign(messages, label="Rappel")
    in_flight = db.outbox.claim_batch(campaign_id, 2)
    db.outbox.create_campaign([OutboxMessage("+212661999999", "Fini")])  # a finished one
    db.close()
    with sqlite3.connect(db_path) as raw:  # e.g. a file left by a newer version
        raw.execute("UPDATE campaigns SET state = 'completed' WHERE id != ?", (campaign_id,))
        raw.execute("UPDATE alembic_version SET version_num = '9999'")

    db = open_database(db_path)
    try:
        assert db.recovered_from is not None and db.salvaged == 5
        assert "reprise" in (db.notice or "")
        [unfinished] = db.outbox.unfinished()  # offered again, with the very same ids
        assert unfinished.id == campaign_id
        rows = db.outbox.rows(campaign_id)
        assert [r.client_message_id for r in rows] == [m.client_message_id for m in messages]
        assert {r.client_message_id for r in rows if r.state == "posting"} == {
            r.client_message_id for r in in_flight}
    finally:
        db.close()
