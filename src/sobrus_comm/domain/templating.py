"""SMS templates: a tiny, safe placeholder language.

Syntax (shown to pharmacists in the template editor):

* ``{prenom}`` inserts a field; the field set is fixed, see :data:`PLACEHOLDERS`;
* ``{{`` and ``}}`` write a literal ``{`` or ``}``;
* nothing else: no attributes, indexes, conversions or format specs. ``{prenom.upper}``,
  ``{prenom!r}``, ``{0}`` or ``{prenom:>10}`` are unknown placeholders; a lone brace is a
  syntax error.

Templates are written by users, so they are parsed here and never handed to
``str.format``/``format_map``/``eval``: rendering only concatenates literal text and
field values, it cannot reach attributes or run code.

Limits, checked before anything else so that a hostile body (a pasted file) costs
nothing to refuse on each keystroke:

* at most :data:`MAX_BODY_CHARS` characters. 2 000 is above the longest message worth
  sending: 10 GSM parts (1 530 characters), what operators deliver reliably; the editor's
  « Message trop long » (6 parts by default) speaks well before it;
* no control or invisible formatting character (:mod:`~sobrus_comm.domain.invisible_chars`):
  they are named with their position, and stripped from field values (a client's name);
* at most :data:`MAX_REPORTED_ERRORS` errors are described; the others are counted.
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.invisible_chars import describe_forbidden, find_forbidden, strip_forbidden
from sobrus_comm.domain.languages import Language, format_dh_ar, isolate_auto, isolate_ltr
from sobrus_comm.domain.models import Client
from sobrus_comm.domain.money import format_dh, is_due
from sobrus_comm.domain.segments import analyze


@dataclass(frozen=True)
class Placeholder:
    key: str
    label_fr: str
    example: str  # typical value: previews and length estimates


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("prenom", "Prénom du client", "Fatima-Zahra"),
    Placeholder("nom", "Nom du client", "El Amrani"),
    Placeholder("nom_complet", "Prénom et nom du client", "Fatima-Zahra El Amrani"),
    Placeholder("solde", "Solde dû par le client", format_dh(Decimal("1250"), for_sms=True)),
    Placeholder("solde_depuis", "Date depuis laquelle le solde est dû", "15/01/2025"),
    Placeholder("pharmacie", "Nom de la pharmacie", "Pharmacie Al Amal"),
    Placeholder("date", "Date du jour", "01/03/2025"),
)
PLACEHOLDERS_BY_KEY: Mapping[str, Placeholder] = {p.key: p for p in PLACEHOLDERS}

# Names people are likely to try, mapped to the real field (for « Vouliez-vous dire … ? »).
_ALIASES = {
    "first_name": "prenom",
    "firstname": "prenom",
    "last_name": "nom",
    "lastname": "nom",
    "nom_de_famille": "nom",
    "name": "nom_complet",
    "client": "nom_complet",
    "nom_client": "nom_complet",
    "nomcomplet": "nom_complet",
    "balance": "solde",
    "montant": "solde",
    "solde_du": "solde",
    "credit": "solde",
    "depuis": "solde_depuis",
    "date_solde": "solde_depuis",
    "pharmacy": "pharmacie",
    "officine": "pharmacie",
    "nom_pharmacie": "pharmacie",
    "aujourd_hui": "date",
    "date_du_jour": "date",
    "today": "date",
}

# Order matters: "{{" and "}}" are escapes before "{…}" can be a field.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_MAX_NAME_SHOWN = 30
MAX_BODY_CHARS = 2_000
MAX_REPORTED_ERRORS = 5


# --- Errors ---------------------------------------------------------------------------


class TemplateError(Exception):
    """Base of every error of this module; ``str()`` is a French message for the user."""

    def __init__(self, message_fr: str) -> None:
        super().__init__(message_fr)
        self.message_fr = message_fr


class TemplateSyntaxError(TemplateError):
    def __init__(self, message_fr: str, position: int) -> None:
        super().__init__(message_fr)
        self.position = position  # 0-based index in the body; messages say it 1-based


class TemplateTooBigError(TemplateError):
    def __init__(self, length: int) -> None:
        super().__init__(
            f"Modèle trop long : {format_count(length)} caractères (maximum "
            f"{format_count(MAX_BODY_CHARS)}). Raccourcissez-le : un SMS de plus de "
            "10 parties n'arrive pas entier chez tous les opérateurs."
        )
        self.length = length


class ForbiddenCharError(TemplateError):
    def __init__(self, body: str) -> None:
        self.found = find_forbidden(body)
        super().__init__(describe_forbidden(self.found))
        self.position = self.found[0].position


class UnknownPlaceholderError(TemplateError):
    def __init__(self, name: str, position: int, suggestion: str | None = None) -> None:
        shown = "{" + _shorten(name) + "}"
        if suggestion:
            message = f"Champ inconnu : {shown}. Vouliez-vous dire {{{suggestion}}} ?"
        else:
            known = ", ".join("{" + p.key + "}" for p in PLACEHOLDERS)
            message = f"Champ inconnu : {shown}. Champs disponibles : {known}."
        super().__init__(message)
        self.name = name
        self.position = position
        self.suggestion = suggestion


# Why a field has no value, said without the client's name (the plan lists it beside).
_MISSING_FR = {
    "prenom": "Prénom manquant",
    "nom": "Nom manquant",
    "nom_complet": "Nom manquant",
    "solde": "Aucun solde dû",
    "solde_depuis": "Date du solde dû inconnue",
    "pharmacie": "Nom de la pharmacie non renseigné",
}


class MissingValueError(TemplateError):
    """A field of the template has no value for this client: the SMS cannot be sent."""

    def __init__(self, field: str, client: Client) -> None:
        self.field = field
        self.client = client
        missing = _MISSING_FR.get(field, "Valeur manquante")
        self.reason_fr = f"{missing} (champ {{{field}}})"
        who = _clean(client.full_name) or f"client n° {client.id}"
        super().__init__(f"Message impossible à personnaliser pour {who} : {self.reason_fr}.")


def _shorten(text: str) -> str:
    return text if len(text) <= _MAX_NAME_SHOWN else text[: _MAX_NAME_SHOWN - 1] + "…"


def _syntax_error(kind: str, position: int) -> TemplateSyntaxError:
    where = f"caractère {position + 1}"
    if kind == "{":
        message = (
            f"Accolade « {{ » non fermée ({where}). "
            "Pour écrire une accolade, doublez-la : « {{ »."
        )
    elif kind == "}":
        message = (
            f"Accolade « }} » sans accolade ouvrante ({where}). "
            "Pour écrire une accolade, doublez-la : « }} »."
        )
    else:
        message = f"Champ vide « {{}} » ({where}) : indiquez un champ, par exemple {{prenom}}."
    return TemplateSyntaxError(message, position)


def _fold(name: str) -> str:
    """Lower-case, accent-free, underscore-separated: "Prénom" → "prenom"."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’]+", "_", ascii_only)


def suggest_placeholder(name: str) -> str | None:
    """The known field a mistyped name most likely meant, or ``None``."""
    candidates = [_fold(name)]
    # "{prenom.upper}", "{prenom!r}", "{prenom:>10}": the user meant the leading name.
    head = re.split(r"[^\w]", candidates[0], maxsplit=1)[0]
    if head and head != candidates[0]:
        candidates.append(head)
    for folded in candidates:
        if folded in PLACEHOLDERS_BY_KEY:
            return folded
        if folded in _ALIASES:
            return _ALIASES[folded]
    for folded in candidates:
        close = difflib.get_close_matches(
            folded, [*PLACEHOLDERS_BY_KEY, *_ALIASES], n=1, cutoff=0.75
        )
        if close:
            return _ALIASES.get(close[0], close[0])
    return None


# --- Parsing --------------------------------------------------------------------------


@dataclass(frozen=True)
class TextPart:
    text: str


@dataclass(frozen=True)
class FieldPart:
    key: str
    position: int


Part = TextPart | FieldPart


@dataclass(frozen=True)
class ParsedTemplate:
    parts: tuple[Part, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """Distinct field keys, in order of first use."""
        return tuple(dict.fromkeys(p.key for p in self.parts if isinstance(p, FieldPart)))

    def render_values(self, value_of: Callable[[str], str]) -> str:
        return "".join(p.text if isinstance(p, TextPart) else value_of(p.key) for p in self.parts)

    def render(self, ctx: RenderContext) -> str:
        """Parse once, render per client: what a grouped send does."""
        return self.render_values(lambda key: _value(key, ctx))


def _scan(body: str, max_errors: int) -> tuple[ParsedTemplate, list[TemplateError], int]:
    """Parts, the first ``max_errors`` errors found and how many more there are; the parts
    are only meaningful without errors. Errors past the first ones are counted, not
    described (a suggestion costs a fuzzy match: thousands of them take seconds)."""
    parts: list[Part] = []
    errors: list[TemplateError] = []
    more = 0
    literal: list[str] = []
    last = 0

    def flush() -> None:
        if literal:
            parts.append(TextPart("".join(literal)))
            literal.clear()

    for match in _TOKEN.finditer(body):
        literal.append(body[last : match.start()])
        last = match.end()
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        if name in PLACEHOLDERS_BY_KEY:
            flush()
            parts.append(FieldPart(name, match.start()))
            continue
        if name != "":
            literal.append(token)
        if len(errors) >= max_errors:
            more += 1
        elif name is None or name == "":  # a lone "{" or "}", or "{}"
            errors.append(_syntax_error(token if name is None else "{}", match.start()))
        else:
            errors.append(UnknownPlaceholderError(name, match.start(), suggest_placeholder(name)))
    literal.append(body[last:])
    flush()
    return ParsedTemplate(tuple(p for p in parts if p != TextPart(""))), errors, more


def _check_limits(body: str) -> TemplateError | None:
    """The size and character limits (module doc), cheapest first."""
    if len(body) > MAX_BODY_CHARS:
        return TemplateTooBigError(len(body))
    if find_forbidden(body):
        return ForbiddenCharError(body)
    return None


def parse(body: str) -> ParsedTemplate:
    """Parse a template body; raises the first error (limits first, then in body order)."""
    limit = _check_limits(body)
    if limit is not None:
        raise limit
    parsed, errors, _ = _scan(body, max_errors=1)
    if errors:
        raise errors[0]
    return parsed


def escape(text: str) -> str:
    """Literal text as a template body: braces doubled, so it renders back unchanged."""
    return text.replace("{", "{{").replace("}", "}}")


# --- Rendering ------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderContext:
    client: Client
    pharmacy_name: str
    today: date
    language: Language = Language.FRENCH  # the text being rendered (names, amounts)


def format_date_fr(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def _clean(value: str | None) -> str:
    # Collapse runs of spaces and newlines typed in client records; a NUL or a bidi
    # override in a synced name would reach the SMS unseen (see invisible_chars).
    return " ".join(strip_forbidden(value or "").split())


def _value(key: str, ctx: RenderContext) -> str:
    client = ctx.client
    value: str
    if key == "prenom":
        value = _clean(client.first_name)
    elif key == "nom":
        value = _clean(client.last_name)
    elif key == "nom_complet":
        value = _clean(f"{client.first_name} {client.last_name}")
    elif key == "solde":
        # No reminder for « 0,00 DH » (0.004 DH included) or a credit: a wrong message.
        value = format_dh(client.balance_due, for_sms=True) if is_due(client.balance_due) else ""
    elif key == "solde_depuis":
        since = client.balance_due_since
        value = format_date_fr(since) if since is not None else ""
    elif key == "pharmacie":
        value = _clean(ctx.pharmacy_name)
    elif key == "date":
        value = format_date_fr(ctx.today)
    else:  # pragma: no cover - parse() only lets known keys through
        raise UnknownPlaceholderError(key, 0)
    if not value:
        raise MissingValueError(key, client)
    if ctx.language == Language.ARABIC:
        return _arabic_value(key, value, ctx)
    return value


def _arabic_value(key: str, latin: str, ctx: RenderContext) -> str:
    """A value inside Arabic text (see :mod:`~sobrus_comm.domain.languages`): the
    Arabic-script name when there is one, else the Latin value isolated; amounts in
    « درهم ». ``latin`` is the French value, already checked not to be missing."""
    client = ctx.client
    arabic = {
        "prenom": _clean(client.first_name_ar),
        "nom": _clean(client.last_name_ar),
        # Both parts or none: half a name in each script would read as two people.
        "nom_complet": _clean(client.full_name_ar)
        if _clean(client.first_name_ar) and _clean(client.last_name_ar) else "",
    }.get(key, "")
    if arabic:
        return arabic
    if key == "solde":
        return format_dh_ar(client.balance_due)
    if key in ("prenom", "nom", "nom_complet"):
        return isolate_ltr(latin)
    if key == "pharmacie":
        return isolate_auto(latin)
    return latin  # dates: digits and slashes stay one left-to-right run


def render(body: str, ctx: RenderContext) -> str:
    """The SMS text of ``body`` for one client.

    Raises :class:`TemplateSyntaxError`, :class:`UnknownPlaceholderError` or
    :class:`MissingValueError` (all :class:`TemplateError`), nothing else.
    """
    return parse(body).render(ctx)


# Example values inside Arabic text: what a client with an Arabic-script name gets.
_EXAMPLES_AR = {
    "prenom": "فاطمة الزهراء",
    "nom": "العمراني",
    "nom_complet": "فاطمة الزهراء العمراني",
    "solde": format_dh_ar(Decimal("1250")),
}


def example_values(language: Language = Language.FRENCH) -> dict[str, str]:
    values = {p.key: p.example for p in PLACEHOLDERS}
    if language == Language.ARABIC:
        values |= _EXAMPLES_AR
        values["pharmacie"] = isolate_auto(values["pharmacie"])
    return values


def render_example(body: str, values: Mapping[str, str] | None = None,
                   language: Language = Language.FRENCH) -> str:
    """Preview with example values (``values`` overrides some, e.g. the real pharmacy name)."""
    return parse(body).render_values(_examples(values, language).__getitem__)


def _examples(values: Mapping[str, str] | None, language: Language) -> dict[str, str]:
    """Example values with overrides; in Arabic a Latin override is isolated like a real
    client's value."""
    overrides = dict(values or {})
    if language == Language.ARABIC:
        overrides = {k: isolate_auto(v) for k, v in overrides.items()}
    return example_values(language) | overrides


# --- Validation -----------------------------------------------------------------------


class TemplateProblemCode(enum.StrEnum):
    EMPTY = "empty"
    SYNTAX = "syntax"
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"
    TOO_LONG = "too_long"
    TOO_BIG = "too_big"  # over MAX_BODY_CHARS: nothing else is checked
    FORBIDDEN_CHARS = "forbidden_chars"
    MORE_ERRORS = "more_errors"  # the errors past MAX_REPORTED_ERRORS, counted


@dataclass(frozen=True)
class TemplateProblem:
    code: TemplateProblemCode
    message_fr: str
    position: int | None = None


def validate(
    body: str, max_segments: int = 6, *, values: Mapping[str, str] | None = None,
    language: Language = Language.FRENCH,
) -> list[TemplateProblem]:
    """Every problem of a template body, for the editor; an empty list means it can be saved.

    The length check renders the body with example values (``values`` overrides some), so
    it is an estimate: real names and balances vary. Cheap on a hostile body: an oversized
    one is refused on its length alone, and only the first errors are described.
    """
    if len(body) > MAX_BODY_CHARS:
        too_big = TemplateTooBigError(len(body))
        return [TemplateProblem(TemplateProblemCode.TOO_BIG, too_big.message_fr)]
    if not body.strip():
        return [TemplateProblem(TemplateProblemCode.EMPTY, "Le message est vide.")]
    problems: list[TemplateProblem] = []
    if find_forbidden(body):
        forbidden = ForbiddenCharError(body)
        problems.append(TemplateProblem(
            TemplateProblemCode.FORBIDDEN_CHARS, forbidden.message_fr, forbidden.position))
    parsed, errors, more = _scan(body, max_errors=MAX_REPORTED_ERRORS)
    problems += [
        TemplateProblem(
            TemplateProblemCode.SYNTAX
            if isinstance(error, TemplateSyntaxError)
            else TemplateProblemCode.UNKNOWN_PLACEHOLDER,
            error.message_fr,
            getattr(error, "position", None),
        )
        for error in errors
    ]
    if more:
        problems.append(TemplateProblem(
            TemplateProblemCode.MORE_ERRORS,
            f"… et {format_count(more)} autres erreurs dans le modèle (seules les "
            f"{MAX_REPORTED_ERRORS} premières sont détaillées).",
        ))
    if not errors:
        info = analyze(parsed.render_values(_examples(values, language).__getitem__))
        if info.segments > max_segments:
            problems.append(
                TemplateProblem(
                    TemplateProblemCode.TOO_LONG,
                    f"Message trop long : environ {info.segments} SMS par client "
                    f"(maximum {max_segments}).",
                )
            )
    return problems
