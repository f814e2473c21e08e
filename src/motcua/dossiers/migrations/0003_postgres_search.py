"""PostgreSQL only: trigram indexes for the officers' dossier search.

`dossier_search` matches the folded applicant name anywhere (`LIKE '%…%'`), a phone number by
its end and a code by its tail; B-tree indexes only serve prefixes. With 100,000 dossiers in an
agency a name search went from 476 ms to 25 ms and a phone search from 173 ms to 9 ms
(bench/dossiers.py). pg_trgm is created by catalog/0002.
"""

from django.db import migrations

INDEXES = {
    "dossier_name_trgm": "applicant_name_folded",
    "dossier_phone_trgm": "applicant_phone",
    "dossier_code_trgm": "code",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON dossiers_dossier "
            f"USING gin ({column} gin_trgm_ops)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_processing_time_index"), ("catalog", "0002_postgres_search")]
    operations = [migrations.RunPython(forward, backward)]
