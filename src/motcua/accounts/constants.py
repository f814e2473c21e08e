from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The one role that decides a user's landing page and what they may do."""

    CITIZEN = "citizen", _("Citizen")
    COMMUNITY_HELPER = "community_helper", _("Community digital team member")
    DESK_OFFICER = "desk_officer", _("One-stop desk officer")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Leader")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    PROVINCE_MONITOR = "province_monitor", _("Province monitor")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles that work inside one or more agencies and are scoped by OfficerMembership.
AGENCY_ROLES = frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.AGENCY_ADMIN})
# Roles that see the whole province.
PROVINCE_WIDE_ROLES = frozenset({Role.PROVINCE_MONITOR, Role.SYSTEM_ADMIN})
PUBLIC_ROLES = frozenset({Role.CITIZEN, Role.COMMUNITY_HELPER})


class PersonalDataKind(models.TextChoices):
    """What an officer opened that holds a citizen's personal data (`PersonalDataAccess`)."""

    DOSSIER = "dossier", _("Dossier")
    CERTIFIED_COPY = "certified_copy", _("Certified copy request")
    DOSSIER_FILE = "dossier_file", _("A paper of a dossier")
    DOSSIER_PDF = "dossier_pdf", _("A slip or receipt of a dossier")
    DOCUMENT_STORE = "document_store", _("A document in your store")
    PETITION = "petition", _("Petition")
    PETITION_FILE = "petition_file", _("A file attached to a petition")


# The signing salt of the API's access tokens (accounts.services.app_session_start).
API_ACCESS_SALT = "motcua.api.access"
