"""PostgreSQL only: unaccent + pg_trgm and a trigram index on the folded search column.

SQLite (and any other database) uses the folded column alone; see catalog/search.py.
Creating an extension needs a role allowed to do so (the database owner on PostgreSQL ≥ 13
for these trusted extensions).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_version_search_trgm "
    "ON catalog_procedureversion USING gin (search_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_version_content_fts "
    "ON catalog_procedureversion USING gin (to_tsvector('simple', content_folded))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS catalog_version_search_trgm",
    "DROP INDEX IF EXISTS catalog_version_content_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
