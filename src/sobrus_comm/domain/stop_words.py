"""Does a client's reply mean « stop sending me promotions »?

Only clear stop words count: « STOP », « stop sms », « Arrêt », « ARRET », « Désabonner »,
Arabic « توقف » / « وقف », alone or with a little politeness around them (« STOP merci »).
An ordinary answer (« merci », « j'ai payé ») is not one, and neither is a sentence that
merely contains the word (« je ne peux pas passer, stop au parking ? » is ambiguous: a
stop word must open or close the reply). « START » or « OUI » never re-subscribe anyone:
consent comes back only when the staff record it.
"""

from __future__ import annotations

import re
import unicodedata

_STOP_WORDS = frozenset({
    "stop", "stopsms", "stop sms", "arret", "arrete", "arreter", "arret sms",
    "desabonner", "desabonnement", "desinscrire", "unsubscribe",
    "توقف", "وقف", "ستوب",
})
_POLITE = frozenset({"merci", "svp", "stp", "please", "شكرا", "svp merci", "merci svp"})
_MAX_WORDS = 5  # longer replies are conversations, not opt-outs


def _fold(text: str) -> str:
    """Lower case, no accents (Latin) nor Arabic diacritics, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = kept.replace("\u0640", "")  # Arabic tatweel
    return " ".join(re.sub(r"[^\w]+", " ", kept).split())


def is_stop_reply(text: str) -> bool:
    """True when ``text`` asks to stop (see the module doc for what counts)."""
    folded = _fold(text)
    if not folded or len(folded.split()) > _MAX_WORDS:
        return False
    if folded in _STOP_WORDS:
        return True
    for word in sorted(_STOP_WORDS, key=len, reverse=True):
        for rest in (folded.removeprefix(word + " "), folded.removesuffix(" " + word)):
            if rest != folded and rest in _POLITE:
                return True
    return False
