"""Gap-free numbering under concurrency: the next value of a counter row, in one statement."""

from __future__ import annotations

from typing import Any

from django.db import connection, models


def counter_next(model: type[models.Model], *, field: str = "last_number", **keys: Any) -> int:
    """Increment the counter of `model` identified by `keys` (a unique constraint) and return it.

    One upsert: concurrent callers wait for each other on the row until commit, so the numbers
    are distinct; a rolled-back caller rolls its increment back, so there are no gaps.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(_column(model, name)) for name in keys]
    target = quote(_column(model, field))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}, {target}) "  # noqa: S608 - names, not data
        f"VALUES ({', '.join(['%s'] * len(columns))}, 1) "
        f"ON CONFLICT ({', '.join(columns)}) DO UPDATE SET {target} = {table}.{target} + 1 "
        f"RETURNING {target}"
    )
    values = [getattr(v, "pk", v) for v in keys.values()]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    assert row is not None
    return int(row[0])


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column
    return str(field.column)
