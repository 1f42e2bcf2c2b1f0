from django.db import models
from django.utils.translation import gettext_lazy as _


class Supplement(models.Model):
    """More information a citizen added to a submission later, through the status page.

    ``text`` has had card numbers masked (reports.privacy) before it was saved; files hang
    off ``attachments``. A supplement is delivered to the case system as its own outbox row.
    """

    submission = models.ForeignKey(
        "reports.Submission", on_delete=models.CASCADE, related_name="supplements", verbose_name=_("submission")
    )
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("supplement")
        verbose_name_plural = _("supplements")
        ordering = ["submission", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.created_at:%Y-%m-%d %H:%M}"
