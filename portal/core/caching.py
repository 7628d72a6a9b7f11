"""A cache for content-derived data that is costly to compute and safe to reuse.

What goes in: facet and topic counts, and the rows behind "Who can help" cards (routes with
their sessions and exceptions). What never does: a page's list of resources (always queried),
and anything that depends on the clock. Open-now status is computed on every request from the
cached hours, and cached routes are checked against their service's publish window on every
request (``referrals.cards.cached_routes``), so neither can be stale.

Every key includes a content version. Any save, delete or many-to-many change to a model of the
resources or referrals apps (or taggit's) replaces the version once the transaction commits,
so editors' changes, whatever path makes them (admin, publishing services, loaders, shell),
show on the next request. Receivers rather than calls in each service on purpose: the
publishing workflow and the admin are changing, and a forgotten call would show stale counts.

Entries also expire after ``CONTENT_CACHE_SECONDS``. That bounds what no signal reports:
``QuerySet.update()`` and ``bulk_create``, a scheduled publish time passing (counts only: the
resources themselves are always queried), and the per-process memory cache used when
``REDIS_URL`` is unset, where a change made in one worker reaches the others only by expiry.
Production with more than one worker should set ``REDIS_URL``: every worker then shares the
version and sees a change at once.
"""

import uuid
from collections.abc import Callable
from hashlib import blake2b
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.functional import SimpleLazyObject

CONTENT_CACHE_SECONDS = 60
VERSION_KEY = "content-cache:version"
WATCHED_APPS = frozenset({"resources", "referrals", "taggit"})


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random token, never a counter: an evicted counter could restart at an old value
        # and revive entries computed from old content.
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def cached(name: str, parts: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``'s value for ``parts`` (anything with a stable ``repr``), from the cache when
    the content has not changed since it was stored. Kept per language: a value may hold
    translated words (choice labels, content in the page's language)."""
    digest = blake2b(repr((translation.get_language(), parts)).encode(), digest_size=16).hexdigest()
    key = f"content-cache:{name}:{content_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CONTENT_CACHE_SECONDS)
    return value


def _content_changed(sender, action=None, **kwargs):
    if sender._meta.app_label not in WATCHED_APPS or (action and not action.startswith("post")):
        return
    # A model that no public page reads (a problem report, a referral) says so, and so does its
    # revision history (simple_history's ``instance_type``): a busy referral form or report
    # queue would otherwise empty every cached page each time someone sends one.
    model = getattr(sender, "instance_type", sender)
    if not getattr(model, "shown_on_public_pages", True):
        return
    # Now, so this process (and a test's transaction) sees the change at once; and again after
    # commit, so a request elsewhere that read the old rows in between cannot have stored them
    # under the version that is meant to show the new ones.
    bump_content_version()
    transaction.on_commit(bump_content_version)


def connect_signals() -> None:
    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(_content_changed, dispatch_uid=f"content-cache-{name}")


def template_context(request):
    """For ``{% cache %}`` fragments of content: keyed on ``content_version`` (lazily read), so a
    saved change renders them afresh, and kept for ``content_cache_seconds``."""
    return {
        "content_version": SimpleLazyObject(content_version),
        "content_cache_seconds": CONTENT_CACHE_SECONDS,
    }
