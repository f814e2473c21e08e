from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "motcua.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The dossier services announce each committed event; we turn it into messages.
        from motcua.dossiers.services import dossier_event_committed
        from motcua.notifications.receivers import on_dossier_event

        dossier_event_committed.connect(on_dossier_event, dispatch_uid="notifications.dossier")
        # The same for petitions (PAKN).
        from motcua.feedback.signals import feedback_committed
        from motcua.notifications.receivers import on_feedback_event

        feedback_committed.connect(on_feedback_event, dispatch_uid="notifications.feedback")
        # Reminders and escalations of directive tasks, to officers.
        from motcua.directives.signals import directive_reminder
        from motcua.notifications.receivers import on_directive_reminder

        directive_reminder.connect(on_directive_reminder, dispatch_uid="notifications.directive")
