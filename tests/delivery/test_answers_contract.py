"""Each service's ``answers`` against its schema generated from the catalogue
(docs/contract/answers/<service>.v1.schema.json, reports.delivery.answers_schema).

The payloads are real: every service is walked through its wizard with the test client
(the sample data of the services' own flow tests), submitted, and its outbox payload is
checked against the destination's envelope and the service's answers schema. An emptied
``answers`` must fail, and the committed schema files must be what the generator makes.
"""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from reports.catalogue import registry
from reports.delivery.answers_schema import ANSWERS_DIR, answers_schema, answers_schema_files
from reports.delivery.models import Delivery
from reports.models import Submission
from tests.delivery.test_contract import FORMATS, assert_valid
from tests.reports import test_burglary_flow as burglary
from tests.reports import test_card_fraud_flow as card_fraud
from tests.reports import test_loss_flow as loss
from tests.reports import test_parking_damage_flow as parking
from tests.reports import test_permits as permits
from tests.reports import test_register_extract as extract
from tests.reports import test_tips_flow as tips
from tests.reports import test_vandalism_flow as vandalism
from tests.reports.helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE, step_post
from tests.reports.service_walk import ABOUT_YOU, submit, walk_to_check, when_where

pytestmark = pytest.mark.django_db

WIZARD_SERVICES = sorted(service.slug for service in registry if service.steps)


def answers_validator(slug: str) -> Draft202012Validator:
    schema = json.loads((ANSWERS_DIR / f"{slug}.v1.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FORMATS)


def assert_answers_valid(slug: str, answers) -> None:
    errors = sorted(answers_validator(slug).iter_errors(answers), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


# -- walking each service, as its flow test does --------------------------------------------------

def _crime(slug, steps):
    def walk(client):
        submit(client, slug, walk_to_check(client, slug, steps))
    return walk


def _extract(client):
    extract.start_identified(client)
    step_post(client, extract.SLUG, "andamal", {"andamal-purpose": "school"})
    step_post(client, extract.SLUG, "skola", {"skola-activity": "preschool", "skola-employer": "Solrosens förskola"})
    response = step_post(client, extract.SLUG, "om-dig", extract.ABOUT_ME)
    assert response.status_code == 302, response.content.decode()[:2000]
    extract.submit(client)


def _event(client):
    permits.pass_gate(client, permits.EVENT, permits.GATE_OK[permits.EVENT])
    for step, data in [("arrangor", permits.ORGANISATION), ("evenemang", permits.event_data()),
                       ("karta", {"karta-files": permits.png()})]:
        response = step_post(client, permits.EVENT, step, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    permits.finish(client, permits.EVENT)


def _place(client):
    permits.pass_gate(client, permits.PLACE, permits.GATE_OK[permits.PLACE])
    place = {
        "plats-use": "scaffolding", "plats-description": "Scaffolding for painting the facade.",
        "plats-municipality": "0180", "plats-address": "Hornsgatan 12, the pavement", "plats-area_m2": "24",
        "plats-start_date": permits.in_days(20), "plats-start_time": "07:00",
        "plats-end_date": permits.in_days(40), "plats-end_time": "18:00",
    }
    for step, data in [("arrangor", permits.ORGANISATION), ("plats", place), ("karta", {"karta-files": permits.png()})]:
        response = step_post(client, permits.PLACE, step, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    permits.finish(client, permits.PLACE)


def _firearms(client):
    permits.firearms_start(client, ("198001010001", "Anna Andersson"))
    hunting = {"jakt-exam_year": "2010", "jakt-hunting_area": "Norrskogens jaktlag", "jakt-game": "Moose"}
    about = {"om-dig-email": "anna@example.se", "om-dig-phone": "070-123 45 67", "om-dig-preferred_language": "sv"}
    for step, data in [("vapen", permits.WEAPON), ("jakt", hunting),
                       ("intyg", {"intyg-files": permits.png("jagarexamen.png")}), ("om-dig", about)]:
        response = step_post(client, permits.FIREARMS, step, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    permits.finish(client, permits.FIREARMS)


WALKS = {
    "stold": _crime("stold", [("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS), ("om-dig", THEFT_ABOUT_YOU)]),
    "inbrott": _crime("inbrott", [("nar-var", when_where()), ("inbrottet", burglary.BREAK_IN),
                                  ("foremal", burglary.ITEMS), ("om-dig", ABOUT_YOU)]),
    "kortbedrageri": _crime("kortbedrageri", [("nar-var", card_fraud.WHEN_WHERE), ("kortet", card_fraud.CARD),
                                              ("transaktioner", card_fraud.TRANSACTIONS), ("om-dig", ABOUT_YOU)]),
    "forlust": _crime("forlust", [("nar-var", loss.WHEN_WHERE), ("foremal", loss.ITEMS), ("om-dig", ABOUT_YOU)]),
    "skadegorelse": _crime("skadegorelse", [("nar-var", vandalism.WHEN_WHERE), ("skadan", vandalism.DAMAGE),
                                            ("agare", vandalism.NOT_OWNER), ("om-dig", ABOUT_YOU)]),
    "parkeringsskada": _crime("parkeringsskada", [("fordonet", parking.VEHICLE), ("skadan", parking.DAMAGE),
                                                  ("om-dig", ABOUT_YOU)]),
    "tips": _crime("tips", [("tipset", tips.TIP), ("kontakt-val", {"kontakt-val-wants_contact": "yes"}),
                            ("kontakt", tips.CONTACT)]),
    "belastningsregister": _extract,
    "tillstand-allman-sammankomst": _event,
    "tillstand-offentlig-plats": _place,
    "vapenlicens": _firearms,
}


def test_every_wizard_service_has_a_walk_here():
    assert sorted(WALKS) == WIZARD_SERVICES


@pytest.mark.parametrize("slug", WIZARD_SERVICES)
def test_a_real_payload_validates_against_its_answers_schema_and_an_emptied_one_does_not(client, slug):
    WALKS[slug](client)
    submission = Submission.objects.get(service=slug)
    payload = Delivery.objects.get(source_kind="submission", source_id=submission.pk).payload
    service = registry[slug]
    assert_valid(service.destination, payload)
    assert_answers_valid(slug, payload["answers"])
    assert list(answers_validator(slug).iter_errors({}))
    emptied = {step: ([] if isinstance(value, list) else {}) for step, value in payload["answers"].items()}
    assert list(answers_validator(slug).iter_errors(emptied))


@pytest.mark.parametrize("slug", WIZARD_SERVICES)
def test_a_wrong_value_or_an_unknown_step_is_caught(slug):
    schema = answers_schema(registry[slug])
    first = schema["required"][0]
    validator = answers_validator(slug)
    assert list(validator.iter_errors({"no-such-step": {}}))
    assert list(validator.iter_errors({first: "a string instead of the step's answers"}))


def test_the_committed_answers_schemas_are_what_the_catalogue_generates():
    """Run `manage.py contract_answers_schemas` after changing a service's steps or forms."""
    files = answers_schema_files()
    assert sorted(path.name for path in files) == sorted(path.name for path in ANSWERS_DIR.glob("*.json"))
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date"
    for path in files:
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
