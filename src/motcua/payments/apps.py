from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        from motcua.dossiers.services import dossier_event_committed
        from motcua.payments.receivers import on_dossier_event

        dossier_event_committed.connect(on_dossier_event, dispatch_uid="payments.dossier_event")
