from django.conf import settings

from reports.eid.session import identity


def eid(request):
    """The identified person (for the header's logout button) and whether the test provider is on.

    A page that shows the identified person's name is personal data: no cache may store it
    (portal.security.SecurityHeadersMiddleware reads ``request.personal_data``).
    """
    who = identity(request)
    if who is not None:
        request.personal_data = True
    return {
        "eid_identity": who,
        "eid_test_provider": settings.EID_PROVIDER == "test",
    }
