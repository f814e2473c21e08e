from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    DEAD = "dead", _("Stopped: needs an administrator")


class DossierSyncStatus(models.TextChoices):
    SYNCED = "synced", _("Synchronised")
    PENDING = "pending", _("Waiting")
    FAILED = "failed", _("Failing")
    NONE = "none", _("Not yet queued")
