"""Background jobs of documents: the daily retention sweep of the citizen's store."""

from __future__ import annotations

from motcua.core.tasks import task
from motcua.documents import retention


@task()
def store_retention_sweep() -> dict[str, dict[str, int | None]]:
    """The scheduled job (daily, MOTCUA_SCHEDULE): store entries past their retention go."""
    return retention.store_retention_sweep().as_dict()
