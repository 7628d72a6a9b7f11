"""export_content and import_content: everything comes back, exactly, or nothing does."""

import datetime
import hashlib
import importlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from portal.backups import BackupError, existing_content, import_content, serialise_all
from referrals.models import ContactRoute
from referrals.services import contact_route_verify
from resources.models import KeyStage, Resource, ResourceFile
from resources.uploads import validate_lesson_file
from tests.support.seeding import SEED_MIGRATIONS

# A real (tiny) PDF: what the upload check accepts.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def make_content():
    call_command("load_demo_content", stdout=io.StringIO())
    verifier = User.objects.create_user(
        "verifier", "verifier@example.org", "a long enough password", is_staff=True
    )
    verifier.groups.add(Group.objects.get(name="Editor"))
    route = ContactRoute.objects.order_by("pk").first()
    contact_route_verify(route=route, user=verifier, today=datetime.date(2025, 11, 12))
    upload = ContentFile(PDF, name="Lesson plan.pdf")
    assert validate_lesson_file(upload) == "pdf"
    pack = Resource.objects.filter(kind=Resource.Kind.LESSON_PACK).order_by("pk").first()
    ResourceFile.objects.create(
        resource=pack,
        title="Lesson plan",
        file=upload,
        original_name="Lesson plan.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    return route, verifier


def media_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def empty_everything(media_root: Path):
    """A new database as ``migrate`` leaves it (seeded vocabulary and groups), no media."""
    call_command("flush", interactive=False, verbosity=0)
    # The flush gave content types new ids: forget the cached old ones.
    ContentType.objects.clear_cache()
    state_apps = MigrationLoader(connection).project_state().apps
    for module, function in SEED_MIGRATIONS:
        getattr(importlib.import_module(module), function)(state_apps, None)
    shutil.rmtree(media_root)
    media_root.mkdir()


def rewrite_archive(source: Path, destination: Path, change_rows):
    """A copy of an archive with its data changed and its checksums made to match, as a
    damaged-but-consistent archive would be."""
    with tarfile.open(source, "r:gz") as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers()}
    rows = change_rows(json.loads(members["data.json"]))
    members["data.json"] = json.dumps(rows).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["data"]["sha256"] = hashlib.sha256(members["data.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(destination, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_every_row_and_file_exactly(client, media_root, tmp_path):
    # An earlier transactional test may have flushed the seeded rows: start as migrate leaves.
    empty_everything(media_root)
    route, verifier = make_content()
    # Sub-millisecond times, which Django's own JSON would round away.
    exact = datetime.datetime(2025, 11, 12, 11, 0, 0, 412, tzinfo=datetime.UTC)
    ContactRoute.objects.filter(pk=route.pk).update(updated_at=exact)
    before = serialise_all()
    files_before = media_files(media_root)
    key_stages, groups = KeyStage.objects.count(), Group.objects.count()
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("export_content", str(archive), stdout=out)
    assert "Exported" in out.getvalue() and archive.exists()

    empty_everything(media_root)
    assert not existing_content() and not media_files(media_root)

    # A damaged archive whose checksums were recomputed: the last row points at nothing.
    broken = tmp_path / "broken.tar.gz"
    dangling = {
        "model": "referrals.openingsession",
        "pk": 1_000_000,
        "fields": {"route": 987_654, "weekday": 0, "all_day": True},
    }
    rewrite_archive(archive, broken, lambda rows: [*rows, dangling])
    with pytest.raises(Exception, match="(?i)foreign key|integrity|987654"):
        call_command("import_content", str(broken), stdout=io.StringIO())
    assert not existing_content(), "a failed restore left rows behind"
    assert not media_files(media_root), "a failed restore left files behind"

    out = io.StringIO()
    call_command("import_content", str(archive), stdout=out)
    assert "Restored" in out.getvalue()

    after = serialise_all()
    assert after.keys() == before.keys()
    for label in before:
        for old, new in zip(before[label], after[label], strict=True):
            changed = {
                key: (old["fields"].get(key), new["fields"].get(key))
                for key in old["fields"].keys() | new["fields"].keys()
                if old["fields"].get(key) != new["fields"].get(key)
            }
            assert new == old, f"{label} {old.get('pk')} differs after the restore: {changed}"
    assert media_files(media_root) == files_before
    # The seeded rows were updated in place, not duplicated.
    assert (KeyStage.objects.count(), Group.objects.count()) == (key_stages, groups)
    restored_route = ContactRoute.objects.get(pk=route.pk)
    assert restored_route.verified_by.username == "verifier"
    assert restored_route.updated_at == exact
    assert User.objects.get(username="verifier").groups.filter(name="Editor").exists()
    # And the site serves what came back, the uploaded file included.
    lesson_file = ResourceFile.objects.get(title="Lesson plan")
    response = client.get(lesson_file.get_absolute_url())
    assert b"".join(response.streaming_content) == PDF
    assert client.get(lesson_file.resource.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_restore_refuses_a_database_with_content(media_root, tmp_path):
    make_content()
    archive = tmp_path / "backup.tar.gz"
    call_command("export_content", str(archive), stdout=io.StringIO())
    resources = Resource.objects.count()
    with pytest.raises(CommandError, match="already has content"):
        call_command("import_content", str(archive), stdout=io.StringIO())
    assert Resource.objects.count() == resources


@pytest.mark.django_db
def test_a_damaged_archive_is_refused_before_anything_is_touched(media_root, tmp_path):
    make_content()
    archive = tmp_path / "backup.tar.gz"
    call_command("export_content", str(archive), stdout=io.StringIO())
    with tarfile.open(archive, "r:gz") as source:
        members = {m.name: source.extractfile(m).read() for m in source.getmembers()}
    pdf_name = next(name for name in members if name.startswith("media/"))
    members[pdf_name] = members[pdf_name].replace(b"%%EOF", b"%%EOX")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as target:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="missing or damaged"):
        import_content(damaged)


@pytest.mark.django_db
def test_the_manifest_counts_rows_and_lists_checksums(media_root, tmp_path):
    make_content()
    archive = tmp_path / "backup.tar.gz"
    call_command("export_content", str(archive), stdout=io.StringIO())
    with tarfile.open(archive, "r:gz") as source:
        manifest = json.loads(source.extractfile("manifest.json").read())
    assert manifest["counts"]["resources.Resource"] == Resource.objects.count()
    assert manifest["counts"]["auth.User"] == 1
    assert manifest["app_version"] and manifest["created_at"]
    (file_entry,) = manifest["files"].values()
    assert file_entry["size"] == len(PDF) and len(file_entry["sha256"]) == 64
    # Sessions and sign-in attempts are never in an archive.
    assert not any(label.startswith(("sessions.", "axes.")) for label in manifest["counts"])
