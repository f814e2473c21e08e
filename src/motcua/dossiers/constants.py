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
    ASSIGN = "assign", _("Assign to an officer")
    REQUEST_OPINION = "request_opinion", _("Ask another unit for an opinion")
    GIVE_OPINION = "give_opinion", _("Give an opinion")
    REQUEST_SUPPLEMENT = "request_supplement", _("Request a supplement")
    SUBMIT_SUPPLEMENT = "submit_supplement", _("Supplement received")
    REQUEST_FINANCIAL_OBLIGATION = (
        "request_financial_obligation",
        _("Request the financial obligation"),
    )
    FULFIL_FINANCIAL_OBLIGATION = "fulfil_financial_obligation", _("Financial obligation fulfilled")
    PAY_FEES = "pay_fees", _("Fees paid")
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


class StepKind(models.TextChoices):
    PROCESS = "process", _("Processing step")
    OPINION = "opinion", _("Opinion of another unit")


class StepResult(models.TextChoices):
    FORWARDED = "forwarded", _("Forwarded")
    SENT_BACK = "sent_back", _("Sent back")
    ANSWERED = "answered", _("Opinion given")
    CLOSED = "closed", _("Closed with the dossier")


class Timeliness(models.TextChoices):
    """Trước hạn / đúng hạn / quá hạn; for dossiers compared by calendar date (REGULATION §2.2)."""

    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


class DeadlineState(models.TextChoices):
    """Where an open dossier stands against its due date; colours the queues."""

    ON_TRACK = "on_track", _("On track")
    DUE_SOON = "due_soon", _("Due within 2 working days")
    DUE_TODAY = "due_today", _("Due today")
    OVERDUE = "overdue", _("Overdue")
    PAUSED = "paused", _("Clock paused")


class SupplementClock(models.TextChoices):
    """What a complete supplement does to the clock (REGULATION §2.5 [GAP]); a setting."""

    PAUSE = "pause", _("Resume with the time that was left")
    RESTART = "restart", _("Restart the full time limit")


class RefusalStage(models.TextChoices):
    RECEIPT = "receipt", _("Refusal to receive (Mẫu 03)")
    RESOLUTION = "resolution", _("Refusal of the request")


class RefusalReason(models.TextChoices):
    """The taxonomy every refusal picks from; free text adds the specifics."""

    NOT_COMPETENT = "not_competent", _("Not within the competence of this agency")
    INELIGIBLE_SUBJECT = "ineligible_subject", _("The applicant is not a subject of the procedure")
    CONDITIONS_NOT_MET = "conditions_not_met", _("The conditions of the procedure are not met")
    INVALID_DOCUMENTS = "invalid_documents", _("Documents are invalid, false or expired")
    INCOMPLETE_AFTER_SUPPLEMENT = (
        "incomplete_after_supplement",
        _("Still incomplete after the supplement request"),
    )
    LEGAL_PROHIBITION = "legal_prohibition", _("The law does not allow the request")
    DISPUTE = "dispute", _("The subject of the request is in dispute or under court proceedings")
    OTHER = "other", _("Other reason")


class ApologyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, awaiting the leader")
    APPROVED = "approved", _("Approved and sent")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ResultForm(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic file")
    BOTH = "both", _("Paper and electronic file")


class ReturnMethod(models.TextChoices):
    AT_DESK = "at_desk", _("At the desk")
    POSTAL = "postal", _("By public postal service")
    ONLINE = "online", _("Online")
