"""« Crédits »: where the SMS credits went, whether it adds up, and how long they last.

The use cases behind the Crédits tab (no Qt): :meth:`CreditService.overview` reads the
mirrored ledger, the balance and the history (a worker thread calls it), reconciles them
(:func:`~sobrus_comm.domain.credit_ledger.reconcile`) and forecasts; the monthly statement
goes to a CSV for French Excel through the one writer (:mod:`services.csv_files`, so every
cell is formula-safe) and to HTML that the GUI prints as a one-page PDF.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from sobrus_comm.domain.credit_forecast import Forecast, forecast
from sobrus_comm.domain.credit_ledger import (
    CampaignCost,
    MonthlyStatement,
    Movement,
    MovementKind,
    Reconciliation,
    campaign_costs,
    monthly_statement,
    months_with_movements,
    reconcile,
)
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.services.csv_files import write_csv
from sobrus_comm.store.db import Database

CSV_HEADER = ("Date", "Mouvement", "Libellé", "Débit (crédits)", "Crédit (crédits)",
              "Solde après")


@dataclass(frozen=True)
class CreditOverview:
    """Everything the Crédits tab shows, read in one go off the GUI thread."""

    movements: list[Movement]
    reconciliation: Reconciliation
    campaigns: list[CampaignCost]
    labels: dict[str, str]  # campaign id -> what the user calls it
    months: list[tuple[int, int]]  # with movements, most recent first
    forecast: Forecast | None  # None before the first balance

    def campaign_label(self, campaign_id: str | None) -> str:
        return campaign_label(campaign_id, self.labels)

    def describe(self, movement: Movement) -> str:
        return describe_fr(movement, self.labels)


class CreditService:
    def __init__(self, db: Database, tz: tzinfo | None = None,
                 planned: Callable[[], int] | None = None) -> None:
        self.db = db
        self.tz = tz  # None: the computer's time zone (months and days as the user lives them)
        #: Credits the scheduled sends will spend soon (ScheduleService.planned_credits).
        self.planned = planned

    def overview(self, now: datetime, planned: int | None = None) -> CreditOverview:
        """The ledger, its check against the balance and the history, and the forecast.

        ``planned``: credits promised to scheduled sends, taken off before forecasting
        (None: asked of the schedules given at construction, if any).
        """
        if planned is None:
            planned = self.planned() if self.planned is not None else 0
        if now.tzinfo is None:
            now = now.astimezone()  # a naive "now" is this computer's local time
        movements = self.db.ledger.movements()
        balance = self.db.balance.get()
        opened = min((m.at for m in movements), default=None)
        result = reconcile(movements, balance.credits if balance else None,
                           balance.updated_at if balance else None,
                           self.db.ledger.messages(opened))
        costs = campaign_costs(movements)
        labels = self.db.ledger.campaign_labels()
        for cost in costs:  # sends made elsewhere (or before this cache): named by date
            if cost.campaign_id not in labels and cost.first_at is not None:
                when = cost.first_at.astimezone(self.tz)
                labels[cost.campaign_id] = f"Envoi du {when:%d/%m à %H:%M}"
        outlook = (forecast(movements, balance.credits, now, planned=planned)
                   if balance is not None else None)
        return CreditOverview(movements, result, costs, labels,
                              months_with_movements(movements, self.tz), outlook)

    def statement(self, overview: CreditOverview, year: int, month: int) -> MonthlyStatement:
        return monthly_statement(overview.movements, year, month, self.tz)

    def export_csv(self, overview: CreditOverview, statement: MonthlyStatement,
                   path: Path) -> int:
        """The month's movements as a CSV for French Excel; returns the rows written."""
        records = []
        for m in statement.movements:
            when = m.at.astimezone(self.tz)
            records.append([f"{when:%d/%m/%Y %H:%M}", m.label_fr, overview.describe(m),
                            -m.credits if m.credits < 0 else "",
                            m.credits if m.credits > 0 else "", m.balance_after])
        return write_csv(path, CSV_HEADER, records, len(records))

    def statement_html(self, overview: CreditOverview, statement: MonthlyStatement,
                       pharmacy: str, now: datetime) -> str:
        """The statement as one printable page (the GUI prints it to PDF)."""
        return statement_html(overview, statement, pharmacy, now, self.tz)


def campaign_label(campaign_id: str | None, labels: dict[str, str]) -> str:
    if campaign_id is None:
        return ""
    return labels.get(campaign_id) or f"Envoi {campaign_id[:8]}"


def describe_fr(movement: Movement, labels: dict[str, str]) -> str:
    """What a movement was, in a few words, for the table, the CSV and the PDF."""
    n = len(movement.items)
    sms = f"{n} SMS"
    name = campaign_label(movement.campaign_id, labels)
    if movement.kind is MovementKind.CHARGE:
        return f"{name} : {sms}" if name else sms
    if movement.kind is MovementKind.REFUND:
        refused = f"{sms} refusé{'s' if n > 1 else ''} par l'opérateur"
        return f"{name} : {refused}" if name else refused
    if movement.kind is MovementKind.RECHARGE:
        ref = (f" (demande SMS-{movement.recharge_request_id:06d})"
               if movement.recharge_request_id else "")
        return f"Pack activé{ref}"
    return movement.note or "Ajustement par Sobrus"


@dataclass(frozen=True)
class StatementLine:
    when: datetime
    kind: str
    label: str
    debit: int  # credits, positive
    credit: int


def statement_lines(overview: CreditOverview, statement: MonthlyStatement,
                    tz: tzinfo | None = None) -> list[StatementLine]:
    """The month for the printed page: one line per grouped send (charged and refunded
    together), one per recharge or adjustment; the CSV keeps every movement."""
    lines: list[StatementLine] = []
    sends: dict[str, int] = {}
    for m in statement.movements:
        when = m.at.astimezone(tz)
        debit, credit = max(0, -m.credits), max(0, m.credits)
        if m.campaign_id is not None and m.kind in (MovementKind.CHARGE, MovementKind.REFUND):
            at = sends.get(m.campaign_id)
            if at is not None:
                old = lines[at]
                lines[at] = StatementLine(old.when, old.kind, old.label,
                                          old.debit + debit, old.credit + credit)
                continue
            sends[m.campaign_id] = len(lines)
            n = len(m.items)
            lines.append(StatementLine(when, "Envoi", f"{overview.campaign_label(m.campaign_id)}"
                                       f" ({n} SMS)" if m.kind is MovementKind.CHARGE
                                       else overview.campaign_label(m.campaign_id),
                                       debit, credit))
        else:
            lines.append(StatementLine(when, m.label_fr, overview.describe(m), debit, credit))
    return lines


def statement_html(overview: CreditOverview, statement: MonthlyStatement, pharmacy: str,
                   now: datetime, tz: tzinfo | None = None) -> str:
    esc = html.escape
    t = statement.totals
    rows = []
    for line in statement_lines(overview, statement, tz):
        rows.append(f"<tr><td>{line.when:%d/%m %H:%M}</td><td>{esc(line.kind)}</td>"
                    f"<td>{esc(line.label)}</td>"
                    f"<td align='right'>{format_count(line.debit) if line.debit else ''}</td>"
                    f"<td align='right'>{format_count(line.credit) if line.credit else ''}"
                    "</td></tr>")
    if not rows:
        rows.append("<tr><td colspan='5'>Aucun mouvement ce mois-ci.</td></tr>")
    check = overview.reconciliation
    gaps = "".join(f"<li>{esc(d.headline_fr(tz))} : {esc(d.detail_fr)}</li>"
                   for d in check.discrepancies
                   if (d.at.astimezone(tz).year, d.at.astimezone(tz).month)
                   == (statement.year, statement.month))
    verdict = (f"<p><b>Contrôle du solde :</b> {esc(check.summary_fr())}</p>"
               + (f"<ul>{gaps}</ul>" if gaps else ""))
    stamp = now.astimezone(tz)
    spent = -(t[MovementKind.CHARGE] + t[MovementKind.REFUND])
    return f"""
<html><body style="font-family: 'DejaVu Sans'; font-size: 9pt;">
<h2 style="margin-bottom: 0">{esc(statement.title_fr)}</h2>
<p style="margin-top: 2px">{esc(pharmacy)} · édité le {stamp:%d/%m/%Y à %H:%M}</p>
<table cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse">
<tr><td>Solde au début du mois</td><td align="right">{format_count(statement.opening)}</td>
<td>Recharges</td><td align="right">{format_count(t[MovementKind.RECHARGE])}</td></tr>
<tr><td>Envois (décomptés)</td><td align="right">{format_count(-t[MovementKind.CHARGE])}</td>
<td>Remboursements</td><td align="right">{format_count(t[MovementKind.REFUND])}</td></tr>
<tr><td>Consommation nette</td><td align="right">{format_count(spent)}</td>
<td>Ajustements Sobrus</td><td align="right">{format_count(t[MovementKind.ADJUSTMENT])}</td></tr>
<tr><td><b>Solde à la fin du mois</b><br>(selon les mouvements)</td>
<td align="right"><b>{format_count(statement.closing)}</b></td><td></td><td></td></tr>
</table>
{verdict}
<table width="100%" cellspacing="0" cellpadding="2" border="1" style="border-collapse: collapse">
<tr style="background-color: #e8eef4"><th>Date</th><th>Mouvement</th><th>Libellé</th>
<th>Débit</th><th>Crédit</th></tr>
{''.join(rows)}
</table>
<p style="font-size: 7pt; color: #555">Crédits SMS (1 crédit = 1 partie de SMS). Un SMS
refusé par l'opérateur avant remise est remboursé automatiquement.</p>
</body></html>"""
