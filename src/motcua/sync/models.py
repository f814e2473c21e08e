"""The outbox of the national sync (docs/adr/0013-national-sync.md): one message per change of a
dossier, written in the transaction of the change, sent later in order per dossier.

This app sits below `dossiers` (which writes the messages), so it refers to dossiers by id only.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.sync.constants import MessageStatus


class SyncMessage(models.Model):
    """The dossier as the national portal must see it after one change (`HoSoDongBoDVC`, already
    in the portal's field names) and the processing step that change was, if any."""

    dossier_id = models.BigIntegerField(_("dossier"))
    dossier_code = models.CharField(_("dossier code"), max_length=40)
    sequence = models.PositiveIntegerField()  # order within the dossier
    dossier = models.JSONField()
    status_code = models.PositiveSmallIntegerField(null=True)  # TrangThaiHoSo, for reconciliation
    steps = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    problems = models.JSONField(default=list)  # our own check's findings: never sent
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_code = models.CharField(max_length=40, blank=True)
    last_error = models.TextField(blank=True)
    claim = models.CharField(max_length=32, blank=True)  # the sender holding it (its token)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["dossier_id", "sequence"], name="sync_message_order"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            # Only the waiting ones: the sent ones (nearly all rows) stay out of the index.
            models.Index(
                fields=["next_attempt_at"],
                name="sync_message_due",
                condition=models.Q(status=MessageStatus.PENDING),
            ),
        ]
        verbose_name = _("sync message")
        verbose_name_plural = _("sync messages")

    def __str__(self) -> str:
        return f"{self.dossier_code} #{self.sequence} ({self.status})"


class SyncState(models.Model):
    """Where a dossier stands with the national portal: whether the portal has it (create was
    accepted: later messages are updates) and the last message it accepted."""

    dossier_id = models.BigIntegerField(primary_key=True)
    created = models.BooleanField(default=False)
    last_sequence = models.PositiveIntegerField(default=0)
    synced_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("sync state")
        verbose_name_plural = _("sync states")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.last_sequence}"
