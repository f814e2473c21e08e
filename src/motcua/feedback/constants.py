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
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Waiting for more information")
    AWAITING_APPROVAL = "awaiting_approval", _("Answer waiting for the leader's approval")
    REFUSED = "refused", _("Refused")
    ANSWERED = "answered", _("Answered, waiting to be published")
    PUBLISHED = "published", _("Answer published")


# Where the agency still has to act (the clock of the current step runs).
FEEDBACK_OPEN = frozenset(
    {
        FeedbackStatus.AWAITING_ROUTING,
        FeedbackStatus.PROCESSING,
        FeedbackStatus.AWAITING_SUPPLEMENT,
        FeedbackStatus.AWAITING_APPROVAL,
    }
)


class FeedbackAction(models.TextChoices):
    """The steps of a petition's history (FeedbackEvent.action)."""

    SUBMITTED = "submitted", _("Received")
    ROUTED = "routed", _("Sent to an agency")
    TRANSFERRED = "transferred", _("Transferred to another agency")
    REFUSED = "refused", _("Refused")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("More information requested")
    SUPPLEMENTED = "supplemented", _("More information given")
    DRAFTED = "drafted", _("Answer drafted and sent for approval")
    RETURNED = "returned", _("Answer returned by the leader")
    APPROVED = "approved", _("Answer approved and sent to the citizen")
    PUBLISHED = "published", _("Answer published")
    RATED = "rated", _("Rated by the citizen")
    REOPENED = "reopened", _("Reopened after an unsatisfied rating")
