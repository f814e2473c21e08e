"""The national sync's outbox: queue a dossier's state in the transaction that changed it, send
what is due in batches, in order per dossier, and survive the other side's failures.

Delivery (docs/adr/0013-national-sync.md):
- Only the oldest pending message of a dossier is ever sent; the next one waits until it is sent
  or stopped, so the portal sees a dossier's states in the order they happened.
- A message is claimed by pushing its next attempt past a lease before anything is posted; a
  sender killed mid-batch leaves its messages to be sent again after the lease. The portal's
  create/update are upserts of the whole dossier and it keeps one of each step, so a message
  delivered twice changes nothing there.
- A failure of the transport (down, timeout, HTTP error, a body that is not the portal's answer,
  an unknown code) is retried with exponential backoff, without limit: nothing is dropped because
  the portal was away. A refusal of the content is retried `MOTCUA_DVCQG_MAX_ATTEMPTS` times,
  then the message stops ("dead"), visible to administrators with the portal's message; a
  refused list is split to find the message at fault, so one bad dossier does not hold others.
- A message our own check finds incomplete is stopped at once and never sent.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from motcua.integrations.dvcqg import client, payload
from motcua.integrations.dvcqg.client import Answer
from motcua.sync.constants import MessageStatus
from motcua.sync.models import SyncMessage, SyncState

logger = logging.getLogger(__name__)


def sync_message_append(
    *, dossier_id: int, dossier_code: str, dossier: dict[str, Any], steps: list[dict[str, Any]]
) -> SyncMessage:
    """Queue the dossier's state after a change, in the caller's transaction (the caller holds the
    dossier's row lock, so sequences are not raced). Checked first: an incomplete message is
    stopped with its problems and never sent."""
    now = timezone.now()
    problems = payload.dossier_problems(dossier)
    for index, step in enumerate(steps):
        problems += [f"QuaTrinhXuLy[{index}].{p}" for p in payload.step_problems(step)]
    last = SyncMessage.objects.filter(dossier_id=dossier_id).aggregate(m=Max("sequence"))["m"]
    return SyncMessage.objects.create(
        dossier_id=dossier_id,
        dossier_code=dossier_code,
        sequence=(last or 0) + 1,
        dossier=dossier,
        status_code=code if isinstance(code := dossier.get("TrangThaiHoSo"), int) else None,
        steps=steps,
        status=MessageStatus.DEAD if problems else MessageStatus.PENDING,
        problems=problems,
        last_code="invalid" if problems else "",
        last_error=("missing: " + ", ".join(problems)) if problems else "",
        next_attempt_at=now,
        created_at=now,
    )


def sync_messages_retry(*, message_ids: Iterable[int]) -> int:
    """Send stopped messages again (an administrator's decision, e.g. after the portal fixed its
    side). Not those our own check stopped (their content is wrong: queue the dossier afresh),
    nor those a later message of the same dossier superseded: each message carries the whole
    dossier, and an older state sent after a newer one would undo it at the portal."""
    later = SyncMessage.objects.filter(
        dossier_id=OuterRef("dossier_id"),
        sequence__gt=OuterRef("sequence"),
        status__in=[MessageStatus.PENDING, MessageStatus.SENT],
    )
    return (
        SyncMessage.objects.filter(pk__in=list(message_ids), status=MessageStatus.DEAD)
        .exclude(last_code="invalid")
        .exclude(Exists(later))
        .update(status=MessageStatus.PENDING, attempts=0, next_attempt_at=timezone.now())
    )


# --- sending ----------------------------------------------------------------------------------


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    stopped: int = 0
    requests: int = 0
    duration_ms: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, other: SendReport) -> None:
        self.sent += other.sent
        self.failed += other.failed
        self.stopped += other.stopped
        self.requests += other.requests
        self.duration_ms += other.duration_ms
        for code, count in other.errors.items():
            self.errors[code] = self.errors.get(code, 0) + count


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … up to an hour (settings), after the `attempts`-th failure."""
    base: int = settings.MOTCUA_DVCQG_BACKOFF_SECONDS
    ceiling: int = settings.MOTCUA_DVCQG_BACKOFF_MAX_SECONDS
    return timedelta(seconds=min(ceiling, base * 2 ** max(0, attempts - 1)))


def _lease() -> timedelta:
    """How long a claimed batch belongs to its sender. The sender starts no new request after
    half of it (`_Batch.expired`), so a batch is never still being posted when another sender
    may take it."""
    return timedelta(seconds=max(600, 20 * settings.MOTCUA_DVCQG_TIMEOUT_SECONDS))


def _claim(now: datetime, limit: int) -> tuple[str, list[SyncMessage]]:
    """The oldest pending message of up to `limit` dossiers, due now, claimed with a token for a
    lease. Heads are chosen in the query (no earlier pending message of the same dossier), so
    later messages waiting behind a backing-off head never crowd out other dossiers."""
    token = uuid.uuid4().hex
    earlier = SyncMessage.objects.filter(
        dossier_id=OuterRef("dossier_id"),
        status=MessageStatus.PENDING,
        sequence__lt=OuterRef("sequence"),
    )
    with transaction.atomic():
        chosen = list(
            SyncMessage.objects.select_for_update(skip_locked=True)
            .filter(status=MessageStatus.PENDING, next_attempt_at__lte=now)
            .exclude(Exists(earlier))
            .order_by("pk")[:limit]
        )
        SyncMessage.objects.filter(pk__in=[m.pk for m in chosen]).update(
            next_attempt_at=now + _lease(), claim=token
        )
    return token, chosen


Failures = dict[int, Answer]  # message id → why it was not delivered
# Answers that say nothing about the content: splitting the list would only repeat them.
NOT_ABOUT_CONTENT = frozenset({"unreachable", "timeout", "HTTP 401", "HTTP 429", "HTTP 503"})


@dataclass
class _Batch:
    report: SendReport
    deadline: float  # time.monotonic() after which no request starts

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def post(self, kind: str, items: list[dict[str, Any]]) -> Answer:
        if self.expired():
            return Answer("failed", "lease", "the batch's time ran out before this request")
        self.report.requests += 1
        return client.post(kind, items)


def _split(answer: Answer, messages: list[SyncMessage]) -> bool:
    """Whether to send a failed list one by one to find the message at fault: a refusal of the
    content, or an HTTP-level failure seen before for one of them (a dossier that makes the
    portal fail must not hold its batchmates forever)."""
    if len(messages) < 2:  # noqa: PLR2004 - a single message cannot be split
        return False
    if answer.permanent:
        return True
    return answer.code not in NOT_ABOUT_CONTENT and any(m.attempts for m in messages)


def _post(kind: str, messages: list[SyncMessage], batch: _Batch) -> Failures:
    """Post the messages' dossiers (create, update) as one list; a list that fails because of
    its content is split until the messages at fault are found."""
    if not messages:
        return {}
    answer = batch.post(kind, [m.dossier for m in messages])
    if answer.outcome == "exists" and kind == client.CREATE:
        # REGULATION §4.1: then update. The whole list: the new ones were stored by the create,
        # updating them with the same snapshot changes nothing.
        return _post(client.UPDATE, messages, batch)
    if answer.ok:
        return {}
    if _split(answer, messages):
        failures: Failures = {}
        for message in messages:
            failures |= _post(kind, [message], batch)
        return failures
    return {m.pk: answer for m in messages}


def _post_steps(messages: list[SyncMessage], batch: _Batch) -> Failures:
    """The messages' steps, in chunks of 10 (the portal's limit), in order."""
    owners: list[tuple[SyncMessage, dict[str, Any]]] = [
        (m, step) for m in messages for step in m.steps
    ]
    failures: Failures = {}
    size = payload.STEPS_PER_REQUEST
    for start in range(0, len(owners), size):
        chunk = [(m, s) for m, s in owners[start : start + size] if m.pk not in failures]
        if not chunk:
            continue
        answer = batch.post(client.STEPS, [s for _m, s in chunk])
        if answer.ok:
            continue
        owners_of_chunk = list({m.pk: m for m, _s in chunk}.values())
        if _split(answer, owners_of_chunk):
            for message in owners_of_chunk:
                failures |= _post_steps_of(message, batch)
        else:
            failures |= {m.pk: answer for m in owners_of_chunk}
    return failures


def _post_steps_of(message: SyncMessage, batch: _Batch) -> Failures:
    for start in range(0, len(message.steps), payload.STEPS_PER_REQUEST):
        answer = batch.post(client.STEPS, message.steps[start : start + payload.STEPS_PER_REQUEST])
        if not answer.ok:
            return {message.pk: answer}
    return {}


def sync_send_due(*, now: datetime | None = None, limit: int | None = None) -> SendReport:
    """Send one batch of what is due (`MOTCUA_DVCQG_BATCH` dossiers). Never raises for the
    portal's sake: every outcome is recorded on its message, an unexpected error included."""
    started = time.monotonic()
    now = now or timezone.now()
    report = SendReport()
    token, claimed = _claim(now, limit or settings.MOTCUA_DVCQG_BATCH)
    if not claimed:
        return report
    batch = _Batch(report, deadline=started + _lease().total_seconds() / 2)
    try:
        created = set(
            SyncState.objects.filter(
                dossier_id__in=[m.dossier_id for m in claimed], created=True
            ).values_list("dossier_id", flat=True)
        )
        failures = _post(client.CREATE, [m for m in claimed if m.dossier_id not in created], batch)
        failures |= _post(client.UPDATE, [m for m in claimed if m.dossier_id in created], batch)
        failures |= _post_steps([m for m in claimed if m.pk not in failures and m.steps], batch)
    except Exception as error:  # a bug or the unexpected: recorded on every message, not lost
        logger.exception("national sync batch failed")
        failures = {m.pk: Answer("failed", "error", repr(error)[:500]) for m in claimed}
    _record(claimed, failures, token=token, now=timezone.now(), report=report)
    report.duration_ms = int((time.monotonic() - started) * 1000)
    return report


def _record(
    claimed: list[SyncMessage], failures: Failures, *, token: str, now: datetime,
    report: SendReport,
) -> None:  # fmt: skip
    """Record what became of a claimed batch, for the messages this sender still holds (its
    token): a sender whose lease ran out never overwrites another's outcome."""
    limit: int = settings.MOTCUA_DVCQG_MAX_ATTEMPTS
    with transaction.atomic():
        for message in claimed:
            mine = SyncMessage.objects.filter(
                pk=message.pk, status=MessageStatus.PENDING, claim=token
            )
            answer = failures.get(message.pk)
            if answer is None:
                if not mine.update(
                    status=MessageStatus.SENT, sent_at=now, last_code="0", last_error="", claim=""
                ):
                    continue
                state, _ = SyncState.objects.get_or_create(dossier_id=message.dossier_id)
                SyncState.objects.filter(pk=state.pk).update(
                    created=True,
                    last_sequence=Greatest(F("last_sequence"), Value(message.sequence)),
                    synced_at=now,
                )
                report.sent += 1
                continue
            attempts = message.attempts + 1
            stop = answer.permanent and attempts >= limit
            if not mine.update(
                status=MessageStatus.DEAD if stop else MessageStatus.PENDING,
                attempts=attempts,
                next_attempt_at=now + backoff(attempts),
                last_code=answer.code[:40],
                last_error=answer.message[:2000],
                claim="",
            ):
                continue
            if answer.outcome == "unknown_dossier":  # the portal lost it: create it again
                SyncState.objects.filter(dossier_id=message.dossier_id).update(created=False)
            report.stopped += stop
            report.failed += not stop
            report.errors[answer.code] = report.errors.get(answer.code, 0) + 1
            logger.warning(
                "national sync of %s #%s failed (%s): %s",
                message.dossier_code, message.sequence, answer.code, answer.message[:200],
            )  # fmt: skip


def sync_send_all_due(
    *, budget_seconds: float = 50.0, progress: Callable[[SendReport], None] | None = None
) -> SendReport:
    """Batches until nothing is due or the time budget is spent (the scheduled job). A batch in
    which nothing got through ends the run: the portal is failing, the backoff decides when to
    try again."""
    total = SendReport()
    deadline = time.monotonic() + budget_seconds
    while time.monotonic() < deadline:
        report = sync_send_due()
        total.add(report)
        if progress:
            progress(total)
        if report.sent == 0:
            break
    return total
