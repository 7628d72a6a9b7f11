from django.conf import settings


def site(request):
    """Names and links every page needs: the header, the quick exit and the footer."""
    return {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "nav_section": nav_section(request),
    }


def nav_section(request) -> str:
    """Which main navigation item the page belongs to, for ``aria-current``.

    Error pages have no resolver match (the address matched nothing), so they belong to none.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return match.namespace or match.url_name or ""
