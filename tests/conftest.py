import os

import pytest
from django.db import connection


@pytest.fixture(autouse=True, scope="session")
def _database_is_the_one_asked_for(django_db_setup, django_db_blocker):
    """A run asked to use PostgreSQL must never quietly test SQLite instead."""
    wanted = os.environ.get("DATABASE_URL", "sqlite")
    expected_vendor = "postgresql" if wanted.startswith(("postgres", "postgresql")) else "sqlite"
    assert connection.vendor == expected_vendor, (
        f"DATABASE_URL asks for {expected_vendor} but the tests are running on {connection.vendor}"
    )


@pytest.fixture
def now():
    """A fixed, ordinary moment: Wednesday 12 November 2025, 11:00 in London."""
    import datetime
    from zoneinfo import ZoneInfo

    return datetime.datetime(2025, 11, 12, 11, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached counts must come from its own rows, not
    from an earlier test's (their rows are rolled back without any signal)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _site_language_outside_requests():
    """Each test starts in the site's language (English), as code outside a request does.
    A request for a Welsh page leaves Welsh active in the thread afterwards (the locale
    middleware activates the page's language and nothing turns it off), so the next test's
    ``reverse()`` or ``get_absolute_url()`` would give /cy/ addresses, depending on which test
    ran before it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _reseed_after_a_flush(request, django_db_blocker):
    """After a transactional test's flush, restore what the data migrations seeded."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        from tests.support.seeding import reseed_migration_data

        with django_db_blocker.unblock():
            reseed_migration_data()
