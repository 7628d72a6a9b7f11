from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import health, views
from .discovery import robots_txt
from .languages import choose_language
from .sitemaps import SITEMAPS

# Addresses that are the same in every language: staff pages, data for machines, health checks.
urlpatterns = [
    # The language switcher's links (portal/languages.py).
    path("language/<str:code>/", choose_language, name="choose-language"),
    # Open data: the help directory as an Open Referral UK API (referrals/api/).
    path("api/", include("referrals.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# Public pages, in every language: English at these addresses, the others under a prefix
# (/cy/help/). The language is always the address's, so whole-page caching stays right.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("display-settings/", views.display_settings, name="display-settings"),
    path("staying-safe-online/", views.staying_safe_online, name="staying-safe"),
    path("resources/", include("resources.urls")),
    path("help/", include("referrals.urls")),
    prefix_default_language=False,
)

handler500 = "portal.views.server_error"
