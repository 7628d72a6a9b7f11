from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from portal.publishing import is_public

from .filters import HelpFilter
from .models import ContactRoute, Service, ServiceAtLocation
from .opening_hours import attach_service_alerts, attach_status

SERVICES_PER_PAGE = 20


def help_directory(request):
    """Get help now: routes matching the filters, grouped by service, with their status now."""
    now = timezone.now()
    help_filter = HelpFilter(
        request.GET or None, queryset=ContactRoute.objects.published(), now=now
    )
    routes = help_filter.qs
    services = (
        Service.objects.published()
        .filter(pk__in=routes.values("service_id"))
        .prefetch_related(
            "audiences",
            Prefetch("routes", queryset=routes.for_display(now), to_attr="matching_routes"),
        )
    )
    page_obj = Paginator(services, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    attach_status([route for service in page_obj for route in service.matching_routes], now)
    attach_service_alerts(page_obj, now, routes_attr="matching_routes")
    fallback_routes = []
    if not page_obj.paginator.count:
        # Nothing matched: offer the main lines rather than a dead end.
        fallback_routes = attach_status(
            ContactRoute.objects.published().filter(featured=True).for_display(now)[:3], now
        )
    context = {
        "filter": help_filter,
        "page_obj": page_obj,
        "services": page_obj.object_list,
        "fallback_routes": fallback_routes,
        "now": now,
    }
    # A bad value is ignored and explained on the page; the status says the request was wrong.
    status = 400 if help_filter.is_bound and not help_filter.is_valid() else 200
    return render(request, "referrals/help.html", context, status=status)


def service_detail(request, slug, *, services=None, extra_context=None):
    now = timezone.now()
    services = Service.objects.published() if services is None else services
    service = get_object_or_404(
        services.prefetch_related(
            "audiences",
            "topics",
            "areas",
            Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.for_display()),
        ).with_alerts(now),
        slug=slug,
    )
    routes = attach_status(service.routes.all().for_display(now), now)
    attach_service_alerts([service], now)
    return render(
        request,
        "referrals/service_detail.html",
        {"service": service, "routes": routes, "now": now, **(extra_context or {})},
    )


@staff_member_required
def service_preview(request, slug):
    """Any service, whatever its status, exactly as the public page shows it: staff only."""
    if not request.user.has_perm("referrals.view_service"):
        raise PermissionDenied
    service = get_object_or_404(Service, slug=slug)
    response = service_detail(
        request,
        slug,
        services=Service.objects.all(),
        extra_context={"preview": True, "is_public": is_public(service, timezone.now())},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
