"""The editors' dashboard on the admin home page: what needs doing, and what changed."""

import datetime
from heapq import merge

from portal.reviews.services import broken_links
from referrals.models import ContactRoute, ProblemReport, Service
from referrals.querysets import check_every_days
from resources.models import Resource

PANEL_LENGTH = 10
RECENT_CHANGES = 15


def recent_changes(limit: int = RECENT_CHANGES) -> list:
    """The latest revisions of resources, services and contact routes, by anyone, newest first."""
    streams = [
        model.history.select_related("history_user").order_by("-history_date")[:limit]
        for model in (Resource, Service, ContactRoute)
    ]
    newest_first = merge(*streams, key=lambda record: record.history_date, reverse=True)
    return list(newest_first)[:limit]


def editor_dashboard(*, today: datetime.date) -> dict:
    return {
        "review_overdue": Resource.objects.review_overdue(today)[:PANEL_LENGTH],
        "review_overdue_count": Resource.objects.review_overdue(today).count(),
        "review_due": Resource.objects.review_due_within(today, days=30)[:PANEL_LENGTH],
        "routes_unverified": ContactRoute.objects.verification_overdue(today)[:PANEL_LENGTH],
        "routes_unverified_count": ContactRoute.objects.verification_overdue(today).count(),
        "broken_links": broken_links(limit=PANEL_LENGTH),
        "check_every_days": check_every_days(),
        "resources_awaiting": Resource.objects.awaiting_approval().order_by("updated_at"),
        "services_awaiting": Service.objects.awaiting_approval().order_by("updated_at"),
        # Reported problems: oldest first, so nothing waits longest unseen.
        "problem_reports": ProblemReport.objects.open().for_queue()[:PANEL_LENGTH],
        "problem_reports_count": ProblemReport.objects.open().count(),
        "recent_changes": [
            {
                "record": record,
                "model": record.instance_type._meta.verbose_name,
                "url_name": (
                    f"admin:{record.instance_type._meta.app_label}_"
                    f"{record.instance_type._meta.model_name}_change"
                ),
                "deleted": record.history_type == "-",
            }
            for record in recent_changes()
        ],
    }
