"""Admin of the citizen's store: the retention period of each kind, set by the province without
a deploy (REGULATION.md §3 [GAP]: the legal period is not known). Changes go through the
services, which audit them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from motcua.documents.models import RetentionRule
from motcua.documents.retention import retention_rule_delete, retention_rule_save


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin[RetentionRule]):
    list_display = ("kind", "years", "note")

    def save_model(self, request: HttpRequest, obj: RetentionRule, form: Any, change: bool) -> None:
        retention_rule_save(rule=obj, actor_id=request.user.pk)

    def delete_model(self, request: HttpRequest, obj: RetentionRule) -> None:
        retention_rule_delete(rule=obj, actor_id=request.user.pk)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RetentionRule]) -> None:
        for rule in queryset:
            retention_rule_delete(rule=rule, actor_id=request.user.pk)
