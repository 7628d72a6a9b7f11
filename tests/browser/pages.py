"""The public pages every browser check visits, with the status each answers with.

Addresses of demo content (a guidance page, a lesson pack, a service) are those that
``load_demo_content`` creates.
"""

import pytest

PUBLIC_PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/resources/", 200, id="resource-list"),
    pytest.param("/resources/?key_stage=ks3", 200, id="resource-list-filtered"),
    pytest.param("/resources/?key_stage=eyfs&topic=exploitation", 200, id="resource-list-empty"),
    # A filter the site cannot understand (a renamed topic): a 400 page saying how to fix it.
    pytest.param("/resources/?key_stage=ks1&topic=nothing-matches", 400, id="resource-list-bad"),
    pytest.param("/resources/key-stages/ks3/", 200, id="key-stage"),
    pytest.param("/resources/topics/consent/", 200, id="topic"),
    pytest.param("/resources/healthy-relationships-in-school/", 200, id="guidance"),
    pytest.param("/resources/nspcc-healthy-relationships-ks3/", 200, id="lesson-pack"),
    pytest.param("/search/?q=consent", 200, id="search-results"),
    pytest.param("/search/?q=zzzzqqq", 200, id="search-no-results"),
    pytest.param("/help/", 200, id="help-directory"),
    pytest.param(
        "/help/?audience=young-person&age=14&kind=text&open_now=1",
        200,
        id="help-directory-filtered",
    ),
    pytest.param(
        "/help/?need=parents-not-told&need=no-name&open_now=1", 200, id="help-directory-by-fact"
    ),
    pytest.param("/help/just-one-number/", 200, id="service"),
    pytest.param(
        "/help/hertfordshire-healthy-relationships-programme/refer/", 200, id="referral-form"
    ),
    pytest.param("/accessibility/", 200, id="accessibility-statement"),
    pytest.param("/display-settings/", 200, id="display-settings"),
    pytest.param("/staying-safe-online/", 200, id="staying-safe-online"),
    pytest.param("/help/just-one-number/report/", 200, id="report-a-problem"),
    pytest.param("/help/just-one-number/report/sent/", 200, id="report-sent"),
    pytest.param("/definitely-not-a-page/", 404, id="not-found"),
]


def open_page(page, demo_site, path, status):
    """Go to a path on the live server and check it answered as expected."""
    response = page.goto(demo_site.at(path))
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    return response


# The help journey in Welsh (every word translated) and Arabic (right to left; the emergency
# notice, route cards and headings translated, the rest in English): axe and 320px run on these
# as well as on the English pages above.
TRANSLATED_PAGES = [
    pytest.param(f"/{code}{path}", status, id=f"{code}-{name}")
    for code in ("cy", "ar")
    for path, status, name in (
        ("/", 200, "home"),
        ("/help/", 200, "help-directory"),
        ("/help/?audience=young-person&age=14&kind=text&open_now=1", 200, "help-filtered"),
        ("/help/just-one-number/", 200, "service"),
        ("/staying-safe-online/", 200, "staying-safe-online"),
        ("/help/not-a-service/", 404, "not-found"),
    )
]
