"""Victim support: the receipt after burglary, fraud, or violence or threats on the gate
(reports.victim_support)."""
import pytest

from reports.catalogue import registry
from reports.victim_support import BROTTSOFFERJOUREN, KVINNOFRIDSLINJEN, helplines_for
from tests.reports.helpers import THEFT_ITEMS, THEFT_WHEN_WHERE
from tests.reports.service_walk import ABOUT_YOU, submit, walk_to_check, when_where

BOJ, KVF = BROTTSOFFERJOUREN.id, KVINNOFRIDSLINJEN.id


@pytest.mark.parametrize(
    ("slug", "answers", "expected"),
    [
        ("inbrott", {"violence": "no"}, [BOJ]),
        ("kortbedrageri", {}, [BOJ]),
        ("stold", {"violence": "no"}, []),
        ("forlust", {}, []),
        ("stold", {"violence": "yes"}, [BOJ, KVF]),
        ("skadegorelse", {"threats": "yes"}, [BOJ, KVF]),
        ("inbrott", {"violence": "yes"}, [BOJ, KVF]),
        ("stold", {"violence": ""}, []),
    ],
)
def test_which_helplines_the_receipt_shows(slug, answers, expected):
    assert helplines_for(service=registry[slug], answers=answers) == expected


@pytest.mark.django_db
def test_a_burglary_receipt_links_to_brottsofferjouren(client):
    check = walk_to_check(client, "inbrott", [
        ("nar-var", when_where()),
        ("inbrottet", {"inbrottet-entry_point": "door", "inbrottet-entry_description": "The padlock was cut.",
                       "inbrottet-damage": "Padlock cut.", "inbrottet-damage_cost_sek": "200",
                       "inbrottet-anything_taken": "no"}),
        ("om-dig", ABOUT_YOU),
    ])
    page = submit(client, "inbrott", check).content.decode()
    assert 'id="victim-support"' in page
    assert "Brottsofferjouren" in page and 'href="tel:116006"' in page
    assert "Kvinnofridslinjen" not in page  # no violence or threats on the gate


@pytest.mark.django_db
def test_a_theft_receipt_has_no_victim_support_block(client):
    check = walk_to_check(client, "stold", [
        ("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS), ("om-dig", ABOUT_YOU),
    ])
    assert 'id="victim-support"' not in submit(client, "stold", check).content.decode()


@pytest.mark.django_db
def test_told_to_call_about_violence_the_page_names_both_helplines(client):
    gate = {q.id: "no" for q in registry["stold"].questions} | {"has_identity_number": "yes", "violence": "yes"}
    page = client.post("/en/stold/", gate, follow=True).content.decode()
    assert "Call 114 14 to report this" in page
    assert 'href="tel:116006"' in page and 'href="tel:020505050"' in page


@pytest.mark.django_db
def test_the_112_page_shows_no_helplines(client):
    gate = {q.id: "no" for q in registry["stold"].questions} | {"has_identity_number": "yes", "violence": "yes",
                                                                 "in_progress": "yes"}
    page = client.post("/en/stold/", gate, follow=True).content.decode()
    assert "Call 112 now" in page and 'id="victim-support"' not in page
