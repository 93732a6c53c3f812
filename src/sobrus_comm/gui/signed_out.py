"""Why nothing can be sent without a session, in the user's words: not signed in is not
the same as a server that could not be reached (the user was never signed out)."""

from __future__ import annotations

NOT_SIGNED_IN_FR = ("Vous n'êtes pas connecté : connectez-vous à Sobrus (Synchroniser, F5) "
                    "pour envoyer des SMS.")
OFFLINE_FR = ("Hors ligne : le serveur Sobrus ne répond pas, votre session n'a pas pu être "
              "vérifiée. L'envoi sera possible dès qu'il répondra (nouvel essai automatique).")
NO_TEMPLATES_SIGNED_OUT_FR = ("Vos modèles de message arriveront avec la première "
                              "synchronisation : connectez-vous à Sobrus (Synchroniser, F5).")


def signed_out_reason(offline: bool) -> str:
    return OFFLINE_FR if offline else NOT_SIGNED_IN_FR
