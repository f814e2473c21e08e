"""The province monitor's catalogue screens: procedures, versions, publication register,
import/export, translations, audio summaries, public information pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.constants import PROVINCE_WIDE_ROLES
from motcua.accounts.models import User
from motcua.backoffice.forms_catalog import (
    TEXT_FIELDS,
    DocumentFormSet,
    ImportForm,
    ProcedureCreateForm,
    PublicationForm,
    PublishForm,
    TranslationForm,
    VersionForm,
    channel_forms,
    content_language_choices,
)
from motcua.catalog import services
from motcua.catalog.constants import VersionStatus
from motcua.catalog.excel import workbook_from_document
from motcua.catalog.exchange import DocumentInvalidError, ProcedureRecord
from motcua.catalog.files import FileRejectedError, read_catalog_file
from motcua.catalog.search import procedure_search
from motcua.catalog.selectors import (
    audio_batch_latest,
    catalog_export,
    procedure_get,
    publication_register,
    sector_list,
    translation_get,
    translation_overview,
    version_content_hash,
    version_get,
    version_list_current,
    version_list_for_procedure,
    version_missing_components,
)

View = Callable[..., HttpResponse]


def monitor_required(view: View) -> View:
    """Province-wide officers only; anyone else reads "not found"."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not isinstance(user, User) or user.role not in PROVINCE_WIDE_ROLES:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _actor(request: HttpRequest) -> int:
    assert isinstance(request.user, User)
    return request.user.pk


@monitor_required
def catalog_home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200].strip()
    current = version_list_current().select_related("procedure", "sector")
    versions = (
        [h.version for h in procedure_search(query=query, base=current, limit=100)]
        if query
        else current.order_by("procedure__code")[:100]
    )
    return render(
        request,
        "backoffice/catalog/home.html",
        {
            "query": query,
            "versions": versions,
            "total": current.count(),
            "batch": audio_batch_latest(),
        },
    )


@monitor_required
def procedure_create(request: HttpRequest) -> HttpResponse:
    form = ProcedureCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = ProcedureRecord(
            location=data["code"], code=data["code"], former_codes=[], name=data["name"],
            sector_code=data["sector"].code, sector_name=data["sector"].name, tiers=["province"],
            executing_agency_kind=data["executing_agency_kind"], executing_agency="",
            deciding_authority="", steps="", methods="", subjects="", result="",
            result_is_document=True, subject_is_citizen=True, conditions="", plain_summary="",
            service_level=data["service_level"], eligible_full_online=False, valid_from=None,
        )  # fmt: skip
        try:
            draft = services.procedure_create(record=record, actor_id=_actor(request))
        except services.CatalogError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, _("Draft created. Fill in every component, then publish."))
            return redirect("backoffice:catalog_version_edit", draft.pk)
    return render(request, "backoffice/catalog/create.html", {"form": form})


@monitor_required
def procedure_overview(request: HttpRequest, code: str) -> HttpResponse:
    procedure = procedure_get(code=code[:20])
    if procedure is None:
        raise Http404
    versions = list(version_list_for_procedure(procedure=procedure))
    form = PublicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_record(
                procedure_id=procedure.pk, actor_id=_actor(request), **form.cleaned_data
            )
        except services.CatalogError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Publication recorded."))
            return redirect("backoffice:catalog_procedure", procedure.code)
    return render(
        request,
        "backoffice/catalog/procedure.html",
        {
            "procedure": procedure,
            "versions": versions,
            "draft": next((v for v in versions if v.status == VersionStatus.DRAFT), None),
            "publications": procedure.publications.select_related("decision").order_by(
                "-decision__signed_on"
            ),
            "delegations": procedure.delegations.select_related("from_agency", "to_agency"),
            "form": form,
            "languages": content_language_choices(),
        },
    )


@monitor_required
@require_POST
def version_new_draft(request: HttpRequest, code: str) -> HttpResponse:
    procedure = procedure_get(code=code[:20])
    if procedure is None:
        raise Http404
    try:
        draft = services.version_draft_create(procedure_id=procedure.pk, actor_id=_actor(request))
    except services.CatalogError as error:
        messages.error(request, str(error))
        return redirect("backoffice:catalog_procedure", procedure.code)
    return redirect("backoffice:catalog_version_edit", draft.pk)


def _channel_initial(version: Any) -> dict[str, dict[str, Any]]:
    initial = {}
    for terms in version.channels.prefetch_related("fees"):
        initial[terms.channel] = {
            "offered": True,
            "time_limit": Decimal(terms.time_limit).normalize(),
            "time_unit": terms.time_unit,
            "cutoff_time": terms.cutoff_time,
            "description": terms.description,
            "fees": "\n".join(
                f"{'' if f.amount is None else f.amount}; {f.kind}; {f.description}"
                for f in terms.fees.all()
            ),
        }
    return initial


@monitor_required
def version_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = version_get(version_id=version_id)
    if version is None:
        raise Http404
    if version.status != VersionStatus.DRAFT:
        messages.error(request, _("Only a draft can be edited; start a new version."))
        return redirect("backoffice:catalog_procedure", version.procedure.code)
    post = request.POST if request.method == "POST" else None
    form = VersionForm(post, instance=version)
    documents = DocumentFormSet(
        post,
        prefix="doc",
        initial=[
            {"name": d.name, "quantity": d.quantity, "copy_kind": d.copy_kind, "note": d.note}
            for d in version.documents.all()
        ],
    )
    channels = channel_forms(post, initial=_channel_initial(version))
    if (
        post is not None
        and form.is_valid()
        and documents.is_valid()
        and all(f.is_valid() for _c, _l, f in channels)
    ):
        # One screen, one change: the fields, documents and channels are saved together or not.
        with transaction.atomic():
            actor = _actor(request)
            fields = {key: form.cleaned_data[key] for key in form.Meta.fields}
            services.version_draft_update(version_id=version.pk, fields=fields, actor_id=actor)
            services.version_documents_set(
                version_id=version.pk,
                documents=[
                    {k: d.cleaned_data[k] for k in ("name", "quantity", "copy_kind", "note")}
                    for d in documents.forms
                    if d.cleaned_data
                    and not d.cleaned_data.get("DELETE")
                    and d.cleaned_data.get("name")
                ],
                actor_id=actor,
            )
            for channel, _label, cf in channels:
                data = cf.cleaned_data
                if data.get("offered"):
                    services.version_channel_set(
                        version_id=version.pk, channel=channel, time_limit=data["time_limit"],
                        time_unit=data["time_unit"], cutoff_time=data["cutoff_time"],
                        description=data["description"], fees=data["fees"], actor_id=actor,
                    )  # fmt: skip
                else:
                    services.version_channel_remove(
                        version_id=version.pk, channel=channel, actor_id=actor
                    )
        messages.success(request, _("Draft saved."))
        return redirect("backoffice:catalog_version_edit", version.pk)
    return render(
        request,
        "backoffice/catalog/edit.html",
        {
            "version": version,
            "form": form,
            "documents": documents,
            "channels": channels,
            "missing": version_missing_components(version),
            "publish_form": PublishForm(initial={"valid_from": timezone.localdate()}),
            "text_fields": TEXT_FIELDS,
        },
    )


@monitor_required
@require_POST
def version_publish(request: HttpRequest, version_id: int) -> HttpResponse:
    version = version_get(version_id=version_id)
    if version is None:
        raise Http404
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the version is in force from."))
        return redirect("backoffice:catalog_version_edit", version.pk)
    try:
        services.version_publish(
            version_id=version.pk,
            valid_from=form.cleaned_data["valid_from"],
            actor_id=_actor(request),
        )
    except services.CatalogError as error:
        messages.error(request, str(error))
        return redirect("backoffice:catalog_version_edit", version.pk)
    messages.success(request, _("Version published."))
    return redirect("backoffice:catalog_procedure", version.procedure.code)


@monitor_required
def register(request: HttpRequest) -> HttpResponse:
    """Inputs of 766 indicators 1.1–1.3 per procedure and decision."""
    sector = request.GET.get("linh-vuc", "")[:60]
    only_problems = request.GET.get("van-de") == "1"
    every = publication_register(sector=sector)
    years = sorted({r.signed_on.year for r in every}, reverse=True)
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else None
    in_period = [r for r in every if year is None or r.signed_on.year == year]
    decided_11 = [r for r in in_period if r.published_on_time is not None]
    decided_12 = [r for r in in_period if r.public_on_time is not None]
    # 1.3 is measured now, per procedure, whatever the period (REGULATION.md §1.4).
    procedures = {r.code: r for r in every}
    summary = {
        "on_time_11": sum(bool(r.published_on_time) for r in decided_11),
        "decided_11": len(decided_11),
        "on_time_12": sum(bool(r.public_on_time) for r in decided_12),
        "decided_12": len(decided_12),
        "complete_13": sum(not r.missing for r in procedures.values()),
        "procedures": len(procedures),
    }
    rows = [
        r
        for r in in_period
        if not only_problems
        or r.missing
        or r.published_on_time is False
        or r.public_on_time is False
    ]
    return render(
        request,
        "backoffice/catalog/register.html",
        {
            "rows": rows,
            "summary": summary,
            "sectors": sector_list(),
            "sector": sector,
            "only_problems": only_problems,
            "years": years,
            "year": year,
        },
    )


@monitor_required
def catalog_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            records = read_catalog_file(upload.name, upload.read())
            report = services.catalog_import(records=records, actor_id=_actor(request))
        except FileRejectedError as error:
            form.add_error("file", str(error))
        except DocumentInvalidError as error:
            errors = error.errors
    return render(
        request,
        "backoffice/catalog/import.html",
        {"form": form, "errors": errors, "report": report},
    )


@monitor_required
def catalog_export_file(request: HttpRequest, kind: str) -> HttpResponse:
    document = catalog_export()
    stamp = timezone.localdate().strftime("%Y%m%d")
    if kind == "xlsx":
        response = HttpResponse(
            workbook_from_document(document),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="danh-muc-tthc-{stamp}.{kind}"'
    return response


@monitor_required
def translations(request: HttpRequest) -> HttpResponse:
    languages = dict(content_language_choices())
    language = request.GET.get("lang", "")
    rows = []
    if language in languages:
        for version in (
            version_list_current().select_related("procedure").order_by("procedure__code")[:500]
        ):
            translation = translation_get(version=version, language=language)
            rows.append(
                {
                    "version": version,
                    "translation": translation,
                    "outdated": bool(
                        translation and translation.source_hash != version_content_hash(version)
                    ),
                }
            )
    return render(
        request,
        "backoffice/catalog/translations.html",
        {
            "overview": translation_overview(),
            "language": language,
            "language_name": languages.get(language, ""),
            "rows": rows,
        },
    )


@monitor_required
def translation_edit(request: HttpRequest, version_id: int, language: str) -> HttpResponse:
    version = version_get(version_id=version_id)
    languages = dict(content_language_choices())
    if version is None or language not in languages:
        raise Http404
    translation = translation_get(version=version, language=language)
    initial = (
        {key: getattr(translation, key) for key in TranslationForm.base_fields}
        if translation
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    for field in form.fields.values():
        field.widget.attrs["lang"] = language  # spell-checkers and screen readers
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                version_id=version.pk,
                language=language,
                texts=form.cleaned_data,
                reviewed="review" in request.POST,
                actor_id=_actor(request),
            )
        except services.CatalogError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Translation saved."))
            return redirect(f"{request.path}")
    pairs = [(form[key], getattr(version, key)) for key in TranslationForm.base_fields]
    return render(
        request,
        "backoffice/catalog/translate.html",
        {
            "version": version,
            "language": language,
            "language_name": languages[language],
            "translation": translation,
            "outdated": bool(
                translation and translation.source_hash != version_content_hash(version)
            ),
            "form": form,
            "pairs": pairs,
        },
    )


@monitor_required
def audio(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.audio_batch_start(actor_id=_actor(request))
        messages.success(request, _("Audio generation queued; the background worker runs it."))
        return redirect("backoffice:catalog_audio")
    batch = audio_batch_latest()
    return render(
        request,
        "backoffice/catalog/audio.html",
        {"batch": batch, "running": bool(batch and batch.status in {"queued", "running"})},
    )
