"""`check --deploy` with production settings: every warning left is explained in the README."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run our own manage.py in a fresh process with the given environment."""
    return subprocess.run(  # noqa: S603 - our own manage.py, arguments from this file
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.slow
def test_deploy_check_is_clean_and_its_silenced_checks_are_explained_in_the_readme() -> None:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "a-long-random-production-like-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "dichvucong.example.vn",
        "DATABASE_URL": "sqlite:///:memory:",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }
    result = _manage("check", "--deploy", env=env)
    output = result.stdout + result.stderr
    assert "ImproperlyConfigured" not in output
    found = set(re.findall(r"\((\w+\.[WE]\d+)\)", output))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Production checks", 1)[1].split("\n## ", 1)[0]
    explained = set(re.findall(r"\b(\w+\.[WE]\d+)\b", section))
    assert result.returncode == 0, output
    assert found == set(), f"check --deploy is not clean: {found}\n{output}"
    assert "no issues" in output, output
    # Every check production silences says why in the README.
    shown = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(*settings.SILENCED_SYSTEM_CHECKS)",
        env=env,
    )
    silenced = set(re.findall(r"\b\w+\.[WE]\d+\b", shown.stdout))
    assert silenced, shown.stdout + shown.stderr  # W021 while preload is off
    assert silenced <= explained, f"silenced without a reason: {silenced - explained}"


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.prod", DJANGO_ALLOWED_HOSTS="x")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
