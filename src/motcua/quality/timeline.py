"""The 766 on-time rule for one dossier (REGULATION.md §1.4, indicator 2.1), as of any instant.

Pure: it takes the instants the dossier's events recorded and answers "counted on time?" at the
end of a period. The rule, from the VPCP technical document:

- the end of processing is the first terminal status reached (resolved > result returned >
  stopped / refused / withdrawn); if none is reached by the end of the period and the only
  pending event is *one* supplement request the citizen has not answered, the request's time is
  the end; otherwise the end of the period is;
- the citizen's supplement time (request → complete supplement) is subtracted from the end;
- more than one supplement request counts the dossier late;
- on time ⇔ end ≤ the appointment (NgayHenTra).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Timeline:
    received_at: datetime
    appointment: datetime | None  # None: no time limit, never late
    # (requested_at, resumed_at or None), in order
    supplements: tuple[tuple[datetime, datetime | None], ...] = ()
    final_at: datetime | None = None  # first terminal status, by the priority above

    def is_open_at(self, at: datetime) -> bool:
        return self.received_at <= at and (self.final_at is None or self.final_at > at)


def end_of_processing(timeline: Timeline, at: datetime) -> datetime:
    """The end the 766 rule compares, with the citizen's supplement time already subtracted."""
    requests = [(asked, back if back and back <= at else None)
                for asked, back in timeline.supplements if asked <= at]  # fmt: skip
    if timeline.final_at is not None and timeline.final_at <= at:
        end = timeline.final_at
    elif len(requests) == 1 and requests[0][1] is None:
        end = requests[0][0]
    else:
        end = at
    waited = sum((back - asked for asked, back in requests if back is not None), timedelta())
    return end - waited


def on_time_at(timeline: Timeline, at: datetime) -> bool:
    """Whether the dossier counts as (still) on time at the instant `at`."""
    requests = sum(1 for asked, _back in timeline.supplements if asked <= at)
    if requests > 1:
        return False
    if timeline.appointment is None:
        return True
    return end_of_processing(timeline, at) <= timeline.appointment
