"""Settings for the benchmark's server: the production settings plus the bare view's URL.

``bench/run.py`` sets the environment (``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``STATIC_ROOT``) before anything imports this, so the portal is served exactly as in production
(``DEBUG`` off, hashed and compressed static files) apart from the URLs below.
"""

import os

from portal.settings import *  # noqa: F403
from portal.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
# The bare view's template lives with the benchmark, not with the site's templates.
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]

if os.environ.get("BENCH_SCHEMA") == "syncdb":
    # The models are ahead of their migrations (another change is in progress): build the
    # tables straight from the models, and let run.py add what migrations would (search
    # trigger, GIN index, vocabulary rows).
    MIGRATION_MODULES = {"resources": None, "referrals": None}

if os.environ.get("BENCH_PROFILE"):
    # bench/profile.py renders pages without a collectstatic run.
    from portal.settings import STORAGES

    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
