"""Tests: fast hasher, local-memory cache, dummy task backend, locmem e-mail."""

from .base import *
from .base import env

SECRET_KEY = "test-insecure-secret-key"  # noqa: S105 - a fake secret for tests only
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Dummy by default (nothing runs in the background during tests); "db" is the real backend,
# used explicitly by the worker test.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
DATABASES = {"default": env.db_url("DATABASE_URL", default="sqlite:///:memory:")}
postgres_tune(DATABASES["default"])
MOTCUA_DEMO_USERS = True
MOTCUA_PAYGOV_SECRETS = {"MOTCUA-TEST": "test-secret", "OTHER-AGENCY": "other-secret"}
# The signing keys are generated per test (motcua.documents.tests.conftest) into a temporary
# MOTCUA_SIGNING_DIR; this is their passphrase.
MOTCUA_SIGNING_PASSPHRASES = {"*": "test-signing"}
