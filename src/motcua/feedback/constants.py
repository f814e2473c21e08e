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


class FeedbackKind(models.TextChoices):
    """What a petition (PAKN) is about (the national portal's classification)."""

    REGULATION = "regulation", _("An administrative regulation or procedure")
    BEHAVIOUR = "behaviour", _("An officer's conduct")
    OTHER = "other", _("Something else")


class FeedbackChannel(models.TextChoices):
    PORTAL = "portal", _("Public service portal")
    HOTLINE = "hotline", _("Hotline 1022")
    APP = "app", _("Mobile app")


class FeedbackStatus(models.TextChoices):
    """Where a petition stands (a reduced set of the national portal's statuses, §4.3)."""

    AWAITING_ROUTING = "awaiting_routing", _("Waiting to be sent to an agency")
    PROCESSING = "processing", _("Being handled")
    REFUSED = "refused", _("Refused")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", _("Answer published")
