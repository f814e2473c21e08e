"""Dossier statuses and transitions (GLOSSARY.md "Dossier statuses", REGULATION.md §2.2).

Values are English slugs; the national numeric codes 1–10 live only in the national-portal
adapter's mapping, never here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Draft dossier")
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    RECEIPT_REFUSED = "receipt_refused", _("Receipt refused")
    PROCESSING = "processing", _("Processing")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Awaiting supplement")
    AWAITING_FINANCIAL_OBLIGATION = (
        "awaiting_financial_obligation",
        _("Awaiting financial obligation"),
    )
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
    STOPPED = "stopped", _("Processing stopped")
    RESOLVED = "resolved", _("Resolved")
    RESULT_RETURNED = "result_returned", _("Result returned")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class Transition(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    RECEIVE = "receive", _("Receive")
    REFUSE_RECEIPT = "refuse_receipt", _("Refuse receipt")
    FORWARD = "forward", _("Forward")
    REQUEST_SUPPLEMENT = "request_supplement", _("Request a supplement")
    SUBMIT_SUPPLEMENT = "submit_supplement", _("Supplement received")
    REQUEST_FINANCIAL_OBLIGATION = (
        "request_financial_obligation",
        _("Request the financial obligation"),
    )
    FULFIL_FINANCIAL_OBLIGATION = "fulfil_financial_obligation", _("Financial obligation fulfilled")
    EXTEND_DEADLINE = "extend_deadline", _("Apologise and set a new date")
    WITHDRAW = "withdraw", _("Withdraw")
    STOP = "stop", _("Stop processing")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN_RESULT = "return_result", _("Return the result")


# Still running: the deadline matters and the dossier shows in queues.
OPEN_STATUSES = frozenset(
    {
        DossierStatus.SUBMITTED,
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.AWAITING_SUPPLEMENT,
        DossierStatus.AWAITING_FINANCIAL_OBLIGATION,
    }
)
# The clock is stopped while the applicant owes something.
PAUSED_STATUSES = frozenset(
    {DossierStatus.AWAITING_SUPPLEMENT, DossierStatus.AWAITING_FINANCIAL_OBLIGATION}
)
FINAL_STATUSES = frozenset(
    {
        DossierStatus.RECEIPT_REFUSED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RESULT_RETURNED,
    }
)
