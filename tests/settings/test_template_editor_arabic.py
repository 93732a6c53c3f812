"""The shared template editor's Arabic tab (issue 16): right to left, placeholders inserted
into the tab shown and kept intact, its problems said as the Arabic text's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from sobrus_comm.domain.languages import Language
from sobrus_comm.gui.widgets.template_editor import TemplateBodyEditor


def test_the_editor_lays_arabic_out_right_to_left_and_inserts_into_the_tab_shown(
        qtbot: QtBot) -> None:
    editor = TemplateBodyEditor()
    qtbot.addWidget(editor)
    tabs = editor.ui.templateLanguageTabs
    assert tabs.tabText(1) == "Arabe (facultatif)"
    editor.set_body("Bonjour ")
    editor.ui.templateBodyEdit.moveCursor(QTextCursor.MoveOperation.End)
    editor.insert_placeholder("prenom")  # the French tab is shown
    assert editor.body() == "Bonjour {prenom}" and editor.body_ar() == ""
    editor.show_language(Language.ARABIC)
    editor.set_body_ar("{prenom}، مرحبا")  # starts with a Latin placeholder: still RTL
    option = editor.ui.templateBodyArEdit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    editor.ui.templateBodyArEdit.moveCursor(QTextCursor.MoveOperation.End)
    editor.insert_placeholder("solde")
    assert editor.body_ar() == "{prenom}، مرحبا{solde}" and editor.body() == "Bonjour {prenom}"
    assert tabs.tabText(1) == "Arabe" and editor.is_valid()
    editor.set_body_ar("مرحبا {prenon}")
    assert not editor.is_valid()
    assert editor.problems()[-1].message_fr.startswith("Texte arabe : Champ inconnu")
    editor.set_body_ar("   ")  # blank: no Arabic text, nothing wrong
    assert editor.is_valid() and tabs.tabText(1) == "Arabe (facultatif)"
