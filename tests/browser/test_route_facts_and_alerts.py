"""A young person who does not want their parents to know finds a line that says so, with
JavaScript off; a current alert above a closed line reads as an alert, by word and heading, and
the pages with facts and alerts pass axe."""

import datetime
import re

import pytest

from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import create_young_peoples_text_line


@pytest.fixture
def lines_that_say(demo_site):
    """Two text lines for young people, open all day: one says parents are not told, the other
    that they are. Both on Ofcom drama numbers."""
    from referrals.facts import Answer
    from referrals.models import ContactRoute

    private = create_young_peoples_text_line(
        name="Private Text Line",
        summary="A confidential text line for young people.",
        label="Text us in confidence",
        number="07700 900321",
    )
    told = create_young_peoples_text_line(
        name="Family Text Line",
        summary="A text line that involves families.",
        label="Text the family team",
        number="07700 900654",
    )
    ContactRoute.objects.filter(pk=private.pk).update(
        parent_told=Answer.NO, anonymous=Answer.YES, off_phone_bill=Answer.YES
    )
    ContactRoute.objects.filter(pk=told.pk).update(parent_told=Answer.YES)
    return private, told


@pytest.fixture
def closed_by_alert(lines_that_say):
    from django.utils import timezone

    from referrals.models import ServiceAlert

    _private, told = lines_that_say
    now = timezone.now()
    return ServiceAlert.objects.create(
        service=told.service,
        route=told,
        message="This line is closed today: please text the private line",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=6),
        route_closed=True,
    )


def test_young_person_finds_a_line_that_does_not_tell_parents_without_javascript(
    js_disabled_page, demo_site, lines_that_say
):
    private, told = lines_that_say
    page = js_disabled_page
    page.goto(demo_site.at("/help/"))

    page.get_by_role("group", name="What matters to you?").get_by_role(
        "checkbox", name="I don’t want my parents or carers to know"
    ).check()
    page.get_by_role("button", name="Show help").click()
    page.wait_for_url(re.compile(r"/help/\?.*need=parents-not-told"))

    private_card = page.locator(".route").filter(has_text=private.label)
    assert private_card.count() == 1, f"The line that does not tell parents is missing: {page.url}"
    assert private_card.get_by_text("Parents and carers are not told.").is_visible()
    assert private_card.get_by_text("You do not have to give your name.").is_visible()
    assert page.locator(".route").filter(has_text=told.label).count() == 0
    # The choice stays ticked, so the person sees why the list is short.
    assert page.get_by_role(
        "checkbox", name="I don’t want my parents or carers to know"
    ).is_checked()

    # Combined with another filter, still without JavaScript.
    page.get_by_role("checkbox", name="Only show lines that are open now").check()
    page.get_by_role("button", name="Show help").click()
    page.wait_for_url(re.compile(r"/help/\?.*open_now=1"))
    assert page.locator(".route").filter(has_text=private.label).count() == 1


def test_a_closed_lines_alert_is_a_heading_and_says_closed(page, demo_site, closed_by_alert):
    page.goto(demo_site.at("/help/?audience=young-person"))
    card = page.locator(".route").filter(has_text="Text the family team")
    heading = card.get_by_role(
        "heading", name=re.compile(r"^Alert\s*:?\s*This line is closed today", re.I)
    )
    assert heading.count() == 1, card.locator("h4").all_inner_texts()
    assert card.get_by_text("Closed while this alert shows.").is_visible()
    assert "Open now" not in card.locator(".status").inner_text()
    assert_no_axe_violations(page)

    page.goto(demo_site.at("/help/?need=parents-not-told&need=no-name"))
    assert_no_axe_violations(page)
    page.goto(demo_site.at(closed_by_alert.service.get_absolute_url()))
    assert_no_axe_violations(page)
