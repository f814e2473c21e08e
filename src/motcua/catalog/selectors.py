"""Reads of the procedure catalogue: current versions, records, localisation, the register."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.catalog.constants import MANDATORY_COMPONENTS, Channel, TimeUnit, VersionStatus
from motcua.catalog.eforms import Eform, eform_from_labels, eform_parse
from motcua.catalog.exchange import (
    ChannelRecord,
    DecisionRecord,
    DocumentRecord,
    FeeRecord,
    FormRecord,
    LegalBasisRecord,
    ProcedureRecord,
    StepRecord,
)
from motcua.catalog.fees import (
    FeeApplicant,
    FeeItem,
    FeeQuote,
    Reduction,
    claimable,
    fee_line_traits,
    fee_quote,
)
from motcua.catalog.models import (
    AudioBatch,
    ChannelTerms,
    Delegation,
    FeeRule,
    Procedure,
    ProcedureAudio,
    ProcedureCodeAlias,
    ProcedureTranslation,
    ProcedureVersion,
    Publication,
    Sector,
)
from motcua.core import calendar
from motcua.core.money import vnd


def version_list_current(*, on: date | None = None) -> QuerySet[ProcedureVersion]:
    """Published versions in force on `on` (today): one per procedure."""
    on = on or timezone.localdate()
    return ProcedureVersion.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on),
        status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED],
        valid_from__lte=on,
    )


def version_get_current(*, code: str, on: date | None = None) -> ProcedureVersion | None:
    return (
        version_list_current(on=on)
        .filter(procedure__code=code)
        .select_related("procedure", "sector")
        .first()
    )


def procedure_resolve_code(*, code: str) -> str | None:
    """The current code for `code`: itself, the new code of a former code, or None."""
    if Procedure.objects.filter(code=code).exists():
        return code
    alias = ProcedureCodeAlias.objects.filter(code=code).select_related("procedure").first()
    return alias.procedure.code if alias else None


def procedure_get(*, code: str) -> Procedure | None:
    return Procedure.objects.filter(code=code).first()


def version_get(*, version_id: int) -> ProcedureVersion | None:
    return (
        ProcedureVersion.objects.select_related("procedure", "sector").filter(pk=version_id).first()
    )


def version_get_in_force(*, version_id: int, on: date) -> ProcedureVersion | None:
    """A published version in force on `on`, with its documents, channels and process steps."""
    return (
        version_list_current(on=on)
        .select_related("procedure")
        .prefetch_related("documents", "channels", "process_steps")
        .filter(pk=version_id)
        .first()
    )


def delegation_in_force(*, procedure_id: int, from_agency_id: int, on: date) -> Delegation | None:
    """The delegation (phân cấp, ủy quyền) of a procedure away from an agency on a day."""
    return (
        Delegation.objects.filter(
            procedure_id=procedure_id, from_agency_id=from_agency_id, valid_from__lte=on
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("to_agency")
        .first()
    )


def version_list_for_procedure(*, procedure: Procedure) -> QuerySet[ProcedureVersion]:
    return procedure.versions.order_by("-number")


def version_get_detail(*, version_id: int) -> ProcedureVersion:
    """A version with everything its public page shows, in a fixed number of queries."""
    return (
        ProcedureVersion.objects.select_related("procedure", "sector")
        .prefetch_related(
            "legal_bases",
            "forms",
            "documents__form",
            Prefetch(
                "channels",
                queryset=ChannelTerms.objects.prefetch_related("fees").order_by("channel"),
            ),
            "process_steps",
            "related_procedures",
            "bundled_procedures",
            "procedure__aliases",
            Prefetch(
                "procedure__publications", queryset=Publication.objects.select_related("decision")
            ),
        )
        .get(pk=version_id)
    )


def sector_list_with_counts(*, on: date | None = None) -> list[tuple[Sector, int]]:
    counts = dict(
        version_list_current(on=on)
        .values_list("sector")
        .annotate(n=Count("pk"))
        .values_list("sector", "n")
    )
    return [(s, counts[s.pk]) for s in Sector.objects.filter(pk__in=counts).order_by("name")]


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("name")


def version_list_public(
    *,
    sector: str = "",
    tier: str = "",
    agency_kind: str = "",
    service_level: str = "",
    on: date | None = None,
) -> QuerySet[ProcedureVersion]:
    """The browse listing, filtered by sector code, tier, executing agency kind, service level."""
    qs = version_list_current(on=on).select_related("procedure", "sector")
    if sector:
        qs = qs.filter(sector__code=sector)
    if tier in {"province", "district", "commune"}:
        qs = qs.filter(**{f"at_{tier}": True})
    if agency_kind:
        qs = qs.filter(executing_agency_kind=agency_kind)
    if service_level:
        qs = qs.filter(service_level=service_level)
    return qs.order_by("sector__name", "name")


# --- Records and hashes ---------------------------------------------------------------------


def record_from_version(version: ProcedureVersion) -> ProcedureRecord:
    """A version as an exchange record (for export, comparison and copying into a draft)."""
    procedure = version.procedure
    forms = list(version.forms.all())
    return ProcedureRecord(
        location=procedure.code,
        code=procedure.code,
        former_codes=sorted(procedure.aliases.values_list("code", flat=True)),
        name=version.name,
        sector_code=version.sector.code,
        sector_name=version.sector.name,
        tiers=version.tiers,
        executing_agency_kind=version.executing_agency_kind,
        executing_agency=version.executing_agency,
        deciding_authority=version.deciding_authority,
        steps=version.steps,
        methods=version.methods,
        subjects=version.subjects,
        result=version.result,
        result_is_document=version.result_is_document,
        subject_is_citizen=version.subject_is_citizen,
        conditions=version.conditions,
        plain_summary=version.plain_summary,
        service_level=version.service_level,
        eligible_full_online=version.eligible_full_online,
        valid_from=version.valid_from,
        legal_bases=[
            LegalBasisRecord(b.reference, b.title, b.effective_on)
            for b in version.legal_bases.all()
        ],
        forms=[FormRecord(f.code, f.name, f.legal_source, list(f.field_labels)) for f in forms],
        documents=[
            DocumentRecord(d.name, d.quantity, d.copy_kind, d.form.code if d.form else None, d.note)
            for d in version.documents.select_related("form")
        ],
        channels=[
            ChannelRecord(
                c.channel,
                Decimal(c.time_limit),
                c.time_unit,
                c.cutoff_time,
                c.description,
                [FeeRecord(f.kind, f.description, f.amount, f.exemption) for f in c.fees.all()],
            )
            for c in version.channels.prefetch_related("fees").order_by("channel")
        ],
        process_steps=[
            StepRecord(s.name, s.role, Decimal(s.budget_hours)) for s in version.process_steps.all()
        ],
        decisions=[
            DecisionRecord(
                p.decision.number, p.decision.issuer, p.decision.signed_on, p.action, p.published_on
            )
            for p in procedure.publications.select_related("decision").order_by(
                "decision__signed_on"
            )
        ],
        related_codes=sorted(version.related_procedures.values_list("code", flat=True)),
        bundled_codes=sorted(version.bundled_procedures.values_list("code", flat=True)),
        assumptions=list(version.assumptions),
    )


def catalog_export(*, on: date | None = None) -> dict[str, Any]:
    from motcua.catalog.exchange import FORMAT, record_to_json

    versions = (
        version_list_current(on=on)
        .select_related("procedure", "sector")
        .order_by("procedure__code")
    )
    return {
        "format": FORMAT,
        "procedures": [record_to_json(record_from_version(v)) for v in versions],
    }


TRANSLATABLE = ("name", "plain_summary", "steps", "methods", "subjects", "result", "conditions")


def version_content_hash(version: ProcedureVersion) -> str:
    """Hash of the Vietnamese text a translation is made from."""
    text = "\x1f".join(getattr(version, key) for key in TRANSLATABLE)
    return hashlib.sha256(text.encode()).hexdigest()


# --- Plain language, audio ------------------------------------------------------------------


def time_limit_text(terms: ChannelTerms) -> str:
    limit = Decimal(terms.time_limit).normalize()
    unit = TimeUnit(terms.time_unit).label
    return f"{limit:f} {unit}"


def version_audio_text(version: ProcedureVersion) -> str:
    """What the audio summary says, in Vietnamese: the plain summary, or one built from
    the record."""
    parts = [f"Thủ tục {version.name}."]
    if version.plain_summary:
        parts.append(version.plain_summary)
    else:
        if version.executing_agency:
            parts.append(f"Nơi giải quyết: {version.executing_agency}.")
        for terms in version.channels.prefetch_related("fees").order_by("channel"):
            limit = Decimal(terms.time_limit).normalize()
            unit = {"working_days": "ngày làm việc", "days": "ngày", "hours": "giờ làm việc"}[
                terms.time_unit
            ]
            channel = {
                "in_person": "nộp trực tiếp",
                "online": "nộp trực tuyến",
                "postal": "nộp qua bưu điện",
            }[terms.channel]
            amounts = sorted({f.amount for f in terms.fees.all() if f.amount})
            if not terms.fees.exists():
                money = "không mất phí, lệ phí"
            elif not amounts:
                money = "phí, lệ phí theo quy định"
            elif len(amounts) == 1:
                money = f"phí, lệ phí {vnd(amounts[0])}"
            else:
                low, high = vnd(amounts[0]), vnd(amounts[-1])
                money = f"phí, lệ phí từ {low} đến {high} tùy trường hợp"
            parts.append(f"Khi {channel}: giải quyết trong {limit:f} {unit}, {money}.")
        documents = list(version.documents.all())
        if documents:
            parts.append(f"Giấy tờ cần mang, {len(documents)} loại:")
            parts.extend(f"{i}. {d.name}." for i, d in enumerate(documents, start=1))
    parts.append(f"Mọi thắc mắc, gọi đường dây nóng {' '.join(settings.MOTCUA_HOTLINE)}.")
    return "\n".join(parts)


def audio_get(*, version: ProcedureVersion, language: str = "vi") -> ProcedureAudio | None:
    return ProcedureAudio.objects.filter(version=version, language=language).first()


def audio_batch_get(*, batch_id: int) -> AudioBatch | None:
    return AudioBatch.objects.filter(pk=batch_id).first()


def audio_batch_latest() -> AudioBatch | None:
    return AudioBatch.objects.order_by("-created_at").first()


# --- Localisation ---------------------------------------------------------------------------


@dataclass
class LocalisedText:
    """A version's text in one language, field by field; `fallback` lists the fields shown in
    Vietnamese because no translation exists."""

    language: str
    texts: dict[str, str]
    fallback: list[str] = field(default_factory=list)
    outdated: bool = False

    @property
    def fully_translated(self) -> bool:
        return not self.fallback


def version_localise(*, version: ProcedureVersion, language: str) -> LocalisedText:
    source = {key: getattr(version, key) for key in TRANSLATABLE}
    if language == "vi" or language not in settings.MOTCUA_CONTENT_LANGUAGES:
        return LocalisedText(language="vi", texts=source)
    translation = ProcedureTranslation.objects.filter(version=version, language=language).first()
    texts: dict[str, str] = {}
    fallback: list[str] = []
    for key, original in source.items():
        translated = getattr(translation, key, "") if translation else ""
        if translated:
            texts[key] = translated
        else:
            texts[key] = original
            if original:
                fallback.append(key)
    outdated = bool(translation and translation.source_hash != version_content_hash(version))
    return LocalisedText(language=language, texts=texts, fallback=fallback, outdated=outdated)


def translation_get(*, version: ProcedureVersion, language: str) -> ProcedureTranslation | None:
    return ProcedureTranslation.objects.filter(version=version, language=language).first()


def translation_overview(*, on: date | None = None) -> list[dict[str, Any]]:
    """Per content language: how many current procedures are translated, reviewed, outdated."""
    versions = list(version_list_current(on=on).only(*TRANSLATABLE, "procedure_id"))
    total = len(versions)
    rows = []
    by_id = {v.pk: v for v in versions}
    for code, name in settings.MOTCUA_CONTENT_LANGUAGES.items():
        if code == "vi":
            continue
        translations = ProcedureTranslation.objects.filter(version_id__in=by_id, language=code)
        reviewed = outdated = 0
        for t in translations:
            reviewed += t.status == "reviewed"
            outdated += t.source_hash != version_content_hash(by_id[t.version_id])
        rows.append(
            {
                "code": code,
                "name": name,
                "total": total,
                "translated": translations.count(),
                "reviewed": reviewed,
                "outdated": outdated,
            }
        )
    return rows


# --- 766 indicators 1.1–1.3 inputs: the publication register --------------------------------


def version_missing_components(version: ProcedureVersion) -> list[str]:
    """The mandatory components (NĐ 63/2010 Art. 8(2)) this version lacks (indicator 1.3).

    Reads `documents` and `channels` through `.all()`, so a prefetched version costs no query.
    """
    present = {
        "name": bool(version.name.strip()),
        "steps": bool(version.steps.strip()),
        "methods": bool(version.methods.strip()),
        "documents": bool(version.documents.all()),
        "time_limit": bool(version.channels.all()),
        "subjects": bool(version.subjects.strip()),
        "agency": bool(version.executing_agency.strip()),
    }
    return [str(label) for key, label in MANDATORY_COMPONENTS if not present[key]]


@dataclass
class RegisterRow:
    code: str
    name: str
    decision: str
    action: str
    signed_on: date
    published_on: date | None
    legal_effective_on: date | None
    published_on_time: bool | None  # 1.1: decision ≤ legal basis effect − N working days
    public_on_time: bool | None  # 1.2: made public within N working days of the decision
    missing: list[str]


def publication_register(*, sector: str = "", only_problems: bool = False) -> list[RegisterRow]:
    """Per procedure and publishing decision: the dates 766 indicators 1.1 and 1.2 compare,
    and the components 1.3 requires that are missing (REGULATION.md §1.4).

    `None` in an on-time column means "not decidable": no legal basis date for 1.1, not yet
    public and still within the allowed days for 1.2.
    """
    lead = settings.MOTCUA_PUBLISH_LEAD_WORKING_DAYS
    allowed = settings.MOTCUA_PUBLIC_UPDATE_WORKING_DAYS
    today = timezone.localdate()
    versions = {
        v.procedure_id: v
        for v in version_list_current()
        .select_related("procedure", "sector")
        .prefetch_related("legal_bases", "documents", "channels")
        .filter(**({"sector__code": sector} if sector else {}))
    }
    publications = (
        Publication.objects.filter(procedure_id__in=versions)
        .select_related("decision", "procedure")
        .order_by("procedure__code", "decision__signed_on")
    )
    rows: list[RegisterRow] = []
    for pub in publications:
        version = versions[pub.procedure_id]
        effective = [b.effective_on for b in version.legal_bases.all() if b.effective_on]
        legal = max(effective) if effective else None
        signed = pub.decision.signed_on
        on_time_11 = None if legal is None else signed <= calendar.shift_working_days(legal, -lead)
        deadline = calendar.shift_working_days(signed, allowed)
        if pub.published_on is not None:
            on_time_12: bool | None = pub.published_on <= deadline
        else:
            on_time_12 = None if today <= deadline else False
        missing = version_missing_components(version)
        row = RegisterRow(
            code=pub.procedure.code,
            name=version.name,
            decision=pub.decision.number,
            action=pub.get_action_display(),
            signed_on=signed,
            published_on=pub.published_on,
            legal_effective_on=legal,
            published_on_time=on_time_11,
            public_on_time=on_time_12,
            missing=missing,
        )
        if not only_problems or missing or on_time_11 is False or on_time_12 is False:
            rows.append(row)
    return rows


def channel_label(channel: str) -> str:
    return str(Channel(channel).label)


def procedure_names(*, codes: list[str], on: date | None = None) -> dict[str, str]:
    """Current names by code, for links to related procedures."""
    return dict(
        version_list_current(on=on)
        .filter(procedure__code__in=codes)
        .values_list("procedure__code", "name")
    )


def delegation_overlaps(*, delegation: Delegation) -> bool:
    """Whether another delegation of the same procedure to the same agency shares a day."""
    others = Delegation.objects.filter(
        procedure_id=delegation.procedure_id, to_agency_id=delegation.to_agency_id
    ).exclude(pk=delegation.pk)
    ends = delegation.valid_to or date.max
    return any(
        delegation.valid_from < (other.valid_to or date.max) and ends > other.valid_from
        for other in others
    )


def eform_for_version(*, version: ProcedureVersion) -> Eform:
    """The version's e-form; without one, a text form from its first official form's fields,
    and without that, one free-text field for the request."""
    from django.utils.translation import gettext as _

    if version.eform:
        return eform_parse(version.eform)
    for form in version.forms.all():
        if form.field_labels:
            return eform_from_labels(list(form.field_labels))
    return eform_from_labels([str(_("What do you request?"))])


@dataclass(frozen=True)
class ProcedureProfile:
    """What the 766 indicators 1.3, 3.1, 3.2, 3.5 and 4.5 read of a procedure in force."""

    procedure_id: int
    code: str
    name: str
    sector_id: int | None
    tiers: frozenset[str]
    service_level: str
    has_fee: bool
    subject_is_citizen: bool
    complete: bool  # all seven mandatory components (1.3)


def procedure_profiles(*, on: date | None = None) -> list[ProcedureProfile]:
    versions = (
        version_list_current(on=on)
        .select_related("procedure")
        .prefetch_related(
            "documents",
            Prefetch("channels", queryset=ChannelTerms.objects.prefetch_related("fees")),
        )
    )
    profiles = []
    for v in versions:
        tiers = {
            tier
            for tier, flag in (
                ("province", v.at_province),
                ("district", v.at_district),
                ("commune", v.at_commune),
            )
            if flag
        }
        has_fee = any(fee.amount for terms in v.channels.all() for fee in terms.fees.all())
        profiles.append(
            ProcedureProfile(
                procedure_id=v.procedure_id,
                code=v.procedure.code,
                name=v.name,
                sector_id=v.sector_id,
                tiers=frozenset(tiers),
                service_level=v.service_level,
                has_fee=has_fee,
                subject_is_citizen=v.subject_is_citizen,
                complete=not version_missing_components(v),
            )
        )
    return profiles


# --- fees -------------------------------------------------------------------------------------


def fee_rules_in_force(*, procedure_id: int, channel: str, on: date) -> list[Reduction]:
    """The reductions and exemptions valid on `on` for a procedure and channel."""
    rules = (
        FeeRule.objects.filter(Q(procedure_id=procedure_id) | Q(procedure__isnull=True))
        .filter(Q(channel="") | Q(channel=channel), valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .prefetch_related("units")
    )
    return [
        Reduction(
            rule_id=r.pk,
            name=r.name,
            kind=r.kind,
            beneficiary=r.beneficiary,
            percent=r.percent,
            fee_kind=r.fee_kind,
            channel=r.channel,
            unit_ids=frozenset(u.pk for u in r.units.all()),
            max_age=r.max_age,
            evidence=r.evidence,
            legal_basis=r.legal_basis,
        )
        for r in rules
    ]


def fee_claimable(*, version: ProcedureVersion, channel: str, on: date) -> list[Reduction]:
    """The categories an applicant may claim for this procedure and channel (for the forms)."""
    terms = version.channels.filter(channel=channel).first()
    if terms is None or not any(f.amount for f in terms.fees.all()):
        return []
    return claimable(fee_rules_in_force(procedure_id=version.procedure_id, channel=channel, on=on))


def fee_items(terms: ChannelTerms) -> list[FeeItem]:
    items = []
    for f in terms.fees.all():
        conditional, unit = fee_line_traits(f.description)
        items.append(
            FeeItem(
                line_id=f.pk,
                kind=f.kind,
                description=f.description,
                amount=f.amount,
                unit_label=f.unit_label or unit,
                conditional=conditional,
            )
        )
    return items


def fee_quote_for(
    *,
    version: ProcedureVersion,
    channel: str,
    on: date,
    applicant: FeeApplicant | None = None,
    quantities: dict[int, int] | None = None,
) -> FeeQuote:
    """What a dossier of this version, sent by this channel on `on`, owes (catalog.fees). For
    an online dossier, `in_person_total` is what the same dossier costs at the desk, so the
    receipt and the portal can show what going online saved."""
    terms_by_channel = {t.channel: t for t in version.channels.prefetch_related("fees")}
    terms = terms_by_channel.get(channel)
    if terms is None:
        return FeeQuote(lines=(), collection="none")
    applicant = applicant or FeeApplicant()

    def quote(t: ChannelTerms, wanted: dict[int, int] | None) -> FeeQuote:
        rules = fee_rules_in_force(procedure_id=version.procedure_id, channel=t.channel, on=on)
        return fee_quote(
            fee_items(t),
            rules,
            channel=t.channel,
            collection=t.fee_collection,
            applicant=applicant,
            on=on,
            quantities=wanted,
        )

    result = quote(terms, quantities)
    desk = terms_by_channel.get(Channel.IN_PERSON)
    if channel == Channel.ONLINE and desk is not None and result.lines:
        # The same choices at the desk: lines match by position (the catalogue lists them alike).
        online_ids = [f.pk for f in terms.fees.all()]
        desk_ids = [f.pk for f in desk.fees.all()]
        mapped = {
            desk_ids[i]: n
            for i, line_id in enumerate(online_ids)
            if i < len(desk_ids) and (n := (quantities or {}).get(line_id)) is not None
        }
        try:
            at_desk = quote(desk, mapped).total
        except ValueError:
            at_desk = None
        result = replace(result, in_person_total=at_desk)
    return result
