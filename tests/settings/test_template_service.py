"""The template service: one set of rules for names and bodies, whoever saves (Paramètres
or « Modifier modèle » in the grouped send), on a real SQLite cache."""

from __future__ import annotations

import pytest

from sobrus_comm.domain.models import Template, TemplateCategory
from sobrus_comm.services.templates import (
    NAME_MAX,
    LocalState,
    TemplateRejected,
    TemplateService,
    free_name,
    name_problem,
    save_template,
)
from sobrus_comm.store.db import Database

PROMO = TemplateCategory.PROMOTIONAL
BODY = "Bonjour {prenom}, -20 % sur les crèmes solaires !"


@pytest.fixture
def service(db: Database) -> TemplateService:
    return TemplateService(db)


@pytest.mark.parametrize(("name", "problem"), [
    ("", "Donnez un nom"),
    ("x" * (NAME_MAX + 1), "trop long"),
    ("PROMO ÉTÉ", "Un modèle s'appelle déjà « PROMO ÉTÉ »"),  # whatever the case
])
def test_a_name_is_refused_in_french(service: TemplateService, name: str, problem: str) -> None:
    service.create("Promo été", BODY, PROMO)
    with pytest.raises(TemplateRejected) as refused:
        service.create(name, BODY, PROMO)
    assert problem in refused.value.message_fr


def test_create_rename_duplicate_delete(service: TemplateService, db: Database) -> None:
    created = service.create("  Promo   été ", BODY, PROMO)
    assert created.name == "Promo été" and created.id is not None and created.id < 0
    assert db.templates.states()[created.id] == LocalState.CREATED
    renamed = service.rename(created.id, "Promo d'été")
    assert renamed.name == "Promo d'été" and renamed.body == BODY
    assert service.rename(created.id, "promo d'ÉTÉ").name == "promo d'ÉTÉ"  # itself: allowed
    copy = service.duplicate(renamed)
    again = service.duplicate(renamed)
    assert (copy.name, again.name) == ("Copie de Promo d'été", "Copie de Promo d'été (2)")
    with pytest.raises(TemplateRejected, match="déjà"):
        service.rename(again.id or 0, "copie de promo d'été")
    service.delete(copy.id or 0)
    names = {t.name for t in service.snapshot().templates}
    assert names == {"promo d'ÉTÉ", "Copie de Promo d'été (2)"}
    with pytest.raises(KeyError):
        service.rename(copy.id or 0, "Autre")


def test_a_body_is_checked_by_the_same_rules_as_the_grouped_send(
        service: TemplateService, db: Database) -> None:
    with pytest.raises(TemplateRejected, match="Champ inconnu"):
        service.create("Promo", "Bonjour {prénom}", PROMO)
    created = service.create("Promo", BODY, PROMO)
    stored = Template(created.id, created.name, created.body, created.category, 0)
    for save in (lambda body: save_template(db, None, stored, body),
                 lambda body: service.save_body(None, stored, body)):
        with pytest.raises(TemplateRejected, match="vide"):
            save("   ")
    result = service.save_body(None, stored, "Bonjour {prenom}, -30 % cette semaine !")
    assert not result.pushed and "prochaine synchronisation" in result.message_fr


def test_pure_name_rules() -> None:
    existing = [Template(1, "Rappel", "x", TemplateCategory.TRANSACTIONAL, 1)]
    assert name_problem("rappel", 1, existing) is None  # its own name
    assert name_problem("rappel", None, existing) is not None
    assert free_name("Rappel", existing) == "Rappel (2)"
    assert len(free_name("y" * 300, existing)) == NAME_MAX
