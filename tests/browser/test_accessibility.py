"""axe-core finds no WCAG 2.2 A or AA violation on any public page, with the demo content."""

import pytest

from tests.browser.axe import assert_no_axe_violations
from tests.browser.pages import PUBLIC_PAGES, TRANSLATED_PAGES, open_page


@pytest.mark.parametrize(("path", "status"), PUBLIC_PAGES)
def test_public_page_has_no_wcag_violations(page, demo_site, path, status):
    open_page(page, demo_site, path, status)

    assert_no_axe_violations(page)


@pytest.mark.parametrize(("path", "status"), TRANSLATED_PAGES)
def test_translated_page_has_no_wcag_violations(page, demo_site, path, status):
    open_page(page, demo_site, path, status)

    assert page.evaluate("document.documentElement.lang") == path.split("/")[1]
    assert_no_axe_violations(page)
