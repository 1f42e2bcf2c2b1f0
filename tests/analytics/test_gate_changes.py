"""Analysts see how many gate outcomes were changed by a second try, per first rule (issue 11)."""
from datetime import datetime, time

import pytest
from django.utils import timezone

from reports.analytics.gate_changes import changed_outcomes_by_rule
from reports.constants import GateOutcome
from reports.models import GateRecord

from .test_dashboard import CSV_URL, URL, _csv_tables, _page_tables, analyst, analyst_client  # noqa: F401

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 3, 10).date()
PERIOD = {"start": DAY.isoformat(), "end": DAY.isoformat()}


def tries(key, *outcomes, service="stold", day=DAY):
    """One session's tries: (outcome, rule) each, the first one's carried by the later ones."""
    first_outcome, first_rule = outcomes[0]
    for number, (outcome, rule) in enumerate(outcomes):
        record = GateRecord.objects.create(
            service=service, outcome=outcome, rule=rule, language="sv", attempt_key=key,
            first_outcome=first_outcome if number else "", first_rule=first_rule if number else "",
        )
        moment = timezone.make_aware(datetime.combine(day, time(12, number)))
        GateRecord.objects.filter(pk=record.pk).update(created_at=moment)


@pytest.fixture
def chains():
    knows = (GateOutcome.CALL_11414, "knows_suspect")
    online = (GateOutcome.E_SERVICE, "")
    tries("a" * 32, knows, online)  # changed to the e-service
    tries("b" * 32, knows, knows, online)  # tried three times: one session, counted once
    tries("c" * 32, knows, knows)  # same outcome again: not a change
    tries("d" * 32, (GateOutcome.CALL_11414, "vehicle_stolen"), (GateOutcome.CALL_11414, "knows_suspect"))
    tries("e" * 32, knows, online, day=DAY.replace(day=20))  # outside the period
    tries("f" * 32, online)  # a single try


def test_changed_outcomes_per_first_rule(chains):
    rows = [(r.service, r.rule, r.first_outcome, r.changed, r.to_e_service)
            for r in changed_outcomes_by_rule(start=DAY, end=DAY)]
    assert rows == [("stold", "knows_suspect", GateOutcome.CALL_11414, 2, 2)]
    assert changed_outcomes_by_rule(start=DAY, end=DAY, service="inbrott") == []


def test_the_dashboard_and_its_csv_show_the_count(chains, analyst_client):  # noqa: F811
    page = _page_tables(analyst_client.get("/en" + URL, PERIOD))
    assert page["changed_outcomes"][1] == ["Report a theft", "knows_suspect", "Call 114 14", "2", "2"]
    exported = _csv_tables(analyst_client.get("/en" + CSV_URL, PERIOD).content.decode())
    assert exported["changed_outcomes"] == page["changed_outcomes"]
    swedish = analyst_client.get(URL, PERIOD).content.decode()
    assert "Ändrade utfall i vägvalet" in swedish
