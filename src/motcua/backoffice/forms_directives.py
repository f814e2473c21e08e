"""Forms of the directive task screens: shapes only; directives.services checks the rules (dates,
lead unit in service, recurrence) and refuses in sentences for people."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.forms_feedback import AgencyChoiceField
from motcua.directives.constants import DirectiveKind, Recurrence, ReportKind
from motcua.directives.models import Directive
from motcua.directives.services import (
    REPORT_LIMIT,
    TEXT_LIMIT,
    Deadline,
    DirectiveInput,
    TaskInput,
)
from motcua.organisation.models import Agency

# What the file inputs offer to pick (the services read the type from the content).
ACCEPT_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
TASK_FORMS = 3  # empty task forms on a new directive
MAX_TASKS = 60


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    # An <input type=date> shows and sends ISO dates, whatever the language's formats say.
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def _time(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


def _text(label: Any, limit: int, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        widget=forms.Textarea({"rows": rows, "maxlength": limit}),
        **kwargs,
    )


def _file(label: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=_("PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_FILES}),
    )


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Agency)
        return obj.name


class DirectiveChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Directive)
        return f"{obj.number} ({obj.issued_on:%d/%m/%Y})"


class DirectiveForm(forms.Form):
    number = forms.CharField(label=_("Number and sign"), max_length=60)
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DirectiveKind.choices)
    issued_on = _date(_("Issued on"))
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    signer = forms.CharField(label=_("Signed by"), max_length=200, required=False)
    summary = _text(_("Summary"), TEXT_LIMIT, rows=3)
    related = DirectiveChoiceField(
        label=_("Related directives"),
        queryset=None,
        required=False,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    file = _file(_("The directive (scanned or signed file)"))

    def __init__(self, *args: Any, directives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["related"].queryset = directives  # type: ignore[attr-defined]


class TaskForm(forms.Form):
    """One task of the directive; a form left empty is ignored."""

    content = _text(_("Task"), TEXT_LIMIT, rows=3, required=False)
    lead_agency = AgencyChoiceField(label=_("Lead unit"), queryset=None, required=False)
    coordinating = AgencyMultipleChoiceField(
        label=_("Coordinating units"),
        queryset=None,
        required=False,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    complete_by_day = _date(_("Complete by"), required=False)
    complete_by_at = _time(_("at (time, optional)"))
    report_by_day = _date(_("Report by"), required=False)
    report_by_at = _time(_("at (time, optional)"))
    recurrence = forms.ChoiceField(
        label=_("Recurrence"), choices=Recurrence.choices, required=False
    )
    recurrence_day = forms.IntegerField(
        label=_("Due on day of the month"),
        min_value=1,
        max_value=28,
        required=False,
        help_text=_("For a monthly or quarterly task (1 to 28)."),
    )
    recurrence_until = _date(_("Recurs until"), required=False)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["lead_agency"].queryset = agencies
        fields["coordinating"].queryset = agencies
        fields["lead_agency"].widget.attrs["class"] = "lead-agency"

    def task_input(self) -> TaskInput:
        data = self.cleaned_data

        def deadline(prefix: str) -> Deadline | None:
            day: date | None = data.get(f"{prefix}_day")
            return Deadline(day, data.get(f"{prefix}_at")) if day else None

        lead = data.get("lead_agency")
        return TaskInput(
            content=data.get("content") or "",
            lead_agency_id=lead.pk if lead else None,
            coordinating_ids=[a.pk for a in data.get("coordinating") or []],
            complete_by=deadline("complete_by"),
            report_by=deadline("report_by"),
            recurrence=data.get("recurrence") or Recurrence.NONE,
            recurrence_day=data.get("recurrence_day"),
            recurrence_until=data.get("recurrence_until"),
        )


class BaseTaskFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        self.agencies = agencies
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"agencies": self.agencies}

    def filled(self) -> list[TaskForm]:
        """The task forms typed in (once valid), in order; the empty ones left out."""
        return [f for f in self.forms if f.has_changed()]


def task_formset(
    data: Any = None,
    *,
    agencies: Any,
    initial: list[dict[str, Any]] | None = None,
    extra: int = TASK_FORMS,
) -> BaseTaskFormSet:
    """The task forms of a directive: `extra` empty ones after those of `initial`."""
    factory: Any = forms.formset_factory(
        TaskForm,
        formset=BaseTaskFormSet,
        extra=extra,
        max_num=MAX_TASKS,
        absolute_max=MAX_TASKS,
        validate_max=True,
    )
    formset = factory(data, prefix="task", initial=initial, agencies=agencies)
    assert isinstance(formset, BaseTaskFormSet)
    return formset


def directive_input(form: DirectiveForm, tasks: BaseTaskFormSet) -> DirectiveInput:
    data = form.cleaned_data
    return DirectiveInput(
        number=data["number"],
        kind=data["kind"],
        issued_on=data["issued_on"],
        issuer=data["issuer"],
        summary=data["summary"],
        signer=data["signer"],
        related_ids=[d.pk for d in data["related"]],
        tasks=[t.task_input() for t in tasks.filled()],
        file=data.get("file"),
    )


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of report"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        initial=ReportKind.PROGRESS,
    )
    text = _text(_("Report"), REPORT_LIMIT, rows=6)
    file = _file(_("Attached file"))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return")])
    note = _text(_("Remarks (required to return the report)"), TEXT_LIMIT, rows=2, required=False)


class CancelForm(forms.Form):
    reason = _text(_("Reason for cancelling"), TEXT_LIMIT, rows=2)
