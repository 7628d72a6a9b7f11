from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, on the portal's own site class (two-factor sign-in)."""

    default_site = "portal.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401  (registers the deploy checks)


class PortalConfig(AppConfig):
    """The project as an app: it owns what spans both domains (the site-wide commands, the
    editors' dashboard tag, the content cache's signal wiring), so neither app has to."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        # Cached counts and "Who can help" rows follow every change to content.
        from portal.core.caching import connect_signals

        connect_signals()
