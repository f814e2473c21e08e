"""Background jobs of dossiers: the nightly integrity check of the hash chains."""

from __future__ import annotations

from motcua.core.tasks import task
from motcua.dossiers.integrity import integrity_verify


@task()
def integrity_verify_job() -> bool:
    """The scheduled job (nightly, MOTCUA_SCHEDULE); True when both chains are intact."""
    return integrity_verify().ok
