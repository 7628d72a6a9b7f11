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


# ------------------------------------------------------------------------------
# Referrals are encrypted at rest with keys from the environment (referrals/encryption.py)
# ------------------------------------------------------------------------------
def require_referral_encryption_keys() -> None:
    from referrals.encryption import keys_problem

    problem = keys_problem()
    if problem:
        raise ImproperlyConfigured(problem)


@register(Tags.security, deploy=True)
def referral_encryption_keys_are_set(app_configs, **kwargs):
    from referrals.encryption import KEYS_MISSING, keys_problem

    problem = keys_problem()
    if problem is None:
        return []
    return [Error(problem, id="portal.E002" if problem == KEYS_MISSING else "portal.E003")]
