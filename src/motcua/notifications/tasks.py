"""Background jobs of notifications: load by id, call one service."""

from __future__ import annotations

from motcua.core.tasks import task
from motcua.notifications import services


@task()
def notification_deliver(notification_id: int) -> str:
    return services.notification_deliver(notification_id=notification_id)


@task()
def notifications_deliver_due() -> int:
    """Send what is due again (the scheduled job; see MOTCUA_NOTIFICATION_RETRY_MINUTES)."""
    return services.notification_deliver_due()
