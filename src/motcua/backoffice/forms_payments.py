"""Forms of the payment screens (desk payment, refunds, reconciliation)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.forms_dossiers import KeyedForm
from motcua.payments.constants import DESK_METHODS, Method

_DESK = [(m.value, m.label) for m in Method if m in DESK_METHODS]


class DeskPaymentForm(KeyedForm):
    payment = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(label=_("Paid by"), choices=_DESK, initial=Method.CASH)
    amount = forms.IntegerField(label=_("Amount taken (đồng)"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class RefundForm(KeyedForm):
    payment = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.IntegerField(label=_("Amount to refund (đồng)"), min_value=1)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RefundDecisionForm(KeyedForm):
    refund = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReconciliationForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))


class ObligationsImportForm(forms.Form):
    file = forms.FileField(
        label=_("The tax office's notices (CSV: ma_ho_so; so_tien; noi_dung)"), required=False
    )
    text = forms.CharField(
        label=_("or paste the rows here"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        required=False,
        max_length=500_000,
    )
