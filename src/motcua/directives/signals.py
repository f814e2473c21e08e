"""Sent after a reminder row commits (notifications turns it into messages to the lead unit's
officers, or to the province office for an escalation)."""

from __future__ import annotations

from django.dispatch import Signal

directive_reminder = Signal()  # kwargs: reminder_id
