"""Attachments reach staff only through the portal, with a permission check and an audit record."""
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from reports.constants import SubmissionStatus as S
from reports.models import Attachment, StatusChange
from reports.triage import services
from reports.triage.constants import AuditPart
from reports.triage.models import AuditRecord

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 receipt of the bicycle"


@pytest.fixture
def attachment(submission):
    item = Attachment(submission=submission, original_name="kvitto cykel.pdf", content_type="application/pdf",
                      size=len(PDF), sha256="0" * 64)
    item.file.save("kvitto.pdf", ContentFile(PDF), save=True)
    return item


def test_officer_downloads_through_the_portal_and_it_is_logged(client, officer, attachment):
    client.force_login(officer)
    page = client.get(reverse("admin:reports_submission_change", args=[attachment.submission_id])).content.decode()
    url = reverse("triage:attachment", args=[attachment.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    assert response["Cache-Control"].startswith("private")
    assert AuditRecord.objects.filter(user=officer, part=AuditPart.ATTACHMENT, submission=attachment.submission_id,
                                      target=f"reports.attachment:{attachment.pk}").count() == 1


@pytest.mark.parametrize(("who", "status"), [("analyst", 403), (None, 302)])
def test_others_cannot_download(client, request, attachment, who, status):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("triage:attachment", args=[attachment.pk]))
    assert response.status_code == status
    assert AuditRecord.objects.count() == 0


def test_purge_deletes_attachment_files(django_capture_on_commit_callbacks, attachment, officer):
    path = attachment.file.path
    submission = attachment.submission
    services.submission_status_change(submission=submission, to_status=S.REGISTERED, by=officer, case_number="K-7")
    StatusChange.objects.filter(submission=submission).update(created_at=submission.created_at.replace(year=2020))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.submissions_purge(after_days=90) == 1
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    import os

    assert not os.path.exists(path)
