"""The QĐ 766 dashboard for leaders and the province office: scorecard, trend, comparison,
ranking, targets, points at risk, reports, reconciliation (issue 7; quality app)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.constants import Role
from motcua.accounts.models import User
from motcua.accounts.selectors import membership_list_for_user
from motcua.catalog.selectors import sector_list
from motcua.core.text import fold
from motcua.organisation.constants import Tier
from motcua.organisation.selectors import agency_list_valid_on, unit_list_valid_on
from motcua.quality.constants import PeriodKind, ScopeKind
from motcua.quality.indicators import ruleset_on
from motcua.quality.periods import (
    Period,
    PeriodError,
    period_containing,
    period_parse,
    period_previous,
    period_same_last_year,
    periods_trend,
)
from motcua.quality.reports import BANDS_VI, Report, report_pdf, report_xlsx
from motcua.quality.selectors import (
    PEERS,
    Scope,
    ScopeError,
    comparison,
    empty_reason,
    fill_state,
    points_at_risk,
    ranking,
    reconciliation,
    reconciliation_dossiers,
    scope_resolve,
    scorecard,
    target_list,
    targets_attainment,
    trend,
)
from motcua.quality.selectors.status import (
    dossiers_by_procedure,
    dossiers_by_tier,
    procedures_by_level,
)
from motcua.quality.services import (
    QualityError,
    national_figures_import,
    target_delete,
    target_save,
)

from . import forms_quality as f

READERS = {Role.LEADER, Role.AGENCY_ADMIN, Role.PROVINCE_MONITOR, Role.SYSTEM_ADMIN}
EDITORS = {Role.PROVINCE_MONITOR, Role.SYSTEM_ADMIN}
FIGURES_MAX_BYTES = 5_000_000
DEFAULT_PEERS = {Tier.PROVINCE: "departments", Tier.DISTRICT: "districts", Tier.COMMUNE: "communes"}


def _reader(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or user.role not in READERS:
        raise Http404
    return user


def _editor(request: HttpRequest) -> User:
    user = _reader(request)
    if user.role not in EDITORS:
        raise Http404
    return user


def _own_agencies(user: User) -> list[int]:
    return list(membership_list_for_user(user=user).values_list("agency_id", flat=True))


def _chosen(request: HttpRequest, user: User) -> tuple[f.FilterForm, Scope, Period, str]:
    """The scope and period asked for (the user's own agency or the province by default), or
    PeriodError / ScopeError with a message for people."""
    today = timezone.localdate()
    form = f.FilterForm(request.GET or None)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    kind = data.get("scope") or ""
    value = data.get("id") or ""
    if ":" in kind:  # the one drop-down of the form: "agency:12", "tier:commune", …
        kind, value = kind.split(":", 1)
    if data.get("code"):  # a procedure code typed in wins over the drop-down
        kind, value = ScopeKind.PROCEDURE, data["code"]
    if not kind:
        own = _own_agencies(user)
        if user.role not in EDITORS and own:
            kind, value = ScopeKind.AGENCY, str(own[0])
        else:
            kind = ScopeKind.PROVINCE
    scope = scope_resolve(kind, value, on=today)
    period_kind = data.get("period") or PeriodKind.QUARTER
    if data.get("year") is None and period_kind != PeriodKind.RANGE:
        period = period_containing(PeriodKind(period_kind), today)
    else:
        period = period_parse(
            kind=period_kind, year=data.get("year"), number=data.get("n"),
            start=data.get("start"), end=data.get("end"), today=today,
        )  # fmt: skip
    return form, scope, period, data.get("compare") or "previous"


def _other(period: Period, compare: str) -> Period:
    return period_same_last_year(period) if compare == "last_year" else period_previous(period)


def _peers_for(scope: Scope, asked: str) -> str:
    if asked in PEERS:
        return asked
    if scope.kind == ScopeKind.TIER:
        return DEFAULT_PEERS[Tier(scope.value)]
    if scope.tiers and len(scope.tiers) == 1:
        return DEFAULT_PEERS[Tier(next(iter(scope.tiers)))]
    return "communes"


def _can_see_risk(user: User, scope: Scope) -> bool:
    if user.role in EDITORS:
        return scope.kind in (ScopeKind.AGENCY, ScopeKind.UNIT)
    return scope.kind == ScopeKind.AGENCY and int(scope.value) in _own_agencies(user)


def _choices(today: date) -> dict[str, Any]:
    return {
        "agencies": agency_list_valid_on(day=today).order_by("tier", "name"),
        "units": unit_list_valid_on(day=today).exclude(tier=Tier.PROVINCE).order_by("tier", "name"),
        "sectors": sector_list(),
        "tiers": Tier.choices,
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    today = timezone.localdate()
    try:
        form, scope, period, compare = _chosen(request, user)
    except (PeriodError, ScopeError) as exc:
        return render(
            request,
            "backoffice/quality/dashboard.html",
            {"error": str(exc), "form": f.FilterForm(request.GET or None), **_choices(today)},
            status=400,
        )
    card = scorecard(scope, period, today=today)
    other = scorecard(scope, _other(period, compare), today=today)
    history = trend(scope, periods_trend(period, 6), today=today)
    peers = _peers_for(scope, request.GET.get("peers", ""))
    rows = ranking(peers, period, today=today)
    attainment = [r for r in targets_attainment(period, today=today) if not r.met][:30]
    risk, unsynced = points_at_risk(scope) if _can_see_risk(user, scope) else ([], None)
    bars = []
    for index, past in enumerate(history):
        height = round(140 * float(past.total.value or 0) / 100)
        x = 20 + index * 100
        bars.append({"card": past, "x": x, "cx": x + 28, "h": height, "y": 160 - height,
                     "label_y": 155 - height})  # fmt: skip
    context = {
        "form": form,
        "scope": scope,
        "period": period,
        "card": card,
        "other": other,
        "comparison": comparison(other, card),
        "trend": bars,
        "trend_width": 40 + 100 * len(bars),
        "peers": peers,
        "peer_choices": f.PEERS,
        "ranking": rows,
        "dots": _dots(rows, today),
        "period_number": _number(period) if period.kind != PeriodKind.RANGE else None,
        "period_query": _period_query(period, compare),
        "procedure_code": scope.label.split(" ", 1)[0] if scope.kind == ScopeKind.PROCEDURE else "",
        "attainment": attainment,
        "risk": risk,
        "unsynced": unsynced,
        "can_see_risk": _can_see_risk(user, scope),
        "fill": fill_state(),
        "empty": empty_reason(card),
        "band": BANDS_VI.get(card.band, "") if request.LANGUAGE_CODE == "vi" else card.band,
        "query": request.GET.urlencode(),
        "can_edit": user.role in EDITORS,
        **_choices(today),
    }
    return render(request, "backoffice/quality/dashboard.html", context)


@login_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    user = _reader(request)
    if kind not in ("xlsx", "pdf"):
        raise Http404
    today = timezone.localdate()
    try:
        _form, scope, period, compare = _chosen(request, user)
    except (PeriodError, ScopeError) as exc:
        messages.error(request, str(exc))
        return redirect("backoffice:quality")
    card = scorecard(scope, period, today=today)
    other = scorecard(scope, _other(period, compare), today=today)
    peers = _peers_for(scope, request.GET.get("peers", ""))
    report = Report(
        card=card,
        other=other,
        comparison=comparison(other, card),
        ranking=ranking(peers, period, today=today),
        ranking_title=str(dict(f.PEERS)[peers]),
        levels=procedures_by_level(on=period.until(today)),
        by_tier=dossiers_by_tier(period, today=today),
        by_procedure=dossiers_by_procedure(period, today=today),
        made_at=timezone.now(),
    )
    name = f"chi-so-766-{period.slug}"
    if kind == "xlsx":
        response = HttpResponse(
            report_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    today = timezone.localdate()
    metrics = [(m.code, f"{m.number} {m.name}") for m in ruleset_on(today).metrics if not m.monitor]
    agencies = agency_list_valid_on(day=today).order_by("tier", "name")
    form = f.TargetForm(request.POST or None)
    form.fields["metric"].choices = metrics
    form.fields["agency"].choices = [("", "—")] + [(a.pk, a.name) for a in agencies]
    if request.method == "POST":
        _editor(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                target_save(
                    actor=user, metric=data["metric"], percent=data["percent"],
                    due_on=data["due_on"], tier=data["tier"] or "", agency_id=data["agency"],
                    decision=data["decision"],
                )  # fmt: skip
            except QualityError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The target is saved."))
                return redirect("backoffice:quality_targets")
    period = period_containing(PeriodKind.QUARTER, today)
    names = dict(metrics)
    return render(
        request,
        "backoffice/quality/targets.html",
        {
            "form": form,
            "targets": [(t, names.get(t.metric, t.metric)) for t in target_list()],
            "attainment": targets_attainment(period, today=today),
            "period": period,
            "can_edit": user.role in EDITORS,
        },
    )


@login_required
@require_POST
def target_remove(request: HttpRequest, target_id: int) -> HttpResponse:
    user = _editor(request)
    target_delete(actor=user, target_id=target_id)
    messages.success(request, _("The target is deleted."))
    return redirect("backoffice:quality_targets")


@login_required
def payment_rates(request: HttpRequest) -> HttpResponse:
    """Online payment per tier and unit against the province's targets (766 3.5 and 3.6)."""
    from motcua.quality.selectors.payments import online_payment_rates

    user = _reader(request)
    try:
        form, _scope, period, _compare = _chosen(request, user)
    except (PeriodError, ScopeError) as exc:
        messages.error(request, str(exc))
        return redirect("backoffice:quality_payments")
    tiers = online_payment_rates(period)
    return render(
        request,
        "backoffice/quality/payments.html",
        {
            "form": form,
            "period": period,
            "period_number": _number(period) if period.kind != PeriodKind.RANGE else "",
            "tiers": tiers,
        },
    )


@login_required
def digitisation(request: HttpRequest) -> HttpResponse:
    """Digitisation and electronic results per tier and unit (766 4.1–4.5b), with the points."""
    from motcua.quality.selectors.digitisation import digitisation_rates

    user = _reader(request)
    try:
        form, _scope, period, _compare = _chosen(request, user)
    except (PeriodError, ScopeError) as exc:
        messages.error(request, str(exc))
        return redirect("backoffice:quality_digitisation")
    return render(
        request,
        "backoffice/quality/digitisation.html",
        {
            "form": form,
            "period": period,
            "period_number": _number(period) if period.kind != PeriodKind.RANGE else "",
            "tiers": digitisation_rates(period),
        },
    )


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """Reconciliation: the national portal's figures next to ours."""
    user = _reader(request)
    today = timezone.localdate()
    form = f.FiguresForm(request.POST or None, request.FILES or None)
    period = period_containing(PeriodKind.QUARTER, today)
    if request.method == "POST":
        _editor(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                period = period_parse(
                    kind=data["period"], year=data["year"], number=data["n"], start=None,
                    end=None, today=today,
                )  # fmt: skip
                raw = data["file"].read(FIGURES_MAX_BYTES + 1)
                if len(raw) > FIGURES_MAX_BYTES:
                    raise QualityError(_("The file is larger than 5 MB."))
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise QualityError(_("The file is not UTF-8 text.")) from None
                agencies = {fold(a.name): a.pk for a in agency_list_valid_on(day=today)}
                count = national_figures_import(
                    actor=user, group=data["group"], period=period, text=text, agencies=agencies
                )
            except (QualityError, PeriodError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("%(count)d figures imported.") % {"count": count})
                url = reverse("backoffice:quality_figures")
                return redirect(
                    f"{url}?period={period.kind}&year={period.start.year}&n={_number(period)}"
                )
    else:
        try:
            _f, _scope, period, _compare = _chosen(request, user)
        except (PeriodError, ScopeError) as exc:
            messages.error(request, str(exc))
    rows = reconciliation(period, today=today)
    agencies = {r.figure.agency_id: r.figure.agency for r in rows if r.figure.agency is not None}
    return render(
        request,
        "backoffice/quality/figures.html",
        {
            "form": form,
            "period": period,
            "rows": rows,
            "differences": reconciliation_dossiers(period, agencies=agencies.values()),
            "can_edit": user.role in EDITORS,
        },
    )


def _dots(rows: list[Any], today: date) -> list[dict[str, Any]]:
    """The ranked units on a map (equirectangular, fitted to the box), by their band."""
    units = {
        str(u.pk): (u.latitude, u.longitude)
        for u in unit_list_valid_on(day=today)
        if u.latitude is not None and u.longitude is not None
    }
    placed = [(r, units[r.card.scope.value]) for r in rows if r.card.scope.kind == ScopeKind.UNIT
              and r.card.scope.value in units]  # fmt: skip
    if len(placed) < 2:  # noqa: PLR2004 - a map of one dot says nothing
        return []
    lats = [lat for _r, (lat, _lon) in placed]
    lons = [lon for _r, (_lat, lon) in placed]
    span = max(max(lats) - min(lats), max(lons) - min(lons)) or 1.0
    return [
        {
            "id": r.card.scope.value,
            "label": r.card.scope.label,
            "total": r.card.total.value,
            "band": r.card.band,
            "x": round(20 + 380 * (lon - min(lons)) / span, 1),
            "y": round(400 - 380 * (lat - min(lats)) / span, 1),
        }
        for r, (lat, lon) in placed
    ]


def _period_query(period: Period, compare: str) -> str:
    """The URL parameters that ask for this period again (links to another scope)."""
    params = {"period": period.kind, "compare": compare}
    if period.kind == PeriodKind.RANGE:
        params |= {"start": period.start.isoformat(), "end": period.end.isoformat()}
    else:
        params["year"] = str(period.start.year)
        if period.kind != PeriodKind.YEAR:
            params["n"] = str(_number(period))
    return urlencode(params)


def _number(period: Period) -> int:
    if period.kind == PeriodKind.MONTH:
        return period.start.month
    return (period.start.month - 1) // 3 + 1
