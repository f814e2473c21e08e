"""Land financial obligations imported from the tax office's notices (thông báo nộp tiền).

The tax office sets what a land dossier owes; the agency receives its notices as a table (CSV,
exported from the tax office's software or typed in a spreadsheet): one row per dossier with the
dossier code, the amount in đồng and the notice's number or content. Importing puts every
dossier listed into status 6 (awaiting the financial obligation) with that amount; the payment
request follows (payments.receivers), payable online or at the desk.

All or nothing: every row is checked first, and a file with one bad row changes nothing; the
errors name the line, in Vietnamese.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.constants import DossierStatus, Transition
from motcua.dossiers.selectors import dossier_find_by_code
from motcua.dossiers.services import DossierError, dossier_request_financial_obligation
from motcua.dossiers.workflow import allowed

MAX_ROWS = 2_000
MAX_AMOUNT = 100_000_000_000  # a sanity bound, as the payment protocol's: 100 billion đồng
_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")
CODE_HEADERS = {"ma_ho_so", "mã hồ sơ", "ma ho so", "mahoso"}
AMOUNT_HEADERS = {"so_tien", "số tiền", "so tien", "sotien"}
NOTE_HEADERS = {"noi_dung", "nội dung", "noi dung", "so_thong_bao", "số thông báo"}


class ObligationImportError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ObligationRow:
    line: int
    code: str
    amount: int
    note: str


@dataclass
class ObligationImport:
    rows: list[ObligationRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)


def amount_parse(text: str) -> int | None:
    """'1.250.000', '1 250 000', '1250000' or '1.250.000 đ' → 1250000; None if not a whole
    positive number of đồng ('1.250.000,50', '-5', '12,5' are refused)."""
    value = text.strip().lower().removesuffix("đồng").removesuffix("đ").removesuffix("vnd")
    value = value.strip()
    if value.isdigit():
        number = int(value)
    elif _GROUPED.match(value):
        number = int(re.sub(r"[.,\s]", "", value))
    else:
        return None
    return number if 0 < number <= MAX_AMOUNT else None


def _columns(header: list[str]) -> tuple[int, int, int | None]:
    names = [h.strip().lower() for h in header]

    def find(options: set[str]) -> int | None:
        return next((i for i, n in enumerate(names) if n in options), None)

    code, amount, note = find(CODE_HEADERS), find(AMOUNT_HEADERS), find(NOTE_HEADERS)
    if code is None or amount is None:
        raise ObligationImportError(
            [_("The first line must name the columns: ma_ho_so; so_tien; noi_dung.")]
        )
    return code, amount, note


def _read(text: str) -> list[list[str]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]


def obligations_check(*, actor: User, text: str) -> ObligationImport:
    """Every row checked against the dossier it names; ObligationImportError lists them all."""
    rows = _read(text)
    if len(rows) < 2:  # noqa: PLR2004 - a header and at least one row
        raise ObligationImportError([_("The file has no row under its header.")])
    if len(rows) > MAX_ROWS + 1:
        raise ObligationImportError([_("At most %(n)d rows per file.") % {"n": MAX_ROWS}])
    code_at, amount_at, note_at = _columns(rows[0])
    result, errors, seen = ObligationImport(), [], set[str]()
    for line, row in enumerate(rows[1:], start=2):
        cells = [*row, *[""] * 3]
        code = cells[code_at].strip()
        amount = amount_parse(cells[amount_at])
        problem = _row_problem(actor, code, amount, seen)
        if problem:
            errors.append(_("Line %(line)d: %(problem)s") % {"line": line, "problem": problem})
            continue
        assert amount is not None
        seen.add(code.upper())
        note = cells[note_at].strip()[:500] if note_at is not None else ""
        result.rows.append(ObligationRow(line, code.upper(), amount, note))
    if errors:
        raise ObligationImportError(errors)
    return result


def _row_problem(actor: User, code: str, amount: int | None, seen: set[str]) -> str:
    if not code:
        return _("the dossier code is empty.")
    if code.upper() in seen:
        return _("dossier %(code)s is listed twice.") % {"code": code}
    if amount is None:
        return _("the amount must be a whole positive number of đồng (e.g. 1.250.000).")
    dossier = dossier_find_by_code(user=actor, code=code)
    if dossier is None:
        return _("no dossier %(code)s among those you can see.") % {"code": code}
    if not allowed(DossierStatus(dossier.status), Transition.REQUEST_FINANCIAL_OBLIGATION):
        return _("dossier %(code)s is %(status)s: it cannot wait for a financial obligation.") % {
            "code": code,
            "status": dossier.get_status_display().lower(),
        }
    return ""


def obligations_import(*, actor: User, text: str) -> ObligationImport:
    """Check every row, then put every dossier into status 6 with its amount, in one
    transaction: a refusal on any dossier (a role the actor lacks, a change meanwhile) undoes
    them all."""
    checked = obligations_check(actor=actor, text=text)
    try:
        with transaction.atomic():
            for row in checked.rows:
                dossier = dossier_find_by_code(user=actor, code=row.code)
                assert dossier is not None
                note = row.note or _("Tax office notice")
                dossier_request_financial_obligation(
                    actor=actor, dossier_id=dossier.pk, amount=row.amount, note=note
                )
    except DossierError as error:
        raise ObligationImportError(
            [_("Line %(line)d: %(problem)s") % {"line": row.line, "problem": str(error)}]
        ) from error
    return checked
