"""A person the gate sent to the phone who changes their answers and goes on: the check page
says again that the case may belong on the phone, and the report is flagged for staff at urgent
priority, naming the rule of the earlier try (reports.screening.GATE_CHANGED_RULES)."""
import html
import re

import pytest
from django.core import mail
from django.test import Client

from reports.delivery.models import Delivery
from reports.models import Submission
from tests.reports.helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE, pass_gate, step_post
from tests.reports.service_walk import gate_answers, submit, walk_to_check

pytestmark = pytest.mark.django_db

STEPS = [("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS), ("om-dig", THEFT_ABOUT_YOU)]


def tried(client, **answers) -> str:
    """One try at the theft gate; the outcome page or the form it leads to."""
    response = pass_gate(client, "stold", gate_answers("stold", **answers), "/en")
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize(("earlier", "rule", "gate_rule", "number"), [
    ([{"in_progress": "yes"}], "gate_changed_112", "in_progress", "112"),
    ([{"knows_suspect": "yes"}], "gate_changed_11414", "knows_suspect", "114 14"),
    ([{}, {"knows_suspect": "yes"}, {"danger": "yes"}], "gate_changed_112", "danger", "112"),  # 112 first
])
def test_a_changed_answer_is_told_again_and_flagged(client, earlier, rule, gate_rule, number):
    for answers in earlier:
        tried(client, **answers)
    check = walk_to_check(client, "stold", STEPS)  # the last try: everything "no"
    page = html.unescape(check.content.decode())
    assert f'data-rule="{rule}"' in page and f'href="tel:{number.replace(" ", "")}"' in page
    assert "Your first answers to the questions showed" in page

    submit(client, "stold", check)
    submission = Submission.objects.get()
    assert {"rule": rule, "level": "phone", "words": [gate_rule]} in submission.screening
    assert submission.flagged and submission.priority == 1  # urgent: staff cannot miss it
    # ... and neither can the case system, where the report is queued.
    found = Delivery.objects.get(source_kind="submission", source_id=submission.pk).payload["screening"]
    assert found["flagged"] and {
        (f["rule"], f["level"], f["outcome"], tuple(f["words"])) for f in found["findings"]
    } >= {(rule, "phone", "call_112" if number == "112" else "call_11414", (gate_rule,))}


def test_an_answer_never_sent_to_the_phone_is_not_flagged(client):
    tried(client)  # the same "no" answers twice: nothing changed
    check = walk_to_check(client, "stold", STEPS)
    assert "gate_changed" not in check.content.decode()
    submit(client, "stold", check)
    assert not any(f["rule"].startswith("gate_changed") for f in Submission.objects.get().screening)


def test_a_changed_answer_is_still_flagged_after_save_and_resume_in_another_browser(django_capture_on_commit_callbacks):
    """The resume link carries the earlier try that sent the person to the phone: opening it in
    another browser (a new session) must not wash the case clean."""
    first = Client()
    tried(first, in_progress="yes")  # "Call 112"
    tried(first)  # then everything "no"
    step_post(first, "stold", "nar-var", THEFT_WHEN_WHERE, "/en")
    step_post(first, "stold", "foremal", THEFT_ITEMS, "/en")
    step_post(first, "stold", "bilagor", {}, "/en")
    response = step_post(first, "stold", "om-dig", {**THEFT_ABOUT_YOU, "save_for_later": "1"}, "/en")
    assert response["Location"] == "/en/stold/spara/"
    first.post("/en/stold/spara/", {"email": "anna@example.se"})
    [message] = mail.outbox
    link = re.search(r"https?://\S+/fortsatt/\S+/", message.body).group(0)

    other = Client()
    response = other.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 302
    response = step_post(other, "stold", "om-dig", THEFT_ABOUT_YOU, "/en")
    check = other.get(response["Location"])
    page = html.unescape(check.content.decode())
    assert 'data-rule="gate_changed_112"' in page and 'href="tel:112"' in page

    with django_capture_on_commit_callbacks(execute=True):
        submit(other, "stold", check)
    submission = Submission.objects.get()
    assert {"rule": "gate_changed_112", "level": "phone", "words": ["in_progress"]} in submission.screening
    assert submission.flagged and submission.priority == 1


def test_a_try_that_sent_the_person_to_112_counts_even_if_another_tab_saved_the_session_over_it(client):
    """Sessions are saved whole: a step sent from another tab at the moment of the "call 112" try
    can write back the session as it was before it. The try's gate record still counts."""
    tried(client)  # everything "no": the chain begins
    before = {**client.session["gate_attempts"]}  # the other tab's copy, taken now
    tried(client, in_progress="yes")  # "Call 112"
    tried(client)  # then everything "no" again
    session = client.session
    session["gate_attempts"] = before  # the other tab's save wins
    session.save()
    assert "phone_outcome" not in client.session["gate_attempts"]["stold"]
    check = walk_to_check(client, "stold", STEPS)
    assert 'data-rule="gate_changed_112"' in html.unescape(check.content.decode())
    submit(client, "stold", check)
    submission = Submission.objects.get()
    assert {"rule": "gate_changed_112", "level": "phone", "words": ["in_progress"]} in submission.screening
    assert submission.flagged and submission.priority == 1
