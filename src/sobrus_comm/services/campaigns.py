"""Campaigns: the one door through which every send goes (no Qt).

The grouped-send dialog, « Reprendre l'envoi interrompu ? », « Reprendre l'envoi » on a
paused panel, « Renvoyer ce SMS » and the test send all write their messages to the outbox
and then ask :meth:`CampaignService.begin` whether the campaign may go now. That is where
the rules of sending are checked, once: today the quiet hours (a promotion started, resumed
or resent in the evening is *held*: paused in the outbox until the morning); next the
consent and frequency rules. The sender worker only drains what this service let through.

Planning stays in :mod:`services.send_planning` (pure: the dialog runs it in its pool, as
often as the user edits); from the confirmed draft on, everything goes through here, and
the writing is delegated to :mod:`services.outbox`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from sobrus_comm.domain.consent import ConsentState
from sobrus_comm.domain.models import TemplateCategory
from sobrus_comm.domain.quiet_hours import QuietHoursRules, hold_until
from sobrus_comm.domain.schedules import scheduled_label_fr
from sobrus_comm.services.outbox import OutboxService, SendSummary
from sobrus_comm.services.resend import (
    ResendDraft,
    ResendRefused,
    enqueue_resend,
    prepare_resend,
)
from sobrus_comm.services.send_planning import SendDraft, enqueue_draft
from sobrus_comm.store.db import Database
from sobrus_comm.store.errors import StoreError
from sobrus_comm.store.outbox import CampaignProgress, CampaignState

QUIET_HOURS_REASON = "quiet_hours"
log = logging.getLogger("sobrus_comm.campaigns")

__all__ = [
    "QUIET_HOURS_REASON",
    "CampaignProgress",
    "CampaignService",
    "CampaignState",
    "Held",
    "ResendDraft",
    "ResendRefused",
    "SendSummary",
]


@dataclass(frozen=True)
class Held:
    """A campaign that may not go now: paused in the outbox until ``until``."""

    campaign_id: str
    until: datetime


class CampaignService:
    """Plan, confirm, hold and release, resume, cancel, resend, summarise.

    ``quiet_rules`` is read at each decision (the user may change them in Paramètres;
    None: nothing is ever held); ``now`` is the pharmacy's local wall-clock time.
    """

    def __init__(self, db: Database,
                 quiet_rules: Callable[[], QuietHoursRules | None] = lambda: None,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self._db = db
        self._outbox = OutboxService(db)
        self._rules = quiet_rules
        self._now = now

    # --- confirm ------------------------------------------------------------------------
    def confirm(self, draft: SendDraft) -> str:
        """Write the confirmed draft to the outbox (one transaction); returns its id. Then
        call :meth:`begin` before starting a sender on it.

        Consent is checked once more here, against the cache as it is now (a client may
        have replied « STOP » since the plan was shown): a promotion never goes to a client
        whose consent is « refusé », nor, when the plan applied the consent rules, to one
        whose consent is not « accordé »."""
        return enqueue_draft(self._db, self._recheck_consent(draft))

    def _recheck_consent(self, draft: SendDraft) -> SendDraft:
        if draft.is_test or draft.request.template.category != TemplateCategory.PROMOTIONAL:
            return draft
        states = self._db.consent.states()
        strict = draft.request.consent_rules is not None

        def allowed(client_id: int) -> bool:
            state = states.get(client_id, ConsentState.UNKNOWN)
            return state == ConsentState.GRANTED or (not strict and state != ConsentState.REFUSED)

        kept = tuple(m for m in draft.plan.messages if allowed(m.client_id))
        if len(kept) == len(draft.plan.messages):
            return draft
        log.warning("confirm: %d promotion(s) dropped, consent changed since the plan",
                    len(draft.plan.messages) - len(kept))
        return dataclasses.replace(draft, plan=dataclasses.replace(draft.plan, messages=kept))

    # --- the rules: may it go now? -----------------------------------------------------
    def begin(self, campaign_id: str) -> Held | None:
        """Every path that starts (or restarts) a sender calls this first.

        None: start the sender now. A :class:`Held`: the campaign is paused for quiet
        hours (it survives a restart); ask the user, then :meth:`release` it (« Envoyer
        maintenant »), :meth:`cancel` it, or let the timer call :meth:`release_due`.
        """
        campaign = self._db.outbox.progress(campaign_id)
        if campaign is None or campaign.state not in (CampaignState.SENDING,
                                                      CampaignState.PAUSED):
            return None  # finished or cancelled: the sender finds nothing to do
        until = self.release_time(campaign)
        if until is None:
            return None
        # A campaign paused for another reason (credits, login) now waits for the morning
        # instead: paused only from « sending », so it passes through it.
        if campaign.state == CampaignState.PAUSED:
            self._db.outbox.set_sending(campaign_id)
        self._db.outbox.pause(campaign_id, QUIET_HOURS_REASON)
        return Held(campaign_id, until)

    def release_time(self, campaign: CampaignProgress) -> datetime | None:
        """When ``campaign`` may go, None for « now » (the quiet-hours rule, read live)."""
        return hold_until(campaign.category, self._now(), self._rules(),
                          is_test=campaign.is_test)

    def held(self) -> list[Held]:
        """The campaigns waiting for the morning (also those a previous run left waiting)."""
        found = []
        scheduled = self._db.schedules.campaign_schedules()  # the scheduler releases those
        for campaign in self._db.outbox.unfinished():
            if campaign.id in scheduled:
                continue
            if campaign.state == CampaignState.PAUSED and campaign.pause_reason == \
                    QUIET_HOURS_REASON:
                found.append(Held(campaign.id, self.release_time(campaign) or self._now()))
        return found

    def release_due(self) -> tuple[list[str], list[Held]]:
        """Release what may go now (the rules may have changed meanwhile).

        Returns (ids set back to sending: start their senders, those still held).
        """
        released, waiting = [], []
        for held in self.held():
            if held.until > self._now():
                waiting.append(held)
            elif self.release(held.campaign_id):
                released.append(held.campaign_id)
        return released, waiting

    def release(self, campaign_id: str) -> bool:
        """« Envoyer maintenant » on a held campaign; False when it was cancelled meanwhile."""
        return self._db.outbox.set_sending(campaign_id)

    # --- resume, cancel, summary -------------------------------------------------------
    def resumable(self) -> list[CampaignProgress]:
        """Campaigns a crash, a kill or a pause left behind, to offer for resumption (those
        held for quiet hours are not: they go by themselves)."""
        try:
            found = self._outbox.unfinished_campaigns()  # reconciles with the history first
        except StoreError:
            # A cache that cannot be written (read-only, full disk): offered all the same,
            # as it stands, so that the user learns it is there and why it must wait.
            found = self._db.outbox.unfinished()
        # A scheduled run a kill interrupted is resumed by the scheduler, not offered here.
        scheduled = self._db.schedules.campaign_schedules()
        return [c for c in found
                if c.pause_reason != QUIET_HOURS_REASON and c.id not in scheduled]

    def campaign(self, campaign_id: str) -> CampaignProgress | None:
        return self._outbox.campaign(campaign_id)

    def cancel(self, campaign_id: str) -> int:
        """Rows not yet posted are cancelled and never sent (thread-safe)."""
        return self._outbox.cancel(campaign_id)

    def summary(self, campaign_id: str) -> SendSummary:
        return self._outbox.summary(campaign_id)

    def cancel_and_summarise(self, campaign_id: str) -> SendSummary:
        self.cancel(campaign_id)
        return self.summary(campaign_id)

    def labels(self) -> dict[str, str]:
        """« Rappel de solde — Rappel de solde (28/11/2026 09:33) » for each campaign sent
        from this workstation, by id (the history's details pane names them)."""
        labels = {campaign_id: f"{label} ({created.astimezone():%d/%m/%Y %H:%M})"
                  for campaign_id, (label, created) in self._db.outbox.labels().items()}
        # Scheduled runs, also those another workstation sent: named by their schedule.
        for campaign_id, (name, key) in self._db.schedules.campaign_occurrences().items():
            labels.setdefault(campaign_id, scheduled_label_fr(
                name, datetime.strptime(key, "%Y-%m-%dT%H:%M")))
        return labels

    # --- scheduled occurrences (services.schedules plans them) -------------------------
    def confirm_scheduled(self, draft: SendDraft, *, campaign_id: str,
                          message_id: Callable[[int], str], label: str) -> str:
        """Write an occurrence's plan with the ids derived from it; then :meth:`begin`.

        An occurrence already in this outbox (a run that a crash or a kill interrupted) is
        not written again: its campaign is returned, to be resumed.
        """
        if self._db.outbox.progress(campaign_id) is not None:
            return campaign_id
        return self._outbox.enqueue(
            draft.plan, template=draft.request.template, objective=draft.request.objective,
            label=label, campaign_id=campaign_id, message_id=message_id)

    # --- consent ------------------------------------------------------------------------
    def withdraw_promotions(self, client_ids: Sequence[int], *,
                            conn: Connection | None = None) -> int:
        """A client who said stop: their promotion messages not yet posted are cancelled
        (never sent). Returns how many."""
        return self._outbox.withdraw_promotions(client_ids, conn=conn)

    # --- « Renvoyer ce SMS » -----------------------------------------------------------
    def prepare_resend(self, communication_id: int) -> ResendDraft | None:
        """What a resend of that history message would send; None when it is not in the
        cache any more. Raises :class:`ResendRefused` (French) when it may not go again."""
        row = next(iter(self._db.communications.rows_by_ids([communication_id])), None)
        return None if row is None else prepare_resend(self._db, row)

    def confirm_resend(self, draft: ResendDraft) -> str:
        """One campaign of one message; call :meth:`begin` before sending it."""
        return enqueue_resend(self._db, draft)
