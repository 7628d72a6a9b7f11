"""Seed the fixed vocabulary and, on PostgreSQL, set up full-text search.

Key stages and audiences are copied here as they were defined when this migration was written
(``portal.vocabulary`` then), so later changes to that module cannot change what it seeds.

On PostgreSQL a trigger keeps ``search_vector`` current on every insert and update (including
bulk ones), weighting the title above the summary above the body, with English stemming; a GIN
index serves the search. SQLite has neither and uses the tested fallback in
``ResourceQuerySet.search``.
"""

from django.db import migrations

# (code, name, short_name, ages, year_groups, min_age, max_age), in order.
KEY_STAGES = (
    ("eyfs", "Early years foundation stage", "EYFS", "0 to 5", "Nursery and Reception", 0, 5),
    ("ks1", "Key stage 1", "KS1", "5 to 7", "Years 1 and 2", 5, 7),
    ("ks2", "Key stage 2", "KS2", "7 to 11", "Years 3 to 6", 7, 11),
    ("ks3", "Key stage 3", "KS3", "11 to 14", "Years 7 to 9", 11, 14),
    ("ks4", "Key stage 4", "KS4", "14 to 16", "Years 10 and 11", 14, 16),
    ("ks5", "Key stage 5", "KS5", "16 to 18", "Years 12 and 13", 16, 18),
)

# (code, name), in order.
AUDIENCES = (
    ("parent", "Parents and carers"),
    ("young-person", "Young people"),
    ("professional", "Health and care professionals"),
    ("school-staff", "School staff"),
)

SEARCH_TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION resources_resource_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.body_text, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS resources_resource_search_vector_update ON resources_resource;
CREATE TRIGGER resources_resource_search_vector_update
    BEFORE INSERT OR UPDATE OF title, summary, body_text, search_vector ON resources_resource
    FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vector();

CREATE INDEX IF NOT EXISTS resource_search_vector_gin
    ON resources_resource USING gin (search_vector);

UPDATE resources_resource SET title = title;
"""

DROP_SEARCH_SQL = """
DROP INDEX IF EXISTS resource_search_vector_gin;
DROP TRIGGER IF EXISTS resources_resource_search_vector_update ON resources_resource;
DROP FUNCTION IF EXISTS resources_resource_search_vector();
"""


def seed_vocabulary(apps, schema_editor):
    KeyStage = apps.get_model("resources", "KeyStage")
    Audience = apps.get_model("resources", "Audience")
    for order, (code, name, short_name, ages, year_groups, min_age, max_age) in enumerate(
        KEY_STAGES
    ):
        KeyStage.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "ages": ages,
                "year_groups": year_groups,
                "min_age": min_age,
                "max_age": max_age,
                "order": order,
            },
        )
    for order, (code, name) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(code=code, defaults={"name": name, "order": order})


def create_search_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_TRIGGER_SQL)


def drop_search_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SEARCH_SQL)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        migrations.RunPython(seed_vocabulary, migrations.RunPython.noop),
        migrations.RunPython(create_search_trigger, drop_search_trigger),
    ]
