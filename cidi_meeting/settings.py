"""Django settings for the CIDI meeting portal.

Everything that differs between the demo, a developer's machine, CI and production is
read from the environment (see README.md, "Settings"). With nothing set, the portal runs
as a demo: SQLite in ``var/``, Celery tasks run in-process, emails written to
``var/mail/``. ``DEBUG=0`` selects production behaviour and makes ``SECRET_KEY``
mandatory.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from cidi_meeting.config import (
    ConfigError,
    database_config,
    env_bool,
    env_int,
    env_list,
    env_str,
    redis_url,
)
from cidi_meeting.secret_key import demo_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
# Demo mode relaxes what a real meeting must enforce (two-factor for the secretariat)
# and allows the demo data; it follows DEBUG unless set on its own.
DEMO_MODE = env_bool("DEMO_MODE", DEBUG)

SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ConfigError(
            "SECRET_KEY is not set; production (DEBUG=0) needs a long random value, "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))".'
        )
    # The demo and development: a random key generated on first start and kept in
    # var/secret_key (never committed), so that no two copies sign links alike.
    SECRET_KEY = demo_secret_key(VAR_DIR)
elif len(SECRET_KEY) < 50 and not DEBUG:
    raise ConfigError("SECRET_KEY is too short for production: use at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address in emailed and calendar links. The demo (DEBUG, no SITE_URL) is
# served by `make run` on PORT, which its links follow.
SITE_URL = env_str("SITE_URL") or (
    f"http://127.0.0.1:{env_int('PORT', 8000)}" if DEBUG else "http://127.0.0.1:8000"
)

INSTALLED_APPS = [
    # Before the admin, so that its admin classes can show every language's field.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "accounts",
    "delegations",
    "agenda",
    "speakers",
    "outcomes",
    "directory",
    "live",
    "reminders",
    "documents",
    "inclusion",
    "api",
    "demo",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses oversized request bodies (413) before anything reads them.
    "cidi_meeting.security.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers the public API's cross-origin requests (/api/ only, see "The public API").
    "corsheaders.middleware.CorsMiddleware",
    # The API's data does not vary with cookies (above the session middleware, to see
    # its header).
    "api.middleware.ApiVaryMiddleware",
    # A database that cannot be reached answers a friendly 503 and is retried next time.
    "cidi_meeting.errors.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cidi_meeting.language.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form sent twice (double click, reload) is acted on once (cidi_meeting/submit_once.py).
    "cidi_meeting.submit_once.SubmitOnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "cidi_meeting.security.IdleSessionTimeoutMiddleware",
    "accounts.middleware.SecurityEventMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.SecretariatTwoFactorMiddleware",
]

ROOT_URLCONF = "cidi_meeting.urls"
WSGI_APPLICATION = "cidi_meeting.wsgi.application"
ASGI_APPLICATION = "cidi_meeting.asgi.application"

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
                "accounts.context_processors.roles",
            ],
            # {% csrf_token %} also writes each form's submission token.
            # {{ meeting.time_zone|zone_name }} on every page and email.
            "builtins": ["cidi_meeting.submit_once", "cidi_meeting.templatetags.zones"],
        },
    },
]

DATABASES = {"default": database_config(env_str("DATABASE_URL"), base_dir=BASE_DIR)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Saves made at the same moment wait for each other instead of failing with
    # "database is locked": readers never block the writer (write-ahead log), a writer
    # waits up to 20 s for the lock, and a transaction takes the write lock when it
    # begins (IMMEDIATE) rather than failing half-way when it first writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = redis_url("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cidi",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts -------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "delegations.invitations.adapter.InvitationAccountAdapter"
# Sign-up is open only through a focal point's invitation, for the invited address.
ACCOUNT_FORMS = {"signup": "delegations.invitations.signup.InvitationSignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CIDI] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed sign-ins are throttled per IP address and per account (the "key" is the email
# address tried): allauth refuses further attempts with a message until the window ends.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "login": env_str("LOGIN_RATE_LIMIT", "30/m/ip"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CIDI meeting portal"
# Two-factor authentication is required for the secretariat outside demo mode.
SECRETARIAT_REQUIRES_MFA = env_bool("SECRETARIAT_REQUIRES_MFA", not DEMO_MODE)

# Internationalisation --------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content entered per language (django-modeltranslation): a field left empty in the
# reader's language shows the first language that has it, English first.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "es", "fr", "pt")
MODELTRANSLATION_AUTO_POPULATE = False
USE_I18N = True
# Stored times are UTC; pages show them in each meeting's own time zone.
TIME_ZONE = "UTC"
USE_TZ = True
DEFAULT_MEETING_TIME_ZONE = "America/New_York"

# Static and uploaded files ---------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [BASE_DIR / "static"] + [
    (prefix, NODE_MODULES / folder)
    for prefix, folder in [
        ("vendor/bootstrap", "bootstrap/dist"),
        ("vendor/sortablejs", "sortablejs"),
        ("vendor/quill", "quill/dist"),
    ]
    if (NODE_MODULES / folder).is_dir()
]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "cidi_meeting.staticfiles.PortalStaticFilesStorage"
        )
    },
}

# Email -----------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CIDI meetings <cidi-meetings@example.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ConfigError("EMAIL_USE_TLS and EMAIL_USE_SSL are both set; choose one.")
else:
    # No mail server configured: every email is written as a file a person can open.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))

# Celery ----------------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL
# Without a broker the demo runs every task in-process, as it is queued.
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_EXPIRES = 24 * 3600
# Beat sweeps the reminders that have come due; each is sent once (see reminders/).
CELERY_BEAT_SCHEDULE = {
    "sweep-due-reminders": {
        "task": "reminders.sweep",
        "schedule": env_int("REMINDER_SWEEP_SECONDS", 300),
    },
}

# Forms -------------------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The public API ----------------------------------------------------------------------------
# /api/v1/ (api/): anonymous, read-only JSON of what the public pages show. Nobody signs in
# to it (no session, so no CSRF), every reader is throttled per address, and any web
# page may read it (CORS), on /api/ only.

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.ReaderRateThrottle"],
    # Requests per reader (per address); "N/second|minute|hour|day".
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_THROTTLE_RATE", "120/minute")},
    # The address of the reader: the connection's, or the one a proxy in front adds.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 1 if env_bool("BEHIND_TLS_PROXY", False) else 0),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Path parameters keep their names in the schema ({pk}, {slug}).
    "SCHEMA_COERCE_PATH_PK": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CIDI meeting portal API",
    "DESCRIPTION": (
        "Read-only JSON of what the portal's public pages show: published meetings and "
        "their agendas with clock times, the compendium of good practices, the "
        "cooperation matrix and the public documents of each meeting's register."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # OpenAPI 3.1: a field that may be null is JSON Schema's "oneOf [..., null]", which
    # every JSON Schema validator reads alike (3.0's "nullable" beside "allOf" is not).
    "OAS_VERSION": "3.1.0",
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["Content-Language", "ETag", "Last-Modified", "Retry-After"]

# Security ----------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session ends 12 hours after sign-in at most (absolute), and after 60 minutes without a
# request (idle, cidi_meeting.security.IdleSessionTimeoutMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", 12 * 3600)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from the portal's own files, never
# inline. Styles allow 'unsafe-inline' because a few templates use style attributes and
# htmx adds its indicator <style> element; scripts do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Uploads: request bodies above MAX_REQUEST_BYTES are refused with 413 (the largest
# document, a speaker's statement, is 20 MB); form fields without files are limited to
# DATA_UPLOAD_MAX_MEMORY_SIZE (400 beyond it); files above FILE_UPLOAD_MAX_MEMORY_SIZE
# are streamed to a temporary file instead of memory. Each kind of document has its
# own limit, checked with its content (cidi_meeting/uploads.py).
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
