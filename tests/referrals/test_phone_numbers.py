import pytest
from django.core.exceptions import ValidationError

from referrals.models import ContactRoute
from referrals.phone_numbers import format_phone_number, normalise_phone_number

from .factories import ContactRouteFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01632 960123", "+441632960123"),
        ("+44 1632 960123", "+441632960123"),
        ("(01632) 960 123", "+441632960123"),
        ("07700 900123", "+447700900123"),
        ("07700-900-999", "+447700900999"),
        ("999", "999"),
    ],
)
def test_numbers_are_stored_in_one_canonical_form(typed, stored):
    assert normalise_phone_number(typed) == stored


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+441632960123", "01632 960123"),
        ("+447700900123", "07700 900123"),
        ("999", "999"),
    ],
)
def test_numbers_are_shown_in_national_format(stored, shown):
    assert format_phone_number(stored) == shown


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a phone number."),
        ("call us", "is not a phone number"),
        ("01632 96", "is not a valid phone number"),
        ("07700 900123 999", "is not a valid phone number"),
    ],
)
def test_invalid_numbers_are_rejected_with_a_clear_message(typed, message):
    with pytest.raises(ValidationError) as error:
        normalise_phone_number(typed)
    assert message in error.value.messages[0]


def test_route_clean_normalises_the_number():
    route = ContactRouteFactory.build(number="07700 900456", kind=ContactRoute.Kind.TEXT)
    route.service = ContactRouteFactory().service
    route.full_clean()
    assert route.number == "+447700900456"
    assert route.href == "sms:+447700900456"
    assert route.display_value == "07700 900456"


def test_route_clean_rejects_a_phone_line_without_a_valid_number():
    route = ContactRouteFactory(number="+441632960001")
    route.number = "12345"
    with pytest.raises(ValidationError) as error:
        route.full_clean()
    assert "is not a valid phone number" in error.value.message_dict["number"][0]
