"""Background jobs of payments: load by id, call one service."""

from __future__ import annotations

from motcua.core.tasks import task
from motcua.payments import services


@task()
def payments_reconcile_job() -> dict[str, int]:
    """The scheduled job: online payments whose callback never came are settled by QUERY."""
    return services.payments_reconcile()
