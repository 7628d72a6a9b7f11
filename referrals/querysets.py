from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from portal.vocabulary import PublicationStatus


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


class ContactRouteQuerySet(models.QuerySet):
    def published(self):
        """Routes of published services: a route is as public as its service."""
        return self.filter(service__status=PublicationStatus.PUBLISHED)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def for_audiences(self, *codes):
        """Routes for any of these audiences. A route with no audiences of its own is for
        everyone its service is for."""
        route_audiences = self.model.audiences.through.objects.filter(
            contactroute_id=OuterRef("pk")
        )
        service_audiences = self.model.service.field.related_model.audiences.through.objects
        return self.filter(
            Exists(route_audiences.filter(audience_id__in=codes))
            | (
                ~Exists(route_audiences)
                & Exists(
                    service_audiences.filter(
                        service_id=OuterRef("service_id"), audience_id__in=codes
                    )
                )
            )
        )

    def for_age(self, age: int):
        """Routes open to a child or young person of this age in years. A service's higher age
        limit for some groups (care leavers up to 25) counts, and is shown beside the route."""
        return self.annotate(
            _min_age=Coalesce("min_age", "service__min_age"),
            _max_age=Coalesce("max_age", "service__extended_max_age", "service__max_age"),
        ).filter(
            Q(_min_age__isnull=True) | Q(_min_age__lte=age),
            Q(_max_age__isnull=True) | Q(_max_age__gte=age),
        )

    def tagged(self, *topic_slugs):
        """Routes of services about any of these topics."""
        from .models import TaggedService

        return self.filter(
            service_id__in=TaggedService.objects.filter(tag__slug__in=topic_slugs).values(
                "content_object_id"
            )
        )

    def for_display(self):
        """What a contact route card needs, in a fixed number of queries."""
        return self.select_related("service").prefetch_related(
            "sessions", "exceptions", "audiences"
        )
