"""Editing an SMS template body: placeholder insertion and live French validation.

Shared by the template settings and the grouped send (« Modifier modèle »). Pair it with a
:class:`~sobrus_comm.gui.widgets.message_preview.MessagePreview`; :class:`SamplePreviewBinder`
does so with a sample client, the grouped send binds it to the recipient shown.

In a .ui file, promote a QWidget to ``TemplateBodyEditor`` with the header
``sobrus_comm.gui.widgets.template_editor``.

The French text is on the first tab, the optional Arabic text on the second (laid out right
to left, whatever its first character); « Insérer le champ » inserts into the tab shown.

Signals (TemplateBodyEditor):
    sig_body_changed(): either text changed (typed, inserted, replaced or set).
    sig_validity_changed(bool): the body became savable (True) or not.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from sobrus_comm.domain.invisible_chars import strip_forbidden
from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.models import Client
from sobrus_comm.domain.opt_out import with_mention
from sobrus_comm.domain.segments import apply_substitutions, suggest_substitutions
from sobrus_comm.domain.templating import (
    PLACEHOLDERS,
    MissingValueError,
    RenderContext,
    TemplateError,
    TemplateProblem,
    TemplateProblemCode,
    render,
    render_example,
    validate,
)
from sobrus_comm.gui.generated.ui_template_body_editor import Ui_TemplateBodyEditor
from sobrus_comm.gui.widgets.message_preview import MessagePreview
from sobrus_comm.gui.widgets.text_direction import set_text_direction

# Invisible characters cannot be selected to be deleted: the message offers to do it.
REMOVE_INVISIBLE_LINK = "remove-invisible"
_REMOVE_INVISIBLE_FR = "Supprimer ces caractères"

# A client with every field filled, so that any valid template previews in full.
EXAMPLE_CLIENT = Client(
    id=0, first_name="Fatima-Zahra", last_name="El Amrani", phone="0612345678",
    balance_due=Decimal("1250"), balance_due_since=date(2025, 1, 15),
)
# The same, reading Arabic, with her name in Arabic script: the Arabic text's preview.
EXAMPLE_CLIENT_AR = Client(
    id=0, first_name="Fatima-Zahra", last_name="El Amrani", phone="0612345678",
    balance_due=Decimal("1250"), balance_due_since=date(2025, 1, 15),
    preferred_language=Language.ARABIC, first_name_ar="فاطمة الزهراء",
    last_name_ar="العمراني",
)
_ARABIC_TAB = 1


class TemplateBodyEditor(QWidget):
    sig_body_changed = Signal()
    sig_validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TemplateBodyEditor()
        self.ui.setupUi(self)
        for p in PLACEHOLDERS:
            self.ui.placeholderCombo.addItem(f"{p.label_fr} — {{{p.key}}}", p.key)
        self._values: dict[str, str] = {}
        self._problems: list[TemplateProblem] = []
        self._ar_problems: list[TemplateProblem] = []
        self._valid = False
        set_text_direction(self.ui.templateBodyArEdit, Language.ARABIC)
        self.ui.templateBodyEdit.textChanged.connect(self._on_text_changed)
        self.ui.templateBodyArEdit.textChanged.connect(self._on_text_changed)
        self.ui.insertPlaceholderButton.clicked.connect(self._on_insert)
        self.ui.templateProblemsLabel.linkActivated.connect(self._on_problem_link)
        self._on_text_changed()

    # -- what the owner uses ------------------------------------------------------------------
    def body(self) -> str:
        return self.ui.templateBodyEdit.toPlainText()

    def set_body(self, text: str) -> None:
        self.ui.templateBodyEdit.setPlainText(text)

    def body_ar(self) -> str:
        """The Arabic text ("" when there is none)."""
        return self.ui.templateBodyArEdit.toPlainText()

    def set_body_ar(self, text: str) -> None:
        self.ui.templateBodyArEdit.setPlainText(text)

    def show_language(self, language: Language) -> None:
        """Bring the tab of that language's text forward."""
        self.ui.templateLanguageTabs.setCurrentIndex(
            _ARABIC_TAB if language == Language.ARABIC else 0)

    def current_edit(self) -> QPlainTextEdit:
        """The text edit of the tab shown: where « Insérer le champ » inserts."""
        if self.ui.templateLanguageTabs.currentIndex() == _ARABIC_TAB:
            return self.ui.templateBodyArEdit
        return self.ui.templateBodyEdit

    def problems(self) -> list[TemplateProblem]:
        """The French text's problems, then the Arabic text's (said as such)."""
        return list(self._problems) + self._ar_problems

    def is_valid(self) -> bool:
        return self._valid

    def set_values(self, values: Mapping[str, str]) -> None:
        """Real values for the length estimate (e.g. ``{"pharmacie": "Al Amal"}``)."""
        self._values = dict(values)
        self._on_text_changed()

    def is_read_only(self) -> bool:
        return self.ui.templateBodyEdit.isReadOnly()

    def set_read_only(self, read_only: bool) -> None:
        self.ui.templateBodyEdit.setReadOnly(read_only)
        self.ui.templateBodyArEdit.setReadOnly(read_only)
        self.ui.placeholderCombo.setEnabled(not read_only)
        self.ui.insertPlaceholderButton.setEnabled(not read_only)

    def insert_placeholder(self, key: str) -> None:
        edit = self.current_edit()
        edit.insertPlainText("{" + key + "}")
        edit.setFocus()

    def remove_invisible(self) -> None:
        """Delete the control and invisible formatting characters (one undo step)."""
        if not self.is_read_only():
            self._replace_all(strip_forbidden(self.body()))
            self._replace_all(strip_forbidden(self.body_ar()), self.ui.templateBodyArEdit)

    def _replace_all(self, fixed: str, edit: QPlainTextEdit | None = None) -> None:
        edit = edit or self.ui.templateBodyEdit
        if fixed != edit.toPlainText():
            cursor = edit.textCursor()
            cursor.select(cursor.SelectionType.Document)
            cursor.insertText(fixed)  # through the cursor, so Ctrl+Z brings the text back

    def replace_unicode(self) -> None:
        """Swap the characters that force Unicode for GSM look-alikes (one undo step)."""
        if self.is_read_only():
            return
        body = self.body()
        self._replace_all(apply_substitutions(body, suggest_substitutions(body)))

    # -- slots --------------------------------------------------------------------------------
    @Slot()
    def _on_insert(self) -> None:
        key = self.ui.placeholderCombo.currentData()
        if key:
            self.insert_placeholder(str(key))

    @Slot(str)
    def _on_problem_link(self, link: str) -> None:
        if link == REMOVE_INVISIBLE_LINK:
            self.remove_invisible()

    @Slot()
    def _on_text_changed(self) -> None:
        self._problems = validate(self.body(), values=self._values)
        self._ar_problems = [
            replace(p, message_fr=f"Texte arabe : {p.message_fr}")
            for p in validate(self.body_ar(), values=self._values, language=Language.ARABIC)
            if p.code != TemplateProblemCode.EMPTY  # no Arabic text: French for everyone
        ]
        # « Arabe (facultatif) » while there is none: a filled tab reads as such when hidden.
        has_arabic = bool(self.body_ar().strip())
        self.ui.templateLanguageTabs.setTabText(
            _ARABIC_TAB, "Arabe" if has_arabic else "Arabe (facultatif)")
        label = self.ui.templateProblemsLabel
        # An empty body is not an error to shout about: the preview already asks for text.
        shown = [p for p in self.problems() if p.code != TemplateProblemCode.EMPTY]
        if any(p.code == TemplateProblemCode.FORBIDDEN_CHARS for p in shown) \
                and not self.is_read_only():
            label.setTextFormat(Qt.TextFormat.RichText)
            lines = [html.escape(p.message_fr, quote=False) for p in shown]
            lines.append(f'<a href="{REMOVE_INVISIBLE_LINK}">{_REMOVE_INVISIBLE_FR}</a>')
            label.setText("<br>".join(lines))
        else:
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText("\n".join(p.message_fr for p in shown))
        label.setVisible(bool(shown))
        valid = not self._problems and not self._ar_problems
        if valid != self._valid:
            self._valid = valid
            self.sig_validity_changed.emit(valid)
        self.sig_body_changed.emit()


class SamplePreviewBinder(QObject):
    """Keeps a :class:`MessagePreview` showing the editor's template for a sample client."""

    def __init__(self, editor: TemplateBodyEditor, preview: MessagePreview,
                 today: date | None = None) -> None:
        super().__init__(editor)
        self.editor, self.preview = editor, preview
        self.client = EXAMPLE_CLIENT
        self.pharmacy_name = ""
        self.today = today or date.today()
        self.promotional = False  # a promotion ends with the app's opt-out mention
        self.opt_out_mention = ""
        editor.sig_body_changed.connect(self.refresh)
        preview.sig_replace_unicode_requested.connect(editor.replace_unicode)
        self.refresh()

    def set_sample(self, client: Client | None, pharmacy_name: str) -> None:
        self.client = client or EXAMPLE_CLIENT
        self.pharmacy_name = pharmacy_name
        self.editor.set_values({"pharmacie": pharmacy_name} if pharmacy_name else {})
        self.refresh()

    def set_promotional(self, promotional: bool, opt_out_mention: str | None = None) -> None:
        self.promotional = promotional
        if opt_out_mention is not None:
            self.opt_out_mention = opt_out_mention
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        body, body_ar = self.editor.body(), self.editor.body_ar()
        if not body.strip():
            self.preview.show_unavailable("Écrivez le message pour en voir l'aperçu.")
            return
        # The sample gets the French text; an Arabic reader's message shows beside it.
        french = self._render(body, self.client, Language.FRENCH)
        if french is None:
            self.preview.show_unavailable("Corrigez le modèle pour voir l'aperçu.")
            return
        bilingual = bool(body_ar.strip())
        self.preview.show_message(*french, body, Language.FRENCH if bilingual else None)
        self.preview.set_fix_allowed(not self.editor.is_read_only())
        if not bilingual:
            self.preview.hide_second()
            return
        arabic = self._render(body_ar, EXAMPLE_CLIENT_AR, Language.ARABIC)
        if arabic is None:
            self.preview.show_second("", "Corrigez le texte arabe pour voir son aperçu.",
                                     Language.ARABIC)
        else:
            self.preview.show_second(*arabic, Language.ARABIC)

    def _render(self, body: str, client: Client,
                language: Language) -> tuple[str, str] | None:
        """(text, « Aperçu pour … : ») of ``body`` for ``client``, None when it is broken."""
        who = f"Aperçu pour {client.full_name}"
        if client.id == EXAMPLE_CLIENT.id:
            who += " (client exemple)" if language == Language.FRENCH else \
                " (client exemple qui lit l'arabe)"
        ctx = RenderContext(client, self.pharmacy_name, self.today, language)
        try:
            text = render(body, ctx)
        except MissingValueError as exc:
            # Still show the shape of the message, with example values, and say why.
            values = {"pharmacie": self.pharmacy_name} if self.pharmacy_name else {}
            text = render_example(body, values, language)
            return text, f"{who} — valeurs d'exemple : {exc.reason_fr} :"
        except TemplateError:
            return None
        if self.promotional:  # counted like the rest: the template cannot leave it out
            text = with_mention(text, self.opt_out_mention)
        return text, who + " :"
