"""The staff admin, locked down: a password is not enough.

Every staff account needs a second factor in production: a time-based code from an
authenticator app (TOTP), with one-use recovery codes for a lost phone. After the password,
staff without a device set one up; staff with one enter a code. ``OTP_REQUIRED`` turns this
off for local development only (settings refuse it with DEBUG off).
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import two_factor


def two_factor_satisfied(request) -> bool:
    if not settings.OTP_REQUIRED:
        return True
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


class PortalAdminSite(admin.AdminSite):
    site_header = "Safeguarding portal: staff"
    site_title = "Safeguarding portal staff"
    index_title = "Dashboard"

    def has_permission(self, request):
        return super().has_permission(request) and two_factor_satisfied(request)

    def login(self, request, extra_context=None):
        user = request.user
        is_staff = user.is_authenticated and user.is_active and user.is_staff
        if is_staff and not two_factor_satisfied(request):
            return redirect(self._two_factor_url(request))
        response = super().login(request, extra_context)
        # A successful password sign-in goes on to the second factor, not straight in.
        signed_in_now = request.method == "POST" and response.status_code == 302
        if signed_in_now and request.user.is_staff and not two_factor_satisfied(request):
            return redirect(self._two_factor_url(request))
        return response

    def get_urls(self):
        return [
            path("two-factor/", two_factor.two_factor_view, name="two-factor"),
            *super().get_urls(),
        ]

    @staticmethod
    def _two_factor_url(request) -> str:
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        url = reverse("admin:two-factor")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            from urllib.parse import urlencode

            url += "?" + urlencode({"next": next_url})
        return url
