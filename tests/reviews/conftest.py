import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.editors.conftest import staff_user


@pytest.fixture
def today():
    return datetime.date(2025, 11, 12)


@pytest.fixture
def editor(db):
    return staff_user("eddie", "Editor")


@pytest.fixture
def publisher(db):
    return staff_user("pat", "Publisher")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def added_on(model, pk, day: datetime.date):
    """Backdate a row's ``created_at`` (auto_now_add) to ``day``."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    model.objects.filter(pk=pk).update(created_at=moment)


@pytest.fixture
def publisher_client(publisher):
    client = Client()
    client.force_login(publisher)
    return client
