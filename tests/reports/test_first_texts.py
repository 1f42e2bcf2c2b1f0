"""Texts citizens meet first: the tip's receipt, the front page's title, the accessibility
statement's way to report a problem, the Swedish weekday of the earliest passport time, the
Swedish wordings revised in issue 14, the session's expiry said in text."""
import pytest
from django.test import Client
from django.utils.translation import override as translation_override

from reports.catalogue import registry
from tests.booking.conftest import make_slot, office  # noqa: F401  (fixtures)
from tests.booking.test_views import identified  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("slug", "heading"), [
    ("tips", "Your tip has been sent"),
    ("stold", "Your report has been sent"),
])
def test_the_receipt_heading_names_what_was_sent(slug, heading):
    from django.utils import translation

    with translation.override("en"):
        assert str(registry[slug].sent_heading) == heading


@pytest.mark.parametrize(("path", "title"), [
    ("/", "<title>Alla e-tjänster – Polisens e-tjänster</title>"),
    ("/en/", "<title>All e-services – Swedish Police e-services</title>"),
])
def test_the_front_page_title_says_it_once(path, title):
    assert title in Client().get(path).content.decode()


def test_the_accessibility_statement_offers_e_mail_to_report_a_problem(settings):
    settings.PORTAL_ACCESSIBILITY_EMAIL = "tillganglighet@e-tjanst.example"
    page = Client().get("/en/tillganglighet/").content.decode()
    assert 'href="mailto:tillganglighet@e-tjanst.example"' in page


def test_the_earliest_passport_time_writes_the_swedish_weekday_in_lower_case(identified, office, make_slot):  # noqa: F811
    import re

    from django.utils import formats, timezone, translation

    slot = make_slot(days=2)
    day = timezone.localtime(slot.starts_at)
    for prefix, language in (("", "sv"), ("/en", "en")):
        html = identified.get(f"{prefix}/pass/kontor/{office.pk}/tider/").content.decode()
        with translation.override(language):
            weekday = formats.date_format(day, "l")
        label = "Första lediga tid:" if language == "sv" else "Earliest free time:"
        shown = re.search(re.escape(label) + r"</strong> (\w+) ", html).group(1)
        assert shown == (weekday.lower() if language == "sv" else weekday), language


# The Swedish wordings issue 14 revised: none of them may come back in the Swedish catalogue.
REVISED_SWEDISH = {
    "Lägg till ett föremål till": "Lägg till ett föremål",
    "anmäler du till en polis": "anmäler du till polisen på 114 14",
    "Att du bara vet det andra fordonets registreringsnummer": "Om du bara vet … räknas det inte",
}


def test_the_revised_swedish_wordings_stay_revised():
    import polib
    from django.conf import settings as django_settings

    catalogue = polib.pofile(str(django_settings.BASE_DIR / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
    texts = [" ".join(entry.msgstr.split()) for entry in catalogue.translated_entries()]
    assert {old: [t for t in texts if old in t] for old in REVISED_SWEDISH} == {old: [] for old in REVISED_SWEDISH}
    with translation_override("sv"):
        from django.utils.translation import gettext

        assert gettext("Add another item") == "Lägg till ett föremål"


def test_a_wizard_step_says_in_text_when_the_answers_will_be_forgotten(settings):
    """The expiry is said on every step without JavaScript; the script only adds the warning."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.reports.helpers import pass_gate
    from tests.reports.test_attachments import THEFT_GATE

    settings.SESSION_COOKIE_AGE = 4 * 3600
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    before = timezone.localtime(timezone.now() + timedelta(hours=4))
    html = client.get("/en/stold/steg/nar-var/").content.decode()
    after = timezone.localtime(timezone.now() + timedelta(hours=4))
    notice = html[html.index('id="session-notice"'):]
    notice = " ".join(notice[:notice.index("</p>")].split())
    assert "forgets them after 4 hours without activity" in notice
    assert f"this time at {before:%H:%M}" in notice or f"this time at {after:%H:%M}" in notice
    assert 'id="session-warning" hidden' in html and 'id="session-ended" hidden' in html
