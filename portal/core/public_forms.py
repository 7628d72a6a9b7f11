"""What every public form shares: a honeypot field, and a rate limit by the visitor's address
(``portal.proxies.client_ip``: the address the load balancer saw).

Public forms (reporting a wrong number, making a referral) take no account and no captcha, so
two cheap defences stand in for one: a field people never see, which bots fill in, and a limit
on how many submissions one address may send in a window. Both refuse with a clear message and
give the form back with everything the person typed.

The counts live in Django's default cache, which is Redis whenever ``REDIS_URL`` is set, so
every app server counts the same submissions. Without Redis (a single local process) the cache
is process memory, which is right for one process and documented as such.
"""

import hashlib
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from portal.proxies import client_ip

HONEYPOT_FIELD = "confirm_fax"
HONEYPOT_ERROR = _(
    "This form could not be sent because the field labelled “Leave this empty” has something "
    "in it. Clear that field and send the form again: everything else you typed is still here."
)


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` submissions of form ``name`` from one address per ``window`` seconds."""

    name: str
    limit: int
    window: int

    def _key(self, request) -> str:
        # Addresses are personal data: the cache holds a keyed hash, never the address itself.
        digest = hashlib.blake2b(
            (client_ip(request) or "").encode(),
            key=settings.SECRET_KEY.encode()[:64],
            digest_size=16,
        ).hexdigest()
        return f"ratelimit:{self.name}:{digest}"

    def is_exceeded(self, request) -> bool:
        """True when this address has already used its submissions for the window."""
        return (cache.get(self._key(request)) or 0) >= self.limit

    def record(self, request) -> None:
        """Count one submission. ``add`` then ``incr`` is atomic on Redis, so two app servers
        counting at once never lose a submission."""
        key = self._key(request)
        cache.add(key, 0, self.window)
        try:
            cache.incr(key)
        except ValueError:
            # The window ended between add and incr: this submission starts a new one.
            cache.set(key, 1, self.window)


class HoneypotFormMixin(forms.Form):
    """Adds a field hidden from people (and from screen readers) that bots fill in.

    A filled-in honeypot refuses the submission like any other error, with a message a person
    can act on: a browser's autofill could in principle have filled it, and nothing typed is
    lost.
    """

    confirm_fax = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_confirm_fax(self):
        value = self.cleaned_data.get(HONEYPOT_FIELD, "")
        if value:
            raise forms.ValidationError(HONEYPOT_ERROR, code="honeypot")
        return value

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


# ------------------------------------------------------------------------------
# A failed CSRF check on a public form: show the form again, never a bare error page
# ------------------------------------------------------------------------------
CSRF_REFUSED = _(
    "Your form was not sent, because this browser did not send back the security cookie that "
    "proves the form came from this website (cookies may be blocked, or were cleared). "
    "Everything you typed is still here: allow cookies for this site and send it again."
)


def keeps_input_on_csrf_failure(view):
    """Mark a public form view to be shown again, with what was typed, when the CSRF check
    fails. The view sees ``request.csrf_failed`` and must then save nothing."""
    view.keeps_input_on_csrf_failure = True
    return view


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: marked public forms get their page back, with the person's text
    and a fresh token; the submission is never acted on. Everything else gets Django's page."""
    from django.urls import Resolver404, resolve
    from django.views.csrf import csrf_failure as django_csrf_failure

    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if (
        request.method == "POST"
        and match is not None
        and getattr(match.func, "keeps_input_on_csrf_failure", False)
    ):
        request.csrf_failed = True
        response = match.func(request, *match.args, **match.kwargs)
        response.status_code = 403
        return response
    return django_csrf_failure(request, reason=reason)
