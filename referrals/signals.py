"""Keep the outage helpline snapshot current.

A signal rather than a service call, on purpose: the snapshot must follow every change to a
route, its hours or its service, whichever path made it (admin, loader, restore, shell).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ContactRoute, OpeningException, OpeningSession, Service
from .snapshot import refresh_helpline_snapshot


@receiver([post_save, post_delete], sender=ContactRoute)
@receiver([post_save, post_delete], sender=Service)
@receiver([post_save, post_delete], sender=OpeningSession)
@receiver([post_save, post_delete], sender=OpeningException)
def schedule_snapshot_refresh(sender, **kwargs):
    transaction.on_commit(refresh_helpline_snapshot)
