from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.ResourceListView.as_view(), name="resource-list"),
    path("key-stages/<slug:code>/", views.key_stage_detail, name="key-stage-detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("<slug:slug>/", views.ResourceDetailView.as_view(), name="resource-detail"),
    path("<slug:slug>/files/<int:pk>/", views.resource_file_download, name="resource-file"),
]
