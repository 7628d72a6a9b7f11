"""The live server really serves the demo content and the always-open line the journeys use."""


def test_open_now_search_finds_the_always_open_text_line(page, demo_site):
    page.goto(demo_site.at("/help/?audience=young-person&age=14&kind=text&open_now=1"))

    assert page.get_by_text(demo_site.always_open_route.label).first.is_visible()


def test_demo_resources_are_listed(page, demo_site):
    page.goto(demo_site.at("/resources/?key_stage=ks3"))

    assert page.get_by_role("link", name="NSPCC healthy relationships", exact=False).count() > 0
