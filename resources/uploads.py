"""Lesson pack uploads: what a file really is, judged from its bytes.

An extension is only a claim. A file is accepted when its content is one of the kinds teachers
share (PDF, Word, PowerPoint, OpenDocument, common images) and its extension names that same
kind, so a renamed web page or program is refused before anything is written to the media folder.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Each kind: the extensions that may name it. Content decides the kind; the extension must agree.
EXTENSIONS = {
    "pdf": {"pdf"},
    "doc": {"doc"},
    "ppt": {"ppt"},
    "docx": {"docx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "odp": {"odp"},
    "ods": {"ods"},
    "png": {"png"},
    "jpeg": {"jpg", "jpeg"},
    "gif": {"gif"},
    "webp": {"webp"},
}
ALLOWED_EXTENSIONS = sorted(set().union(*EXTENSIONS.values()))
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "ppt/presentation.xml" in names:
                    return "pptx"
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def _ole2_kind(upload) -> str | None:
    # Old Office files are OLE2 containers; the stream names (UTF-16) say which program.
    upload.seek(0)
    content = upload.read()
    if "WordDocument".encode("utf-16-le") in content:
        return "doc"
    if "PowerPoint Document".encode("utf-16-le") in content:
        return "ppt"
    return None


def sniff_kind(upload) -> str | None:
    """The kind of file ``upload`` holds, from its content, or None if it is none we accept."""
    upload.seek(0)
    head = upload.read(16)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = "gif"
    elif head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        kind = "webp"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
    elif head.startswith(OLE2_SIGNATURE):
        kind = _ole2_kind(upload)
    upload.seek(0)
    return kind


def validate_lesson_file(upload) -> str:
    """Check an upload's size and content; return its kind or raise a message people understand."""
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            f"“{upload.name}” is {filesizeformat(upload.size)}. Files can be at most "
            f"{filesizeformat(settings.MAX_UPLOAD_SIZE)}: compress it, or link to it instead.",
            code="too_large",
        )
    _, dot, extension = upload.name.rpartition(".")
    extension = extension.lower() if dot else ""
    kind = sniff_kind(upload)
    if kind is None:
        raise ValidationError(
            f"“{upload.name}” is not a file type we accept. Upload a PDF, Word, PowerPoint, "
            "OpenDocument or image (PNG, JPEG, GIF, WebP) file.",
            code="type",
        )
    if extension not in EXTENSIONS[kind]:
        expected = " or ".join(f".{ext}" for ext in sorted(EXTENSIONS[kind]))
        raise ValidationError(
            f"“{upload.name}” holds a {kind.upper()} file but its name ends "
            f"{'.' + extension if extension else 'without an extension'}. Rename it to end "
            f"{expected} and upload it again.",
            code="extension_mismatch",
        )
    return kind
