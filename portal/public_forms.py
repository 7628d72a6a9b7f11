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

from portal.proxies import client_ip

HONEYPOT_FIELD = "confirm_fax"
HONEYPOT_ERROR = (
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
        label="Leave this empty",
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
