"""SobrusApi against the sandbox over real HTTP: the happy paths and the typed errors."""

from __future__ import annotations

import copy
import logging
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from sobrus_comm.backend import parsing
from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.demo import DEMO_PASSWORD, DEMO_USERNAME
from sobrus_comm.backend.errors import (
    Conflict,
    Forbidden,
    InsecureUrl,
    InsufficientCredits,
    InvalidCredentials,
    InvalidResponse,
    NotFound,
    TokenExpired,
    Unauthorized,
    ValidationError,
)
from sobrus_comm.backend.parsing import Obj
from sobrus_comm.backend.results import OutgoingMessage, RechargeStatus
from sobrus_comm.backend.sandbox.control import SandboxControl
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.models import MessageStatus, Permission, Template, TemplateCategory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MISSING = object()


def _message(phone: str | None, content: str = "Bonjour, test Sobrus.",
             client_id: int | None = None) -> OutgoingMessage:
    return OutgoingMessage(str(uuid.uuid4()), phone, content, client_id=client_id)


def test_login_me_logout_and_no_secret_leaks(
        make_api: Callable[..., SobrusApi], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api = make_api(username=None)
    result = api.login(DEMO_USERNAME, DEMO_PASSWORD)
    assert result.user.username == DEMO_USERNAME
    assert result.expires_at > datetime.now(UTC)
    me = api.me()
    assert me.user.can(Permission.SEND_SMS) and me.user.can(Permission.MANAGE_TEMPLATES)
    assert me.user.can(Permission.REQUEST_RECHARGE)
    assert me.pharmacy_name

    token = result.token
    api.logout()
    assert api.token is None
    with pytest.raises(Unauthorized) as revoked:
        SobrusApi(api.base_url, token=token, retries=0).me()
    with pytest.raises(InvalidCredentials) as bad:
        api.login(DEMO_USERNAME, "not-the-password")
    assert "mot de passe incorrect" in bad.value.message_fr

    secrets = (token, DEMO_PASSWORD + "x", "not-the-password")
    shown = [repr(result), repr(api), str(bad.value), repr(bad.value), str(revoked.value),
             repr(revoked.value), caplog.text]
    assert not [s for s in secrets for text in shown if s in text]


def test_expired_token_and_token_ttl(make_api: Callable[..., SobrusApi],
                                     control: SandboxControl) -> None:
    control.configure(token_ttl=120)
    api = make_api()
    assert api.me().user.username == DEMO_USERNAME
    assert control.expire_tokens(DEMO_USERNAME) >= 1
    with pytest.raises(TokenExpired) as expired:
        api.me()
    assert expired.value.status == 401 and "expiré" in expired.value.message_fr
    fresh = api.login(DEMO_USERNAME, DEMO_PASSWORD)
    assert timedelta(seconds=100) < fresh.expires_at - datetime.now(UTC) <= timedelta(seconds=121)
    api.me()


def test_assistant_may_not_send_nor_edit_templates(assistant_api: SobrusApi,
                                                   control: SandboxControl) -> None:
    assert not assistant_api.me().user.can(Permission.SEND_SMS)
    message = _message("0612345678")
    with pytest.raises(Forbidden) as refused:
        assistant_api.send_batch([message])
    assert refused.value.permission == Permission.SEND_SMS
    assert "envoyer des SMS" in refused.value.message_fr
    with pytest.raises(Forbidden):
        assistant_api.create_template("Essai", "Bonjour {prenom}")
    assert control.sent(client_message_ids=[message.client_message_id])["count"] == 0
    assert assistant_api.templates().items  # reading stays allowed


def test_paging_walks_every_client_once(api: SobrusApi, sandbox_db: Path) -> None:
    pages = list(api.iter_clients(limit=37))
    ids = [c.id for p in pages for c in p.items]
    deleted = [t.id for p in pages for t in p.deleted]
    with sqlite3.connect(sandbox_db) as db:
        live = {r[0] for r in db.execute("SELECT id FROM clients WHERE deleted_at IS NULL")}
        gone = {r[0] for r in db.execute("SELECT id FROM clients WHERE deleted_at IS NOT NULL")}
    assert len(pages) > 5 and all(len(p.items) + len(p.deleted) <= 37 for p in pages)
    assert len(ids) == len(set(ids)) and set(ids) == live
    assert set(deleted) == gone and gone  # seeded deletions arrive as tombstones
    assert not pages[-1].has_more
    clients = [c for p in pages for c in p.items]
    assert any(c.balance_due > 0 and c.balance_due_since for c in clients)
    assert any(c.sms_opt_out for c in clients) and any(c.phone is None for c in clients)
    # Nothing changed since the last page: the cursor gives an empty page.
    again = api.clients(cursor=pages[-1].next_cursor)
    assert (again.items, again.deleted, again.has_more) == ((), (), False)


def test_a_walk_ahead_gives_the_same_pages_and_frees_the_client(api: SobrusApi) -> None:
    """Asking for the next page while this one is used changes nothing of what arrives,
    and a walk stopped early leaves the client free for the next call."""
    plain = list(api.iter_communications(limit=41, with_remaining=True))
    ahead = list(api.iter_communications(limit=41, with_remaining=True, ahead=True))
    assert len(plain) > 3 and ahead == plain
    assert ahead[0].remaining == sum(len(p.items) for p in plain[1:])
    walk = api.iter_communications(limit=41, with_remaining=True, ahead=True)
    assert next(walk) == plain[0]
    walk.close()  # the next page was being fetched: waited for, then dropped
    assert api.balance().credits >= 0
    after = list(api.iter_communications(cursor=plain[-2].next_cursor, limit=41, ahead=True))
    assert after == plain[-1:]


def test_incremental_updates_return_only_changes_and_tombstones(
        api: SobrusApi, control: SandboxControl) -> None:
    cursor = [p for p in api.iter_clients(limit=500)][-1].next_cursor
    before = datetime.now(UTC) - timedelta(milliseconds=5)
    victim = api.clients(limit=3).items[-1].id
    changed = control.update_client(victim, balance_due="99.50", sms_opt_out=True)
    created = control.create_client(first_name="Nouveau", last_name="Client",
                                    phone="0661000001")
    doomed = control.create_client(first_name="Éphémère", last_name="Client", phone=None)
    control.delete_client(doomed["id"])

    pages = list(api.iter_clients(cursor=cursor, limit=2))
    items = {c.id: c for p in pages for c in p.items}
    assert set(items) == {changed["id"], created["id"]}
    assert items[victim].balance_due == Decimal("99.50") and items[victim].sms_opt_out
    assert [t.id for p in pages for t in p.deleted] == [doomed["id"]]
    assert not api.clients(cursor=pages[-1].next_cursor).items

    since = api.clients(updated_since=before, limit=500)
    assert {c.id for c in since.items} == {victim, created["id"]}
    assert [t.id for t in since.deleted] == [doomed["id"]]


def test_templates_crud_with_optimistic_concurrency(api: SobrusApi) -> None:
    cursor = list(api.iter_templates())[-1].next_cursor
    created = api.create_template("Rappel ordonnance", "Bonjour {prenom}, votre ordonnance "
                                  "est prête.", TemplateCategory.TRANSACTIONAL)
    assert created.version == 1 and created.id
    saved = api.update_template(Template(created.id, created.name, "Bonjour {prenom} !",
                                         TemplateCategory.PROMOTIONAL, version=1))
    assert (saved.version, saved.category, saved.body) == (2, TemplateCategory.PROMOTIONAL,
                                                           "Bonjour {prenom} !")
    with pytest.raises(Conflict) as stale:
        api.update_template(Template(created.id, "Autre", "Écrasé ?", version=1))
    assert stale.value.current == saved  # nothing overwritten; the stored one comes back
    assert api.template(created.id) == saved
    with pytest.raises(Conflict):
        api.delete_template(created.id, version=1)
    api.delete_template(created.id, version=2)
    with pytest.raises(NotFound):
        api.template(created.id)
    changes = api.templates(cursor=cursor)
    assert [t.id for t in changes.deleted] == [created.id] and not changes.items


def test_idempotent_batch_sends_each_message_once(api: SobrusApi,
                                                  control: SandboxControl) -> None:
    control.set_balance(1000)
    clients = [c for c in api.clients(limit=200).items if c.phone][:2]
    messages = [
        _message("06 12 34 56 78", client_id=clients[0].id),
        _message("+212 7 01 23 45 67", "Crème solaire : -20 % à la pharmacie ☀"),  # UCS-2
        _message("0522 12 34 56"),  # fixed line: accepted, then fails
        _message("0661230000"),  # always unreachable
        _message("06 12 34 5"),  # invalid: rejected, costs nothing
    ]
    campaign = str(uuid.uuid4())
    first = api.send_batch(messages, campaign_id=campaign)
    assert [r.accepted for r in first.results] == [True, True, True, True, False]
    assert first.results[-1].error_code == "invalid_phone"
    assert first.results[0].communication.recipient_name == clients[0].full_name
    assert first.credits_charged == 4 and first.balance.credits == 996

    again = api.send_batch(messages, campaign_id=campaign)
    assert [r.communication.id for r in again.results] == [
        r.communication.id for r in first.results]
    assert [r.accepted for r in again.results] == [r.accepted for r in first.results]
    assert again.credits_charged == 0 and api.balance().credits == 996

    sent = control.sent(campaign_id=campaign)
    assert sent["count"] == 4  # one SMS per accepted id, whatever the number of posts
    assert sorted(i["client_message_id"] for i in sent["items"]) == sorted(
        m.client_message_id for m in messages[:4])
    assert all(i["receipts"] == 2 for i in sent["items"])
    assert {i["phone"] for i in sent["items"]} >= {"+212612345678", "+212522123456"}

    # Delivery is instant in these tests: the history already shows the final statuses.
    history = {c.client_message_id: c for p in api.iter_communications(limit=500)
               for c in p.items}
    statuses = [history[m.client_message_id].status for m in messages]
    assert statuses == [MessageStatus.DELIVERED, MessageStatus.DELIVERED,
                        MessageStatus.FAILED, MessageStatus.FAILED, MessageStatus.REJECTED]
    assert history[messages[2].client_message_id].failure_reason
    assert history[messages[0].client_message_id].initiated_by == api.me().user.display_name



def test_history_carries_a_consistent_timeline(api: SobrusApi, sandbox: RunningSandbox,
                                               control: SandboxControl) -> None:
    control.set_balance(1000)
    api.send_batch([_message("0612345678"), _message("0661230000"), _message("06 12 34 5")])
    history = [c for p in api.iter_communications(limit=500) for c in p.items]
    ends: set[MessageStatus] = set()
    for c in history:  # the seeded history and the batch just sent (delivery is instant)
        steps = c.status_history
        assert steps[0][1] == c.created_at and steps[-1] == (c.status, c.updated_at)
        expected = {MessageStatus.REJECTED: [MessageStatus.REJECTED],
                    MessageStatus.CANCELLED: [MessageStatus.QUEUED, MessageStatus.CANCELLED],
                    MessageStatus.SENT: [MessageStatus.QUEUED, MessageStatus.SENT]}.get(
            c.status, [MessageStatus.QUEUED, MessageStatus.SENT, c.status])
        assert [s for s, _ in steps] == expected
        ends.add(c.status)
    assert {MessageStatus.DELIVERED, MessageStatus.FAILED, MessageStatus.REJECTED} <= ends

    raw = requests.get(f"{sandbox.base_url}/api/v1/communications?limit=500",
                       headers={"Authorization": f"Bearer {api.token}"}, timeout=5).json()
    item = next(i for i in raw["items"] if i["status"] == "delivered")
    assert len(parsing.communication(Obj(item, "")).status_history) == 3
    at = item["status_history"][-1]["at"]
    for value in (MISSING, None, [], "delivered", [{"status": "lost", "at": at}],
                  [{"status": "delivered", "at": "hier"}], [{"status": "delivered"}]):
        broken = copy.deepcopy(item)
        _set(broken, "status_history", value)
        with pytest.raises(InvalidResponse) as bad:
            parsing.communication(Obj(broken, ""))
        assert "status_history" in (bad.value.detail or "")
    # Well-formed but inconsistent: dropped, so the history still syncs and the pane shows
    # the status alone rather than steps that did not happen.
    for value in ([{"status": "queued", "at": at}],  # does not end at the status
                  [{"status": "queued", "at": "2099-01-01T00:00:00.000Z"},
                   {"status": "delivered", "at": at}]):  # goes back in time
        odd = copy.deepcopy(item)
        _set(odd, "status_history", value)
        parsed = parsing.communication(Obj(odd, ""))
        assert parsed.status_history == ()
        assert parsed.status == MessageStatus.DELIVERED


def test_insufficient_credits_refuses_whole_batch_counting_only_new_ids(
        api: SobrusApi, control: SandboxControl) -> None:
    messages = [_message(f"06610000{i:02d}") for i in range(1, 4)]
    control.set_balance(2)
    with pytest.raises(InsufficientCredits) as short:
        api.send_batch(messages)
    assert (short.value.needed, short.value.available) == (3, 2)
    assert "3 crédit" in short.value.message_fr
    ids = [m.client_message_id for m in messages]
    assert control.sent(client_message_ids=ids)["count"] == 0  # nothing recorded
    api.send_batch(messages[:2])
    control.set_balance(1)
    result = api.send_batch(messages)  # only the third one is new: 1 credit is enough
    assert result.credits_charged == 1 and result.balance.credits == 0
    assert control.sent(client_message_ids=ids)["count"] == 3


def test_recharge_request_lifecycle(api: SobrusApi, control: SandboxControl,
                                    tmp_path: Path) -> None:
    packs = api.packs()
    assert packs and all(p.credits > 0 and p.price > 0 for p in packs)
    pack = packs[0]
    request = api.create_recharge_request(pack.id, note="Virement demain")
    assert request.status == RechargeStatus.REQUESTED and request.proof is None
    pay = request.payment
    assert pay is not None and pay.reference == f"SMS-{request.id:06d}"
    assert (pay.amount, pay.currency, pay.account_holder) == (pack.price, "MAD", "Sobrus SARL")
    assert len(pay.rib) == 24 and pay.iban == "MA64" + pay.rib and "bac à sable" in pay.bank_name
    fake = tmp_path / "preuve.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as refused:
        api.upload_transfer_proof(request.id, fake)
    assert refused.value.code == "unsupported_file_type"
    big = tmp_path / "scan.png"
    big.write_bytes(PNG + b"\x00" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="volumineux"):
        api.upload_transfer_proof(request.id, big)

    control.advance_recharge(request.id)
    proof = tmp_path / "virement.png"
    proof.write_bytes(PNG)
    with_proof = api.upload_transfer_proof(request.id, proof)
    assert with_proof.status == RechargeStatus.AWAITING_PAYMENT
    assert with_proof.payment == pay  # still to pay: the instructions stay
    assert with_proof.proof and with_proof.proof.content_type == "image/png"
    assert with_proof.proof.filename == "virement.png"

    before = api.balance().credits
    control.advance_recharge(request.id)
    control.advance_recharge(request.id)
    done = api.recharge_request(request.id)
    assert done.status == RechargeStatus.ACTIVATED and done.activated_at
    assert done.payment is None  # nothing left to pay: the contract allows null
    assert api.balance().credits == before + pack.credits
    with pytest.raises(Conflict):
        api.cancel_recharge_request(request.id)
    listed = [r for p in api.iter_recharge_requests(limit=1) for r in p.items]
    assert done in listed

    other = api.create_recharge_request(pack.id)
    assert api.cancel_recharge_request(other.id).status == RechargeStatus.CANCELLED


def _set(obj: dict[str, object], key: str, value: object) -> None:
    if value is MISSING:
        del obj[key]
    else:
        obj[key] = value


def test_payment_instructions_checked_like_every_field(api: SobrusApi,
                                                      sandbox: RunningSandbox) -> None:
    request = api.create_recharge_request(1)
    raw = requests.get(f"{sandbox.base_url}/api/v1/recharge-requests/{request.id}",
                       headers={"Authorization": f"Bearer {api.token}"}, timeout=5).json()
    assert parsing.recharge_request(Obj(raw, "")) == request
    rib = raw["payment_instructions"]["rib"]
    for key, value in (
        ("rib", f"{rib[:3]} {rib[3:]}"),  # spaced: it is pasted into a bank's form
        ("iban", f"MA00{rib}"),  # wrong check digits
        ("amount", 250.0),  # a float loses centimes
        ("currency", "EUR"),
        ("reference", " "),
        ("bank_name", None),
        ("swift", MISSING),
    ):
        broken = copy.deepcopy(raw)
        _set(broken["payment_instructions"], key, value)
        with pytest.raises(InvalidResponse) as bad:
            parsing.recharge_request(Obj(broken, ""))
        assert f"payment_instructions.{key} :" in (bad.value.detail or "")
    for value in (None, MISSING):  # still to pay: the instructions are required
        broken = copy.deepcopy(raw)
        _set(broken, "payment_instructions", value)
        with pytest.raises(InvalidResponse):
            parsing.recharge_request(Obj(broken, ""))
    assert api.cancel_recharge_request(request.id).payment is None


@pytest.mark.parametrize("url", ["http://sobrus.example.com", "http://10.0.0.5:8080",
                                 "http://192.168.1.10", "ftp://127.0.0.1", "not a url"])
def test_plain_http_refused_off_loopback(url: str) -> None:
    with pytest.raises(InsecureUrl) as refused:
        SobrusApi(url)
    assert "https://" in refused.value.message_fr


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://127.1.2.3", "http://[::1]:80",
                                 "http://localhost:5000/", "https://api.sobrus.example"])
def test_loopback_http_and_https_accepted(url: str) -> None:
    assert SobrusApi(url).base_url == url.rstrip("/")
