from django.contrib import admin
from django.urls import include, path

from . import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("display-settings/", views.display_settings, name="display-settings"),
    path("resources/", include("resources.urls")),
    path("help/", include("referrals.urls")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
