"""Settings for the safeguarding resource portal.

Everything that differs between a laptop and production comes from the environment, with
defaults that are safe: a newcomer gets a working SQLite site, and production refuses to start
rather than run with a development secret.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", default=False)

# Production must set it: the app servers refuse to start without it (portal/checks.py, called
# from wsgi.py and asgi.py). Commands that need no secret (makemigrations, collectstatic) run.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

# Where SQLite databases and uploaded files live by default. Git-ignored.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))

# ------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "taggit",
    "django_filters",
    "simple_history",
    "django_prose_editor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "import_export",
]
LOCAL_APPS = [
    "resources",
    "referrals",
    "portal.reviews",
    # The project itself: site-wide commands, the editors' dashboard tag, signal wiring.
    "portal.apps.PortalConfig",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.RequestLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Someone who chose Welsh and opens an English address goes to its Welsh address: before
    # the page cache, which keys pages on their address (portal/languages.py).
    "portal.languages.ChosenLanguageMiddleware",
    # Whole anonymous pages for the minute (portal/page_cache.py): above GZip, so the stored
    # page is the compressed one, and above everything that adds headers to a page.
    "portal.page_cache.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language, from its address only (i18n_patterns without an English prefix).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Records who made each change in the revision history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.DatabaseOutageMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "portal.display.display_preferences",
                "portal.core.caching.template_context",
                "portal.languages.language_context",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database
# ------------------------------------------------------------------------------
# SQLite by default so the site runs with no server; PostgreSQL in production via DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'portal.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # A busy timeout stops "database is locked" under a few concurrent writers (admin saves).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    # Give up on an unreachable database quickly, so the outage page answers within seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "2"))
    )
    # No JIT compilation: the help page's open-now filter and the counts over 100,000 resources
    # are estimated costly enough to trigger it, and compiling took longer (about 170 ms) than
    # running them (about 40 ms). Short queries like ours never gain from it.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------------------
# Cache
# ------------------------------------------------------------------------------
# Redis when REDIS_URL is set, so every app server shares one cache; process memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole anonymous pages cached for the minute they show (portal/page_cache.py). PAGE_CACHE=0
# turns it off, for instance to measure pages as rendered.
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)

# Sessions: with Redis, read from the shared cache and written through to the database, so a
# visitor signed in through one app server is signed in on every other, and a Redis restart
# signs nobody out. Without Redis, the database alone (shared by every app server too).
SESSION_ENGINE = os.environ.get(
    "SESSION_ENGINE",
    f"django.contrib.sessions.backends.{'cached_db' if REDIS_URL else 'db'}",
)

# ------------------------------------------------------------------------------
# Passwords and authentication
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user or address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute-force protection for the admin sign-in (django-axes). Failures are counted in the
# database, so every app server sees the same count. Unlock with `manage.py axes_reset`,
# `axes_reset_username <name>` or `axes_reset_ip <address>`.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind a load balancer, the client's address is the last one it appends.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
# django-ipware is not installed, so without this axes would count REMOTE_ADDR: the load
# balancer's own address, shared by every visitor (portal/proxies.py).
TRUSTED_PROXY_COUNT = AXES_IPWARE_PROXY_COUNT
AXES_CLIENT_IP_CALLABLE = "portal.proxies.client_ip"

# Two-step sign-in (TOTP with recovery codes) for every staff account. Turning it off is for
# local development only.
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=True)
if not OTP_REQUIRED and not DEBUG:
    raise ImproperlyConfigured(
        "OTP_REQUIRED=0 turns off two-step sign-in for staff, which is only allowed for local "
        "development (DEBUG=1)."
    )
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Safeguarding Resource Portal")

# ------------------------------------------------------------------------------
# Languages (portal/languages.py), and every clock is London's
# ------------------------------------------------------------------------------
# English pages keep their addresses; the others have a prefix (/cy/help/). The codes are the
# plain language codes, shared with the translated content fields. English is British English:
# its dates and times come from portal/formats/en (en_GB's), and pages say lang="en-GB".
# English is the source of all content; the others fall back to it where a text is not
# translated (referrals/translations.py).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("cy", "Cymraeg"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("ur", "اردو"),
    ("ar", "العربية"),
]
# The interface's translations, compiled from .po to .mo by `manage.py compilemessages` when
# the site is installed (bin/serve, bin/test, .ci/run, deploy); the .mo files are not in git.
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Static and uploaded files
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Hashed file names never change content, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

# Uploaded files in S3-compatible object storage (django-storages) when a bucket is named; the
# local MEDIA_ROOT otherwise. The bucket is private: nothing in it is public, and every download
# goes through the portal's own view (resources/views.py), which streams the file through Django
# or, with S3_DOWNLOADS=signed-url, redirects to a link that works for S3_SIGNED_URL_SECONDS.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
S3_DOWNLOADS = os.environ.get("S3_DOWNLOADS", "stream")
if S3_DOWNLOADS not in {"stream", "signed-url"}:
    raise ImproperlyConfigured("S3_DOWNLOADS must be 'stream' or 'signed-url'.")
S3_SIGNED_URL_SECONDS = int(os.environ.get("S3_SIGNED_URL_SECONDS", "60"))
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Empty for AWS itself; the provider's address for any other S3-compatible store.
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            # Empty to use the machine's role or boto3's own configuration instead of keys.
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", "media"),
            # Private objects, reached only by signed, short-lived links; never overwritten.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": S3_SIGNED_URL_SECONDS,
            "file_overwrite": False,
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",
            # A download is read into memory up to this size, then into a temporary file.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }

# Lesson pack uploads: large enough for a slide deck, small enough to stop abuse.
MAX_UPLOAD_SIZE = int(os.environ.get("MAX_UPLOAD_SIZE", str(25 * 1024 * 1024)))

# ------------------------------------------------------------------------------
# Security (hardened further for production by the security issue)
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A public form refused by the CSRF check comes back with what was typed
# (portal/core/public_forms.py).
CSRF_FAILURE_VIEW = "portal.core.public_forms.csrf_failure"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The load balancer's health checks speak plain HTTP to each app server.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy: everything from this origin only, nothing inline, no eval, no
# framing. A parent's visit leaves no trace with anyone else. The admin is held to it too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Powerful browser features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), serial=(), sync-xhr=(), usb=(), xr-spatial-tracking=()"
)

# ------------------------------------------------------------------------------
# The site itself
# ------------------------------------------------------------------------------
SITE_NAME = os.environ.get("SITE_NAME", "Safeguarding Resource Portal")
# Where the quick exit button goes: a neutral page that shows nothing personal.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
# The main helplines, kept on disk for the page shown when the database is down.
HELPLINE_SNAPSHOT_PATH = Path(
    os.environ.get("HELPLINE_SNAPSHOT_PATH", DATA_DIR / "helpline-snapshot.json")
)

# ------------------------------------------------------------------------------
# Keeping content current: owners' reminders, stale notices, links, spreadsheets
# ------------------------------------------------------------------------------
# The site's public address, for links in e-mails sent by commands (no request to ask).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A contact route's details count as checked for this many days (about six months); after
# that the public sees "may be out of date" beside it, with the fallback line below.
CONTACT_ROUTE_CHECK_DAYS = int(os.environ.get("CONTACT_ROUTE_CHECK_DAYS", "183"))
# Owners are e-mailed this many days before an item is due, then every REPEAT days until done.
REVIEW_REMINDER_DAYS_AHEAD = 14
REVIEW_REMINDER_REPEAT_DAYS = 7
# Shown beside a route whose details may be out of date when its service has no checked
# phone line of its own: the NSPCC's helpline for adults worried about a child.
NATIONAL_FALLBACK_LINE = {
    "name": "NSPCC Helpline",
    "number": "0808 800 5000",
    "description": "for adults worried about a child, free",
}
# check_links: how many addresses at once, and the seconds one request may take.
LINK_CHECK_WORKERS = 8
LINK_CHECK_TIMEOUT = 10
# Spreadsheet import (django-import-export): the largest file accepted, in bytes.
SPREADSHEET_MAX_UPLOAD_SIZE = int(
    os.environ.get("SPREADSHEET_MAX_UPLOAD_SIZE", str(5 * 1024 * 1024))
)
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The uploaded file waits for "Confirm" in the shared cache, so any app server can finish it.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Formulas are neutralised by portal/core/spreadsheets.py (the library's own escaping only strips
# a leading "=").
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# ------------------------------------------------------------------------------
# Referrals made on this site (referrals/referral_models.py, SECURITY.md)
# ------------------------------------------------------------------------------
# Fernet keys, comma-separated, newest first: the first encrypts, every one decrypts. Production
# refuses to start without them (portal/checks.py, called from wsgi.py and asgi.py). Rotate with
# `manage.py rotate_referral_keys`.
REFERRAL_ENCRYPTION_KEYS = env_list("REFERRAL_ENCRYPTION_KEYS")
if not REFERRAL_ENCRYPTION_KEYS and DEBUG:
    # Local development only, like the development SECRET_KEY: never protects real data.
    REFERRAL_ENCRYPTION_KEYS = ["ZGV2LW9ubHktcmVmZXJyYWwta2V5LW5vdC1zZWNyZXQ="]
# Days a closed referral is kept before `manage.py purge_referrals` deletes it, unless its
# service sets its own period.
REFERRAL_RETENTION_DAYS = int(os.environ.get("REFERRAL_RETENTION_DAYS", "90"))
# Referrals one address may send in an hour (a school's shared connection sends several).
REFERRAL_RATE_LIMIT = int(os.environ.get("REFERRAL_RATE_LIMIT", "10"))

# ------------------------------------------------------------------------------
# E-mail (review reminders, "a new referral arrived" notices)
# ------------------------------------------------------------------------------
# EMAIL_URL (smtp://user:password@host:587?tls=1, or smtps:// for SSL) or the usual EMAIL_HOST,
# EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL. With neither,
# e-mails are printed to the console (locally, that is where to read them).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20
EMAIL_URL = os.environ.get("EMAIL_URL", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_URL:
    from portal.email_url import parse_email_url

    globals().update(parse_email_url(EMAIL_URL))
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
    if EMAIL_USE_SSL:
        EMAIL_USE_TLS = False
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# ------------------------------------------------------------------------------
# Logging: to stdout, so the process manager collects it
# ------------------------------------------------------------------------------
# One JSON object a line; request lines carry parameter names but never their values.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.logging.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # RequestLogMiddleware logs every request once; Django's own line repeats the query.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "portal.requests": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
        "axes": {"level": "WARNING"},
    },
}
