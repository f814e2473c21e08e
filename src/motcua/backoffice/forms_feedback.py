"""Forms of the petition (PAKN) screens: shapes only; feedback.services checks the rules and
refuses in sentences for people."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Sector
from motcua.catalog.selectors import sector_list
from motcua.feedback.constants import FeedbackChannel, FeedbackKind
from motcua.feedback.services import (
    ANSWER_LIMIT,
    CONTENT_LIMIT,
    NOTE_LIMIT,
    TITLE_LIMIT,
    FeedbackInput,
)
from motcua.organisation.constants import Tier
from motcua.organisation.models import AdministrativeUnit, Agency
from motcua.organisation.selectors import agency_list_valid_on, unit_list_valid_on
from motcua.quality.constants import PeriodKind


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Agency)
        return obj.name


def _text(label: Any, limit: int, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        widget=forms.Textarea({"rows": rows, "maxlength": limit}),
        **kwargs,
    )


class HotlineForm(forms.Form):
    """A call to the 1022 hotline, as the officer types it in."""

    kind = forms.ChoiceField(label=_("What is it about"), choices=FeedbackKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_LIMIT,
        required=False,
        help_text=_("Left empty, the first words of the content are used."),
    )
    content = _text(_("What the caller reports or suggests"), CONTENT_LIMIT, rows=8)
    name = forms.CharField(label=_("Caller's name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Caller's phone number"), max_length=20, required=False)
    anonymous = forms.BooleanField(
        label=_("Anonymous tip: the caller does not give a name"),
        required=False,
        help_text=_("The phone number may still be kept, to reach the caller if needed."),
    )
    dossier_code = forms.CharField(
        label=_("Dossier code, if the call is about a dossier"), max_length=40, required=False
    )
    sector: forms.ModelChoiceField[Sector] = forms.ModelChoiceField(
        label=_("Sector"), queryset=None, required=False
    )
    concerned_agency = AgencyChoiceField(
        label=_("Agency the caller speaks about"), queryset=None, required=False
    )
    unit: forms.ModelChoiceField[AdministrativeUnit] = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, required=False
    )

    def __init__(self, *args: Any, day: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["sector"].queryset = sector_list()
        fields["concerned_agency"].queryset = agency_list_valid_on(day=day).order_by("tier", "name")
        fields["unit"].queryset = unit_list_valid_on(day=day, tier=Tier.COMMUNE).order_by("name")

    def feedback_input(self) -> FeedbackInput:
        data = self.cleaned_data
        return FeedbackInput(
            channel=FeedbackChannel.HOTLINE,
            kind=data["kind"],
            title=data["title"],
            content=data["content"],
            name=data["name"],
            phone=data["phone"],
            anonymous=data["anonymous"],
            dossier_code=data["dossier_code"],
            sector_id=data["sector"].pk if data["sector"] else None,
            concerned_agency_id=data["concerned_agency"].pk if data["concerned_agency"] else None,
            unit_id=data["unit"].pk if data["unit"] else None,
        )


class RouteForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency that answers"), queryset=None)
    note = _text(_("Note (why this agency)"), NOTE_LIMIT, rows=2, required=False)

    def __init__(self, *args: Any, day: date, current: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = agency_list_valid_on(day=day).order_by("tier", "name")
        if current is not None:
            agencies = agencies.exclude(pk=current)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class RefuseForm(forms.Form):
    reason = _text(_("Reason for refusing (sent to the citizen)"), NOTE_LIMIT, rows=3)


class SupplementForm(forms.Form):
    question = _text(_("What the citizen should add"), NOTE_LIMIT, rows=3)


class DraftForm(forms.Form):
    text = _text(_("Answer to the citizen"), ANSWER_LIMIT, rows=10)


class ReturnForm(forms.Form):
    note = _text(_("What should change in the answer"), NOTE_LIMIT, rows=3)


class ApproveForm(forms.Form):
    """Nothing to type: the leader approves the draft shown above."""


class PublishForm(forms.Form):
    title = forms.CharField(label=_("Public title"), max_length=TITLE_LIMIT)
    content = _text(_("Public content"), CONTENT_LIMIT, rows=6)
    answer_text = _text(_("Public answer"), ANSWER_LIMIT, rows=8)


PERIOD_KINDS = [c for c in PeriodKind.choices if c[0] != PeriodKind.RANGE]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_KINDS, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    n = forms.IntegerField(label=_("Month or quarter"), required=False, min_value=1, max_value=12)
