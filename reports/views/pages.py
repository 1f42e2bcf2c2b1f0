from django.conf import settings
from django.shortcuts import render


def accessibility(request):
    return render(request, "pages/accessibility.html", {"ACCESSIBILITY_EMAIL": settings.PORTAL_ACCESSIBILITY_EMAIL})


def permission_denied(request, exception=None):
    """The 403 page, in the staff layout under /personal/ (a triage officer opening the
    analysts' dashboard), in the citizen layout elsewhere."""
    staff = request.path.startswith(("/personal/", "/en/personal/"))
    layout = "staff_base.html" if staff else "base.html"
    return render(request, "403.html", {"layout": layout}, status=403)


def privacy(request):
    return render(request, "pages/privacy.html")
