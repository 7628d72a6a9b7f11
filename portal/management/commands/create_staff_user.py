import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

ROLES = {"editor": "Editor", "publisher": "Publisher"}


class Command(BaseCommand):
    help = (
        "Create an editor or publisher account for the admin. The password comes from an "
        "environment variable (--password-from-env) or is asked for, never from the command line."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--role", choices=sorted(ROLES), default="editor")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of asking.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Change the role, email and password of an existing account.",
        )

    def get_password(self, options, user):
        variable = options["password_from_env"]
        if variable:
            password = os.environ.get(variable)
            if not password:
                raise CommandError(f"The environment variable {variable} is not set or is empty.")
        else:
            if not self.stdin_is_interactive():
                raise CommandError(
                    "No terminal to ask for a password: use --password-from-env VAR."
                )
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords do not match.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                "That password is not allowed: " + " ".join(error.messages)
            ) from None
        return password

    def stdin_is_interactive(self):
        return os.isatty(0)

    @transaction.atomic
    def handle(self, *args, username, email, role, update, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user and not update:
            raise CommandError(
                f"There is already an account called “{username}”. Use --update to change its "
                "role, email and password."
            )
        try:
            group = Group.objects.get(name=ROLES[role])
        except Group.DoesNotExist:
            raise CommandError(
                f"The {ROLES[role]} group does not exist yet: run `manage.py migrate` first."
            ) from None
        created = user is None
        if created:
            user = User(username=username)
        user.email = email
        user.is_staff = True
        user.is_active = True
        user.set_password(self.get_password(options, user))
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
        user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {role} account “{username}” ({email})."))
