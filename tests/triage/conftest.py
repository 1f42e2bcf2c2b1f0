"""Fixtures of the triage tests: staff in each role and submissions made through the real service."""
import itertools

import pytest
from django.contrib.auth.models import Group
from django_otp import DEVICE_ID_SESSION_KEY

from reports.catalogue import registry
from reports.services import SubmissionDraft, submission_create
from reports.triage.demo import totp_device_ensure
from reports.triage.roles import ADMINISTRATOR, ANALYST, SUPERVISOR, TRIAGE_OFFICER, roles_setup

PASSWORD = "ett-langt-testlosenord-2026"
_tokens = itertools.count()


@pytest.fixture
def roles(db):
    roles_setup()


@pytest.fixture
def staff_user(roles, django_user_model):
    def make(role: str | None, username: str | None = None):
        user = django_user_model.objects.create_user(
            username=username or f"staff-{next(_tokens)}", password=PASSWORD, is_staff=True
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


def verified(client, user):
    """Logged in with a password and a verified second factor (django-otp)."""
    device = totp_device_ensure(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def officer(staff_user):
    return staff_user(TRIAGE_OFFICER, "officer")


@pytest.fixture
def supervisor(staff_user):
    return staff_user(SUPERVISOR, "supervisor")


@pytest.fixture
def analyst(staff_user):
    return staff_user(ANALYST, "analyst")


@pytest.fixture
def administrator(staff_user):
    return staff_user(ADMINISTRATOR, "administrator")


def theft_draft(**overrides) -> SubmissionDraft:
    values = {
        "answers": {
            "nar-var": {
                "date_from": "2026-11-20", "time_from": "08:00:00", "date_to": "2026-11-20", "time_to": None,
                "municipality": "0180", "place_kind": "street", "address": "Drottninggatan 1",
                "what_happened": "My bicycle was gone when I came back.",
            },
            "om-dig": {
                "name": "Anna Andersson", "personal_identity_number": "198112189876",
                "phone": "+46701234567", "email": "anna@example.se", "preferred_language": "sv",
            },
        },
        "items": [{"kind": "bicycle", "description": "Blue Crescent bicycle", "brand_model": "Crescent Elis",
                   "serial_number": "WCR123456", "value_sek": "6500"}],
        "reporter_name": "Anna Andersson",
        "personal_identity_number": "198112189876",
        "phone": "+46701234567",
        "email": "anna@example.se",
        "municipality_code": "0180",
        "region": "Stockholm",
        "language": "sv",
    }
    values.update(overrides)
    return SubmissionDraft(**values)


@pytest.fixture
def make_submission(db):
    def make(**overrides):
        submission, _created = submission_create(
            service=registry["stold"], draft=theft_draft(**overrides), language="sv",
            client_token=f"token-{next(_tokens)}",
        )
        submission.refresh_from_db()
        return submission

    return make


@pytest.fixture
def submission(make_submission):
    return make_submission()
