"""The Editor and Publisher groups, so roles come from code, not from clicks in production.

Editors draft and change resources, services and contact routes and submit them for approval.
Publishers can do all that, and publish, unpublish, approve, archive and delete. Superusers
can do everything. The migration is safe to run again: it only adds what is missing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# (app label, model name, actions)
EDITOR_PERMISSIONS = [
    ("resources", "resource", ["add", "change", "view"]),
    ("resources", "resourcesection", ["add", "change", "delete", "view"]),
    ("resources", "resourcefile", ["add", "change", "delete", "view"]),
    ("resources", "resourcelink", ["add", "change", "delete", "view"]),
    ("resources", "topic", ["add", "change", "view"]),
    ("resources", "keystage", ["view"]),
    ("resources", "audience", ["view"]),
    ("referrals", "service", ["add", "change", "view"]),
    ("referrals", "contactroute", ["add", "change", "view"]),
    ("referrals", "openingsession", ["add", "change", "delete", "view"]),
    ("referrals", "openingexception", ["add", "change", "delete", "view"]),
]
PUBLISHER_EXTRA = [
    ("resources", "resource", ["delete", "publish"]),
    ("resources", "topic", ["delete"]),
    ("referrals", "service", ["delete", "publish"]),
    ("referrals", "contactroute", ["delete"]),
]


def codenames(spec):
    for app_label, model, actions in spec:
        for action in actions:
            yield app_label, f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec):
        found = []
        for app_label, codename in codenames(spec):
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*permissions(EDITOR_PERMISSIONS))
    publisher, _ = Group.objects.get_or_create(name="Publisher")
    publisher.permissions.add(*permissions(EDITOR_PERMISSIONS + PUBLISHER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("resources", "0003_workflow_and_history"),
        ("referrals", "0002_workflow_and_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
