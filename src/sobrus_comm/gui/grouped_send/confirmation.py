"""« Confirmer l'envoi »: the plan in words a pharmacist cannot misread.

The recipient count in large type; « TOUS les N clients » spelt out when nobody was
ticked; credits needed against the balance; every client left out with the reason.
« Annuler » is the default button. When the send cannot go (credits, nothing to send)
there is no confirm button at all, and « Demander une recharge » when credits are short.

Clients over a frequency cap are listed with the date of their last SMS; « Envoyer quand
même à ces N clients » closes with :data:`OVERRIDE_CAPS_RESULT` so that the dialog plans
again with the caps lifted for this one send (the override is recorded with it).

Signals:
    sig_recharge_requested(): « Demander une recharge » was clicked.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.models import Objective, TemplateCategory
from sobrus_comm.domain.phones import format_phone_display
from sobrus_comm.domain.recipients import (
    Exclusion,
    ExclusionReason,
    client_display_name,
    describe_languages,
)
from sobrus_comm.gui.generated.ui_send_confirmation_dialog import Ui_SendConfirmationDialog
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.services.send_planning import SendDraft

ModelIndex = QModelIndex | QPersistentModelIndex

# « 300 sans numéro · 12 numéros invalides »: short forms for the summary line.
REASON_SHORT: dict[ExclusionReason, tuple[str, str]] = {
    ExclusionReason.NO_BALANCE: ("sans solde dû", "sans solde dû"),
    ExclusionReason.BELOW_THRESHOLD: ("solde sous le seuil", "soldes sous le seuil"),
    ExclusionReason.OPTED_OUT: ("refuse les promotions", "refusent les promotions"),
    ExclusionReason.MISSING_PHONE: ("sans numéro", "sans numéro"),
    ExclusionReason.INVALID_PHONE: ("numéro invalide", "numéros invalides"),
    ExclusionReason.NOT_MOBILE: ("numéro fixe", "numéros fixes"),
    ExclusionReason.MISSING_VALUE: ("message incomplet", "messages incomplets"),
    ExclusionReason.DUPLICATE_PHONE: ("numéro en double", "numéros en double"),
    ExclusionReason.DUPLICATE_MESSAGE: ("message en double", "messages en double"),
    ExclusionReason.NO_CONSENT: ("consentement non recueilli", "consentements non recueillis"),
    ExclusionReason.REFUSED_CONSENT: ("a refusé les promotions", "ont refusé les promotions"),
    ExclusionReason.FREQUENCY_CAP: ("limite de fréquence atteinte",
                                    "limites de fréquence atteintes"),
}
# done() code of « Envoyer quand même… »: plan again with the caps lifted for this send.
OVERRIDE_CAPS_RESULT = 2
WARNING = "#a50e0e"


def _n(n: int, singular: str, plural: str) -> str:
    return f"{format_count(n)} {singular if n < 2 else plural}"


class ExclusionModel(QAbstractTableModel):
    """The clients left out: name, number as typed, reason."""

    TITLES = ("Client", "Numéro saisi", "Motif")

    def __init__(self, exclusions: Sequence[Exclusion], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(exclusions)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.TITLES)):
            return self.TITLES[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        exclusion = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return client_display_name(exclusion.client)
        if column == 1:
            return " ".join((exclusion.client.phone or "").split()) or "—"
        return exclusion.reason_fr


def exclusion_summary(exclusions: Sequence[Exclusion]) -> str:
    counts: dict[ExclusionReason, int] = {}
    for exclusion in exclusions:
        counts[exclusion.code] = counts.get(exclusion.code, 0) + 1
    parts = []
    for code, (singular, plural) in REASON_SHORT.items():
        if counts.get(code):
            parts.append(_n(counts[code], singular, plural))
    return " · ".join(parts)


class SendConfirmationDialog(QDialog):
    sig_recharge_requested = Signal()

    def __init__(self, draft: SendDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SendConfirmationDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # small counter screens: never larger than the screen
        self.draft = draft
        self._fill()
        ui = self.ui
        ui.cancelButton.clicked.connect(self.reject)
        ui.confirmButton.clicked.connect(self.accept)
        ui.requestRechargeButton.clicked.connect(self._on_recharge)
        ui.overrideCapsButton.clicked.connect(self._on_override_caps)
        ui.cancelButton.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def blocked(self) -> bool:
        return bool(self.draft.blocked_reason)

    # -- content ---------------------------------------------------------------------------
    def _fill(self) -> None:
        ui, draft, plan = self.ui, self.draft, self.draft.plan
        if draft.is_test:
            self.setWindowTitle("Confirmer l'envoi de test")
            ui.headlineLabel.setText("Vous allez envoyer un SMS de TEST à :")
        n = plan.recipient_count
        ui.recipientCountLabel.setText(_n(n, "destinataire", "destinataires"))
        ui.scopeLabel.setText(self._scope_html())
        ui.templateSummaryLabel.setText(self._template_html())
        ui.creditsLabel.setText(self._credits_html())
        warnings = self._warnings_html()
        ui.warningsLabel.setText(warnings)
        ui.warningsLabel.setVisible(bool(warnings))

        excluded = [*draft.paid_since, *plan.exclusions]
        if excluded:
            title = (f"<b>{_n(len(excluded), 'client exclu', 'clients exclus')}</b> "
                     "(ils ne recevront pas le SMS)")
            summary = exclusion_summary(plan.exclusions)
            if draft.paid_since:
                paid = _n(len(draft.paid_since), "a réglé son solde", "ont réglé leur solde")
                summary = " · ".join(p for p in (f"{paid} depuis la dernière synchronisation",
                                                 summary) if p)
            ui.exclusionsTitle.setText(f"{title} : {escape(summary)}")
        else:
            ui.exclusionsTitle.setText("Aucun client exclu : tous les numéros sont valides.")
        self.exclusions_model = ExclusionModel(excluded, self)
        table = ui.exclusionsTable
        table.setModel(self.exclusions_model)
        table.setVisible(bool(excluded))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, 180)
        table.setColumnWidth(1, 140)
        table.verticalHeader().setDefaultSectionSize(24)

        capped = sum(1 for e in plan.exclusions if e.code == ExclusionReason.FREQUENCY_CAP)
        ui.overrideCapsButton.setVisible(bool(capped) and not draft.is_test)
        whom = "au client" if capped < 2 else f"aux {format_count(capped)} clients"
        ui.overrideCapsButton.setText(
            f"Envoyer quand même {whom} au-delà de la limite de fréquence…")

        reason = draft.blocked_reason
        ui.blockedFrame.setVisible(bool(reason))
        ui.confirmButton.setVisible(not reason)
        ui.confirmButton.setEnabled(not reason)
        if reason:
            ui.blockedLabel.setText(f"<b>Envoi impossible.</b> {escape(reason)}")
            short = draft.credits is not None and not draft.balance_check.ok
            ui.requestRechargeButton.setVisible(short)

    def _scope_html(self) -> str:
        draft, plan = self.draft, self.draft.plan
        if draft.is_test:
            who = ", ".join(
                f"{escape(m.client_name)} ({format_phone_display(m.phone_e164)})"
                for m in plan.messages)
            return f"Test uniquement : {who or 'aucun destinataire valide'}."
        count = plan.candidate_count
        excluded = len(plan.exclusions) + len(draft.paid_since)
        but = ""
        if excluded == 1:
            but = ", <b>sauf 1 client exclu</b> ci-dessous"
        elif excluded:
            but = f", <b>sauf les {format_count(excluded)} exclus</b> ci-dessous"
        if plan.all_clients:
            everyone = ("au seul client de la liste" if count == 1
                        else f"à TOUS les {format_count(count)} clients de la liste")
            return (f"<span style='color:{WARNING}'><b>Aucun client n'a été coché : "
                    f"le message part {everyone}</b></span>{but}.")
        ticked = _n(count, "client coché", "clients cochés")
        return f"Aux {ticked}{but}."

    def _template_html(self) -> str:
        request, plan = self.draft.request, self.draft.plan
        template = request.template
        kind = ("promotion" if template.category == TemplateCategory.PROMOTIONAL
                else "message de service")
        objective = ("Rappel de solde client" if request.objective == Objective.BALANCE_REMINDER
                     else "Modèle personnalisé")
        text = f"{objective} — modèle <b>« {escape(template.name)} »</b> ({kind})."
        # One example per language, each laid out in its direction; Arabic never in italics
        # (the usual oblique fonts have no Arabic glyphs: boxes).
        for language in Language:
            first = next((m for m in plan.messages if m.language == language), None)
            if first is None:
                continue
            if language == Language.FRENCH:
                text += (f"<br>Exemple pour {escape(first.client_name)} : "
                         f"<i>« {escape(first.text)} »</i>")
            else:
                text += (f"<br>Exemple en arabe pour {escape(first.client_name)} :"
                         f"<p dir='rtl' style='margin-top:0; margin-bottom:0'>"
                         f"{escape(first.text)}</p>")
        languages = describe_languages(plan)
        if languages:
            text += f"Langues : {escape(languages)}."
        return text

    def _credits_html(self) -> str:
        draft, plan = self.draft, self.draft.plan
        needed = plan.total_segments
        text = f"Crédits nécessaires : <b>{format_count(needed)}</b>"
        if draft.credits is None:
            return text + " · solde SMS inconnu"
        text += f" · solde disponible : <b>{format_count(draft.credits)}</b>"
        check = draft.balance_check
        if check.ok:
            text += f" · solde après l'envoi : {format_count(draft.credits - needed)}"
        else:
            text += (f"<br><span style='color:{WARNING}'><b>Il manque "
                     f"{_n(check.missing, 'crédit', 'crédits')}.</b></span>")
        return text

    def _warnings_html(self) -> str:
        draft = self.draft
        lines = [escape(w.message_fr) for w in draft.plan.warnings]
        if draft.balances_checked:
            lines.insert(0, "Soldes clients vérifiés auprès de Sobrus à l'instant.")
        if draft.caps_overridden:
            n = len(draft.caps_overridden)
            lines.append(f"<b>Limite de fréquence levée pour {_n(n, 'client', 'clients')}</b> "
                         "(dérogation enregistrée avec cet envoi).")
        return "<br>".join(lines)

    @Slot()
    def _on_override_caps(self) -> None:
        self.done(OVERRIDE_CAPS_RESULT)

    @Slot()
    def _on_recharge(self) -> None:
        self.sig_recharge_requested.emit()
        self.reject()
