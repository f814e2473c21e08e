"""Digitisation and electronic results per tier and unit (766 4.1–4.5b inputs): linkage to the
citizen's store (4.4), population data and the national store (4.5b), the page, the desk's box."""

from __future__ import annotations

import html
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from motcua.documents.services import document_digitise
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.services import ApplicantData, dossier_receive_new
from motcua.dossiers.tests.conftest import World
from motcua.quality.constants import PeriodKind
from motcua.quality.models import DailyFact, DossierFact
from motcua.quality.periods import period_containing
from motcua.quality.selectors.digitisation import digitisation_rates
from motcua.quality.services import facts_refresh

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VN)  # a Monday
SCAN = b"%PDF-1.4\n% a scanned component\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _monday() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def _digitise(world: World, dossier: Dossier, *, from_national_store: bool = False) -> None:
    """The desk scans one component (which enters the applicant's store, if they have an ID)."""
    component = dossier.documents.exclude(copy_kind="presented").first()
    assert component is not None
    document_digitise(
        actor=world.desk, dossier_id=dossier.pk, document_id=component.pk,
        content=ContentFile(SCAN), from_national_store=from_national_store,
    )  # fmt: skip


def _fact(dossier: Dossier) -> DossierFact:
    return DossierFact.objects.get(pk=dossier.pk)


def _today_total(field: str) -> int:
    return DailyFact.objects.filter(day=NOW.date()).aggregate(s=Sum(field))["s"] or 0


def test_a_dossier_with_a_store_entry_counts_for_4_4_and_one_without_does_not(
    world: World,
) -> None:
    stored = world.receive()
    _digitise(world, stored)
    plain = world.receive()
    facts_refresh()
    assert _fact(stored).personal_store is True
    assert _fact(plain).personal_store is False
    assert (_today_total("personal_store"), _today_total("received")) == (1, 2)


def test_population_data_and_the_national_store_each_count_for_4_5b(world: World) -> None:
    typed = world.receive()
    read = world.receive(population_data_used=True)
    national = world.receive()
    _digitise(world, national, from_national_store=True)
    assert Dossier.objects.get(pk=read.pk).population_data_used is True
    facts_refresh()
    assert [_fact(d).citizen_data for d in (typed, read, national)] == [False, True, True]
    # Population data alone links nothing to the store; a component from the national store does.
    assert [_fact(d).personal_store for d in (typed, read, national)] == [False, False, True]
    assert (_today_total("citizen_data"), _today_total("personal_store")) == (2, 1)


def test_a_component_from_the_national_store_counts_for_4_4_even_without_our_store(
    world: World,
) -> None:
    """An applicant without an ID number gets no entry in our store; taking a component from
    the national store (DuocLayTuKhoDMQG) still counts, as the 766 docx says."""
    nameless = world.receive(applicant=ApplicantData(name="Thị Sen", phone="0912345679"))
    _digitise(world, nameless, from_national_store=True)
    facts_refresh()
    assert (_fact(nameless).personal_store, _fact(nameless).citizen_data) == (True, True)


def _three_here_one_elsewhere(world: World) -> str:
    """The desk's commune: one dossier in the store and read from the chip, one read from the
    chip, one typed; another commune: one typed. Returns the desk's commune's name."""
    both = world.receive(population_data_used=True)
    _digitise(world, both)
    world.receive(population_data_used=True)
    world.receive()
    dossier_receive_new(actor=world.other_desk, intake=world.intake())
    facts_refresh()
    return str(both.deciding_agency.unit.name)


def test_the_rates_per_tier_and_unit_come_from_the_facts(world: World) -> None:
    unit_name = _three_here_one_elsewhere(world)
    period = period_containing(PeriodKind.QUARTER, timezone.localdate())
    communes = next(g for g in digitisation_rates(period) if g.total.tier == "commune")
    tier, other, unit = communes.total, communes.units[0], communes.units[1]
    # Worst first: the other commune (one dossier, nothing linked or read), then the desk's.
    assert (other.received, other.points) == (1, Decimal("0.00"))
    assert tier.received == 4 and unit.label == unit_name and unit.received == 3
    in_store = unit.rate("SYNCED_WITH_DVCQG_PERSONAL_STORAGE")
    population = unit.rate("CITIZEN_DATA_CONNECTED_DOSSIER")
    assert (in_store.numerator, in_store.denominator, in_store.percent) == (1, 3, Decimal("33.3"))
    assert in_store.points == Decimal("1.33") and in_store.max_points == 4  # 4 × 1/3
    assert (population.numerator, population.denominator) == (2, 3)
    assert population.points == Decimal("1.33") and population.max_points == 2  # 2 × 2/3
    # 4.1: no electronic result yet, of 3 results that are documents; digitised (4.2) needs one.
    assert unit.rate("ORIGINAL_RESULT_AVAILABLE").denominator == 3
    assert unit.rate("SO_HOA_GIAY_TO_GIAI_QUYET").numerator == 0
    tier_store = tier.rate("SYNCED_WITH_DVCQG_PERSONAL_STORAGE")
    tier_population = tier.rate("CITIZEN_DATA_CONNECTED_DOSSIER")
    assert (tier_store.numerator, tier_store.denominator) == (1, 4)
    assert (tier_population.numerator, tier_population.denominator) == (2, 4)
    assert unit.points == Decimal("2.66") and unit.max_points == 18
    assert communes.without_store == 1  # the other commune
    assert all(u.received == 0 for u in communes.units[2:])  # units without dossiers last


def _row_of(page: str, label: str) -> str:
    """The table row of a unit (its cells' text)."""
    cell = re.escape(html.escape(label))
    found = re.search(rf"<tr>\s*<td>{cell}</td>(.*?)</tr>", page, re.DOTALL)
    assert found is not None, label
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))


def test_the_page_shows_the_counts_of_a_unit_and_its_tier_in_vietnamese(
    world: World,
    client: Any,
) -> None:
    unit_name = _three_here_one_elsewhere(world)
    client.force_login(world.monitor)
    url = reverse("backoffice:quality_digitisation")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    tier = page.split('id="tier-commune"', 1)[1].split("</table>", 1)[0]
    assert "Cấp xã" in page[: page.index('id="tier-commune"') + 200]
    assert re.search(
        r"Tỷ lệ hồ sơ sử dụng dữ liệu CSDL quốc gia về dân cư</th>\s*"
        r'<td class="num"[^>]*>2/4</td>\s*<td class="num"[^>]*>50,0%</td>\s*'
        r'<td class="num"[^>]*>1,00/2</td>',
        tier,
    )
    assert re.search(r"kho dữ liệu cá nhân</th>\s*<td[^>]*>1/4</td>\s*<td[^>]*>25,0%</td>", tier)
    row = _row_of(page, unit_name)
    # Received, 4.1, 4.2, 4.3, 4.4, 4.5b, the points together.
    assert row.split(" 0/3 ")[0].strip() == "3"
    assert "1/3 33,3% 1,33/4" in row and "2/3 66,7% 1,33/2" in row
    assert row.strip().endswith("2,66/18")
    assert url in client.get(reverse("backoffice:quality_payments")).content.decode()  # a tab
    client.force_login(world.citizen)
    assert client.get(url).status_code == 404
    client.force_login(world.desk)  # a desk officer does not read the index
    assert client.get(url).status_code == 404


def _intake_post(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": world.version.pk,
        "request_key": "form-1",
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_id_number": "070190001234",
        "channel": "in_person",
        "copies": 1,
        "fee_collection": "none",
        "return_method": "at_desk",
        "documents": [
            d.pk for d in world.version.documents.all() if not document_is_conditional(d)
        ],
        "receive": "",
    }
    data.update(overrides)
    return data


def test_the_desk_forms_box_reaches_the_dossier(world: World, client: Any) -> None:
    client.force_login(world.desk)
    url = reverse("backoffice:dossier_receive")
    form = client.get(url, {"version": world.version.pk}).content.decode()
    assert 'type="checkbox" name="population_data_used"' in form
    assert client.post(url, _intake_post(world, population_data_used="on")).status_code == 302
    assert client.post(url, _intake_post(world, request_key="form-2")).status_code == 302
    read, typed = Dossier.objects.order_by("pk")
    assert (read.population_data_used, typed.population_data_used) == (True, False)
    facts_refresh()
    assert (_fact(read).citizen_data, _fact(typed).citizen_data) == (True, False)
