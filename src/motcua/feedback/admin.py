"""Admin of the petition routing rules: the province office says where a new petition goes
without waiting for it to be routed by hand (feedback.selectors.routing_target)."""

from __future__ import annotations

from django.contrib import admin

from motcua.feedback.models import FeedbackRoutingRule


@admin.register(FeedbackRoutingRule)
class FeedbackRoutingRuleAdmin(admin.ModelAdmin[FeedbackRoutingRule]):
    list_display = ("target", "kind", "procedure", "sector", "concerned_agency", "unit", "active")
    list_filter = ("active", "kind")
    raw_id_fields = ("procedure", "unit")
    search_fields = ("target__name", "note")
