"""Payments of a dossier's fees and land obligations. Only `services.py` writes these tables.

A `PaymentRequest` is what a dossier owes one agency (its fees, or a land obligation set by the
tax office); `PaymentTransaction` is one attempt to pay it (online through a provider, or at the
desk), keyed by its reference (MaThamChieu); `PaymentEvent` is the append-only record of
everything that happened, callbacks refused included; `Refund` is money given back, with its
reason and the leader's approval.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.models import AppendOnlyModel
from motcua.dossiers.models import Dossier
from motcua.organisation.models import Agency, EffectiveDated
from motcua.payments.constants import (
    EventKind,
    Method,
    Purpose,
    RefundStatus,
    RequestStatus,
    TransactionStatus,
)


class PaymentAccount(EffectiveDated):
    """An agency's account at the payment platform: partner code and beneficiary account.
    The secret key is not here: `MOTCUA_PAYGOV_SECRETS` holds it, by partner code."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="payment_accounts")
    provider = models.CharField(_("provider"), max_length=20, default="paygov")
    partner_code = models.CharField(_("partner code (MaDoiTac)"), max_length=50)
    account_number = models.CharField(_("beneficiary account"), max_length=40)
    bank_code = models.CharField(_("bank code"), max_length=20)
    account_name = models.CharField(_("account name"), max_length=200)
    budget_account = models.CharField(_("state budget account"), max_length=40, blank=True)

    class Meta:
        ordering = ["agency", "-valid_from"]
        verbose_name = _("payment account")
        verbose_name_plural = _("payment accounts")

    def __str__(self) -> str:
        return f"{self.agency}: {self.partner_code} {self.account_number}"


class PaymentRequest(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payment_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    # One request per source: "fees" for a dossier's fees, "obligation:<event id>" for a land
    # obligation asked by that event. A receiver that runs twice creates nothing twice.
    source_key = models.CharField(max_length=60, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    lines = models.JSONField(_("lines"), default=list, blank=True)
    description = models.CharField(_("content"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.UNPAID
    )
    method = models.CharField(_("paid by"), max_length=10, choices=Method.choices, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("requested at"))
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["agency", "created_at"], name="payreq_agency_created"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payreq_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_at__isnull=False), name="payreq_paid_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier.code}: {self.amount}"


class PaymentTransaction(models.Model):
    request = models.ForeignKey(
        PaymentRequest, on_delete=models.PROTECT, related_name="transactions"
    )
    reference = models.CharField(_("reference (MaThamChieu)"), max_length=40, unique=True)
    provider = models.CharField(_("provider"), max_length=20)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=TransactionStatus.choices,
        default=TransactionStatus.STARTED,
    )
    partner_code = models.CharField(max_length=50, blank=True)
    payment_url = models.URLField(max_length=1000, blank=True)
    provider_transaction_id = models.CharField(
        _("platform transaction (MaGiaoDich)"), max_length=60, blank=True
    )
    bank_code = models.CharField(max_length=30, blank=True)
    error_code = models.CharField(max_length=10, blank=True)
    started_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)
    queried_at = models.DateTimeField(null=True, blank=True)
    query_count = models.PositiveSmallIntegerField(default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("payment transaction")
        verbose_name_plural = _("payment transactions")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "started_at"], name="paytx_status_started"),
        ]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="paytx_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.reference


class PaymentEvent(AppendOnlyModel):
    """Append-only: what happened to a request or a transaction, refused callbacks included
    (their request may be unknown). `idempotency_key` makes a confirmation apply once."""

    request = models.ForeignKey(
        PaymentRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    transaction = models.ForeignKey(
        PaymentTransaction, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=25, choices=EventKind.choices)
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    reference = models.CharField(max_length=60, blank=True, db_index=True)
    amount = models.BigIntegerField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


class Refund(models.Model):
    request = models.ForeignKey(PaymentRequest, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=RefundStatus.choices, default=RefundStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.amount}"
