"""`make backup` / `make restore` on PostgreSQL: after a disaster (rows added, rows edited behind
the services' back, stored files deleted), the restore brings back exactly what was backed up:
every table's row count, the audit chain (intact and ending on the same hash), every dossier's
event chain and every stored file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from motcua.core.audit import audit_chain_verify, audit_event_append
from motcua.core.backup import BackupError, backup_create, backup_restore, table_counts
from motcua.core.models import AuditEvent
from motcua.dossiers.integrity import integrity_verify
from motcua.dossiers.services import dossier_forward
from motcua.dossiers.tests.conftest import World

pytestmark = [pytest.mark.hard, pytest.mark.slow]


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the round trip is tested on PostgreSQL (pg_dump / pg_restore)")


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_rows_chains_and_files(  # type: ignore[no-untyped-def]
    on_postgres: None, world: World, tmp_path: Path, settings, hard_figures
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    dossiers = [world.receive() for _ in range(4)]
    dossier_forward(actor=world.desk, dossier_id=dossiers[0].pk)
    names = [
        default_storage.save(f"scans/ho-so-{n}.pdf", ContentFile(b"%PDF-1.7 " * (n + 1)))
        for n in range(3)
    ]
    audit_event_append(action="test.before_backup", payload={"n": 1})
    before = table_counts()
    head = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()

    backup = backup_create(root=tmp_path / "backups")
    assert (backup / "database.dump").stat().st_size > 0

    # The disaster: new rows, an edited audit row, a deleted and a changed file.
    world.receive()
    audit_event_append(action="test.after_backup")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'sửa lén' WHERE hash = %s", [head])
    assert not audit_chain_verify().ok
    default_storage.delete(names[0])
    (Path(settings.MEDIA_ROOT) / names[1]).write_bytes(b"changed")
    assert table_counts() != before

    report = backup_restore(source=backup)

    after = table_counts()
    assert after == before
    assert report.rows == sum(before.values()) and report.files == 3
    chain = audit_chain_verify()
    assert chain.ok and chain.checked == before["core_auditevent"]
    assert AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first() == head
    assert integrity_verify().ok
    for n, name in enumerate(names):
        assert default_storage.open(name).read() == b"%PDF-1.7 " * (n + 1)
    differing = sum(1 for t in before if after.get(t) != before[t])
    hard_figures(cases=sum(before.values()), faults=4, losses=differing)


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_does_not_match_its_manifest_fails(  # type: ignore[no-untyped-def]
    on_postgres: None, world: World, tmp_path: Path, settings
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    world.receive()
    backup = backup_create(root=tmp_path / "backups")
    manifest = backup / "manifest.json"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            '"dossiers_dossier": 1', '"dossiers_dossier": 2'
        ),
        encoding="utf-8",
    )
    with pytest.raises(BackupError, match="dossiers_dossier: 1 rows, expected 2"):
        backup_restore(source=backup)


def test_a_directory_without_a_manifest_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="manifest"):
        backup_restore(source=tmp_path)
