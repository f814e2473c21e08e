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
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.core.audit import GENESIS_HASH, ChainReport, audit_chain_verify, audit_event_append
from motcua.dossiers.models import Dossier, DossierEvent

logger = logging.getLogger(__name__)

# At most this many broken dossiers are named in a report (the count is always complete).
MAX_NAMED = 50


@dataclass(frozen=True)
class DossierBreak:
    code: str
    sequence: int | None  # the first event that does not match; None: the tail is missing
    reason: str


@dataclass
class IntegrityReport:
    audit: ChainReport
    dossiers_checked: int = 0
    events_checked: int = 0
    broken_count: int = 0
    broken: list[DossierBreak] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.audit.ok and self.broken_count == 0

    def summary(self) -> str:
        audit = (
            _("Audit chain: %(n)s events checked, intact.") % {"n": self.audit.checked}
            if self.audit.ok
            else _("Audit chain: %(n)s events checked, broken at event #%(id)s: %(reason)s.")
            % {
                "n": self.audit.checked,
                "id": self.audit.broken_event_id,
                "reason": self.audit.reason,
            }
        )
        lines = [
            audit,
            _("Dossier chains: %(d)s dossiers and %(e)s events checked, %(b)s broken.")
            % {"d": self.dossiers_checked, "e": self.events_checked, "b": self.broken_count},
        ]
        lines += [
            _("  %(code)s, event %(sequence)s: %(reason)s")
            % {"code": b.code, "sequence": b.sequence or "-", "reason": b.reason}
            for b in self.broken
        ]
        return "\n".join(lines)


def dossier_chains_verify(*, chunk_size: int = 5000) -> IntegrityReport:
    """Every dossier's event chain, in one ordered pass over dossiers and events (two streamed
    queries merged by dossier id: the memory used does not grow with the number of dossiers).

    A chain is broken where an event's sequence skips, its link does not name the previous
    event's hash, or its content does not hash to its own hash; where the dossier's status is
    not the last event's target (events removed at the end); and where a dossier has no event.
    """
    from motcua.dossiers.services import dossier_event_hash

    report = IntegrityReport(audit=ChainReport(0))

    def broken(code: str | None, sequence: int | None, reason: str) -> None:
        report.broken_count += 1
        if len(report.broken) < MAX_NAMED:
            report.broken.append(DossierBreak(code or "-", sequence, reason))

    dossiers = Dossier.objects.order_by("pk").values_list("pk", "code", "status")
    events = DossierEvent.objects.order_by("dossier_id", "sequence").iterator(chunk_size=chunk_size)
    event = next(events, None)
    for dossier_id, code, status in dossiers.iterator(chunk_size=chunk_size):
        report.dossiers_checked += 1
        expected_prev, expected_sequence, last_status = GENESIS_HASH, 1, None
        reason, at = "", None
        while event is not None and event.dossier_id == dossier_id:
            if not reason:
                report.events_checked += 1
                if event.sequence != expected_sequence:
                    reason = _("an event is missing before this one")
                elif event.prev_hash != expected_prev:
                    reason = _("the link to the previous event does not match")
                elif dossier_event_hash(event) != event.hash:
                    reason = _("the event's content does not match its hash")
                else:
                    expected_prev, expected_sequence = event.hash, expected_sequence + 1
                    last_status = event.to_status
                at = event.sequence if reason else None
            event = next(events, None)
        if reason:
            broken(code, at, reason)
        elif last_status is None:
            broken(code, None, _("the dossier has no events: its creation is not on record"))
        elif last_status != status:
            broken(code, None, _("the dossier's status is not its last event's"))
    return report


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
        | set(
            User.objects.filter(role=Role.SYSTEM_ADMIN, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
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
