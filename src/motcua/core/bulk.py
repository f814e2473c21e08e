"""Bulk inserts below the ORM: COPY on PostgreSQL, executemany on SQLite (ADR 0010).

For writers of many rows at once (the daily 766 facts, a synthetic history), where building
model instances and `bulk_create`'s per-value preparation cost more than the database does.
Rows are plain values in the model's column order; what a row leaves out takes the field's
default. No signals, no `save()`: only for tables whose writers own every row they add.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import connection, models
from django.utils import timezone


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _text(value: Any) -> str:
    return str(value)


class BulkTable:
    """One model's table: its columns, the defaults of those a row leaves out, and the
    conversion each value needs on this database. `add` rows, then `flush` them in one go."""

    def __init__(self, model: type[models.Model], *, with_pk: bool = False) -> None:
        self.name = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        self.columns = [f.attname for f in fields]
        self.defaults: dict[str, Any] = {}
        now = timezone.now()
        for f in fields:
            if f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.null:
                self.defaults[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField | models.FileField):
                self.defaults[f.attname] = ""
        sqlite = connection.vendor == "sqlite"
        self.convert: list[tuple[int, Callable[[Any], Any]]] = []
        for index, f in enumerate(fields):
            if isinstance(f, models.JSONField):
                self.convert.append((index, _json))
            elif isinstance(f, models.DateTimeField) and sqlite:
                self.convert.append((index, connection.ops.adapt_datetimefield_value))
            elif isinstance(f, models.DecimalField | models.DateField) and sqlite:
                self.convert.append((index, _text))
        self.rows: list[list[Any]] = []

    def add(self, **values: Any) -> None:
        defaults = self.defaults
        self.rows.append([values[c] if c in values else defaults[c] for c in self.columns])

    def flush(self) -> int:
        """Insert the rows added since the last flush; returns how many."""
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        for row in rows:
            for index, convert in self.convert:
                if row[index] is not None:
                    row[index] = convert(row[index])
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # psycopg's own cursor: COPY is not in the DB-API
                with raw.copy(f"COPY {self.name} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {self.name} ({columns}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        return len(rows)
