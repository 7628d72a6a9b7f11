from django.core.management.base import BaseCommand
from django.db import transaction

from portal.reviews.demo_content import load_demo_owners
from referrals.demo_content import load_demo_services
from resources.demo_content import load_demo_resources


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
