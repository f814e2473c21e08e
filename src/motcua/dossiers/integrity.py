"""The nightly integrity check: both hash chains recomputed, an alert on the first break.

The audit chain (`core.audit`) links every administrative event; each dossier's events form a
chain of their own (`DossierEvent.prev_hash`). Rows edited or removed in the database, outside
the services, no longer match their hashes. This module recomputes both, every night
(MOTCUA_SCHEDULE) or on demand (`manage.py integrity_verify`), records the outcome in the audit
chain and, on a break, writes a CRITICAL log line and e-mails the alert recipients
(MOTCUA_INTEGRITY_ALERT_EMAILS and every active system administrator with an address).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from motcua.accounts.constants import Role
from motcua.accounts.selectors import user_list_with_role
from motcua.core.audit import audit_chain_verify, audit_event_append
from motcua.dossiers.selectors.integrity import (
    DossierBreak,
    IntegrityReport,
    dossier_chains_verify,
)

__all__ = ["DossierBreak", "IntegrityReport", "dossier_chains_verify", "integrity_verify"]

logger = logging.getLogger(__name__)


def integrity_verify() -> IntegrityReport:
    """Recompute both chains; record the outcome; alert on a break. Returns the report."""
    report = dossier_chains_verify()
    report.audit = audit_chain_verify()
    audit_event_append(
        action="integrity.verified" if report.ok else "integrity.broken",
        payload={
            "audit_events": report.audit.checked,
            "audit_broken_event": report.audit.broken_event_id,
            "dossiers": report.dossiers_checked,
            "dossier_events": report.events_checked,
            "dossiers_broken": report.broken_count,
        },
    )
    if not report.ok:
        integrity_alert_send(report)
    return report


def integrity_alert_send(report: IntegrityReport) -> int:
    """CRITICAL log line and an e-mail to the alert recipients; the number of recipients.

    A mail failure is logged, never raised: the audit event and the log line are already there.
    """
    logger.critical("Integrity check failed:\n%s", report.summary())
    recipients = sorted(
        set(settings.MOTCUA_INTEGRITY_ALERT_EMAILS)
        | {u.email for u in user_list_with_role(role=Role.SYSTEM_ADMIN) if u.email}
    )
    if not recipients:
        return 0
    try:
        send_mail(
            subject=_("[Một Cửa] ALERT: a log hash chain is broken"),
            message=_(
                "The nightly integrity check found log rows that do not match their hash chain: "
                "rows may have been edited or deleted outside the system. Investigate, and "
                "restore from the latest intact backup if needed (docs/reliability.md)."
            )
            + "\n\n"
            + report.summary(),
            from_email=None,
            recipient_list=recipients,
        )
    except OSError:
        logger.exception("The integrity alert could not be e-mailed")
        return 0
    return len(recipients)
