"""Background tasks of the kernel, and the one place the rest of the code imports `task` from.

Django 5.2 LTS has no ``django.tasks`` yet; the ``django-tasks`` backport provides the same API.
When the project moves to Django 6, only this import changes (ADR 0002).
"""

from __future__ import annotations

from django_tasks import task

from motcua.core.audit import audit_event_append

__all__ = ["system_heartbeat", "task", "tasks_requeue_stale_job", "uploads_sweep_orphans_job"]


@task()
def system_heartbeat(note: str = "") -> int:
    """Record that the background worker is alive; returns the audit event id.

    `make run` enqueues one at start-up, so an operator sees the worker work
    (`manage.py worker_status`).
    """
    return audit_event_append(action="system.heartbeat", payload={"note": note}).pk


@task()
def tasks_requeue_stale_job() -> int:
    """The scheduled job: jobs a dead worker left RUNNING go back to the queue."""
    from motcua.core.services import tasks_requeue_stale

    return tasks_requeue_stale()


@task()
def uploads_sweep_orphans_job() -> int:
    """The scheduled job: files a crash left without their row are deleted (after a day)."""
    from motcua.core.services import uploads_sweep_orphans

    return len(uploads_sweep_orphans())
