from django import template
from django.utils import timezone

from portal.dashboard import editor_dashboard

register = template.Library()


@register.inclusion_tag("admin/includes/editor_dashboard.html", takes_context=True)
def show_editor_dashboard(context):
    """The dashboard panels, for staff who can see resources or services."""
    user = context["request"].user
    if not (user.has_perm("resources.view_resource") or user.has_perm("referrals.view_service")):
        return {"show": False}
    return {
        "show": True,
        "today": timezone.localdate(),
        **editor_dashboard(today=timezone.localdate()),
    }
