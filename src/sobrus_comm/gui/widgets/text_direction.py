"""Paragraph direction of a plain-text widget: Arabic text is laid out right to left.

Qt's default for a document is « auto »: each paragraph takes the direction of its first
strong letter, so an Arabic text that starts with ``{prenom}`` or a number would run left
to right. The direction is therefore set on the document, not guessed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from sobrus_comm.domain.languages import Language


def set_text_direction(edit: QPlainTextEdit, language: Language) -> None:
    rtl = language == Language.ARABIC
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    edit.setLayoutDirection(direction)
    document = edit.document()
    option = document.defaultTextOption()
    option.setTextDirection(direction)
    option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    document.setDefaultTextOption(option)
