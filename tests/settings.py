"""Test settings: production settings (DEBUG off) with a throwaway key and faster hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Referrals are encrypted with it; production refuses to start without one (portal/checks.py).
os.environ.setdefault("REFERRAL_ENCRYPTION_KEYS", "dGVzdHMtb25seS1yZWZlcnJhbC1rZXktMzJieXRlcyE=")

from portal.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Serve static files straight from static/ (no collectstatic in tests), as runserver does.
STATIC_ROOT = tempfile.mkdtemp(prefix="portal-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
HELPLINE_SNAPSHOT_PATH = Path(tempfile.mkdtemp(prefix="portal-test-snapshot-")) / "helplines.json"
# Most tests sign staff in with force_login: two-step sign-in and lockouts have their own
# tests, which switch them back on (tests/portal/test_admin_security.py).
OTP_REQUIRED = False
AXES_ENABLED = False
# Mail goes to django.core.mail.outbox (pytest-django sets the locmem backend as well).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests see pages as rendered, so query counts and freshness are about the views themselves;
# the page cache is switched on by its own tests (tests/portal/test_page_cache.py).
PAGE_CACHE = False
