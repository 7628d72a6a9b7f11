from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from portal.core.caching import cached
from portal.core.pagination import KnownCountPaginator
from portal.core.publishing import is_public, preview_headers
from referrals.cards import help_routes_for_topics

from .cards import attach_card_topics, with_cards, with_live_rows
from .downloads import signed_download_url
from .filters import ResourceFilter
from .models import KeyStage, Resource, ResourceFile, Topic

RESOURCES_PER_TOPIC_ON_KEY_STAGE_PAGE = 5
RESOURCES_ON_TOPIC_PAGE = 10


class ResourceListView(ListView):
    template_name = "resources/resource_list.html"
    context_object_name = "resources"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.filterset = ResourceFilter(
            request.GET, queryset=Resource.objects.published(timezone.now())
        )
        response = super().get(request, *args, **kwargs)
        if not self.filterset.is_valid():
            # A value we cannot understand (a renamed topic, ?key_stage=ks9) is left out and
            # named on the page, with the results of the others; the status says the address
            # was wrong, as /help/ does.
            response.status_code = 400
        return response

    def get_queryset(self):
        return self.filterset.qs.for_cards()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The facet counts already give the number of results: no separate COUNT query.
        return KnownCountPaginator(queryset, per_page, count=self.filterset.count, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, _, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = with_live_rows("resource-list-page", self.filterset.state_key, page)
        return paginator, page, rows, is_paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            # Called by the template only when the filter form is not already cached.
            facets=self.filterset.facets,
            active_filters=self.filterset.active_filters(),
            problems=self.filterset.problems(),
            **kwargs,
        )


class ResourceDetailView(DetailView):
    template_name = "resources/resource_detail.html"
    context_object_name = "resource"

    def get_queryset(self):
        now = timezone.now()
        return Resource.objects.published(now).for_detail(now)

    def get_object(self, queryset=None):
        resource = super().get_object(queryset)
        # The resource's key stages and topics and its related cards' come in one query each,
        # not one for the resource and another for the cards.
        with_related = [resource, *resource.related.all()]
        prefetch_related_objects(
            with_related, Prefetch("key_stages", queryset=KeyStage.objects.order_by("order"))
        )
        attach_card_topics(with_related)
        return resource

    def get_context_data(self, **kwargs):
        topic_slugs = [topic.slug for topic in self.object.card_topics]
        return super().get_context_data(
            related=with_cards(self.object.related.all()),
            help_routes=help_routes_for_topics(topic_slugs, timezone.now()),
            review_overdue=self.object.review_overdue_on(timezone.localdate()),
            **kwargs,
        )


def key_stage_detail(request, code):
    if code != code.lower():
        # /resources/key-stages/KS3/, as the key stage is written: the page is at ks3.
        return redirect("resources:key-stage-detail", code=code.lower(), permanent=True)
    key_stage = get_object_or_404(KeyStage, code=code)
    resources = Resource.objects.published(timezone.now()).for_key_stages(key_stage.code)
    topic_links = list(resources.first_per_topic(RESOURCES_PER_TOPIC_ON_KEY_STAGE_PAGE))
    # The same cached cards as every list: rendering over a hundred afresh cost most of the page.
    with_cards(link.content_object for link in topic_links)
    return render(
        request,
        "resources/keystage_detail.html",
        {
            "key_stage": key_stage,
            "topic_links": topic_links,
            "resource_count": resources.count(),
        },
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    resources = Resource.objects.published(timezone.now()).tagged(topic.slug)
    return render(
        request,
        "resources/topic_detail.html",
        {
            "topic": topic,
            "resources": with_cards(resources.newest_first().for_cards()[:RESOURCES_ON_TOPIC_PAGE]),
            # Only a number for the "See all" link: cached, the resources above never are.
            "resource_count": cached("topic-resource-count", topic.slug, resources.count),
            "help_routes": help_routes_for_topics([topic.slug], timezone.now()),
        },
    )


def resource_file_download(request, slug, pk):
    resource_file = get_object_or_404(
        ResourceFile.objects.filter(
            resource__slug=slug, resource__in=Resource.objects.published(timezone.now())
        ),
        pk=pk,
    )
    if settings.S3_BUCKET and settings.S3_DOWNLOADS == "signed-url":
        response = redirect(signed_download_url(resource_file))
        # The link stops working within a minute: no one may keep it.
        response["Cache-Control"] = "private, no-store"
        return response
    try:
        stored = resource_file.file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restored database without the uploads).
        raise Http404("This file is no longer available.") from None
    return FileResponse(
        stored,
        as_attachment=True,
        filename=resource_file.original_name or None,
        content_type=resource_file.content_type or None,
    )


@method_decorator([staff_member_required, preview_headers], name="dispatch")
class ResourcePreviewView(ResourceDetailView):
    """Any resource, whatever its status, exactly as the public page shows it: staff only."""

    def get_queryset(self):
        # The public page's own loading (so the preview cannot drift from it), minus the
        # "published" filter.
        return Resource.objects.for_detail(timezone.now())

    def get_object(self, queryset=None):
        resource = super().get_object(queryset)
        if not self.request.user.has_perm("resources.view_resource"):
            raise PermissionDenied
        return resource

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preview=True, is_public=is_public(self.object, timezone.now()), **kwargs
        )
