"""The only writers of the procedure catalogue."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import audio as audio_engine
from motcua.catalog.constants import (
    AudioBatchStatus,
    Beneficiary,
    FeeKind,
    FeeRuleKind,
    PublicationAction,
    TranslationStatus,
    VersionStatus,
)
from motcua.catalog.exchange import (
    DocumentInvalidError,
    ProcedureRecord,
    RowError,
    record_to_json,
)
from motcua.catalog.models import (
    AudioBatch,
    ChannelTerms,
    Delegation,
    FeeLine,
    LegalBasis,
    Procedure,
    ProcedureAudio,
    ProcedureCodeAlias,
    ProcedureForm,
    ProcedureTranslation,
    ProcedureVersion,
    ProcessStepTemplate,
    Publication,
    PublishingDecision,
    RequiredDocument,
    Sector,
)
from motcua.catalog.search import search_column
from motcua.catalog.selectors import (
    record_from_version,
    version_audio_text,
    version_content_hash,
    version_get_current,
)
from motcua.core.audit import audit_event_append
from motcua.core.text import fold

logger = logging.getLogger(__name__)


class CatalogError(Exception):
    """A catalogue operation that cannot be done; the message is for people."""


@dataclass(frozen=True)
class ImportReport:
    created: int
    new_versions: int
    unchanged: int
    publications: int


def _search_text(*, code: str, former_codes: Iterable[str], name: str, sector_name: str) -> str:
    return search_column(code, *former_codes, name, sector_name)


def _sector_for(record: ProcedureRecord) -> Sector:
    sector, created = Sector.objects.get_or_create(
        code=record.sector_code,
        defaults={"name": record.sector_name, "name_folded": fold(record.sector_name)},
    )
    if not created and sector.name != record.sector_name:
        sector.name = record.sector_name
        sector.name_folded = fold(record.sector_name)
        sector.save(update_fields=["name", "name_folded"])
    return sector


def _version_write(
    *,
    procedure: Procedure,
    record: ProcedureRecord,
    number: int,
    status: VersionStatus,
    valid_from: date | None,
    codes: dict[str, Procedure],
) -> ProcedureVersion:
    sector = _sector_for(record)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        status=status,
        valid_from=valid_from,
        name=record.name,
        name_folded=fold(record.name),
        search_folded=_search_text(
            code=record.code,
            former_codes=record.former_codes,
            name=record.name,
            sector_name=sector.name,
        ),
        content_folded=fold(
            " ".join(
                [
                    record.name,
                    record.plain_summary,
                    record.subjects,
                    record.result,
                    record.conditions,
                ]
            )
        ),
        sector=sector,
        at_province="province" in record.tiers,
        at_district="district" in record.tiers,
        at_commune="commune" in record.tiers,
        executing_agency_kind=record.executing_agency_kind,
        executing_agency=record.executing_agency,
        deciding_authority=record.deciding_authority,
        steps=record.steps,
        methods=record.methods,
        subjects=record.subjects,
        result=record.result,
        conditions=record.conditions,
        plain_summary=record.plain_summary,
        result_is_document=record.result_is_document,
        subject_is_citizen=record.subject_is_citizen,
        service_level=record.service_level,
        eligible_full_online=record.eligible_full_online,
        assumptions=record.assumptions,
    )
    LegalBasis.objects.bulk_create(
        LegalBasis(
            version=version,
            position=i,
            reference=b.reference,
            title=b.title,
            effective_on=b.effective_on,
        )
        for i, b in enumerate(record.legal_bases)
    )
    forms = {
        f.code: ProcedureForm.objects.create(
            version=version,
            position=i,
            code=f.code,
            name=f.name,
            legal_source=f.legal_source,
            field_labels=f.field_labels,
        )
        for i, f in enumerate(record.forms)
    }
    RequiredDocument.objects.bulk_create(
        RequiredDocument(
            version=version,
            position=i,
            name=d.name,
            quantity=d.quantity,
            copy_kind=d.copy_kind,
            form=forms.get(d.form_code) if d.form_code else None,
            note=d.note,
        )
        for i, d in enumerate(record.documents)
    )
    for c in record.channels:
        terms = ChannelTerms.objects.create(
            version=version,
            channel=c.channel,
            time_limit=c.time_limit,
            time_unit=c.time_unit,
            cutoff_time=c.cutoff_time,
            description=c.description,
        )
        FeeLine.objects.bulk_create(
            FeeLine(
                terms=terms,
                position=i,
                kind=f.kind,
                description=f.description,
                amount=f.amount,
                exemption=f.exemption,
            )
            for i, f in enumerate(c.fees)
        )
    ProcessStepTemplate.objects.bulk_create(
        ProcessStepTemplate(
            version=version, position=i, name=s.name, role=s.role, budget_hours=s.budget_hours
        )
        for i, s in enumerate(record.process_steps)
    )
    version.related_procedures.set([codes[c] for c in record.related_codes if c in codes])
    version.bundled_procedures.set([codes[c] for c in record.bundled_codes if c in codes])
    return version


def _publications_write(
    *, procedure: Procedure, version: ProcedureVersion | None, record: ProcedureRecord
) -> int:
    written = 0
    for d in record.decisions:
        decision, _created = PublishingDecision.objects.get_or_create(
            number=d.number, issuer=d.issuer, defaults={"signed_on": d.signed_on}
        )
        _publication, created = Publication.objects.update_or_create(
            procedure=procedure,
            decision=decision,
            defaults={"action": d.action, "published_on": d.published_on, "version": version},
        )
        written += int(created)
    return written


def _comparable(record: ProcedureRecord) -> dict[str, Any]:
    data = record_to_json(record)
    for key in ("QuyetDinhCongBo", "NgayHieuLuc", "MaTTHCCu"):
        data.pop(key, None)
    return data


def _reference_errors(records: list[ProcedureRecord], file_codes: set[str]) -> list[RowError]:
    """Related codes that exist nowhere; former codes that belong to another procedure."""
    referenced = {c for r in records for c in [*r.related_codes, *r.bundled_codes]}
    known = file_codes | set(
        Procedure.objects.filter(code__in=referenced - file_codes).values_list("code", flat=True)
    )
    errors: list[RowError] = []
    aliases = {
        a.code: a.procedure.code for a in ProcedureCodeAlias.objects.select_related("procedure")
    }
    for r in records:
        for code in sorted({*r.related_codes, *r.bundled_codes} - known):
            errors.append(
                RowError(
                    r.location,
                    _("related procedure %(code)s is not in the catalogue") % {"code": code},
                )
            )
        for old in r.former_codes:
            owner = aliases.get(old)
            if (
                (owner and owner != r.code)
                or (old in file_codes)
                or Procedure.objects.filter(code=old).exists()
            ):
                errors.append(
                    RowError(
                        r.location,
                        _("former code %(code)s belongs to another procedure") % {"code": old},
                    )
                )
    return errors


def _plan_versions(
    records: list[ProcedureRecord],
    existing: dict[str, Procedure],
    today: date,
    errors: list[RowError],
) -> list[tuple[ProcedureRecord, ProcedureVersion | None, bool]]:
    """Per record: the version in force, and whether the content changed."""
    plans: list[tuple[ProcedureRecord, ProcedureVersion | None, bool]] = []
    for r in records:
        current = version_get_current(code=r.code, on=today) if r.code in existing else None
        if current is None and r.code in existing:
            current = (
                existing[r.code]
                .versions.exclude(status=VersionStatus.DRAFT)
                .order_by("-number")
                .first()
            )
        changed = current is None or _comparable(record_from_version(current)) != _comparable(r)
        if current is not None and changed:
            start = r.valid_from or today
            if current.valid_from and start <= current.valid_from:
                errors.append(
                    RowError(
                        r.location,
                        _("the new version must start after %(day)s, when the current one started")
                        % {"day": current.valid_from.strftime("%d/%m/%Y")},
                    )
                )
        plans.append((r, current, changed))
    return plans


def catalog_import(
    *, records: list[ProcedureRecord], actor_id: int | None = None, today: date | None = None
) -> ImportReport:
    """Write checked records: new procedures, a new version where the content changed.

    All or nothing: a cross-reference problem (a related code that exists neither in the file
    nor in the catalogue, a former code that belongs to another procedure, a new version that
    would not start after the current one) fails the whole import, naming the row.
    A new procedure's first version is valid from its NgayHieuLuc, else its earliest
    publishing decision, else today; a changed procedure's new version from NgayHieuLuc or today.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        file_codes = {r.code for r in records}
        existing = {p.code: p for p in Procedure.objects.filter(code__in=file_codes)}
        errors = _reference_errors(records, file_codes)
        plans = _plan_versions(records, existing, today, errors)
        if errors:
            raise DocumentInvalidError(errors)

        procedures = dict(existing)
        for r in records:
            if r.code not in procedures:
                procedures[r.code] = Procedure.objects.create(code=r.code)
        codes = {
            **procedures,
            **{
                p.code: p
                for p in Procedure.objects.filter(
                    code__in={c for r in records for c in [*r.related_codes, *r.bundled_codes]}
                )
            },
        }
        created = new_versions = unchanged = publications = 0
        for r, current, changed in plans:
            procedure = procedures[r.code]
            for old in r.former_codes:
                ProcedureCodeAlias.objects.get_or_create(
                    code=old, defaults={"procedure": procedure}
                )
            version = current
            if changed:
                if current is None:
                    announced = [
                        d.signed_on for d in r.decisions if d.action != PublicationAction.ABOLISH
                    ]
                    start = r.valid_from or (min(announced) if announced else today)
                    created += 1
                else:
                    start = r.valid_from or today
                    current.valid_to = start
                    current.status = VersionStatus.SUPERSEDED
                    current.save(update_fields=["valid_to", "status", "updated_at"])
                    new_versions += 1
                number = (
                    procedure.versions.order_by("-number").values_list("number", flat=True).first()
                    or 0
                ) + 1
                version = _version_write(
                    procedure=procedure,
                    record=r,
                    number=number,
                    status=VersionStatus.PUBLISHED,
                    valid_from=start,
                    codes=codes,
                )
            else:
                unchanged += 1
            publications += _publications_write(procedure=procedure, version=version, record=r)
        report = ImportReport(
            created=created,
            new_versions=new_versions,
            unchanged=unchanged,
            publications=publications,
        )
        audit_event_append(
            action="catalog.imported",
            actor_id=actor_id,
            object_type="catalog",
            payload=asdict(report),
        )
    return report


# --- Editing in the back office -------------------------------------------------------------


def _draft_for_update(version_id: int) -> ProcedureVersion:
    """Lock a version for a change; only drafts change (published text is the record)."""
    version = (
        ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version_id)
    )
    if version.status != VersionStatus.DRAFT:
        raise CatalogError(_("Only a draft can be edited; start a new version."))
    return version


def version_draft_create(*, procedure_id: int, actor_id: int) -> ProcedureVersion:
    """Start a draft from the procedure's latest version (copy), or return the open draft."""
    with transaction.atomic():
        procedure = Procedure.objects.select_for_update().get(pk=procedure_id)
        draft = procedure.versions.filter(status=VersionStatus.DRAFT).first()
        if draft is not None:
            return draft
        latest = procedure.versions.order_by("-number").first()
        if latest is None:
            raise CatalogError(_("This procedure has no version to copy."))
        record = record_from_version(latest)
        codes = {
            p.code: p
            for p in Procedure.objects.filter(
                code__in=[*record.related_codes, *record.bundled_codes]
            )
        }
        draft = _version_write(
            procedure=procedure,
            record=record,
            number=latest.number + 1,
            status=VersionStatus.DRAFT,
            valid_from=None,
            codes=codes,
        )
        audit_event_append(
            action="catalog.draft_created",
            actor_id=actor_id,
            object_type="procedure_version",
            object_id=str(draft.pk),
            payload={"code": procedure.code, "number": draft.number},
        )
    return draft


def procedure_create(*, record: ProcedureRecord, actor_id: int) -> ProcedureVersion:
    """Create a new procedure with a first draft version."""
    with transaction.atomic():
        if (
            Procedure.objects.filter(code=record.code).exists()
            or ProcedureCodeAlias.objects.filter(code=record.code).exists()
        ):
            raise CatalogError(_("Procedure code %(code)s already exists.") % {"code": record.code})
        procedure = Procedure.objects.create(code=record.code)
        draft = _version_write(
            procedure=procedure,
            record=record,
            number=1,
            status=VersionStatus.DRAFT,
            valid_from=None,
            codes={},
        )
        audit_event_append(
            action="catalog.procedure_created",
            actor_id=actor_id,
            object_type="procedure",
            object_id=procedure.code,
            payload={"name": record.name},
        )
    return draft


def version_draft_update(
    *, version_id: int, fields: dict[str, Any], actor_id: int
) -> ProcedureVersion:
    """Change the main fields of a draft (only drafts change; published text is the record)."""
    allowed = {
        "name", "sector", "at_province", "at_district", "at_commune", "executing_agency_kind",
        "executing_agency", "deciding_authority", "steps", "methods", "subjects", "result",
        "conditions", "plain_summary", "result_is_document", "subject_is_citizen",
        "service_level", "eligible_full_online", "eform",
    }  # fmt: skip
    unknown = set(fields) - allowed
    if unknown:
        raise CatalogError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        version = _draft_for_update(version_id)
        for key, value in fields.items():
            setattr(version, key, value)
        version.name_folded = fold(version.name)
        version.search_folded = _search_text(
            code=version.procedure.code,
            former_codes=version.procedure.aliases.values_list("code", flat=True),
            name=version.name,
            sector_name=version.sector.name,
        )
        version.content_folded = fold(
            " ".join(
                [
                    version.name,
                    version.plain_summary,
                    version.subjects,
                    version.result,
                    version.conditions,
                ]
            )
        )
        version.save(
            update_fields=[*fields, "name_folded", "search_folded", "content_folded", "updated_at"]
        )
        audit_event_append(
            action="catalog.draft_updated",
            actor_id=actor_id,
            object_type="procedure_version",
            object_id=str(version.pk),
            payload={"fields": sorted(fields)},
        )
    return version


def version_channel_set(
    *,
    version_id: int,
    channel: str,
    time_limit: Any,
    time_unit: str,
    cutoff_time: Any,
    description: str,
    fees: list[dict[str, Any]],
    actor_id: int,
) -> ChannelTerms:
    """Create or replace a draft's terms for one channel, with its fee lines."""
    with transaction.atomic():
        version = _draft_for_update(version_id)
        terms, _created = ChannelTerms.objects.update_or_create(
            version=version,
            channel=channel,
            defaults={
                "time_limit": time_limit,
                "time_unit": time_unit,
                "cutoff_time": cutoff_time,
                "description": description,
            },
        )
        terms.fees.all().delete()
        FeeLine.objects.bulk_create(
            FeeLine(terms=terms, position=i, **fee) for i, fee in enumerate(fees)
        )
        audit_event_append(
            action="catalog.channel_set",
            actor_id=actor_id,
            object_type="procedure_version",
            object_id=str(version.pk),
            payload={"channel": channel},
        )
    return terms


def version_channel_remove(*, version_id: int, channel: str, actor_id: int) -> None:
    with transaction.atomic():
        version = _draft_for_update(version_id)
        ChannelTerms.objects.filter(version=version, channel=channel).delete()
        audit_event_append(
            action="catalog.channel_removed", actor_id=actor_id, object_type="procedure_version",
            object_id=str(version.pk), payload={"channel": channel},
        )  # fmt: skip


def version_documents_set(
    *, version_id: int, documents: list[dict[str, Any]], actor_id: int
) -> None:
    """Replace a draft's required documents."""
    with transaction.atomic():
        version = _draft_for_update(version_id)
        version.documents.all().delete()
        RequiredDocument.objects.bulk_create(
            RequiredDocument(version=version, position=i, **doc) for i, doc in enumerate(documents)
        )
        audit_event_append(
            action="catalog.documents_set", actor_id=actor_id, object_type="procedure_version",
            object_id=str(version.pk), payload={"count": len(documents)},
        )  # fmt: skip


def version_publish(*, version_id: int, valid_from: date, actor_id: int) -> ProcedureVersion:
    """Publish a draft from `valid_from`; the version in force then ends that day.

    Invariant: a draft with every mandatory component except where the officer knowingly
    publishes an incomplete record (1.3 counts it); versions never overlap.
    On commit: regenerate the audio summary.
    """
    from motcua.catalog import tasks

    with transaction.atomic():
        version = (
            ProcedureVersion.objects.select_for_update()
            .select_related("procedure")
            .get(pk=version_id)
        )
        if version.status != VersionStatus.DRAFT:
            raise CatalogError(_("Only a draft can be published."))
        if not version.channels.exists():
            raise CatalogError(_("Give the time limit of at least one channel before publishing."))
        previous = (
            ProcedureVersion.objects.select_for_update()
            .filter(procedure=version.procedure, status=VersionStatus.PUBLISHED)
            .order_by("-number")
            .first()
        )
        if previous is not None:
            if previous.valid_from and valid_from <= previous.valid_from:
                raise CatalogError(
                    _("The new version must start after %(day)s, when the current one started.")
                    % {"day": previous.valid_from.strftime("%d/%m/%Y")}
                )
            previous.valid_to = valid_from
            previous.status = VersionStatus.SUPERSEDED
            previous.save(update_fields=["valid_to", "status", "updated_at"])
        version.status = VersionStatus.PUBLISHED
        version.valid_from = valid_from
        version.save(update_fields=["status", "valid_from", "updated_at"])
        audit_event_append(
            action="catalog.version_published",
            actor_id=actor_id,
            object_type="procedure_version",
            object_id=str(version.pk),
            payload={
                "code": version.procedure.code,
                "number": version.number,
                "valid_from": valid_from.isoformat(),
            },
        )
        transaction.on_commit(
            partial(tasks.procedure_audio_generate.enqueue, version_id=version.pk)
        )
    return version


def publication_record(
    *,
    procedure_id: int,
    number: str,
    issuer: str,
    signed_on: date,
    action: str,
    published_on: date | None,
    actor_id: int,
) -> Publication:
    """Record a publishing decision for a procedure and the day it was made public."""
    with transaction.atomic():
        procedure = Procedure.objects.get(pk=procedure_id)
        decision, _created = PublishingDecision.objects.get_or_create(
            number=number, issuer=issuer, defaults={"signed_on": signed_on}
        )
        if decision.signed_on != signed_on:
            raise CatalogError(
                _("Decision %(number)s is already recorded as signed on %(day)s.")
                % {"number": number, "day": decision.signed_on.strftime("%d/%m/%Y")}
            )
        if published_on is not None and published_on < signed_on:
            raise CatalogError(
                _("A procedure cannot be made public before its decision is signed.")
            )
        publication, _created = Publication.objects.update_or_create(
            procedure=procedure,
            decision=decision,
            defaults={
                "action": action,
                "published_on": published_on,
                "version": version_get_current(code=procedure.code),
            },
        )
        audit_event_append(
            action="catalog.publication_recorded",
            actor_id=actor_id,
            object_type="procedure",
            object_id=procedure.code,
            payload={"decision": number, "action": action},
        )
    return publication


# --- Translations ---------------------------------------------------------------------------

TRANSLATED_FIELDS = (
    "name",
    "plain_summary",
    "steps",
    "methods",
    "subjects",
    "result",
    "conditions",
)


def translation_save(
    *, version_id: int, language: str, texts: dict[str, str], reviewed: bool, actor_id: int
) -> ProcedureTranslation:
    """Save a translation of a version's text; `reviewed` marks it checked by a second person.

    Invariant: the reviewer is not the translator (four eyes on what citizens read).
    Saving a draft makes the saver the translator and clears an earlier review.
    """
    from django.conf import settings

    if language not in settings.MOTCUA_CONTENT_LANGUAGES or language == "vi":
        raise CatalogError(_("This language is not configured for content."))
    with transaction.atomic():
        version = ProcedureVersion.objects.select_for_update().get(pk=version_id)
        translation, _created = ProcedureTranslation.objects.get_or_create(
            version=version,
            language=language,
            defaults={"source_hash": version_content_hash(version)},
        )
        if reviewed and (translation.translated_by_id in (None, actor_id)):
            raise CatalogError(_("A translation is reviewed by someone other than its translator."))
        for key in TRANSLATED_FIELDS:
            setattr(translation, key, texts.get(key, "").strip())
        translation.source_hash = version_content_hash(version)
        if reviewed:
            translation.status = TranslationStatus.REVIEWED
            translation.reviewed_by_id = actor_id
            translation.reviewed_at = timezone.now()
        else:
            translation.status = TranslationStatus.DRAFT
            translation.translated_by_id = actor_id
            translation.reviewed_by_id = None
            translation.reviewed_at = None
        translation.save()
        audit_event_append(
            action="catalog.translation_saved",
            actor_id=actor_id,
            object_type="procedure_version",
            object_id=str(version.pk),
            payload={"language": language, "status": translation.status},
        )
    return translation


# --- Audio summaries ------------------------------------------------------------------------


def procedure_audio_generate(*, version_id: int, language: str = "vi") -> bool:
    """Make the spoken summary of a version unless the cached one matches its text.

    Returns True when a file was (re)generated, False when the cache was current.
    Runs espeak-ng and lame outside any transaction; the row is written after.
    """
    version = ProcedureVersion.objects.select_related("procedure", "sector").get(pk=version_id)
    text = version_audio_text(version)
    text_hash = audio_engine.text_hash(text)
    cached = ProcedureAudio.objects.filter(version=version, language=language).first()
    if (
        cached is not None
        and cached.text_hash == text_hash
        and cached.file
        and cached.file.storage.exists(cached.file.name)
    ):
        return False
    data = audio_engine.synthesise(text)
    with transaction.atomic():
        audio, _created = ProcedureAudio.objects.select_for_update().get_or_create(
            version=version,
            language=language,
            defaults={"text_hash": text_hash, "generated_at": timezone.now()},
        )
        old_name = audio.file.name if audio.file else None
        audio.file.save(
            f"{version.procedure.code}-v{version.number}-{language}-{text_hash[:8]}.mp3",
            ContentFile(data),
            save=False,
        )
        audio.text_hash = text_hash
        audio.size_bytes = len(data)
        audio.generated_at = timezone.now()
        audio.save()
        if old_name and old_name != audio.file.name:
            storage = audio.file.storage
            transaction.on_commit(partial(storage.delete, old_name))
    return True


def audio_batch_start(*, actor_id: int | None) -> AudioBatch:
    """Queue a batch that brings every current version's audio up to date."""
    from motcua.catalog import tasks
    from motcua.catalog.selectors import version_list_current

    with transaction.atomic():
        batch = AudioBatch.objects.create(
            requested_by_id=actor_id, total=version_list_current().count()
        )
        transaction.on_commit(partial(tasks.audio_batch_run.enqueue, batch_id=batch.pk))
    return batch


def audio_batch_run(*, batch_id: int) -> AudioBatch:
    """Work through a batch, saving the counters after every procedure (the page polls them)."""
    from motcua.catalog.selectors import version_list_current

    batch = AudioBatch.objects.get(pk=batch_id)
    if batch.status == AudioBatchStatus.FINISHED:
        return batch
    batch.status = AudioBatchStatus.RUNNING
    batch.generated = batch.unchanged = batch.failed = 0
    ids = list(version_list_current().order_by("procedure__code").values_list("pk", flat=True))
    batch.total = len(ids)
    batch.save(update_fields=["status", "generated", "unchanged", "failed", "total", "updated_at"])
    for version_id in ids:
        try:
            if procedure_audio_generate(version_id=version_id):
                batch.generated += 1
            else:
                batch.unchanged += 1
        except audio_engine.AudioError as error:
            logger.warning("audio for version %s failed: %s", version_id, error)
            batch.failed += 1
            batch.error = str(error)[:2000]
        batch.save(update_fields=["generated", "unchanged", "failed", "error", "updated_at"])
    batch.status = (
        AudioBatchStatus.FINISHED
        if not batch.failed or batch.generated or batch.unchanged
        else AudioBatchStatus.FAILED
    )
    batch.save(update_fields=["status", "updated_at"])
    return batch


# --- Demo data ------------------------------------------------------------------------------

SEED_FILE = "procedures.json"


def catalog_seed_demo() -> ImportReport:
    """Import the real seed catalogue shipped with the code (idempotent: unchanged the 2nd time)."""
    from pathlib import Path

    from motcua.catalog.files import read_catalog_file

    path = Path(__file__).resolve().parent / "data" / SEED_FILE
    return catalog_import(records=read_catalog_file(path.name, path.read_bytes()))


def delegation_save(*, delegation: Delegation, actor_id: int | None) -> Delegation:
    """Record a delegation (phân cấp, ủy quyền) of a procedure from one agency to another.

    Invariant: two different agencies; periods of the same procedure and receiving agency do
    not overlap (the constraint checks distinct agencies and the date order).
    """
    with transaction.atomic():
        overlapping = Delegation.objects.filter(
            procedure=delegation.procedure, to_agency=delegation.to_agency
        ).exclude(pk=delegation.pk)
        for other in overlapping:
            ends = other.valid_to or date.max
            if (
                delegation.valid_from < ends
                and (delegation.valid_to or date.max) > other.valid_from
            ):
                raise CatalogError(_("This delegation overlaps another one to the same agency."))
        delegation.save()
        audit_event_append(
            action="catalog.delegation_saved",
            actor_id=actor_id,
            object_type="delegation",
            object_id=str(delegation.pk),
            payload={"procedure": delegation.procedure.code, "kind": delegation.kind},
        )
    return delegation


def eform_seed_demo() -> int:
    """Typed e-forms for the procedures in data/eforms.json, on their current versions (the
    others get the form built from the official form's fields). Idempotent."""
    import json
    from pathlib import Path

    from motcua.catalog.eforms import eform_parse

    path = Path(__file__).resolve().parent / "data" / "eforms.json"
    definitions = json.loads(path.read_text(encoding="utf-8"))
    updated = 0
    with transaction.atomic():
        for code, definition in definitions.items():
            eform_parse(definition)  # a broken file fails loudly here, not on a citizen's phone
            updated += (
                ProcedureVersion.objects.filter(
                    procedure__code=code, status=VersionStatus.PUBLISHED
                )
                .exclude(eform=definition)
                .update(eform=definition)
            )
    return updated


# The exemptions most fee lines of the seed catalogue name ("Miễn lệ phí cho người thuộc gia đình
# có công với cách mạng, người thuộc hộ nghèo"), as rules of every procedure's charges (lệ phí).
# Demo data: a province enters its own from its council's resolutions.
_DEMO_FEE_RULES = (
    ("Miễn lệ phí cho người thuộc hộ nghèo", Beneficiary.POOR_HOUSEHOLD,
     "Giấy chứng nhận hộ nghèo còn hiệu lực"),
    ("Miễn lệ phí cho người thuộc gia đình có công với cách mạng", Beneficiary.POLICY_BENEFICIARY,
     "Giấy chứng nhận người có công hoặc thân nhân người có công"),
)  # fmt: skip


def fee_rules_seed_demo() -> int:
    from motcua.catalog.models import FeeRule

    created = 0
    for name, beneficiary, evidence in _DEMO_FEE_RULES:
        _rule, made = FeeRule.objects.get_or_create(
            name=name,
            defaults={
                "kind": FeeRuleKind.EXEMPTION,
                "beneficiary": beneficiary,
                "percent": 100,
                "fee_kind": FeeKind.CHARGE,
                "evidence": evidence,
                "legal_basis": "Thông tư 85/2019/TT-BTC; Nghị quyết HĐND tỉnh (mẫu)",
                "valid_from": date(2020, 1, 1),
            },
        )
        created += made
    return created
