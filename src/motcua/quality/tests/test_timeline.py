"""The 766 on-time rule per dossier (REGULATION.md §1.4, indicator 2.1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from motcua.quality.timeline import Timeline, end_of_processing, on_time_at

T0 = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)
DUE = T0 + timedelta(days=10)


def days(n: float) -> datetime:
    return T0 + timedelta(days=n)


def test_resolved_before_the_appointment_is_on_time_and_after_is_late():
    assert on_time_at(Timeline(T0, DUE, final_at=days(9)), days(30))
    assert on_time_at(Timeline(T0, DUE, final_at=days(10)), days(30))  # on the dot
    assert not on_time_at(Timeline(T0, DUE, final_at=days(11)), days(30))


def test_open_dossier_is_judged_at_the_end_of_the_period():
    open_dossier = Timeline(T0, DUE)
    assert on_time_at(open_dossier, days(5))
    assert not on_time_at(open_dossier, days(12))


def test_supplement_time_is_subtracted():
    # Asked on day 3, back on day 8: 5 days of the citizen's time; resolved on day 14.
    supplemented = Timeline(T0, DUE, supplements=((days(3), days(8)),), final_at=days(14))
    assert end_of_processing(supplemented, days(30)) == days(9)
    assert on_time_at(supplemented, days(30))
    without_subtraction = Timeline(T0, DUE, final_at=days(14))
    assert not on_time_at(without_subtraction, days(30))


def test_a_single_unanswered_supplement_ends_at_the_request():
    waiting = Timeline(T0, DUE, supplements=((days(3), None),))
    assert end_of_processing(waiting, days(60)) == days(3)
    assert on_time_at(waiting, days(60))
    late_request = Timeline(T0, DUE, supplements=((days(12), None),))
    assert not on_time_at(late_request, days(60))


def test_a_second_supplement_request_is_late():
    twice = Timeline(
        T0, DUE, supplements=((days(1), days(2)), (days(3), days(4))), final_at=days(5)
    )
    assert not on_time_at(twice, days(30))
    # … but only from the moment the second request exists.
    assert on_time_at(twice, days(2.5))


def test_as_of_an_earlier_instant_later_events_do_not_count():
    # At day 5 the supplement (asked day 3) was unanswered: the end was day 3.
    back_later = Timeline(T0, DUE, supplements=((days(3), days(20)),), final_at=days(22))
    assert end_of_processing(back_later, days(5)) == days(3)
    assert back_later.is_open_at(days(5))
    assert not back_later.is_open_at(days(22))
    assert not back_later.is_open_at(T0 - timedelta(seconds=1))
