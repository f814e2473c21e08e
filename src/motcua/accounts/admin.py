from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OfficerMembership, User


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
