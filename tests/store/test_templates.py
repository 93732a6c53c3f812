"""Local template edits wait for the push; a concurrent server edit becomes a conflict."""

from __future__ import annotations

from sobrus_comm.domain.models import Template, TemplateCategory
from sobrus_comm.store.templates import LocalState

PROMO = TemplateCategory.PROMOTIONAL


def _server(id_: int, body: str, version: int, name: str = "Rappel") -> Template:
    return Template(id=id_, name=name, body=body, version=version)


def test_a_local_template_has_a_negative_id_until_pushed(db) -> None:
    created = db.templates.create_local("Promo", "‑10 % sur {produit}", PROMO)
    assert created.id < 0
    [pending] = db.templates.pending_push()
    assert (pending.template, pending.state) == (created, LocalState.CREATED)

    db.templates.mark_pushed(created.id, Template(41, "Promo", created.body, PROMO, version=1))
    assert db.templates.get(created.id) is None
    assert db.templates.get(41).version == 1
    assert db.templates.pending_push() == []


def test_an_edit_is_pushed_with_the_version_it_started_from(db) -> None:
    db.templates.apply_remote([_server(5, "Bonjour {nom}", 3)])
    db.templates.edit_local(5, name="Rappel", body="Bonsoir {nom}", category=PROMO)
    db.templates.apply_remote([_server(5, "Bonjour {nom}", 3)])  # server unchanged
    [pending] = db.templates.pending_push()
    assert (pending.template.body, pending.template.version) == ("Bonsoir {nom}", 3)


def test_a_server_edit_over_a_local_edit_is_a_conflict_with_both_sides(db) -> None:
    db.templates.apply_remote([_server(5, "v3", 3)])
    db.templates.edit_local(5, name="Rappel", body="mine", category=PROMO)

    [conflict] = db.templates.apply_remote([_server(5, "theirs", 4)])
    assert (conflict.local.body, conflict.remote.body) == ("mine", "theirs")
    assert db.templates.conflicts() == [conflict]
    assert db.templates.pending_push() == []  # not pushed until the user chooses
    assert db.templates.get(5).body == "mine"  # nor overwritten

    db.templates.resolve_keep_local(5)
    [pending] = db.templates.pending_push()
    assert (pending.template.body, pending.template.version) == ("mine", 4)


def test_taking_the_server_side_drops_the_local_edit(db) -> None:
    db.templates.apply_remote([_server(5, "v3", 3)])
    db.templates.edit_local(5, name="Rappel", body="mine", category=PROMO)
    db.templates.mark_conflict(5, _server(5, "theirs", 6))  # the push was refused
    db.templates.resolve_take_remote(5)
    assert db.templates.get(5) == _server(5, "theirs", 6)
    assert db.templates.states() == {}


def test_a_server_deletion_keeps_a_local_edit_as_a_new_template(db) -> None:
    db.templates.apply_remote([_server(5, "v3", 3), _server(6, "other", 1, name="Autre")])
    db.templates.edit_local(5, name="Rappel", body="mine", category=PROMO)
    db.templates.delete_missing([])  # a full pull where neither exists any more

    [kept] = db.templates.list_all()
    assert (kept.body, kept.id < 0) == ("mine", True)
    assert db.templates.states() == {kept.id: LocalState.CREATED}


def test_local_deletion_is_hidden_then_pushed(db) -> None:
    db.templates.apply_remote([_server(5, "v3", 3)])
    db.templates.delete_local(5)
    assert db.templates.list_all() == []
    [pending] = db.templates.pending_push()
    assert pending.state == LocalState.DELETED
    db.templates.mark_pushed(5, None)
    assert db.templates.get(5) is None


def test_the_arabic_text_is_kept_edited_and_part_of_a_conflict(db) -> None:
    db.templates.apply_remote([Template(5, "Rappel", "v3", version=3, body_ar="نص 3")])
    assert db.templates.get(5).body_ar == "نص 3"
    kept = db.templates.edit_local(5, name="Rappel", body="mine", category=PROMO)
    assert kept.body_ar == "نص 3"  # body_ar=None: left as it was
    db.templates.edit_local(5, name="Rappel", body="mine", category=PROMO, body_ar="نصي")

    [conflict] = db.templates.apply_remote(
        [Template(5, "Rappel", "mine", version=4, body_ar="نصهم")])  # same French, not Arabic
    assert (conflict.local.body_ar, conflict.remote.body_ar) == ("نصي", "نصهم")
    assert db.templates.conflicts()[0].remote.body_ar == "نصهم"
    db.templates.resolve_take_remote(5)
    assert db.templates.get(5).body_ar == "نصهم"
