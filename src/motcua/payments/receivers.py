"""Dossier events → payment requests (connected in `apps.py`); runs after the dossier's commit.

- A dossier with fees (submitted online, or received at the desk) gets its fee request.
- A land obligation asked (status 6) with an amount gets its request.
- A dossier that ends unpaid (withdrawn, refused, stopped) has its unpaid requests cancelled.
"""

from __future__ import annotations

import logging
from typing import Any

from motcua.dossiers.constants import Transition
from motcua.dossiers.models import DossierEvent
from motcua.payments.services import (
    payment_dossier_ended,
    payment_request_for_fees,
    payment_request_for_obligation,
)

logger = logging.getLogger("motcua.payments")


def on_dossier_event(sender: Any, event: DossierEvent, **kwargs: Any) -> None:
    try:
        match event.transition:
            case Transition.SUBMIT | Transition.RECEIVE:
                payment_request_for_fees(dossier_id=event.dossier_id)
            case Transition.REQUEST_FINANCIAL_OBLIGATION:
                payment_request_for_obligation(event_id=event.pk)
            case Transition.WITHDRAW | Transition.REFUSE_RECEIPT | Transition.STOP:
                payment_dossier_ended(dossier_id=event.dossier_id, status=event.to_status)
    except Exception:  # the dossier is committed; the pay page creates a missing request later
        logger.exception("payment request for dossier event %s", event.pk)
