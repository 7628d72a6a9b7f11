"""The portal's URLs plus the bare view, so both are served by one server in one run."""

from django.urls import path

from portal.urls import handler500  # noqa: F401 (the portal's 500 page here too)
from portal.urls import urlpatterns as portal_urlpatterns

from . import views

# The portal's patterns are added, not include()d: Django allows its language-prefixed
# patterns (i18n_patterns) only in the root URLconf.
urlpatterns = [
    path("bench/bare/", views.bare, name="bench-bare"),
    *portal_urlpatterns,
]
