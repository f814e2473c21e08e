"""Reads of the public information pages."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from motcua.information.models import Article, ArticleTranslation

TRANSLATABLE = ("title", "summary", "body")


def article_list_published(*, kind: str = "") -> QuerySet[Article]:
    qs = Article.objects.filter(is_published=True, published_on__lte=timezone.localdate())
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-published_on", "title")


def article_get_published(*, slug: str) -> Article | None:
    return article_list_published().filter(slug=slug).prefetch_related("procedures").first()


def article_list_all() -> QuerySet[Article]:
    return Article.objects.order_by("-updated_at")


def article_get(*, article_id: int) -> Article | None:
    return Article.objects.filter(pk=article_id).first()


def article_list_for_procedure(*, procedure_id: int) -> QuerySet[Article]:
    return article_list_published().filter(procedures=procedure_id)


def article_source_hash(article: Article) -> str:
    return hashlib.sha256(
        "\x1f".join(getattr(article, k) for k in TRANSLATABLE).encode()
    ).hexdigest()


def article_localise(*, article: Article, language: str) -> tuple[dict[str, str], list[str]]:
    """The article's text in `language`, field by field, and the fields left in Vietnamese."""
    source = {key: getattr(article, key) for key in TRANSLATABLE}
    if language == "vi" or language not in settings.MOTCUA_CONTENT_LANGUAGES:
        return source, []
    translation = ArticleTranslation.objects.filter(article=article, language=language).first()
    texts, fallback = {}, []
    for key, original in source.items():
        value = getattr(translation, key, "") if translation else ""
        texts[key] = value or original
        if not value and original:
            fallback.append(key)
    return texts, fallback


def article_translation_get(*, article: Article, language: str) -> ArticleTranslation | None:
    return ArticleTranslation.objects.filter(article=article, language=language).first()
