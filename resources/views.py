from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from .models import KeyStage, Resource, Topic


class ResourceListView(ListView):
    template_name = "resources/resource_list.html"

    def get_queryset(self):
        return Resource.objects.published().for_listing()


class ResourceDetailView(DetailView):
    template_name = "resources/resource_detail.html"

    def get_queryset(self):
        return Resource.objects.published()


def key_stage_detail(request, code):
    key_stage = get_object_or_404(KeyStage, code=code)
    return render(request, "resources/keystage_detail.html", {"key_stage": key_stage})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(request, "resources/topic_detail.html", {"topic": topic})


def resource_file_download(request, slug, pk):
    raise NotImplementedError
