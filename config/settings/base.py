"""Settings shared by every environment. dev/test/prod only override.

Every value that differs between installations comes from the environment through the one
``env`` object below; `.env.example` documents each variable.
"""

from __future__ import annotations

import sys
from datetime import time, timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SRC_DIR = BASE_DIR / "src"
if str(SRC_DIR) not in sys.path:  # manage.py, wsgi and pytest all add it; this is the safety net
    sys.path.insert(0, str(SRC_DIR))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# SECRET_KEY has no default anywhere: dev.py and test.py set obviously fake ones, prod.py reads
# DJANGO_SECRET_KEY from the environment and fails to start without it.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Trigram lookups for procedure search on PostgreSQL (ADR 0005); inert on SQLite.
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    # kernel
    "motcua.core",
    "motcua.organisation",
    "motcua.accounts",
    # domain
    "motcua.catalog",
    "motcua.information",
    "motcua.sync",
    "motcua.dossiers",
    "motcua.notifications",
    "motcua.feedback",
    "motcua.directives",
    "motcua.documents",
    "motcua.payments",
    "motcua.quality",
    "motcua.synthetic",
    # interfaces
    "motcua.portal",
    "motcua.backoffice",
    "motcua.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "motcua.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.portal.context_processors.site",
            ],
        },
    },
]


def postgres_tune(database: dict) -> None:  # type: ignore[type-arg]
    """PostgreSQL connection options for every settings module.

    JIT off: the officers' queue queries are planned with a high cost (the scope test is an OR
    with a correlated EXISTS), which switches on JIT compilation that costs 75–315 ms per query
    while the queries run in 12–120 ms (bench/dossiers.py, 100,000 dossiers).
    """
    if "postgresql" in database["ENGINE"]:
        database.setdefault("OPTIONS", {})["options"] = "-c jit=off"


# SQLite by default (one machine, `make run`); PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; the busy timeout waits out the
    # short write locks instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    postgres_tune(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "backoffice:landing"
LOGOUT_REDIRECT_URL = "portal:home"

# Lockout after repeated failures (per account). See docs/ARCHITECTURE.md, "Accounts".
MOTCUA_LOGIN_MAX_FAILURES = env.int("MOTCUA_LOGIN_MAX_FAILURES", default=5)
MOTCUA_LOGIN_LOCKOUT_MINUTES = env.int("MOTCUA_LOGIN_LOCKOUT_MINUTES", default=15)
# Wrong sign-ins from one connection (REMOTE_ADDR; set the proxy to pass the client's) in the
# window, whatever the usernames, against guessing one password over many accounts. Only
# failures count: a whole office behind one address signs in every morning.
MOTCUA_LOGIN_FAILURES_PER_CLIENT = env.int("MOTCUA_LOGIN_FAILURES_PER_CLIENT", default=30)
# The mobile app's tokens (ADR 0018): a signed access token lasts minutes; the refresh token,
# replaced at each use, keeps the app signed in for days unless used twice or signed out.
MOTCUA_API_ACCESS_MINUTES = env.int("MOTCUA_API_ACCESS_MINUTES", default=15)
MOTCUA_API_REFRESH_DAYS = env.int("MOTCUA_API_REFRESH_DAYS", default=30)
# Single sign-on with the national identity (OpenID Connect; ADR 0019). Empty issuer: off.
# In development `make run` starts simulators/oidc/server.py and config/settings/dev.py points
# here. The client secret comes from the environment only.
MOTCUA_OIDC_ISSUER = env.str("MOTCUA_OIDC_ISSUER", default="")
MOTCUA_OIDC_CLIENT_ID = env.str("MOTCUA_OIDC_CLIENT_ID", default="")
MOTCUA_OIDC_CLIENT_SECRET = env.str("MOTCUA_OIDC_CLIENT_SECRET", default="")
MOTCUA_OIDC_SCOPES = env.str("MOTCUA_OIDC_SCOPES", default="openid profile phone citizen")
# The claim carrying the verified identification number ([GAP]: VNeID's real claim name).
MOTCUA_OIDC_ID_NUMBER_CLAIM = env.str(
    "MOTCUA_OIDC_ID_NUMBER_CLAIM", default="identification_number"
)
MOTCUA_OIDC_TIMEOUT_SECONDS = env.int("MOTCUA_OIDC_TIMEOUT_SECONDS", default=10)
# A just-replaced refresh token still works this long: the app retrying after a lost answer.
MOTCUA_API_REFRESH_GRACE_SECONDS = env.int("MOTCUA_API_REFRESH_GRACE_SECONDS", default=60)
# Changes one account may make through the app in an hour (drafts: start, answers, uploads,
# removals, submit; the profile; payment starts), refused ones included: a phone filling a long
# form with its papers needs a few dozen.
MOTCUA_API_WRITES_PER_HOUR = env.int("MOTCUA_API_WRITES_PER_HOUR", default=300)
# The app's own addresses the national-identity sign-in may hand its one-time code back to
# (exact match, e.g. "vn.gov.dongnai.app:/sso"); empty: the app signs in with passwords only.
MOTCUA_API_APP_REDIRECT_URIS = env.list("MOTCUA_API_APP_REDIRECT_URIS", default=[])
MOTCUA_API_SIGN_IN_CODE_SECONDS = env.int("MOTCUA_API_SIGN_IN_CODE_SECONDS", default=60)
MOTCUA_LOGIN_CLIENT_WINDOW_MINUTES = env.int("MOTCUA_LOGIN_CLIENT_WINDOW_MINUTES", default=15)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["motcua.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [SRC_DIR / "motcua" / "static"]
MEDIA_ROOT = BASE_DIR / "var" / "media"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Một Cửa <no-reply@localhost>")

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# Django Tasks (backport) with the database backend: one machine needs no broker.
# ADR 0002. The worker is `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)  # one working day
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy of every HTML page (core.middleware.SecurityHeadersMiddleware). No
# 'unsafe-inline': templates carry no inline script, event handler, javascript: URL or style
# attribute. The payment platform's origin (MOTCUA_PAYGOV_URL) is added to form-action by the
# middleware: "Pay online" posts here and is redirected there. MOTCUA_CSP_BY_PATH gives another
# policy under a path prefix (none needed: the Django admin runs under this one).
MOTCUA_CSP = env.str(
    "MOTCUA_CSP",
    default="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
MOTCUA_CSP_BY_PATH: dict[str, str] = {}

# --- Working-day calendar (core.calendar). ADR 0003. ---------------------------------------
# Office hours as (start, end) periods of one working day. REGULATION.md §2.5 [SEC]:
# 07:00-11:30 and 13:30-17:00 (8 hours). Provinces differ; change here, not in code.
MOTCUA_WORKING_PERIODS = [
    (time.fromisoformat(start), time.fromisoformat(end))
    for start, end in (
        period.split("-")
        for period in env.list("MOTCUA_WORKING_PERIODS", default=["07:00-11:30", "13:30-17:00"])
    )
]
# Weekly rest days (Monday=0 … Sunday=6): Saturday and Sunday for the civil service.
MOTCUA_WEEKLY_REST_DAYS = env.list("MOTCUA_WEEKLY_REST_DAYS", cast=int, default=[5, 6])
# Years the calendar seed covers from the `holidays` package (admins maintain later years).
MOTCUA_CALENDAR_SEED_YEARS = (2020, 2027)

# --- The province this installation serves. -------------------------------------------------
# The national identifier prefix (QCVN 102:2016 "MX1X2" block) used in dossier codes.
# REGULATION.md §2.4 [GAP/MEM]: by the alphabetical order of the 63 provinces (Thanh Hóa = H56)
# Bình Phước would be H10 and Đồng Nai H19; neither is verified, and the 2025 merger may have
# changed Đồng Nai's. They are settings, documented in README "Configuration", not code.
MOTCUA_PROVINCE_IDENTIFIER_BEFORE_MERGER = env.str(
    "MOTCUA_PROVINCE_IDENTIFIER_BEFORE_MERGER", default="H10"
)
MOTCUA_PROVINCE_IDENTIFIER = env.str("MOTCUA_PROVINCE_IDENTIFIER", default="H19")
# --- Content languages (catalogue and public pages). ------------------------------------------
# The interface is translated by gettext into LANGUAGES; procedure and page *content* can also be
# published in these languages (ethnic-minority languages of the province among them). Codes are
# ISO 639 (km Khmer, sti Bulo Stieng, cmo Central Mnong); untranslated content falls back to
# Vietnamese with a visible note. Add a language here: `code=Name in that language`.
MOTCUA_CONTENT_LANGUAGES = dict(
    item.split("=", 1)
    for item in env.list(
        "MOTCUA_CONTENT_LANGUAGES",
        default=["vi=Tiếng Việt", "en=English", "km=ភាសាខ្មែរ", "sti=S'tiêng", "cmo=M'nông"],
    )
)
# Where "Submit online" sends a citizen, by procedure code: our own online form by default. A
# province that files online on the national portal (REGULATION.md §0 [SEC]) sets its page per
# procedure: https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-nganh-doc.html?ma_thu_tuc={code}
MOTCUA_SUBMIT_ONLINE_URL = env.str("MOTCUA_SUBMIT_ONLINE_URL", default="/nop-truc-tuyen/{code}/")
# The province's hotline for procedures and petitions (1022 in the province's plan).
MOTCUA_HOTLINE = env.str("MOTCUA_HOTLINE", default="1022")
# Audio summaries: espeak-ng voice and speed (words per minute), encoded to MP3 by lame.
# The southern voice suits Đồng Nai / Bình Phước listeners; slower speech helps low literacy.
MOTCUA_AUDIO_VOICE = env.str("MOTCUA_AUDIO_VOICE", default="vi-vn-x-south")
MOTCUA_AUDIO_SPEED = env.int("MOTCUA_AUDIO_SPEED", default=140)
MOTCUA_AUDIO_BITRATE_KBPS = env.int("MOTCUA_AUDIO_BITRATE_KBPS", default=32)
# 766 indicators 1.1 and 1.2 (REGULATION.md §1.4): a province publishes at least this many
# working days before the legal basis takes effect, and makes public within this many working
# days of the decision. Ministries use 20 and 10.
MOTCUA_PUBLISH_LEAD_WORKING_DAYS = env.int("MOTCUA_PUBLISH_LEAD_WORKING_DAYS", default=5)
MOTCUA_PUBLIC_UPDATE_WORKING_DAYS = env.int("MOTCUA_PUBLIC_UPDATE_WORKING_DAYS", default=5)

# Demo users (a known password for every role) exist only where this is true: dev settings.
MOTCUA_DEMO_USERS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each rendering step at INFO (three lines per PDF, and at import).
    "loggers": {"django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# --- Dossiers (REGULATION.md §2.5; README "Choices for uncertain rules") ---------------------
# What a complete supplement does to the clock: "pause" resumes with the working time that was
# left (the 766 count deducts the citizen's time), "restart" starts the full limit again from
# the complete supplement (the believed NĐ 118/2025 rule, unverified [GAP]).
MOTCUA_SUPPLEMENT_CLOCK = env.str("MOTCUA_SUPPLEMENT_CLOCK", default="pause")
if MOTCUA_SUPPLEMENT_CLOCK not in ("pause", "restart"):
    raise ImproperlyConfigured("MOTCUA_SUPPLEMENT_CLOCK must be 'pause' or 'restart'")
# The apology letter (Mẫu 04) must be approved at the latest this many working days before the
# due date (NĐ 61/2018 Art. 19 recalled as "01 ngày trước ngày hết hạn" [MEM]); 0 = before the
# due instant.
MOTCUA_APOLOGY_LEAD_WORKING_DAYS = env.int("MOTCUA_APOLOGY_LEAD_WORKING_DAYS", default=1)
# "Due soon" in the officers' queues: due within this many working days.
MOTCUA_DUE_SOON_WORKING_DAYS = env.int("MOTCUA_DUE_SOON_WORKING_DAYS", default=2)
# A receipt time may run this far ahead of the server clock (desk PCs drift); beyond: refused.
MOTCUA_CLOCK_TOLERANCE = timedelta(minutes=env.int("MOTCUA_CLOCK_TOLERANCE_MINUTES", default=5))
# Tracking by code + last 4 phone digits: attempts allowed per connection and window.
MOTCUA_TRACKING_ATTEMPTS = env.int("MOTCUA_TRACKING_ATTEMPTS", default=10)
MOTCUA_TRACKING_WINDOW_MINUTES = env.int("MOTCUA_TRACKING_WINDOW_MINUTES", default=15)
# The tracking page the receipt's QR code points to; {code} is the dossier code.
MOTCUA_TRACKING_URL = env.str(
    "MOTCUA_TRACKING_URL", default="http://localhost:8000/tra-cuu/?ma={code}"
)
# The portal's public address, for links printed on papers (the result's verification QR code).
MOTCUA_PUBLIC_URL = env.str("MOTCUA_PUBLIC_URL", default="http://localhost:8000")

# --- electronic results (issue 10, docs/adr/0012-signed-results.md) ---------------------------
# Each agency's signing certificate: <dir>/<national identifier>.p12; trust roots <dir>/roots/*.pem.
MOTCUA_SIGNING_DIR = env.path("MOTCUA_SIGNING_DIR", default=BASE_DIR / "var" / "signing")
# Passphrases of the .p12 files, by national identifier ("*" for all). No default: a secret is
# never in code (development sets its own; `manage.py signing_demo_keys` makes matching files).
MOTCUA_SIGNING_PASSPHRASES = env.dict("MOTCUA_SIGNING_PASSPHRASES", default={})
# How long a result stays valid, by procedure code (months from the day it is issued), shown in
# the citizen's store: the certificate of marital status 6 months (NĐ 123/2015, Art. 23 [MEM]).
MOTCUA_RESULT_VALIDITY_MONTHS = {
    code: int(months)
    for code, months in env.dict("MOTCUA_RESULT_VALIDITY_MONTHS", default={"1.004873": "6"}).items()
}
# Procedures (national codes) whose result is an electronic certified copy of an original shown
# at the desk (chứng thực bản sao điện tử từ bản chính); 2.000815 is the commune tier's.
MOTCUA_CERTIFICATION_PROCEDURES = env.list("MOTCUA_CERTIFICATION_PROCEDURES", default=["2.000815"])
# The number written in the certification book, per agency and year. [MEM] The paper book reads
# "Số chứng thực …, quyển số …-SCT/BS"; the electronic book's format is [GAP]: a setting.
MOTCUA_CERTIFICATION_NUMBER_FORMAT = env.str(
    "MOTCUA_CERTIFICATION_NUMBER_FORMAT", default="{number}/{year}/SCT/BS"
)

# The citizen's store: years an entry is kept after its issue (or digitisation), by
# StoredDocument kind; None = kept without limit. [GAP] REGULATION.md §3: the retention period in
# the store is not known (NĐ 45/2020 unchecked), so it is a setting; a RetentionRule row (admin)
# overrides it per kind. A result keeps its legal value: no limit. Only the store's entry goes;
# its file is removed only if nothing else references it (documents/retention.py, daily job).
# Environment: "certified_copy=10,component=5,result=none"; kinds left out keep the default.
MOTCUA_RETENTION_YEARS: dict[str, int | None] = {
    "result": None,
    "certified_copy": 5,
    "component": 5,
}
for _kind, _years in env.dict("MOTCUA_RETENTION_YEARS", default={}).items():
    if _kind not in MOTCUA_RETENTION_YEARS:
        raise ImproperlyConfigured(f"MOTCUA_RETENTION_YEARS: unknown kind {_kind!r}")
    if _years.strip().lower() in ("", "none"):
        MOTCUA_RETENTION_YEARS[_kind] = None
    elif _years.strip().isdigit() and int(_years) >= 1:
        MOTCUA_RETENTION_YEARS[_kind] = int(_years)
    else:
        raise ImproperlyConfigured(f"MOTCUA_RETENTION_YEARS: {_kind} needs years >= 1 or none")

# --- Notifications (README "Configuration") --------------------------------------------------
# Channel plugins: e-mail through Django's mail backend; SMS and Zalo log to the console until a
# gateway is configured (the adapter classes replace these paths).
MOTCUA_NOTIFICATION_CHANNELS = {
    "email": env.str("MOTCUA_CHANNEL_EMAIL", default="motcua.notifications.channels.EmailChannel"),
    "sms": env.str("MOTCUA_CHANNEL_SMS", default="motcua.notifications.channels.LogSmsChannel"),
    "zalo": env.str("MOTCUA_CHANNEL_ZALO", default="motcua.notifications.channels.LogZaloChannel"),
}
# A failing channel is retried after these many minutes, then the message passes to another.
MOTCUA_NOTIFICATION_RETRY_MINUTES = env.list(
    "MOTCUA_NOTIFICATION_RETRY_MINUTES", cast=int, default=[1, 5, 30]
)
MOTCUA_NOTIFICATION_MAX_ATTEMPTS = env.int("MOTCUA_NOTIFICATION_MAX_ATTEMPTS", default=4)

# An unsatisfied rating must be followed up by the unit's leader within this many working days.
MOTCUA_RATING_FOLLOW_UP_WORKING_DAYS = env.int("MOTCUA_RATING_FOLLOW_UP_WORKING_DAYS", default=5)

# One-time codes (sign-up, consent to a community helper): lifetime, codes per address in that
# time, wrong tries allowed per code.
MOTCUA_OTP_MINUTES = env.int("MOTCUA_OTP_MINUTES", default=10)
MOTCUA_OTP_PER_ADDRESS = env.int("MOTCUA_OTP_PER_ADDRESS", default=3)
MOTCUA_OTP_MAX_ATTEMPTS = env.int("MOTCUA_OTP_MAX_ATTEMPTS", default=5)

# Uploads by citizens (PDF, JPEG, PNG, checked from the content): the largest file accepted.
MOTCUA_UPLOAD_MAX_MB = env.int("MOTCUA_UPLOAD_MAX_MB", default=10)
# Files one online draft may hold, all components together (portal and app).
MOTCUA_DRAFT_MAX_FILES = env.int("MOTCUA_DRAFT_MAX_FILES", default=40)
# How long a citizen's consent to a community helper lasts.
MOTCUA_HELPER_CONSENT_DAYS = env.int("MOTCUA_HELPER_CONSENT_DAYS", default=30)

# --- QĐ 766 index (REGULATION.md §1; README "Choices for uncertain rules") --------------------
# The appointment (NgayHenTra) the 766 on-time rule compares: "receipt" = the one on the receipt,
# an apology letter does not make a late dossier on time; "apology" = the latest approved apology.
MOTCUA_QUALITY_APPOINTMENT = env.str("MOTCUA_QUALITY_APPOINTMENT", default="receipt")
if MOTCUA_QUALITY_APPOINTMENT not in ("receipt", "apology"):
    raise ImproperlyConfigured("MOTCUA_QUALITY_APPOINTMENT must be 'receipt' or 'apology'")
# Dated changes of a metric's maximum, threshold (ratio for full marks) or empty-denominator
# score, e.g. the 766 docx's 80 % threshold for indicator 4.2 (JSON list; see README):
# [{"from": "2025-01-01", "metric": "SO_HOA_GIAY_TO_GIAI_QUYET", "threshold": "0.8"}]
MOTCUA_QUALITY_RULE_CHANGES = env.json("MOTCUA_QUALITY_RULE_CHANGES", default=[])
# Classification bands (§1.5 [GAP/MEM]): the lowest total of each band, best first.
MOTCUA_QUALITY_BANDS = [
    ("excellent", 90),
    ("good", 80),
    ("fair", 70),
    ("average", 50),
    ("weak", 0),
]
# Indicator 3.3 multiplies the online share by the sync rate (the 766 docx [SEC]); False counts
# our online dossiers whatever was synchronised.
MOTCUA_QUALITY_ONLINE_TIMES_SYNC_RATE = env.bool(
    "MOTCUA_QUALITY_ONLINE_TIMES_SYNC_RATE", default=True
)
# Each refresh also re-reads the events of the last minutes before the previous run: an event id
# is given at insert, so a transaction committing late can land below the watermark already read.
MOTCUA_QUALITY_REFRESH_OVERLAP_MINUTES = env.int(
    "MOTCUA_QUALITY_REFRESH_OVERLAP_MINUTES", default=10
)
# How often the scheduled job refreshes the facts (seconds), run by `manage.py run_schedule`.
MOTCUA_QUALITY_REFRESH_SECONDS = env.int("MOTCUA_QUALITY_REFRESH_SECONDS", default=300)
# Periodic jobs `manage.py run_schedule` enqueues for the worker: (task, interval in seconds).
MOTCUA_SCHEDULE = [
    ("motcua.quality.tasks.quality_facts_refresh", MOTCUA_QUALITY_REFRESH_SECONDS),
    ("motcua.notifications.tasks.notifications_deliver_due", 60),
    ("motcua.payments.tasks.payments_reconcile_job", 60),
    ("motcua.documents.tasks.store_retention_sweep", 24 * 60 * 60),  # daily
    ("motcua.sync.tasks.sync_send_job", 60),
    ("motcua.directives.tasks.directive_reminders_job", 24 * 60 * 60),  # daily
    ("motcua.dossiers.tasks.integrity_verify_job", 24 * 60 * 60),  # nightly
    ("motcua.core.tasks.tasks_requeue_stale_job", 5 * 60),
    ("motcua.core.tasks.uploads_sweep_orphans_job", 24 * 60 * 60),  # daily
]
# A background job still RUNNING after this many seconds was left by a dead worker (killed,
# out of memory) and goes back to the queue (core.services.tasks_requeue_stale). Far above the
# longest job (the national sync stops starting requests after about 50 s).
MOTCUA_TASK_LEASE_SECONDS = env.int("MOTCUA_TASK_LEASE_SECONDS", default=60 * 60)
# Who is e-mailed when the nightly integrity check finds a broken hash chain, besides every
# active system administrator with an address (comma-separated).
MOTCUA_INTEGRITY_ALERT_EMAILS = env.list("MOTCUA_INTEGRITY_ALERT_EMAILS", default=[])
# Where `make backup` writes its directories (database dump, stored files, manifest).
MOTCUA_BACKUP_DIR = env.path("MOTCUA_BACKUP_DIR", default=BASE_DIR / "var" / "backups")

# --- feedback and petitions (PAKN, issue 12) ---------------------------------------------------
# Limits in working days (REGULATION.md §4.3 [SEC], the 766 docx; the decree's own are [GAP]):
# refuse, first supplement request, handle — from submission or the latest transfer — and publish
# the answer once ready. Effective-dated: an item keeps the row in force when its clock started.
MOTCUA_FEEDBACK_LIMITS = env.json(
    "MOTCUA_FEEDBACK_LIMITS",
    default=[
        {"from": "2022-06-23", "refuse": 2, "first_supplement": 5, "handle": 15, "publish": 2}
    ],
)
# Warn the agency this many working days before a limit.
MOTCUA_FEEDBACK_WARN_WORKING_DAYS = env.int("MOTCUA_FEEDBACK_WARN_WORKING_DAYS", default=2)
# An answer rated "not satisfied" reopens the petition (new deadline, the approving leader named)
# at most this many times; later ratings are recorded without reopening.
MOTCUA_FEEDBACK_MAX_REOPENS = env.int("MOTCUA_FEEDBACK_MAX_REOPENS", default=2)
# One-time codes a single connection (REMOTE_ADDR; set the proxy to pass the client's) may ask
# for in an hour on the petition form, against texting many numbers from one place.
MOTCUA_OTP_PER_CLIENT_HOUR = env.int("MOTCUA_OTP_PER_CLIENT_HOUR", default=20)
# Petitions one connection may send in an hour (portal form and app API), on top of the
# one-a-minute gate per phone: a place with many verified phones cannot flood the agencies.
MOTCUA_FEEDBACK_PER_CLIENT_HOUR = env.int("MOTCUA_FEEDBACK_PER_CLIENT_HOUR", default=30)
# Attachments per petition (PDF, JPEG, PNG; each at most MOTCUA_UPLOAD_MAX_MB).
MOTCUA_FEEDBACK_MAX_FILES = env.int("MOTCUA_FEEDBACK_MAX_FILES", default=5)
# The citizen's link to follow and rate a petition (sent by SMS / e-mail; no account needed).
MOTCUA_FEEDBACK_TRACKING_URL = env.str(
    "MOTCUA_FEEDBACK_TRACKING_URL", default="http://localhost:8000/phan-anh/theo-doi/{token}/"
)

# --- directive tasks (issue 13, docs/adr/0016-directive-tasks.md) ------------------------------
# Remind the lead unit this many working days before a task's deadline (and on the day); the
# working day after a missed deadline the task escalates to the province office.
MOTCUA_DIRECTIVE_REMIND_WORKING_DAYS = env.int("MOTCUA_DIRECTIVE_REMIND_WORKING_DAYS", default=3)

# --- national portal sync (issue 11, docs/dvcqg-sync.md, docs/adr/0013-national-sync.md) -------
# Off by default: the outbox fills (nothing is lost) but nothing is sent. When on, the URL and
# credentials must be the portal's; development points at the simulator (simulators/dvcqg/).
USE_DVCQG = env.bool("USE_DVCQG", default=False)
MOTCUA_DVCQG_URL = env.str("MOTCUA_DVCQG_URL", default="http://127.0.0.1:8766")
# [GAP] The real paths are configuration (REGULATION.md §4.1: URLThemMoi, URLCapNhat,
# URLDongBoTienTrinh), not public.
MOTCUA_DVCQG_PATHS = env.dict(
    "MOTCUA_DVCQG_PATHS",
    default={
        "create": "/api/hoso/themmoi",
        "update": "/api/hoso/capnhat",
        "steps": "/api/hoso/tientrinh",
    },
)
MOTCUA_DVCQG_USERNAME = env.str("MOTCUA_DVCQG_USERNAME", default="")
MOTCUA_DVCQG_PASSWORD = env.str("MOTCUA_DVCQG_PASSWORD", default="")  # a secret: no default
MOTCUA_DVCQG_TIMEOUT_SECONDS = env.int("MOTCUA_DVCQG_TIMEOUT_SECONDS", default=15)
MOTCUA_DVCQG_BATCH = env.int("MOTCUA_DVCQG_BATCH", default=50)  # dossiers per request
# A refusal of the content is retried this many times, then the message stops for an admin;
# failures of the transport are retried without limit.
MOTCUA_DVCQG_MAX_ATTEMPTS = env.int("MOTCUA_DVCQG_MAX_ATTEMPTS", default=5)
MOTCUA_DVCQG_BACKOFF_SECONDS = env.int("MOTCUA_DVCQG_BACKOFF_SECONDS", default=30)
MOTCUA_DVCQG_BACKOFF_MAX_SECONDS = env.int("MOTCUA_DVCQG_BACKOFF_MAX_SECONDS", default=3600)

# --- payments (issue 9, docs/adr/0011-fees-and-payments.md) -----------------------------------
MOTCUA_PAYMENT_PROVIDERS = {"paygov": "motcua.integrations.paygov.PayGovProvider"}
# The national payment platform's endpoint (INIT, QUERY). Development points at the simulator
# (`make simulators`, simulators/paygov/).
MOTCUA_PAYGOV_URL = env.str("MOTCUA_PAYGOV_URL", default="http://127.0.0.1:8765/api/thanh-toan")
# Partner code → secret key, e.g. "H19-STC=secret1,H19-UBND-DX=secret2". No default: a secret
# is never in code (development and tests set their own, matching the simulator's).
MOTCUA_PAYGOV_SECRETS = env.dict("MOTCUA_PAYGOV_SECRETS", default={})
MOTCUA_PAYGOV_TIMEOUT_SECONDS = env.int("MOTCUA_PAYGOV_TIMEOUT_SECONDS", default=10)
# QUERY's TrangThaiGD: which values mean paid, which failed; the rest is "still pending".
# REGULATION.md §4.2 [SEC]: only "4" = failed is known.
MOTCUA_PAYGOV_PAID_STATES = env.list("MOTCUA_PAYGOV_PAID_STATES", default=["1"])
MOTCUA_PAYGOV_FAILED_STATES = env.list("MOTCUA_PAYGOV_FAILED_STATES", default=["4"])
# A citizen who comes back to pay within this many minutes reuses the transaction started.
MOTCUA_PAYMENT_REUSE_MINUTES = env.int("MOTCUA_PAYMENT_REUSE_MINUTES", default=15)
# The reconciliation job asks (QUERY) about online payments still unconfirmed after this long,
# and gives one up as expired after MOTCUA_PAYMENT_EXPIRE_MINUTES without an answer.
MOTCUA_PAYMENT_QUERY_AFTER_SECONDS = env.int("MOTCUA_PAYMENT_QUERY_AFTER_SECONDS", default=120)
MOTCUA_PAYMENT_EXPIRE_MINUTES = env.int("MOTCUA_PAYMENT_EXPIRE_MINUTES", default=60)
# The e-receipt's form code and series (mẫu số, ký hiệu biên lai), registered by each collecting
# agency with its tax office (NĐ 11/2020, TT 78/2021: not checked, REGULATION.md §4.2 [GAP]).
# Empty: the receipt prints dotted blanks there rather than an invented code.
MOTCUA_RECEIPT_FORM_CODE = env.str("MOTCUA_RECEIPT_FORM_CODE", default="")
MOTCUA_RECEIPT_SERIES = env.str("MOTCUA_RECEIPT_SERIES", default="")
