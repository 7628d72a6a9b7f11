from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo.loader import load_demo_owners, load_demo_resources, load_demo_services


class Command(BaseCommand):
    help = (
        "Load the demo topics, resources, services and contact routes. Safe to run again: it "
        "updates the demo rows in place, restoring any an editor changed, and adds no duplicates."
    )

    def handle(self, *args, **options):
        # One transaction: a failure part-way leaves the database as it was.
        with transaction.atomic():
            topics, resources = load_demo_resources()
            services, routes = load_demo_services()
            load_demo_owners(resources=resources, services=services)
        self.stdout.write(
            f"Demo content: {len(resources)} resources, {len(services)} services, "
            f"{len(routes)} contact routes, {len(topics)} topics"
        )
