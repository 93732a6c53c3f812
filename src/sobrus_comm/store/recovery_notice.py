"""The French notice shown at start when the cache was damaged, emptied or lost changes.

It says what was set aside, what was saved of the unfinished sends, and what could not be,
with what to do about it: a send must never vanish without a word.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sobrus_comm.store.campaign_marker import MarkedCampaign
from sobrus_comm.store.salvage import SalvageReport


def recovery_notice(
    *,
    recovered_from: Path | None,
    empty: bool = False,
    missing: bool = False,
    salvage: SalvageReport | None = None,
    lost: tuple[MarkedCampaign, ...] = (),
) -> str | None:
    parts: list[str] = []
    if recovered_from is not None:
        state = "était vide (0 octet)" if empty else "était illisible ou endommagée"
        parts.append(
            f"La base de données locale {state}. Elle a été mise de côté sous le nom "
            f"« {recovered_from.name} » et une nouvelle base va être reconstruite par une "
            "synchronisation complète."
        )
    elif lost and missing:
        parts.append(
            "La base de données locale a disparu depuis la dernière utilisation (fichier "
            "supprimé ou déplacé) : une nouvelle base va être reconstruite par une "
            "synchronisation complète."
        )
    elif lost:
        parts.append(
            "La base de données locale a perdu ses dernières modifications (fichier "
            "journal « -wal » manquant, ou base remplacée par une copie plus ancienne)."
        )
    if salvage is not None and salvage.saved:
        parts.append(
            f"Envois interrompus récupérés : {salvage.saved} message(s) de "
            f"{salvage.campaigns} envoi(s) groupé(s), dont {salvage.unsent_saved} restant à "
            "envoyer ; leur reprise va vous être proposée."
        )
    if salvage is not None and salvage.lost:
        parts.append(
            f"{salvage.lost} message(s) d'un envoi interrompu n'ont pas pu être lus dans "
            "l'ancienne base : ils ne seront pas envoyés par la reprise. Après la "
            "synchronisation, vérifiez dans l'historique qui a bien reçu le SMS et refaites "
            "l'envoi pour les autres si nécessaire."
        )
    if lost:
        listed = "; ".join(
            f"« {c.label or 'Envoi groupé'} » du {_when(c.created_at)} ({c.total} message(s))"
            for c in lost
        )
        parts.append(
            f"Envoi(s) groupé(s) non terminé(s) perdu(s) : {listed}. Les messages que Sobrus "
            "avait déjà reçus apparaîtront dans l'historique après la synchronisation ; les "
            "autres n'ont pas été envoyés : refaites l'envoi pour ces clients si nécessaire."
        )
    return " ".join(parts) or None


def _when(created_at: int) -> str:
    if created_at <= 0:
        return "jour inconnu"
    return datetime.fromtimestamp(created_at).strftime("%d/%m/%Y à %H:%M")
