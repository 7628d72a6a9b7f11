from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.caching import cached
from portal.core.public_forms import HONEYPOT_FIELD, RateLimit
from portal.core.publishing import is_public, preview_headers

from .cards import cached_routes
from .filters import ContactRouteFilter
from .forms import ProblemReportForm
from .models import ContactRoute, Service, ServiceAtLocation
from .opening_hours import attach_service_alerts, attach_status, local_moment
from .services import problem_report_create
from .signposting import is_open, label_areas, open_first

SERVICES_PER_PAGE = 20


def help_directory(request):
    """Get help now: the 24-hour and crisis lines pinned first whatever the filters, then the
    other routes matching the filters, grouped by service, with their status now."""
    now = timezone.now()
    help_filter = ContactRouteFilter(
        request.GET or None, queryset=ContactRoute.objects.published(now), now=now
    )
    crisis_routes = open_first(
        cached_routes(
            "crisis-routes",
            None,
            ContactRoute.objects.published(now).crisis_lines().for_display(now),
            now,
        )
    )
    if help_filter.open_now_only:
        # "Open now" ticked: the pinned lines that are open (all of them if, oddly, none is).
        crisis_routes = [route for route in crisis_routes if is_open(route)] or crisis_routes
    # The pinned lines are always on the page: listing them again below says nothing new.
    routes = help_filter.qs.exclude(crisis=True)
    # Which services match costs the same query twice when paginated (a count, then the page),
    # and it grows with the directory. Matching ids once, in order, then the page's services
    # by primary key, costs it once.
    matching_ids = list(
        Service.objects.published(now)
        .filter(pk__in=routes.values("service_id"))
        .values_list("pk", flat=True)
    )
    page_obj = Paginator(matching_ids, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    services_on_page = Service.objects.prefetch_related(
        "audiences",
        Prefetch("routes", queryset=routes.for_display(now), to_attr="matching_routes"),
    ).in_bulk(page_obj.object_list)
    page_obj.object_list = [services_on_page[pk] for pk in page_obj.object_list]
    attach_status([route for service in page_obj for route in service.matching_routes], now)
    attach_service_alerts(page_obj, now, routes_attr="matching_routes")
    fallback_routes = []
    if not page_obj.paginator.count:
        # Nothing matched: offer the main lines rather than a dead end.
        fallback_routes = attach_status(
            ContactRoute.objects.published(now)
            .filter(featured=True)
            .exclude(crisis=True)
            .for_display(now)[:3],
            now,
        )
        fallback_routes = label_areas([*fallback_routes, *crisis_routes])[: len(fallback_routes)]
    context = {
        "crisis_routes": crisis_routes,
        "open_crisis_routes": [route for route in crisis_routes if is_open(route)],
        "filter": help_filter,
        "page_obj": page_obj,
        "services": page_obj.object_list,
        "fallback_routes": fallback_routes,
        "now": now,
    }
    # A bad value is ignored and explained on the page; the status says the request was wrong.
    status = 400 if help_filter.is_bound and not help_filter.is_valid() else 200
    return render(request, "referrals/help.html", context, status=status)


def _service_for_page(services, slug, now):
    """The service with everything its page shows (``page_routes`` loaded for display around
    ``now``), or None."""
    service = (
        services.prefetch_related(
            "audiences",
            "topics",
            "areas",
            Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.for_display()),
        )
        .with_alerts(now)
        .filter(slug=slug)
        .first()
    )
    if service is not None:
        service.page_routes = list(service.routes.all().for_display(now))
    return service


def service_detail(request, slug, *, services=None, extra_context=None):
    now = timezone.now()
    if services is None:
        # The public page. The rows are cached with the content version (and the London date,
        # which bounds the dated exceptions loaded); whether the service is published, its
        # routes' status and which alerts show are worked out for this request's moment.
        service = cached(
            "service-page",
            (slug, local_moment(now).date()),
            lambda: _service_for_page(Service.objects.all(), slug, now),
        )
        if service is None or not is_public(service, now):
            raise Http404("There is no published service at this address.")
    else:
        service = _service_for_page(services, slug, now)
        if service is None:
            raise Http404("There is no service at this address.")
    routes = attach_status(service.page_routes, now)
    attach_service_alerts([service], now)
    return render(
        request,
        "referrals/service_detail.html",
        {"service": service, "routes": routes, "now": now, **(extra_context or {})},
    )


@staff_member_required
@preview_headers
def service_preview(request, slug):
    """Any service, whatever its status, exactly as the public page shows it: staff only."""
    if not request.user.has_perm("referrals.view_service"):
        raise PermissionDenied
    service = get_object_or_404(Service, slug=slug)
    return service_detail(
        request,
        slug,
        services=Service.objects.all(),
        extra_context={"preview": True, "is_public": is_public(service, timezone.now())},
    )


# ------------------------------------------------------------------------------
# "Report a problem with this information"
# ------------------------------------------------------------------------------
# A few reports an hour is plenty for one person (or one school's shared address); a script
# sending more is refused without anything reaching the editors' queue.
REPORT_RATE_LIMIT = RateLimit("problem-report", limit=5, window=60 * 60)
RATE_LIMITED = _(
    "You have sent several reports from this connection in the last hour, so we cannot take "
    "another one just now. Please try again in an hour: everything you typed is still here."
)


def report_problem(request, slug):
    """The public form. A refusal gives the form back with every answer as it was typed."""
    service = get_object_or_404(Service.objects.published(timezone.now()), slug=slug)
    routes = list(service.routes.all())
    status = 200
    if request.method == "POST":
        form = ProblemReportForm(request.POST, routes=routes)
        if REPORT_RATE_LIMIT.is_exceeded(request):
            form.is_valid()  # so the page shows every other problem too
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            REPORT_RATE_LIMIT.record(request)
            problem_report_create(service=service, now=timezone.now(), **form.report_fields())
            # POST-redirect-GET: reloading the thank-you page never sends the report again, and
            # its address says nothing about what was reported or by whom.
            return redirect("referrals:report-sent", slug=service.slug)
        else:
            if form.has_error(HONEYPOT_FIELD):
                REPORT_RATE_LIMIT.record(request)
            status = 400
    else:
        chosen = request.GET.get("route", "")
        form = ProblemReportForm(
            routes=routes,
            initial={"route": chosen} if chosen in {str(route.uuid) for route in routes} else {},
        )
    response = render(
        request, "referrals/report_problem.html", {"service": service, "form": form}, status=status
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def report_sent(request, slug):
    service = get_object_or_404(Service.objects.published(timezone.now()), slug=slug)
    response = render(request, "referrals/report_sent.html", {"service": service})
    response["X-Robots-Tag"] = "noindex"
    return response
