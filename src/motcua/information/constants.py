from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    GUIDE = "guide", _("Guide")
    FAQ = "faq", _("Frequently asked question")
