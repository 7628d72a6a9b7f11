import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.models import ResourceFile
from resources.services import resource_file_record_upload

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_recording_an_upload_keeps_its_name_size_and_type():
    upload = SimpleUploadedFile("Consent lesson.PPTX", b"x" * 1500, content_type="text/html")
    resource_file = ResourceFile(resource=ResourceFactory(), title="Slides", file=upload)
    resource_file_record_upload(resource_file=resource_file)
    resource_file.save()
    resource_file.refresh_from_db()
    assert resource_file.original_name == "Consent lesson.PPTX"
    assert resource_file.size == 1500
    # Judged from the name, not from what the browser claimed.
    assert resource_file.content_type == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    assert resource_file.file_type == "PPTX"
    assert "Consent lesson" not in resource_file.file.name


def test_recording_an_upload_of_an_unknown_type_offers_it_as_plain_bytes():
    upload = SimpleUploadedFile("notes", b"abc")
    resource_file = ResourceFile(resource=ResourceFactory(), title="Notes", file=upload)
    resource_file_record_upload(resource_file=resource_file)
    assert resource_file.content_type == "application/octet-stream"
