from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportDraft(models.Model):
    """A paused wizard run: what the person had typed, encrypted, until ``expires_at``.

    ``payload`` is a Fernet token (key derived from SECRET_KEY by HKDF) holding the wizard's
    session data and the gate state; the uploaded files it refers to are stored encrypted
    too, under ``file_names``. Only a SHA-256 of the resume token is kept, so a database
    copy alone opens nothing. The e-mail address the link went to is not stored.
    """

    service = models.SlugField(_("service"), max_length=40)
    token_hash = models.CharField(max_length=64, unique=True)
    payload = models.BinaryField()
    file_names = models.JSONField(default=list, blank=True)
    step = models.CharField(_("step"), max_length=40)
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("saved draft")
        verbose_name_plural = _("saved drafts")

    def __str__(self) -> str:
        return f"{self.service} {self.created_at:%Y-%m-%d %H:%M}"
