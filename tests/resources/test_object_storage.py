"""Lesson files in S3-compatible object storage (S3_BUCKET), against moto's S3 server on
loopback: a private bucket, files under generated names, downloads with the original name."""

import urllib.request
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from tests.resources.factories import ResourceFileFactory

pytestmark = pytest.mark.django_db

BUCKET = "portal-tests"
KEYS = {"access_key": "tests", "secret_key": "tests-secret"}


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-west-2",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.S3_BUCKET = BUCKET
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-west-2",
                **KEYS,
                "location": "media",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
                "addressing_style": "path",
                "signature_version": "s3v4",
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def stored_keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_uploaded_file_goes_to_the_bucket_not_the_disk(bucket):
    resource_file = ResourceFileFactory()
    assert stored_keys(bucket) == [f"media/{resource_file.file.name}"]
    assert default_storage.exists(resource_file.file.name)
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=f"media/{resource_file.file.name}")
    assert not any("AllUsers" in str(grant["Grantee"]) for grant in acl["Grants"])


def test_a_download_is_streamed_through_the_portal_with_its_original_name(bucket, client):
    resource_file = ResourceFileFactory()
    response = client.get(resource_file.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 lesson"
    assert response["Content-Disposition"] == 'attachment; filename="Lesson slides.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_a_file_missing_from_the_bucket_is_a_404(bucket, client):
    resource_file = ResourceFileFactory()
    bucket.delete_object(Bucket=BUCKET, Key=f"media/{resource_file.file.name}")
    assert client.get(resource_file.get_absolute_url()).status_code == 404


def test_signed_url_downloads_redirect_to_a_short_lived_link_naming_the_file(
    bucket, client, settings
):
    settings.S3_DOWNLOADS = "signed-url"
    resource_file = ResourceFileFactory(original_name="Week 1 slides.pdf")
    response = client.get(resource_file.get_absolute_url())
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    link = response["Location"]
    query = parse_qs(urlsplit(link).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["response-content-disposition"] == ['attachment; filename="Week 1 slides.pdf"']

    # The store itself answers the link with the file, under its original name.
    with urllib.request.urlopen(link, timeout=10) as download:
        assert download.read() == b"%PDF-1.4 lesson"
        assert download.headers["Content-Disposition"] == 'attachment; filename="Week 1 slides.pdf"'
        assert download.headers["Content-Type"] == "application/pdf"


def test_the_bucket_refuses_an_unsigned_request(bucket, s3_server):
    resource_file = ResourceFileFactory()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_server}/{BUCKET}/media/{resource_file.file.name}", timeout=10)
    assert refused.value.code == 403


def test_a_draft_resources_file_is_not_handed_out_as_a_link(bucket, client, settings):
    settings.S3_DOWNLOADS = "signed-url"
    resource_file = ResourceFileFactory(resource__draft=True)
    assert client.get(resource_file.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_backup_takes_the_files_from_the_bucket_and_restores_them_there(bucket, tmp_path, client):
    from portal.backups import export_content, import_content
    from tests.security.test_backups import empty_everything

    media_root = tmp_path / "unused-media"
    media_root.mkdir()
    empty_everything(media_root)
    resource_file = ResourceFileFactory()
    name = resource_file.file.name
    archive = tmp_path / "backup.tar.gz"
    manifest = export_content(archive)
    assert list(manifest["files"]) == [name]

    empty_everything(media_root)
    bucket.delete_object(Bucket=BUCKET, Key=f"media/{name}")
    import_content(archive)
    assert stored_keys(bucket) == [f"media/{name}"]
    download = client.get(resource_file.get_absolute_url())
    assert b"".join(download.streaming_content) == b"%PDF-1.4 lesson"
    assert not any(media_root.iterdir()), "nothing was written to the local disk"
