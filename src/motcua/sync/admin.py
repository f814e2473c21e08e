from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.sync.models import SyncMessage
from motcua.sync.services import sync_messages_retry


@admin.register(SyncMessage)
class SyncMessageAdmin(admin.ModelAdmin[SyncMessage]):
    """The outbox for administrators: what failed, why, and a retry of stopped messages."""

    list_display = ("dossier_code", "sequence", "status", "attempts", "last_code", "last_error",
                    "next_attempt_at", "sent_at")  # fmt: skip
    list_filter = ("status", "last_code")
    search_fields = ("dossier_code",)
    readonly_fields = [f.name for f in SyncMessage._meta.fields]
    actions = ("retry",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send the stopped messages again"))
    def retry(self, request: HttpRequest, queryset: QuerySet[SyncMessage]) -> None:
        count = sync_messages_retry(message_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)s message(s) queued again.") % {"n": count},
                          messages.SUCCESS)  # fmt: skip
