"""The register of consents: exported for French Excel, formula-safe; a paper register
imported as evidence (channel « import »), never overwriting what is there."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sobrus_comm.domain.consent import ConsentChannel, ConsentState
from sobrus_comm.domain.csv_cells import CSV_ENCODING
from sobrus_comm.domain.models import Client
from sobrus_comm.services.consent import ConsentService, RegisterFormatError
from sobrus_comm.store import open_database
from sobrus_comm.store.db import Database


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding=CSV_ENCODING) as fh:
        return list(csv.reader(fh, delimiter=";"))


def test_export_is_formula_safe(db: Database, tmp_path: Path) -> None:
    db.clients.upsert_many([Client(5, "=HYPERLINK(1)", "Tazi", "0612345678")])
    ConsentService(db).record(5, ConsentState.GRANTED, "Dr Samira Alaoui",
                              ConsentChannel.WRITTEN, note="+212 formulaire n° 4")
    path = tmp_path / "registre.csv"
    assert ConsentService(db).export_register(path) == 1
    [header, row] = _read(path)
    assert header[3] == "Consentement"
    assert not row[2].startswith("=") and "HYPERLINK" in row[2]
    assert not row[7].startswith("+") and "formulaire" in row[7]
    assert row[3:6] == ["Accordé", "Écrit", "Dr Samira Alaoui"]


def test_a_paper_register_is_imported_once_with_its_problems_said(
        db: Database, tmp_path: Path) -> None:
    db.clients.upsert_many([Client(5, "Omar", "Tazi", "0612345678"),
                            Client(6, "Salma", "Idrissi", "0623456789")])
    path = tmp_path / "registre-papier.csv"
    path.write_bytes(
        "Client n°;Nom;Consentement;Date;Note\n"
        "5;Omar Tazi;Oui;12/03/2025;formulaire signé\n"
        "6;Salma Idrissi;refusé;;\n"
        "999;Inconnu;oui;;\n"
        "x;;oui;;\n"
        "5;Omar Tazi;peut-être;;\n".encode("cp1252"))  # as an older Excel saves it
    service = ConsentService(db)
    result = service.import_register(path, "Dr Samira Alaoui")
    assert (result.imported, result.already) == (2, 0)
    assert [p.line for p in result.problems] == [4, 5, 6]
    message = result.message_fr()
    assert message.startswith("2 consentements importés. 3 lignes ignorées (")
    assert "client n° 999 inconnu" in message
    assert service.states() == {5: ConsentState.GRANTED, 6: ConsentState.REFUSED}
    [omar] = service.history(5)
    assert omar.channel == ConsentChannel.IMPORT and omar.note == "formulaire signé"
    assert omar.recorded_at.astimezone().date().isoformat() == "2025-03-12"
    assert omar.staff == "Dr Samira Alaoui"
    again = service.import_register(path, "Dr Samira Alaoui")
    assert (again.imported, again.already) == (0, 2)


def test_our_own_export_reads_back(db: Database, tmp_path: Path) -> None:
    db.clients.upsert_many([Client(5, "Omar", "Tazi", "0612345678")])
    service = ConsentService(db)
    service.record(5, ConsentState.GRANTED, "Youssef Bennani", ConsentChannel.COUNTER)
    path = tmp_path / "export.csv"
    service.export_register(path)
    second = open_database(tmp_path / "other.sqlite3")  # another pharmacy's cache
    try:
        second.clients.upsert_many([Client(5, "Omar", "Tazi", "0612345678")])
        result = ConsentService(second).import_register(path, "Dr Samira Alaoui")
        assert result.imported == 1 and not result.problems
        [record] = ConsentService(second).history(5)
        assert record.staff == "Youssef Bennani"  # who recorded it, from the register
    finally:
        second.close()


def test_a_file_that_is_not_a_register_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "autre.csv"
    path.write_text("Date;Montant\n01/01/2025;12\n", encoding="utf-8")
    with pytest.raises(RegisterFormatError, match="Client n°"):
        ConsentService(db).import_register(path, "x")
