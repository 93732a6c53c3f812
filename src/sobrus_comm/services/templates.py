"""Templates: the one set of rules for creating, editing, renaming, duplicating and
deleting them, and for settling conflicts (no Qt).

Both the grouped-send dialog (« Modifier modèle » › « Sauvegarder ») and Paramètres ›
Modèles de message go through :class:`TemplateService`: one rule for names (not empty,
at most :data:`NAME_MAX` characters, unique whatever the case), one for bodies (the
domain's validation). Edits are kept in the local cache at once; the sync pushes them,
and a template changed on the server meanwhile comes back as a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sobrus_comm.backend.errors import ApiError
from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.models import Template, TemplateCategory
from sobrus_comm.domain.templating import validate
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.send_planning import ApiFactory, closing_api
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store.db import Database
from sobrus_comm.store.templates import LocalState, TemplateConflict

NAME_MAX = 100

__all__ = [
    "NAME_MAX",
    "LocalState",
    "TemplateConflict",
    "TemplateRejected",
    "TemplateSaveResult",
    "TemplateService",
    "TemplatesSnapshot",
    "arabic_problems",
    "clean_arabic",
    "clean_name",
    "free_name",
    "name_problem",
    "save_template",
    "template_problems",
]


def clean_name(text: str) -> str:
    """A name as it is kept: inner runs of spaces made one, ends trimmed."""
    return " ".join(text.split())


def name_problem(name: str, template_id: int | None,
                 existing: Iterable[Template]) -> str | None:
    """Why ``name`` cannot be given to template ``template_id`` (None: a new one), or None."""
    if not name:
        return "Donnez un nom au modèle."
    if len(name) > NAME_MAX:
        return f"Le nom du modèle est trop long ({NAME_MAX} caractères au maximum)."
    if any(t.name.casefold() == name.casefold() and t.id != template_id for t in existing):
        return f"Un modèle s'appelle déjà « {name} ». Choisissez un autre nom."
    return None


def free_name(wanted: str, existing: Iterable[Template]) -> str:
    """``wanted``, or « wanted (2) », « (3) »… : the first name no template has."""
    names = {t.name.casefold() for t in existing}
    name, n = wanted[:NAME_MAX], 2
    while name.casefold() in names:
        name = f"{wanted[:NAME_MAX - 4]} ({n})"
        n += 1
    return name


@dataclass(frozen=True)
class TemplatesSnapshot:
    """What Paramètres lists: the templates (with those deleted here but changed on the
    server, until settled), their local states and their conflicts by id."""

    templates: tuple[Template, ...]
    states: dict[int, LocalState]
    conflicts: dict[int, TemplateConflict]
    opt_out_mention: str = ""  # what the app adds to every promotion (preview)


class TemplateService:
    """Create, edit, rename, duplicate, delete, settle conflicts; validated here, once.

    Raises :class:`TemplateRejected` (French ``message_fr``) for a bad name or body,
    ``KeyError`` for a template deleted meanwhile, ``StoreError`` when the cache fails.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def snapshot(self) -> TemplatesSnapshot:
        repo = self._db.templates
        templates = repo.list_all()
        conflicts = {c.local.id: c for c in repo.conflicts() if c.local.id is not None}
        templates += [c.local for c in conflicts.values() if c.local_deleted]
        return TemplatesSnapshot(tuple(templates), repo.states(), conflicts,
                                 ConsentService(self._db).opt_out_mention())

    def _check(self, name: str, template_id: int | None, body: str | None = None,
               body_ar: str | None = None) -> None:
        problem = name_problem(name, template_id, self._db.templates.list_all())
        problems = [problem] if problem else []
        if body is not None:
            problems += [f"Le texte du modèle ne peut pas être sauvegardé : {p}"
                         for p in template_problems(body, "")[:1]]
        if body_ar:
            problems += [f"Le texte arabe du modèle ne peut pas être sauvegardé : {p}"
                         for p in arabic_problems(body_ar, "")[:1]]
        if problems:
            raise TemplateRejected(problems)

    def create(self, name: str, body: str, category: TemplateCategory,
               body_ar: str = "") -> Template:
        name = clean_name(name)
        body_ar = clean_arabic(body_ar)
        self._check(name, None, body, body_ar)
        return self._db.templates.create_local(name, body, category, body_ar)

    def edit(self, template_id: int, *, name: str, body: str,
             category: TemplateCategory, body_ar: str | None = None) -> Template:
        """``body_ar=None`` keeps the Arabic text; "" removes it."""
        name = clean_name(name)
        body_ar = None if body_ar is None else clean_arabic(body_ar)
        self._check(name, template_id, body, body_ar)
        return self._db.templates.edit_local(template_id, name=name, body=body,
                                             category=category, body_ar=body_ar)

    def rename(self, template_id: int, name: str) -> Template:
        current = self._db.templates.get(template_id)
        if current is None:
            raise KeyError(template_id)
        return self.edit(template_id, name=name, body=current.body, category=current.category)

    def duplicate(self, template: Template) -> Template:
        name = free_name(f"Copie de {template.name}", self._db.templates.list_all())
        return self._db.templates.create_local(name, template.body, template.category,
                                               template.body_ar)

    def delete(self, template_id: int) -> None:
        self._db.templates.delete_local(template_id)

    def keep_local(self, template_id: int) -> None:
        """A conflict settled for this workstation's version (pushed at the next sync)."""
        self._db.templates.resolve_keep_local(template_id)

    def take_remote(self, template_id: int) -> None:
        """A conflict settled for the server's version (the local edit is dropped)."""
        self._db.templates.resolve_take_remote(template_id)

    def conflicts(self) -> list[TemplateConflict]:
        return self._db.templates.conflicts()

    def save_body(self, make_api: ApiFactory | None, template: Template, body: str,
                  pharmacy_name: str = "", body_ar: str | None = None) -> TemplateSaveResult:
        """« Sauvegarder » in the grouped send: see :func:`save_template`."""
        return save_template(self._db, make_api, template, body, pharmacy_name, body_ar)


@dataclass(frozen=True)
class TemplateSaveResult:
    template: Template  # as the cache now holds it
    pushed: bool  # Sobrus has it
    message_fr: str  # what to tell the user
    conflict: bool = False  # changed meanwhile on Sobrus: the user must choose (Paramètres)


class TemplateRejected(ValueError):
    """The body cannot be saved; ``problems`` say why, in French."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = tuple(problems)
        self.message_fr = " ".join(problems)


def clean_arabic(body_ar: str) -> str:
    """An Arabic text of only spaces is no Arabic text (its readers get the French one)."""
    return body_ar if body_ar.strip() else ""


def arabic_problems(body_ar: str, pharmacy_name: str) -> list[str]:
    """Why the Arabic text cannot be saved, or []; an empty Arabic text is fine (none)."""
    if not body_ar.strip():
        return []
    values = {"pharmacie": pharmacy_name} if pharmacy_name.strip() else None
    return [p.message_fr for p in validate(body_ar, values=values, language=Language.ARABIC)]


def template_problems(body: str, pharmacy_name: str) -> list[str]:
    """Why ``body`` cannot be saved (empty, syntax, unknown field, too long), or [].

    The domain's limits, as the shared template editor applies them.
    """
    values = {"pharmacie": pharmacy_name} if pharmacy_name.strip() else None
    return [p.message_fr for p in validate(body, values=values)]


def save_template(
    db: Database,
    make_api: ApiFactory | None,
    template: Template,
    body: str,
    pharmacy_name: str = "",
    body_ar: str | None = None,
) -> TemplateSaveResult:
    """Save the edited body in the cache, then push it to Sobrus when online.

    The cache keeps the edit whatever happens next: offline, it is pushed by the next sync;
    on a conflict (someone saved the template meanwhile) both versions are kept for the
    user to choose in Paramètres.
    """
    body_ar = None if body_ar is None else clean_arabic(body_ar)
    problems = template_problems(body, pharmacy_name)
    problems += [f"Texte arabe : {p}" for p in arabic_problems(body_ar or "", pharmacy_name)]
    if problems:
        raise TemplateRejected(problems)
    if template.id is None:
        raise ValueError("only a stored template can be edited")
    saved = db.templates.edit_local(
        template.id, name=template.name, body=body, category=template.category, body_ar=body_ar
    )
    later = "il sera envoyé à Sobrus à la prochaine synchronisation"
    if make_api is None:
        return TemplateSaveResult(
            saved, False, f"Modèle « {saved.name} » sauvegardé sur ce poste ; {later}."
        )
    try:
        with closing_api(make_api()) as api:
            report = SyncService(api, db).push_templates()
    except ApiError as exc:  # offline, logged out: the edit waits in the cache
        return TemplateSaveResult(
            saved, False,
            f"Modèle « {saved.name} » sauvegardé sur ce poste ; {later} "
            f"({exc.message_fr.rstrip('.')}).",
        )
    if any(c.local.id == template.id for c in report.template_conflicts):
        return TemplateSaveResult(
            saved, False,
            f"Le modèle « {saved.name} » a été modifié entre-temps dans Sobrus. Votre version "
            "est gardée sur ce poste : choisissez laquelle conserver dans Paramètres.",
            conflict=True,
        )
    for error in report.template_errors:
        if error.template.id == template.id:
            return TemplateSaveResult(
                saved, False,
                f"Modèle « {saved.name} » sauvegardé sur ce poste, mais refusé par Sobrus : "
                f"{error.message}",
            )
    current = _find_pushed(db, saved)
    return TemplateSaveResult(current, True, f"Modèle « {current.name} » sauvegardé.")


def _find_pushed(db: Database, saved: Template) -> Template:
    """The template as stored after the push (a template created here changes id)."""
    assert saved.id is not None
    found = db.templates.get(saved.id)
    if found is not None:
        return found
    for candidate in db.templates.list_all():
        if (candidate.name, candidate.body) == (saved.name, saved.body):
            return candidate
    return saved
