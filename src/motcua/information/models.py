"""Public information of the province's communication plan: news, guides, FAQ."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure, Sector
from motcua.core.models import TimeStampedModel
from motcua.information.constants import ArticleKind


class Article(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=10, choices=ArticleKind.choices)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), help_text=_("Paragraphs separated by a blank line."))
    is_published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="articles", verbose_name=_("sectors")
    )
    procedures = models.ManyToManyField(
        Procedure, blank=True, related_name="articles", verbose_name=_("procedures")
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["kind", "is_published", "published_on"], name="article_listing_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ArticleTranslation(TimeStampedModel):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    source_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("article translation")
        verbose_name_plural = _("article translations")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["article", "language"], name="article_translation_unique"
            ),
        ]
