"""Read an ``EMAIL_URL`` such as ``smtp://user:password@smtp.example.org:587?tls=1``."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}


def parse_email_url(url: str) -> dict:
    """Django's e-mail settings from a URL. ``smtps://`` is SSL on connect (port 465 by
    default); ``smtp://`` uses STARTTLS unless ``?tls=0`` (port 587 by default)."""
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start smtp://, smtps:// or console://, not {parts.scheme}://"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    settings = {"EMAIL_BACKEND": BACKENDS[parts.scheme]}
    if parts.scheme == "console":
        return settings
    ssl = parts.scheme == "smtps" or query.get("ssl") in {"1", "true", "yes"}
    tls = not ssl and query.get("tls", "1") in {"1", "true", "yes"}
    settings.update(
        {
            "EMAIL_HOST": parts.hostname or "",
            "EMAIL_PORT": parts.port or (465 if ssl else 587),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": ssl,
            "EMAIL_USE_TLS": tls,
        }
    )
    if not settings["EMAIL_HOST"]:
        raise ImproperlyConfigured("EMAIL_URL has no host name.")
    return settings
