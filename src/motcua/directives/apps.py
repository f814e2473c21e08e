from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "motcua.directives"
    verbose_name = _("Directive tasks")
