"""The SMS as one client will receive it, with its live length and cost.

Shared by the grouped send and the template settings. It only shows what it is given: the
owner renders the message (for a real recipient or a sample client) and decides what
« Remplacer par des caractères simples » changes. When a send has recipients in both
languages, a second column shows the other language's message beside the first, each laid
out in its own direction with its own counter.

Signals:
    sig_replace_unicode_requested(): the user asked to replace the characters that force
        Unicode by GSM look-alikes (the owner edits the template body).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.languages import LANGUAGE_LABELS, Language
from sobrus_comm.domain.segments import analyze, suggest_substitutions
from sobrus_comm.gui.generated.ui_message_preview import Ui_MessagePreview
from sobrus_comm.gui.widgets.text_direction import set_text_direction

_MAX_CHARS_SHOWN = 8
# Narrower than this, the two languages' messages stack instead of standing side by side
# (Paramètres gives the preview a narrow column; the grouped send a wide one).
SIDE_BY_SIDE_MIN_WIDTH = 400


def _plural(n: int, word: str) -> str:
    return f"{format_count(n)} {word}{'s' if n > 1 else ''}"


NBSP = "\u00a0"


def counter_text(text: str, language: Language | None = None) -> str:
    """« 132 caractères · 1 SMS par client · encore 28 caractères dans ce SMS »; with a
    language, said first (« Arabe : … ») and the encoding always named."""
    info = analyze(text)
    if language is not None:
        encoding = "Unicode" if info.is_unicode else "GSM"
        head = f"{LANGUAGE_LABELS[language].capitalize()} ({encoding}) : "
        return head + counter_text(text).removesuffix(" · Unicode")
    if not info.segments:
        return "Message vide"
    # No-break spaces at the ends: « SMS » never wraps alone on a line of a narrow pane.
    parts = [_plural(info.length, "caractère"), f"{info.segments} SMS par client"]
    if info.segments == 1:
        parts.append(f"encore {_plural(info.remaining, 'caractère')} dans ce{NBSP}SMS")
    else:
        parts.append(f"{info.per_segment} caractères par{NBSP}SMS")
    if info.is_unicode:
        parts.append("Unicode")
    return " · ".join(parts)


def _quoted(chars: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(f"« {c} »" for c in chars[:_MAX_CHARS_SHOWN])
    return shown + (" …" if len(chars) > _MAX_CHARS_SHOWN else "")


class MessagePreview(QWidget):
    sig_replace_unicode_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MessagePreview()
        self.ui.setupUi(self)
        self.ui.replaceUnicodeButton.clicked.connect(self._on_replace)
        self._fixable = False
        self._fix_allowed = True
        self.show_unavailable("")

    def show_message(self, text: str, recipient: str, body: str | None = None,
                     language: Language | None = None) -> None:
        """Show ``text`` (the rendered SMS) for ``recipient``. ``body``, the template it came
        from, tells which characters the user can replace. ``language`` names the text in
        the counter (a bilingual send) and lays Arabic out right to left."""
        ui = self.ui
        ui.previewRecipientLabel.setText(recipient)
        set_text_direction(ui.messagePreview, language or Language.FRENCH)
        ui.messagePreview.setPlainText(text)
        ui.segmentCounter.setText(counter_text(text, language))
        info = analyze(text)
        fixable = suggest_substitutions(body if body is not None else text)
        # Arabic is Unicode by nature: nothing to replace, nothing to warn about.
        if language == Language.ARABIC:
            info, fixable = analyze(""), {}
        ui.unicodeFrame.setVisible(info.is_unicode)
        if info.is_unicode:
            ui.unicodeHint.setText(
                f"Ces caractères font passer le SMS en Unicode, à 70 caractères par SMS au "
                f"lieu de 160 : {_quoted(info.unicode_chars)}.")
        self._fixable = info.is_unicode and bool(fixable)
        self._update_fix_button()
        ui.replaceUnicodeButton.setToolTip(
            "Remplace " + _quoted(list(fixable)) + " par des caractères sans accent spécial"
            if fixable else "")

    def set_fix_allowed(self, allowed: bool) -> None:
        """Hide « Remplacer… » when the template cannot be changed (read-only, no right)."""
        self._fix_allowed = allowed
        self._update_fix_button()

    def _update_fix_button(self) -> None:
        ui = self.ui
        ui.replaceUnicodeButton.setVisible(self._fixable and self._fix_allowed)

    def show_unavailable(self, reason: str) -> None:
        """No message to show (empty or invalid template): say why instead."""
        ui = self.ui
        ui.previewRecipientLabel.setText(reason)
        ui.messagePreview.clear()
        ui.segmentCounter.setText("")
        ui.unicodeFrame.setVisible(False)
        self.hide_second()

    def show_second(self, text: str, recipient: str, language: Language) -> None:
        """The other language's message, beside the first (a bilingual send)."""
        ui = self.ui
        ui.secondRecipientLabel.setText(recipient)
        set_text_direction(ui.secondMessagePreview, language)
        ui.secondMessagePreview.setPlainText(text)
        ui.secondSegmentCounter.setText(counter_text(text, language))
        ui.secondPreviewColumn.setVisible(True)

    def hide_second(self) -> None:
        self.ui.secondPreviewColumn.setVisible(False)
        self.ui.secondMessagePreview.clear()

    def second_text(self) -> str:
        """The second column's message ("" when hidden)."""
        return self.ui.secondMessagePreview.toPlainText()

    def preview_text(self) -> str:
        return self.ui.messagePreview.toPlainText()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_MIN_WIDTH
        self.ui.previewColumnsLayout.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)

    @Slot()
    def _on_replace(self) -> None:
        self.sig_replace_unicode_requested.emit()
