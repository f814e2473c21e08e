"""A dossier as the national portal must receive it (REGULATION.md §4.1, docs/dvcqg-sync.md):
its state after each change, built in the transaction of the change and queued in the sync
outbox (`motcua.sync`), and the processing step the change was.

Statuses are sent as they are (never folded into "done"), with every supplement request and its
dates, the fee lines, each component's digitisation flags and the result documents: the 766
figures the portal computes depend on them.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from motcua.dossiers.constants import Outcome, Transition
from motcua.dossiers.models import Dossier, DossierEvent, Result
from motcua.integrations.dvcqg import payload
from motcua.integrations.dvcqg.payload import (
    Document,
    DossierRecord,
    Fee,
    ResultDocument,
    Step,
    Supplement,
)
from motcua.sync.services import sync_message_append

PAYMENT_TRANSITIONS = (Transition.PAY_FEES, Transition.FULFIL_FINANCIAL_OBLIGATION)
ENDED = ("resolved", "result_returned", "withdrawn", "stopped")


def _documents(dossier: Dossier) -> tuple[Document, ...]:
    return tuple(
        Document(
            file_id=f"TP-{d.pk}",
            name=(d.file_name or d.name)[:255],
            component_code=str(d.required_document_id or ""),
            digitised=bool(d.file),
            reuse=(
                "component" if d.reused_from_id else "result" if d.reused_result_code else "none"
            ),
            from_national_store=d.from_national_store,
            replaced_by_result=d.reused_result_code,
        )
        for d in dossier.documents.all()
    )


def _fees(dossier: Dossier) -> tuple[Fee, ...]:
    if dossier.fee_collection not in ("before", "after"):
        return ()
    return tuple(
        Fee(
            name=str(line.get("description", ""))[:255],
            amount=int(line.get("net", 0)),
            kind=str(line.get("kind", "fee")),
            collection=dossier.fee_collection,
            code=str(line.get("line_id", "")),
        )
        for line in dossier.fee_lines or []
    )


def _supplements(dossier: Dossier) -> tuple[Supplement, ...]:
    out = []
    for s in dossier.supplements.select_related("requested_by", "resumed_by"):
        asked = "; ".join(
            f"{r.get('document', '')}: {r.get('reason', '')}".strip(": ") for r in (s.reasons or [])
        )
        out.append(
            Supplement(
                supplement_id=f"{dossier.code or dossier.pk}-BS{s.ordinal}",
                content=(asked or s.note or "Yêu cầu bổ sung hồ sơ")[:2000],
                asked_at=s.requested_at,
                asked_by=s.requested_by.display_name if s.requested_by else "",
                state="supplied" if s.resumed_at else "waiting",
                supplied_at=s.resumed_at,
                received_by=s.resumed_by.display_name if s.resumed_by else "",
                due_before=s.due_at_before,
                due_after=s.due_at_after,
            )
        )
    return tuple(out)


def _results(dossier: Dossier) -> tuple[ResultDocument, ...]:
    from motcua.dossiers.selectors import result_document_code

    result = _result_of(dossier)
    if result is None or result.outcome != Outcome.GRANTED:
        return ()
    code = result_document_code(dossier) if result.file else ""
    link = ""
    if code:  # [GAP] the portal's expected link: our public verification page of the code
        path = reverse("portal:result_verify", args=[code])
        link = f"{settings.MOTCUA_PUBLIC_URL.rstrip('/')}{path}"
    name = dossier.procedure_version.name[:255]
    if result.document_number:
        name = f"{name} (số {result.document_number})"[:255]
    return (ResultDocument(name=name, document_id=f"KQ-{result.pk}", link=link, code=code),)


def _result_of(dossier: Dossier) -> Result | None:
    try:
        return dossier.result
    except Result.DoesNotExist:
        return None


def _paid_online(dossier: Dossier) -> str:
    payloads = dossier.events.filter(transition__in=PAYMENT_TRANSITIONS).values_list(
        "payload", flat=True
    )
    # PayGov is the national portal's own payment platform (REGULATION §4.2): code 1.
    return "national_platform" if any((p or {}).get("online") for p in payloads) else "not_online"


def dossier_sync_record(dossier: Dossier) -> DossierRecord:
    """The dossier's present state, with its history the portal needs."""
    version = dossier.procedure_version
    sector = version.sector
    status = str(dossier.status)
    result = _result_of(dossier)
    return DossierRecord(
        code=dossier.code or "",
        procedure_code=version.procedure.code,
        procedure_name=version.name[:500],
        sector_code=sector.code if sector else "",
        sector_name=sector.name if sector else "",
        channel=dossier.channel,
        status=status,
        applicant_name=dossier.applicant_name,
        applicant_id_number=dossier.applicant_id_number,
        applicant_phone=dossier.applicant_phone,
        applicant_email=dossier.applicant_email,
        summary=(dossier.subject or version.name)[: payload.SUMMARY_LIMIT],
        submitted_at=dossier.submitted_at or dossier.received_at or dossier.created_at,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        returned_at=dossier.returned_at if status == "result_returned" else None,
        returned_to=result.received_by_name if result and dossier.returned_at else "",
        # How it was handed over once it was; until then how the applicant asked for it.
        return_method=(
            result.return_method if result and result.return_method else dossier.return_method
        ),
        ended_at=(dossier.resolved_at or dossier.closed_at) if status in ENDED else None,
        refused_at=dossier.closed_at if status == "receipt_refused" else None,
        deciding_agency=dossier.deciding_agency.name,
        receiving_agency=dossier.receiving_agency.name,
        paid_online=_paid_online(dossier),
        documents=_documents(dossier),
        fees=_fees(dossier),
        supplements=_supplements(dossier),
        results=_results(dossier),
    )


def _event_step(dossier: Dossier, event: DossierEvent) -> Step:
    actor = event.actor
    with translation.override("vi"):
        action = str(Transition(event.transition).label)
        role = str(actor.get_role_display()) if actor is not None else ""
    content = f"{action}: {event.note}" if event.note else action
    current = dossier.steps.filter(completed_at__isnull=True).order_by("-started_at").first()
    return Step(
        dossier_code=dossier.code or "",
        officer=(actor.display_name if actor is not None else "Hệ thống")[: payload.OFFICER_LIMIT],
        at=event.occurred_at,
        content=content[:2000],
        status=str(event.to_status),
        role=role,
        department=event.agency.name if event.agency_id and event.agency else "",
        started_at=current.started_at if current else None,
        due_at=current.due_at if current else None,
    )


def dossier_sync_queue(dossier: Dossier, event: DossierEvent | None = None) -> None:
    """Queue the dossier's state (and the event as a processing step) for the national portal,
    in the caller's transaction."""
    steps = [payload.step_json(_event_step(dossier, event))] if event is not None else []
    sync_message_append(
        dossier_id=dossier.pk,
        dossier_code=dossier.code or "",
        dossier=payload.dossier_json(dossier_sync_record(dossier)),
        steps=steps,
    )
