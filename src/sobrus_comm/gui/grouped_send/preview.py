"""What the right-hand pane shows: the message exactly as one client will receive it, and
the cost of the whole send (the shared MessagePreview widget displays the former).

Rendering one client is cheap (one render, one segment count), so it keeps up with typing
in the template editor; the cost of the whole send comes from the plan estimate, computed
in the background by the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sobrus_comm.domain.consent import ConsentState
from sobrus_comm.domain.consent_plan import NO_CONSENT_FR, REFUSED_FR
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.languages import LANGUAGE_LABELS, Language, choose_language
from sobrus_comm.domain.models import Client
from sobrus_comm.domain.opt_out import with_mention
from sobrus_comm.domain.phones import format_phone_display, normalize_phone
from sobrus_comm.domain.recipients import client_display_name
from sobrus_comm.domain.templating import (
    MissingValueError,
    RenderContext,
    TemplateError,
    parse,
    render_example,
)
from sobrus_comm.gui.grouped_send.client_model import phone_note
from sobrus_comm.services.send_planning import SendDraft

WARNING_COLOR = "#a50e0e"


@dataclass(frozen=True)
class Preview:
    """What the pane shows for one body and one client."""

    text: str  # the SMS as sent ("" when it cannot be rendered)
    recipient: str  # « Aperçu pour : … »
    note: str = ""  # why this client will not receive it, or the template's error
    language: Language = Language.FRENCH  # the text shown


_FALLBACK_FR = ("Ce client lit l'arabe, mais le modèle n'a pas de texte arabe : il recevra "
                "le texte français.")


def message_language(client: Client | None, body_ar: str) -> tuple[Language, bool]:
    """The language ``client`` gets their SMS in (French without a client), and whether
    that is a fallback (they read Arabic, the template has no Arabic text)."""
    if client is None:
        return Language.FRENCH, False
    return choose_language(client.preferred_language, bool(body_ar.strip()))


def _plural(n: int, word: str) -> str:
    return f"{format_count(n)} {word}{'s' if n > 1 else ''}"


def _together(html: str) -> str:
    """Never broken across lines: Qt breaks at the thin space of « 1 500 », which left
    « crédits » alone on a line."""
    return f"<span style='white-space:nowrap'>{html}</span>"


def build_preview(body: str, client: Client | None, pharmacy_name: str, today: date,
                  promotional: bool, body_ar: str = "", opt_out_mention: str = "",
                  consent: ConsentState | None = None) -> Preview:
    """The SMS ``client`` will receive: in their language (``body_ar`` for those who read
    Arabic, when there is one); a promotion ends with the opt-out mention the app adds
    (counted by the preview like the rest), and the note says when the client's consent
    keeps it from them (``consent`` None: not known here)."""
    preview = _build_preview(body, client, pharmacy_name, today, promotional, body_ar)
    if not promotional or not preview.text:
        return preview
    note = preview.note
    if not note and consent is not None and consent != ConsentState.GRANTED:
        reason = REFUSED_FR if consent == ConsentState.REFUSED else NO_CONSENT_FR
        note = f"Ce client ne recevra pas le SMS : {reason}."
    return replace(preview, text=with_mention(preview.text, opt_out_mention), note=note)


def _build_preview(body: str, client: Client | None, pharmacy_name: str, today: date,
                   promotional: bool, body_ar: str) -> Preview:
    if not body.strip():
        return Preview("", "Le modèle est vide : écrivez le message pour en voir l'aperçu.")
    language, fallback = message_language(client, body_ar)
    preview = _build(body_ar if language == Language.ARABIC else body, client, pharmacy_name,
                     today, promotional, language)
    if fallback:
        preview = replace(preview, note=f"{preview.note} {_FALLBACK_FR}".strip())
    return replace(preview, language=language)


def _build(body: str, client: Client | None, pharmacy_name: str, today: date,
           promotional: bool, language: Language) -> Preview:
    try:
        parsed = parse(body)
    except TemplateError as error:
        which = "le texte arabe du modèle" if language == Language.ARABIC else "le modèle"
        return Preview("", f"Aperçu impossible : {which} contient une erreur.",
                       note=error.message_fr)
    if client is None:
        # Nobody to preview for (empty list): show the template with example values.
        text = render_example(body, {"pharmacie": pharmacy_name} if pharmacy_name else None,
                              language)
        return Preview(text, "Aperçu avec des valeurs d'exemple (aucun client dans la liste) :")
    name = client_display_name(client)
    phone = normalize_phone(client.phone)
    shown_phone = format_phone_display(phone.e164) if phone.e164 else "sans numéro valide"
    recipient = f"Aperçu pour {name} ({shown_phone}) :"
    try:
        text = parsed.render(RenderContext(client, pharmacy_name, today, language))
    except MissingValueError as error:
        # Still show the shape of the message, with example values, and say why.
        text = render_example(body, {"pharmacie": pharmacy_name} if pharmacy_name else None,
                              language)
        return Preview(text, f"{recipient[:-2]} — valeurs d'exemple :",
                       note=f"Ce client ne recevra pas le SMS : {error.reason_fr}.")
    note = phone_note(client, promotional)
    note = f"Ce client ne recevra pas le SMS : {note}." if note else ""
    return Preview(text, recipient, note=note)


def send_cost_html(draft: SendDraft | None, computing: bool) -> str:
    """The whole send's credits against the balance, from the latest plan estimate."""
    if draft is None:
        return "<i>Calcul des crédits nécessaires…</i>" if computing else ""
    plan = draft.plan
    messages = _plural(plan.recipient_count, "message")
    credits = _plural(plan.total_segments, "crédit")
    needed = "nécessaires" if plan.total_segments > 1 else "nécessaire"
    text = (f"Pour cet envoi : {_together(f'<b>{messages}</b>')} · "
            f"{_together(f'<b>{credits}</b> {needed}')}")
    if draft.credits is None:
        text += " · solde SMS inconnu (synchronisez)"
    else:
        balance = _plural(draft.credits, "crédit")
        text += f" · {_together(f'solde : {balance}')}"
        check = draft.balance_check
        if not check.ok:
            text += (f"<br><span style='color:{WARNING_COLOR}'><b>Solde insuffisant :</b> "
                     f"il manque {_plural(check.missing, 'crédit')}.</span>")
    text += _languages_html(draft)
    if plan.exclusions:
        text += f"<br>{_plural(len(plan.exclusions), 'client')} exclu"
        text += "s" if len(plan.exclusions) > 1 else ""
        text += " (détail à la confirmation)."
    if computing:
        text += " <i>(mise à jour…)</i>"
    return text


def _languages_html(draft: SendDraft) -> str:
    """Messages and credits per language, when Arabic is part of the send (or should be)."""
    plan = draft.plan
    counts, credits = plan.language_counts(), plan.language_segments()
    if not counts[Language.ARABIC] and not plan.fallback_count:
        return ""
    parts = [_together(f"{LANGUAGE_LABELS[language].capitalize()} : "
                       f"{_plural(counts[language], 'message')}, "
                       f"{_plural(credits[language], 'crédit')}")
             for language in Language]
    text = "<br>" + "<br>".join(parts)
    if plan.fallback_count:
        n = plan.fallback_count
        who = (f"{format_count(n)} client qui lit l'arabe recevra" if n < 2 else
               f"{format_count(n)} clients qui lisent l'arabe recevront")
        text += f"<br>{who} le texte français (le modèle n'a pas de texte arabe)."
    return text
