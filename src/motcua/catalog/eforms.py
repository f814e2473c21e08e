"""E-forms: the online form of a procedure version as data (JSON), checked and applied here.

A definition is ``{"fields": [...]}``; each field has a ``name`` (a slug), a ``label``
(Vietnamese), a ``type`` and optionally ``required`` (default true), ``help``, ``options`` (for
``select``), ``when`` (``{"field": name, "equals": value}``: asked only then) and, for a
``group``, ``fields`` (the repeated sub-fields) and ``max`` (repeats). Types: text, number,
date, select, id_number, phone, unit (a commune or ward of the real list), yes_no, group.

Pure: no database. The unit check gets the set of valid unit ids from the caller.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from motcua.core.identity import IdentifierInvalidError, id_number_clean, phone_clean

FIELD_TYPES = frozenset(
    {"text", "number", "date", "select", "id_number", "phone", "unit", "yes_no", "group"}
)
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FIELDS = 60
MAX_TEXT = 1000
MAX_GROUP = 20
UNIT_ID_DIGITS = 12  # a unit's id, as sent by a form or the API


class EformDefinitionError(ValueError):
    """The definition itself is wrong (for the catalogue editor); lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class EformField:
    name: str
    label: str
    type: str
    required: bool = True
    help: str = ""
    options: tuple[str, ...] = ()
    when: tuple[str, Any] | None = None
    fields: tuple[EformField, ...] = ()
    max: int = MAX_GROUP


@dataclass(frozen=True)
class Eform:
    fields: tuple[EformField, ...] = field(default_factory=tuple)

    def field(self, name: str) -> EformField | None:
        return next((f for f in self.fields if f.name == name), None)


class _BadValueError(ValueError):
    """One problem with a definition or an answer; the message says it."""


def _check_field(raw: Any, where: str, *, nested: bool) -> tuple[str, str, str]:
    """(name, type, label) of a raw field, or `_BadValueError`."""
    if not isinstance(raw, Mapping):
        raise _BadValueError(f"{where}: a field is an object")
    name, kind, label = raw.get("name"), raw.get("type"), raw.get("label")
    if not isinstance(name, str) or not _NAME.match(name):
        raise _BadValueError(f"{where}: name must be a lower-case slug")
    if kind not in FIELD_TYPES or (nested and kind == "group"):
        raise _BadValueError(f"{where} ({name}): unknown type {kind!r}")
    if not isinstance(label, str) or not label.strip():
        raise _BadValueError(f"{where} ({name}): a label is required")
    options = raw.get("options", [])
    if kind == "select" and (
        not isinstance(options, list) or not options or not all(isinstance(o, str) for o in options)
    ):
        raise _BadValueError(f"{where} ({name}): a select needs a list of options")
    when = raw.get("when")
    if when is not None and (
        not isinstance(when, Mapping) or "field" not in when or "equals" not in when
    ):
        raise _BadValueError(f"{where} ({name}): when needs field and equals")
    if kind == "group" and (not isinstance(raw.get("fields"), list) or not raw["fields"]):
        raise _BadValueError(f"{where} ({name}): a group needs fields")
    return name, str(kind), label.strip()


def _parse_field(raw: Any, where: str, problems: list[str], *, nested: bool) -> EformField | None:
    try:
        name, kind, label = _check_field(raw, where, nested=nested)
    except _BadValueError as problem:
        problems.append(str(problem))
        return None
    when = raw.get("when")
    children: tuple[EformField, ...] = ()
    if kind == "group":
        parsed = [
            _parse_field(sub, f"{where}.{name}[{i}]", problems, nested=True)
            for i, sub in enumerate(raw["fields"])
        ]
        children = tuple(p for p in parsed if p is not None)
    return EformField(
        name=name,
        label=label,
        type=kind,
        required=bool(raw.get("required", True)),
        help=str(raw.get("help", "")),
        options=tuple(raw.get("options", [])) if kind == "select" else (),
        when=(str(when["field"]), when["equals"]) if when is not None else None,
        fields=children,
        max=min(int(raw.get("max", MAX_GROUP)), MAX_GROUP) if kind == "group" else MAX_GROUP,
    )


def eform_parse(definition: Any) -> Eform:
    """The checked definition, or `EformDefinitionError` listing every problem."""
    problems: list[str] = []
    raw_fields = definition.get("fields") if isinstance(definition, Mapping) else None
    if not isinstance(raw_fields, list) or not raw_fields:
        raise EformDefinitionError(["fields: a non-empty list is required"])
    if len(raw_fields) > MAX_FIELDS:
        problems.append(f"fields: at most {MAX_FIELDS}")
    parsed = [
        _parse_field(raw, f"fields[{i}]", problems, nested=False)
        for i, raw in enumerate(raw_fields)
    ]
    fields = tuple(p for p in parsed if p is not None)
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        problems.append("fields: names must be unique")
    for f in fields:
        if f.when and f.when[0] not in names[: names.index(f.name)]:
            problems.append(f"{f.name}: when refers to a field that does not come before it")
    if problems:
        raise EformDefinitionError(problems)
    return Eform(fields)


def eform_from_labels(labels: list[str]) -> Eform:
    """A plain text form from the field labels of the procedure's official form, when no
    e-form was defined: every label becomes a required text field."""
    from motcua.core.text import fold

    fields = []
    for index, label in enumerate(labels[:MAX_FIELDS]):
        slug = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:30] or "field"
        fields.append(EformField(name=f"f{index}_{slug}"[:40], label=label, type="text"))
    return Eform(tuple(fields))


def is_asked(item: EformField, answers: Mapping[str, Any]) -> bool:
    """Whether a field applies, given the answers so far (its `when` condition)."""
    if item.when is None:
        return True
    return bool(answers.get(item.when[0]) == item.when[1])


def _text(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _BadValueError(_("At most %(n)s characters.") % {"n": MAX_TEXT})
    return value


def _number(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation as error:
        raise _BadValueError(_("This value is not valid.")) from error
    if not number.is_finite():  # "NaN", "Infinity"
        raise _BadValueError(_("This value is not valid."))
    return str(number)


def _date(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    try:
        day = date.fromisoformat(str(value))
    except ValueError as error:
        raise _BadValueError(_("This value is not valid.")) from error
    if day > today:
        raise _BadValueError(_("The date cannot be in the future."))
    return day.isoformat()


def _select(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    if value not in item.options:
        raise _BadValueError(_("Choose one of the options."))
    return value


def _id_number(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    try:
        return id_number_clean(str(value), today=today)
    except IdentifierInvalidError as error:
        raise _BadValueError(str(error)) from error


def _phone(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    try:
        return phone_clean(str(value))
    except IdentifierInvalidError as error:
        raise _BadValueError(str(error)) from error


def _unit(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    text = str(value)  # ASCII digits only: "²" is a digit to isdigit(), not to int()
    if (
        not (text.isascii() and text.isdigit() and len(text) <= UNIT_ID_DIGITS)
        or int(text) not in units
    ):
        raise _BadValueError(_("Choose a commune or ward from the list."))
    return int(value)


def _yes_no(item: EformField, value: Any, today: date, units: Collection[int]) -> Any:
    if value not in ("yes", "no", True, False):
        raise _BadValueError(_("Answer yes or no."))
    return value in ("yes", True)


_CLEANERS = {
    "text": _text,
    "number": _number,
    "date": _date,
    "select": _select,
    "id_number": _id_number,
    "phone": _phone,
    "unit": _unit,
    "yes_no": _yes_no,
}


def _clean_value(
    item: EformField, raw: Any, *, today: date, units: Collection[int]
) -> tuple[Any, str | None]:
    """(clean value, None) or (None, the Vietnamese error)."""
    value = raw.strip() if isinstance(raw, str) else raw
    if value in (None, "", []):
        return None, _("This is required.") if item.required else None
    try:
        return _CLEANERS[item.type](item, value, today, units), None
    except _BadValueError as problem:
        return None, str(problem)


def _clean_group(
    item: EformField,
    raw: Any,
    clean: dict[str, Any],
    errors: dict[str, str],
    *,
    today: date,
    units: Collection[int],
) -> None:
    """A repeatable group's entries into `clean`, their problems into `errors`."""
    rows = raw or []
    if not isinstance(rows, list) or len(rows) > item.max:
        errors[item.name] = _("At most %(n)s entries.") % {"n": item.max}
        return
    if item.required and not rows:
        errors[item.name] = _("Add at least one entry.")
    clean_rows = []
    for index, row in enumerate(rows):
        row_clean: dict[str, Any] = {}
        if row is not None and not isinstance(row, Mapping):  # from the API: any JSON
            errors[f"{item.name}.{index}"] = _("This value is not valid.")
            continue
        for sub in item.fields:
            value, error = _clean_value(sub, (row or {}).get(sub.name), today=today, units=units)
            if error:
                errors[f"{item.name}.{index}.{sub.name}"] = error
            elif value is not None:
                row_clean[sub.name] = value
        clean_rows.append(row_clean)
    if clean_rows:
        clean[item.name] = clean_rows


def eform_clean(
    eform: Eform, answers: Mapping[str, Any], *, today: date, units: Collection[int]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check every asked field: (clean answers, errors by field name; "group.i.sub" inside
    groups). Unasked fields are dropped, so a changed answer cannot leave stale ones behind."""
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in eform.fields:
        if not is_asked(item, {**answers, **clean}):
            continue
        if item.type == "group":
            _clean_group(item, answers.get(item.name), clean, errors, today=today, units=units)
            continue
        value, error = _clean_value(item, answers.get(item.name), today=today, units=units)
        if error:
            errors[item.name] = error
        elif value is not None:
            clean[item.name] = value
    return clean, errors
