"""Texts citizens meet first: the tip's receipt, the front page's title, the accessibility
statement's way to report a problem, the Swedish weekday of the earliest passport time."""
import pytest
from django.test import Client

from reports.catalogue import registry

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
