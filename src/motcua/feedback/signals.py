"""Announced after a petition's transaction commits, for the messages to the citizen
(notifications listens; feedback does not import notifications)."""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: feedback_id, kind ("received", "refused", "supplement_requested", "answered")
feedback_committed = Signal()
