"""Characters that must not reach an SMS: control codes and invisible formatting.

A NUL byte or another control code (Unicode category Cc) is cut or shown as garbage by
phones and gateways. Invisible formatting characters (category Cf: bidi embeddings,
overrides and isolates U+202A–U+202E, U+2066–U+2069, the marks U+200E/U+200F/U+061C,
zero-width spaces, the BOM…) change the order in which the text is shown, or hide text:
« 10 DH » can display as « HD 01 », a link can read as another one. Lone surrogate halves
(a broken emoji, category Cs) cannot even be encoded. Unicode line and paragraph
separators (Zl, Zp) show differently on every phone. They usually come in with a copy and
paste, and the user cannot see them: the template editor names each one and where it is.

Allowed: line breaks (``\\n``, ``\\r``) and tabs, which the user sees, and the zero-width
joiner/non-joiner (U+200D, U+200C), which build emoji sequences and join Arabic and
Persian letters without reordering or hiding anything.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ALLOWED = frozenset("\n\r\t\u200c\u200d")

_NAMES_FR = {
    "\x00": "caractère nul",
    "\u200e": "marque gauche-à-droite",
    "\u200f": "marque droite-à-gauche",
    "\u061c": "marque de lettre arabe",
    "\u202a": "enchâssement gauche-à-droite",
    "\u202b": "enchâssement droite-à-gauche",
    "\u202c": "fin d'enchâssement bidirectionnel",
    "\u202d": "forçage gauche-à-droite",
    "\u202e": "forçage droite-à-gauche",
    "\u2066": "isolat gauche-à-droite",
    "\u2067": "isolat droite-à-gauche",
    "\u2068": "isolat à direction automatique",
    "\u2069": "fin d'isolat bidirectionnel",
    "\u200b": "espace sans chasse",
    "\u2060": "gluon de mots",
    "\ufeff": "indicateur d'ordre des octets",
    "\u00ad": "trait d'union conditionnel",
    "\u2028": "séparateur de ligne Unicode",
    "\u2029": "séparateur de paragraphe Unicode",
}
_CATEGORY_NAMES_FR = {
    "Cc": "caractère de contrôle",
    "Cf": "caractère de mise en forme invisible",
    "Cs": "moitié d'emoji isolée",
}
_MAX_NAMED = 5  # characters named in one message before « … »


@dataclass(frozen=True)
class ForbiddenChar:
    position: int  # 0-based index in the text; messages say it 1-based
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name_fr(self) -> str:
        category = unicodedata.category(self.char)
        return _NAMES_FR.get(self.char) or _CATEGORY_NAMES_FR.get(category, "caractère invisible")


def is_forbidden(char: str) -> bool:
    return char not in _ALLOWED and unicodedata.category(char) in _FORBIDDEN_CATEGORIES


def find_forbidden(text: str) -> list[ForbiddenChar]:
    """Every forbidden character of ``text``, in order."""
    if text.isprintable():  # C speed; false for every forbidden character (and a few others)
        return []
    return [ForbiddenChar(i, c) for i, c in enumerate(text)
            if not c.isprintable() and is_forbidden(c)]


def strip_forbidden(text: str) -> str:
    """``text`` without its forbidden characters (for values such as client names)."""
    if text.isprintable():
        return text
    return "".join(c for c in text if c.isprintable() or not is_forbidden(c))


def describe_forbidden(found: list[ForbiddenChar]) -> str:
    """A French message naming each character (up to five) and where it is."""
    named = ", ".join(f"{f.code} ({f.name_fr}) au caractère {f.position + 1}"
                      for f in found[:_MAX_NAMED])
    if len(found) > _MAX_NAMED:
        named += f", et {len(found) - _MAX_NAMED} autres"
    if len(found) == 1:
        return (f"Caractère invisible interdit : {named}. Supprimez-le : il vient souvent "
                "d'un copier-coller et peut changer l'ordre ou l'affichage du texte sur le "
                "téléphone.")
    return (f"{len(found)} caractères invisibles interdits : {named}. Supprimez-les : ils "
            "viennent souvent d'un copier-coller et peuvent changer l'ordre ou l'affichage "
            "du texte sur le téléphone.")
