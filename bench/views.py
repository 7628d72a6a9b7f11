from django.shortcuts import render
from django.views.decorators.cache import never_cache

ROWS = [
    {
        "title": f"Guidance page {number}",
        "url": f"/resources/guidance-page-{number}/",
        "summary": "How to spot the signs, what to say and who to tell when you are worried.",
    }
    for number in range(1, 21)
]


# Rendered on every request, never from the page cache: it is the ceiling pages are compared with.
@never_cache
def bare(request):
    """The framework's ceiling: a template rendering a 20-row list, with no database."""
    return render(request, "bench/bare.html", {"rows": ROWS})
