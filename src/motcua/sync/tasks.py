"""Background job of the national sync: send what is due."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings

from motcua.core.tasks import task
from motcua.sync import services


@task()
def sync_send_job() -> dict[str, Any]:
    """The scheduled job: batches until nothing is due (about 50 s at most). Off unless
    `USE_DVCQG`: the messages wait in the outbox, nothing is lost."""
    if not settings.USE_DVCQG:
        return {"skipped": "USE_DVCQG is off"}
    return asdict(services.sync_send_all_due())
