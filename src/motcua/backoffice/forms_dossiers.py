"""Forms of the dossier screens. They check shapes; the services check the rules."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import Beneficiary, Channel, FeeCollection
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import fee_items
from motcua.dossiers.constants import RefusalReason, ResultForm, ReturnMethod
from motcua.dossiers.services import ApplicantData, Intake

_DESK_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]


class KeyedForm(forms.Form):
    """Every action form carries a one-time key (double clicks apply once) and the revision
    of the dossier it was drawn from (a stale form is refused)."""

    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("request_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)


class IntakeForm(KeyedForm):
    applicant_name = forms.CharField(label=_("Applicant's full name"), max_length=200)
    applicant_id_number = forms.CharField(
        label=_("ID number (12 digits)"), max_length=20, required=False
    )
    applicant_phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    applicant_email = forms.EmailField(label=_("Email"), required=False)
    applicant_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    applicant_unit = forms.ModelChoiceField(
        label=_("Commune of residence"),
        queryset=None,
        required=False,
        help_text=_("Decides which commune resolves a commune-level procedure."),
    )
    owner_name = forms.CharField(
        label=_("Owner of the dossier, if not the applicant"), max_length=200, required=False
    )
    population_data_used = forms.BooleanField(
        label=_("Details read from the population database (chip of the identity card, or VNeID)"),
        required=False,
        help_text=_("Tick only when the details were read, not typed in (QĐ 766 indicator 4.5)."),
    )
    channel = forms.ChoiceField(label=_("Received"), choices=_DESK_CHANNELS)
    documents = forms.ModelMultipleChoiceField(
        label=_("Components handed in"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    copies = forms.IntegerField(label=_("Number of sets"), min_value=1, max_value=20, initial=1)
    fee_collection = forms.ChoiceField(
        label=_("Fee"),
        choices=[("", _("As the procedure says")), *FeeCollection.choices],
        required=False,
        help_text=_("A dossier that owes nothing is always recorded as “no fee”."),
    )
    fee_claims = forms.MultipleChoiceField(
        label=_("Reduction or exemption claimed"),
        choices=[(b.value, b.label) for b in Beneficiary if b != Beneficiary.ONLINE_SUBMISSION],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick only after seeing the evidence the rule asks for."),
    )
    return_method = forms.ChoiceField(
        label=_("Return the result"), choices=ReturnMethod.choices, initial=ReturnMethod.AT_DESK
    )
    deciding_agency = forms.ModelChoiceField(
        label=_("Deciding agency"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to route by the procedure and the applicant's commune."),
    )

    def __init__(
        self,
        *args: Any,
        version: ProcedureVersion,
        units: Any,
        agencies: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["documents"].queryset = version.documents.all()  # type: ignore[attr-defined]
        self.fields["applicant_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["deciding_agency"].queryset = agencies  # type: ignore[attr-defined]
        # A quantity for each fee line charged per unit or due only in some cases.
        self.fee_fields: list[str] = []
        terms = version.channels.filter(channel=Channel.IN_PERSON).first()
        for item in fee_items(terms) if terms else []:
            if item.amount and (item.unit_label or item.conditional):
                name = f"fee_{item.line_id}"
                self.fields[name] = forms.IntegerField(
                    label=f"{item.description[:120]} ({item.unit_label or _('cases')})",
                    min_value=0,
                    max_value=1000,
                    initial=0 if item.conditional else 1,
                    required=False,
                )
                self.fee_fields.append(name)

    def intake(self) -> Intake:
        data = self.cleaned_data
        unit = data.get("applicant_unit")
        agency = data.get("deciding_agency")
        return Intake(
            version_id=self.version.pk,
            channel=data["channel"],
            applicant=ApplicantData(
                name=data["applicant_name"],
                id_number=data["applicant_id_number"],
                phone=data["applicant_phone"],
                email=data["applicant_email"],
                address=data["applicant_address"],
                unit_id=unit.pk if unit else None,
                owner_name=data["owner_name"],
            ),
            document_ids=[d.pk for d in data["documents"]],
            deciding_agency_id=agency.pk if agency else None,
            copies=data["copies"],
            fee_collection=data["fee_collection"] or None,
            fee_claims=frozenset(data["fee_claims"]),
            fee_quantities={
                int(name.removeprefix("fee_")): data[name]
                for name in self.fee_fields
                if data.get(name) is not None
            },
            return_method=data["return_method"],
            population_data_used=data["population_data_used"],
        )


class ReasonForm(KeyedForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=RefusalReason.choices)
    details = forms.CharField(
        label=_("Details the applicant will read"), widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(KeyedForm):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ForwardForm(NoteForm):
    to_position = forms.TypedChoiceField(
        label=_("Hand to"), coerce=int, required=False, empty_value=None
    )
    assignee = forms.TypedChoiceField(
        label=_("Officer"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        steps: list[tuple[int, str]],
        officers: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_position"].choices = [("", _("The next step")), *steps]  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [("", _("Anyone of that role")), *officers]  # type: ignore[attr-defined]


class SupplementForm(NoteForm):
    reasons = forms.CharField(
        label=_("Missing or faulty components"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: the component, a colon, what is wrong. E.g. Tờ khai: thiếu chữ ký."
        ),
    )

    def clean_reasons(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.cleaned_data["reasons"].splitlines():
            if not line.strip():
                continue
            document, sep, reason = line.partition(":")
            if not sep or not reason.strip():
                raise ValidationError(
                    _("Write “component: what is wrong” on each line (no colon on “%(line)s”).")
                    % {"line": line.strip()[:60]}
                )
            pairs.append((document.strip(), reason.strip()))
        return pairs


class ObligationForm(NoteForm):
    amount = forms.IntegerField(label=_("Amount owed (VND)"), min_value=1, required=False)


class ApproveForm(KeyedForm):
    form = forms.ChoiceField(label=_("Form of the result"), choices=ResultForm.choices)
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    file = forms.FileField(label=_("Electronic result (PDF)"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            head = upload.read(5)
            upload.seek(0)
            if head != b"%PDF-":
                raise ValidationError(_("The electronic result must be a PDF file."))
            if upload.size > 20 * 1024 * 1024:
                raise ValidationError(_("The file is larger than 20 MB."))
        return upload


class CertifyForm(KeyedForm):
    title = forms.CharField(
        label=_("Document certified"),
        max_length=300,
        help_text=_(
            "As written on the original, with its number, e.g. Bằng tốt nghiệp THPT số 123."
        ),
    )
    original_issuer = forms.CharField(
        label=_("Issued by (the original)"), max_length=300, required=False
    )


class ReturnForm(KeyedForm):
    method = forms.ChoiceField(label=_("Returned"), choices=ReturnMethod.choices)
    received_by_name = forms.CharField(label=_("Received by"), max_length=200, required=False)


class WithdrawForm(KeyedForm):
    reason = forms.CharField(
        label=_("The applicant's reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ApologyForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the dossier will be late"), widget=forms.Textarea(attrs={"rows": 3})
    )
    new_due_date = forms.DateField(
        label=_("New appointment (date)"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def new_due_at(self) -> datetime:
        from motcua.core.calendar import get_calendar

        calendar = get_calendar()
        return calendar.closing(self.cleaned_data["new_due_date"]).astimezone(
            timezone.get_current_timezone()
        )


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(KeyedForm):
    agency = forms.ModelChoiceField(label=_("Unit asked"), queryset=None)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    budget_hours = forms.DecimalField(
        label=_("Time to answer (working hours)"), min_value=1, max_value=200, initial=8
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class RegisterForm(forms.Form):
    start = forms.DateField(
        label=_("Received from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("to"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise ValidationError(_("The first day must not be after the last."))
        if start and end and (end - start).days > 366:  # noqa: PLR2004
            raise ValidationError(_("Export at most one year at a time."))
        return data


class AssignForm(KeyedForm):
    assignee = forms.TypedChoiceField(label=_("Officer"), coerce=int)

    def __init__(self, *args: Any, officers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = officers  # type: ignore[attr-defined]
