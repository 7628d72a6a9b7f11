"""UK phone and text numbers: one stored form, one displayed form, one clear error.

Numbers are stored in E.164 (``+443003000123``) so the same line typed two ways is the same
line, shown in national format (``0300 300 0123``) because that is what people dial, and linked
as ``tel:``/``sms:`` with the international form so phones dial it from anywhere.
Short codes (999, 116 123, 85258) are stored as their digits.
"""

from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from phonenumbers import shortnumberinfo

REGION = "GB"

# Ofcom reserves these ranges for drama, training and test material: never a real line. They
# are accepted so that examples and tests never need a real person's number.
OFCOM_DRAMA_PREFIXES = (
    "+441134960",
    "+441144960",
    "+441154960",
    "+441164960",
    "+441174960",
    "+441184960",
    "+441214960",
    "+441314960",
    "+441414960",
    "+441514960",
    "+441614960",
    "+441914980",
    "+442079460",
    "+442891800",
    "+442920180",
    "+441632960",
    "+447700900",
    "+448081570",
    "+449098790",
    "+443069990",
)


def is_drama_number(e164: str) -> bool:
    return e164.startswith(OFCOM_DRAMA_PREFIXES) and len(e164) in (12, 13)


def normalise_phone_number(raw: str) -> str:
    """The canonical stored form of a UK number, or a ValidationError saying what is wrong."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError("Enter a phone number.")
    try:
        parsed = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            f"“{text}” is not a phone number. Use digits, for example 0300 300 0123."
        ) from None
    national = str(parsed.national_number)
    if parsed.country_code == 44 and shortnumberinfo.is_valid_short_number(parsed):
        return national
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(parsed) or is_drama_number(e164):
        return e164
    raise ValidationError(
        f"“{text}” is not a valid phone number: check the number of digits and the area code."
    )


@lru_cache(maxsize=4096)
def format_phone_number(stored: str) -> str:
    """How a stored number is shown: national format for UK numbers, international otherwise.

    Remembered per number: parsing is slow and a help page shows dozens of them."""
    if not stored.startswith("+"):
        return _group_short_code(stored)
    parsed = phonenumbers.parse(stored, REGION)
    if parsed.country_code == 44:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _group_short_code(digits: str) -> str:
    # 116 numbers are read in two groups of three (116 123); other short codes as they are.
    if len(digits) == 6 and digits.startswith("116"):
        return f"{digits[:3]} {digits[3:]}"
    return digits
