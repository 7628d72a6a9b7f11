"""Where services are: "Where do you live?" on /help/, areas and places on service pages, the
local authority list and its refresh command, and places in the admin."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals.models import LocalAuthority, Location, normalise_postcode
from referrals.services import local_authority_choices

from .factories import (
    ContactRouteFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    add_place_hours,
)

pytestmark = pytest.mark.django_db

T = datetime.time
HELP = "/help/"
NORFOLK, SUFFOLK, HERTFORDSHIRE = "E10000020", "E10000029", "E10000015"


def area(code):
    return LocalAuthority.objects.get(code=code)


def service_in(name, *codes, national=False):
    service = ServiceFactory(name=name, national=national)
    service.areas.set(codes)
    ContactRouteFactory(service=service)
    return service


def listed(response):
    assert response.status_code == 200
    return [service.name for service in response.context["services"]]


# ------------------------------------------------------------------------------
# /help/: "Where do you live?"
# ------------------------------------------------------------------------------
def test_where_do_you_live_shows_local_services_and_always_national_ones(client):
    service_in("Norfolk clinic", NORFOLK)
    service_in("Norfolk and Suffolk group", NORFOLK, SUFFOLK)
    service_in("Hertfordshire group", HERTFORDSHIRE)
    service_in("National line", national=True)
    ServiceFactory(name="Nowhere recorded")
    assert listed(client.get(HELP, {"area": SUFFOLK})) == [
        "National line",
        "Norfolk and Suffolk group",
    ]
    assert listed(client.get(HELP, {"area": HERTFORDSHIRE})) == [
        "Hertfordshire group",
        "National line",
    ]


def test_the_area_list_is_a_plain_form_field_that_keeps_the_choice(client):
    page = client.get(HELP, {"area": NORFOLK}).content.decode()
    assert '<label for="id_area">Where do you live?</label>' in page
    assert f'<option value="{NORFOLK}" selected>Norfolk</option>' in page
    assert '<option value="">Anywhere</option>' in page


def test_an_unknown_area_is_explained_and_ignored(client):
    service_in("Norfolk clinic", NORFOLK)
    response = client.get(HELP, {"area": "E99999999"})
    assert response.status_code == 400
    assert "Choose where you live from the list." in response.content.decode()
    assert listed_anyway(response) == ["Norfolk clinic"]


def listed_anyway(response):
    return [service.name for service in response.context["services"]]


def test_the_area_filter_costs_the_same_queries_however_many_services(client):
    def count(**query):
        client.get(HELP, query)  # warm: budgets are for cached lists and pinned lines
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HELP, query).status_code == 200
        return len(queries)

    service_in("First", NORFOLK)
    client.get(HELP)  # the area list is read once, then cached
    few = count(area=NORFOLK)
    for number in range(15):
        service_in(f"Service {number}", NORFOLK, national=number % 2 == 0)
    assert count(area=NORFOLK) == few
    assert count() == few - 1  # the chosen area is looked up once


def test_the_area_list_is_forgotten_when_the_list_is_refreshed(
    tmp_path, django_capture_on_commit_callbacks
):
    assert ("E10000020", "Norfolk") in local_authority_choices()
    file = tmp_path / "areas.csv"
    file.write_text("code,name\nE10000020,County of Norfolk\n")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_local_authorities", str(file), stdout=io.StringIO())
    assert local_authority_choices() == [("E10000020", "County of Norfolk")]


# ------------------------------------------------------------------------------
# Service pages
# ------------------------------------------------------------------------------
def test_a_service_page_says_where_families_must_live(client):
    local = service_in("Norfolk and Suffolk group", NORFOLK, SUFFOLK)
    national = service_in("National line", national=True)
    assert (
        "For families living in Norfolk or Suffolk"
        in client.get(local.get_absolute_url()).content.decode()
    )
    assert (
        "For families living anywhere in the UK"
        in client.get(national.get_absolute_url()).content.decode()
    )


def test_a_service_page_shows_its_places_with_address_access_and_hours(client):
    service = service_in("Group", NORFOLK)
    hub = LocationFactory(
        name="Example Family Hub",
        address_1="1 Example Street",
        postcode="NR1 2AB",
        accessibility="Step-free entrance.",
    )
    add_place_hours(hub, 0, 1, 2, 3, 4, opens=T(9), closes=T(17))
    group = ServiceAtLocationFactory(service=service, location=hub, description="Tuesday group.")
    add_place_hours(group, 1, opens=T(10), closes=T(12))
    online = LocationFactory(virtual=True, name="Online sessions")
    ServiceAtLocationFactory(service=service, location=online)
    page = client.get(service.get_absolute_url()).content.decode()
    assert "<h2>Where it happens</h2>" in page
    assert "1 Example Street<br>Norwich<br>Norfolk<br>NR1 2AB" in page
    assert "<strong>When:</strong> Tuesday 10am to 12 noon." in page
    assert "<strong>Access:</strong> Step-free entrance." in page
    assert "Online sessions" in page and "Online or by phone" in page


def test_a_service_page_takes_the_same_queries_however_many_places(client):
    service = service_in("Group", NORFOLK)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(service.get_absolute_url()).status_code == 200
        return len(queries)

    ServiceAtLocationFactory(service=service)
    few = count()
    for _ in range(6):
        place = ServiceAtLocationFactory(service=service)
        add_place_hours(place, 1, opens=T(10), closes=T(12))
        add_place_hours(place.location, 2, opens=T(9), closes=T(17))
    assert count() == few


# ------------------------------------------------------------------------------
# The local authority list
# ------------------------------------------------------------------------------
def test_migrate_loads_the_areas_in_the_repository():
    assert area(NORFOLK).name == "Norfolk"
    assert area(HERTFORDSHIRE).uri.endswith("/statistical-geography/E10000015")


def test_refresh_reads_an_ons_download_and_is_safe_to_run_twice(tmp_path):
    ons = tmp_path / "ons.csv"
    ons.write_text(
        "\ufeffCTYUA24CD,CTYUA24NM,CTYUA24NMW,ObjectId\n"
        "E10000020,Norfolk,,1\n"
        "E10000015,Hertfordshire,,2\n"
        "W06000015,Cardiff,Caerdydd,3\n",
        encoding="utf-8",
    )
    service_in("Suffolk group", SUFFOLK)
    out = io.StringIO()
    call_command("refresh_local_authorities", str(ons), stdout=out)
    assert "1 added" in out.getvalue()
    # Suffolk is no longer listed, but a service covers it: kept, and said so.
    assert f"Kept {SUFFOLK}" in out.getvalue()
    assert set(LocalAuthority.objects.values_list("code", flat=True)) == {
        NORFOLK,
        HERTFORDSHIRE,
        SUFFOLK,
        "W06000015",
    }
    again = io.StringIO()
    call_command("refresh_local_authorities", str(ons), stdout=again)
    assert "0 added, 0 renamed, 0 removed" in again.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,place\nNorfolk,x\n", "No “code” column"),
        ("code,name\nNORFOLK,Norfolk\n", "Line 2: “NORFOLK” is not an ONS area code"),
        ("code,name\n", "The file lists no areas."),
    ],
)
def test_refresh_refuses_a_file_it_cannot_read_and_changes_nothing(tmp_path, content, message):
    before = list(LocalAuthority.objects.values_list("code", "name"))
    file = tmp_path / "bad.csv"
    file.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("refresh_local_authorities", str(file), stdout=io.StringIO())
    assert list(LocalAuthority.objects.values_list("code", "name")) == before


# ------------------------------------------------------------------------------
# Places
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "stored"), [("nr1 2ab", "NR1 2AB"), (" SW1A1AA ", "SW1A 1AA"), ("m1 1ae", "M1 1AE")]
)
def test_postcodes_are_stored_in_their_usual_form(typed, stored):
    assert normalise_postcode(typed) == stored


def test_a_place_needs_a_whole_address_and_both_coordinates():
    location = Location(name="Hall", address_1="1 Example Street", latitude=52.6)
    with pytest.raises(ValidationError) as refused:
        location.full_clean()
    assert set(refused.value.message_dict) >= {"town", "county", "postcode", "longitude"}
    online = Location(name="Online", kind=Location.Kind.VIRTUAL, postcode="NR1 2AB")
    with pytest.raises(ValidationError):
        online.full_clean()


def test_editors_can_add_places_and_their_hours_and_every_change_is_kept(client):
    editor = get_user_model().objects.create_user("places", "places@example.org", "x" * 16)
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    response = client.post(
        reverse("admin:referrals_location_add"),
        {
            "kind": "physical",
            "name": "Example Family Hub",
            "description": "",
            "url": "",
            "address_1": "1 Example Street",
            "town": "Norwich",
            "county": "Norfolk",
            "postcode": "nr1 2ab",
            "latitude": "",
            "longitude": "",
            "accessibility": "Step-free entrance.",
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "0",
            "sessions-MIN_NUM_FORMS": "0",
            "sessions-MAX_NUM_FORMS": "1000",
            "sessions-0-weekday": "1",
            "sessions-0-opens": "09:00",
            "sessions-0-closes": "17:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hub = Location.objects.get(name="Example Family Hub")
    assert hub.postcode == "NR1 2AB"
    assert hub.sessions.get().opens == T(9)
    assert hub.history.count() == 1
    history = client.get(reverse("admin:referrals_location_history", args=[hub.pk]))
    assert history.status_code == 200
    # Service areas can be read, never edited, in the admin.
    assert client.get(reverse("admin:referrals_localauthority_changelist")).status_code == 200
    norfolk = reverse("admin:referrals_localauthority_change", args=[NORFOLK])
    assert client.post(norfolk, {"name": "Changed"}).status_code == 403
