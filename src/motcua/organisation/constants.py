from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    """Cấp hành chính. The district tier exists only until 30/06/2025."""

    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class AgencyKind(models.TextChoices):
    SERVICE_CENTRE = "service_centre", _("Public administration service centre")
    PROVINCE_OFFICE = "province_office", _("Office of the provincial people's committee")
    DEPARTMENT = "department", _("Department")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's committee")
    LAND_REGISTRATION_BRANCH = "land_registration_branch", _("Land registration branch")
    POLICE = "police", _("Police")
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")


# Bình Phước merged into Đồng Nai and the district tier was abolished on this day
# (REGULATION.md §0; NQ 202/2025/QH15 believed, unverified).
MERGER_DATE = date(2025, 7, 1)
LEGACY_LAST_DAY = date(2025, 6, 30)
# The package holds Bình Phước's units as they stood on 30/06/2025. Earlier boundary changes
# are not modelled; the legacy units are given this start so history from 2020 has a home.
LEGACY_VALID_FROM = date(2020, 1, 1)
