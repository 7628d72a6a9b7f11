from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("resources/", include("resources.urls")),
    path("help/", include("referrals.urls")),
    path("admin/", admin.site.urls),
]
