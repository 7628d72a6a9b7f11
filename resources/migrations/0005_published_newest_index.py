"""On PostgreSQL, an index that serves every newest-first list without sorting.

Lists, topic pages, the home page and deep pages order published resources by
``published_at DESC NULLS LAST, id DESC``; this partial index lets PostgreSQL walk it instead of
sorting every published row (measured by bench/run.py). SQLite cannot index NULLS LAST, so the
index is PostgreSQL-only, like the search trigger in 0002.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS resource_published_newest
    ON resources_resource (published_at DESC NULLS LAST, id DESC) WHERE status = 'published';
"""
DROP = "DROP INDEX IF EXISTS resource_published_newest;"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("resources", "0004_editor_and_publisher_groups")]

    operations = [migrations.RunPython(create_index, drop_index)]
