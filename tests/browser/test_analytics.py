"""The receipt's survey question in a real browser without JavaScript: label, post, thank-you."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from reports.analytics.models import CounterfactualAnswer
from reports.models import Submission
from reports.session import RECEIPTS_KEY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_survey_answer_without_javascript(page_without_js, live_server):
    submission = Submission.objects.create(
        reference="PE-BROW-SER0-0001", service="stold", language="en", region="Syd", client_token="browser-1"
    )
    session = SessionStore()
    session[RECEIPTS_KEY] = [submission.reference]
    session.create()
    page_without_js.context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])

    page_without_js.goto(f"/en/kvitto/{submission.reference}/")
    page_without_js.get_by_label("Called 114 14").check()
    page_without_js.get_by_role("button", name="Send answer").click()

    page_without_js.get_by_text("Thank you for your answer.").wait_for()
    assert page_without_js.get_by_role("button", name="Send answer").count() == 0
    answer = CounterfactualAnswer.objects.get()
    assert (answer.service, answer.answer, answer.language) == ("stold", "called_11414", "en")
