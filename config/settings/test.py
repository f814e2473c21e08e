"""Tests: fast hasher, local-memory cache, dummy task backend, locmem e-mail."""

from .base import *
from .base import env

SECRET_KEY = "test-insecure-secret-key"  # noqa: S105 - a fake secret for tests only
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASES = {"default": env.db_url("DATABASE_URL", default="sqlite:///:memory:")}
MOTCUA_DEMO_USERS = True
