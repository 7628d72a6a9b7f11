"""Demo owners: who is reminded when demo content falls due. Fictional people at example.org
(a domain reserved for examples), never a real address."""

from django.contrib.contenttypes.models import ContentType

from referrals.models import Service
from resources.models import Resource

from .models import Owner

RESOURCE_OWNER = {
    "name": "Sam Okafor (safeguarding lead, demo)",
    "email": "safeguarding.lead@example.org",
}
# A partner service's contact who never signs in to the admin.
SERVICE_OWNERS = {
    "just-one-number": {
        "name": "Jo Partner (Just One Number contact, demo)",
        "email": "just-one-number.contact@example.org",
    },
}


def load_demo_owners(*, resources: list[Resource], services: list[Service]) -> list[Owner]:
    """Give every demo resource the demo safeguarding lead, and the demo services their partner
    contacts. Safe to run again: existing owners are kept, none is added twice."""
    owners = []
    resource_type = ContentType.objects.get_for_model(Resource)
    service_type = ContentType.objects.get_for_model(Service)
    for resource in resources:
        owner, _ = Owner.objects.get_or_create(
            content_type=resource_type,
            object_id=resource.pk,
            email=RESOURCE_OWNER["email"],
            defaults={"name": RESOURCE_OWNER["name"]},
        )
        owners.append(owner)
    for service in services:
        contact = SERVICE_OWNERS.get(service.slug)
        if contact is None:
            continue
        owner, _ = Owner.objects.get_or_create(
            content_type=service_type,
            object_id=service.pk,
            email=contact["email"],
            defaults={"name": contact["name"]},
        )
        owners.append(owner)
    return owners
