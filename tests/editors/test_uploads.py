"""Lesson pack files are judged by their bytes; refused files never reach the media folder."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources.models import ResourceFile
from resources.uploads import sniff_kind, validate_lesson_file
from tests.resources.factories import ResourceFactory

from .conftest import form_data

pytestmark = pytest.mark.django_db


def zipped(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
SAMPLES = {
    "slides.pdf": b"%PDF-1.7\n...",
    "plan.docx": zipped({"[Content_Types].xml": "x", "word/document.xml": "x"}),
    "deck.pptx": zipped({"[Content_Types].xml": "x", "ppt/presentation.xml": "x"}),
    "plan.odt": zipped({"mimetype": "application/vnd.oasis.opendocument.text"}),
    "deck.odp": zipped({"mimetype": "application/vnd.oasis.opendocument.presentation"}),
    "sheet.ods": zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
    "old.doc": OLE2 + "WordDocument".encode("utf-16-le"),
    "old.ppt": OLE2 + "PowerPoint Document".encode("utf-16-le"),
    "poster.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 20,
    "photo.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 20,
    "photo.JPEG": b"\xff\xd8\xff\xe0" + b"\0" * 20,
    "anim.gif": b"GIF89a" + b"\0" * 20,
    "pic.webp": b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 20,
}


@pytest.mark.parametrize(("name", "content"), SAMPLES.items())
def test_accepted_kinds_pass(name, content):
    validate_lesson_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("slides.pdf", b"<html><script>alert(1)</script>", "not a file type we accept"),
        ("setup.exe", b"MZ\x90\x00", "not a file type we accept"),
        ("macro.docm", zipped({"a.txt": "x"}), "not a file type we accept"),
        ("sheet.xls", OLE2 + "Workbook".encode("utf-16-le"), "not a file type we accept"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not a file type we accept"),
        ("slides.pdf.html", b"%PDF-1.4", "holds a PDF file but its name ends .html"),
        ("deck.pdf", SAMPLES["deck.pptx"], "holds a PPTX file"),
        ("noextension", b"%PDF-1.4", "without an extension"),
    ],
)
def test_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_lesson_file(SimpleUploadedFile(name, content))


def test_size_limit_has_a_clear_message(settings):
    settings.MAX_UPLOAD_SIZE = 1024
    with pytest.raises(ValidationError, match="Files can be at most 1.0"):
        validate_lesson_file(SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 2000))


def test_the_default_limit_is_25_mb():
    assert settings.MAX_UPLOAD_SIZE == 25 * 1024 * 1024


def test_sniffing_rewinds_the_file():
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 body")
    assert sniff_kind(upload) == "pdf"
    assert upload.read() == b"%PDF-1.4 body"


def media_files():
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def post_file(client, resource, upload):
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = form_data(client.get(url), "resource_form")
    data.update(
        {
            "files-TOTAL_FORMS": ["1"],
            "files-0-title": ["Slides"],
            "files-0-order": ["0"],
            "files-0-file": upload,
        }
    )
    return client.post(url, data)


def test_a_refused_upload_never_reaches_the_media_folder(editor_client):
    before = media_files()
    resource = ResourceFactory(draft=True, lesson_pack=True)
    response = post_file(
        editor_client, resource, SimpleUploadedFile("lesson.pdf", b"<script>alert(1)</script>")
    )
    assert response.status_code == 200
    assert "not a file type we accept" in response.text
    assert media_files() == before
    assert not ResourceFile.objects.exists()


def test_an_accepted_upload_is_stored_under_a_generated_name(editor_client):
    resource = ResourceFactory(draft=True, lesson_pack=True)
    response = post_file(
        editor_client, resource, SimpleUploadedFile("Week 1.docx", SAMPLES["plan.docx"])
    )
    assert response.status_code == 302, response.context["errors"]
    stored = ResourceFile.objects.get()
    assert stored.original_name == "Week 1.docx"
    assert "Week" not in stored.file.name
    stored.file.delete()


def test_a_lesson_pack_without_materials_cannot_be_published_in_the_form(publisher_client):
    resource = ResourceFactory(draft=True, lesson_pack=True, key_stages=["ks3"])
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = form_data(publisher_client.get(url), "resource_form")
    data["status"] = ["published"]
    response = publisher_client.post(url, data)
    assert response.status_code == 200
    assert "A lesson pack needs at least one file or link" in response.text
    data.update(
        {
            "links-TOTAL_FORMS": ["1"],
            "links-0-title": ["Lesson page"],
            "links-0-url": ["https://example.org/lesson"],
            "links-0-order": ["0"],
        }
    )
    assert publisher_client.post(url, data).status_code == 302
