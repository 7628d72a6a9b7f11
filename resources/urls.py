from django.urls import path

from . import views
from .feeds import LatestResourcesFeed, TopicResourcesFeed

app_name = "resources"

urlpatterns = [
    path("", views.ResourceListView.as_view(), name="resource-list"),
    path("key-stages/<slug:code>/", views.key_stage_detail, name="key-stage-detail"),
    # Before "<slug:slug>/": "feed" is not a resource.
    path("feed/", LatestResourcesFeed(), name="feed"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>/feed/", TopicResourcesFeed(), name="topic-feed"),
    path("<slug:slug>/", views.ResourceDetailView.as_view(), name="resource-detail"),
    path("<slug:slug>/preview/", views.ResourcePreviewView.as_view(), name="resource-preview"),
    path("<slug:slug>/files/<int:pk>/", views.resource_file_download, name="resource-file"),
]
