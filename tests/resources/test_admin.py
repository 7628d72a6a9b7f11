import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources.models import ResourceFile

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_uploading_a_file_in_the_admin_records_its_original_name(admin_client):
    resource = ResourceFactory(lesson_pack=True)
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = {
        "title": resource.title,
        "slug": resource.slug,
        "kind": resource.kind,
        "summary": resource.summary,
        "status": resource.status,
        "topics": "",
        "published_at_0": "01/02/2025",
        "published_at_1": "09:00:00",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-0-title": "Slides",
        "files-0-order": "0",
        "files-0-file": SimpleUploadedFile("Week 1 slides.pdf", b"%PDF-1.4 abc"),
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    resource_file = ResourceFile.objects.get(resource=resource)
    assert resource_file.original_name == "Week 1 slides.pdf"
    assert resource_file.size == 12
    assert resource_file.content_type == "application/pdf"


def test_admin_list_filters_by_status_kind_key_stage_and_topic(admin_client):
    ResourceFactory(title="Listed guidance", key_stages=["ks3"])
    response = admin_client.get(
        reverse("admin:resources_resource_changelist"),
        {"status__exact": "published", "kind__exact": "guidance", "key_stages__code__exact": "ks3"},
    )
    assert response.status_code == 200
    assert "Listed guidance" in response.text


def test_the_sections_help_text_shows_the_tags_to_type_instead_of_breaking_the_form(
    admin_client,
):
    resource = ResourceFactory()
    html = admin_client.get(reverse("admin:resources_resource_change", args=[resource.pk])).text

    assert "type HTML: &lt;h2&gt;, &lt;p&gt;, &lt;ul&gt;, &lt;li&gt;, &lt;a href&gt;" in html
    # The raw tags would open a heading, a list and a link that never close.
    assert "type HTML: <h2>" not in html
