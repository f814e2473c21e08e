"""The procedure catalogue for the mobile app: search (accents optional, as on the portal) with
pagination, and one procedure in full (documents, channels with time limits and fees, legal
bases). Read-only and public."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.api.errors import ApiError
from motcua.catalog.constants import ONLINE_LEVELS, Channel, CopyKind, ServiceLevel
from motcua.catalog.eforms import EformField
from motcua.catalog.search import procedure_search
from motcua.catalog.selectors import (
    eform_for_version,
    fee_claimable,
    procedure_resolve_code,
    record_from_version,
    version_get_current,
    version_get_detail,
    version_list_public,
)
from motcua.dossiers.selectors import document_is_conditional
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import unit_list_valid_on

router = Router(tags=["catalogue"])
PAGE_MAX = 100
QUERY_MAX = 100
SEARCH_LIMIT = 200


class ProcedureQuery(Schema):
    """Unknown query parameters are ignored (caches and trackers add some); bodies refuse them."""

    q: str = Field("", max_length=QUERY_MAX, description="Words of the name or the code")
    sector: str = Field("", max_length=20, description="A sector code")
    service_level: str = Field("", max_length=20)
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=PAGE_MAX)


class ProcedureSummary(Schema):
    code: str
    name: str
    sector_code: str
    sector_name: str
    service_level: str
    tiers: list[str]
    plain_summary: str


class ProcedurePage(Schema):
    count: int
    page: int
    pages: int
    results: list[ProcedureSummary]


class DocumentOut(Schema):
    name: str
    quantity: int
    copy_kind: str
    form_code: str | None
    note: str


class FeeOut(Schema):
    kind: str
    description: str
    amount: int | None = Field(description="VND; null when not a fixed amount")
    exemption: str


class ChannelOut(Schema):
    channel: str
    time_limit: Decimal
    time_unit: str
    description: str
    fees: list[FeeOut]


class LegalBasisOut(Schema):
    reference: str
    title: str
    effective_on: date | None


class ProcedureDetail(ProcedureSummary):
    former_codes: list[str]
    executing_agency: str
    deciding_authority: str
    subjects: str
    steps: str
    methods: str
    conditions: str
    result: str
    eligible_full_online: bool
    documents: list[DocumentOut]
    channels: list[ChannelOut]
    legal_bases: list[LegalBasisOut]


@router.get("", response=ProcedurePage, summary="Search the procedures in force")
def procedure_list(request: HttpRequest, filters: Query[ProcedureQuery]) -> ProcedurePage:
    if filters.service_level and filters.service_level not in ServiceLevel.values:
        raise ApiError(400, "invalid_request", _("Some fields are missing or not valid."))
    listing = version_list_public(sector=filters.sector, service_level=filters.service_level)
    query = filters.q.strip()
    versions = (
        [hit.version for hit in procedure_search(query=query, base=listing, limit=SEARCH_LIMIT)]
        if query
        else listing
    )
    paginator = Paginator(versions, filters.page_size)
    page = paginator.page(min(filters.page, max(paginator.num_pages, 1)))
    return ProcedurePage(
        count=paginator.count,
        page=page.number,
        pages=paginator.num_pages,
        results=[
            ProcedureSummary(
                code=v.procedure.code,
                name=v.name,
                sector_code=v.sector.code,
                sector_name=v.sector.name,
                service_level=v.service_level,
                tiers=v.tiers,
                plain_summary=v.plain_summary,
            )
            for v in page.object_list
        ],
    )


@router.get("/{code}", response=ProcedureDetail, summary="One procedure in force, in full")
def procedure_read(request: HttpRequest, code: str) -> ProcedureDetail:
    resolved = procedure_resolve_code(code=code[:40])  # a former code leads to the current one
    current = version_get_current(code=resolved) if resolved else None
    if current is None:
        raise Http404
    record = record_from_version(version_get_detail(version_id=current.pk))
    data = asdict(record)
    return ProcedureDetail(
        code=record.code, name=record.name, sector_code=record.sector_code,
        sector_name=record.sector_name, service_level=record.service_level, tiers=record.tiers,
        plain_summary=record.plain_summary, former_codes=record.former_codes,
        executing_agency=record.executing_agency, deciding_authority=record.deciding_authority,
        subjects=record.subjects, steps=record.steps, methods=record.methods,
        conditions=record.conditions, result=record.result,
        eligible_full_online=record.eligible_full_online,
        documents=[DocumentOut(**d) for d in data["documents"]],
        channels=[
            ChannelOut(channel=c["channel"], time_limit=c["time_limit"], time_unit=c["time_unit"],
                       description=c["description"], fees=[FeeOut(**f) for f in c["fees"]])
            for c in data["channels"]
        ],
        legal_bases=[LegalBasisOut(**b) for b in data["legal_bases"]],
    )  # fmt: skip


class OptionOut(Schema):
    value: str
    label: str


class ConditionOut(Schema):
    field: str
    equals: Any = Field(description="The field is asked only when that answer equals this")


class EformFieldOut(Schema):
    name: str
    label: str
    type: str = Field(
        description="text, number, date (YYYY-MM-DD, not in the future), select, id_number "
        "(12 digits), phone, unit (a commune or ward: its id), yes_no (yes/no, or true/false), "
        "group"
    )
    required: bool
    help: str
    options: list[OptionOut] = Field(description="For select, unit and yes_no: the values")
    when: ConditionOut | None
    fields: list[EformFieldOut] = Field(description="For a group: the fields of one entry")
    max_entries: int | None = Field(description="For a group: at most this many entries")


class ComponentOut(Schema):
    id: int = Field(description="`document_id` of an upload to a draft")
    name: str
    quantity: int
    copy_kind: str
    required: bool = Field(description="False: asked only in the case its note says")
    in_person: bool = Field(description="Shown at the desk, never uploaded")
    note: str


class FeeClaimOut(Schema):
    code: str = Field(description="A value of `fee_claims` when submitting")
    name: str
    kind: str
    percent: int
    evidence: str


class EformOut(Schema):
    procedure_code: str
    procedure_name: str
    service_level: str
    online: bool = Field(description="False: this procedure is not submitted online")
    fields: list[EformFieldOut]
    documents: list[ComponentOut]
    fee_claims: list[FeeClaimOut]


def _options(item: EformField, units: list[OptionOut]) -> list[OptionOut]:
    match item.type:
        case "select":
            return [OptionOut(value=o, label=o) for o in item.options]
        case "yes_no":
            return [OptionOut(value="yes", label=_("Yes")), OptionOut(value="no", label=_("No"))]
        case "unit":
            return units
        case _:
            return []


def _field_out(item: EformField, units: list[OptionOut]) -> EformFieldOut:
    return EformFieldOut(
        name=item.name, label=item.label, type=item.type, required=item.required, help=item.help,
        options=_options(item, units),
        when=ConditionOut(field=item.when[0], equals=item.when[1]) if item.when else None,
        fields=[_field_out(sub, units) for sub in item.fields],
        max_entries=item.max if item.type == "group" else None,
    )  # fmt: skip


@router.get("/{code}/eform", response=EformOut, summary="The online form of a procedure")
def procedure_eform(request: HttpRequest, code: str) -> EformOut:
    """What a draft of this procedure asks (`PATCH /drafts/{id}/answers`), the components to
    upload (`POST /drafts/{id}/files`) and the fee reductions one may claim on submitting."""
    resolved = procedure_resolve_code(code=code[:40])
    current = version_get_current(code=resolved) if resolved else None
    if current is None:
        raise Http404
    version = current  # what the e-form needs: its fields, components and fees, no more
    today = timezone.localdate()
    eform = eform_for_version(version=version)
    units = (
        [
            OptionOut(value=str(u.pk), label=u.name)
            for u in unit_list_valid_on(day=today, tier=Tier.COMMUNE).order_by("name")
        ]
        if any(f.type == "unit" or any(s.type == "unit" for s in f.fields) for f in eform.fields)
        else []
    )
    return EformOut(
        procedure_code=version.procedure.code,
        procedure_name=version.name,
        service_level=version.service_level,
        online=version.service_level in ONLINE_LEVELS,
        fields=[_field_out(f, units) for f in eform.fields],
        documents=[
            ComponentOut(
                id=d.pk,
                name=d.name,
                quantity=d.quantity,
                copy_kind=d.copy_kind,
                required=not document_is_conditional(d) and d.copy_kind != CopyKind.PRESENTED,
                in_person=d.copy_kind == CopyKind.PRESENTED,
                note=d.note,
            )
            for d in version.documents.all()
        ],
        fee_claims=[
            FeeClaimOut(
                code=r.beneficiary,
                name=r.name,
                kind=r.kind,
                percent=r.percent,
                evidence=r.evidence,
            )
            for r in fee_claimable(version=version, channel=Channel.ONLINE, on=today)
        ],
    )
