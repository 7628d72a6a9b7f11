from django.shortcuts import get_object_or_404, render

from .models import Service


def help_directory(request):
    return render(request, "referrals/help.html", {})


def service_detail(request, slug):
    service = get_object_or_404(Service.objects.published(), slug=slug)
    return render(request, "referrals/service_detail.html", {"service": service})
