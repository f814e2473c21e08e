"""Citizen pages of the procedure catalogue: browse, search, a procedure, its forms and audio."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from motcua.catalog.constants import ONLINE_LEVELS, ServiceLevel
from motcua.catalog.search import procedure_search
from motcua.catalog.selectors import (
    audio_get,
    procedure_names,
    procedure_resolve_code,
    sector_list_with_counts,
    version_get_current,
    version_get_detail,
    version_list_current,
    version_list_public,
    version_localise,
)
from motcua.dossiers.selectors import procedure_processing_time
from motcua.information.selectors import article_list_for_procedure
from motcua.organisation.constants import AgencyKind, Tier

PAGE_SIZE = 25
QUERY_MAX_CHARS = 200


def content_language(request: HttpRequest) -> str:
    """The language procedure text is shown in: ?lang=…, else the interface language."""
    languages = settings.MOTCUA_CONTENT_LANGUAGES
    asked = request.GET.get("lang", "")
    if asked in languages:
        return asked
    current = get_language() or "vi"
    return current if current in languages else "vi"


def _clean_choice(value: str, allowed: list[str]) -> str:
    return value if value in allowed else ""


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """Browse by sector, tier, agency kind and service level; search with or without accents."""
    query = request.GET.get("q", "")[: QUERY_MAX_CHARS * 4].strip()[:QUERY_MAX_CHARS]
    sectors = sector_list_with_counts()
    filters = {
        "sector": _clean_choice(request.GET.get("linh-vuc", ""), [s.code for s, _n in sectors]),
        "tier": _clean_choice(request.GET.get("cap", ""), [Tier.PROVINCE, Tier.COMMUNE]),
        "agency_kind": _clean_choice(request.GET.get("co-quan", ""), list(AgencyKind.values)),
        "service_level": _clean_choice(request.GET.get("muc-do", ""), list(ServiceLevel.values)),
    }
    listing = version_list_public(**filters)
    if query:
        results = [hit.version for hit in procedure_search(query=query, base=listing, limit=100)]
    else:
        results = listing
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "portal/catalogue.html",
        {
            "query": query,
            "page": page,
            "searched": bool(query),
            "filters": filters,
            "filtered": any(filters.values()),
            "sectors": sectors,
            "tiers": [(Tier.PROVINCE, Tier.PROVINCE.label), (Tier.COMMUNE, Tier.COMMUNE.label)],
            "agency_kinds": AgencyKind.choices,
            "service_levels": ServiceLevel.choices,
            "page_query": params.urlencode(),
        },
    )


def _current_or_404(code: str) -> tuple[str, object]:
    resolved = procedure_resolve_code(code=code[:20])
    if resolved is None:
        raise Http404("procedure")
    version = version_get_current(code=resolved)
    if version is None:
        raise Http404("procedure version")
    return resolved, version


@require_GET
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    resolved, current = _current_or_404(code)
    if resolved != code:
        return HttpResponsePermanentRedirect(reverse("portal:procedure", args=[resolved]))
    version = version_get_detail(version_id=current.pk)  # type: ignore[attr-defined]
    language = content_language(request)
    localised = version_localise(version=version, language=language)
    channels = list(version.channels.all())
    related = [p.code for p in version.related_procedures.all()]
    bundled = [p.code for p in version.bundled_procedures.all()]
    bundling = list(
        version_list_current()
        .filter(bundled_procedures=version.procedure)
        .values_list("procedure__code", flat=True)
    )
    names = procedure_names(codes=[*related, *bundled, *bundling])
    return render(
        request,
        "portal/procedure.html",
        {
            "version": version,
            "procedure": version.procedure,
            "text": localised.texts,
            "localised": localised,
            "content_language": language,
            "content_language_name": settings.MOTCUA_CONTENT_LANGUAGES.get(language, ""),
            "content_languages": settings.MOTCUA_CONTENT_LANGUAGES,
            "channels": channels,
            "related": [(c, names.get(c, c)) for c in related],
            "bundled": [(c, names.get(c, c)) for c in bundled],
            "bundling": [(c, names.get(c, c)) for c in bundling],
            "online": version.service_level in ONLINE_LEVELS,
            "submit_url": settings.MOTCUA_SUBMIT_ONLINE_URL.format(code=version.procedure.code),
            "audio": audio_get(version=version),
            "articles": article_list_for_procedure(procedure_id=version.procedure_id),
            "hotline": settings.MOTCUA_HOTLINE,
            "processing_time": procedure_processing_time(procedure_id=version.procedure_id),
        },
    )


@require_GET
def procedure_form(request: HttpRequest, code: str, form_id: int) -> HttpResponse:
    """The uploaded form file, or a printable blank form built from its field labels."""
    _resolved, current = _current_or_404(code)
    form = next((f for f in current.forms.all() if f.pk == form_id), None)  # type: ignore[attr-defined]
    if form is None:
        raise Http404("form")
    if form.file:
        return FileResponse(
            form.file.open("rb"), as_attachment=True, filename=form.file.name.rsplit("/", 1)[-1]
        )
    return render(request, "portal/form_print.html", {"form": form, "version": current})


@require_GET
def procedure_audio(request: HttpRequest, code: str) -> HttpResponse:
    _resolved, current = _current_or_404(code)
    audio = audio_get(version=current)  # type: ignore[arg-type]
    if audio is None or not audio.file:
        raise Http404("audio")
    response = FileResponse(audio.file.open("rb"), content_type="audio/mpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response
