"""The national portal's own 766 figures, imported for reconciliation (REGULATION §1.6)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.audit import audit_event_append
from motcua.core.text import fold
from motcua.quality.constants import Group
from motcua.quality.models import NationalFigure
from motcua.quality.periods import Period
from motcua.quality.services.errors import QualityError

# --- the national portal's figures (reconciliation) ---------------------------------------------


def _decimal(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise QualityError(_("%(where)s: a number was expected.") % {"where": where})
    try:
        return Decimal(str(value))
    except ArithmeticError:
        raise QualityError(_("%(where)s: a number was expected.") % {"where": where}) from None


def national_figures_import(
    *, actor: Any, group: str, period: Period, text: str, agencies: dict[str, int]
) -> int:
    """Store the figures of one reporting-API response (REGULATION.md §1.6) for a period.

    Shape A (`data.overview` + `data.evaluation[]`, each with `metrics[]`) gives one figure per
    metric and department; shape B (`data.parent` + `data.children[]`) one group total per
    department. `agencies` maps department names to our agencies. All or nothing; an import of
    the same group, period and department replaces the earlier one. Returns the figures stored.
    """
    try:
        group_value = Group(group)
    except ValueError:
        raise QualityError(_("Unknown indicator group.")) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise QualityError(
            _("The file is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from None
    except RecursionError:  # "[[[[…" nested past the parser's depth: hostile, not a 500
        raise QualityError(_("The file is nested too deeply to be read.")) from None
    data = document.get("data") if isinstance(document, dict) else None
    figures: list[NationalFigure] = []
    for index, (record, overview) in enumerate(_response_records(data)):
        if not isinstance(record, dict) or not record:
            continue
        figures += _record_figures(
            record, overview=overview, where=_("department %(n)d") % {"n": index},
            common={
                "group": group_value,
                "period_kind": period.kind,
                "period_start": period.start,
                "period_end": period.end,
                "is_overview": overview,
                "imported_by": actor,
            },
            agencies=agencies,
        )  # fmt: skip
    if not figures:
        raise QualityError(_("The file holds no figure."))
    with transaction.atomic():
        NationalFigure.objects.filter(
            group=group_value,
            period_kind=period.kind,
            period_start=period.start,
            department_id__in={f.department_id for f in figures},
        ).delete()
        NationalFigure.objects.bulk_create(figures)
        audit_event_append(
            action="quality.national_figures_imported",
            actor_id=actor.pk,
            payload={"group": group_value.value, "period": period.slug, "figures": len(figures)},
        )
    return len(figures)


def _response_records(data: Any) -> list[tuple[Any, bool]]:
    """(record, is the overview) of a reporting-API response's two shapes."""
    if not isinstance(data, dict):
        raise QualityError(_('The file has no "data" object: is it a reporting-API response?'))
    if "overview" in data or "evaluation" in data:
        children = data.get("evaluation") or []
        head = data.get("overview") or {}
    elif "parent" in data or "children" in data:
        children = data.get("children") or []
        head = data.get("parent") or {}
    else:
        raise QualityError(
            _("Expected data.overview and data.evaluation, or data.parent and data.children.")
        )
    if not isinstance(children, list):
        raise QualityError(_("The list of departments must be a JSON list."))
    return [(head, True)] + [(child, False) for child in children]


def _record_figures(
    record: dict[str, Any],
    *,
    overview: bool,
    where: str,
    common: dict[str, Any],
    agencies: dict[str, int],
) -> list[NationalFigure]:
    department = str(record.get("departmentId") or "")
    if not department:
        raise QualityError(_("%(where)s has no departmentId.") % {"where": where})
    name = str(record.get("departmentName") or "")
    common = {
        **common,
        "department_id": department,
        "department_name": name,
        "agency_id": None if overview else agencies.get(fold(name)),
    }
    metrics = record.get("metrics")
    if metrics is None:
        return [
            NationalFigure(
                metric="",
                ratio=_decimal(record.get("ratio"), where),
                score=_decimal(record.get("score", record.get("totalScore")), where),
                max_score=_decimal(record.get("maxScore", record.get("totalMaxScore")), where),
                raw=record,
                **common,
            )
        ]
    if not isinstance(metrics, list):
        raise QualityError(_("%(where)s: metrics must be a list.") % {"where": where})
    figures = []
    for metric in metrics:
        code = metric.get("code") if isinstance(metric, dict) else None
        if not code:
            raise QualityError(_("%(where)s: a metric has no code.") % {"where": where})
        at = f"{where} / {code}"
        figures.append(
            NationalFigure(
                metric=str(code),
                numerator=_decimal(metric.get("numerator"), at),
                denominator=_decimal(metric.get("denominator"), at),
                ratio=_decimal(metric.get("ratio"), at),
                score=_decimal(metric.get("score"), at),
                max_score=_decimal(metric.get("maxScore"), at),
                raw=metric,
                **common,
            )
        )
    return figures
