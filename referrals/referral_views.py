"""The public referral form and its confirmation page.

POST, then redirect, then GET: the reference is carried to the confirmation page in the
session and shown once, so nothing personal (not even the reference) is ever in an address,
and reloading the confirmation cannot send the referral twice. Neither page may be kept by the
browser (``Cache-Control: no-store``): on a shared computer, Back must not show what was typed.
"""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.public_forms import (
    CSRF_REFUSED,
    HONEYPOT_FIELD,
    RateLimit,
    keeps_input_on_csrf_failure,
)

from .models import ContactRoute, Service
from .opening_hours import local_moment
from .referral_form import ReferralForm
from .referral_models import ReferralFormSettings
from .referral_services import referral_notify_team, referral_submit

SESSION_KEY = "referral_sent"
RATE_LIMITED = _(
    "This form has been sent several times from your connection in the last hour. To keep it "
    "safe from misuse, please wait an hour and send it again (everything you typed is still "
    "here), or call the service."
)


def rate_limit() -> RateLimit:
    return RateLimit("referrals", limit=settings.REFERRAL_RATE_LIMIT, window=60 * 60)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def service_with_referral_form(slug: str, now) -> tuple[Service, ReferralFormSettings]:
    """A published service with a published "referral form on this site" route, or a 404."""
    service = get_object_or_404(Service.objects.published(now), slug=slug)
    has_route = ContactRoute.objects.filter(
        service=service, kind=ContactRoute.Kind.HOSTED_FORM
    ).exists()
    form_settings = ReferralFormSettings.objects.filter(service=service).first()
    if not has_route or form_settings is None:
        raise Http404("This service takes no referrals on this site.")
    form_settings.service = service
    return service, form_settings


@keeps_input_on_csrf_failure
def referral_form(request, slug):
    now = timezone.now()
    service, form_settings = service_with_referral_form(slug, now)
    today = local_moment(now).date()
    status = 200
    if request.method == "POST":
        form = ReferralForm(request.POST, form_settings=form_settings, today=today)
        limit = rate_limit()
        if getattr(request, "csrf_failed", False):
            # Shown again with a fresh token; nothing is saved or counted.
            form.is_valid()
            form.add_error(None, CSRF_REFUSED)
            status = 403
        elif limit.is_exceeded(request):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            with transaction.atomic():
                referral = referral_submit(
                    form_settings=form_settings, answers=form.answers(), now=now
                )
                admin_url = request.build_absolute_uri(
                    reverse("admin:referrals_referral_change", args=[referral.pk])
                )
                transaction.on_commit(
                    lambda: referral_notify_team(referral=referral, admin_url=admin_url)
                )
            limit.record(request)
            request.session[SESSION_KEY] = {"reference": referral.reference, "service": slug}
            return redirect("referrals:referral-sent", slug=slug)
        else:
            if form.has_error(HONEYPOT_FIELD):
                limit.record(request)
            status = 400
    else:
        form = ReferralForm(form_settings=form_settings, today=today)
    context = {"service": service, "form_settings": form_settings, "form": form}
    return _no_store(render(request, "referrals/referral_form.html", context, status=status))


def referral_sent(request, slug):
    service = get_object_or_404(Service.objects.published(timezone.now()), slug=slug)
    sent = request.session.pop(SESSION_KEY, None)
    reference = (
        sent.get("reference") if isinstance(sent, dict) and sent.get("service") == slug else None
    )
    form_settings = ReferralFormSettings.objects.filter(service=service).first()
    context = {"service": service, "reference": reference, "form_settings": form_settings}
    return _no_store(render(request, "referrals/referral_sent.html", context))
