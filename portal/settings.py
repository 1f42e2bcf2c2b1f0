"""Settings for the e-report portal: one module, every value from the environment.

Embedded defaults (SQLite under var/, tasks in-process, e-mail to the console, case-system
deliveries written as files) apply only when DJANGO_DEBUG is on. With DJANGO_DEBUG off the
secret key is required and nothing falls back silently. docs/operations.md lists every
variable.
"""
from pathlib import Path

import django.conf.locale as django_locale
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# The embedded default's SQLite file, outbox files and uploads waiting between steps; never public.
PORTAL_VAR_DIR = Path(env.str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def production_required(name: str, meaning: str) -> str:
    """The value of a variable production cannot do without; with DEBUG off, refuse to start without it."""
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable ({meaning}). DJANGO_DEBUG is off, so there is no "
            f"embedded default to fall back on; docs/operations.md lists every production variable."
        )
    return value


if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-development-key-only-for-debug")
else:
    SECRET_KEY = production_required("DJANGO_SECRET_KEY", "the signing key of sessions and links")

if DEBUG:
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    production_required("DJANGO_ALLOWED_HOSTS", "the portal's host names, comma-separated")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "reports.triage.apps.StaffAdminConfig",  # django.contrib.admin with the staff site
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
    "portal.security.SecurityHeadersMiddleware",
    "portal.security.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.compression.PortalGZipMiddleware",  # pages with a secret of their own stay uncompressed
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "reports.middleware.StaffLanguageMiddleware",
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
    DATABASES = {"default": env.db_url_config(production_required("DATABASE_URL", "PostgreSQL, postgres://…"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages (docs/translations.md): Swedish is the default and lives at /, English is complete
# under /en/. The citizen pages also speak Arabic, Somali, Finnish, Persian and Ukrainian
# (/ar/, /so/, /fi/, /fa/, /uk/); Arabic and Persian are right-to-left (Django's LANGUAGES_BIDI).
# Staff pages stay Swedish or English: PORTAL_STAFF_LANGUAGES, enforced by
# reports.middleware.StaffLanguageMiddleware.
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("fi", _("Finnish")),
    ("fa", _("Persian")),
    ("uk", _("Ukrainian")),
]
PORTAL_STAFF_LANGUAGES = ("sv", "en")
# Django knows every language above except Somali: add its name (used by get_language_info).
django_locale.LANG_INFO.setdefault("so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"})
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
# Images are refused by the pixel count in their header, before decoding: one decoded image
# holds at most this many pixels (a 48-megapixel phone photo passes), at most two copies of it
# at a time, one file after another.
ATTACHMENT_MAX_PIXELS = env.int("ATTACHMENT_MAX_PIXELS", default=50_000_000)
# A request with more files than this is refused with 400 before any file is read; up to it,
# the form counts the files (ATTACHMENT_MAX_COUNT) before decoding any of them.
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=max(20, 4 * ATTACHMENT_MAX_COUNT))
REPORT_DRAFT_DAYS = env.int("REPORT_DRAFT_DAYS", default=7)
STATUS_LOOKUP_MAX_TRIES = env.int("STATUS_LOOKUP_MAX_TRIES", default=10)
STATUS_LOOKUP_WINDOW_SECONDS = env.int("STATUS_LOOKUP_WINDOW_SECONDS", default=15 * 60)
# The status lookup's rate limit counts in this cache. Production serves from many processes,
# which must all see the same counters: CACHE_URL (Redis) is required there; the embedded
# default keeps them in process memory.
if DEBUG:
    CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
else:
    CACHES = {"default": env.cache_url_config(production_required(
        "CACHE_URL", "Redis for the counters every process shares, redis://host:6379/1"))}
CACHE_TIMEOUT_SECONDS = env.float("CACHE_TIMEOUT_SECONDS", default=2.0)
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A Redis that does not answer (a host dropping packets, not one refusing) must not hold a
    # request until the server's own timeout: the lookups then answer 503 at once.
    CACHES["default"].setdefault("OPTIONS", {}).update({
        "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
        "socket_timeout": CACHE_TIMEOUT_SECONDS,
    })

# Sessions hold the wizard's answers: server-side, short-lived, never readable by scripts.
# Django's database sessions, read and updated with plain SQL (portal/sessions.py).
SESSION_ENGINE = "portal.sessions"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 4)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
# Behind the proxy, requests arrive as http with X-Forwarded-Proto: https; anything else is
# redirected to https (the proxy may do it first).
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=SECURE)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=SECURE)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The proxies in front of the portal (addresses or networks, comma-separated). Only a request
# from one of them may name the client in X-Forwarded-For; rate limits and the staff login
# lockout count that client (portal.security.client_ip), never the proxy's own address.
PORTAL_TRUSTED_PROXIES = env.list("PORTAL_TRUSTED_PROXIES", default=[])
# Content-Security-Policy and Permissions-Policy of every response (portal.security).
# Scripts and style sheets only from the portal's own static files: no inline script, no
# inline handler, no <style> element. Style attributes stay allowed (bar widths in the
# analytics dashboard, Django admin widgets); they cannot run code.
PORTAL_CONTENT_SECURITY_POLICY = env.str(
    "PORTAL_CONTENT_SECURITY_POLICY",
    default="default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'",
)
PORTAL_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=()"
)

# E-mail: the console in the embedded default, SMTP (EMAIL_URL) in production. A mail server
# that does not answer gives up after EMAIL_TIMEOUT seconds instead of holding a web worker.
if DEBUG:
    EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
else:
    EMAIL_CONFIG = env.email_url_config(production_required("EMAIL_URL", "the SMTP server, smtp+tls://…"))
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10.0)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Polisen e-tjänster <no-reply@e-tjanst.example>")

# Where people report accessibility problems (the accessibility statement links to it).
PORTAL_ACCESSIBILITY_EMAIL = env.str("PORTAL_ACCESSIBILITY_EMAIL", default="tillganglighet@e-tjanst.example")

# The public address of the portal, used in links sent by e-mail. The embedded default follows
# the port `make run PORT=…` serves on.
if DEBUG:
    PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
else:
    PORTAL_BASE_URL = production_required("PORTAL_BASE_URL", "the public https address used in e-mailed links")

# Celery: Redis in production; without a broker the tasks run in-process (embedded default).
if DEBUG:
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
else:
    CELERY_BROKER_URL = production_required("CELERY_BROKER_URL", "the Celery broker, redis://host:6379/0")
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
# Django's form renderer with <input> and <textarea> written in Python (the same HTML; issue 13).
FORM_RENDERER = "reports.forms.renderer.FormRenderer"

# Where the portal's emergency numbers and the service desk are shown.
PORTAL_PHONE_EMERGENCY = "112"
PORTAL_PHONE_POLICE = "114 14"
# "Leave this page quickly" (on every page) goes here: a neutral site that reveals nothing.
PORTAL_QUICK_EXIT_URL = env.str("PORTAL_QUICK_EXIT_URL", default="https://www.smhi.se/")

# The live 114 14 wait (docs/phone-wait.md): the contact centre pushes its expected wait to
# /api/kontaktcenter/vantetid/ with this bearer token (empty: the endpoint is closed). A
# reading older than PHONE_WAIT_MAX_AGE_SECONDS is stale and nothing is shown. The e-service's
# time is the median of its latest PHONE_WAIT_SAMPLE completed reports, shown only when at
# least PHONE_WAIT_MIN_REPORTS of them took at most PHONE_WAIT_MAX_COMPLETION_MINUTES.
PHONE_WAIT_FEED_TOKEN = env.str("PHONE_WAIT_FEED_TOKEN", default="")
PHONE_WAIT_MAX_AGE_SECONDS = env.int("PHONE_WAIT_MAX_AGE_SECONDS", default=15 * 60)
PHONE_WAIT_SAMPLE = env.int("PHONE_WAIT_SAMPLE", default=200)
PHONE_WAIT_MIN_REPORTS = env.int("PHONE_WAIT_MIN_REPORTS", default=5)
PHONE_WAIT_MAX_COMPLETION_MINUTES = env.int("PHONE_WAIT_MAX_COMPLETION_MINUTES", default=120)

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
AXES_CLIENT_IP_CALLABLE = "portal.security.client_ip"

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
BOOKING_LOOKUP_MAX_TRIES = env.int("BOOKING_LOOKUP_MAX_TRIES", default=10)
BOOKING_LOOKUP_WINDOW_SECONDS = env.int("BOOKING_LOOKUP_WINDOW_SECONDS", default=15 * 60)
CELERY_BEAT_SCHEDULE["booking-slots-generate"] = {"task": "reports.booking.tasks.slots_generate", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["booking-reminders-send"] = {"task": "reports.booking.tasks.reminders_send", "schedule": 900.0}
# Confirmations and cancellations the broker never took (it was down at the time).
CELERY_BEAT_SCHEDULE["booking-mails-sweep"] = {"task": "reports.booking.tasks.booking_mails_sweep", "schedule": 300.0}

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
    if DEBUG:
        _connector = env.str(_prefix + "CONNECTOR", default="file")
    else:
        _connector = production_required(_prefix + "CONNECTOR", "file or http")
    _http_required = _connector == "http" and not DEBUG
    DELIVERY_DESTINATIONS[_name] = {
        "CONNECTOR": _connector,
        "URL": production_required(_prefix + "URL", "the case system's https endpoint")
        if _http_required else env.str(_prefix + "URL", default=""),
        "SECRET": production_required(_prefix + "SECRET", "the HMAC key shared with the case system")
        if _http_required else env.str(_prefix + "SECRET", default=""),
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
# Expired sessions (wizard answers, e-identities) leave the database hourly (clearsessions).
CELERY_BEAT_SCHEDULE["sessions-clear"] = {"task": "reports.triage.tasks.sessions_clear", "schedule": 3600.0}
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
# Per kind of call (CallKind); analysts override any of them in the staff site (HandleTime).
ANALYTICS_BOOKING_HANDLE_MINUTES = env.float("ANALYTICS_BOOKING_HANDLE_MINUTES", default=6.0)
ANALYTICS_GUIDANCE_HANDLE_MINUTES = env.float("ANALYTICS_GUIDANCE_HANDLE_MINUTES", default=4.0)
ANALYTICS_BACK_OFFICE_MINUTES = env.float("ANALYTICS_BACK_OFFICE_MINUTES", default=1.5)
ANALYTICS_MIN_RESPONSE_RATE = env.float("ANALYTICS_MIN_RESPONSE_RATE", default=0.1)
ANALYTICS_QUEUE_CALLS_PER_HOUR = env.float("ANALYTICS_QUEUE_CALLS_PER_HOUR", default=650.0)
ANALYTICS_QUEUE_HANDLE_SECONDS = env.float("ANALYTICS_QUEUE_HANDLE_SECONDS", default=360.0)
ANALYTICS_QUEUE_OPERATORS = env.int("ANALYTICS_QUEUE_OPERATORS", default=70)
ANALYTICS_QUEUE_TARGET_SECONDS = env.float("ANALYTICS_QUEUE_TARGET_SECONDS", default=180.0)
ANALYTICS_QUEUE_TARGET_LEVEL = env.float("ANALYTICS_QUEUE_TARGET_LEVEL", default=0.8)
ANALYTICS_QUEUE_PATIENCE_SECONDS = env.float("ANALYTICS_QUEUE_PATIENCE_SECONDS", default=300.0)
ANALYTICS_FTE_HOURS_PER_YEAR = env.float("ANALYTICS_FTE_HOURS_PER_YEAR", default=1600.0)
CELERY_BEAT_SCHEDULE["wizard-uploads-purge"] = {"task": "reports.tasks.wizard_uploads_purge", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["report-drafts-purge"] = {"task": "reports.tasks.report_drafts_purge", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["analytics-rollups-refresh"] = {
    "task": "reports.analytics.tasks.rollups_refresh", "schedule": 600.0,
}
