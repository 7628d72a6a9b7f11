"""The admin pages an editor uses load with no errors in a real browser: no script errors, no
Content-Security-Policy violations (they appear as console errors), nothing broken."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

PASSWORD = "a long and unusual passphrase 4 staff"


@pytest.fixture
def signed_in_admin(page, demo_site):
    get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    page.goto(demo_site.at("/admin/login/"))
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(demo_site.at("/admin/"))
    return page


def admin_pages():
    from referrals.models import ContactRoute, Service
    from resources.models import Resource

    resource = Resource.objects.published(timezone.now()).first()
    service = Service.objects.get(slug="just-one-number")
    route = ContactRoute.objects.filter(service=service).first()
    return [
        "/admin/",
        "/admin/resources/resource/",
        "/admin/resources/resource/add/",
        f"/admin/resources/resource/{resource.pk}/change/",
        f"/admin/resources/resource/{resource.pk}/history/",
        "/admin/referrals/service/",
        f"/admin/referrals/service/{service.pk}/change/",
        f"/admin/referrals/contactroute/{route.pk}/change/",
    ]


def test_editor_pages_load_without_errors(signed_in_admin, demo_site):
    page = signed_in_admin
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"{page.url}: {message.text}"),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    for path in admin_pages():
        response = page.goto(demo_site.at(path))
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert problems == []


def test_rich_text_editor_starts_on_a_resource_section(signed_in_admin, demo_site):
    from resources.models import Resource

    resource = Resource.objects.published(timezone.now()).filter(sections__isnull=False).first()
    page = signed_in_admin
    page.goto(demo_site.at(f"/admin/resources/resource/{resource.pk}/change/"))
    # The editor replaces the plain textarea with an editable area when its script runs.
    assert page.locator(".ProseMirror[contenteditable=true]").first.is_visible()
