"""The dossiers' event chains recomputed in one streamed pass (the nightly integrity check,
`dossiers.integrity`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from motcua.core.audit import GENESIS_HASH, ChainReport
from motcua.dossiers.models import Dossier, DossierEvent

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
