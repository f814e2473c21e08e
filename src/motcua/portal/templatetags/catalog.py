"""Template helpers of the catalogue pages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.catalog.constants import TimeUnit
from motcua.catalog.models import ChannelTerms
from motcua.catalog.selectors import LocalisedText
from motcua.core.money import vnd_digits

register = template.Library()


@register.simple_tag
def field_lang(localised: LocalisedText, key: str) -> SafeString:
    """`lang="…"` for one field: Vietnamese where it fell back, else the content language."""
    language = "vi" if key in localised.fallback else localised.language
    return format_html('lang="{}"', language)


@register.filter
def time_limit(terms: ChannelTerms) -> str:
    value = Decimal(terms.time_limit).normalize()
    number = f"{value:f}".replace(".", ",")
    count = int(value) if value == value.to_integral_value() else 2
    if terms.time_unit == TimeUnit.WORKING_DAYS:
        return ngettext("%(n)s working day", "%(n)s working days", count) % {"n": number}
    if terms.time_unit == TimeUnit.DAYS:
        return ngettext("%(n)s day", "%(n)s days", count) % {"n": number}
    return ngettext("%(n)s working hour", "%(n)s working hours", count) % {"n": number}


@register.filter
def vnd(amount: int | None) -> str:
    """15000 → "15.000 đ" (Vietnamese digit grouping)."""
    if amount is None:
        return ""
    if amount == 0:
        return _("Free of charge")
    return vnd_digits(amount) + " đ"
