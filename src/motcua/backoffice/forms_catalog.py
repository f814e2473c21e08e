"""Input shapes of the catalogue screens (no rules here: services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import (
    CODE_PATTERN,
    Channel,
    CopyKind,
    FeeKind,
    PublicationAction,
    ServiceLevel,
    TimeUnit,
)
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import sector_list
from motcua.organisation.constants import AgencyKind

FEE_PARTS = 3  # amount; kind; description
TEXT_FIELDS = ("steps", "methods", "subjects", "result", "conditions", "plain_summary")


class ProcedureCreateForm(forms.Form):
    code = forms.RegexField(
        label=_("National code"),
        regex=CODE_PATTERN,
        max_length=10,
        error_messages={"invalid": _("A procedure code looks like 1.004194.")},
    )
    name = forms.CharField(label=_("Name"), max_length=500)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=None)  # set in __init__
    executing_agency_kind = forms.ChoiceField(
        label=_("Kind of executing agency"), choices=AgencyKind.choices
    )
    service_level = forms.ChoiceField(label=_("Online service level"), choices=ServiceLevel.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ModelChoiceField)
        sector.queryset = sector_list()


class VersionForm(forms.ModelForm):
    class Meta:
        model = ProcedureVersion
        fields = [
            "name", "sector", "at_province", "at_commune", "at_district", "executing_agency_kind",
            "executing_agency", "deciding_authority", "service_level", "eligible_full_online",
            "result_is_document", "subject_is_citizen", "plain_summary", "steps", "methods",
            "subjects", "result", "conditions", "eform",
        ]  # fmt: skip
        widgets = {
            **{key: forms.Textarea(attrs={"rows": 5}) for key in TEXT_FIELDS},
            "eform": forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        }

    def clean_eform(self) -> Any:
        """Empty, or a definition `catalog/eforms.py` accepts (every problem listed)."""
        from motcua.catalog.eforms import EformDefinitionError, eform_parse

        value = self.cleaned_data.get("eform") or {}
        if value:
            try:
                eform_parse(value)
            except EformDefinitionError as error:
                raise forms.ValidationError(
                    _("The online form is not valid: %(problems)s")
                    % {"problems": "; ".join(error.problems)}
                ) from error
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("at_province") or data.get("at_commune") or data.get("at_district")):
            raise forms.ValidationError(_("Tick at least one tier."))
        return data


class DocumentForm(forms.Form):
    name = forms.CharField(label=_("Document"), max_length=1000)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100, initial=1)
    copy_kind = forms.ChoiceField(label=_("Form of the copy"), choices=CopyKind.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


DocumentFormSet = forms.formset_factory(DocumentForm, extra=2, can_delete=True, max_num=60)


class ChannelForm(forms.Form):
    offered = forms.BooleanField(label=_("Offered"), required=False)
    time_limit = forms.DecimalField(
        label=_("Time limit"), min_value=0.25, max_value=9999, decimal_places=2, required=False
    )
    time_unit = forms.ChoiceField(label=_("Unit"), choices=TimeUnit.choices)
    cutoff_time = forms.TimeField(
        label=_("Cut-off time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    description = forms.CharField(
        label=_("Notes on the time limit"), required=False, max_length=2000
    )
    fees = forms.CharField(
        label=_("Fees, one per line: amount in đồng; charge|fee|service_price; description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_fees(self) -> list[dict[str, Any]]:
        lines = [line.strip() for line in self.cleaned_data["fees"].splitlines() if line.strip()]
        fees = []
        for number, line in enumerate(lines, start=1):
            parts = [p.strip() for p in line.split(";", 2)]
            if len(parts) != FEE_PARTS or parts[1] not in FeeKind.values or not parts[2]:
                raise forms.ValidationError(
                    _(
                        "Line %(n)s: write “amount; kind; description”, e.g. “15000; charge; Lệ phí”."  # noqa: E501
                    )
                    % {"n": number}
                )
            amount_text = parts[0].replace(".", "").replace(" ", "")
            if amount_text and not amount_text.isdigit():
                raise forms.ValidationError(
                    _("Line %(n)s: the amount must be a whole number of đồng.") % {"n": number}
                )
            fees.append(
                {
                    "amount": int(amount_text) if amount_text else None,
                    "kind": parts[1],
                    "description": parts[2],
                    "exemption": "",
                }
            )
        return fees

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("offered") and not data.get("time_limit"):
            self.add_error("time_limit", _("Give the time limit of an offered channel."))
        return data


def channel_forms(
    data: Any = None, initial: dict[str, dict[str, Any]] | None = None
) -> list[tuple[str, str, ChannelForm]]:
    initial = initial or {}
    return [
        (
            value,
            str(label),
            ChannelForm(
                data,
                prefix=f"ch-{value}",
                initial=initial.get(value, {"time_unit": TimeUnit.WORKING_DAYS}),
            ),
        )
        for value, label in Channel.choices
    ]


class PublishForm(forms.Form):
    valid_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"})
    )


class PublicationForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=100)
    issuer = forms.CharField(label=_("Issued by"), max_length=300)
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    action = forms.ChoiceField(label=_("Action"), choices=PublicationAction.choices)
    published_on = forms.DateField(
        label=_("Made public on the national database"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Catalogue file (.json or .xlsx)"))


class TranslationForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=500)
    plain_summary = forms.CharField(
        label=_("Plain-language summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    steps = forms.CharField(
        label=_("Steps"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    methods = forms.CharField(
        label=_("Methods"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    subjects = forms.CharField(
        label=_("Subjects"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    result = forms.CharField(
        label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    conditions = forms.CharField(
        label=_("Requirements and conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def content_language_choices() -> list[tuple[str, str]]:
    return [
        (code, name) for code, name in settings.MOTCUA_CONTENT_LANGUAGES.items() if code != "vi"
    ]
