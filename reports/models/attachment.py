"""Files a citizen attached to a submission or to a later supplement.

The file on disk has a random name under MEDIA_ROOT (outside the web root, never served
directly); the name the citizen gave it is kept only as ``original_name`` for display.
Images have been re-encoded without metadata before they get here (reports.attachments).
"""
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def attachment_path(instance, filename: str) -> str:
    """``attachments/YYYY/MM/<random>.<ext>``: never the citizen's file name on disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if extension not in {"jpg", "png", "pdf"}:
        extension = "bin"
    now = timezone.now()
    return f"attachments/{now:%Y/%m}/{secrets.token_hex(16)}.{extension}"


class Attachment(models.Model):
    submission = models.ForeignKey(
        "reports.Submission", on_delete=models.CASCADE, related_name="attachments", verbose_name=_("submission")
    )
    supplement = models.ForeignKey(
        "reports.Supplement", null=True, blank=True, on_delete=models.CASCADE,
        related_name="attachments", verbose_name=_("supplement"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=60)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["submission", "created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
