from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectiveKind(models.TextChoices):
    CONCLUSION_NOTICE = "conclusion_notice", _("Conclusion notice")
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    PLAN = "plan", _("Plan")
    DECISION = "decision", _("Decision")


class Recurrence(models.TextChoices):
    NONE = "", _("Once")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter (in the last month of the quarter)")
    YEARLY = "yearly", _("Every year")


class TaskStatus(models.TextChoices):
    """Derived from the dates and the reports (directives/deadlines.py); never typed."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    OVERDUE = "overdue", _("Overdue")
    CANCELLED = "cancelled", _("Cancelled")


DONE = frozenset({TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE})


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Progress report")
    COMPLETION = "completion", _("Completion report")


class ReportReview(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the province office")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned with remarks")


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Deadline approaching")
    DUE_TODAY = "due_today", _("Deadline today")
    OVERDUE = "overdue", _("Overdue: escalated to the province office")
