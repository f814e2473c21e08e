from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.organisation.selectors import unit_get_province


def site(request: HttpRequest) -> dict[str, Any]:
    """The province this portal serves today (Bình Phước before 01/07/2025, then Đồng Nai)."""
    province = unit_get_province(day=timezone.localdate())
    province_name = (
        f"{province.unit_type.lower()} {province.short_name}" if province else _("the province")
    )
    # "tỉnh Đồng Nai": the unit type is lower-case inside a sentence (NĐ 30/2020 style).
    return {
        "site_province": province,
        "site_province_inline": province_name,
        "portal_name": _("Public service portal of %(province)s") % {"province": province_name},
        "sso_enabled": bool(settings.MOTCUA_OIDC_ISSUER),
    }
