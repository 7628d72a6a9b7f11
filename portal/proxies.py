"""The visitor's address when the portal sits behind load balancers.

Each trusted proxy appends the address it was reached from to ``X-Forwarded-For`` (HAProxy's
``option forwardfor``; gunicorn joins repeated headers with commas). With
``TRUSTED_PROXY_COUNT`` proxies in front, the visitor's address is the one the outermost of them
appended: that many entries from the right. Anything to the left of it was sent by the visitor
and can be forged, so it is never used. With no proxy (the default) it is ``REMOTE_ADDR``.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if count <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < count:
        # Reached without going through every proxy (a health check, a misconfiguration):
        # the nearest address is all that can be trusted.
        return remote
    return forwarded[-count]
