"""Append-only, hash-chained audit log (ADR 0004).

Each row stores the hash of the previous row; the hash of a row covers its own content and
that previous hash. Changing, inserting or deleting a stored row breaks the chain at the first
affected row, which :func:`audit_chain_verify` (command ``verify_audit_chain``) reports.
Appends are serialised by locking the single ``AuditChainHead`` row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _canonical_payload(payload: dict[str, Any] | None) -> dict[str, Any]:
    """The payload exactly as JSON will give it back, so the hash survives a round trip."""
    normalised = json.loads(json.dumps(payload or {}, default=str, ensure_ascii=False))
    assert isinstance(normalised, dict)
    return normalised


def chain_hash(prev_hash: str, document: dict[str, Any]) -> str:
    """SHA-256 over a canonical JSON of `document` and the previous link of its chain.

    Shared by the audit log and every per-object event chain (dossier events).
    """
    encoded = json.dumps(
        {**document, "prev": prev_hash}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def canonical_payload(payload: dict[str, Any] | None) -> dict[str, Any]:
    """The payload exactly as JSON will give it back, so a hash survives a round trip."""
    return _canonical_payload(payload)


def audit_event_hash(
    *,
    prev_hash: str,
    occurred_at: datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    payload: dict[str, Any],
) -> str:
    return chain_hash(
        prev_hash,
        {
            "at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "payload": payload,
        },
    )


def audit_event_append(
    *,
    action: str,
    actor_id: int | None = None,
    object_type: str = "",
    object_id: str | int = "",
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain.

    Invariant: the chain is linear; the head row lock makes concurrent appends wait in turn.
    Runs inside the caller's transaction, so the event exists only if the change it records does.
    """
    clean_payload = _canonical_payload(payload)
    with transaction.atomic():
        # The migration creates the head; get_or_create covers a flushed database. Two first
        # writers racing to create it: the loser's insert fails on the unique flag and it
        # re-reads (and locks) the winner's row.
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            singleton=True, defaults={"last_hash": GENESIS_HASH}
        )
        occurred_at = timezone.now()
        digest = audit_event_hash(
            prev_hash=head.last_hash,
            occurred_at=occurred_at,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            payload=clean_payload,
        )
        event = AuditEvent.objects.create(
            occurred_at=occurred_at,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            payload=clean_payload,
            prev_hash=head.last_hash,
            hash=digest,
        )
        head.last_hash = digest
        head.length += 1
        head.save(update_fields=["last_hash", "length"])
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_event_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_event_id is None and not self.reason


def audit_chain_verify(*, chunk_size: int = 5000) -> ChainReport:
    """Recompute the chain from the first row; report the first broken link."""
    expected_prev = GENESIS_HASH
    checked = 0
    last_id: int | None = None
    rows = AuditEvent.objects.order_by("pk").iterator(chunk_size=chunk_size)
    for event in rows:
        if event.prev_hash != expected_prev:
            return ChainReport(checked, event.pk, "previous-hash link does not match")
        recomputed = audit_event_hash(
            prev_hash=event.prev_hash,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            payload=event.payload,
        )
        if recomputed != event.hash:
            return ChainReport(checked, event.pk, "row content does not match its hash")
        expected_prev = event.hash
        last_id = event.pk
        checked += 1
    head = AuditChainHead.objects.filter(singleton=True).first()
    head_hash, head_length = (head.last_hash, head.length) if head else (GENESIS_HASH, 0)
    if head_hash != expected_prev or head_length != checked:
        return ChainReport(
            checked, last_id, "chain head does not match the last row (rows removed at the end)"
        )
    return ChainReport(checked)


def audit_chain_head() -> dict[str, object]:
    """The chain head as recorded: its length and last hash (a backup's manifest keeps it)."""
    head = AuditChainHead.objects.filter(singleton=True).first()
    return {"length": head.length if head else 0, "last_hash": head.last_hash if head else ""}
