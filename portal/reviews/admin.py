from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet

from .models import LinkCheck, Owner, ReviewReminder


class OwnerFormSet(BaseGenericInlineFormSet):
    """A post without the owners section at all (a script or form written before owners
    existed) leaves the owners as they are, rather than refusing the whole page."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        total = f"{self.prefix}-TOTAL_FORMS"
        if self.is_bound and total not in self.data:
            data = self.data.copy()
            data[total] = "0"
            data[f"{self.prefix}-INITIAL_FORMS"] = "0"
            self.data = data


class OwnerInline(GenericTabularInline):
    """Owners on a resource's or a service's page: who is reminded when it is due."""

    model = Owner
    formset = OwnerFormSet
    extra = 0
    fields = ["user", "name", "email"]
    verbose_name = "owner"
    verbose_name_plural = "Owners (reminded by e-mail when a review is due)"


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """Read-only: ``manage.py check_links`` writes these."""

    list_display = ["url", "ok", "status_code", "error", "final_url", "checked_at"]
    list_filter = ["ok"]
    search_fields = ["url", "final_url"]
    readonly_fields = [field.name for field in LinkCheck._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewReminder)
class ReviewReminderAdmin(admin.ModelAdmin):
    """Read-only: what ``manage.py send_review_reminders`` sent, and when."""

    list_display = ["recipient", "item", "due_on", "sent_on"]
    search_fields = ["recipient"]
    list_filter = ["sent_on"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
