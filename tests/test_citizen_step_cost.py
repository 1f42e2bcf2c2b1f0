"""The citizen step's cost (issue 13): shared municipality choices, gzip where it is safe, a favicon."""
import gzip

import pytest
from django.test import Client

from portal.compression import UNCOMPRESSED_PATHS
from reports.forms.common import WhenWhereForm
from reports.municipalities import MUNICIPALITY_CHOICES


def test_municipality_choices_are_built_once_and_shared_by_every_form():
    first, second = WhenWhereForm(), WhenWhereForm(data={"municipality": "0180"})
    assert first.fields["municipality"].choices is MUNICIPALITY_CHOICES
    assert second.fields["municipality"].choices is MUNICIPALITY_CHOICES
    assert first.fields["municipality"].widget.choices is MUNICIPALITY_CHOICES
    html = str(first["municipality"])
    assert html.count("<option") == 291 and 'value="0180"' in html
    field = second.fields["municipality"]
    assert field.valid_value("0180") and not field.valid_value("9999")


@pytest.mark.parametrize(
    ("path", "uncompressed"),
    [
        ("/", False),
        ("/en/", False),
        ("/stold/steg/nar-var/", False),
        ("/personal/reports/submission/", False),
        ("/pass/bokning/abc123/", True),  # the booking's manage token
        ("/en/pass/bokning/abc123/flytta/", True),
        ("/arendestatus/lank/signed-token/", True),  # the signed status link
        ("/fortsatt/resume-token/", True),  # a saved draft's resume token
        ("/stold/spara/", True),  # the page that shows the resume code
        # The same pages in the other languages carry the same secrets.
        ("/ar/fortsatt/resume-token/", True),
        ("/uk/arendestatus/lank/signed-token/", True),
        ("/so/pass/bokning/abc123/", True),
        ("/fa/stold/spara/", True),
        ("/fi/", False),
        ("/fi/stold/steg/nar-var/", False),
    ],
)
def test_pages_with_a_secret_of_their_own_are_never_compressed(path, uncompressed):
    assert bool(UNCOMPRESSED_PATHS.match(path)) is uncompressed


@pytest.mark.django_db
def test_html_is_gzipped_where_safe_and_not_where_a_secret_is(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)
    secret_page = client.get("/fortsatt/not-a-real-token/", HTTP_ACCEPT_ENCODING="gzip")
    assert len(secret_page.content) > 200  # long enough that gzip would have applied
    assert not secret_page.has_header("Content-Encoding")


def test_favicon_is_served_small_and_cacheable():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert len(response.content) < 4096  # three sizes (16, 32, 48 px) in a few KB
    assert "max-age" in response["Cache-Control"]
    assert Client().post("/favicon.ico").status_code == 405


def test_municipality_look_up_accepts_exactly_what_the_choice_list_offers():
    from django import forms

    form = WhenWhereForm()
    field = form.fields["municipality"]
    walk = forms.ChoiceField(choices=list(MUNICIPALITY_CHOICES))  # Django's own walk through the list
    for value in ("", "0180", "2584", 180, "9999", "0180 ", "Stockholm", None):
        assert field.valid_value(value) == walk.valid_value(value), value
    bound = WhenWhereForm(data={"municipality": "9999"})
    bound.is_valid()
    assert "municipality" in bound.errors


# -- the step POST checks its step, goes through formtools and only redirects (issue 13)

def _theft_started(client, gate_answers_all_no):
    from reports.catalogue import registry

    assert client.post("/stold/", gate_answers_all_no(registry["stold"])).status_code == 302


@pytest.mark.django_db
def test_a_valid_step_post_stores_the_answers_and_only_redirects(client, gate_answers_all_no):
    from tests.reports.helpers import THEFT_ITEMS, THEFT_WHEN_WHERE, step_post

    _theft_started(client, gate_answers_all_no)
    response = step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE)
    assert response.status_code == 302 and response["Location"] == "/stold/steg/foremal/"
    assert response.templates == []  # nothing rendered
    stored = client.session["wizard_report_stold"]
    assert stored["step"] == "foremal"
    assert stored["step_data"]["nar-var"]["nar-var-address"] == ["Drottninggatan 1"]
    # Only the step's own fields are kept: not the CSRF token or the wizard's step field.
    assert stored["step_data"]["nar-var"] == {key: [value] for key, value in THEFT_WHEN_WHERE.items()}
    response = step_post(client, "stold", "foremal", THEFT_ITEMS, prefix="/en")
    assert response.status_code == 302 and response["Location"] == "/en/stold/steg/bilagor/"  # the attachments step


@pytest.mark.django_db
def test_an_invalid_step_post_shows_the_errors_and_keeps_what_was_typed(client, gate_answers_all_no):
    from tests.reports.helpers import THEFT_WHEN_WHERE, step_post

    _theft_started(client, gate_answers_all_no)
    response = step_post(client, "stold", "nar-var", {**THEFT_WHEN_WHERE, "nar-var-address": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Drottninggatan" not in html and "My bicycle was locked" in html
    assert response.context["form"].errors["address"]
    assert client.session["wizard_report_stold"]["step_data"] == {}


@pytest.mark.django_db
def test_a_step_post_without_its_step_or_with_another_is_refused(client, gate_answers_all_no):
    from tests.reports.helpers import THEFT_WHEN_WHERE, step_post

    _theft_started(client, gate_answers_all_no)
    assert client.post("/stold/steg/nar-var/", THEFT_WHEN_WHERE).status_code == 400  # no current_step
    assert step_post(client, "stold", "nar-var", {}).status_code == 200
    response = client.post("/stold/steg/nar-var/", {"report_stold-current_step": "", **THEFT_WHEN_WHERE})
    assert response.status_code == 400
    response = client.post("/stold/steg/nar-var/", {"report_stold-current_step": "klar", **THEFT_WHEN_WHERE})
    assert response.status_code == 400
    assert client.session["wizard_report_stold"]["step_data"] == {}


@pytest.mark.django_db
def test_a_page_sent_again_from_an_earlier_step_counts_for_that_step(client, gate_answers_all_no):
    """formtools' rule: the step the page says it is wins over the one the session is at."""
    from tests.reports.helpers import THEFT_ITEMS, THEFT_WHEN_WHERE, step_post

    _theft_started(client, gate_answers_all_no)
    step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE)
    step_post(client, "stold", "foremal", THEFT_ITEMS)
    assert client.session["wizard_report_stold"]["step"] == "bilagor"
    # The browser's back button showed the first page, which is sent again with a change.
    changed = {**THEFT_WHEN_WHERE, "nar-var-address": "Kungsgatan 2"}
    response = client.post("/stold/steg/bilagor/", {"report_stold-current_step": "nar-var", **changed})
    assert response.status_code == 302 and response["Location"] == "/stold/steg/foremal/"
    stored = client.session["wizard_report_stold"]
    assert stored["step_data"]["nar-var"]["nar-var-address"] == ["Kungsgatan 2"]
    assert "foremal" in stored["step_data"]


def test_step_urls_are_reversed_per_language_and_script_prefix():
    from django.urls import reverse, set_script_prefix
    from django.utils import translation

    from reports.catalogue import registry
    from reports.wizard.views import ReportWizard

    wizard = ReportWizard(service=registry["stold"])
    try:
        for prefix in ("/", "/portal/"):
            set_script_prefix(prefix)
            for language in ("sv", "en", "ar", "sv"):
                with translation.override(language):
                    for step in ("nar-var", "foremal", "klar"):
                        expected = reverse("reports:wizard_step", kwargs={"service": "stold", "step": step})
                        assert wizard.get_step_url(step) == expected
                        assert wizard.get_step_url(step) == expected  # the kept one
        with translation.override("en"):
            assert wizard.get_step_url("foremal") == "/portal/en/stold/steg/foremal/"
    finally:
        set_script_prefix("/")
