"""Phones racing on one draft through the API, on PostgreSQL (SQLite serialises writers): the
same draft submitted from several phones and the portal at once gives one dossier; answers
sent at once from several phones with the same revision are saved once, the others told to
reload. No server error, whatever the interleaving."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from motcua.core.testing import hard_size, race
from motcua.dossiers.models import Dossier, OnlineDraft
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.services import draft_attach, draft_save_answers, draft_start
from motcua.dossiers.tests.conftest import World

from .test_drafts_api import PDF, _bearer, _ready_citizen

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = [pytest.mark.hard, pytest.mark.slow]


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks; CI runs it on PostgreSQL")


def _ready_draft(world: World) -> OnlineDraft:
    from motcua.catalog.selectors import eform_for_version

    citizen = _ready_citizen(world)
    draft = draft_start(citizen=citizen, version_id=world.version.pk)
    answers = {f.name: "Nội dung" for f in eform_for_version(version=world.version).fields}
    draft = draft_save_answers(citizen=citizen, draft_id=draft.pk, revision=0, answers=answers)
    for document in world.version.documents.all():
        if not document_is_conditional(document) and document.copy_kind != "presented":
            draft_attach(
                citizen=citizen, draft_id=draft.pk, required_document_id=document.pk,
                upload=SimpleUploadedFile("to-khai.pdf", PDF),
            )  # fmt: skip
    return draft


@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=True)
def test_one_draft_submitted_from_several_phones_and_the_portal_is_one_dossier(
    on_postgres: None, world: World, settings, tmp_path: Path, hard_figures: Callable[..., None]
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    rounds, phones = hard_size(2, 10), hard_size(6, 12)
    statuses: Counter[int] = Counter()
    codes: set[str] = set()
    losses = 0
    for n in range(rounds):
        Dossier.objects.filter(citizen=world.citizen).update(citizen=None)  # the next round's
        OnlineDraft.objects.all().delete()
        draft = _ready_draft(world)
        headers = _bearer(world.citizen)
        seen: list[tuple[int, str]] = []

        def submit(i: int, draft_id: int = draft.pk, headers: dict[str, str] = headers,
                   seen: list[tuple[int, str]] = seen, n: int = n) -> None:  # fmt: skip
            client = Client()
            if i == 0:  # the portal's button, in a browser session
                client.force_login(world.citizen)
                answer = client.post(
                    f"/ho-so-nhap/{draft_id}/nop/", {"revision": "1", "request_key": f"p{n}"}
                )
                seen.append((answer.status_code, ""))
                return
            answer = client.post(
                f"/api/v1/drafts/{draft_id}/submit",
                {"revision": 1, "request_key": f"r{n}-{i}"},
                content_type="application/json",
                **headers,
            )
            seen.append((answer.status_code, answer.json().get("code", "")))

        errors = race(phones, submit)
        draft.refresh_from_db()
        round_codes = {code for status, code in seen if status == 201}
        statuses.update(status for status, _code in seen)
        codes |= round_codes
        losses += len(errors) + sum(1 for status, _c in seen if status >= 500)
        losses += abs(len(round_codes) - 1)
        losses += abs(Dossier.objects.filter(citizen=world.citizen).count() - 1)
        assert errors == []
        assert draft.submitted_dossier is not None
        assert round_codes == {draft.submitted_dossier.code}
    hard_figures(cases=rounds * phones, losses=losses)
    assert losses == 0
    assert set(statuses) <= {201, 302}, statuses


@pytest.mark.django_db(transaction=True)
def test_answers_sent_at_once_with_one_revision_are_saved_once(
    on_postgres: None, world: World, hard_figures: Callable[..., None]
) -> None:
    phones = hard_size(8, 20)
    citizen = _ready_citizen(world)
    draft = draft_start(citizen=citizen, version_id=world.version.pk)
    headers = _bearer(citizen)
    from motcua.catalog.selectors import eform_for_version

    name = eform_for_version(version=world.version).fields[0].name
    seen: list[int] = []

    def answer(i: int) -> None:
        response = Client().patch(
            f"/api/v1/drafts/{draft.pk}/answers",
            {"revision": 0, "answers": {name: f"Phone {i}"}},
            content_type="application/json",
            **headers,
        )
        seen.append(response.status_code)

    errors = race(phones, answer)
    draft.refresh_from_db()
    losses = len(errors) + abs(seen.count(200) - 1) + abs(draft.revision - 1)
    hard_figures(cases=phones, losses=losses)
    assert errors == []
    assert sorted(seen) == [200] + [409] * (phones - 1)
    assert draft.revision == 1 and draft.answers[name].startswith("Phone ")


@pytest.mark.django_db(transaction=True)
def test_a_double_tap_on_pay_opens_one_transaction(  # type: ignore[no-untyped-def]
    on_postgres: None, pay, simulator, hard_figures: Callable[..., None]
) -> None:
    from motcua.payments.models import PaymentTransaction
    from motcua.payments.services import payment_request_for_fees

    rounds, taps = hard_size(2, 8), hard_size(4, 8)
    losses = 0
    outcomes: Counter[str] = Counter()
    for _round in range(rounds):
        request = payment_request_for_fees(dossier_id=pay.submit().pk)
        assert request is not None
        headers = _bearer(pay.citizen)
        seen: list[tuple[int, str]] = []

        def tap(_i: int, request_id: int = request.pk, headers: dict[str, str] = headers,
                seen: list[tuple[int, str]] = seen) -> None:  # fmt: skip
            answer = Client().post(f"/api/v1/me/payments/{request_id}/start", **headers)
            body = answer.json()
            seen.append((answer.status_code, body.get("reference") or body["error"]["code"]))

        errors = race(taps, tap)
        made = PaymentTransaction.objects.filter(request_id=request.pk).count()
        references = {ref for status, ref in seen if status == 201}
        outcomes.update(ref if status != 201 else "201" for status, ref in seen)
        losses += len(errors) + abs(made - 1) + abs(len(references) - 1)
        losses += sum(1 for status, ref in seen if status != 201 and ref != "payment_opening")
    hard_figures(cases=rounds * taps, losses=losses)
    assert losses == 0, outcomes
