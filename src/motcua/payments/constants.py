"""Payment states and kinds (REGULATION.md §4.2: Chưa thanh toán, Chờ thanh toán, Đã thanh toán,
Đã hoàn phí, Hủy thanh toán)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    UNPAID = "unpaid", _("Not paid")
    PENDING = "pending", _("Waiting for the payment platform")
    PAID = "paid", _("Paid")
    REFUNDED = "refunded", _("Refunded")
    CANCELLED = "cancelled", _("Payment cancelled")


class Purpose(models.TextChoices):
    FEES = "fees", _("Fees and charges")
    LAND_OBLIGATION = "land_obligation", _("Land financial obligation")


class Method(models.TextChoices):
    ONLINE = "online", _("Online (national payment platform)")
    CASH = "cash", _("Cash at the desk")
    TRANSFER = "transfer", _("Bank transfer")


DESK_METHODS = (Method.CASH, Method.TRANSFER)


class TransactionStatus(models.TextChoices):
    STARTED = "started", _("Started")
    CONFIRMED = "confirmed", _("Confirmed")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class EventKind(models.TextChoices):
    REQUESTED = "requested", _("Payment requested")
    STARTED = "started", _("Online payment started")
    START_FAILED = "start_failed", _("The payment platform could not be reached")
    CONFIRMED = "confirmed", _("Payment confirmed")
    FAILED = "failed", _("Payment failed")
    EXPIRED = "expired", _("Payment expired")
    QUERIED = "queried", _("Status asked of the platform")
    DUPLICATE = "duplicate", _("Repeated confirmation ignored")
    REJECTED = "rejected", _("Callback rejected")
    DESK_PAID = "desk_paid", _("Paid at the desk")
    DOSSIER_NOT_UPDATED = "dossier_not_updated", _("Paid, but the dossier could not be updated")
    CANCELLED = "cancelled", _("Payment cancelled")
    REFUND_REQUESTED = "refund_requested", _("Refund requested")
    REFUND_APPROVED = "refund_approved", _("Refund approved")
    REFUND_REFUSED = "refund_refused", _("Refund refused")


class RefundStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
