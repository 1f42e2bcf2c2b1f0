"""Staff views outside the admin's model pages: attachments, served through the portal only."""
from __future__ import annotations

from django.http import FileResponse, Http404
from django.views.decorators.cache import never_cache

from reports.models import Attachment
from reports.triage import services
from reports.triage.access import staff_required
from reports.triage.constants import AuditPart


@never_cache
@staff_required("reports.view_submission")
def attachment_download(request, pk: int):
    """Send one attachment to a staff member allowed to see the submission's personal data.

    Uploaded files are never served directly (MEDIA_URL is None): this view checks the
    permission, logs the opening and sends the file as a download, never rendered inline.
    Behind the staff guard (``reports.triage.access``: second factor and permission).
    """
    attachment = Attachment.objects.select_related("submission").filter(pk=pk).first()
    if attachment is None or not attachment.file or attachment.submission.purged_at is not None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    services.audit_record_create(
        user=request.user, submission=attachment.submission, part=AuditPart.ATTACHMENT,
        target=f"reports.attachment:{attachment.pk}",
    )
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name or f"attachment-{attachment.pk}",
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
