"""The schema is only made by the shipped migrations, and upgrades keep the data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sobrus_comm.domain.languages import Language
from sobrus_comm.store import open_database
from sobrus_comm.store.db import create_sqlite_engine
from sobrus_comm.store.migrate import HEAD_REVISION, script_head, upgrade
from sobrus_comm.store.tables import metadata


def _database_at(path: Path, revision: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_sqlite_engine(path)
    with engine.begin() as conn:
        upgrade(conn, revision)
    engine.dispose()


def test_head_revision_constant_matches_the_scripts() -> None:
    assert script_head() == HEAD_REVISION


def test_head_schema_is_exactly_tables_py(db) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_upgrade_from_the_first_revision_keeps_every_row(db_path: Path) -> None:
    _database_at(db_path, "0001")
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "INSERT INTO clients (id, first_name, last_name, phone, balance_due) "
            "VALUES (7, 'Youssef', 'El Amrani', '0661000000', '120.50')"
        )
        raw.execute(
            "INSERT INTO communications (id, client_message_id, created_at, status, content) "
            "VALUES (11, 'abc', 1700000000, 'delivered', 'Bonjour')"
        )
        raw.execute(
            "INSERT INTO campaigns (id, created_at, total) VALUES ('c1', 1700000000, 1)"
        )
        raw.execute(
            "INSERT INTO outbox (campaign_id, client_message_id, phone_e164, text, state) "
            "VALUES ('c1', 'm1', '+212661000000', 'Bonjour', 'posting')"
        )

    db = open_database(db_path)
    try:
        client = db.clients.get(7)
        assert client is not None and str(client.balance_due) == "120.50"
        assert [r[0] for r in db.communications.load_history_rows()] == [11]
        [row] = db.outbox.rows("c1")
        assert (row.client_message_id, row.state, row.attempts) == ("m1", "posting", 0)
        [campaign] = db.outbox.unfinished()  # the interrupted send is still offered
        assert campaign.posting == 1
    finally:
        db.close()
    with sqlite3.connect(db_path) as raw:
        indexes = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"ix_outbox_campaign_state", "ix_communications_created_at"} <= indexes


def test_upgrade_to_0003_keeps_the_history_and_pulls_it_again_for_timelines(
        db_path: Path) -> None:
    _database_at(db_path, "0002")
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "INSERT INTO communications (id, client_message_id, created_at, updated_at, "
            "status, content, failure_reason) "
            "VALUES (11, 'abc', 1700000000, 1700000090, 'failed', 'Bonjour', 'Injoignable')"
        )
        raw.executemany(
            "INSERT INTO sync_cursors (resource, cursor, full_sync_at) VALUES (?, ?, ?)",
            [("communications", "c-42", 1700000100), ("recharge_requests", "k-7", 1700000100)],
        )

    db = open_database(db_path)
    try:
        [row] = db.communications.load_history_rows()
        assert row[:4] == (11, "abc", 1700000000, 1700000090)
        assert row.failure_reason == "Injoignable"
        assert row.status_history is None  # unknown: the pane falls back
        # The next sync pulls the history in full once, to fill the timelines in.
        assert db.cursors.get("communications") is None
        assert db.cursors.get("recharge_requests") == "k-7"  # (0012 resets clients)
    finally:
        db.close()


def test_upgrade_to_0012_keeps_clients_and_templates_and_pulls_them_again(
        db_path: Path) -> None:
    _database_at(db_path, "0013")
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO clients (id, first_name, last_name) VALUES (7, 'Salma', 'Tazi')")
        raw.execute("INSERT INTO templates (id, name, body) VALUES (3, 'Rappel', 'Bonjour')")
        raw.executemany(
            "INSERT INTO sync_cursors (resource, cursor, full_sync_at) VALUES (?, ?, ?)",
            [("clients", "k-7", 1), ("templates", "t-2", 1), ("communications", "c-4", 1)],
        )

    db = open_database(db_path)
    try:
        client = db.clients.get(7)
        assert client is not None and client.preferred_language == Language.FRENCH
        assert (client.first_name_ar, client.last_name_ar) == ("", "")
        template = db.templates.get(3)
        assert template is not None and (template.body, template.body_ar) == ("Bonjour", "")
        # Languages and Arabic texts come with the next sync: both are pulled in full.
        assert db.cursors.get("clients") is None and db.cursors.get("templates") is None
        assert db.cursors.get("communications") == "c-4"
    finally:
        db.close()


def test_upgrade_to_0004_takes_kinds_from_local_campaigns_and_pulls_the_rest(
        db_path: Path) -> None:
    _database_at(db_path, "0003")
    with sqlite3.connect(db_path) as raw:
        raw.executemany(
            "INSERT INTO campaigns (id, created_at, total, objective, is_test) "
            "VALUES (?, 1700000000, 1, ?, ?)",
            [("c-rem", "balance_reminder", 0), ("c-test", "custom_template", 1),
             ("c-old", "", 0)])
        raw.executemany(
            "INSERT INTO communications (id, client_message_id, created_at, status, content, "
            "campaign_id) VALUES (?, ?, 1700000000, 'delivered', 'Bonjour', ?)",
            [(1, "a", "c-rem"), (2, "b", "c-test"), (3, "c", "c-old"), (4, "d", None),
             (5, "e", "from-another-desk")])
        raw.execute("INSERT INTO sync_cursors (resource, cursor) VALUES ('communications', 'x')")

    db = open_database(db_path)
    try:
        kinds = {r.id: r.kind
                 for r in db.communications.load_history_rows()}
        assert kinds == {1: "balance_reminder", 2: "test", 3: None, 4: None, 5: None}
        assert db.cursors.get("communications") is None  # the backend fills the others in
    finally:
        db.close()


def test_upgrade_to_0013_adds_an_empty_ledger_and_keeps_the_cursors(db_path: Path) -> None:
    _database_at(db_path, "0004")
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO sync_cursors (resource, cursor) VALUES ('communications', 'c')")
        raw.execute("INSERT INTO balance (id, credits, updated_at) VALUES (1, 40, 1700000000)")
    db = open_database(db_path)
    try:
        assert db.ledger.movements() == []  # filled by the next sync (no "ledger" cursor)
        assert db.cursors.get("ledger") is None
        assert db.cursors.get("communications") == "c"
        balance = db.balance.get()
        assert balance is not None and balance.credits == 40
    finally:
        db.close()
    engine = create_sqlite_engine(db_path)
    with engine.begin() as conn:
        tables = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    engine.dispose()
    assert {"credit_ledger", "credit_ledger_items"} <= tables
