"""Citizen pages of public information: news, guides, FAQ, and the contact page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.core.text import fold
from motcua.information.constants import ArticleKind
from motcua.information.selectors import (
    article_get_published,
    article_list_published,
    article_localise,
)
from motcua.organisation.selectors import desk_list_current
from motcua.portal.views_catalog import content_language


@require_GET
def information(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("loai", "")
    kind = kind if kind in ArticleKind.values else ""
    articles = article_list_published(kind=kind)
    return render(
        request,
        "portal/information.html",
        {
            "kind": kind,
            "kinds": ArticleKind.choices,
            "faq": article_list_published(kind=ArticleKind.FAQ) if not kind else [],
            "articles": articles.exclude(kind=ArticleKind.FAQ) if not kind else articles,
        },
    )


@require_GET
def article(request: HttpRequest, slug: str) -> HttpResponse:
    item = article_get_published(slug=slug[:120])
    if item is None:
        raise Http404("article")
    language = content_language(request)
    texts, fallback = article_localise(article=item, language=language)
    return render(
        request,
        "portal/article.html",
        {
            "article": item,
            "text": texts,
            "fallback": fallback,
            "content_language": language,
            "content_language_name": settings.MOTCUA_CONTENT_LANGUAGES.get(language, ""),
            "content_languages": settings.MOTCUA_CONTENT_LANGUAGES,
        },
    )


@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    """The hotline and every one-stop desk in service today, filterable by name."""
    query = request.GET.get("q", "")[:100].strip()
    desks = list(desk_list_current())
    if query:
        folded = fold(query)
        desks = [d for d in desks if folded in fold(f"{d.name} {d.address}")]
    return render(
        request,
        "portal/contact.html",
        {"hotline": settings.MOTCUA_HOTLINE, "desks": desks, "query": query},
    )
