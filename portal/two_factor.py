"""Second-factor set-up and sign-in for staff (TOTP with recovery codes), via django-otp."""

import secrets
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery "
        "codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def confirmed_app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_app_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with a fresh set; each works once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_code(user, code: str):
    """The device that accepts this code, or None. Recovery codes are used up."""
    app = confirmed_app_device(user)
    if app and code.isdigit() and app.verify_is_allowed()[0] and app.verify_token(code):
        return app
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None


def qr_code_data_uri(device: TOTPDevice) -> str:
    # An image made here, as a data URI: nothing is sent to a QR code service.
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return reverse("admin:index")


@never_cache
@csrf_protect
def two_factor_view(request):
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not settings.OTP_REQUIRED or user.is_verified():
        return redirect(_next_url(request))

    app_device = confirmed_app_device(user)
    setting_up = app_device is None
    device = pending_app_device(user) if setting_up else app_device
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if setting_up:
            if code.isdigit() and device.verify_token(code):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                return render(
                    request,
                    "admin/two_factor_recovery_codes.html",
                    {
                        **admin.site.each_context(request),
                        "title": "Save your recovery codes",
                        "codes": new_recovery_codes(user),
                        "next": _next_url(request),
                    },
                )
        else:
            verified = verify_code(user, code)
            if verified is not None:
                otp_login(request, verified)
                return redirect(_next_url(request))
        form.add_error(
            "code", "That code is not right. Check the time on your phone and try again."
        )

    context = {
        **admin.site.each_context(request),
        "title": "Set up two-step sign-in" if setting_up else "Enter your sign-in code",
        "form": form,
        "setting_up": setting_up,
        "next": request.POST.get("next") or request.GET.get("next") or "",
    }
    if setting_up:
        context["qr_code"] = qr_code_data_uri(device)
        # The same key as text, for apps that cannot scan, in groups of four.
        key = b32encode(device.bin_key).decode().rstrip("=")
        context["secret"] = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    return render(request, "admin/two_factor.html", context)
