from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from reports.views.phone_wait import phone_wait_feed

urlpatterns = [
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
