"""Issue 14: each bar of the dashboard's funnel chart names its e-service and its step (the five
steps of "Leave a tip" were all labelled "Lämna tips")."""
import re

import pytest
from django.utils import timezone

from reports.analytics import services
from reports.catalogue import registry
from tests.analytics.test_dashboard import analyst, analyst_client  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "expected"), [
    ("/en", ["Leave a tip: Your tip", "Leave a tip: Attachments", "Leave a tip: Contact details",
             "Leave a tip: Your contact details", "Leave a tip: Check your answers"]),
    ("", ["Lämna tips: Ditt tips", "Lämna tips: Bilagor", "Lämna tips: Kontaktuppgifter",
          "Lämna tips: Dina kontaktuppgifter", "Lämna tips: Kontrollera dina svar"]),
])
def test_every_funnel_bar_names_the_service_and_the_step(analyst_client, prefix, expected):  # noqa: F811
    tips = registry["tips"]
    for times, step in enumerate(tips.steps):
        for _ in range(5 - times):
            services.funnel_step_count(service=tips, step=step.name, language="sv")
    today = timezone.localdate().isoformat()
    html = analyst_client.get(f"{prefix}/personal/analys/", {"start": today, "end": today}).content.decode()
    section = html[html.index('aria-labelledby="funnel-title"'):]
    figure = section[:section.index("</figure>")]
    labels = re.findall(r'<span class="text-truncate"[^>]*>([^<]*)</span>', figure)
    assert labels == expected
