from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, on the portal's own site class (two-factor sign-in)."""

    default_site = "portal.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401  (registers the deploy checks)
