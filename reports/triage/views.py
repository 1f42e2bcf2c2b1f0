"""Staff views outside the admin's model pages: attachments, served through the portal only."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from reports.models import Attachment
from reports.triage import services
from reports.triage.constants import AuditPart


def attachment_download(request, pk: int):
    """Send one attachment to a staff member allowed to see the submission's personal data.

    Uploaded files are never served directly (MEDIA_URL is None): this view checks the
    permission, logs the opening and sends the file as a download, never rendered inline.
    Wrapped in ``admin.site.admin_view`` (the login and second factor) in urls.py.
    """
    if not request.user.has_perm("reports.view_submission"):
        raise PermissionDenied
    attachment = Attachment.objects.select_related("submission").filter(pk=pk).first()
    if attachment is None or not attachment.file or attachment.submission.purged_at is not None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    services.audit_record_create(
        user=request.user, submission=attachment.submission, part=AuditPart.ATTACHMENT,
        detail=f"attachment_id={attachment.pk}",
    )
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name or f"attachment-{attachment.pk}",
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
