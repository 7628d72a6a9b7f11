"""Export all content, and the uploaded files, to one archive; restore it into an empty database.

The archive (``.tar.gz``) holds:

- ``data.json``: every row of the resources and referrals apps (topics, the topic links, the
  many-to-many links, opening sessions and exceptions, revision history), the staff accounts
  they refer to (``verified_by``, ``history_user``) with their groups and two-factor devices,
  in Django's JSON serialisation;
- ``media/``: every file under ``MEDIA_ROOT``, or in the bucket with ``S3_BUCKET`` (lesson
  materials, including those only older revisions refer to);
- ``manifest.json``: when and by which version it was made, the rows per model, the latest
  migration of each app, and a SHA-256 checksum of ``data.json`` and of every file.

What is left out, on purpose: sessions (a stolen archive must not sign anyone in), django-axes'
sign-in attempts and lockouts, and the admin's action log (operational records, not content),
referrals made on the site, their history and their access log (personal data about children
with its own retention period: an archive would keep them past it, and a restore would bring
deleted referrals back; the database's own encrypted backups cover them, see SECURITY.md),
and permissions and content types, which ``migrate`` creates: rows that refer to them (groups,
users' own permissions, taggit's generic links) name them by natural key, as do users' groups,
so a restore matches them to the new database's rows whatever their ids there. The groups
that migrations seed (Editor, Publisher) are matched by name and key stages and audiences by
their codes, so a restore updates them in place rather than duplicating them.

Restoring checks every checksum before it touches anything, refuses a database that already
has content or users, and writes everything in one transaction: a failure part-way leaves the
database as it was (and removes any file it had written).
"""

import datetime
import hashlib
import io
import json
import tarfile
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "safeguarding-portal-backup"
FORMAT_VERSION = 1
CONTENT_APPS = ("resources", "referrals", "taggit", "reviews")
ACCOUNT_MODELS = ("auth.Group", "auth.User")
# Two-factor devices go with their accounts, where the apps are installed.
OPTIONAL_ACCOUNT_APPS = ("otp_totp", "otp_static")
# Seeded by migrations in every database: present before a restore, updated in place by it.
SEEDED_MODELS = (
    "resources.KeyStage",
    "resources.Audience",
    "auth.Group",
    "referrals.LocalAuthority",
)
# Rows named by natural key rather than id: their ids differ from one database to another.
NATURAL_KEY_MODELS = ("contenttypes.ContentType", "auth.Permission", "auth.Group")
MIGRATION_APPS = ("auth", "contenttypes", "taggit", "resources", "referrals", "reviews")


class BackupError(Exception):
    """An archive that cannot be restored here, with the reason in words."""


def app_version() -> str:
    try:
        return version("safeguarding-portal")
    except PackageNotFoundError:
        return "unknown"


# Referrals are not content: personal data with its own retention period (see above).
EXCLUDED_MODELS = (
    "referrals.Referral",
    "referrals.HistoricalReferral",
    "referrals.ReferralAccessLog",
)


def backed_up_models() -> list:
    """Every model an archive holds, in an order that loads: referenced rows first."""
    models = [apps.get_model(label) for label in ACCOUNT_MODELS]
    for label in (*OPTIONAL_ACCOUNT_APPS, *CONTENT_APPS):
        if apps.is_installed(f"django_otp.plugins.{label}") or label in CONTENT_APPS:
            models.extend(
                model
                for model in apps.get_app_config(label).get_models()
                if model._meta.label not in EXCLUDED_MODELS
            )
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps milliseconds only, which a restore
    would lose."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    """Django's JSON, naming only permissions, content types and groups by natural key.

    Topics have a ``natural_key()`` (from taggit) but no way to look one up, so Django's own
    ``use_natural_foreign_keys`` would write data it cannot read back.
    """

    def _natural_for(self, field):
        return field.remote_field.model._meta.label in NATURAL_KEY_MODELS

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = self._natural_for(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = self._natural_for(field)
        super().handle_m2m_field(obj, field)


def serialise(model) -> list[dict]:
    """A model's rows as the archive holds them (ordered by primary key)."""
    natural_pk = model._meta.label in NATURAL_KEY_MODELS
    return json.loads(
        Serializer().serialize(
            model._default_manager.order_by("pk"),
            use_natural_primary_keys=natural_pk,
            cls=ExactJSONEncoder,
        )
    )


def serialise_all() -> dict[str, list[dict]]:
    return {model._meta.label: serialise(model) for model in backed_up_models()}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def _object_storage():
    """The storage uploads go to when it is not the local MEDIA_ROOT (S3_BUCKET), else None."""
    from django.core.files.storage import FileSystemStorage, default_storage

    return None if isinstance(default_storage, FileSystemStorage) else default_storage


def _stored_names(storage, folder: str = "") -> list[str]:
    directories, files = storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for directory in directories:
        names.extend(_stored_names(storage, f"{folder}/{directory}" if folder else directory))
    return sorted(names)


def _read_media_files() -> dict[str, bytes]:
    """Every uploaded file's bytes, by name: from MEDIA_ROOT or from the bucket."""
    if storage := _object_storage():
        files = {}
        for name in _stored_names(storage):
            with storage.open(name, "rb") as stored:
                files[name] = stored.read()
        return files
    return {name: path.read_bytes() for name, path in _media_files().items()}


def _add(archive: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = mtime
    info.mode = 0o640
    archive.addfile(info, io.BytesIO(data))


def _applied_migrations() -> dict[str, str]:
    recorder = MigrationRecorder.Migration.objects.filter(app__in=MIGRATION_APPS)
    latest = {}
    for app, name in recorder.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def export_content(destination: Path) -> dict:
    """Write the archive to ``destination``; return its manifest."""
    created = timezone.now()
    # One snapshot of the database: rows read in one repeatable transaction where the
    # database offers it, so no model's rows are from a moment different from another's.
    with transaction.atomic():
        data = serialise_all()
        migrations = _applied_migrations()
    rows = [row for model_rows in data.values() for row in model_rows]
    data_bytes = json.dumps(rows, ensure_ascii=False, indent=1).encode()
    files = _read_media_files()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created.isoformat(),
        "app_version": app_version(),
        "migrations": migrations,
        "counts": {label: len(model_rows) for label, model_rows in data.items()},
        "data": {"path": "data.json", "sha256": _sha256(data_bytes), "size": len(data_bytes)},
        "files": {
            name: {"sha256": _sha256(content), "size": len(content)}
            for name, content in files.items()
        },
    }
    mtime = created.timestamp()
    destination = Path(destination)
    partial = destination.with_name(destination.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode(), mtime)
        _add(archive, "data.json", data_bytes, mtime)
        for name, content in files.items():
            _add(archive, f"media/{name}", content, mtime)
    # Only a complete archive ever carries the name asked for.
    partial.replace(destination)
    return manifest


# ------------------------------------------------------------------------------
# Restore
# ------------------------------------------------------------------------------
def _safe_member_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The archive holds an unsafe path: {name!r}. Nothing was restored.")
    return path.as_posix()


def read_archive(source: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    """The manifest, ``data.json`` and files of an archive, every checksum verified."""
    members = {}
    try:
        with tarfile.open(source, "r:gz") as archive:
            for member in archive.getmembers():
                name = _safe_member_name(member.name)
                if not member.isfile():
                    raise BackupError(f"The archive holds something other than a file: {name!r}.")
                members[name] = archive.extractfile(member).read()
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{source} is not a readable backup archive ({error}).") from None
    try:
        manifest = json.loads(members.pop("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError(f"{source} has no readable manifest: it is not a backup.") from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{source} is not a backup this version can read.")
    data = members.pop(manifest["data"]["path"], None)
    if data is None or _sha256(data) != manifest["data"]["sha256"]:
        raise BackupError("data.json is missing or damaged (its checksum does not match).")
    files = {}
    for name, expected in manifest["files"].items():
        content = members.pop(f"media/{_safe_member_name(name)}", None)
        if content is None or _sha256(content) != expected["sha256"]:
            raise BackupError(f"The file {name!r} is missing or damaged in the archive.")
        files[name] = content
    if members:
        raise BackupError(f"The archive holds files its manifest does not list: {sorted(members)}")
    return manifest, data, files


def existing_content() -> dict[str, int]:
    """Rows already in the database that a restore would mix with (seeded rows excepted)."""
    counts = {}
    for model in backed_up_models():
        if model._meta.label in SEEDED_MODELS:
            continue
        count = model._default_manager.count()
        if count:
            counts[model._meta.label] = count
    return counts


def _check_target(manifest: dict, files: dict[str, bytes]) -> None:
    present = existing_content()
    if present:
        listed = ", ".join(f"{count} {label}" for label, count in sorted(present.items()))
        raise BackupError(
            f"The database already has content ({listed}). Restore only into a new, empty, "
            "migrated database (python manage.py migrate): nothing was changed."
        )
    if manifest["migrations"] != _applied_migrations():
        raise BackupError(
            "The archive was made with a different database schema (migrations "
            f"{manifest['migrations']}, here {_applied_migrations()}). Restore it with the "
            f"version that made it ({manifest['app_version']}), then upgrade."
        )
    if storage := _object_storage():
        clashes = [
            name
            for name, content in files.items()
            if storage.exists(name) and _stored_bytes(storage, name) != content
        ]
        if clashes:
            raise BackupError(
                f"The bucket already has different files with these names: {clashes}. "
                "Restore into an empty bucket folder: nothing was changed."
            )
        return
    root = Path(settings.MEDIA_ROOT)
    clashes = [
        name
        for name, content in files.items()
        if (root / name).exists() and (root / name).read_bytes() != content
    ]
    if clashes:
        raise BackupError(
            f"MEDIA_ROOT ({root}) already has different files with these names: {clashes}. "
            "Restore into an empty media folder: nothing was changed."
        )


def _stored_bytes(storage, name: str) -> bytes:
    with storage.open(name, "rb") as stored:
        return stored.read()


def _write_stored_files(storage, files: dict[str, bytes]) -> list[str]:
    from django.core.files.base import ContentFile

    written = []
    try:
        for name, content in files.items():
            if storage.exists(name):
                continue  # the same bytes (checked before): nothing to write
            saved = storage.save(name, ContentFile(content))
            written.append(saved)
            if saved != name:
                raise BackupError(f"The bucket stored {name!r} as {saved!r}: nothing restored.")
    except BaseException:
        _remove_written(written)
        raise
    return written


def _remove_written(written: list) -> None:
    """Undo ``_write_files``: paths on disk, or names in the bucket."""
    storage = _object_storage()
    for item in written:
        if isinstance(item, Path):
            item.unlink(missing_ok=True)
        elif storage is not None:
            storage.delete(item)


def _write_files(files: dict[str, bytes]) -> list:
    if storage := _object_storage():
        return _write_stored_files(storage, files)
    root = Path(settings.MEDIA_ROOT).resolve()
    written = []
    try:
        for name, content in files.items():
            path = (root / name).resolve()
            if not path.is_relative_to(root):
                raise BackupError(f"The file {name!r} would be written outside MEDIA_ROOT.")
            if path.exists():
                continue  # the same bytes (checked before): nothing to write
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def import_content(source: Path) -> dict:
    """Restore an archive into this (empty) database and MEDIA_ROOT; return its manifest."""
    manifest, data, files = read_archive(source)
    written = []
    try:
        with tempfile.TemporaryDirectory() as folder, transaction.atomic():
            _check_target(manifest, files)
            fixture = Path(folder) / "content.json"
            fixture.write_bytes(data)
            call_command("loaddata", str(fixture), verbosity=0)
            restored = {
                model._meta.label: model._default_manager.count() for model in backed_up_models()
            }
            wrong = {
                label: (count, restored.get(label))
                for label, count in manifest["counts"].items()
                if label not in SEEDED_MODELS and restored.get(label) != count
            }
            if wrong:
                raise BackupError(f"Rows restored differ from the manifest's counts: {wrong}.")
            # Last, so only a commit failing could leave them behind: then they are removed.
            written = _write_files(files)
    except BaseException:
        _remove_written(written)
        raise
    return manifest


def manifest_summary(manifest: dict) -> str:
    rows = sum(manifest["counts"].values())
    return (
        f"{rows} rows of {len(manifest['counts'])} models and {len(manifest['files'])} files "
        f"(made {manifest['created_at']} by version {manifest['app_version']})"
    )


def default_archive_name() -> str:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"portal-backup-{stamp}.tar.gz"
