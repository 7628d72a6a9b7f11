-- Now created by resources/migrations/0005_published_newest_index.py on PostgreSQL; kept so
-- `bench/run.py --proposed-indexes` can still add it to a database built from the models.
-- Indexes proposed for the schema (not yet in a migration). PostgreSQL only: SQLite cannot
-- index NULLS LAST, so as a migration it belongs in a RunPython that checks the vendor, as
-- resources/migrations/0002 does for the search trigger. `bench/run.py --proposed-indexes`
-- adds them after loading, so their effect can be measured before the migration exists.
-- The same index written as models.Index (which would fail on SQLite):
--   models.Index(F("published_at").desc(nulls_last=True), F("id").desc(),
--                name="resource_published_newest", condition=Q(status=PublicationStatus.PUBLISHED))
-- It serves newest_first() (every list, topic page, home and page 200) by walking the index
-- instead of sorting every published row.
CREATE INDEX IF NOT EXISTS resource_published_newest
    ON resources_resource (published_at DESC NULLS LAST, id DESC) WHERE status = 'published';
