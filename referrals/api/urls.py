"""The API's addresses: the standard's paths, without trailing slashes, under /api/."""

from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.about, name="about"),
    path("openapi.json", views.openapi, name="openapi"),
    path("services", views.service_list, name="service-list"),
    path("services/<str:id>", views.service_detail, name="service-detail"),
    path("service_at_locations", views.service_at_location_list, name="service-at-location-list"),
    path(
        "service_at_locations/<str:id>",
        views.service_at_location_detail,
        name="service-at-location-detail",
    ),
    path("taxonomies", views.taxonomy_list, name="taxonomy-list"),
    path("taxonomies/<str:id>", views.taxonomy_detail, name="taxonomy-detail"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy-term-list"),
    path("taxonomy_terms/<str:id>", views.taxonomy_term_detail, name="taxonomy-term-detail"),
    # Anything else under /api/ is a JSON 404, not the site's HTML page; [\s\S], not ".", so an
    # address with an encoded newline (%0A) is caught too.
    re_path(r"^[\s\S]*$", views.not_found, name="not-found"),
]
