from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "motcua.information"
    label = "information"
    verbose_name = _("Public information")
