"""Prima settings: every value is read from the environment here, and only here.

Development and the demo run with no environment at all (SQLite with WAL, DEBUG on).
Production is selected with PRIMA_ENV=production and then refuses to start without
SECRET_KEY and ALLOWED_HOSTS (see ``_require``).
"""

import os
import sys
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRIMA_ENV = env("PRIMA_ENV", "development")
PRODUCTION = PRIMA_ENV == "production"
# Under pytest the suite uses fast hashing and runs tasks immediately.
TESTING = env_bool("PRIMA_TESTING", "pytest" in sys.modules)


def _require(name: str) -> str:
    value = env(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when PRIMA_ENV=production.")
    return value


if PRODUCTION:
    SECRET_KEY = _require("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or _require("ALLOWED_HOSTS").split(",")
    DEBUG = env_bool("DEBUG", False)
else:
    # A development-only key; production refuses to start without its own.
    SECRET_KEY = env("SECRET_KEY", "prima-development-only-key-not-for-production-use-0123456789")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
    DEBUG = env_bool("DEBUG", not TESTING)

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute address of the site, for links in emails sent outside a request (tasks, commands).
PRIMA_BASE_URL = env("PRIMA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Prima's own apps: the one list naming them. Each capability declares what it contributes in
# its ``capability.py`` (prima.core.registry); core, accounts and organisations come first.
PRIMA_APPS = [
    "prima.core",
    "prima.accounts",
    "prima.organisations",
    "prima.inforequests",
    "prima.catalog",
    "prima.reform",
    "prima.servicestandards",
    "prima.surveys",
    "prima.assessments",
    "prima.integrity",
    "prima.demo",
    "prima.ops",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    *PRIMA_APPS,
]

MIDDLEWARE = [
    "prima.core.logging.RequestIdMiddleware",
    "prima.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 413 for oversized bodies, 400 for out-of-range parameters, JSON errors under /api/.
    "prima.core.http_errors.JsonErrorMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prima.core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "prima.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "prima.core.request_context.RequestContextMiddleware",
    "prima.core.health.ServiceUnavailableMiddleware",
    "prima.core.storage.AccelRedirectMiddleware",
]

ROOT_URLCONF = "prima.urls"
WSGI_APPLICATION = "prima.wsgi.application"
ASGI_APPLICATION = "prima.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prima.core.context_processors.prima",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATA_DIR = Path(env("PRIMA_DATA_DIR", str(PROJECT_DIR / "var")))
DEFAULT_SQLITE = f"sqlite:///{DATA_DIR / 'prima.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", DEFAULT_SQLITE), conn_max_age=60)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept (per thread) like PostgreSQL's: opening one and running the PRAGMAs
    # below cost about 9 ms per request.
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers and one writer work at once; IMMEDIATE avoids deadlocked upgrades.
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA busy_timeout=20000;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": env("PRIMA_TEST_SQLITE", "")} if env(
        "PRIMA_TEST_SQLITE"
    ) else {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and rate limits (Redis in production; a database table on the embedded default) --
# Rate-limit counters live in the cache, so the cache must be shared by every gunicorn worker
# and survive a restart: Redis, or the table ``prima_cache`` (created by ``migrate``; see
# prima/core/apps.py). The test suite keeps a per-process memory cache unless PRIMA_CACHE says.
REDIS_URL = env("REDIS_URL")
# Anonymous visitors' public pages (satker page, register, catalog search, table page) are kept
# this long (in Redis, else in each process), dropped earlier by any write
# (prima/core/pagecache.py); 0: off. Off in the test suite, where its own tests switch it on.
PRIMA_PUBLIC_PAGE_CACHE_SECONDS = int(env("PRIMA_PUBLIC_PAGE_CACHE_SECONDS",
                                          "0" if TESTING else "30"))
PRIMA_CACHE = env("PRIMA_CACHE", "redis" if REDIS_URL else ("locmem" if TESTING else "database"))
CACHE_TABLE = "prima_cache"
if PRIMA_CACHE == "redis":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL or _require("REDIS_URL")}}
elif PRIMA_CACHE == "database":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": CACHE_TABLE,
                          "OPTIONS": {"MAX_ENTRIES": 100_000}}}
elif PRIMA_CACHE == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "LOCATION": "prima"}}
else:
    raise ImproperlyConfigured("PRIMA_CACHE must be redis, database or locmem.")

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests that do not test hashing use a fast hasher.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = int(env("PRIMA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("PRIMA_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_ENABLED = env_bool("PRIMA_AXES_ENABLED", True)

SESSION_COOKIE_AGE = int(env("PRIMA_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True  # idle sessions expire; active ones are extended
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = "Prima KPU"
INVITATION_VALID_DAYS = int(env("PRIMA_INVITATION_VALID_DAYS", "7"))

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Working days (see prima/core/calendar.py) -------------------------------------------------
# Domain working-days.md: after the office-hours cut-off a request counts from the next working day.
OFFICE_CUTOFF = env("PRIMA_OFFICE_CUTOFF", "16:00")
# Tasks (dotted paths) enqueued after the calendar changes, so stored deadlines recompute.
PRIMA_CALENDAR_CHANGED_HOOKS = env_list(
    "PRIMA_CALENDAR_CHANGED_HOOKS", "prima.inforequests.tasks.recompute_deadlines")

# --- Static and media files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("PRIMA_STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files are never served from a URL of their own: every download goes
# through a view that checks permission (MEDIA_URL is not routed). With PRIMA_S3_BUCKET every
# file lives in S3-compatible object storage (django-storages, boto3); credentials come from
# PRIMA_S3_ACCESS_KEY_ID/PRIMA_S3_SECRET_ACCESS_KEY or boto3's own AWS_* variables and files.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("PRIMA_MEDIA_ROOT", str(DATA_DIR / "media")))
PRIMA_S3_BUCKET = env("PRIMA_S3_BUCKET")
if PRIMA_S3_BUCKET:
    _storage = {"BACKEND": env("PRIMA_FILE_STORAGE", "storages.backends.s3.S3Storage"),
                "OPTIONS": {
                    "bucket_name": PRIMA_S3_BUCKET,
                    "endpoint_url": env("PRIMA_S3_ENDPOINT_URL") or None,
                    "region_name": env("PRIMA_S3_REGION", env("AWS_DEFAULT_REGION")) or None,
                    "access_key": env("PRIMA_S3_ACCESS_KEY_ID") or None,
                    "secret_key": env("PRIMA_S3_SECRET_ACCESS_KEY") or None,
                    "location": env("PRIMA_S3_PREFIX"),
                    "addressing_style": env("PRIMA_S3_ADDRESSING_STYLE") or None,
                    "default_acl": None,  # the bucket's own (private) policy
                    "querystring_auth": True,  # never a public URL
                    "file_overwrite": False,
                    "max_memory_size": 8 * 1024 * 1024,
                }}
else:
    _storage = {"BACKEND": env("PRIMA_FILE_STORAGE", "prima.core.storage.FileSystemStorage")}
# Each node's cache of the Parquet/rollup files DuckDB reads (prima/core/storage.py).
PRIMA_CACHE_DIR = Path(env("PRIMA_CACHE_DIR", str(DATA_DIR / "cache")))
PRIMA_CACHE_MAX_BYTES = int(float(env("PRIMA_CACHE_MAX_MB", "10240")) * 1024 * 1024)
# Downloads of local files handed to nginx (X-Accel-Redirect to an internal location).
PRIMA_ACCEL_REDIRECT = env("PRIMA_ACCEL_REDIRECT")  # e.g. "/_files/" (deploy/nginx/prima.conf)
STORAGES = {
    "default": _storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if not (DEBUG or TESTING) else
                    "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
DOCUMENT_MAX_BYTES = int(env("PRIMA_DOCUMENT_MAX_MB", "20")) * 1024 * 1024
# Open data catalog: upload size, and the time a table query may take before it is stopped.
CATALOG_MAX_UPLOAD_BYTES = int(env("PRIMA_CATALOG_MAX_UPLOAD_MB", "500")) * 1024 * 1024
CATALOG_QUERY_SECONDS = float(env("PRIMA_CATALOG_QUERY_SECONDS", "10"))
# Aggregate indexes of large tables (prima/catalog/engine/rollup.py): tables from this many
# rows get them; a level keeps at most this many groups, and at most 1/ratio of the rows.
CATALOG_ROLLUP_MIN_ROWS = int(env("PRIMA_CATALOG_ROLLUP_MIN_ROWS", "50000"))
CATALOG_ROLLUP_MAX_DISTINCT = 20_000
CATALOG_ROLLUP_MAX_ROWS = 50_000
CATALOG_ROLLUP_RATIO = 20
# The row index beside the rollups (every row, an index per text/code/date column): built for
# tables up to this many cells (0: never); a query whose most selective indexed equality filter
# matches at most SELECTIVE rows is read through it instead of a DuckDB scan.
CATALOG_ROW_INDEX_MAX_CELLS = int(env("PRIMA_CATALOG_ROW_INDEX_MAX_CELLS", "60000000"))
CATALOG_ROW_INDEX_SELECTIVE = int(env("PRIMA_CATALOG_ROW_INDEX_SELECTIVE", "5000"))
# An export (CSV, JSON, XLSX) of more rows than this is prepared in the background with its
# progress and a private download link, instead of streamed in the request (catalog issue 13).
CATALOG_EXPORT_BACKGROUND_ROWS = int(env("PRIMA_CATALOG_EXPORT_BACKGROUND_ROWS", "200000"))
# Usage counts wait this long in a process before they are written together (0: at once);
# the public lookup of a table's dataset is remembered this long for anonymous API requests.
CATALOG_USAGE_FLUSH_SECONDS = float(env("PRIMA_CATALOG_USAGE_FLUSH_SECONDS",
                                        "0" if TESTING else "10"))
CATALOG_PUBLIC_LOOKUP_SECONDS = float(env("PRIMA_CATALOG_PUBLIC_LOOKUP_SECONDS",
                                          "0" if TESTING else "5"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email (every message goes through the outbox; see prima/core/mail.py) ----------------------
EMAIL_BACKEND = "prima.core.mail.OutboxBackend"
PRIMA_DELIVERY_EMAIL_BACKEND = env(
    "PRIMA_DELIVERY_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Prima KPU <no-reply@prima.kpu.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_MAX_ATTEMPTS = int(env("PRIMA_OUTBOX_MAX_ATTEMPTS", "8"))

# --- Background tasks (django-tasks) -----------------------------------------------------------
# The database backend is the embedded default; production sets PRIMA_TASKS_BACKEND=rq and
# runs the RQ worker on Redis (``prima worker`` starts the right one).
PRIMA_RQ_URL = env("PRIMA_RQ_URL", REDIS_URL)
_tasks_backend = env("PRIMA_TASKS_BACKEND",
                     "django_tasks.backends.immediate.ImmediateBackend" if TESTING
                     else "django_tasks_db.DatabaseBackend")
if _tasks_backend in ("rq", "django_tasks_rq.RQBackend"):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": PRIMA_RQ_URL or _require("PRIMA_RQ_URL"),
                             "DEFAULT_TIMEOUT": int(env("PRIMA_RQ_JOB_TIMEOUT", "3600"))}}
else:
    TASKS = {"default": {"BACKEND": _tasks_backend}}
# An ingestion whose worker stopped reporting progress for this long is retried (at most
# PRIMA_INGEST_ATTEMPTS times in all), then marked failed (prima/catalog/tasks.py).
PRIMA_INGEST_LEASE_SECONDS = float(env("PRIMA_INGEST_LEASE_SECONDS", "300"))
PRIMA_INGEST_ATTEMPTS = int(env("PRIMA_INGEST_ATTEMPTS", "2"))

# Reform action plans (domain reform-evaluation.md): achievement cap for roll-ups, the share of
# the expected achievement below which an indicator is at risk / late, report due dates.
PRIMA_REFORM_ACHIEVEMENT_CAP = Decimal(env("PRIMA_REFORM_ACHIEVEMENT_CAP", "1"))
PRIMA_REFORM_AT_RISK = Decimal(env("PRIMA_REFORM_AT_RISK", "0.8"))
PRIMA_REFORM_LATE = Decimal(env("PRIMA_REFORM_LATE", "0.5"))
PRIMA_REFORM_REPORT_DUE_DAYS = int(env("PRIMA_REFORM_REPORT_DUE_DAYS", "10"))
PRIMA_REFORM_REMINDER_DAYS_BEFORE = int(env("PRIMA_REFORM_REMINDER_DAYS_BEFORE", "5"))

# Information requesters' personal data (NIK, address, phone, attachments) is anonymised this
# many days after the request ends (its last decision, delivery, objection or dispute). Legal
# basis: UU 27/2022 on personal data protection, Pasal 16(2) and 43-44 (personal data kept only
# as long as its purpose needs, then erased); the period itself is UNCONFIRMED (set it to the
# satker's archive retention schedule).
PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS = int(
    env("PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS", "730"))

# Satisfaction survey (SKM/IKM, PermenPANRB 14/2017): the element weights. "exact" uses 1/9
# (all-4 answers give IKM 100.00); "printed" uses the 0.111 printed in the regulation (99.90).
PRIMA_SURVEYS_WEIGHTS = env("PRIMA_SURVEYS_WEIGHTS", "exact")
# Self-assessments (integrity-zone.md stage 4): the national submission deadline, "MM-DD" of the
# assessment's year (31 May; may change by circular), and the days before it on which satkers
# still filling their worksheet are reminded.
PRIMA_ASSESSMENT_DEADLINE = env("PRIMA_ASSESSMENT_DEADLINE", "05-31")
PRIMA_ASSESSMENT_REMINDER_DAYS = [
    int(d) for d in env_list("PRIMA_ASSESSMENT_REMINDER_DAYS", "30,14,7,3,1")]

# Management commands the worker runs once a day after PRIMA_DAILY_AT (local time).
PRIMA_DAILY_COMMANDS = env_list(
    "PRIMA_DAILY_COMMANDS",
    "send_deadline_reminders,send_reform_reminders,anonymise_inforequests,"
    "send_assessment_reminders,send_integrity_reminders")
PRIMA_DAILY_AT = env("PRIMA_DAILY_AT", "07:00")

# --- Security ------------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (django-csp): everything from Prima's own origin, nothing inline (no
# <script> blocks, no on* handlers, no style attributes: behaviour lives in static/*.js, looks
# in static/*.css), no plugins, no framing, forms post only to Prima. data: images only for the
# API docs' icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

RATELIMIT_ENABLE = env_bool("PRIMA_RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "prima.core.views.rate_limited"

# --- Operations: logs, metrics --------------------------------------------------------------
# JSON lines with the request id in production (PRIMA_LOG_FORMAT=json|text to choose).
PRIMA_LOG_FORMAT = env("PRIMA_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "prima.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "prima.core.logging.JsonFormatter"},
                   "text": {"format": "%(asctime)s %(levelname)s %(name)s "
                                      "[%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": PRIMA_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("PRIMA_LOG_LEVEL", "WARNING")},
}
# /metrics answers a bearer token or these client networks (nginx forwards only loopback).
PRIMA_METRICS_TOKEN = env("PRIMA_METRICS_TOKEN")
PRIMA_METRICS_ALLOWED_NETWORKS = env_list("PRIMA_METRICS_ALLOWED_NETWORKS",
                                          "127.0.0.1/32,::1/128")

# `prima backup` / `prima restore` (prima/ops/backup.py): exact JSON Lines rows.
SERIALIZATION_MODULES = {"primajsonl": "prima.ops.serializer"}

PRIMA_SITE_NAME = _("Prima KPU")
