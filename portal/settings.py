"""Settings for the e-report portal: one module, every value from the environment.

Embedded defaults (SQLite under var/, tasks in-process, e-mail to the console, case-system
deliveries written as files) apply only when DJANGO_DEBUG is on. With DJANGO_DEBUG off the
secret key is required and nothing falls back silently. docs/operations.md lists every
variable.
"""
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# The embedded default's SQLite file, outbox files and uploads waiting between steps; never public.
PORTAL_VAR_DIR = Path(env.str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-development-key-only-for-debug")
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")  # required in production: no default

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "formtools",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "reports.apps.ReportsConfig",
    "reports.delivery.apps.DeliveryConfig",
    "reports.eid.apps.EidConfig",
    "reports.booking.apps.BookingConfig",
    "reports.triage.apps.TriageConfig",
    "reports.analytics.apps.AnalyticsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.compression.PortalGZipMiddleware",  # pages with a secret of their own stay uncompressed
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "reports.context_processors.portal",
                "reports.eid.context_processors.eid",
            ],
        },
    },
]

# Database: PostgreSQL in production (psycopg 3), SQLite under var/ as the embedded default.
if DEBUG:
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{PORTAL_VAR_DIR / 'portal.sqlite3'}")}
else:
    DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Swedish is the default and lives at /, English is complete under /en/.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files hold personal data: they live outside the web root and are never served
# directly; staff see them through a view that checks permissions.
MEDIA_ROOT = Path(env.str("PORTAL_MEDIA_ROOT", default=str(PORTAL_VAR_DIR / "media")))
MEDIA_URL = "/no-public-media/"  # no route serves this prefix: files go through permission-checked views

# Attachments, save-and-resume and status lookup (docs/attachments.md, docs/citizen-flows.md).
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
ATTACHMENT_MAX_COUNT = env.int("ATTACHMENT_MAX_COUNT", default=5)
REPORT_DRAFT_DAYS = env.int("REPORT_DRAFT_DAYS", default=7)
STATUS_LOOKUP_MAX_TRIES = env.int("STATUS_LOOKUP_MAX_TRIES", default=10)
STATUS_LOOKUP_WINDOW_SECONDS = env.int("STATUS_LOOKUP_WINDOW_SECONDS", default=15 * 60)
# The status lookup's rate limit counts in this cache. Production serves from many processes,
# which must all see the same counters: CACHE_URL (Redis) is required there; the embedded
# default keeps them in process memory.
if DEBUG:
    CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
else:
    CACHES = {"default": env.cache("CACHE_URL")}

# Sessions hold the wizard's answers: server-side, short-lived, never readable by scripts.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 4)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# E-mail: the console in the embedded default, SMTP (EMAIL_URL) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Polisen e-tjänster <no-reply@e-tjanst.example>")

# The public address of the portal, used in links sent by e-mail.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# Celery: Redis in production; without a broker the tasks run in-process (embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
# Periodic work (run by `celery -A portal beat`). Each area adds its own entries here.
CELERY_BEAT_SCHEDULE: dict = {
    "confirmation-sweep": {"task": "reports.tasks.confirmation_sweep", "schedule": 300.0},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
CRISPY_FAIL_SILENTLY = not DEBUG

# Where the portal's emergency numbers and the service desk are shown.
PORTAL_PHONE_EMERGENCY = "112"
PORTAL_PHONE_POLICE = "114 14"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_TEMPLATE = "admin/triage/lockout.html"

LOGIN_URL = "admin:login"

# E-identification (docs/eid.md). The built-in test provider refuses to start without DEBUG.
EID_PROVIDER = env.str("EID_PROVIDER", default="test" if DEBUG else "oidc")
EID_IDLE_TIMEOUT_SECONDS = env.int("EID_IDLE_TIMEOUT_SECONDS", default=15 * 60)
EID_OIDC_ISSUER = env.str("EID_OIDC_ISSUER", default="")
EID_OIDC_DISCOVERY_URL = env.str("EID_OIDC_DISCOVERY_URL", default="")  # default: issuer + /.well-known/…
EID_OIDC_AUTHORIZATION_ENDPOINT = env.str("EID_OIDC_AUTHORIZATION_ENDPOINT", default="")
EID_OIDC_TOKEN_ENDPOINT = env.str("EID_OIDC_TOKEN_ENDPOINT", default="")
EID_OIDC_JWKS_URI = env.str("EID_OIDC_JWKS_URI", default="")
EID_OIDC_USERINFO_ENDPOINT = env.str("EID_OIDC_USERINFO_ENDPOINT", default="")
EID_OIDC_CLIENT_ID = env.str("EID_OIDC_CLIENT_ID", default="")
EID_OIDC_CLIENT_SECRET = env.str("EID_OIDC_CLIENT_SECRET", default="")
EID_OIDC_SCOPES = env.str("EID_OIDC_SCOPES", default="openid profile https://id.oidc.se/scope/naturalPersonNumber")
EID_OIDC_CLAIM_PERSONAL_NUMBER = env.str(
    "EID_OIDC_CLAIM_PERSONAL_NUMBER", default="https://id.oidc.se/claim/personalIdentityNumber"
)
EID_OIDC_CLAIM_NAME = env.str("EID_OIDC_CLAIM_NAME", default="name")
EID_OIDC_SIGNING_ALGORITHMS = env.list("EID_OIDC_SIGNING_ALGORITHMS", default=["RS256"])
EID_OIDC_REDIRECT_URI = env.str("EID_OIDC_REDIRECT_URI", default="")  # default: this site's callback URL
EID_OIDC_TIMEOUT_SECONDS = env.float("EID_OIDC_TIMEOUT_SECONDS", default=10.0)

# Passport appointments (docs/booking.md).
BOOKING_WINDOW_WEEKS = env.int("BOOKING_WINDOW_WEEKS", default=8)
BOOKING_MAX_ACTIVE_PER_PERSON = env.int("BOOKING_MAX_ACTIVE_PER_PERSON", default=2)
BOOKING_MAX_PEOPLE = env.int("BOOKING_MAX_PEOPLE", default=6)
CELERY_BEAT_SCHEDULE["booking-slots-generate"] = {"task": "reports.booking.tasks.slots_generate", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["booking-reminders-send"] = {"task": "reports.booking.tasks.reminders_send", "schedule": 900.0}

# Case-system delivery (docs/delivery.md): an outbox relayed by Celery. Per destination:
# DELIVERY_<NAME>_CONNECTOR (file|http; file is the embedded default), _URL, _SECRET, _TIMEOUT.
DELIVERY_MAX_ATTEMPTS = env.int("DELIVERY_MAX_ATTEMPTS", default=20)
DELIVERY_BACKOFF_BASE = env.float("DELIVERY_BACKOFF_BASE", default=30.0)  # seconds
DELIVERY_BACKOFF_CAP = env.float("DELIVERY_BACKOFF_CAP", default=3600.0)
DELIVERY_LEASE_SECONDS = env.int("DELIVERY_LEASE_SECONDS", default=600)  # > CELERY_TASK_TIME_LIMIT
DELIVERY_REQUEUE_AFTER = env.int("DELIVERY_REQUEUE_AFTER", default=300)
DELIVERY_RELAY_INTERVAL = env.float("DELIVERY_RELAY_INTERVAL", default=30.0)
DELIVERY_DESTINATIONS: dict = {}
# The values of reports.constants.Destination (settings cannot import the app; a test keeps them in step).
for _name in ("crime_reports", "tips", "passport", "register_extracts", "permits"):
    _prefix = f"DELIVERY_{_name.upper()}_"
    _connector = env.str(_prefix + "CONNECTOR", default="file") if DEBUG else env.str(_prefix + "CONNECTOR")
    _http_required = _connector == "http" and not DEBUG
    DELIVERY_DESTINATIONS[_name] = {
        "CONNECTOR": _connector,
        "URL": env.str(_prefix + "URL") if _http_required else env.str(_prefix + "URL", default=""),
        "SECRET": env.str(_prefix + "SECRET") if _http_required else env.str(_prefix + "SECRET", default=""),
        "TIMEOUT": env.float(_prefix + "TIMEOUT", default=10.0),
    }
CELERY_BEAT_SCHEDULE["delivery-relay"] = {
    "task": "reports.delivery.tasks.deliveries_relay", "schedule": DELIVERY_RELAY_INTERVAL,
}
# A citizen's submit never waits long for a broker that is down: the outbox row is already
# committed and the relay queues it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)

# Staff triage (docs/triage.md): a second factor (TOTP) for the staff admin, required unless
# DEBUG is on; personal data of handled submissions is purged after PORTAL_PURGE_AFTER_DAYS.
PORTAL_STAFF_OTP_REQUIRED = env.bool("PORTAL_STAFF_OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Polisen e-tjänster")
PORTAL_PURGE_AFTER_DAYS = env.int("PORTAL_PURGE_AFTER_DAYS", default=90)
CELERY_BEAT_SCHEDULE["triage-purge"] = {"task": "reports.triage.tasks.personal_data_purge", "schedule": 6 * 3600.0}
CELERY_BEAT_SCHEDULE["triage-notice-sweep"] = {"task": "reports.triage.tasks.status_notice_sweep", "schedule": 300.0}

# Analytics (docs/analytics.md): assumptions behind "calls avoided" and the queue model's defaults.
ANALYTICS_MIN_ANSWERS = env.int("ANALYTICS_MIN_ANSWERS", default=30)
ANALYTICS_FALLBACK_CALL_SHARE = env.float("ANALYTICS_FALLBACK_CALL_SHARE", default=0.6)
ANALYTICS_FALLBACK_CALL_SHARE_LOW = env.float("ANALYTICS_FALLBACK_CALL_SHARE_LOW", default=0.4)
ANALYTICS_FALLBACK_CALL_SHARE_HIGH = env.float("ANALYTICS_FALLBACK_CALL_SHARE_HIGH", default=0.8)
ANALYTICS_HANDLE_MINUTES = env.float("ANALYTICS_HANDLE_MINUTES", default=20.0)
ANALYTICS_HANDLE_MINUTES_BY_SERVICE = env.dict(
    "ANALYTICS_HANDLE_MINUTES_BY_SERVICE", cast={"value": float}, default={}
)
ANALYTICS_QUEUE_CALLS_PER_HOUR = env.float("ANALYTICS_QUEUE_CALLS_PER_HOUR", default=650.0)
ANALYTICS_QUEUE_HANDLE_SECONDS = env.float("ANALYTICS_QUEUE_HANDLE_SECONDS", default=360.0)
ANALYTICS_QUEUE_OPERATORS = env.int("ANALYTICS_QUEUE_OPERATORS", default=70)
ANALYTICS_QUEUE_TARGET_SECONDS = env.float("ANALYTICS_QUEUE_TARGET_SECONDS", default=180.0)
ANALYTICS_QUEUE_TARGET_LEVEL = env.float("ANALYTICS_QUEUE_TARGET_LEVEL", default=0.8)
CELERY_BEAT_SCHEDULE["wizard-uploads-purge"] = {"task": "reports.tasks.wizard_uploads_purge", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["report-drafts-purge"] = {"task": "reports.tasks.report_drafts_purge", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["analytics-rollups-refresh"] = {
    "task": "reports.analytics.tasks.rollups_refresh", "schedule": 600.0,
}
