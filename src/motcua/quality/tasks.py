"""Background jobs of the quality app: the scheduled refresh of the 766 facts."""

from __future__ import annotations

from motcua.core.tasks import task
from motcua.quality import services


@task()
def quality_facts_refresh() -> int:
    """Bring the facts up to date; returns the number of dossiers re-derived."""
    return services.facts_refresh().dossiers
