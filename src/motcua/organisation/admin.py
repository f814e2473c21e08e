from __future__ import annotations

from django.contrib import admin

from motcua.organisation.models import AdministrativeUnit, Agency, OneStopDesk, UnitSuccession


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "code", "tier", "parent", "valid_from", "valid_to")
    list_filter = ("tier", "valid_from")
    search_fields = ("name", "code")
    raw_id_fields = ("parent",)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("predecessor", "successor", "effective_on", "is_primary")
    raw_id_fields = ("predecessor", "successor")


class DeskInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OneStopDesk
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "national_identifier", "kind", "tier", "valid_from", "valid_to")
    list_filter = ("kind", "tier", "valid_from")
    search_fields = ("name", "national_identifier")
    raw_id_fields = ("unit", "parent")
    inlines = (DeskInline,)
