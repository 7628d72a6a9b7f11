from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, on the portal's own site class (two-factor sign-in)."""

    default_site = "portal.admin_site.PortalAdminSite"
