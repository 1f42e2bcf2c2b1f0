"""Save and continue later: an encrypted draft, a resume link by e-mail, expiry and purge."""
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from reports.attachments import DRAFT_UPLOADS
from reports.models import Attachment, ReportDraft, Submission
from reports.resume.services import drafts_purge
from tests.reports import files
from tests.reports.helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE, pass_gate, step_post, token_from
from tests.reports.test_attachments import THEFT_GATE

pytestmark = pytest.mark.django_db


def save_midway(client, prefix="/en"):
    """Theft up to "About you" with a file attached; the name typed, then "Save for later"."""
    pass_gate(client, "stold", THEFT_GATE, prefix)
    step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE, prefix)
    step_post(client, "stold", "foremal", THEFT_ITEMS, prefix)
    step_post(client, "stold", "bilagor", {
        "bilagor-files": [SimpleUploadedFile("receipt.pdf", files.PDF, "application/pdf")],
    }, prefix)
    response = step_post(client, "stold", "om-dig", {"om-dig-name": "Beata Berg", "save_for_later": "1"}, prefix)
    assert response.status_code == 302 and response["Location"] == f"{prefix}/stold/spara/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    response = client.post(f"{prefix}/stold/spara/", {"email": "beata@example.se"})
    assert response.status_code == 200
    assert "We have sent a link to beata@example.se." in response.content.decode() or prefix == ""
    [message] = mail.outbox
    assert message.to == ["beata@example.se"]
    link = re.search(r"https?://\S+/fortsatt/\S+/", message.body).group(0)
    return message, link


def test_resumed_draft_continues_where_it_stopped(django_capture_on_commit_callbacks):
    message, link = save_midway(Client())
    assert "Continue your report: Report a theft" == message.subject
    assert "/en/fortsatt/" in link  # in the language of the page the person used
    draft = ReportDraft.objects.get()
    assert draft.step == "om-dig" and draft.expires_at - timezone.now() > timedelta(days=6, hours=23)
    raw = bytes(draft.payload)
    assert b"Beata" not in raw and b"Drottninggatan" not in raw  # encrypted
    assert link.rsplit("/", 2)[-2] not in draft.token_hash  # only a hash of the token is kept
    assert all(files.PDF not in DRAFT_UPLOADS.open(n).read() for n in draft.file_names)

    other_browser = Client()  # a new session: no gate state, no wizard state
    response = other_browser.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert response.status_code == 302 and response["Location"] == "/en/stold/steg/om-dig/"
    page = other_browser.get(response["Location"]).content.decode()
    assert 'value="Beata Berg"' in page  # the same step, with what was typed
    page = other_browser.get("/en/stold/steg/nar-var/").content.decode()
    assert "Drottninggatan 1" in page
    assert "receipt.pdf" in other_browser.get("/en/stold/steg/bilagor/").content.decode()

    about_you = {**THEFT_ABOUT_YOU, "om-dig-preferred_language": "en"}
    response = step_post(other_browser, "stold", "om-dig", about_you, "/en")
    check = other_browser.get(response["Location"])
    with django_capture_on_commit_callbacks(execute=True):
        response = step_post(other_browser, "stold", "granska", {
            "granska-token": token_from(check), "granska-confirm": "on",
        }, "/en")
        response = other_browser.get(response["Location"])
    assert "/kvitto/" in response["Location"]
    submission = Submission.objects.get()
    assert submission.answers["nar-var"]["address"] == "Drottninggatan 1"
    assert Attachment.objects.get(submission=submission).file.read() == files.PDF
    assert not ReportDraft.objects.exists()  # sent: the draft and its files are gone
    assert not any(DRAFT_UPLOADS.exists(n) for n in draft.file_names)


def test_expired_and_unknown_links_say_so_the_same_way():
    _message, link = save_midway(Client())
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    ReportDraft.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = Client().get(path)
    fake = "x" * 43
    unknown = Client().get(f"/en/fortsatt/{fake}/")
    for response in (expired, unknown):
        assert response.status_code == 404
        assert "The link has expired or is not valid." in response.content.decode()
    token = path.rstrip("/").rsplit("/", 1)[1]
    # nothing tells them apart (but the token itself, in the language switch's link)
    assert expired.content.decode().replace(token, fake) == unknown.content.decode()


def test_purge_deletes_expired_drafts_and_their_files():
    save_midway(Client())
    mail.outbox.clear()
    save_midway(Client())
    old, new = ReportDraft.objects.order_by("pk")
    ReportDraft.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert old.file_names and all(DRAFT_UPLOADS.exists(n) for n in old.file_names)
    assert drafts_purge() == 1
    assert list(ReportDraft.objects.values_list("pk", flat=True)) == [new.pk]
    assert not any(DRAFT_UPLOADS.exists(n) for n in old.file_names)
    assert all(DRAFT_UPLOADS.exists(n) for n in new.file_names)


def test_save_page_needs_an_email_address_and_keeps_the_wizard():
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    response = step_post(client, "stold", "nar-var", {"nar-var-address": "Half typed", "save_for_later": "1"}, "/en")
    assert response["Location"] == "/en/stold/spara/"
    response = client.post("/en/stold/spara/", {"email": "not an address"})
    assert response.status_code == 200
    assert "Write the e-mail address in the form name@example.se." in response.content.decode()
    assert not ReportDraft.objects.exists()
    assert 'value="Half typed"' in client.get("/en/stold/steg/nar-var/").content.decode()


def test_save_page_without_a_started_report_goes_to_the_gate():
    response = Client().get("/en/stold/spara/")
    assert response.status_code == 302 and response["Location"] == "/en/stold/"


def test_mail_server_down_keeps_nothing_and_says_try_again(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    client = Client()
    pass_gate(client, "stold", THEFT_GATE, "/en")
    step_post(client, "stold", "nar-var", {**THEFT_WHEN_WHERE, "save_for_later": "1"}, "/en")
    response = client.post("/en/stold/spara/", {"email": "beata@example.se"})
    assert response.status_code == 200
    assert "We could not send the e-mail just now. Try again in a few minutes." in response.content.decode()
    assert not ReportDraft.objects.exists()


def save_after_the_check_page(first) -> str:
    """Theft to the check page (its submission token made), then "Save for later" on "About you"
    still open in another tab; returns the resume link's path."""
    pass_gate(first, "stold", THEFT_GATE, "/en")
    step_post(first, "stold", "nar-var", THEFT_WHEN_WHERE, "/en")
    step_post(first, "stold", "foremal", THEFT_ITEMS, "/en")
    step_post(first, "stold", "bilagor", {}, "/en")
    response = step_post(first, "stold", "om-dig", THEFT_ABOUT_YOU, "/en")
    assert first.get(response["Location"]).status_code == 200
    response = step_post(first, "stold", "om-dig", {**THEFT_ABOUT_YOU, "save_for_later": "1"}, "/en")
    assert first.post(response["Location"], {"email": "beata@example.se"}).status_code == 200
    link = re.search(r"https?://\S+/fortsatt/\S+/", mail.outbox[-1].body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_the_link_opened_in_two_browsers_sends_what_each_of_them_sent(django_capture_on_commit_callbacks):
    """Each browser that opens the link is a report of its own: the second one's changes are not
    answered with the first one's receipt (the submission token protects a double click only)."""
    path = save_after_the_check_page(Client())
    phone, laptop = Client(), Client()
    for browser in (phone, laptop):
        assert browser.get(path).status_code == 302
    for browser, name in ((phone, "Beata Berg"), (laptop, "Beata Berg-Lind")):
        response = step_post(browser, "stold", "om-dig", {**THEFT_ABOUT_YOU, "om-dig-name": name}, "/en")
        check = browser.get(response["Location"])
        with django_capture_on_commit_callbacks(execute=True):
            response = step_post(browser, "stold", "granska", {
                "granska-token": token_from(check), "granska-confirm": "on",
            }, "/en")
            assert "/kvitto/" in browser.get(response["Location"])["Location"]
    assert sorted(Submission.objects.values_list("reporter_name", flat=True)) == ["Beata Berg", "Beata Berg-Lind"]
