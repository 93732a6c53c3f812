"""The sandbox serves exactly the contract written in resources/openapi.yaml.

Real responses of every documented operation (successes and errors) are validated against
the document's schemas with jsonschema; the requests we send are validated against the
request schemas; and the Flask routes under /api are compared with the documented paths.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import requests
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from sobrus_comm.backend.demo import (
    DEMO_ASSISTANT_PASSWORD,
    DEMO_ASSISTANT_USERNAME,
    DEMO_PASSWORD,
    DEMO_USERNAME,
)
from sobrus_comm.backend.sandbox.app import create_app
from sobrus_comm.backend.sandbox.config import SandboxState
from sobrus_comm.backend.sandbox.control import SandboxControl
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.paths import resources_dir

METHODS = ("get", "put", "post", "delete", "patch")
SCHEDULES = "/api/v1/schedules"
FORMATS = FormatChecker(("date", "uuid"))


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    # Not relying on optional jsonschema extras: RFC 3339 with an explicit offset.
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with open(resources_dir() / "openapi.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)  # type: ignore[no-any-return]


def _validator(spec: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    # The schema's "#/components/..." references resolve against this root.
    return Draft202012Validator({**schema, "components": spec["components"]},
                                format_checker=FORMATS)


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def test_document_is_well_formed(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    operation_ids = []
    for path, item in spec["paths"].items():
        assert path.startswith("/api/v1/")
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            operation_ids.append(op["operationId"])
            assert any(code.startswith("2") for code in op["responses"]), (path, method)
            for response in op["responses"].values():
                for media in _resolve(spec, response).get("content", {}).values():
                    Draft202012Validator.check_schema(media["schema"])
                    _validator(spec, media["schema"]).is_valid({})  # every $ref resolves
            for media in op.get("requestBody", {}).get("content", {}).values():
                _validator(spec, media["schema"]).is_valid({})
    assert len(operation_ids) == len(set(operation_ids))
    for schema in spec["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    try:  # a stricter check when the optional validator happens to be installed
        from openapi_spec_validator import validate
    except ImportError:
        return
    validate(spec)


def test_flask_routes_under_api_are_exactly_the_documented_ones(
        spec: dict[str, Any], tmp_path: Any) -> None:
    app = create_app(SandboxState(db_path=tmp_path / "unused.sqlite3"))
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        served |= {(path, m.lower()) for m in rule.methods or () if m not in ("HEAD", "OPTIONS")}
    documented = {(path, m) for path, item in spec["paths"].items() for m in METHODS if m in item}
    assert served == documented


class ContractClient:
    """Raw HTTP calls that validate both sides of each exchange against the document."""

    def __init__(self, spec: dict[str, Any], base_url: str) -> None:
        self.spec, self.base_url = spec, base_url
        self.token: str | None = None
        self.seen: set[tuple[str, str, int]] = set()

    def call(self, method: str, template: str, *, status: int, token: str | None = None,
             **kwargs: Any) -> Any:
        op = self.spec["paths"][template][method]
        if "json" in kwargs:
            schema = op["requestBody"]["content"]["application/json"]["schema"]
            request_errors = list(_validator(self.spec, schema).iter_errors(kwargs["json"]))
            # A deliberately invalid body is sent only when a 4xx is expected.
            assert (not request_errors) or status >= 400, request_errors[0].message
        path = template.format(**kwargs.pop("path_params", {}))
        headers = kwargs.pop("headers", {})
        auth = token if token is not None else self.token
        if auth:
            headers["Authorization"] = f"Bearer {auth}"
        response = requests.request(method, self.base_url + path, headers=headers,
                                    timeout=10, **kwargs)
        assert response.status_code == status, (method, path, response.text[:300])
        self.seen.add((template, method, status))
        declared = op["responses"].get(str(status)) or op["responses"]["default"]
        declared = _resolve(self.spec, declared)
        if "content" not in declared:
            assert not response.content
            return None
        media = response.headers["Content-Type"].split(";")[0]
        assert media in declared["content"], (path, status, media)
        body = response.json()
        errors = list(_validator(self.spec, declared["content"][media]["schema"])
                      .iter_errors(body))
        assert not errors, f"{method.upper()} {path} {status}: {errors[0].message} at " \
                           f"{list(errors[0].absolute_path)}"
        return body


@pytest.fixture
def contract(spec: dict[str, Any], sandbox: RunningSandbox) -> Iterator[ContractClient]:
    yield ContractClient(spec, sandbox.base_url)


def test_every_operation_answers_as_documented(contract: ContractClient,
                                               control: SandboxControl,
                                               spec: dict[str, Any]) -> None:
    c = contract
    c.call("post", "/api/v1/auth/login", status=401,
           json={"username": DEMO_USERNAME, "password": "wrong"})
    c.call("post", "/api/v1/auth/login", status=422, json={"username": DEMO_USERNAME})
    c.token = c.call("post", "/api/v1/auth/login", status=200,
                     json={"username": DEMO_USERNAME, "password": DEMO_PASSWORD})["token"]
    assistant = c.call("post", "/api/v1/auth/login", status=200,
                       json={"username": DEMO_ASSISTANT_USERNAME,
                             "password": DEMO_ASSISTANT_PASSWORD})["token"]
    c.call("get", "/api/v1/me", status=200)
    c.call("get", "/api/v1/me", status=401, token="not-a-token")

    for resource in ("clients", "templates", "communications", "recharge-requests"):
        path = f"/api/v1/{resource}"
        first = c.call("get", path, status=200, params={"limit": 5})
        c.call("get", path, status=200, params={"cursor": first["next_cursor"], "limit": 500})
        c.call("get", path, status=200, params={"updated_since": "2020-01-01T00:00:00Z"})
        c.call("get", path, status=400, params={"cursor": "garbage!"})
    c.call("get", "/api/v1/clients", status=400, params={"limit": 0})

    template = c.call("post", "/api/v1/templates", status=201,
                      json={"name": "Contrat", "body": "Bonjour {prenom}",
                            "category": "promotional"})
    ids = {"template_id": template["id"]}
    c.call("post", "/api/v1/templates", status=422, json={"name": "", "body": "x",
                                                         "category": "spam"})
    c.call("post", "/api/v1/templates", status=403, token=assistant,
           json={"name": "Non", "body": "Non", "category": "transactional"})
    c.call("get", "/api/v1/templates/{template_id}", status=200, path_params=ids)
    c.call("get", "/api/v1/templates/{template_id}", status=404,
           path_params={"template_id": 999_999})
    update = {"name": "Contrat 2", "body": "Bonjour {prenom} !", "category": "transactional"}
    c.call("put", "/api/v1/templates/{template_id}", status=200, path_params=ids,
           json={**update, "version": 1})
    c.call("put", "/api/v1/templates/{template_id}", status=409, path_params=ids,
           json={**update, "version": 1})
    c.call("put", "/api/v1/templates/{template_id}", status=404,
           path_params={"template_id": 999_999}, json={**update, "version": 1})
    c.call("put", "/api/v1/templates/{template_id}", status=422, path_params=ids,
           json=update)
    c.call("put", "/api/v1/templates/{template_id}", status=403, path_params=ids,
           token=assistant, json={**update, "version": 2})
    c.call("delete", "/api/v1/templates/{template_id}", status=409, path_params=ids,
           params={"version": 1})
    c.call("delete", "/api/v1/templates/{template_id}", status=400, path_params=ids,
           params={"version": "x"})
    c.call("delete", "/api/v1/templates/{template_id}", status=403, path_params=ids,
           token=assistant)
    c.call("delete", "/api/v1/templates/{template_id}", status=204, path_params=ids,
           params={"version": 2})
    c.call("delete", "/api/v1/templates/{template_id}", status=404, path_params=ids)

    control.set_balance(50)
    batch = {"campaign_id": "contract", "category": "transactional", "is_test": True,
             "messages": [{"client_message_id": str(uuid.uuid4()), "client_id": 1,
                           "phone": "0612345678", "content": "Bonjour"},
                          {"client_message_id": str(uuid.uuid4()), "client_id": None,
                           "phone": None, "recipient_name": "Inconnu", "content": "Bonjour"}]}
    c.call("post", "/api/v1/communications/batch", status=200, json=batch)
    c.call("post", "/api/v1/communications/batch", status=200, json=batch)  # replay
    c.call("post", "/api/v1/communications/batch", status=403, json=batch, token=assistant)
    c.call("post", "/api/v1/communications/batch", status=422, json={"messages": []})
    c.call("post", "/api/v1/communications/batch", status=400, data="{not json",
           headers={"Content-Type": "application/json"})
    settle = "/api/v1/communications/cancel"
    known = batch["messages"][0]["client_message_id"]
    settled = c.call("post", settle, status=200,
                     json={"client_message_ids": [known, str(uuid.uuid4())]})
    assert [r["received"] for r in settled["results"]] == [True, False]
    c.call("post", settle, status=403, json={"client_message_ids": [known]}, token=assistant)
    c.call("post", settle, status=422, json={"client_message_ids": []})
    c.call("post", settle, status=400, data="{not json",
           headers={"Content-Type": "application/json"})
    control.set_balance(0)
    fresh = {**batch, "messages": [{**batch["messages"][0],
                                    "client_message_id": str(uuid.uuid4())}]}
    c.call("post", "/api/v1/communications/batch", status=402, json=fresh)
    control.set_balance(500)
    c.call("get", "/api/v1/communications", status=200, params={"limit": 500})

    balance = c.call("get", "/api/v1/sms/balance", status=200)
    ledger = c.call("get", "/api/v1/sms/ledger", status=200, params={"limit": 500})
    assert not ledger["has_more"]  # the ledger opens at 0: its sum is the balance
    assert sum(m["credits"] for m in ledger["items"]) == balance["credits"]
    c.call("get", "/api/v1/sms/ledger", status=400, params={"limit": 0})
    packs = c.call("get", "/api/v1/sms/packs", status=200)["items"]
    request = c.call("post", "/api/v1/recharge-requests", status=201,
                     json={"pack_id": packs[0]["id"], "note": None})
    # Both branches of payment_instructions: an object while unpaid, null once cancelled.
    assert request["payment_instructions"]["reference"] == f"SMS-{request['id']:06d}"
    c.call("post", "/api/v1/recharge-requests", status=422, json={"pack_id": 999})
    c.call("post", "/api/v1/recharge-requests", status=403, token=assistant,
           json={"pack_id": packs[0]["id"]})
    rid = {"request_id": request["id"]}
    c.call("get", "/api/v1/recharge-requests/{request_id}", status=200, path_params=rid)
    c.call("get", "/api/v1/recharge-requests/{request_id}", status=404,
           path_params={"request_id": 999_999})
    proof = "/api/v1/recharge-requests/{request_id}/proof"
    c.call("post", proof, status=200, path_params=rid,
           files={"file": ("avis.pdf", b"%PDF-1.7\n...", "application/pdf")})
    c.call("post", proof, status=415, path_params=rid,
           files={"file": ("avis.pdf", b"<html>not a pdf</html>", "application/pdf")})
    c.call("post", proof, status=413, path_params=rid,
           files={"file": ("scan.jpg", b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024),
                           "image/jpeg")})
    c.call("post", proof, status=422, path_params=rid, data={"nothing": "here"})
    c.call("post", proof, status=403, path_params=rid, token=assistant,
           files={"file": ("a.png", b"\x89PNG\r\n\x1a\n", "image/png")})
    c.call("post", proof, status=404, path_params={"request_id": 999_999},
           files={"file": ("a.png", b"\x89PNG\r\n\x1a\n", "image/png")})
    cancel = "/api/v1/recharge-requests/{request_id}/cancel"
    c.call("post", cancel, status=403, path_params=rid, token=assistant)
    assert c.call("post", cancel, status=200, path_params=rid)["payment_instructions"] is None
    c.call("post", cancel, status=409, path_params=rid)
    c.call("post", proof, status=409, path_params=rid,
           files={"file": ("a.png", b"\x89PNG\r\n\x1a\n", "image/png")})
    c.call("post", cancel, status=404, path_params={"request_id": 999_999})

    # Consent, replies, SMS settings (issue 14).
    for path in ("/api/v1/consents", "/api/v1/replies"):
        first = c.call("get", path, status=200, params={"limit": 5})
        c.call("get", path, status=200, params={"cursor": first["next_cursor"]})
        c.call("get", path, status=400, params={"cursor": "garbage!"})
    control.reply(1, "Arrêt")
    consent = {"record_uid": str(uuid.uuid4()), "client_id": 1, "purpose": "promotions",
               "state": "granted", "recorded_at": "2026-11-30T10:00:00Z",
               "staff": "Dr Samira Alaoui", "channel": "counter", "reply_id": None,
               "reply_text": "", "note": ""}
    stored = c.call("post", "/api/v1/consents", status=201, json=consent)
    assert c.call("post", "/api/v1/consents", status=201, json=consent)["id"] == stored["id"]
    c.call("post", "/api/v1/consents", status=404, json={**consent, "client_id": 999_999})
    c.call("post", "/api/v1/consents", status=422, json={**consent, "state": "peut-être"})
    c.call("post", "/api/v1/consents", status=400, data="{not json",
           headers={"Content-Type": "application/json"})
    settings = c.call("get", "/api/v1/account/sms-settings", status=200)
    assert "{numero}" in settings["opt_out_wording"] and settings["reply_number"]
    c.call("post", "/api/v1/communications/batch", status=200,
           json={**fresh, "purpose": "balance_reminder",
                 "messages": [{**fresh["messages"][0], "client_message_id": str(uuid.uuid4())}]})

    # Every authenticated operation refuses an unknown token the documented way.
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item and "401" in item[method]["responses"] and "login" not in path:
                c.call(method, path, status=401, token="forged-token-000000000000",
                       path_params={"template_id": 1, "request_id": 1, "uid": "x"})
    c.call("post", "/api/v1/auth/logout", status=204)

    # Every documented operation was exercised, with every status it documents.
    documented = {(path, method, int(code)) for path, item in spec["paths"].items()
                  for method in METHODS if method in item
                  for code in item[method]["responses"] if code != "default"
                  if not path.startswith(SCHEDULES)}  # test_schedules_contract.py
    assert documented - c.seen == set()
