"""Settings of the processes the crash tests start (web server, worker): the test settings on
the test's own PostgreSQL database (DATABASE_URL), real SMTP, the database task backend."""

from __future__ import annotations

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 30
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
MEDIA_ROOT = os.environ.get("MOTCUA_TEST_MEDIA_ROOT", "/nonexistent")
