"""Whatever the hour, a family finds a line open now: every half hour of a week and of the
Christmas holidays, with the demo content, on /help/ (with and without "open now") and in
"Who can help"."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
HALF_AN_HOUR = datetime.timedelta(minutes=30)
OPEN_CARD = re.compile(r'<li class="card route"[^>]*>(?:(?!</li>).)*status--open', re.S)

# A topic no demo service is about: its page falls back to the main and national lines. (Pages
# whose topics some services are about are checked by day and by night in
# tests/resources/test_who_can_help.py; one page here keeps this walk affordable.)
WHO_CAN_HELP_PAGES = [reverse("resources:topic-detail", args=["send"])]


def half_hours(first: datetime.date, last: datetime.date):
    moment = datetime.datetime.combine(first, datetime.time(0, 0), tzinfo=LONDON)
    end = datetime.datetime.combine(last, datetime.time(23, 59), tzinfo=LONDON)
    while moment <= end:
        yield moment
        # Wall-clock steps in London: a clock change gives one short or long step, no gap.
        moment = (moment.astimezone(datetime.UTC) + HALF_AN_HOUR).astimezone(LONDON)


def section(html, start_marker):
    start = html.index(start_marker)
    return html[start : html.index("</section>", start)]


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("first", "last"),
    [
        # An ordinary week, Monday to Sunday.
        (datetime.date(2026, 11, 9), datetime.date(2026, 11, 15)),
        # Christmas and New Year: bank holidays, a Boxing Day at the weekend and closures.
        (datetime.date(2026, 12, 20), datetime.date(2027, 1, 3)),
    ],
    ids=["week", "christmas"],
)
def test_a_line_open_now_is_shown_every_half_hour(client, demo, first, last):
    for moment in half_hours(first, last):
        with time_machine.travel(moment, tick=False):
            help_page = client.get(reverse("referrals:help")).content.decode()
            open_now = client.get(reverse("referrals:help"), {"open_now": "1"})
            pages = {path: client.get(path).content.decode() for path in WHO_CAN_HELP_PAGES}

        when = f"{moment:%a %d %b %Y %H:%M}"
        assert OPEN_CARD.search(section(help_page, 'class="crisis-lines"')), f"/help/ at {when}"
        assert open_now.status_code == 200
        assert OPEN_CARD.search(section(open_now.content.decode(), 'class="crisis-lines"')), (
            f"/help/?open_now=1 at {when}"
        )
        for path, html in pages.items():
            assert OPEN_CARD.search(section(html, 'aria-labelledby="who-can-help"')), (
                f"Who can help on {path} at {when}"
            )
