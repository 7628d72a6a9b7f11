"""Field-by-field encryption at rest for referrals (``cryptography``'s Fernet).

A referral is personal, sensitive data about a child. Every answer is stored as a Fernet token
(AES-128-CBC with an HMAC-SHA256, a random IV and a timestamp), so the database, its backups and
its replicas hold ciphertext only; the key lives in the environment, never in the database.

Keys come from ``REFERRAL_ENCRYPTION_KEYS``: one or more Fernet keys separated by commas. The
first encrypts; every one of them decrypts (``MultiFernet``). To rotate: put a new key first,
keep the old ones after it, deploy, run ``manage.py rotate_referral_keys`` (which re-encrypts
every stored value with the first key), then remove the old keys.

Encrypted fields cannot be searched or filtered in the database (the same text encrypts
differently every time): a lookup on one is refused with an error rather than silently matching
nothing.
"""

import datetime
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured, ValidationError
from django.db import models

KEYS_MISSING = (
    "REFERRAL_ENCRYPTION_KEYS is not set. Referrals made on this site are encrypted with it, "
    "so production cannot start without it. Make a key with `python -c 'from "
    "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`, keep it in "
    "the environment (never in the database or in git), and keep a copy somewhere safe: "
    "without it, stored referrals cannot be read."
)
KEYS_INVALID = (
    "REFERRAL_ENCRYPTION_KEYS holds something that is not a Fernet key (each key is 32 bytes "
    "in URL-safe base64, 44 characters, as `Fernet.generate_key()` makes them; separate "
    "several keys with commas, the newest first)."
)


class DecryptionError(Exception):
    """Stored ciphertext that none of the configured keys opens."""


def configured_keys() -> tuple[str, ...]:
    keys = getattr(settings, "REFERRAL_ENCRYPTION_KEYS", ()) or ()
    if isinstance(keys, str):
        keys = keys.split(",")
    return tuple(key.strip() for key in keys if key and key.strip())


def keys_problem() -> str | None:
    """Why the configured keys cannot be used, or None when they can."""
    keys = configured_keys()
    if not keys:
        return KEYS_MISSING
    try:
        _multi_fernet(keys)
    except (ValueError, TypeError):
        return KEYS_INVALID
    return None


@lru_cache(maxsize=8)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _fernet() -> MultiFernet:
    problem = keys_problem()
    if problem:
        raise ImproperlyConfigured(problem)
    return _multi_fernet(configured_keys())


def encrypt(text: str) -> str:
    """``text`` as a Fernet token made with the newest key (ASCII, safe in any text column)."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as error:
        raise DecryptionError(
            "A stored referral value cannot be decrypted with any key in "
            "REFERRAL_ENCRYPTION_KEYS. Was a key removed before `manage.py "
            "rotate_referral_keys` re-encrypted everything with the newest one?"
        ) from error


def is_encrypted_with_newest_key(token: str) -> bool:
    try:
        Fernet(configured_keys()[0].encode()).decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True


def reencrypt(token: str) -> str:
    """The same plaintext (and timestamp) under the newest key."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise DecryptionError(
            "A stored referral value cannot be decrypted for rotation."
        ) from error


class EncryptedTextField(models.TextField):
    """Text that Python code reads and writes as usual, and the database holds encrypted.

    Every value but ``None`` is encrypted, the empty string included, so the database does not
    even show which questions were answered. Choices work (the admin shows their labels).
    """

    description = "Text encrypted at rest"

    def to_plain_text(self, value) -> str:
        return str(value)

    def from_plain_text(self, text: str):
        return text

    def get_prep_value(self, value):
        value = models.Field.get_prep_value(self, value)
        if value is None:
            return None
        return encrypt(self.to_plain_text(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return self.from_plain_text(decrypt(value))

    def to_python(self, value):
        if value is None or not isinstance(value, str):
            return value
        return self.from_plain_text(value) if value else value

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else self.to_plain_text(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(
            f"“{self.name}” is encrypted: the database cannot compare or search it "
            f"(lookup “{lookup_name}”). Filter on a field that is not encrypted."
        )

    def get_transform(self, lookup_name):
        return None


class EncryptedDateField(EncryptedTextField):
    """A date, encrypted as its ISO text."""

    description = "Date encrypted at rest"

    def to_plain_text(self, value) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)

    def from_plain_text(self, text: str):
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValueError:
            raise ValidationError("Enter a real date.", code="invalid") from None

    def formfield(self, **kwargs):
        from django import forms

        return super(models.TextField, self).formfield(**{"form_class": forms.DateField, **kwargs})


class EncryptedIntegerField(EncryptedTextField):
    """A whole number, encrypted as its decimal text."""

    description = "Integer encrypted at rest"

    def from_plain_text(self, text: str):
        return int(text) if text else None

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValueError:
            raise ValidationError("Enter a whole number.", code="invalid") from None

    def formfield(self, **kwargs):
        from django import forms

        return super(models.TextField, self).formfield(
            **{"form_class": forms.IntegerField, **kwargs}
        )
