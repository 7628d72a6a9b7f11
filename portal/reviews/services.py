"""Keeping content current: which links are in use and broken, and recording link checks."""

import datetime
from dataclasses import dataclass

from referrals.models import ContactRoute, Service
from resources.models import ResourceLink

from .links import LinkResult
from .models import LinkCheck


@dataclass(frozen=True)
class LinkUse:
    """Where an address appears: what to fix, and the admin page to fix it on."""

    label: str
    admin_url_name: str
    pk: int


def link_uses(urls=None) -> dict[str, list[LinkUse]]:
    """Every external address the site shows (lesson pack and resource links, referral forms
    and other web routes, service websites), with where each appears. Three queries."""
    uses: dict[str, list[LinkUse]] = {}

    def add(url, use):
        uses.setdefault(url, []).append(use)

    links = ResourceLink.objects.exclude(url="").select_related("resource")
    routes = ContactRoute.objects.exclude(url="").select_related("service")
    services = Service.objects.exclude(website="")
    if urls is not None:
        links, routes = links.filter(url__in=urls), routes.filter(url__in=urls)
        services = services.filter(website__in=urls)
    for link in links.only("url", "title", "resource__title", "resource_id"):
        add(
            link.url,
            LinkUse(f"{link.resource.title}: {link.title}", "resources_resource", link.resource_id),
        )
    for route in routes.only("url", "label", "service__name"):
        add(
            route.url,
            LinkUse(f"{route.service.name}: {route.label}", "referrals_contactroute", route.pk),
        )
    for service in services.only("website", "name"):
        add(service.website, LinkUse(f"{service.name}: website", "referrals_service", service.pk))
    return uses


def link_checks_record(*, results: list[LinkResult], now: datetime.datetime) -> int:
    """Store each checked address's outcome; returns how many were stored."""
    stored = 0
    for result in results:
        if not result.checked:
            continue
        LinkCheck.objects.update_or_create(
            url=result.url,
            defaults={
                "ok": result.ok,
                "status_code": result.status_code,
                "error": result.error[:300],
                "final_url": result.final_url[:2000],
                "redirects": result.redirects,
                "checked_at": now,
            },
        )
        stored += 1
    return stored


@dataclass(frozen=True)
class BrokenLink:
    check: LinkCheck
    uses: list[LinkUse]


def broken_links(limit: int | None = None) -> list[BrokenLink]:
    """Addresses still in use whose last check failed, in a fixed number of queries."""
    checks = LinkCheck.objects.broken()
    uses = link_uses(urls=checks.values("url"))
    found = [BrokenLink(check, uses[check.url]) for check in checks if check.url in uses]
    return found[:limit] if limit is not None else found
