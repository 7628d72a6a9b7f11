from django.shortcuts import render

ROWS = [
    {
        "title": f"Guidance page {number}",
        "url": f"/resources/guidance-page-{number}/",
        "summary": "How to spot the signs, what to say and who to tell when you are worried.",
    }
    for number in range(1, 21)
]


def bare(request):
    """The framework's ceiling: a template rendering a 20-row list, with no database."""
    return render(request, "bench/bare.html", {"rows": ROWS})
