"""What can go wrong when talking to the Sobrus backend, as typed exceptions.

Every exception carries ``message_fr`` (from the shared
:class:`~sobrus_comm.domain.errors.UserFacingError`), a sentence the GUI can show as is;
``str(exc)`` is that sentence. ``code`` is the backend's machine-readable problem code
when there was one. No exception ever holds a token or a password: they are built from the problem's
code/detail and our own words, never from request headers or raw bodies.
"""

from __future__ import annotations

from typing import Any

from sobrus_comm.domain.errors import UserFacingError


class ApiError(UserFacingError):
    """Base class. Expected environment errors, not bugs: show ``message_fr`` to the user."""

    default_message_fr = "Erreur lors de l'échange avec le serveur Sobrus."

    def __init__(self, message_fr: str | None = None, *, code: str | None = None,
                 status: int | None = None, detail: str | None = None,
                 problem: dict[str, Any] | None = None) -> None:
        super().__init__(message_fr)
        self.code = code
        self.status = status
        self.detail = detail  # the backend's own (English) explanation, for the log
        self.problem: dict[str, Any] = dict(problem or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status!r})"


class InsecureUrl(ApiError):
    """The configured address would send the token in clear (http:// to a remote host)."""

    default_message_fr = (
        "Connexion non sécurisée refusée : l'adresse du serveur Sobrus doit commencer "
        "par « https:// »."
    )


class Unauthorized(ApiError):
    default_message_fr = "Votre session n'est plus valide. Veuillez vous reconnecter."


class InvalidCredentials(Unauthorized):
    default_message_fr = "Identifiant ou mot de passe incorrect."


class TokenExpired(Unauthorized):
    default_message_fr = "Votre session a expiré. Veuillez vous reconnecter."


_PERMISSION_FR = {
    "send_sms": "Vous n'avez pas l'autorisation d'envoyer des SMS.",
    "manage_templates": "Vous n'avez pas l'autorisation de modifier les modèles de message.",
    "request_recharge": "Vous n'avez pas l'autorisation de demander une recharge de SMS.",
}


class Forbidden(ApiError):
    default_message_fr = "Vous n'avez pas l'autorisation d'effectuer cette action."

    def __init__(self, message_fr: str | None = None, *, permission: str | None = None,
                 **kwargs: Any) -> None:
        self.permission = permission
        super().__init__(message_fr or _PERMISSION_FR.get(permission or ""), **kwargs)


class NotFound(ApiError):
    default_message_fr = "L'élément demandé n'existe pas ou plus sur le serveur Sobrus."


class Conflict(ApiError):
    """A stale edit (``current`` is the stored object when known) or a state conflict."""

    default_message_fr = (
        "Cet élément a été modifié entre-temps. Rechargez-le avant d'enregistrer vos "
        "changements."
    )

    def __init__(self, message_fr: str | None = None, *, current: object | None = None,
                 **kwargs: Any) -> None:
        self.current = current
        super().__init__(message_fr, **kwargs)


class InsufficientCredits(ApiError):
    def __init__(self, needed: int, available: int, **kwargs: Any) -> None:
        self.needed, self.available = needed, available
        super().__init__(
            f"Solde SMS insuffisant : cet envoi nécessite {needed} crédit(s), "
            f"il en reste {available}. Demandez une recharge avant d'envoyer.",
            code="insufficient_credits", **kwargs)


class ValidationError(ApiError):
    """The backend (or the client, before sending) refused the data."""

    default_message_fr = "Le serveur Sobrus a refusé les données envoyées."

    def __init__(self, message_fr: str | None = None, *,
                 errors: list[dict[str, str]] | None = None, **kwargs: Any) -> None:
        self.errors = list(errors or [])
        super().__init__(message_fr, **kwargs)


class Unavailable(ApiError):
    """Connection refused, DNS failure, timeout, or 5xx still failing after the retries."""

    default_message_fr = (
        "Le serveur Sobrus est injoignable pour le moment. Vérifiez la connexion Internet "
        "puis réessayez."
    )

    def __init__(self, message_fr: str | None = None, *, retry_after: float | None = None,
                 **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message_fr, **kwargs)


class InvalidResponse(ApiError):
    """The answer was not what the contract says: HTML, garbage, missing or mistyped fields."""

    default_message_fr = (
        "Le serveur Sobrus a renvoyé une réponse inattendue. Réessayez plus tard ; si le "
        "problème persiste, contactez le support Sobrus."
    )
