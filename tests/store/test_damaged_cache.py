"""A damaged, emptied or rolled-back cache never loses an unfinished send silently.

Each case damages a real cache file the way disks and users do (cut short, pages of
garbage, a garbled header, zero bytes, a WAL file lost while the app was closed), then
opens it as the app does. Whatever the damage, every message of the unfinished campaign is
either saved intact (same id, number and text, to be resumed) or counted in the French
notice, and the notice says it.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.store import Database, DatabaseCorrupt, open_database
from sobrus_comm.store.outbox import MessageOutcome, OutboxMessage

TOTAL = 400  # messages of the unfinished campaign


@dataclass(frozen=True)
class Cache:
    path: Path
    campaign_id: str
    rows: dict[str, tuple[str, str]]  # client_message_id -> (phone, text), as enqueued


def _history(n: int, start: int) -> list[Communication]:
    now = datetime.now(UTC)
    return [Communication(id=start + i, client_message_id=f"h-{start + i}", created_at=now,
                          initiated_by="Dr Alaoui", type="sms", status=MessageStatus.DELIVERED,
                          content="Votre commande est prête. " * 3, recipient_name=f"Client {i}",
                          recipient_phone=f"+2126{i:08d}") for i in range(n)]


def _build(path: Path) -> Cache:
    """History, an unfinished campaign (answered, in doubt, pending), interleaved on disk."""
    db = open_database(path)
    db.communications.upsert_many(_history(600, 1))
    messages = [OutboxMessage(phone_e164=f"+2126610{i:05d}", text=f"Rappel {i} : solde dû.",
                              client_name=f"Client {i}") for i in range(TOTAL)]
    campaign_id = db.outbox.create_campaign(messages, label="Rappel de solde client — Relance")
    done = db.outbox.claim_batch(campaign_id, 120)
    db.outbox.record_outcomes(MessageOutcome(r.client_message_id, True) for r in done)
    db.outbox.claim_batch(campaign_id, 50)  # in doubt when the app stopped
    db.communications.upsert_many(_history(600, 10_000))
    db.close()
    rows = {m.client_message_id: (m.phone_e164, m.text) for m in messages}
    return Cache(path, campaign_id, rows)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Cache:
    return _build(tmp_path_factory.mktemp("pristine") / "sobrus-comm.sqlite3")


def _copy(cache: Cache, folder: Path) -> Cache:
    folder.mkdir(parents=True)
    target = folder / cache.path.name
    for f in cache.path.parent.iterdir():
        shutil.copyfile(f, folder / f.name)
    return Cache(target, cache.campaign_id, cache.rows)


def _pages(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as raw:
        return raw.execute("PRAGMA page_size").fetchone()[0], raw.execute(
            "PRAGMA page_count").fetchone()[0]


def _damage(path: Path, kind: str, rng: random.Random) -> None:
    size, count = _pages(path)
    data = bytearray(path.read_bytes())
    if kind == "truncated":
        data = data[: size * rng.randint(2, count - 1)]
    elif kind == "garbage-pages":
        for _ in range(rng.randint(1, 6)):
            page = rng.randint(2, count)  # page 1 is the schema: a file of garbage below
            data[(page - 1) * size: page * size] = rng.randbytes(size)
    elif kind == "garbage-file":
        data = bytearray(rng.randbytes(len(data)))
    elif kind == "header":  # a few bytes of the first 100 garbled
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(100)] = rng.randrange(256)
    path.write_bytes(bytes(data))


def _open_as_the_app_does(path: Path) -> Database:
    """Open; damage met later (reading the history) asks for a rebuild at the next start."""
    db = open_database(path)  # never raises, whatever the damage
    try:
        with db.read() as conn:
            conn.exec_driver_sql("SELECT sum(length(content)) FROM communications").all()
    except DatabaseCorrupt:
        db.schedule_rebuild()
        db.close()
        return open_database(path)
    return db


def _check_nothing_vanished(cache: Cache) -> str:
    db = _open_as_the_app_does(cache.path)
    try:
        notice = db.notice or ""
        if db.recovered_from is None:  # the damage spared everything that matters
            assert len(db.outbox.rows(cache.campaign_id)) == TOTAL
            return notice
        saved = {r.client_message_id: r for r in db.outbox.rows(cache.campaign_id)}
        for cmid, row in saved.items():  # what is saved is what was enqueued, nothing else
            assert (row.phone_e164, row.text) == cache.rows[cmid]
        lost_messages = db.salvage.lost if db.salvage else 0
        lost_whole = sum(c.total for c in db.lost_campaigns if c.id == cache.campaign_id)
        assert len(saved) + lost_messages + lost_whole == TOTAL, notice
        if saved:
            assert [c.id for c in db.outbox.unfinished()] == [cache.campaign_id]
            assert f"{len(saved)} message(s)" in notice and "reprise" in notice
        if lost_messages:
            assert f"{lost_messages} message(s) d'un envoi interrompu n'ont pas pu" in notice
        if lost_whole:
            assert f"({TOTAL} message(s))" in notice and "Relance" in notice
        return notice
    finally:
        db.close()


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("kind", ["truncated", "garbage-pages", "header", "garbage-file"])
def test_damage_never_loses_an_unfinished_send_silently(
    pristine: Cache, tmp_path: Path, kind: str, seed: int
) -> None:
    cache = _copy(pristine, tmp_path / "app")
    _damage(cache.path, kind, random.Random(f"{kind}-{seed}"))
    notice = _check_nothing_vanished(cache)
    assert "mise de côté" in notice or "ne sera" not in notice


def test_a_cache_truncated_to_zero_bytes_is_set_aside_and_the_lost_send_named(
    pristine: Cache, tmp_path: Path
) -> None:
    cache = _copy(pristine, tmp_path / "app")
    cache.path.write_bytes(b"")
    notice = _check_nothing_vanished(cache)
    assert "vide (0 octet)" in notice and "mise de côté" in notice
    assert "Envoi(s) groupé(s) non terminé(s) perdu(s)" in notice
    assert "« Rappel de solde client — Relance » du " in notice
    # Told once: the next start has nothing more to say.
    db = open_database(cache.path)
    assert db.notice is None
    db.close()


def test_an_empty_file_with_nothing_running_is_still_said(tmp_path: Path) -> None:
    path = tmp_path / "app" / "sobrus-comm.sqlite3"
    open_database(path).close()
    path.write_bytes(b"")
    db = open_database(path)
    try:
        assert db.recovered_from is not None and db.recovered_from.exists()
        assert "vide (0 octet)" in (db.notice or "")
        assert "perdu" not in (db.notice or "")
    finally:
        db.close()


def test_a_wal_lost_while_the_app_was_closed_names_the_lost_send(tmp_path: Path) -> None:
    path = tmp_path / "app" / "sobrus-comm.sqlite3"
    open_database(path).close()  # schema checkpointed into the main file
    db = open_database(path)
    campaign_id = db.outbox.create_campaign(
        [OutboxMessage(phone_e164=f"+21266100{i:04d}", text="Bonjour") for i in range(30)],
        label="Promotion — Été")
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0  # the campaign is in the WAL only
    main_file = path.read_bytes()  # the app is killed: the main file stays as it is...
    db.close()
    path.write_bytes(main_file)
    wal.unlink(missing_ok=True)  # ...and the WAL goes missing while the app is closed
    path.with_name(path.name + "-shm").unlink(missing_ok=True)

    db = open_database(path)
    try:
        assert db.outbox.progress(campaign_id) is None
        assert [c.id for c in db.lost_campaigns] == [campaign_id]
        notice = db.notice or ""
        assert "perdu ses dernières modifications" in notice
        assert "« Promotion — Été »" in notice and "(30 message(s))" in notice
    finally:
        db.close()


def test_the_marker_holds_no_number_and_no_text_and_ends_with_the_campaign(db) -> None:
    campaign_id = db.outbox.create_campaign(
        [OutboxMessage(phone_e164="+212661234567", text="Votre ordonnance est prête")],
        label="Rappel")
    written = db.marker.path.read_text(encoding="utf-8")
    assert campaign_id in written
    assert "661234567" not in written and "ordonnance" not in written
    batch = db.outbox.claim_batch(campaign_id, 1)
    db.outbox.record_outcomes([MessageOutcome(batch[0].client_message_id, True)])
    assert db.outbox.finish_if_done(campaign_id)
    assert not db.marker.path.exists()


def test_a_cancelled_campaign_leaves_the_marker(db) -> None:
    campaign_id = db.outbox.create_campaign(
        [OutboxMessage(phone_e164="+212661234567", text="x")], label="Rappel")
    db.outbox.cancel(campaign_id)
    assert campaign_id not in db.marker.read()


def test_one_damaged_page_of_the_outbox_costs_only_the_messages_on_it(
    pristine: Cache, tmp_path: Path
) -> None:
    cache = _copy(pristine, tmp_path / "app")
    size, _count = _pages(cache.path)
    data = bytearray(cache.path.read_bytes())
    at = data.find("Rappel 200 : solde dû.".encode())
    page = at // size
    data[page * size: (page + 1) * size] = random.Random(1).randbytes(size)
    cache.path.write_bytes(bytes(data))

    db = _open_as_the_app_does(cache.path)
    try:
        assert db.recovered_from is not None and db.salvage is not None
        saved = db.outbox.rows(cache.campaign_id)
        texts = {r.text for r in saved}
        assert "Rappel 200 : solde dû." not in texts
        assert {"Rappel 0 : solde dû.", "Rappel 399 : solde dû."} <= texts
        assert 0 < db.salvage.lost < 40 and len(saved) + db.salvage.lost == TOTAL
        assert f"{db.salvage.lost} message(s) d'un envoi interrompu" in (db.notice or "")
    finally:
        db.close()


def test_a_deleted_cache_names_the_send_it_held(pristine: Cache, tmp_path: Path) -> None:
    cache = _copy(pristine, tmp_path / "app")
    cache.path.unlink()
    db = open_database(cache.path)
    try:
        notice = db.notice or ""
        assert [c.id for c in db.lost_campaigns] == [cache.campaign_id]
        assert "a disparu depuis la dernière utilisation" in notice
        assert f"({TOTAL} message(s))" in notice
    finally:
        db.close()


def test_a_brand_new_cache_says_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app" / "sobrus-comm.sqlite3")
    try:
        assert db.notice is None and db.lost_campaigns == () and db.recovered_from is None
    finally:
        db.close()


@pytest.mark.parametrize("field", [slice(0, 16), slice(16, 18), slice(18, 20), slice(21, 24),
                                   slice(44, 48), slice(56, 60), slice(0, 100)])
@pytest.mark.parametrize("fill", [0x00, 0xEE])
def test_each_header_field_sqlite_refuses_is_repaired(
    pristine: Cache, tmp_path: Path, field: slice, fill: int
) -> None:
    cache = _copy(pristine, tmp_path / "app")
    data = bytearray(cache.path.read_bytes())
    data[field] = bytes([fill]) * (field.stop - field.start)
    cache.path.write_bytes(bytes(data))
    db = _open_as_the_app_does(cache.path)
    try:  # set aside and every message saved, or (zeros SQLite tolerates) kept as it was
        assert len(db.outbox.rows(cache.campaign_id)) == TOTAL
        if db.recovered_from is not None:
            assert db.salvaged == TOTAL and db.salvage is not None and db.salvage.lost == 0
    finally:
        db.close()


def test_the_marker_keeps_every_campaign_written_from_many_threads(db_path: Path) -> None:
    first, second = open_database(db_path), open_database(db_path)
    try:
        def enqueue(db: Database) -> None:
            for _ in range(10):
                db.outbox.create_campaign([OutboxMessage("+212661234567", "x")], label="L")

        threads = [threading.Thread(target=enqueue, args=(d,)) for d in (first, second) * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert set(first.marker.read()) == {c.id for c in first.outbox.unfinished()}
        assert len(first.marker.read()) == 40
    finally:
        first.close()
        second.close()
