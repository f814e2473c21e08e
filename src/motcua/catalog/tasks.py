"""Background jobs of the catalogue: load by id, call one service."""

from __future__ import annotations

from motcua.catalog import services
from motcua.core.tasks import task


@task()
def procedure_audio_generate(version_id: int) -> bool:
    return services.procedure_audio_generate(version_id=version_id)


@task()
def audio_batch_run(batch_id: int) -> int:
    return services.audio_batch_run(batch_id=batch_id).done
