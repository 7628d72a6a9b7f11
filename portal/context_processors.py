from django.conf import settings


def site(request):
    """Names and links every page needs: the header, the quick exit and the footer."""
    return {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }
