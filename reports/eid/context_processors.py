from django.conf import settings

from reports.eid.session import identity


def eid(request):
    """The identified person (for the header's logout button) and whether the test provider is on."""
    return {
        "eid_identity": identity(request),
        "eid_test_provider": settings.EID_PROVIDER == "test",
    }
