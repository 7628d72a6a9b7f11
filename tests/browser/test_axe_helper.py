"""The accessibility check itself: it must fail on a broken page, or the suite proves nothing."""

import pytest

from tests.browser.axe import assert_no_axe_violations

BROKEN_PAGE = """<!doctype html>
<html lang="en-GB">
<head><title>A deliberately broken page</title></head>
<body>
  <main>
    <h1>Broken</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" class="photo">
    <input type="text" id="unlabelled" name="q">
  </main>
</body>
</html>"""

SOUND_PAGE = """<!doctype html>
<html lang="en-GB">
<head><title>A sound page</title></head>
<body>
  <main>
    <h1>Sound</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A tiny picture">
    <label for="q">Search</label> <input type="text" id="q" name="q">
  </main>
</body>
</html>"""


def test_page_with_violations_fails_naming_rule_impact_and_element(page):
    page.set_content(BROKEN_PAGE)

    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)

    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert "label (critical)" in message
    assert "Images must have alternative text" in message
    assert "- img: <img" in message
    assert "- #unlabelled: <input" in message


def test_sound_page_passes(page):
    page.set_content(SOUND_PAGE)

    assert_no_axe_violations(page)


def test_page_without_javascript_is_refused_rather_than_hanging(js_disabled_page):
    js_disabled_page.set_content(SOUND_PAGE)

    with pytest.raises(RuntimeError, match="JavaScript disabled"):
        assert_no_axe_violations(js_disabled_page)


OUTSIDE_LANDMARKS = """<!doctype html>
<html lang="en-GB">
<head><title>A button outside every landmark</title></head>
<body>
  <a href="https://example.org/">Exit this page</a>
  <main><h1>Sound otherwise</h1></main>
</body>
</html>"""


def test_content_outside_every_landmark_fails(page):
    """axe's "region" rule is best practice, not a WCAG tag: the helper turns it on, so the exit
    button (or anything else) left outside the landmarks fails on every page."""
    page.set_content(OUTSIDE_LANDMARKS)

    with pytest.raises(AssertionError, match=r"region \(moderate\)"):
        assert_no_axe_violations(page)
