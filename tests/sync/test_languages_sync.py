"""Issue 16 end to end below the GUI: languages, Arabic-script names and Arabic template
texts travel sandbox → cache → send plan, and template edits go back through the service."""

from __future__ import annotations

import sqlite3
from datetime import date

from sobrus_comm.backend.sandbox.languages import TEMPLATES_AR, client_language
from sobrus_comm.backend.sandbox.server import prepare_database
from sobrus_comm.domain.languages import LRI, Language
from sobrus_comm.domain.models import Objective, TemplateCategory
from sobrus_comm.domain.recipients import PlanRequest, build_plan
from sobrus_comm.services.sync import SyncService
from sobrus_comm.services.templates import TemplateRejected, TemplateService


def test_demo_clients_are_mixed_and_arrive_with_their_language(api, db) -> None:
    SyncService(api, db).sync()
    clients = db.clients.list_all()
    arabic = [c for c in clients if c.preferred_language == Language.ARABIC]
    named = [c for c in clients if c.first_name_ar]
    assert arabic and len(arabic) < len(clients)  # mixed
    assert named and any(not c.first_name_ar for c in arabic)  # some only in Latin letters
    for c in clients:  # as the sandbox derives them
        expected = client_language(c.id, c.first_name, c.last_name)
        assert (str(c.preferred_language), c.first_name_ar, c.last_name_ar) == expected


def test_a_bilingual_demo_template_plans_each_client_in_their_language(api, db) -> None:
    SyncService(api, db).sync()
    [reminder] = [t for t in db.templates.list_all() if t.name == "Rappel de solde"]
    assert reminder.body_ar == TEMPLATES_AR["Rappel de solde"]
    plan = build_plan(PlanRequest(db.clients.list_all(), (), Objective.BALANCE_REMINDER,
                                  reminder, "Al Amal", date(2026, 11, 30)))
    counts = plan.language_counts()
    assert counts[Language.ARABIC] and counts[Language.FRENCH]
    arabic = [m for m in plan.messages if m.language == Language.ARABIC]
    assert all("درهم" in m.text and m.encoding == "UCS-2" for m in arabic)
    assert any(LRI in m.text for m in arabic)  # a Latin-only name, isolated
    assert plan.fallback_count == 0


def test_arabic_text_saved_through_the_service_reaches_the_sandbox(api, db, sandbox) -> None:
    SyncService(api, db).sync()
    service = TemplateService(db)
    created = service.create("Bienvenue", "Bonjour {prenom}", TemplateCategory.TRANSACTIONAL,
                             body_ar="أهلا {prenom}")
    SyncService(api, db).push_templates()
    [pushed] = [t for t in db.templates.list_all() if t.name == "Bienvenue"]
    assert pushed.id != created.id and pushed.body_ar == "أهلا {prenom}"
    assert pushed.id is not None
    assert api.template(pushed.id).body_ar == "أهلا {prenom}"

    service.edit(pushed.id, name="Bienvenue", body="Bonjour {prenom} !",
                 category=TemplateCategory.TRANSACTIONAL)  # body_ar kept
    SyncService(api, db).push_templates()
    assert api.template(pushed.id).body_ar == "أهلا {prenom}"
    service.rename(pushed.id, "Accueil")
    SyncService(api, db).push_templates()
    assert api.template(pushed.id).body_ar == "أهلا {prenom}"
    service.edit(pushed.id, name="Accueil", body="Bonjour", body_ar="  ",
                 category=TemplateCategory.TRANSACTIONAL)  # blank: removed
    SyncService(api, db).push_templates()
    assert api.template(pushed.id).body_ar == ""


def test_a_broken_arabic_text_is_refused_in_french(db) -> None:
    service = TemplateService(db)
    try:
        service.create("Promo", "Bonjour", TemplateCategory.PROMOTIONAL, body_ar="عرض {prenon}")
    except TemplateRejected as rejected:
        assert "texte arabe" in rejected.message_fr
        assert "{prenom}" in rejected.message_fr  # « Vouliez-vous dire {prenom} ? »
    else:
        raise AssertionError("a broken Arabic text was saved")


def test_a_sandbox_made_before_languages_is_upgraded_in_place(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    prepare_database(path)
    with sqlite3.connect(path) as raw:  # as a sandbox file made before issue 16
        for table, column in (("clients", "preferred_language"), ("clients", "first_name_ar"),
                              ("clients", "last_name_ar"), ("templates", "body_ar")):
            raw.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        before = raw.execute("SELECT max(rev) FROM clients").fetchone()[0]
    assert prepare_database(path) is False  # reused, not re-seeded
    with sqlite3.connect(path) as raw:
        arabic = raw.execute("SELECT count(*) FROM clients WHERE preferred_language = 'ar'")
        assert arabic.fetchone()[0] > 0
        # Changed rows get a new rev, so an app's incremental sync brings them.
        assert raw.execute("SELECT max(rev) FROM clients").fetchone()[0] > before
