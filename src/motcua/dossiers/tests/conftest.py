"""Dossier fixtures: the real units, demo agencies and officers, and the seed catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import document_is_conditional
from motcua.dossiers.services import ApplicantData, Intake, dossier_receive_new

MARRIAGE = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân (3 working days)


@dataclass
class World:
    desk: User
    other_desk: User
    specialist: User
    leader: User
    monitor: User
    citizen: User
    version: ProcedureVersion

    def intake(self, **overrides: Any) -> Intake:
        mandatory = [d.pk for d in self.version.documents.all() if not document_is_conditional(d)]
        values: dict[str, Any] = {
            "version_id": self.version.pk,
            "channel": "in_person",
            "applicant": ApplicantData(
                name="Nguyễn Thị Hoa",
                id_number="070190001234",
                phone="0912345678",
                address="Phường Đồng Xoài, tỉnh Đồng Nai",
            ),
            "document_ids": mandatory,
        }
        values.update(overrides)
        return Intake(**values)

    def receive(self, **overrides: Any) -> Dossier:
        return dossier_receive_new(actor=self.desk, intake=self.intake(**overrides))


@pytest.fixture
def world(seeded, seed_catalogue) -> World:  # type: ignore[no-untyped-def]
    from motcua.catalog.selectors import version_get_current

    version = version_get_current(code=MARRIAGE)
    assert version is not None
    users = {u.username: u for u in User.objects.all()}
    return World(
        desk=users["motcua"],
        other_desk=users["motcua2"],
        specialist=users["chuyenvien"],
        leader=users["lanhdao"],
        monitor=users["giamsat"],
        citizen=users["congdan"],
        version=version,
    )


# The national portal's simulator, for the sync's tests (started only when a test asks for it).
from motcua.dossiers.tests.portal import portal, portal_process  # noqa: E402, F401 - fixtures
