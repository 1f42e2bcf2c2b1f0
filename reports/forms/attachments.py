"""The attachments step (photos, receipts, screenshots) shared by several e-services.

A plain ``<input type="file" multiple>``: no JavaScript needed. Files chosen earlier in the
same wizard run come back from the wizard's upload storage (they are already checked and
cleaned) and can be removed with a checkbox; new files are checked by content and cleaned
(reports.attachments). ``cleaned_data["files"]`` is the full list of ``CleanAttachment``.
"""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reports.attachments import (
    CleanAttachment,
    attachment_check,
    max_bytes,
    max_count,
    size_display,
    too_large_error,
)
from reports.forms.common import StepForm

ACCEPT = ".jpg,.jpeg,.png,.heic,.heif,.pdf,image/jpeg,image/png,image/heic,image/heif,application/pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"  # no "clear" checkbox: removal is our own field


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Checkboxes of earlier files; a value that no longer exists is simply ignored."""

    def validate(self, value):
        return None


def attachments_clean(files: list, *, remove: set[str] = frozenset(), accepted: list | None = None
                      ) -> list[CleanAttachment]:
    """Check every file (earlier ones are read back, new ones checked and cleaned) and the count.

    Raises one ValidationError listing every refused file, so the person sees them all at once;
    ``accepted`` (a list, if given) then receives the files that passed, so they can be kept.
    """
    kept = [f for f in files if not getattr(f, "wizard_tmp_name", "") or f.wizard_tmp_name not in remove]
    if len(kept) > max_count():  # counted before any file is read or decoded
        raise _too_many_error()
    cleaned, errors = [], []
    for upload in files:
        tmp_name = getattr(upload, "wizard_tmp_name", "")
        if tmp_name:
            if tmp_name in remove:
                continue
            upload.seek(0)
            cleaned.append(CleanAttachment(
                name=upload.name, content_type=upload.content_type, content=upload.read(), tmp_name=tmp_name
            ))
            continue
        if upload.size is not None and upload.size > max_bytes():  # refused before it is read into memory
            errors.append(too_large_error(upload.name or ""))
            continue
        try:
            cleaned.append(attachment_check(name=upload.name or "", content=upload.read()))
        except ValidationError as error:
            errors.append(error)
    if errors:
        if accepted is not None:
            accepted.extend(cleaned)
        raise ValidationError(errors)
    return cleaned


def _too_many_error() -> ValidationError:
    return ValidationError(
        ngettext(
            "You can attach at most %(limit)s file. Remove some files and try again.",
            "You can attach at most %(limit)s files. Remove some files and try again.",
            max_count(),
        ),
        code="too_many", params={"limit": max_count()},
    )


def files_help_text() -> str:
    """What a file field accepts, with the configured limits (read per request: they are settings)."""
    return _(
        "Photos (JPEG, PNG or HEIC) or PDF documents. At most %(count)s files of at most %(size)s each. "
        "Information about where a photo was taken is removed."
    ) % {"count": max_count(), "size": size_display(max_bytes())}


class AttachmentsForm(StepForm):
    """Optional files; ``contribute`` hands them to the submission draft."""

    accepts_files = True  # the wizard merges the files kept from earlier visits of this step

    files = MultipleFileField(label=_("Add files (optional)"), required=False)
    remove = LenientMultipleChoiceField(
        label=_("Files you have added"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick a file to remove it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = files_help_text()
        earlier = [f for f in (self.files.getlist(self.add_prefix("files")) if self.files else [])
                   if getattr(f, "wizard_tmp_name", "")]
        if earlier:
            self.fields["remove"].choices = [
                (f.wizard_tmp_name, f"{f.name} ({size_display(f.size or 0)})") for f in earlier
            ]
        else:
            del self.fields["remove"]
        self.accepted_files = []

    def clean(self):
        cleaned = super().clean()
        if "files" in self.errors:
            return cleaned
        remove = set(cleaned.pop("remove", None) or [])
        self.accepted_files = []  # on a refusal: the files that passed, which the wizard keeps
        try:
            cleaned["files"] = attachments_clean(cleaned.get("files") or [], remove=remove,
                                                 accepted=self.accepted_files)
        except ValidationError as error:
            self.add_error("files", error)
        return cleaned

    def contribute(self, draft) -> None:
        draft.attachments = list(self.cleaned_data.get("files") or [])


def attachments_step_form(label: str, help_text: str = "", required: bool = False) -> type[AttachmentsForm]:
    """An attachments step with its own label (\"Photos of the damage\"), optionally required."""

    class ServiceAttachmentsForm(AttachmentsForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["files"].label = label
            if help_text:
                self.fields["files"].help_text = f"{help_text} {self.fields['files'].help_text}"

        def clean(self):
            cleaned = super().clean()
            if required and not self.errors.get("files") and not cleaned.get("files"):
                self.add_error("files", _("Add at least one file."))
            return cleaned

    ServiceAttachmentsForm.__name__ = "ServiceAttachmentsForm"
    return ServiceAttachmentsForm


# The attachments steps of the e-services (reports/catalogue/*.py).
ReceiptsForm = attachments_step_form(
    _("Receipts, proof of purchase or photos (optional)"),
    _("A receipt or a photo helps your insurance company and the police identify what was stolen."),
)
DamagePhotosForm = attachments_step_form(
    _("Photos of the damage (optional)"), _("Photos help the police and your insurance company."),
)
BurglaryPhotosForm = attachments_step_form(
    _("Photos (optional)"), _("For example of the damage where they got in, or receipts for what was taken."),
)
ScreenshotsForm = attachments_step_form(
    _("Screenshots or bank statements (optional)"),
    _("Showing the transactions you did not make. Hide full card numbers: the last four digits are enough."),
)
TipFilesForm = attachments_step_form(
    _("Photos, screenshots or documents (optional)"),
    _("Only add files you have the right to share."),
)
