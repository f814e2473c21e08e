"""Admin for the catalogue's reference tables. Procedures are edited in the back office
(drafts, versions, publishing); here only sectors and delegations, through services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from motcua.catalog.models import Delegation, Sector
from motcua.catalog.selectors import delegation_overlaps
from motcua.catalog.services import delegation_save


class DelegationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Delegation
        fields = (
            "procedure", "kind", "from_agency", "to_agency", "decision_number", "decision_date",
            "valid_from", "valid_to",
        )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        candidate = Delegation(pk=self.instance.pk, **{k: data.get(k) for k in self.Meta.fields})
        ready = data.get("procedure") and data.get("to_agency") and data.get("valid_from")
        if ready and delegation_overlaps(delegation=candidate):
            raise forms.ValidationError(
                _("This delegation overlaps another one to the same agency.")
            )
        return data


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin[Sector]):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    readonly_fields = ("code",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sectors arrive with the catalogue import

    def has_delete_permission(self, request: HttpRequest, obj: Sector | None = None) -> bool:
        return False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin[Delegation]):
    list_display = (
        "procedure",
        "kind",
        "from_agency",
        "to_agency",
        "decision_number",
        "valid_from",
        "valid_to",
    )
    list_filter = ("kind",)
    autocomplete_fields = ("from_agency", "to_agency")
    raw_id_fields = ("procedure",)
    form = DelegationForm

    def save_model(self, request: HttpRequest, obj: Delegation, form: Any, change: bool) -> None:
        delegation_save(delegation=obj, actor_id=request.user.pk)
