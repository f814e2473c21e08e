"""The dossier transition table, as data. No ORM: tested without a database.

Some transitions do not name a fixed target:
- `EXTEND_DEADLINE` (apology letter, Mẫu 04), `ASSIGN`, `REQUEST_OPINION`, `GIVE_OPINION` and
  `PAY_FEES` keep the status (`KEEPS_STATUS`): the appointment, the assignee, an opinion step or
  the fees paid changes.
- `SUBMIT_SUPPLEMENT` and `FULFIL_FINANCIAL_OBLIGATION` resume the status the dossier had when
  it was paused (a supplement can be asked before receipt or during processing); the service
  passes that status in from the dossier's events.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

from django.utils.translation import gettext as _

from motcua.dossiers.constants import DossierStatus as S
from motcua.dossiers.constants import Transition as Tr


class TransitionNotAllowedError(Exception):
    """The transition cannot happen from the dossier's status; the message is for people."""

    def __init__(self, *, current: S, transition: Tr) -> None:
        super().__init__(
            _("A dossier that is “%(status)s” cannot be “%(action)s”.")
            % {"status": S(current).label, "action": Tr(transition).label}
        )
        self.current = current
        self.transition = transition


class Rule(NamedTuple):
    sources: frozenset[S]
    target: S | None  # None: see `next_status`


_ACTIVE = frozenset(
    {S.RECEIVED, S.PROCESSING, S.AWAITING_SUPPLEMENT, S.AWAITING_FINANCIAL_OBLIGATION}
)

RULES: Final[Mapping[Tr, Rule]] = {
    Tr.SUBMIT: Rule(frozenset({S.DRAFT}), S.SUBMITTED),
    # At the desk the officer enters and receives in one go (from DRAFT).
    Tr.RECEIVE: Rule(frozenset({S.DRAFT, S.SUBMITTED}), S.RECEIVED),
    Tr.REFUSE_RECEIPT: Rule(frozenset({S.DRAFT, S.SUBMITTED}), S.RECEIPT_REFUSED),
    # Hand-overs between steps keep the dossier in PROCESSING.
    Tr.FORWARD: Rule(frozenset({S.RECEIVED, S.PROCESSING}), S.PROCESSING),
    Tr.REQUEST_SUPPLEMENT: Rule(
        frozenset({S.SUBMITTED, S.RECEIVED, S.PROCESSING}), S.AWAITING_SUPPLEMENT
    ),
    Tr.SUBMIT_SUPPLEMENT: Rule(frozenset({S.AWAITING_SUPPLEMENT}), None),
    Tr.REQUEST_FINANCIAL_OBLIGATION: Rule(
        frozenset({S.PROCESSING}), S.AWAITING_FINANCIAL_OBLIGATION
    ),
    Tr.FULFIL_FINANCIAL_OBLIGATION: Rule(frozenset({S.AWAITING_FINANCIAL_OBLIGATION}), None),
    Tr.ASSIGN: Rule(frozenset({S.RECEIVED, S.PROCESSING}), None),
    Tr.REQUEST_OPINION: Rule(frozenset({S.PROCESSING}), None),
    Tr.GIVE_OPINION: Rule(_ACTIVE, None),
    Tr.EXTEND_DEADLINE: Rule(_ACTIVE, None),
    # Fees (phí, lệ phí) are paid before receipt ("thu trước") or up to the result ("thu sau").
    Tr.PAY_FEES: Rule(frozenset({S.SUBMITTED, S.RESOLVED}) | _ACTIVE, None),
    Tr.WITHDRAW: Rule(frozenset({S.SUBMITTED}) | _ACTIVE, S.WITHDRAWN),
    Tr.STOP: Rule(_ACTIVE, S.STOPPED),
    Tr.APPROVE: Rule(frozenset({S.PROCESSING}), S.RESOLVED),
    Tr.REJECT: Rule(frozenset({S.PROCESSING}), S.RESOLVED),
    Tr.RETURN_RESULT: Rule(frozenset({S.RESOLVED}), S.RESULT_RETURNED),
}

KEEPS_STATUS: Final = frozenset(
    {Tr.EXTEND_DEADLINE, Tr.ASSIGN, Tr.REQUEST_OPINION, Tr.GIVE_OPINION, Tr.PAY_FEES}
)

_RESUMABLE: Final[Mapping[Tr, frozenset[S]]] = {
    Tr.SUBMIT_SUPPLEMENT: frozenset({S.SUBMITTED, S.RECEIVED, S.PROCESSING}),
    Tr.FULFIL_FINANCIAL_OBLIGATION: frozenset({S.PROCESSING}),
}


def allowed(current: S, transition: Tr) -> bool:
    return current in RULES[transition].sources


def transitions_from(current: S) -> list[Tr]:
    """What can happen next, in table order (the actions a screen offers)."""
    return [t for t, rule in RULES.items() if current in rule.sources]


def next_status(current: S, transition: Tr, *, resume: S | None = None) -> S:
    """The status after `transition`, or `TransitionNotAllowedError`.

    `resume` is required for the transitions that end a pause: the status before the pause.
    """
    rule = RULES[transition]
    if current not in rule.sources:
        raise TransitionNotAllowedError(current=current, transition=transition)
    if rule.target is not None:
        return rule.target
    if transition in KEEPS_STATUS:
        return current
    if resume is None or resume not in _RESUMABLE[transition]:
        raise ValueError(f"{transition} needs the status before the pause, got {resume!r}")
    return resume
