from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import AdminLoginForm
from motcua.accounts.models import OfficerMembership, PersonalDataAccess, User

# /admin/login/ goes through the lockout and the per-connection limit too.
admin.site.login_form = AdminLoginForm


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OfficerMembership
    extra = 0
    autocomplete_fields = ("agency",)
    fk_name = "user"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "full_name", "role", "is_active", "locked_until")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email", "phone")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Một Cửa"),
            {"fields": ("full_name", "phone", "role", "failed_login_count", "locked_until")},
        ),
    )
    inlines = (MembershipInline,)


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the log is append-only, written by `personal_data_access_record` alone."""

    list_display = ("at", "officer", "agency", "kind", "reference", "purpose")
    list_filter = ("kind",)
    search_fields = ("reference", "officer__username", "officer__full_name")
    date_hierarchy = "at"
    list_select_related = ("officer", "agency")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
