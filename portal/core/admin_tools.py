"""Admin behaviour both apps share: revisions, no lost edits, and the publishing workflow."""

import base64
import hashlib
import re

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .history import child_changes_between, compare_records, history_restore
from .publishing import can_publish, item_archive, item_publish, item_submit, item_unpublish
from .vocabulary import EDITOR_STATUSES, PublicationStatus


class HistoryAdminMixin(SimpleHistoryAdmin):
    """The revision list, a field-by-field comparison of any two versions, and restore.

    ``history_children`` names the reverse relations edited on the same page (a resource's
    sections), whose revisions appear in comparisons and are restored with the row.
    """

    object_history_list_template = "admin/portal/history_list.html"
    history_children: tuple[str, ...] = ()
    # Which of those a restore brings back too (default: all of them).
    restore_children: tuple[str, ...] | None = None

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        own = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name=f"{name}_history_compare",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                self.admin_site.admin_view(self.history_restore_view),
                name=f"{name}_history_restore",
            ),
        ]
        # Before simple-history's "<id>/history/<version>/", which would swallow "compare".
        return own + super().get_urls()

    def revert_disabled(self, request, obj=None):
        # Restoring goes through history_restore_view, which keeps publication decisions.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        context = {
            "compare_url": self._url("history_compare", obj),
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def _url(self, view, obj, *args):
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{view}",
            args=[obj.pk, *args],
            current_app=self.admin_site.name,
        )

    def history_compare_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = obj.history.all()
        latest = records.first()
        if latest is None:
            raise Http404("No revisions yet.")
        try:
            new = records.get(history_id=request.GET["new"]) if "new" in request.GET else latest
            if "old" in request.GET:
                old = records.get(history_id=request.GET["old"])
            else:
                old = new.prev_record or new
        except (records.model.DoesNotExist, ValueError):
            raise Http404("No such revision of this item.") from None
        if old.history_date > new.history_date:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions: {obj}",
            "opts": self.model._meta,
            "object": obj,
            "old": old,
            "new": new,
            "rows": compare_records(old, new) if old != new else [],
            "children": child_changes_between(
                obj, self.history_children, old.history_date, new.history_date
            ),
            "history_url": self._url("history", obj),
            "restore_url": self._url("history_restore", obj, old.history_id),
            "can_restore": self.has_change_permission(request, obj) and old != latest,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/portal/history_compare.html", context)

    def history_restore_view(self, request, object_id, history_id):
        obj = self._object_or_404(request, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(self._url("history_compare", obj) + f"?old={history_id}")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        record = get_object_or_404(obj.history.all(), history_id=history_id)
        children = self.history_children if self.restore_children is None else self.restore_children
        history_restore(record=record, user=request.user, children=children)
        self.message_user(
            request,
            f"Restored the version of {timezone.localtime(record.history_date):%-d %B %Y %H:%M}"
            " as a new revision. The version it replaced is still in the history.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._url("change", obj))


INLINE_SCRIPT = re.compile(r"<script type=\"importmap\"[^>]*>(.*?)</script>", re.DOTALL)


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources for the inline import maps in ``html``.

    The rich text editor's modules find each other through an inline ``<script
    type="importmap">``, which a strict ``script-src 'self'`` blocks. Allowing exactly that
    content, by its hash, on the page that carries it keeps the policy strict everywhere else.
    """
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in INLINE_SCRIPT.findall(html)
    ]


# The one style attribute the editor (django-prose-editor 0.28) sets as it starts. Allowed by
# hash on editor pages only; a new editor version that sets another is caught by the browser
# check of the admin pages.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class ConcurrencyAdminMixin:
    """Shows what changed meanwhile when a save is refused (``ConcurrencyFormMixin``)."""

    change_form_template = "admin/portal/change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["conflict"] = getattr(form, "conflict", None)
        response = super().render_change_form(request, context, add, change, form_url, obj)
        hashes = inline_script_hashes(str(context.get("media", "")))
        if hashes:
            # Read by django-csp's middleware; ignored where it is not installed.
            response._csp_update = {
                "script-src": hashes,
                "style-src": ["'unsafe-hashes'", PROSE_EDITOR_STYLE_HASH],
            }
        return response


class PublishableAdminMixin:
    """The workflow for resources and services, enforced here and in the form, not only hidden.

    Editors (without the publish permission) create and change drafts and submit them; items
    that are published or archived are read-only to them. Publishers do everything.
    """

    preview_url_name = ""

    def publish_item(self, item, user, *, now):
        """The publish action's service: the one step of the workflow an app may add rules to
        (``ResourceAdmin`` refuses a lesson pack without its materials)."""
        item_publish(item=item, user=user, now=now)

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status not in EDITOR_STATUSES:
            return self.has_publish_permission(request)
        return allowed

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"can_publish": self.has_publish_permission(request)})

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "published_at"]
        if not self.has_publish_permission(request):
            readonly.append("review_comment")
        return readonly

    def save_model(self, request, obj, form, change):
        # The form refuses this with a message; this guards every other way in.
        if not self.has_publish_permission(request) and obj.status not in EDITOR_STATUSES:
            raise PermissionDenied
        if "status" in form.changed_data and obj.status == PublicationStatus.PUBLISHED:
            obj.prepare_publication(timezone.now())
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and self.preview_url_name:
            context["preview_url"] = reverse(self.preview_url_name, args=[obj.slug])
        context["review_comment"] = obj.review_comment if obj is not None else ""
        context["read_only_because_published"] = (
            obj is not None
            and obj.status not in EDITOR_STATUSES
            and not self.has_publish_permission(request)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _run(self, request, queryset, service, done, **kwargs):
        changed, problems = 0, []
        for item in queryset:
            try:
                service(item=item, user=request.user, **kwargs)
            except ValidationError as error:
                problems.append(f"{item}: {' '.join(error.messages)}")
            else:
                changed += 1
        if changed:
            noun = self.model._meta.verbose_name if changed == 1 else self.opts.verbose_name_plural
            self.message_user(request, f"{done} {changed} {noun}.", messages.SUCCESS)
        for problem in problems:
            self.message_user(request, f"Not changed: {problem}", messages.ERROR)

    @admin.action(description="Submit selected for approval", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._run(
            request,
            queryset.filter(status=PublicationStatus.DRAFT),
            item_submit,
            "Submitted for approval:",
        )

    @admin.action(description="Publish selected (approve)", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._run(request, queryset, self.publish_item, "Published:", now=timezone.now())

    @admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._run(request, queryset, item_unpublish, "Unpublished:")

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._run(request, queryset, item_archive, "Archived:")

    actions = ["submit_selected", "publish_selected", "unpublish_selected", "archive_selected"]
