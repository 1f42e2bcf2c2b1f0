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
