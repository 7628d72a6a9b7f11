"""Put back the rows that data migrations seed (key stages, audiences, staff groups).

Transactional tests (live server, database outage, backups) end with a flush that empties
every table, seeded rows included; the tests after them expect a freshly migrated database.
"""

import importlib

from django.apps import apps

SEED_MIGRATIONS = [
    ("resources.migrations.0002_seed_vocabulary_and_search", "seed_vocabulary"),
    ("resources.migrations.0004_editor_and_publisher_groups", "create_groups"),
    ("referrals.migrations.0004_alerts_facts_and_nations", "let_editors_manage_alerts"),
    ("referrals.migrations.0005_locations_and_service_areas", "load_areas"),
    ("referrals.migrations.0005_locations_and_service_areas", "grant_permissions"),
    ("referrals.migrations.0007_problem_reports", "give_groups_the_queue"),
    ("referrals.migrations.0008_referral_form_on_this_site", "grant_referral_form_permissions"),
]


def reseed_migration_data() -> None:
    from django.contrib.contenttypes.models import ContentType

    # A flush recreates content types with new ids: forget the cached old ones first.
    ContentType.objects.clear_cache()
    for module, function in SEED_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
