from django.conf import settings


def portal(request):
    """Numbers shown on every page (footer, outcome pages)."""
    return {
        "PHONE_EMERGENCY": settings.PORTAL_PHONE_EMERGENCY,
        "PHONE_POLICE": settings.PORTAL_PHONE_POLICE,
    }
