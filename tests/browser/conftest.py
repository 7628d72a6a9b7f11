"""Browser tests: Playwright for Python driving the system's Chromium against a live server.

Chromium comes from the operating system (Debian's package `chromium`), never from
`playwright install`, which cannot download here. Without it the browser tests skip with a
message saying how to enable them, unless PORTAL_REQUIRE_BROWSER=1 (set by .ci/run): then a
missing browser fails every browser test, so CI can never go green by quietly skipping them.

Test modules here import nothing from Playwright at module level, so that a machine without the
`browser` extras still collects (and skips) them instead of erroring.
"""

import datetime
import importlib
import importlib.util
import io
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from tests.support.seeding import reseed_migration_data

BROWSER_DIR = Path(__file__).parent

# Known to work on this project's machines; the networking flags stop Chromium reaching for
# Google's services, which a closed network refuses many times a second.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
PHONE_VIEWPORT = {"width": 320, "height": 640}
# Long enough for a slow CI machine, short enough that a broken page fails in seconds, not 30.
TIMEOUT_MS = 10_000

HOW_TO_ENABLE = (
    "To run them: `apt-get install chromium` (or set CHROMIUM_PATH to a Chromium binary) and "
    '`pip install -e ".[dev]"` (or ".[browser]"), which installs playwright and '
    "axe-playwright-python. `playwright install` is not needed."
)


def find_chromium() -> str | None:
    """The Chromium to drive: CHROMIUM_PATH if set, else Debian's, else any on PATH."""
    if configured := os.environ.get("CHROMIUM_PATH"):
        # An explicit choice is never silently replaced by another browser.
        return configured if os.access(configured, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def browser_unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    missing = [
        package
        for package in ("playwright", "axe_playwright_python")
        if importlib.util.find_spec(package) is None
    ]
    if missing:
        return f"Browser tests need the Python packages {', '.join(missing)}. {HOW_TO_ENABLE}"
    if find_chromium() is None:
        where = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium or on PATH"
        return f"Browser tests need Chromium, not found at {where}. {HOW_TO_ENABLE}"
    return None


def browser_required() -> bool:
    return os.environ.get("PORTAL_REQUIRE_BROWSER") == "1"


SKIPPED_BECAUSE = pytest.StashKey[str]()


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if BROWSER_DIR in Path(item.path).parents]
    reason = browser_unavailable_reason()
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if reason and not browser_required():
            item.add_marker(pytest.mark.skip(reason=reason))
    if browser_items and reason and not browser_required():
        config.stash[SKIPPED_BECAUSE] = f"{len(browser_items)} browser tests skipped. {reason}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Said once at the end, where a developer looks, rather than only under `pytest -rs`.
    if message := config.stash.get(SKIPPED_BECAUSE, None):
        terminalreporter.write_sep("-", "browser tests", yellow=True)
        terminalreporter.write_line(message)


# ------------------------------------------------------------------------------
# The browser: one for all the browser tests, a fresh context (cookies, history) per test
# ------------------------------------------------------------------------------
@contextmanager
def _django_beside_playwright():
    """Let Django work on the thread where Playwright's sync API runs.

    Playwright leaves its asyncio loop marked as running on the main thread while it is started.
    Django then refuses database work there ("You cannot call this from an async context"), and
    keeps that thread's connections apart, as it does for async code. The tests' database work
    (demo content, the flush after each test) is plain synchronous code, so it is safe; the
    browser is package-scoped so that all this ends with the browser tests.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser():
    if reason := browser_unavailable_reason():
        # Only reached when PORTAL_REQUIRE_BROWSER=1; otherwise the tests were skipped.
        pytest.fail(f"PORTAL_REQUIRE_BROWSER=1 but the browser tests cannot run. {reason}")
    from playwright.sync_api import sync_playwright

    with _django_beside_playwright(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _block_other_websites(route):
    # The machine has no internet, and the portal promises to load nothing from other websites:
    # any such request is refused at once rather than left to time out. A test that needs one
    # (the quick exit's destination) fulfils it with its own page.route(), which takes precedence.
    route.abort()


LOCAL_URL = re.compile(r"^(https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?/|about:|data:)")


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts: ``new_page(viewport=..., java_script_enabled=...)``.
    Every context is closed after the test."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**{"viewport": DESKTOP_VIEWPORT, **context_options})
        context.set_default_timeout(TIMEOUT_MS)
        context.route(lambda url: not LOCAL_URL.match(url), _block_other_websites)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280x800) with JavaScript."""
    return new_page()


@pytest.fixture
def js_disabled_page(new_page):
    """A desktop-sized page with JavaScript off: what the site must still do without its script.

    axe-core cannot run here (it is JavaScript); check accessibility on ``page`` instead.
    """
    return new_page(java_script_enabled=False)


@pytest.fixture
def phone_page(new_page):
    """A small phone's screen, 320x640 CSS pixels: WCAG's reflow width.

    Not ``is_mobile``: mobile Chromium widens the layout viewport to fit content that is too
    wide, which would hide the very overflow the tests look for."""
    return new_page(viewport=PHONE_VIEWPORT)


# ------------------------------------------------------------------------------
# The site under test
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoSite:
    url: str
    always_open_route: object

    def at(self, path: str) -> str:
        """The absolute address of a path on the live server: ``demo_site.at("/help/")``."""
        return self.url + path


ALWAYS_OPEN_TEXT_NUMBER = "07700 900123"  # An Ofcom drama number: never a real line.


def create_young_peoples_text_line(*, name, summary, label, number, featured=False):
    """A published text line for young people aged 11 to 19, open 24 hours every day including
    bank holidays (closures, where a test wants them, are added as dated exceptions)."""
    from django.utils.text import slugify

    from referrals.models import ContactRoute, OpeningSession, Weekday
    from tests.referrals.factories import ContactRouteFactory, ServiceFactory

    service = ServiceFactory(
        name=name,
        slug=slugify(name),
        summary=summary,
        min_age=11,
        max_age=19,
        audiences=["young-person"],
    )
    route = ContactRouteFactory.build(
        service=service,
        kind=ContactRoute.Kind.TEXT,
        label=label,
        number=number,
        closed_on_bank_holidays=False,
        featured=featured,
    )
    route.full_clean()  # Stores the number in its international form, as the admin would.
    route.save()
    route.audiences.set(["young-person"])
    OpeningSession.objects.bulk_create(
        OpeningSession(route=route, weekday=day, all_day=True) for day in Weekday.values
    )
    return route


def create_always_open_text_line():
    """The line "open now" journeys find, whenever the tests run."""
    return create_young_peoples_text_line(
        name="Round the Clock Text Line",
        summary="A text line for young people, answered by a nurse at any hour.",
        label="Text a nurse, any time",
        number=ALWAYS_OPEN_TEXT_NUMBER,
        featured=True,
    )


def restore_seeded_vocabulary():
    """Put back the key stages and audiences that a migration seeds.

    Live server tests are transactional, so every table is emptied after each one, seeded rows
    included. Django's serialized rollback would restore them, but it keeps its copy on a
    database connection that Django does not use while Playwright runs (see above).
    """
    reseed_migration_data()


@pytest.fixture
def demo_site(browser, live_server):
    """The live server with the demo content and an always-open text line."""
    restore_seeded_vocabulary()
    call_command("load_demo_content", stdout=io.StringIO())
    route = create_always_open_text_line()
    return DemoSite(url=live_server.url, always_open_route=route)


@pytest.fixture
def closed_text_line(demo_site):
    """A published text line like the always-open one (young people aged 11 to 19) in every way
    but one: it is closed today. Its hours are 24 hours every day, so only its closure (yesterday
    to tomorrow in London, so that midnight cannot reopen it during a test) keeps it out of
    "open now" results."""
    from referrals.models import OpeningException

    route = create_young_peoples_text_line(
        name="Closed Today Text Line",
        summary="A text line for young people, closed for staff training.",
        label="Text the closed line",
        number="07700 900456",  # An Ofcom drama number too.
    )
    today = datetime.datetime.now(ZoneInfo("Europe/London")).date()
    OpeningException.objects.bulk_create(
        OpeningException(
            route=route, date=today + datetime.timedelta(days=offset), closed=True, note="Training"
        )
        for offset in (-1, 0, 1)
    )
    return route
