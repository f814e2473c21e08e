"""Forms of the 766 dashboard: shapes only; the quality selectors and services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.organisation.constants import Tier
from motcua.quality.constants import Group, PeriodKind

COMPARE = (("previous", _("the previous period")), ("last_year", _("the same period last year")))
PEERS = (
    ("departments", _("Departments")),
    ("districts", _("Districts")),
    ("communes", _("Communes")),
)


class FilterForm(forms.Form):
    scope = forms.CharField(label=_("Scope"), max_length=40, required=False)
    id = forms.CharField(label=_("Which one"), max_length=20, required=False)
    code = forms.CharField(label=_("or one procedure (code)"), max_length=20, required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, required=False)
    year = forms.IntegerField(label=_("Year"), required=False)
    n = forms.IntegerField(label=_("Month or quarter"), required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))
    compare = forms.ChoiceField(label=_("Compare with"), choices=COMPARE, required=False)
    peers = forms.ChoiceField(label=_("Ranking of"), choices=PEERS, required=False)


class TargetForm(forms.Form):
    metric = forms.ChoiceField(label=_("Indicator"))
    tier = forms.ChoiceField(label=_("Tier"), choices=[("", "—"), *Tier.choices], required=False)
    agency = forms.TypedChoiceField(
        label=_("or one agency"), coerce=int, required=False, empty_value=None
    )
    percent = forms.DecimalField(
        label=_("Target (%)"), min_value=0, max_value=100, decimal_places=2
    )
    due_on = forms.DateField(label=_("To be reached by"), widget=forms.DateInput({"type": "date"}))
    decision = forms.CharField(label=_("Assigned by (decision)"), max_length=200, required=False)


class FiguresForm(forms.Form):
    group = forms.ChoiceField(label=_("Indicator group"), choices=Group.choices)
    period = forms.ChoiceField(
        label=_("Period"), choices=[c for c in PeriodKind.choices if c[0] != PeriodKind.RANGE]
    )
    year = forms.IntegerField(label=_("Year"))
    n = forms.IntegerField(label=_("Month or quarter"), required=False)
    file = forms.FileField(label=_("Response of the national portal (JSON)"))
