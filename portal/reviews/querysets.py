from django.contrib.contenttypes.models import ContentType
from django.db import models


class OwnerQuerySet(models.QuerySet):
    def of(self, model, ids):
        """Owners of these rows of ``model`` (resources or services)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
        ).select_related("user")


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(ok=False).order_by("url")
