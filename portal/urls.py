from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import health, views
from .discovery import robots_txt
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("display-settings/", views.display_settings, name="display-settings"),
    path("staying-safe-online/", views.staying_safe_online, name="staying-safe"),
    path("resources/", include("resources.urls")),
    path("help/", include("referrals.urls")),
    # Open data: the help directory as an Open Referral UK API (referrals/api/).
    path("api/", include("referrals.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

handler500 = "portal.views.server_error"
