"""Score rows of the national portal's 766 figures with our formulas (REGULATION.md §1).

    python manage.py quality_score [--on YYYY-MM-DD] < rows.json > scored.json

Reads a JSON list of ``{"group", "metric", "inputs"}`` rows and writes the same list with
"score" added (2 decimals, or null with a "reason"). Exits 2, naming the row, when the JSON is
malformed or a row names no known group or metric.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.quality.indicators import ruleset_on
from motcua.quality.scoring import RowError, row_score, score_json


class Command(BaseCommand):
    help = "Score QĐ 766 rows read as JSON from standard input; write them with their score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on",
            type=date.fromisoformat,
            default=None,
            help="Use the rules in force on this day (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
                returncode=2,
            ) from exc
        if not isinstance(rows, list):
            raise CommandError("Đầu vào phải là một danh sách (JSON list) các dòng.", returncode=2)
        ruleset = ruleset_on(options["on"] or timezone.localdate())
        out = []
        for index, row in enumerate(rows, start=1):
            try:
                score = row_score(row, ruleset=ruleset)
            except RowError as exc:
                raise CommandError(f"Dòng {index}: {exc}", returncode=2) from exc
            scored = {**row, "score": score_json(score)}
            if score.value is None and score.reason:
                scored["reason"] = score.reason
            out.append(scored)
        # One write: Django's OutputWrapper ends every write() with a newline, and json.dump
        # writes token by token.
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
