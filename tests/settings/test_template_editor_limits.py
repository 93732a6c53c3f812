"""The template editor says which invisible character is where, offers to delete them, and
refuses an oversized body without scanning it."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from sobrus_comm.domain import templating
from sobrus_comm.gui.widgets.message_preview import MessagePreview
from sobrus_comm.gui.widgets.template_editor import (
    REMOVE_INVISIBLE_LINK,
    SamplePreviewBinder,
    TemplateBodyEditor,
)


@pytest.fixture
def editor(qtbot: QtBot) -> tuple[TemplateBodyEditor, MessagePreview]:
    body_editor, preview = TemplateBodyEditor(), MessagePreview()
    qtbot.addWidget(body_editor)
    qtbot.addWidget(preview)
    SamplePreviewBinder(body_editor, preview, today=date(2025, 3, 1))
    body_editor.show()
    return body_editor, preview


def test_invisible_characters_are_named_and_removed_in_one_click(
        editor: tuple[TemplateBodyEditor, MessagePreview]) -> None:
    body_editor, preview = editor
    body_editor.set_body("Bonjour {prenom},\u202e il reste {solde}.\x00")
    label = body_editor.ui.templateProblemsLabel
    assert label.isVisible() and not body_editor.is_valid()
    assert "U+202E (forçage droite-à-gauche) au caractère 18" in label.text()
    assert "U+0000 (caractère nul) au caractère 37" in label.text()
    assert "Corrigez le modèle" in preview.ui.previewRecipientLabel.text()

    label.linkActivated.emit(REMOVE_INVISIBLE_LINK)  # « Supprimer ces caractères »
    assert body_editor.body() == "Bonjour {prenom}, il reste {solde}."
    assert body_editor.is_valid() and not label.isVisible()
    assert preview.preview_text().startswith("Bonjour Fatima-Zahra, il reste 1 250,00 DH")
    body_editor.ui.templateBodyEdit.undo()  # the user can take it back
    assert "\u202e" in body_editor.body()


def test_a_pasted_200_kb_template_is_refused_without_being_scanned(
        editor: tuple[TemplateBodyEditor, MessagePreview],
        monkeypatch: pytest.MonkeyPatch) -> None:
    body_editor, preview = editor
    suggested: list[str] = []
    real = templating.suggest_placeholder
    monkeypatch.setattr(templating, "suggest_placeholder",
                        lambda name: suggested.append(name) or real(name))
    body_editor.set_body("Bonjour {inconnu} " * 12_000)
    label = body_editor.ui.templateProblemsLabel
    assert label.text().startswith(
        "Modèle trop long : 216\u202f000 caractères (maximum 2\u202f000)")
    assert not body_editor.is_valid()
    assert "Corrigez le modèle" in preview.ui.previewRecipientLabel.text()
    assert suggested == []  # neither the validation nor the preview looked for typos
