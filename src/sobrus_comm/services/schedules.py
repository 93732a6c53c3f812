"""Scheduled sends (« Envois programmés »): edit, sync, decide what is due, run (no Qt).

Running an occurrence is a grouped send like any other, started by the scheduler worker
instead of a click:

1. sync first (templates, clients, balances, opt-outs, credits, and the schedules: an
   occurrence another workstation already handled is not run again);
2. plan from the fresh cache with the same rules as the dialog (``send_planning``): numbers,
   duplicates, opt-outs, the reminder threshold (a client who paid meanwhile gets nothing);
3. nothing is sent when the template was deleted or no longer parses, nor when the credits
   do not cover the whole run: the schedule pauses and says why;
4. the plan goes to the outbox through the campaign service with ids derived from
   (schedule, occurrence, client), then through :meth:`CampaignService.begin` (quiet
   hours) and the same :class:`CampaignSender` as a click: the backend accepts each SMS
   once, whichever workstation posts it, and a run a kill interrupted is resumed, never
   planned again.

Times: ``now`` is an aware UTC instant; occurrences are computed in the pharmacy's zone
(``tz``, from the shipped tz data).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol

from sobrus_comm.backend.errors import ApiError, Conflict, NotFound
from sobrus_comm.backend.schedule_wire import RecordedRun, RunRecord, ScheduleList
from sobrus_comm.domain.consent_plan import ConsentRulesSource
from sobrus_comm.domain.credit_forecast import PACE_WEEKS
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.models import Client, Objective
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.domain.recurrence import (
    CATCH_UP_WINDOW,
    Occurrence,
    Recurrence,
    campaign_id,
    due_state,
    message_id,
    occurrence_key,
    occurrences_after,
    to_instant,
)
from sobrus_comm.domain.schedules import (
    RecipientsRule,
    RunResult,
    Schedule,
    ScheduleState,
)
from sobrus_comm.domain.templating import TemplateError, parse
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.outbox import BatchApi, CampaignSender, SendOutcome
from sobrus_comm.services.send_planning import (
    SendDraft,
    SendRequest,
    clients_for,
    plan_send,
)
from sobrus_comm.services.sync import SyncApi, SyncService
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import CampaignState
from sobrus_comm.store.schedules import LocalRun, LocalState, StoredSchedule

log = logging.getLogger("sobrus_comm.schedules")

CREDIT_WARNING_AHEAD = timedelta(days=1)
RUNNING = "running"  # a local run row written before its campaign is sent


class ScheduleApi(SyncApi, BatchApi, Protocol):
    """What running and syncing schedules needs of the backend (``SobrusApi``)."""

    def schedules(self) -> ScheduleList: ...

    def save_schedule(self, schedule: Schedule) -> Schedule: ...

    def delete_schedule(self, uid: str) -> None: ...

    def record_schedule_run(self, uid: str, occurrence_key: str, result: str, *,
                            detail: str = "", pause_reason: str = "") -> RecordedRun: ...

    def schedule_runs(self, uid: str, *, limit: int = ...) -> tuple[RunRecord, ...]: ...


@dataclass(frozen=True)
class ScheduleRow:
    """One line of the « Envois programmés » view."""

    schedule: Schedule
    state: ScheduleState
    template_name: str
    recipients_fr: str
    next_run: datetime | None  # local, naive
    last_run_fr: str
    conflict: bool = False


@dataclass(frozen=True)
class DueRun:
    schedule: Schedule
    occurrence: Occurrence

    def question_fr(self) -> str:
        """« Le rappel de solde prévu le 01/12 à 09:00 n'a pas été envoyé : … »."""
        what = ("Le rappel de solde" if self.schedule.objective == Objective.BALANCE_REMINDER
                else "L'envoi")
        return (f"{what} « {self.schedule.name} » prévu le {self.occurrence.local:%d/%m} à "
                f"{self.occurrence.local:%H:%M} n'a pas été envoyé (l'application était "
                "fermée). L'envoyer maintenant, ou le sauter ?")


@dataclass(frozen=True)
class DueReport:
    run: tuple[DueRun, ...] = ()  # due now: run without asking
    offer: tuple[DueRun, ...] = ()  # missed while closed, within the window: ask
    missed: int = 0  # older ones, just marked « manqué »


@dataclass(frozen=True)
class CreditWarning:
    uid: str
    occurrence_key: str
    text: str  # French


@dataclass(frozen=True)
class RunOutcome:
    result: RunResult | None  # None: handled elsewhere or not runnable now
    detail: str  # French, for the user
    campaign_id: str | None = None


class ScheduleService:
    def __init__(self, db: Database, campaigns: CampaignService, tz: tzinfo, *,
                 pharmacy_name: str = "",
                 quiet_rules: Callable[[], QuietHoursRules | None] = lambda: None,
                 consent_rules: ConsentRulesSource | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._db = db
        self._consent_rules = consent_rules
        self._campaigns = campaigns
        self._tz = tz
        self._pharmacy = pharmacy_name
        self._rules = quiet_rules
        self._now = now

    def set_pharmacy_name(self, name: str) -> None:
        """The name that fills {pharmacie} in planned messages (known once signed in)."""
        self._pharmacy = name

    def local_now(self) -> datetime:
        """The pharmacy's wall clock, naive."""
        return self._now().astimezone(self._tz).replace(tzinfo=None)

    # --- editing (local first; pushed by the next sync) --------------------------------

    @staticmethod
    def new_uid() -> str:
        return str(uuid.uuid4())

    def schedules(self) -> list[StoredSchedule]:
        return self._db.schedules.list_all()

    def get(self, uid: str) -> Schedule | None:
        stored = self._db.schedules.get(uid)
        if stored is None or stored.local_state == LocalState.DELETED:
            return None
        return stored.schedule

    def save(self, schedule: Schedule) -> None:
        """A new or edited schedule. An edit does not reach back: occurrences already past
        stay handled (the new rule counts from the last one handled)."""
        stored = self._db.schedules.get(schedule.uid)
        if stored is not None:
            schedule = replace(schedule, version=stored.schedule.version,
                               last_key=stored.schedule.last_key,
                               last_result=stored.schedule.last_result,
                               last_detail=stored.schedule.last_detail)
        else:
            # A new schedule starts now: occurrences before its creation are not owed.
            schedule = replace(schedule, last_key=occurrence_key(self.local_now()))
        self._db.schedules.put(schedule, LocalState.DIRTY,
                               conflict=stored.conflict if stored else None)

    def set_paused(self, uid: str, paused: bool) -> None:
        schedule = self.get(uid)
        if schedule is None:
            return
        edited = replace(schedule, paused=paused, pause_reason="")
        if not paused:
            # Resuming does not send what fell due while paused.
            edited = replace(edited, last_key=max(schedule.last_key or "",
                                                  occurrence_key(self.local_now())))
        self.save(edited)

    def delete(self, uid: str) -> None:
        stored = self._db.schedules.get(uid)
        if stored is None:
            return
        if stored.schedule.version == 0:
            self._db.schedules.forget(uid)  # never reached the backend
        else:
            self._db.schedules.put(stored.schedule, LocalState.DELETED)

    def keep_mine(self, uid: str) -> None:
        """Conflict: save our edit over the other workstation's version."""
        stored = self._db.schedules.get(uid)
        if stored is not None and stored.conflict is not None:
            self._db.schedules.put(replace(stored.schedule,
                                           version=stored.conflict.version), LocalState.DIRTY)

    def take_theirs(self, uid: str) -> None:
        stored = self._db.schedules.get(uid)
        if stored is not None and stored.conflict is not None:
            self._db.schedules.put(stored.conflict, LocalState.SYNCED)

    # --- what the view shows -----------------------------------------------------------

    def rows(self) -> list[ScheduleRow]:
        templates = {t.id: t.name for t in self._db.templates.list_all()}
        now = self._now()
        rows = []
        for stored in self.schedules():
            s = stored.schedule
            state = due_state(s.rule, self._tz, self._handled_key(s), now)
            upcoming = state.offer or state.run or state.next
            finished = upcoming is None
            last = ""
            if s.last_key and s.last_result:  # a new schedule's key only marks its start
                last = f"{_key_fr(s.last_key)} : {RunResult(s.last_result).describe_fr()}"
                if s.last_detail:
                    last += f" ({s.last_detail})"
            rows.append(ScheduleRow(
                schedule=s, state=s.state(finished),
                template_name=templates.get(s.template_id, "modèle supprimé"),
                recipients_fr=s.recipients.describe_fr(len(s.client_ids)),
                next_run=None if finished or s.paused else upcoming.local,  # type: ignore[union-attr]
                last_run_fr=last, conflict=stored.conflict is not None))
        return rows

    def credit_warnings(self) -> list[CreditWarning]:
        """Runs within a day whose estimate exceeds the balance (from the cache; nothing
        is said while the balance is unknown: the first sync has not brought it yet)."""
        warnings = []
        credits = self._credits()
        now = self._now()
        if credits is None:
            return []
        for stored in self.schedules():
            s = stored.schedule
            if s.paused:
                continue
            state = due_state(s.rule, self._tz, self._handled_key(s), now)
            upcoming = state.run or state.offer or state.next
            if upcoming is None or upcoming.at - now > CREDIT_WARNING_AHEAD:
                continue
            draft, problem = self._plan(s, upcoming)
            if draft is None or problem:
                continue
            needed = draft.plan.total_segments
            if needed > credits:
                warnings.append(CreditWarning(
                    s.uid, upcoming.key,
                    f"« {s.name} » le {upcoming.local:%d/%m à %H:%M} : environ "
                    f"{format_count(needed)} crédits nécessaires, solde "
                    f"{format_count(credits)}. Rechargez avant l'envoi, sinon il ne partira "
                    "pas."))
        return warnings

    def planned_credits(self, within: timedelta = timedelta(weeks=PACE_WEEKS)) -> int:
        """About how many credits the active schedules will spend in the coming ``within``
        (each occurrence priced as its schedule's next run would be planned now), for the
        credit forecast. 0 while nothing is scheduled."""
        now = self._now()
        total = 0
        for stored in self.schedules():
            s = stored.schedule
            if s.paused:
                continue
            coming = []
            for occ in occurrences_after(s.rule, self._tz, self._handled_key(s)):
                if occ.at > now + within:
                    break
                if occ.at > now - CATCH_UP_WINDOW:  # older ones are « manqué », never sent
                    coming.append(occ)
            if not coming:
                continue
            draft, problem = self._plan(s, coming[0])
            if draft is not None and not problem:
                total += draft.plan.total_segments * len(coming)
        return total

    # --- due -----------------------------------------------------------------------------

    def _handled_key(self, s: Schedule) -> str | None:
        keys = [r.occurrence_key for r in self._db.schedules.runs()
                if r.uid == s.uid and r.result != RUNNING]
        if s.last_key:
            keys.append(s.last_key)
        return max(keys) if keys else None

    def due(self) -> DueReport:
        """Sort every active schedule's occurrences; the too-old ones are marked « manqué »
        here (recorded locally, pushed by the next sync). Runs left unfinished by a crash
        come first, to be resumed."""
        run, offer, missed = [], [], 0
        now = self._now()
        # Runs a crash left unfinished, and promotions held for quiet hours that may go now.
        unfinished = {(r.uid, r.occurrence_key) for r in self._db.schedules.runs()
                      if r.result == RUNNING or (r.result == RunResult.HELD
                                                 and self._released(r.campaign_id))}
        for stored in self.schedules():
            s = stored.schedule
            for uid, key in sorted(unfinished):
                if uid == s.uid:
                    local = datetime.strptime(key, "%Y-%m-%dT%H:%M")
                    run.append(DueRun(s, Occurrence(key, local, to_instant(local, self._tz))))
            if s.paused:
                continue
            state = due_state(s.rule, self._tz, self._handled_key(s), now)
            for occ in state.missed:
                self._record(s, occ.key, RunResult.MISSED, "trop ancien pour être rattrapé")
                missed += 1
            if state.run is not None and (s.uid, state.run.key) not in unfinished:
                run.append(DueRun(s, state.run))
            if state.offer is not None and (s.uid, state.offer.key) not in unfinished:
                offer.append(DueRun(s, state.offer))
        return DueReport(tuple(run), tuple(offer), missed)

    def _released(self, cid: str | None) -> bool:
        """A held campaign whose quiet hours are over (the campaign service's rule)."""
        progress = self._db.outbox.progress(cid) if cid else None
        return (progress is not None and progress.state == CampaignState.PAUSED
                and self._campaigns.release_time(progress) is None)

    def skip(self, uid: str, key: str) -> None:
        """« Le sauter »: the occurrence is handled, nothing is sent."""
        schedule = self.get(uid)
        if schedule is not None:
            self._record(schedule, key, RunResult.SKIPPED, "sauté à la reprise")

    def now_occurrence(self, schedule: Schedule) -> DueRun:
        """« Exécuter maintenant »: an occurrence named by this minute (no cache read)."""
        local = self.local_now().replace(second=0, microsecond=0)
        return DueRun(schedule, Occurrence(occurrence_key(local), local,
                                           to_instant(local, self._tz)))

    # --- sync (worker thread) ----------------------------------------------------------

    def sync(self, api: ScheduleApi) -> None:
        """Push local edits, deletions and run records; then pull every schedule."""
        for stored in self._db.schedules.list_all(with_deleted=True):
            if stored.local_state == LocalState.DELETED:
                with contextlib.suppress(NotFound):  # already gone: what we wanted
                    api.delete_schedule(stored.schedule.uid)
                self._db.schedules.forget(stored.schedule.uid)
            elif stored.local_state == LocalState.DIRTY and stored.conflict is None:
                try:
                    saved = api.save_schedule(stored.schedule)
                except Conflict as exc:
                    current = exc.current if isinstance(exc.current, Schedule) else None
                    if current is None:
                        raise
                    self._db.schedules.put(stored.schedule, LocalState.DIRTY,
                                           conflict=current)
                    continue
                except NotFound:  # deleted on another workstation meanwhile
                    self._db.schedules.forget(stored.schedule.uid)
                    continue
                self._db.schedules.put(saved, LocalState.SYNCED)
        for run in self._db.schedules.runs(unpushed_only=True):
            if run.result == RUNNING:
                continue
            try:
                answer = api.record_schedule_run(run.uid, run.occurrence_key, run.result,
                                                 detail=run.detail,
                                                 pause_reason=run.pause_reason)
            except NotFound:
                answer = None
            self._db.schedules.mark_pushed(run.uid, run.occurrence_key)
            held = self._db.schedules.get(run.uid)
            if answer is not None and held is not None and \
                    held.local_state == LocalState.SYNCED:
                self._db.schedules.put(answer.schedule, LocalState.SYNCED)
        listed = api.schedules()
        seen = set()
        for remote in listed.items:
            seen.add(remote.uid)
            mine = self._db.schedules.get(remote.uid)
            if mine is None or mine.local_state == LocalState.SYNCED:
                self._db.schedules.put(remote, LocalState.SYNCED)
            elif mine.conflict is None and mine.schedule.version == remote.version:
                # Our edit is based on this version; only the run state moved.
                self._db.schedules.put(replace(mine.schedule, last_key=remote.last_key,
                                               last_result=remote.last_result,
                                               last_detail=remote.last_detail),
                                       mine.local_state)
        for stored in self._db.schedules.list_all(with_deleted=True):
            uid = stored.schedule.uid
            if uid in listed.deleted or (uid not in seen
                                         and stored.local_state == LocalState.SYNCED):
                self._db.schedules.forget(uid)
        for remote in listed.items:
            self._pull_runs(api, remote.uid)

    def _pull_runs(self, api: ScheduleApi, uid: str) -> None:
        """Runs other workstations recorded: handled here too, and their SMS tagged."""
        for record in api.schedule_runs(uid):
            if self._db.schedules.run(uid, record.occurrence_key) is not None:
                continue
            sent = record.result in (RunResult.SENT, RunResult.HELD)
            self._db.schedules.record_run(LocalRun(
                uid, record.occurrence_key,
                campaign_id(uid, record.occurrence_key) if sent else None,
                record.result, record.detail, "", True))

    # --- running an occurrence (worker thread) -----------------------------------------

    def run(self, api: ScheduleApi, due: DueRun, *,
            sender: Callable[[str], SendOutcome] | None = None,
            stop: threading.Event | None = None) -> RunOutcome:
        """Run one occurrence end to end (see the module's steps). ``sender`` drains a
        campaign (default: a :class:`CampaignSender` in this thread, which ``stop`` stops
        between two batches: the run is resumed at the next start)."""
        uid, key = due.schedule.uid, due.occurrence.key
        cid = campaign_id(uid, key)
        drain = sender or (lambda c: CampaignSender(self._db, api, c,
                                                    stop=stop or threading.Event()).run())
        existing = self._db.outbox.progress(cid)
        if existing is None:
            SyncService(api, self._db).sync()
            self.sync(api)
            schedule = self.get(uid)
            if schedule is None:
                return RunOutcome(None, "Cet envoi programmé a été supprimé.")
            if (schedule.last_key or "") >= key or self._done_here(uid, key):
                return RunOutcome(None, "Déjà traité sur un autre poste.")
            if schedule.paused:
                return RunOutcome(None, "Envoi programmé en pause.")
            draft, problem = self._plan(schedule, due.occurrence)
            if problem:
                return self._pause(schedule, key, problem)
            assert draft is not None
            if not draft.plan.messages:
                self._record(schedule, key, RunResult.NOTHING_TO_SEND,
                             "aucun client concerné à cette date")
                return RunOutcome(RunResult.NOTHING_TO_SEND,
                                  "Aucun client concerné : rien n'a été envoyé.")
            if not draft.balance_check.ok or draft.credits is None:
                return self._pause(schedule, key, _credits_reason(draft))
            cid = self._campaigns.confirm_scheduled(
                draft, campaign_id=cid, label=schedule.label_fr(due.occurrence.local),
                message_id=lambda client_id: message_id(uid, key, client_id))
        schedule = self.get(uid) or due.schedule
        self._db.schedules.record_run(LocalRun(uid, key, cid, RUNNING, "", "", False))
        if self._campaigns.begin(cid) is not None:
            self._record(schedule, key, RunResult.HELD, "heures calmes", campaign=cid)
            return RunOutcome(RunResult.HELD, "Promotion retenue jusqu'à la fin des heures "
                              "calmes.", cid)
        outcome = drain(cid)
        summary = outcome.summary
        if outcome.paused is not None:
            return self._pause(schedule, key, outcome.paused.message, campaign=cid)
        if not outcome.finished:  # stopped (app closing): resumed at the next start
            return RunOutcome(None, "Interrompu : repris au prochain démarrage.", cid)
        detail = _plural(summary.accepted, "SMS envoyé")
        if summary.rejected:
            detail += ", " + _plural(summary.rejected, "refusé")
        self._record(schedule, key, RunResult.SENT, detail, campaign=cid)
        self._push_quietly(api)
        return RunOutcome(RunResult.SENT, detail, cid)

    def _done_here(self, uid: str, key: str) -> bool:
        run = self._db.schedules.run(uid, key)
        return run is not None and run.result != RUNNING

    def _plan(self, s: Schedule, occ: Occurrence) -> tuple[SendDraft | None, str]:
        """The plan from the cache as it is now, or the French reason it cannot go."""
        template = self._db.templates.get(s.template_id)
        if template is None:
            return None, (f"Le modèle de « {s.name} » a été supprimé : rien n'a été envoyé. "
                          "Supprimez cet envoi programmé et programmez-le de nouveau avec un "
                          "autre modèle (« Communication groupée », puis « Programmer… »).")
        try:
            parse(template.body)
        except TemplateError as exc:
            return None, (f"Le modèle « {template.name} » n'est plus valable ({exc}) : rien "
                          "n'a été envoyé. Corrigez-le dans Paramètres › Modèles, puis "
                          "reprenez l'envoi.")
        clients = self._recipients(s)
        request = SendRequest(objective=s.objective, template=template, clients=clients,
                              ticked_ids=frozenset(), pharmacy_name=self._pharmacy,
                              today=occ.local.date(), min_balance=s.min_balance,
                              consent_rules=self._consent_rules)
        return plan_send(request, self._credits(), quiet_hours=self._rules(),
                         now=self.local_now()), ""

    def _recipients(self, s: Schedule) -> Sequence[Client]:
        if s.recipients == RecipientsRule.TICKED:
            return self._db.clients.by_ids(s.client_ids)
        clients = self._db.clients.list_all()
        if s.recipients == RecipientsRule.ALL_DUE or s.objective == Objective.BALANCE_REMINDER:
            return clients_for(Objective.BALANCE_REMINDER, clients, s.min_balance)
        return clients

    def _credits(self) -> int | None:
        balance = self._db.balance.get()
        return balance.credits if balance else None

    def _pause(self, s: Schedule, key: str, reason: str, *,
               campaign: str | None = None) -> RunOutcome:
        paused = replace(s, paused=True, pause_reason=reason)
        stored = self._db.schedules.get(s.uid)
        state = stored.local_state if stored else LocalState.DIRTY
        self._db.schedules.put(paused, state, conflict=stored.conflict if stored else None)
        self._record(paused, key, RunResult.PAUSED, reason, campaign=campaign,
                     pause_reason=reason)
        return RunOutcome(RunResult.PAUSED, reason, campaign)

    def _record(self, s: Schedule, key: str, result: RunResult, detail: str, *,
                campaign: str | None = None, pause_reason: str = "") -> None:
        self._db.schedules.record_run(LocalRun(s.uid, key, campaign, str(result), detail,
                                               pause_reason, False))
        stored = self._db.schedules.get(s.uid)
        if stored is not None and key >= (stored.schedule.last_key or ""):
            self._db.schedules.put(replace(stored.schedule, last_key=key,
                                           last_result=str(result), last_detail=detail),
                                   stored.local_state, conflict=stored.conflict)

    def _push_quietly(self, api: ScheduleApi) -> None:
        """Tell the other workstations now; offline, the next sync will."""
        try:
            self.sync(api)
        except ApiError as exc:
            log.warning("schedule runs not pushed yet: %s", exc.code)

    def unfinished_campaign(self, uid: str, key: str) -> CampaignState | None:
        progress = self._db.outbox.progress(campaign_id(uid, key))
        return None if progress is None else progress.state


def _credits_reason(draft: SendDraft) -> str:
    if draft.credits is None:
        return ("Solde SMS inconnu : rien n'a été envoyé. Synchronisez avec Sobrus, puis "
                "reprenez l'envoi programmé.")
    check = draft.balance_check
    return (f"Crédits insuffisants : {format_count(check.needed)} nécessaires, "
            f"{format_count(check.available)} disponibles. Rien n'a été envoyé ; rechargez "
            "le solde SMS (Paramètres › Solde SMS), puis reprenez l'envoi programmé.")


def _plural(count: int, words: str) -> str:
    return f"{format_count(count)} {words}{'s' if count > 1 else ''}"


def _key_fr(key: str) -> str:
    local = datetime.strptime(key, "%Y-%m-%dT%H:%M")
    return f"{local:%d/%m %H:%M}"


__all__ = ["CreditWarning", "DueReport", "DueRun", "Recurrence", "RunOutcome", "ScheduleApi",
           "ScheduleRow", "ScheduleService"]
