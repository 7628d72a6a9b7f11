"""Dated service alerts: shown above the service or route while current and gone when they end
with no edit; one that says a route is closed closes it, in the status and in "open now" alike."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from referrals.models import ContactRoute, ServiceAlert
from referrals.opening_hours import route_status
from tests.support.formsets import empty_inlines

from .factories import EVERY_DAY, WEEKDAYS, ContactRouteFactory, ServiceFactory, add_hours

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
T = datetime.time
HELP = reverse("referrals:help")


def at(day, hour, minute=0):
    """A moment in the week of Monday 10 November 2025, London time: at(12, 9) is Wednesday 9am."""
    return datetime.datetime(2025, 11, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def service():
    return ServiceFactory(name="Just One Number", audiences=["parent", "young-person"])


@pytest.fixture
def phone(service):
    """Weekdays 8am to 6pm."""
    route = ContactRouteFactory(service=service, label="phone line")
    return add_hours(route, *WEEKDAYS, opens=T(8), closes=T(18))


@pytest.fixture
def text(service):
    """Every day 8am to 8pm."""
    route = ContactRouteFactory(service=service, text=True, label="text line")
    return add_hours(route, *EVERY_DAY, opens=T(8), closes=T(20))


def alert(service, starts, ends=None, *, route=None, closed=True, message="Closed today"):
    return ServiceAlert.objects.create(
        service=service,
        route=route,
        message=message,
        starts_at=starts,
        ends_at=ends,
        route_closed=closed,
    )


def status(route, when):
    loaded = ContactRoute.objects.for_display(when).get(pk=route.pk)
    return route_status(loaded, when)


def open_labels(when):
    return set(ContactRoute.objects.open_at(when).values_list("label", flat=True))


# ------------------------------------------------------------------------------
# Status and "open now" at the edges
# ------------------------------------------------------------------------------
def test_a_closing_alert_closes_the_route_from_its_first_minute_to_its_last(phone, text):
    alert(phone.service, at(12, 10), at(12, 14), route=phone)
    for when, expected in [
        (at(12, 9, 59), "open"),
        (at(12, 10), "closed"),
        (at(12, 13, 59), "closed"),
        (at(12, 14), "open"),
    ]:
        assert status(phone, when).state == expected, when
        assert ("phone line" in open_labels(when)) == (expected == "open"), when
        # The service's other route is not the one closed.
        assert status(text, when).state == "open"
        assert "text line" in open_labels(when)


def test_closed_by_alert_says_when_it_opens_again(phone):
    alert(phone.service, at(12, 9), at(12, 14), route=phone)
    assert status(phone, at(12, 11)).label == "Closed, opens at 2pm"
    assert status(phone, at(12, 13, 45)).label == "Closed, opens in 15 minutes"


def test_an_alert_ending_out_of_hours_opens_at_the_next_session(phone):
    alert(phone.service, at(12, 9), at(12, 20), route=phone)
    assert status(phone, at(12, 12)).label == "Closed, opens tomorrow at 8am"


def test_an_open_route_closes_when_a_closing_alert_starts(phone):
    alert(phone.service, at(12, 15), at(12, 16), route=phone)
    assert status(phone, at(12, 11)).label == "Open now, closes at 3pm"
    assert status(phone, at(12, 14, 40)).label == "Open now, closes in 20 minutes"
    assert status(phone, at(12, 16, 30)).label == "Open now, closes at 6pm"


def test_a_service_wide_closing_alert_closes_every_route(phone, text):
    alert(phone.service, at(12, 10), at(12, 12))
    assert status(phone, at(12, 11)).state == "closed"
    assert status(text, at(12, 11)).state == "closed"
    assert {"phone line", "text line"}.isdisjoint(open_labels(at(12, 11)))


def test_an_alert_that_does_not_close_leaves_the_status_alone(phone):
    alert(phone.service, at(12, 10), at(12, 12), route=phone, closed=False)
    assert status(phone, at(12, 11)).label == "Open now, closes at 6pm"
    assert "phone line" in open_labels(at(12, 11))


def test_an_alert_with_no_end_closes_until_further_notice(service):
    route = ContactRouteFactory(service=service, label="no hours")
    alert(service, at(12, 10), route=route)
    assert status(route, at(12, 11)).label == "Closed until further notice"
    assert status(route, at(12, 9)).state == "unknown"


def test_a_route_with_no_hours_closed_by_an_alert_says_until_when(service):
    route = ContactRouteFactory(service=service, form=True, label="referral form")
    alert(service, at(12, 10), at(14, 17), route=route)
    assert status(route, at(12, 11)).label == "Closed until Friday at 5pm"


def test_another_services_alert_changes_nothing(phone):
    other = ServiceFactory()
    alert(other, at(12, 10), at(12, 12))
    assert status(phone, at(12, 11)).state == "open"
    assert "phone line" in open_labels(at(12, 11))


def test_open_at_agrees_with_the_status_every_half_hour_around_alerts(phone, text):
    night = add_hours(
        ContactRouteFactory(service=phone.service, label="night line"),
        *EVERY_DAY,
        opens=T(20),
        closes=T(2),
    )
    alert(phone.service, at(11, 9, 15), at(11, 11, 45), route=phone)
    alert(phone.service, at(12, 23), at(13, 1), route=night)
    alert(phone.service, at(13, 12), at(13, 13))
    alert(phone.service, at(14, 8), at(14, 9), closed=False)
    routes = list(ContactRoute.objects.for_display(at(10, 0)))
    disagreements = []
    when = at(10, 0)
    while when < at(16, 0):
        in_database = open_labels(when)
        in_python = {r.label for r in routes if route_status(r, when).state == "open"}
        if in_database != in_python:
            disagreements.append((when.isoformat(), in_database ^ in_python))
        when += datetime.timedelta(minutes=30)
    assert disagreements == []


# ------------------------------------------------------------------------------
# On the pages, while current, and gone when they end
# ------------------------------------------------------------------------------
def test_a_route_alert_shows_on_its_card_and_is_gone_when_it_ends(client, phone, text):
    alert(
        phone.service,
        at(12, 9),
        at(12, 17),
        route=phone,
        message="Phone line closed today: please use the text line",
    )
    with time_machine.travel(at(12, 11), tick=False):
        html = client.get(HELP).content.decode()
    card = html[html.index(">phone line</h3>") :]
    card = card[: card.index("</li>")]
    assert "Phone line closed today: please use the text line" in card
    assert '<span class="service-alert__label">Alert' in card
    assert "Closed while this alert shows. Until 5pm." in card
    assert "Currently: </span>Closed, opens at 5pm" in card
    text_card = html[html.index(">text line</h3>") :]
    assert "Phone line closed today" not in text_card[: text_card.index("</li>")]

    with time_machine.travel(at(12, 17), tick=False):
        html = client.get(HELP).content.decode()
    assert "Phone line closed today" not in html
    assert "Currently: </span>Open now, closes at 6pm" in html


def test_an_alert_is_not_shown_before_it_starts(client, phone):
    alert(phone.service, at(13, 9), at(13, 17), message="Closed tomorrow for training")
    with time_machine.travel(at(12, 11), tick=False):
        assert "Closed tomorrow for training" not in client.get(HELP).content.decode()
    with time_machine.travel(at(13, 9), tick=False):
        assert "Closed tomorrow for training" in client.get(HELP).content.decode()


def test_a_service_alert_shows_once_above_the_services_routes(client, phone, text):
    alert(phone.service, at(12, 9), at(12, 17), closed=False, message="New numbers from May")
    with time_machine.travel(at(12, 11), tick=False):
        html = client.get(HELP).content.decode()
        detail = client.get(phone.service.get_absolute_url()).content.decode()
    assert html.count("New numbers from May") == 1
    assert html.index("New numbers from May") < html.index(">phone line</h3>")
    assert '<h3 class="service-alert__message">' in html
    assert detail.count("New numbers from May") == 1
    assert '<h2 class="service-alert__message">' in detail


def test_a_service_alert_shows_on_its_routes_cards_elsewhere(client, service):
    route = ContactRouteFactory(service=service, label="main line", featured=True)
    add_hours(route, *EVERY_DAY, all_day=True)
    alert(service, at(12, 9), at(12, 17), closed=False, message="Longer waits today")
    with time_machine.travel(at(12, 11), tick=False):
        html = client.get(reverse("home")).content.decode()
    assert "Longer waits today" in html


def test_closed_by_an_alert_drops_out_of_open_now_on_the_help_page(client, phone, text):
    alert(phone.service, at(12, 9), at(12, 17), route=phone, message="Phone line closed today")
    with time_machine.travel(at(12, 11), tick=False):
        html = client.get(HELP, {"open_now": "1"}).content.decode()
    assert ">text line</h3>" in html
    assert ">phone line</h3>" not in html


def test_alerts_take_the_same_queries_however_many(client, django_assert_max_num_queries):
    def make(count):
        for _ in range(count):
            route = add_hours(ContactRouteFactory(), *WEEKDAYS, opens=T(8), closes=T(18))
            alert(route.service, at(12, 9), at(12, 17), route=route)
            alert(route.service, at(12, 9), at(12, 17), closed=False)

    with time_machine.travel(at(12, 11), tick=False):
        make(1)
        client.get(HELP, {"open_now": "1"})  # warm, as below
        with django_assert_max_num_queries(9):
            client.get(HELP, {"open_now": "1"})
        make(10)
        client.get(HELP)  # warm: budgets are for cached lists and pinned lines
        with django_assert_max_num_queries(9):
            assert client.get(HELP).status_code == 200


# ------------------------------------------------------------------------------
# The model and the admin
# ------------------------------------------------------------------------------
def test_an_alert_must_end_after_it_starts(service):
    bad = ServiceAlert(service=service, message="x", starts_at=at(12, 10), ends_at=at(12, 9))
    with pytest.raises(ValidationError, match="after the start"):
        bad.full_clean()
    with pytest.raises(IntegrityError):
        bad.save()


def test_an_alert_about_a_route_must_be_about_one_of_the_services_routes(service):
    elsewhere = ContactRouteFactory()
    bad = ServiceAlert(service=service, route=elsewhere, message="x", starts_at=at(12, 10))
    with pytest.raises(ValidationError, match="this service’s own routes"):
        bad.full_clean()


def test_editors_add_alerts_on_the_service_page_with_history(admin_client, phone):
    other_route = ContactRouteFactory(label="someone else's line")
    url = reverse("admin:referrals_service_change", args=[phone.service.pk])
    html = admin_client.get(url).content.decode()
    assert "alerts-TOTAL_FORMS" in html
    assert 'name="alerts-__prefix__-route_closed"' in html
    # Only this service's own routes can be chosen.
    assert "phone line" in html
    assert "someone else&#x27;s line" not in html and other_route.label not in html

    created = alert(phone.service, at(12, 9), at(12, 17), route=phone)
    created.message = "Closed all day"
    created.save()
    assert [record.message for record in created.history.all()] == [
        "Closed all day",
        "Closed today",
    ]
    history = admin_client.get(reverse("admin:referrals_servicealert_history", args=[created.pk]))
    assert history.status_code == 200


def test_editors_and_publishers_may_manage_alerts():
    from django.contrib.auth.models import Group

    for name in ("Editor", "Publisher"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"add_servicealert", "change_servicealert", "delete_servicealert"} <= codenames


@pytest.mark.django_db(transaction=True)
def test_the_old_alert_text_becomes_an_alert_about_the_whole_service():
    executor = MigrationExecutor(connection)
    before = [("referrals", "0003_hours_are_never_empty")]
    after = executor.loader.graph.leaf_nodes("referrals")
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldService = old_apps.get_model("referrals", "Service")
    OldService.objects.create(
        name="Old", slug="old", summary="s", alert="Phone line closed today", status="published"
    )
    OldService.objects.create(name="Quiet", slug="quiet", summary="s", alert="")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    (moved,) = ServiceAlert.objects.all()
    assert moved.service.slug == "old"
    assert moved.message == "Phone line closed today"
    assert moved.route is None and moved.ends_at is None and not moved.route_closed
    assert moved.history.count() == 1


def test_an_editor_saves_a_dated_alert_from_the_service_page(admin_client):
    data = {
        "name": "A service",
        "slug": "a-service",
        "summary": "Help.",
        "status": "draft",
        "order": "100",
        "holiday_nation": "scotland",
        **empty_inlines("routes", "alerts", "service_at_locations"),
        "alerts-TOTAL_FORMS": "1",
        "alerts-0-message": "Closed on Friday for training",
        "alerts-0-starts_at_0": "2025-11-14",
        "alerts-0-starts_at_1": "09:00",
        "alerts-0-ends_at_0": "2025-11-14",
        "alerts-0-ends_at_1": "17:00",
        "alerts-0-route_closed": "on",
    }
    response = admin_client.post(reverse("admin:referrals_service_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (saved,) = ServiceAlert.objects.all()
    assert saved.service.holiday_nation == "scotland"
    assert saved.route_closed and saved.route is None
    assert saved.starts_at == at(14, 9) and saved.ends_at == at(14, 17)
    assert saved.history.get().history_user.is_superuser


def test_an_editor_adds_an_alert_on_the_routes_own_page(admin_client, phone):
    from tests.referrals.test_admin import route_form

    data = route_form(phone.service, label=phone.label, number="01632 960123")
    data.update(
        {
            "alerts-TOTAL_FORMS": "1",
            "alerts-0-message": "Phone line closed this afternoon",
            "alerts-0-starts_at_0": "2025-11-12",
            "alerts-0-starts_at_1": "13:00",
            "alerts-0-ends_at_0": "2025-11-12",
            "alerts-0-ends_at_1": "18:00",
            "alerts-0-route_closed": "on",
        }
    )
    url = reverse("admin:referrals_contactroute_change", args=[phone.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (saved,) = ServiceAlert.objects.all()
    assert (saved.service, saved.route) == (phone.service, phone)
    assert status(phone, at(12, 14)).state == "closed"
