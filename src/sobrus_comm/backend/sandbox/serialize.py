"""Database rows → the contract's JSON objects (resources/openapi.yaml, components/schemas)."""

from __future__ import annotations

import sqlite3
from typing import Any

from sobrus_comm.backend.sandbox import db
from sobrus_comm.backend.sandbox.sms import FAILURES_FR
from sobrus_comm.domain.bank import iban_from_rib

COMMUNICATION_SELECT = (
    "SELECT t.*, u.display_name AS initiator_name, "
    # A subquery, not a join: callers append WHERE clauses on unqualified columns.
    "(SELECT mp.purpose FROM message_purposes mp "
    "WHERE mp.client_message_id = t.client_message_id) AS purpose "
    "FROM communications t JOIN users u ON u.id = t.initiated_by"
)
RECHARGE_SELECT = (
    "SELECT t.*, p.name AS pack_name, p.credits AS pack_credits, p.price AS pack_price, "
    "u.display_name AS requester_name FROM recharge_requests t "
    "JOIN packs p ON p.id = t.pack_id JOIN users u ON u.id = t.requested_by"
)
# The "sales team's" bank account: made up, and named so that nobody mistakes it for a real
# one (the RIB's key is right, so the IBAN is the realistic « MA64… »).
SANDBOX_RIB = "190780000012345678901285"
SANDBOX_BANK = {
    "bank_name": "Banque Populaire (bac à sable)",
    "account_holder": "Sobrus SARL",
    "rib": SANDBOX_RIB,
    "iban": iban_from_rib(SANDBOX_RIB),
    "swift": "SANDMAMC",
}
UNPAID = ("requested", "awaiting_payment")


def current_user(row: sqlite3.Row, connection: sqlite3.Connection) -> dict[str, Any]:
    return {
        "id": row["id"],
        "username": row["username"],
        "display_name": row["display_name"],
        "permissions": row["permissions"].split(),
        "pharmacy": {
            "id": 1,
            "name": db.meta(connection, "pharmacy_name", "Pharmacie"),
            "city": db.meta(connection, "pharmacy_city") or None,
        },
    }


def client(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "phone": row["phone"],
        "balance_due": row["balance_due"],
        "balance_due_since": row["balance_due_since"],
        "sms_opt_out": bool(row["sms_opt_out"]),
        "updated_at": db.iso(row["updated_at"]),
        "preferred_language": row["preferred_language"],
        "first_name_ar": row["first_name_ar"],
        "last_name_ar": row["last_name_ar"],
    }


def tombstone(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "deleted_at": db.iso(row["deleted_at"])}


def template(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "body": row["body"],
        "category": row["category"],
        "version": row["version"],
        "updated_at": db.iso(row["updated_at"]),
        "body_ar": row["body_ar"],
    }


def communication(row: sqlite3.Row) -> dict[str, Any]:
    # The fate of a doomed message is decided on acceptance but shown only once it happened.
    ended_badly = row["status"] in ("failed", "rejected")
    code = row["failure_code"] if ended_badly else None
    return {
        "id": row["id"],
        "client_message_id": row["client_message_id"],
        "campaign_id": row["campaign_id"],
        "created_at": db.iso(row["created_at"]),
        "updated_at": db.iso(row["updated_at"]),
        "initiated_by": {"id": row["initiated_by"], "display_name": row["initiator_name"]},
        "type": "sms",
        "status": row["status"],
        "failure_code": code,
        "failure_reason": FAILURES_FR.get(code, code) if code else None,
        "content": row["content"],
        "recipient": {
            "client_id": row["client_id"],
            "name": row["recipient_name"],
            "phone": row["recipient_phone"],
        },
        "segments": row["segments"],
        "is_test": bool(row["is_test"]),
        "kind": row["kind"],
        "status_history": status_history(row),
        "purpose": row["purpose"],  # balance_reminder | promotion | other; null: unknown
    }


def status_history(row: sqlite3.Row) -> list[dict[str, Any]]:
    """The steps the message has reached so far, oldest first (the contract's StatusChange).

    No log of steps is kept: the fate decided on acceptance (``sent_at``, ``final_at``)
    holds the time of every step, and the status that ``delivery.settle`` applied from those
    same columns says how far along the message is. So the timeline always ends at
    ``status``, reached at ``updated_at``.
    """
    status = row["status"]
    if status == "rejected":  # refused on receipt: never queued, nothing else will happen
        return [{"status": "rejected", "at": db.iso(row["created_at"])}]
    steps = [("queued", row["created_at"])]
    if status in ("sent", "delivered", "failed"):
        steps.append(("sent", row["sent_at"]))
    if status in ("delivered", "failed", "cancelled"):
        steps.append((status, row["final_at"]))
    return [{"status": s, "at": db.iso(at)} for s, at in steps]


def pack(row: sqlite3.Row, prefix: str = "") -> dict[str, Any]:
    return {
        "id": row["pack_id" if prefix else "id"],
        "name": row[f"{prefix}name"],
        "credits": row[f"{prefix}credits"],
        "price": row[f"{prefix}price"],
        "currency": "MAD",
    }


def balance(row: sqlite3.Row) -> dict[str, Any]:
    return {"credits": row["credits"], "updated_at": db.iso(row["updated_at"])}


def recharge_request(row: sqlite3.Row) -> dict[str, Any]:
    proof = None
    if row["proof_filename"]:
        proof = {
            "filename": row["proof_filename"],
            "content_type": row["proof_content_type"],
            "size": row["proof_size"],
            "uploaded_at": db.iso(row["proof_uploaded_at"]),
        }
    return {
        "id": row["id"],
        "pack": pack(row, "pack_"),
        "status": row["status"],
        "note": row["note"],
        "requested_by": {"id": row["requested_by"], "display_name": row["requester_name"]},
        "created_at": db.iso(row["created_at"]),
        "updated_at": db.iso(row["updated_at"]),
        "activated_at": db.iso(row["activated_at"]),
        "proof": proof,
        # Only while there is something to pay: the contract allows null afterwards.
        "payment_instructions": {
            **SANDBOX_BANK,
            "reference": f"SMS-{row['id']:06d}",
            "amount": row["pack_price"],
            "currency": "MAD",
        } if row["status"] in UNPAID else None,
    }
