"""Admin for the calendar tables (maintained yearly by the province office) and the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.core.audit import audit_event_append
from motcua.core.calendar import calendar_invalidate
from motcua.core.models import AuditEvent, Holiday, SwappedWorkday


class CalendarAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every change is audited and refreshes this process's cached calendar."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_event_append(
            action=f"calendar.{obj._meta.model_name}.{'changed' if change else 'added'}",
            actor_id=request.user.pk,
            object_type=obj._meta.label_lower,
            object_id=obj.pk,
            payload={"date": obj.date.isoformat()},
        )
        calendar_invalidate()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_event_append(
            action=f"calendar.{obj._meta.model_name}.deleted",
            actor_id=request.user.pk,
            object_type=obj._meta.label_lower,
            object_id=obj.pk,
            payload={"date": obj.date.isoformat()},
        )
        super().delete_model(request, obj)
        calendar_invalidate()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Holiday)
class HolidayAdmin(CalendarAdminMixin):
    list_display = ("date", "name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)
    date_hierarchy = "date"


@admin.register(SwappedWorkday)
class SwappedWorkdayAdmin(CalendarAdminMixin):
    list_display = ("date", "replaces", "note")
    date_hierarchy = "date"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("pk", "occurred_at", "action", "object_type", "object_id", "actor")
    list_filter = ("action",)
    search_fields = ("object_id", "action")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
