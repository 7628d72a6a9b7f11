"""A family finds what there is where they live, without JavaScript; service pages with places
pass axe and work at 320px."""

from tests.browser.axe import assert_no_axe_violations


def add_a_venue_to(slug):
    """A clearly fictional venue, with hours and access notes, for the service ``slug``."""
    import datetime

    from referrals.models import Service
    from tests.referrals.factories import LocationFactory, ServiceAtLocationFactory

    hub = LocationFactory(
        name="Example Family Hub (test venue)",
        address_1="1 Example Street",
        accessibility="Step-free entrance. Hearing loop at reception.",
    )
    hub.sessions.create(weekday=1, opens=datetime.time(9), closes=datetime.time(17))
    ServiceAtLocationFactory(service=Service.objects.get(slug=slug), location=hub)


def test_a_family_in_hertfordshire_finds_local_and_national_help_without_javascript(
    js_disabled_page, demo_site
):
    page = js_disabled_page
    page.goto(demo_site.at("/help/"))
    page.get_by_label("Where do you live?").select_option(label="Hertfordshire")
    page.get_by_role("button", name="Show help").click()
    page.wait_for_url("**/help/?*area=E10000015*")
    headings = page.locator(".help-service h2").all_inner_texts()
    assert "Healthy relationships group work (Hertfordshire)" in headings
    assert "Childline" in headings  # national: always there
    assert "Just One Number" not in headings  # Norfolk only
    assert page.get_by_label("Where do you live?").input_value() == "E10000015"


def test_a_service_page_with_places_has_no_wcag_violations_and_fits_a_phone(
    page, phone_page, demo_site
):
    add_a_venue_to("hertfordshire-healthy-relationships-programme")
    path = "/help/hertfordshire-healthy-relationships-programme/"
    page.goto(demo_site.at(path))
    assert page.get_by_text("For families living in Hertfordshire").is_visible()
    assert page.get_by_role("heading", name="Where it happens").is_visible()
    assert_no_axe_violations(page)
    phone_page.goto(demo_site.at(path))
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_the_help_page_with_an_area_chosen_has_no_wcag_violations(page, demo_site):
    page.goto(demo_site.at("/help/?area=E10000020"))
    assert_no_axe_violations(page)
