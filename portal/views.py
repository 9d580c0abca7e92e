"""Pages of the portal itself: the API guide (a Chinese page before Swagger's English one)."""

from django.shortcuts import render


def api_guide(request):
    """What the API offers, how to get a token and call it, in Chinese; links to /api/docs/."""
    return render(request, "api_guide.html")
