"""Status lookup by reference and e-mail (or the signed link), and supplements."""
import os
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from reports import services
from reports.catalogue import registry
from reports.constants import ServiceGroup, SubmissionStatus
from reports.delivery.models import Delivery
from reports.models import Attachment, Submission, Supplement
from reports.status.services import reference_normalize, status_link
from reports.triage.admin import screening_findings
from tests.reports import files

pytestmark = pytest.mark.django_db
LOOKUP = "/en/arendestatus/"


@pytest.fixture(autouse=True)
def _redis_cache(settings):
    """The rate limit's counters in Redis, as in production (CACHE_URL), on this suite's db."""
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if not url:
        pytest.fail("PORTAL_TEST_REDIS_URL is not set: the rate limit is tested on a real Redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-status-lookup",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def submission(django_capture_on_commit_callbacks):
    draft = services.SubmissionDraft(
        answers={"nar-var": {"address": "Drottninggatan 1"}}, email="Anna@Example.se", language="en",
        reporter_name="Anna Andersson",
    )
    with django_capture_on_commit_callbacks(execute=True):
        created, _ = services.submission_create(
            service=registry["stold"], draft=draft, language="en", client_token="a" * 32
        )
    return created


def lookup(client, reference, email, ip="10.0.0.1"):
    return client.post(LOOKUP, {"reference": reference, "email": email}, REMOTE_ADDR=ip)


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_right_email_shows_the_status_in_plain_language(client, submission):
    response = lookup(client, submission.reference.lower().replace("-", " "), "anna@example.se ")
    assert response.status_code == 302 and response["Location"] == f"/en/arendestatus/{submission.reference}/"
    page = client.get(response["Location"]).content.decode()
    assert "Received" in page and "We have received your report." in page
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.REGISTERED, case_number="5000-K123-26")
    page = client.get(response["Location"]).content.decode()
    assert "Registered" in page and "5000-K123-26" in page


@pytest.mark.parametrize(
    ("status", "title"),
    [
        (SubmissionStatus.IN_TRIAGE, "Being read"),
        (SubmissionStatus.NEEDS_CONTACT, "We need to contact you"),
        (SubmissionStatus.CLOSED, "Closed"),
        (SubmissionStatus.REJECTED, "Not registered"),
    ],
)
def test_each_status_has_its_plain_words(client, submission, status, title):
    Submission.objects.filter(pk=submission.pk).update(status=status)
    lookup(client, submission.reference, "anna@example.se")
    page = client.get(f"/en/arendestatus/{submission.reference}/").content.decode()
    assert f'<strong id="status-title">{title}</strong>' in page
    still_open = status in (SubmissionStatus.IN_TRIAGE, SubmissionStatus.NEEDS_CONTACT)
    assert ("Add information to your case" in page) == still_open


@pytest.mark.parametrize("slug", [s.slug for s in registry if s.group == ServiceGroup.APPLY and s.steps])
def test_applications_are_described_as_applications(client, slug):
    draft = services.SubmissionDraft(email="bo@example.se", language="en", reporter_name="Bo Ek")
    application, _ = services.submission_create(service=registry[slug], draft=draft, language="en",
                                                client_token=f"{slug:0<32}"[:32])
    lookup(client, application.reference, "bo@example.se")
    page = client.get(f"/en/arendestatus/{application.reference}/").content.decode()
    assert "We have received your application." in page and "We have received your report" not in page


def test_wrong_email_and_unknown_reference_give_the_same_answer(submission):
    wrong_email = lookup(Client(), submission.reference, "someone@example.se")
    unknown = lookup(Client(), "STL-0000-0000-0000", "someone@example.se")
    for response in (wrong_email, unknown):
        assert response.status_code == 200
        assert "We could not find a report with that reference and e-mail address." in response.content.decode()
    assert without_csrf(wrong_email) == without_csrf(unknown).replace("STL-0000-0000-0000", submission.reference)


def test_status_page_needs_a_lookup_first(client, submission):
    response = client.get(f"/en/arendestatus/{submission.reference}/")
    assert response.status_code == 302 and response["Location"] == LOOKUP


def test_link_in_the_confirmation_email_opens_the_status(submission):
    [message] = mail.outbox
    link = status_link(submission=submission)
    assert link in message.body and "/en/arendestatus/lank/" in link
    client = Client()
    response = client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response["Location"] == f"/en/arendestatus/{submission.reference}/"
    assert client.get(response["Location"]).status_code == 200
    tampered = link.rstrip("/")[:-3] + "abc/"
    response = client.get("/" + tampered.split("://", 1)[1].split("/", 1)[1])
    assert response["Location"] == LOOKUP


def test_supplement_with_an_attachment_is_stored_and_delivered(client, submission, django_capture_on_commit_callbacks):
    lookup(client, submission.reference, "anna@example.se")
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/en/arendestatus/{submission.reference}/", {
            "text": "I found the receipt. My card 4111 1111 1111 1111 was in the bag.",
            "files": [SimpleUploadedFile("IMG.jpg", files.jpeg_with_gps(), "image/jpeg")],
        })
    assert response.status_code == 302
    supplement = Supplement.objects.get(submission=submission)
    assert "4111 1111 1111 1111" not in supplement.text and "1111" in supplement.text
    attachment = Attachment.objects.get(supplement=supplement)
    assert attachment.submission_id == submission.pk and b"SecretPhone" not in attachment.file.read()
    delivery = Delivery.objects.get(source_kind="supplement", source_id=supplement.pk)
    assert delivery.destination == "crime_reports" and delivery.reference == submission.reference
    assert delivery.payload["kind"] == "supplement" and delivery.payload["text"] == supplement.text
    assert delivery.payload["attachments"][0]["sha256"] == attachment.sha256
    page = client.get(response["Location"]).content.decode()
    assert "What you have added" in page and "1 file" in page


def test_empty_supplement_and_renamed_program_are_refused(client, submission):
    lookup(client, submission.reference, "anna@example.se")
    url = f"/en/arendestatus/{submission.reference}/"
    response = client.post(url, {"text": "  "})
    assert "Write something or add a file." in response.content.decode()
    response = client.post(url, {"text": "x", "files": [SimpleUploadedFile("photo.jpg", files.ELF)]})
    assert "The file photo.jpg is a program" in response.content.decode()
    assert not Supplement.objects.exists()


def test_closed_submission_takes_no_supplement(client, submission):
    lookup(client, submission.reference, "anna@example.se")
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.CLOSED)
    response = client.post(f"/en/arendestatus/{submission.reference}/", {"text": "more"})
    assert response.status_code == 200 and not Supplement.objects.exists()


def test_rate_limit_per_ip_then_per_reference(settings, submission):
    settings.STATUS_LOOKUP_MAX_TRIES = 10
    client = Client()
    for n in range(10):
        assert lookup(client, f"STL-AAAA-AAAA-{n:04d}", "x@example.se", ip="10.0.0.9").status_code == 200
    blocked = lookup(client, submission.reference, "anna@example.se", ip="10.0.0.9")  # even the right one
    assert blocked.status_code == 429
    assert "You have tried too many times. Wait 15 minutes and try again." in blocked.content.decode()
    # One reference tried from many addresses is limited too (the blocked try above counted once).
    for n in range(9):
        assert lookup(Client(), submission.reference, "wrong@example.se", ip=f"10.1.0.{n}").status_code == 200
    assert lookup(Client(), submission.reference, "anna@example.se", ip="10.2.0.1").status_code == 429
    assert lookup(Client(), "STL-BBBB-BBBB-BBBB", "x@example.se", ip="10.2.0.2").status_code == 200


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [("stl-7kq2-m9xd-4hpa", "STL-7KQ2-M9XD-4HPA"), (" STL 7KQ2 M9XD 4HPA ", "STL-7KQ2-M9XD-4HPA"),
     ("STL7KQ2M9XD4HPA", "STL-7KQ2-M9XD-4HPA"), ("nonsense", "NONSENSE")],
)
def test_reference_is_normalized(typed, normalized):
    assert reference_normalize(typed) == normalized


def test_purging_the_submission_blanks_supplements_and_deletes_their_files(client, submission):
    from reports.triage.services import submission_purge

    lookup(client, submission.reference, "anna@example.se")
    client.post(f"/en/arendestatus/{submission.reference}/", {
        "text": "My new phone number is 070-765 43 21",
        "files": [SimpleUploadedFile("r.pdf", files.PDF, "application/pdf")],
    })
    supplement = Supplement.objects.get()
    assert supplement.text and Attachment.objects.filter(supplement=supplement).exists()
    assert submission_purge(submission=Submission.objects.get(pk=submission.pk))
    supplement.refresh_from_db()
    assert supplement.text == ""
    assert not Attachment.objects.filter(submission=submission).exists()


def test_wrong_email_and_unknown_reference_do_the_same_work(submission):
    """Same queries for both failures (the timing then differs only by noise)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(reference, email):
        with CaptureQueriesContext(connection) as captured:
            lookup(Client(), reference, email)
        return [re.sub(r"'[^']*'", "?", q["sql"]) for q in captured.captured_queries]

    assert queries(submission.reference, "someone@example.se") == queries("STL-0000-0000-0000", "someone@example.se")


@pytest.mark.parametrize("meanwhile", ["purged", "closed"])
def test_a_supplement_that_arrives_after_the_purge_or_closing_is_refused(submission, meanwhile):
    """The page checks that the report takes additions, then checks the files (seconds for five
    photos); a purge or a closing that commits meanwhile must not let the addition in."""
    from reports.status.services import SupplementRefused, supplement_create
    from reports.triage.services import submission_purge

    as_the_page_read_it = Submission.objects.get(pk=submission.pk)
    if meanwhile == "purged":
        assert submission_purge(submission=Submission.objects.get(pk=submission.pk))
    else:
        Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.CLOSED)
    with pytest.raises(SupplementRefused):
        supplement_create(submission=as_the_page_read_it, text="My new phone number is 070-765 43 21",
                          attachments=[])
    assert not Supplement.objects.exists()
    assert not Delivery.objects.filter(source_kind="supplement").exists()


def test_the_page_says_so_when_the_report_closed_while_the_files_were_checked(client, submission, monkeypatch):
    from reports.status import forms as status_forms

    lookup(client, submission.reference, "anna@example.se")
    original_clean = status_forms.SupplementForm.clean

    def clean_then_staff_close(form):  # staff close the case while the files are being checked
        cleaned = original_clean(form)
        Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.CLOSED)
        return cleaned

    monkeypatch.setattr(status_forms.SupplementForm, "clean", clean_then_staff_close)
    response = client.post(f"/en/arendestatus/{submission.reference}/", {"text": "more"}, follow=True)
    assert response.status_code == 200 and not Supplement.objects.exists()
    assert "information can no longer be added here" in response.content.decode()


@pytest.mark.parametrize(("text", "rules"), [
    ("He came back yesterday and threatened me with a knife.", {"threat_text", "weapon_text"}),
    ("Han kom tillbaka och slog mig.", {"violence_text"}),
])
def test_a_supplement_about_violence_or_threats_flags_the_report(client, submission, text, rules):
    """What is added later is screened like the report's own free text: staff see the flag and
    the words in the queue, and the priority is raised (never lowered)."""
    assert not submission.flagged and submission.priority == 3
    lookup(client, submission.reference, "anna@example.se")
    response = client.post(f"/en/arendestatus/{submission.reference}/", {"text": text})
    assert response.status_code == 302
    supplement = Supplement.objects.get()
    submission.refresh_from_db()
    assert submission.flagged and submission.priority == 2
    found = {finding["rule"]: finding for finding in submission.screening}
    assert set(found) == rules
    assert all(finding["level"] == "signal" and finding["words"] and finding["supplement"] == supplement.pk
               for finding in found.values())
    with translation.override("en"):
        shown = render_to_string("triage/screening.html", {"findings": screening_findings(submission)})
    assert "in information the person added after sending" in shown  # staff look in the supplements


@pytest.mark.parametrize("language", ["sv", "en", "ar", "so", "fi", "fa", "uk"])
def test_the_supplement_form_says_an_emergency_is_a_call_to_112(client, submission, language):
    """What is added waits in the queue: the form says where an urgent situation goes, in every language."""
    lookup(client, submission.reference, "anna@example.se")
    prefix = "" if language == "sv" else f"/{language}"
    page = client.get(f"{prefix}/arendestatus/{submission.reference}/").content.decode()
    assert 'class="supplement-urgent"' in page and 'href="tel:112"' in page
    with translation.override(language):
        assert translation.gettext('If the situation becomes urgent, call <a href="tel:112">112</a>.') in page


def test_a_plain_supplement_flags_nothing_and_lowers_no_priority(client, submission):
    Submission.objects.filter(pk=submission.pk).update(priority=1)
    lookup(client, submission.reference, "anna@example.se")
    client.post(f"/en/arendestatus/{submission.reference}/", {"text": "My new phone number is 070-765 43 21"})
    client.post(f"/en/arendestatus/{submission.reference}/", {"text": "They threatened my neighbour too."})
    submission.refresh_from_db()
    assert submission.priority == 1  # already urgent: a signal does not lower it
    assert [finding["rule"] for finding in submission.screening] == ["threat_text"]
