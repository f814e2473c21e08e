"""Background jobs of directives: the daily reminders and escalations."""

from __future__ import annotations

from motcua.core.tasks import task
from motcua.directives.services import directive_reminders_send


@task()
def directive_reminders_job() -> int:
    """The scheduled job (daily, MOTCUA_SCHEDULE)."""
    return directive_reminders_send()
