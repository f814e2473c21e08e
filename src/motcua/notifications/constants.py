from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed; passed to another channel")
    ABANDONED = "abandoned", _("Failed on every channel")


class MessageKind(models.TextChoices):
    """What a citizen is told about their dossier; one template per kind and language."""

    RECEIVED = "received", _("Dossier received")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    PAYMENT_DUE = "payment_due", _("Payment due")
    NEW_DATE = "new_date", _("Apology and new date")
    REFUSED = "refused", _("Dossier refused")
    RESULT_READY = "result_ready", _("Result ready")
    RETURNED = "returned", _("Result returned; please rate")
    FEEDBACK_RECEIVED = "feedback_received", _("Petition received")
    FEEDBACK_REFUSED = "feedback_refused", _("Petition refused")
    FEEDBACK_SUPPLEMENT = "feedback_supplement", _("Petition: more information requested")
    FEEDBACK_ANSWERED = "feedback_answered", _("Petition answered")
    DIRECTIVE_REMINDER = "directive_reminder", _("Directive task: deadline reminder")
    DIRECTIVE_ESCALATION = "directive_escalation", _("Directive task: overdue, escalated")
