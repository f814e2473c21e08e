"""`seed_demo` loads everything once and is idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.catalog.models import AudioBatch, Procedure
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_chain_verify
from motcua.information.models import Article

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_catalogue_once_and_queues_audio(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("seed_demo", stdout=out)
    assert "+49 mới" in out.getvalue()
    assert Procedure.objects.count() == 49
    assert Article.objects.filter(is_published=True).count() == 5
    assert AudioBatch.objects.count() == 1
    assert "Hồ sơ mẫu tại Bộ phận Một cửa: +5" in out.getvalue()
    statuses = sorted(Dossier.objects.values_list("status", flat=True))
    assert statuses == ["processing", "processing", "processing", "received", "resolved"]
    assert all(dossier_chain_verify(dossier=d).ok for d in Dossier.objects.all())
    assert len(callbacks) >= 1  # the audio batch is enqueued after commit
    again = StringIO()
    call_command("seed_demo", stdout=again)
    assert "+0 mới, 49 không đổi" in again.getvalue()
    assert AudioBatch.objects.count() == 1
    assert Dossier.objects.count() == 5
