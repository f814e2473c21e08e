"""A repeatable group on a phone: family members registering temporary residence together."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from motcua.catalog.selectors import version_get_current
from motcua.catalog.services import eform_seed_demo
from motcua.dossiers.models import OnlineDraft
from motcua.dossiers.services import draft_save_answers, draft_start
from motcua.dossiers.tests.conftest import World

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_entries_are_added_checked_removed_then_the_next_question(world: World, client) -> None:  # type: ignore[no-untyped-def]
    eform_seed_demo()
    version = version_get_current(code="1.004194")
    assert version is not None and version.eform
    draft = draft_start(citizen=world.citizen, version_id=version.pk)
    draft_save_answers(
        citizen=world.citizen, draft_id=draft.pk, revision=0, answers={"co_nguoi_cung": True}
    )
    step = [f["name"] for f in version.eform["fields"]].index("nguoi_cung")
    url = f"{reverse('portal:draft', args=[draft.pk])}?buoc={step}"
    client.force_login(world.citizen)
    page = client.get(url).content.decode()
    assert "Thành viên cùng đăng ký" in page
    bad = client.post(
        url,
        {
            "add": "1",
            "revision": 1,
            "entry-ho_ten": "Điểu Văn Bé",
            "entry-so_dinh_danh": "123",
            "entry-quan_he": "Con",
        },
    )
    assert "12 chữ số" in bad.content.decode()
    assert (
        client.post(
            url,
            {
                "add": "1",
                "revision": 1,
                "entry-ho_ten": "Điểu Văn Bé",
                "entry-so_dinh_danh": "070220001111",
                "entry-quan_he": "Con",
            },
        ).status_code
        == 302
    )
    draft = OnlineDraft.objects.get()
    assert draft.answers["nguoi_cung"] == [
        {"ho_ten": "Điểu Văn Bé", "so_dinh_danh": "070220001111", "quan_he": "Con"}
    ]
    assert "Điểu Văn Bé" in client.get(url).content.decode()
    client.post(url, {"remove": "0", "revision": draft.revision})
    draft.refresh_from_db()
    assert draft.answers["nguoi_cung"] == []
    done = client.post(url, {"done": "1"})
    assert done["Location"].endswith(f"?buoc={step + 1}")  # optional group: may stay empty
