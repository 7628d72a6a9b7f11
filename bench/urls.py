"""The portal's URLs plus the bare view, so both are served by one server in one run."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/bare/", views.bare, name="bench-bare"),
    path("", include("portal.urls")),
]
