"""Settings production cannot do without, checked where it matters: when an app server starts
(wsgi.py, asgi.py) and in ``manage.py check --deploy``."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

SECRET_KEY_MISSING = (
    "SECRET_KEY is not set. Production needs a long random value, for example from "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
    "For local development set DEBUG=1 and a development key is used."
)


def secret_key_is_set_in_settings() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django's own "must not be empty", on first access
        return False


def require_secret_key() -> None:
    if not secret_key_is_set_in_settings():
        raise ImproperlyConfigured(SECRET_KEY_MISSING)


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if secret_key_is_set_in_settings():
        return []
    return [Error(SECRET_KEY_MISSING, id="portal.E001")]
