"""Seed the fixed vocabulary and, on PostgreSQL, set up full-text search.

Key stages and audiences come from ``portal.vocabulary``, the one place they are defined.

On PostgreSQL a trigger keeps ``search_vector`` current on every insert and update (including
bulk ones), weighting the title above the summary above the body, with English stemming; a GIN
index serves the search. SQLite has neither and uses the tested fallback in
``ResourceQuerySet.search``.
"""

from django.db import migrations

from portal.vocabulary import KEY_STAGES, AudienceCode

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
    for order, stage in enumerate(KEY_STAGES):
        KeyStage.objects.update_or_create(
            code=stage.code,
            defaults={
                "name": stage.name,
                "short_name": stage.short_name,
                "ages": stage.ages,
                "year_groups": stage.year_groups,
                "min_age": stage.min_age,
                "max_age": stage.max_age,
                "order": order,
            },
        )
    for order, (code, name) in enumerate(AudienceCode.choices):
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
