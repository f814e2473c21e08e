"""The fee engine: what a dossier owes, line by line, and why. Pure (no ORM).

A procedure version's channel has fee lines (phí, lệ phí: once per dossier, or per unit such as a
copy or a person). Effective-dated rules reduce or exempt them: the online-submission reduction
applies by itself to online dossiers; the others (poor households, policy beneficiaries, ethnic
minorities in designated communes, children …) apply when the applicant claims them, and the desk
checks the evidence the rule names. On each line the largest reduction applies; reductions are not
compounded (docs/adr/0011-fees-and-payments.md). Amounts are whole đồng; a reduction is rounded
half up, so the applicant never pays a fraction.

`catalog.selectors.fee_quote_for` feeds this from the database; the dossier stores the quote it
was received with (`Dossier.fee_lines`), so a later change of rules does not change what it owes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from motcua.catalog.constants import Beneficiary, FeeCollection, FeeRuleKind
from motcua.core.text import fold

MAX_QUANTITY = 1000


class FeeError(ValueError):
    """Bad input to the engine; the message is for people."""


@dataclass(frozen=True)
class FeeItem:
    line_id: int
    kind: str
    description: str
    amount: int | None  # None: set elsewhere (e.g. by the tax office)
    unit_label: str = ""  # empty: once per dossier
    conditional: bool = False  # due only in some cases: counted when a quantity is given


# "đồng/trang", "đồng/bản sao", "(mỗi người)": what a line is charged per, read from the
# national record's text when the catalogue does not say (FeeLine.unit_label).
_UNITS = (
    ("dong/trang", "trang"),
    ("dong/ban sao", "bản sao"),
    ("dong/ban", "bản"),
    ("dong/nguoi", "người"),
    ("moi nguoi", "người"),
    ("dong/phieu", "phiếu"),
    ("dong/giay", "giấy"),
)
_CONDITIONS = ("(truong hop", "theo danh sach", "(neu co", "neu co)")


def fee_line_traits(description: str) -> tuple[bool, str]:
    """(conditional, unit) read from a fee line's text: "(trường hợp …)", "theo danh sách" and
    "(nếu có)" mark a line due only in some cases; "đồng/trang" a line charged per page."""
    text = fold(description)
    conditional = any(marker in text for marker in _CONDITIONS)
    unit = next((label for marker, label in _UNITS if marker in text), "")
    return conditional, unit


@dataclass(frozen=True)
class Reduction:
    rule_id: int
    name: str
    kind: str
    beneficiary: str
    percent: int
    fee_kind: str = ""
    channel: str = ""
    unit_ids: frozenset[int] = frozenset()
    max_age: int | None = None
    evidence: str = ""
    legal_basis: str = ""


@dataclass(frozen=True)
class FeeApplicant:
    unit_id: int | None = None
    birth_date: date | None = None
    claims: frozenset[str] = frozenset()


@dataclass(frozen=True)
class QuoteLine:
    line_id: int
    kind: str
    description: str
    unit_amount: int
    quantity: int
    unit_label: str
    gross: int
    reduction: int
    net: int
    rule_id: int | None = None
    rule_name: str = ""
    rule_kind: str = ""
    percent: int = 0
    evidence: str = ""  # what proves the reduction applied, for the desk to check


@dataclass(frozen=True)
class FeeQuote:
    lines: tuple[QuoteLine, ...]
    collection: str
    unpriced: tuple[str, ...] = ()  # lines whose amount is set elsewhere
    evidence: tuple[str, ...] = ()  # what the applicant must show for the reductions claimed
    refused_claims: tuple[str, ...] = field(default=())  # claimed, but no rule applies
    in_person_total: int | None = None  # for an online dossier: what the desk would charge

    @property
    def gross(self) -> int:
        return sum(line.gross for line in self.lines)

    @property
    def reduction(self) -> int:
        return sum(line.reduction for line in self.lines)

    @property
    def total(self) -> int:
        return sum(line.net for line in self.lines)

    @property
    def online_saving(self) -> int:
        if self.in_person_total is None:
            return 0
        return max(self.in_person_total - self.total, 0)

    def as_json(self) -> list[dict[str, Any]]:
        return [asdict(line) for line in self.lines]


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _eligible(rule: Reduction, *, channel: str, applicant: FeeApplicant, on: date) -> bool:
    if rule.channel and rule.channel != channel:
        return False
    if rule.beneficiary == Beneficiary.ONLINE_SUBMISSION:
        return channel == "online"
    if rule.beneficiary not in applicant.claims:
        return False
    if rule.unit_ids and applicant.unit_id not in rule.unit_ids:
        return False
    if rule.max_age is not None:
        return applicant.birth_date is not None and _age_on(applicant.birth_date, on) < rule.max_age
    return True


def _best(rules: Sequence[Reduction], kind: str) -> Reduction | None:
    fitting = [r for r in rules if not r.fee_kind or r.fee_kind == kind]
    if not fitting:
        return None
    return min(fitting, key=lambda r: (-r.percent, r.kind != FeeRuleKind.EXEMPTION, r.rule_id))


def _quantity(item: FeeItem, quantities: Mapping[int, int]) -> int:
    """1 for a line due once; the number given for a line charged per unit; 0 (not due) for a
    conditional line nobody asked for."""
    default = 0 if item.conditional else 1
    quantity = quantities.get(item.line_id, default)
    unit = item.unit_label or _("case")
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise FeeError(_("The number of “%(unit)s” must be a whole number.") % {"unit": unit})
    if quantity == 0 and item.conditional:
        return 0
    if not item.unit_label and quantity != 1:
        raise FeeError(_("“%(fee)s” is charged once per dossier.") % {"fee": item.description[:80]})
    if not 1 <= quantity <= MAX_QUANTITY:
        raise FeeError(
            _("The number of “%(unit)s” must be between 1 and %(max)s.")
            % {"unit": unit, "max": MAX_QUANTITY}
        )
    return quantity


def fee_quote(
    items: Sequence[FeeItem],
    rules: Sequence[Reduction],
    *,
    channel: str,
    collection: str,
    applicant: FeeApplicant,
    on: date,
    quantities: Mapping[int, int] | None = None,
) -> FeeQuote:
    """The amount owed for one dossier. Lines without an amount are listed as `unpriced`."""
    unknown = applicant.claims - set(Beneficiary.values)
    if unknown:
        raise FeeError(
            _("Unknown category for a reduction or exemption: %(names)s")
            % {"names": ", ".join(sorted(unknown))}
        )
    quantities = quantities or {}
    eligible = [r for r in rules if _eligible(r, channel=channel, applicant=applicant, on=on)]
    lines: list[QuoteLine] = []
    unpriced: list[str] = []
    used: dict[int, Reduction] = {}
    for item in items:
        if item.amount is None:
            unpriced.append(item.description)
            continue
        if item.amount < 0:
            raise FeeError(_("A fee cannot be negative."))
        quantity = _quantity(item, quantities)
        if quantity == 0:
            continue
        gross = item.amount * quantity
        rule = _best(eligible, item.kind) if gross else None
        reduction = (gross * rule.percent + 50) // 100 if rule else 0
        if rule:
            used[rule.rule_id] = rule
        lines.append(
            QuoteLine(
                line_id=item.line_id,
                kind=item.kind,
                description=item.description,
                unit_amount=item.amount,
                quantity=quantity,
                unit_label=item.unit_label,
                gross=gross,
                reduction=reduction,
                net=gross - reduction,
                rule_id=rule.rule_id if rule else None,
                rule_name=rule.name if rule else "",
                rule_kind=rule.kind if rule else "",
                percent=rule.percent if rule else 0,
                evidence=rule.evidence if rule else "",
            )
        )
    applied_claims = {r.beneficiary for r in used.values()}
    owed = any(line.net for line in lines)
    return FeeQuote(
        lines=tuple(lines),
        collection=collection if owed or unpriced else FeeCollection.NONE,
        unpriced=tuple(unpriced),
        evidence=tuple(
            r.evidence
            for r in sorted(used.values(), key=lambda r: r.rule_id)
            if r.evidence and r.beneficiary != Beneficiary.ONLINE_SUBMISSION
        ),
        refused_claims=tuple(sorted(applicant.claims - applied_claims)),
    )


def claimable(rules: Collection[Reduction]) -> list[Reduction]:
    """The rules an applicant can claim (the online reduction needs no claim), one per
    beneficiary, for the forms."""
    seen: dict[str, Reduction] = {}
    for rule in sorted(rules, key=lambda r: (-r.percent, r.rule_id)):
        if rule.beneficiary != Beneficiary.ONLINE_SUBMISSION:
            seen.setdefault(rule.beneficiary, rule)
    return sorted(seen.values(), key=lambda r: r.beneficiary)
