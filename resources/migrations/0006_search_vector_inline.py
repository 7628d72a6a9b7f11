"""On PostgreSQL, keep each resource's search vector in its row rather than in TOAST storage.

Site search walks the newest-first index and tests each row's vector until it has its
candidates (``ResourceQuerySet.ranked_matches``). A vector is 1 to 2 KB; by default PostgreSQL
moved most of them out of the row (a tsvector barely compresses), so every row tested cost a
TOAST index lookup and chunk reads: about 4 buffers a row, 24 ms for a word in a quarter of
100,000 resources. Stored ``MAIN``, the body text, the larger and compressible column, leaves
the row instead and the vector stays: 1 buffer a row, 7 ms (bench/run.py, search_common).
Existing rows are rewritten so their vectors move in; the trigger of 0002 recomputes them.
"""

from django.db import migrations

INLINE = """
ALTER TABLE resources_resource ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE resources_resource SET search_vector = NULL;
"""
DEFAULT = "ALTER TABLE resources_resource ALTER COLUMN search_vector SET STORAGE EXTENDED;"


def keep_vectors_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INLINE)


def default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("resources", "0005_published_newest_index")]

    operations = [migrations.RunPython(keep_vectors_inline, default_storage)]
