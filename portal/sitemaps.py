"""/sitemap.xml: every public page worth finding, with when it last changed where we know.

Every page is listed once per language, each entry naming its other languages (hreflang
alternates) and English as the x-default.
"""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from django.utils import timezone

from referrals.models import Service
from resources.models import KeyStage, Resource, Topic


class Sitemap(DjangoSitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(Sitemap):
    """The home page and the main sections."""

    def items(self):
        return [
            "home",
            "resources:resource-list",
            "referrals:help",
            "accessibility",
            "staying-safe",
        ]

    def location(self, item):
        return reverse(item)


class ResourceSitemap(Sitemap):
    def items(self):
        return Resource.objects.published(timezone.now()).only("slug", "updated_at").order_by("pk")

    def lastmod(self, resource):
        return resource.updated_at


class ServiceSitemap(Sitemap):
    def items(self):
        return Service.objects.published(timezone.now()).only("slug", "updated_at").order_by("pk")

    def lastmod(self, service):
        return service.updated_at


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.order_by("name", "pk")


class KeyStageSitemap(Sitemap):
    def items(self):
        return KeyStage.objects.order_by("order")


SITEMAPS = {
    "sections": SectionSitemap,
    "resources": ResourceSitemap,
    "services": ServiceSitemap,
    "topics": TopicSitemap,
    "key-stages": KeyStageSitemap,
}
