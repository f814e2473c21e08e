"""Properties of dossier codes (REGULATION.md §2.4, TT 01/2018/TT-VPCP Art. 19).

`{agency identifier}-{YYMMDD}-{NNNN}`: the first block is the agency's QCVN 102:2016 identifier
(V1V2V3.Z1Z2.Y1Y2.MX1X2), YYMMDD the receipt date, NNNN the number of dossiers the agency
received that day. For any agencies, days and order of receptions, every code matches the
format, parses back to the agency, the day and its number, and the numbers of each (agency, day)
run 1, 2, 3 … without gaps or repeats.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from django.db import transaction
from hypothesis import example, given
from hypothesis import strategies as st

from motcua.dossiers.models import Dossier, DossierCodeSequence
from motcua.dossiers.services import DossierError, dossier_code_next
from motcua.organisation.constants import AgencyKind, Tier
from motcua.organisation.models import AdministrativeUnit, Agency

pytestmark = [pytest.mark.hard, pytest.mark.django_db]

CODE = re.compile(
    r"(?P<agency>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(?P<day>\d{2}[01]\d[0-3]\d)-(?P<number>\d{4,})"
)
identifiers = st.builds(
    "{:03d}.{:02d}.{:02d}.{}{:02d}".format,
    st.integers(0, 999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from("ABCDGHKX"),
    st.integers(0, 99),
)
CODE_MAX_LENGTH = int(Dossier._meta.get_field("code").max_length or 0)
# YYMMDD cannot tell centuries apart: days from TT 01/2018 until 2068 parse back unambiguously.
days = st.dates(date(2018, 1, 1), date(2068, 12, 31))


class _RollbackError(Exception):
    pass


def _agency(unit: AdministrativeUnit, identifier: str) -> Agency:
    return Agency.objects.create(
        name=f"Cơ quan {identifier}",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        tier=Tier.COMMUNE,
        unit=unit,
        national_identifier=identifier,
        valid_from=date(2018, 1, 1),
    )


@pytest.fixture
def unit(db) -> AdministrativeUnit:  # type: ignore[no-untyped-def]
    return AdministrativeUnit.objects.create(
        code="99999",
        name="Xã Thử nghiệm",
        short_name="Thử nghiệm",
        unit_type="Xã",
        tier=Tier.COMMUNE,
        valid_from=date(2018, 1, 1),
    )


def test_codes_match_parse_back_and_are_gap_free(unit: AdministrativeUnit, hard_figures) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    codes_made: list[int] = []

    @given(
        st.lists(identifiers, min_size=1, max_size=3, unique=True),
        st.lists(days, min_size=1, max_size=3, unique=True),
        st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=25),
        st.sampled_from([0, 0, 9997]),
    )
    # Beyond 9999 a day's number grows a digit and stays unique.
    @example(["000.00.06.H56"], [date(2023, 10, 27)], [(0, 0)] * 4, 9997)
    def check(
        ids: list[str], day_list: list[date], receptions: list[tuple[int, int]], already: int
    ) -> None:
        seen.append(1)
        try:
            with transaction.atomic():
                agencies = [_agency(unit, identifier) for identifier in ids]
                if already:
                    DossierCodeSequence.objects.create(
                        agency=agencies[0], day=day_list[0], last_number=already
                    )
                expected: Counter[tuple[str, date]] = Counter({(ids[0], day_list[0]): already})
                codes = []
                for a, d in receptions:
                    agency, day = agencies[a % len(agencies)], day_list[d % len(day_list)]
                    code = dossier_code_next(agency=agency, day=day)
                    expected[(agency.national_identifier, day)] += 1
                    match = CODE.fullmatch(code)
                    assert match, code
                    assert match["agency"] == agency.national_identifier
                    assert datetime.strptime(match["day"], "%y%m%d").date() == day  # noqa: DTZ007
                    assert int(match["number"]) == expected[(agency.national_identifier, day)]
                    assert len(code) <= CODE_MAX_LENGTH
                    codes.append(code)
                assert len(set(codes)) == len(codes)
                for (identifier, day), last in expected.items():
                    row = DossierCodeSequence.objects.filter(
                        agency__national_identifier=identifier, day=day
                    ).first()
                    assert (row.last_number if row else 0) == last
                codes_made.append(len(codes))
                raise _RollbackError
        except _RollbackError:
            pass

    check()
    hard_figures(cases=len(seen))
    assert sum(codes_made) >= len(seen)


def test_invalid_inputs_raise_a_clear_error(unit: AdministrativeUnit, hard_figures) -> None:  # type: ignore[no-untyped-def]
    """An agency whose identifier is not a QCVN 102 identifier, or a day that is not a date,
    is refused before a number is taken: the counter does not move."""
    seen: list[int] = []

    @given(
        st.one_of(
            st.just(""),
            # No NUL: PostgreSQL text cannot store it, so no agency could carry it.
            st.text(
                st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=20
            ),
            identifiers.map(lambda i: i + "-X"),
            identifiers.map(lambda i: " " + i),
            identifiers.map(str.lower),
        ),
        days,
    )
    def check(identifier: str, day: date) -> None:
        seen.append(1)
        if re.fullmatch(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}", identifier):
            return  # generated text that happens to be valid
        try:
            with transaction.atomic():
                agency = _agency(unit, identifier)
                with pytest.raises(DossierError, match="QCVN 102"):
                    dossier_code_next(agency=agency, day=day)
                assert not DossierCodeSequence.objects.filter(agency=agency).exists()
                raise _RollbackError
        except _RollbackError:
            pass

    check()
    hard_figures(cases=len(seen))


@pytest.mark.parametrize(
    "day", [datetime(2025, 1, 2, 10, 0, tzinfo=UTC), "2025-01-02", None, 250102], ids=repr
)
def test_a_day_that_is_not_a_date_is_refused(unit: AdministrativeUnit, day: object) -> None:
    agency = _agency(unit, "000.00.06.H56")
    with pytest.raises(TypeError, match="date"):
        dossier_code_next(agency=agency, day=day)  # type: ignore[arg-type]
    assert not DossierCodeSequence.objects.exists()
