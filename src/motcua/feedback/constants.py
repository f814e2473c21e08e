from django.db import models
from django.utils.translation import gettext_lazy as _


class DissatisfactionReason(models.TextChoices):
    """Why a citizen was not satisfied (a list to pick from, plus a comment)."""

    LATE = "late", _("The result came late")
    EXTRA_DOCUMENTS = "extra_documents", _("I was asked for papers not on the list")
    MANY_VISITS = "many_visits", _("I had to come back too many times")
    UNCLEAR_GUIDANCE = "unclear_guidance", _("The guidance was unclear")
    STAFF_ATTITUDE = "staff_attitude", _("Staff were not helpful or polite")
    FEES = "fees", _("I paid more than the published fees")
    ONLINE_DIFFICULT = "online_difficult", _("The online service was hard to use")
    OTHER = "other", _("Something else")
