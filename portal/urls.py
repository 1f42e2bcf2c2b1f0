import functools

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from reports.views.phone_wait import phone_wait_feed


@functools.cache
def _favicon_bytes() -> bytes:
    return (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()


@require_safe
@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on every first visit: a small icon, not a 404."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/kontaktcenter/vantetid/", phone_wait_feed, name="phone_wait_feed"),  # docs/phone-wait.md
]
handler403 = "reports.views.pages.permission_denied"

urlpatterns += i18n_patterns(
    path("personal/analys/", include("reports.analytics.urls")),
    path("personal/arenden/", include("reports.triage.urls")),
    path("personal/leveranser/", include("reports.delivery.urls")),
    path("personal/", admin.site.urls),  # after the staff areas above: its catch-all comes last
    path("e-legitimation/", include("reports.eid.urls")),
    path("pass/", include("reports.booking.urls")),
    path("enkat/", include("reports.analytics.public_urls")),  # the receipt's survey answer
    path("", include("reports.urls")),
    prefix_default_language=False,
)
