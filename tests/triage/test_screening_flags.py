"""Staff see the screening's flag and reason in the triage list and on the case page, and on the
case page that the first gate answer in the session led elsewhere (issue 11)."""
import html

import pytest
from django.urls import reverse

from reports.constants import GateOutcome
from reports.models import GateRecord

pytestmark = pytest.mark.django_db

LIST_URL = "/personal/reports/submission/"
PHONE = [{"rule": "vehicle_item", "level": "phone", "words": ["bil"]}]
SIGNAL = [{"rule": "threat_text", "level": "signal", "words": ["hotade"]},
          {"rule": "weapon_text", "level": "signal", "words": ["kniv"]}]


@pytest.fixture
def flagged(make_submission):
    return make_submission(screening=SIGNAL, priority=2, reporter_name="Flaggad Person")


def test_the_list_shows_the_flag_and_the_words(client, officer, make_submission, flagged):
    plain = make_submission()
    client.force_login(officer)
    page = html.unescape(client.get("/en" + LIST_URL).content.decode())
    assert page.count("⚑ Flagged") == 1 and "hotade" in page and "kniv" in page
    assert "The text mentions threats." in page  # the reason, on hover
    # Raised priority: the flagged report comes before the older normal one in the same region.
    assert page.index(flagged.reference) < page.index(plain.reference)


def test_the_flagged_filter(client, officer, make_submission, flagged):
    plain = make_submission()
    client.force_login(officer)
    page = client.get(LIST_URL, {"flagged__exact": "1"}).content.decode()
    assert flagged.reference in page and plain.reference not in page
    assert "⚑ Flaggad" in page  # Swedish


@pytest.mark.parametrize(("prefix", "texts"), [
    ("/en", ["Flagged by the screening of the answers", "Belongs on the phone", "posted as wanted at once", "bil"]),
    ("", ["Flaggad vid granskningen av svaren", "Hör hemma i telefon", "efterlysas direkt", "bil"]),
])
def test_the_case_page_shows_the_reason_and_words(client, officer, make_submission, prefix, texts):
    submission = make_submission(screening=PHONE, priority=1)
    client.force_login(officer)
    page = html.unescape(client.get(prefix + reverse("admin:reports_submission_change", args=[submission.pk])
                                    .removeprefix("/en").removeprefix("/sv")).content.decode())
    for text in texts:
        assert text in page, text


def test_the_case_page_says_the_first_answer_led_elsewhere(client, officer, make_submission):
    record = GateRecord.objects.create(
        service="stold", outcome=GateOutcome.E_SERVICE, rule="", language="sv", attempt_key="k" * 32,
        first_outcome=GateOutcome.CALL_11414, first_rule="knows_suspect",
    )
    submission = make_submission()
    submission.gate_record = record
    submission.save(update_fields=["gate_record"])
    client.force_login(officer)
    url = reverse("admin:reports_submission_change", args=[submission.pk])
    page = html.unescape(client.get("/en" + url.removeprefix("/en")).content.decode())
    assert "The first answer in the same session led elsewhere: Call 114 14 (knows_suspect)" in page
    assert "Nothing found." in page  # no screening findings on this one


def test_an_unflagged_case_has_no_flag(client, officer, submission):
    client.force_login(officer)
    assert "⚑" not in client.get("/en" + LIST_URL).content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_flag_cell_written_once_per_set_of_findings_is_the_template_s(language):
    """The list's flag cell is kept per language and set of findings (``_screening_flag_html``):
    each is the template's own output for that row, in the language of the page."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    from reports.triage.admin import SubmissionAdmin, screening_findings

    sets = [
        [{"rule": "weapon_text", "level": "signal", "words": ["kniv"]}],
        [{"rule": "threat_text", "level": "signal", "words": ["hotade"], "supplement": 3},
         {"rule": "gate_changed_112", "level": "phone", "words": ["in_progress"]}],
        [{"rule": "no_such_rule", "level": "signal", "words": []}],
        [],
    ]
    admin = SubmissionAdmin.__new__(SubmissionAdmin)
    for other in ("en", "sv"):  # a set first written in the other language is not reused
        with translation.override(other):
            for findings in sets:
                admin.screening_flag(SimpleNamespace(flagged=True, screening=findings))
    with translation.override(language):
        for findings in sets:
            row = SimpleNamespace(flagged=True, screening=findings)
            expected = render_to_string("triage/screening_flag.html", {"findings": screening_findings(row)})
            assert admin.screening_flag(row) == expected
            assert admin.screening_flag(row) == expected  # and again, from the cache
