"""Attachments: checking a file by its content, re-encoding images without metadata, storing.

What the portal accepts is decided by the bytes, never by the file name or the type the
browser declared: JPEG, PNG and HEIC images (opened and verified by Pillow) and PDF documents
(``%PDF-`` header and a sanity parse). Anything else, a renamed program in particular, is
refused with a message that says why. Images are decoded and encoded again with the EXIF
orientation applied, which drops every piece of metadata (EXIF with GPS positions, XMP, IPTC,
ICC profiles, comments): a photo taken at home must not tell anyone where home is. HEIC, which
few staff computers can open, becomes JPEG.

The wizard keeps uploads between steps in ``WIZARD_UPLOADS`` (``<PORTAL_VAR_DIR>/wizard-uploads``,
not public, purged after a day); submitted files end up in ``Attachment.file`` under MEDIA_ROOT
with random names.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from reports.privacy import mask_card_numbers

logger = logging.getLogger(__name__)

try:  # HEIC support: phones take HEIC photos
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - pinned in requirements/base.txt
    pillow_heif = None

JPEG = "image/jpeg"
PNG = "image/png"
PDF = "application/pdf"
HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
PROGRAM_SIGNATURES = (b"\x7fELF", b"MZ", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")
PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")


@dataclass
class CleanAttachment:
    """A checked (and for images re-encoded) file, ready to be stored.

    ``name`` and ``read`` let the wizard's answers keep just the file name (drafting).
    ``tmp_name`` is set when the file already lies in the wizard's upload storage.
    """

    name: str
    content_type: str
    content: bytes
    tmp_name: str = ""

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def read(self) -> bytes:
        return self.content


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def max_count() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_COUNT", 5))


def size_display(size: int) -> str:
    """10485760 → "10 MB"; 1536 → "1.5 kB" (binary units, as file managers show them)."""
    for unit, factor in (("MB", 1024 * 1024), ("kB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} B"


def display_name(name: str) -> str:
    """The citizen's file name without any path, card numbers masked, at most 150 characters."""
    name = re.split(r"[\\/]", name or "")[-1].strip().replace("\x00", "") or "file"
    return mask_card_numbers(name)[-150:]


def too_large_error(name: str) -> ValidationError:
    """The refusal of a file over ATTACHMENT_MAX_BYTES, naming the file and the limit."""
    return ValidationError(
        _("The file %(name)s is too large. Each file can be at most %(limit)s."),
        code="too_large", params={"name": display_name(name), "limit": size_display(max_bytes())},
    )


def attachment_check(*, name: str, content: bytes) -> CleanAttachment:
    """Check one uploaded file by its content and return it cleaned; ValidationError if refused.

    Images come back re-encoded (orientation applied, no metadata; HEIC as JPEG); PDFs as they
    were after a sanity check. The error messages name the file and, for size, the limit.
    """
    shown = display_name(name)
    if len(content) > max_bytes():
        raise too_large_error(name)
    if not content:
        raise ValidationError(_("The file %(name)s is empty."), code="empty", params={"name": shown})
    head = content[:16]
    if head.startswith(PROGRAM_SIGNATURES):
        raise ValidationError(
            _("The file %(name)s is a program, not a photo or a document. Programs cannot be attached."),
            code="program", params={"name": shown},
        )
    if head.startswith(b"%PDF-"):
        return _pdf_check(shown, content)
    if head.startswith(b"\xff\xd8\xff"):
        return _image_clean(shown, content, "JPEG")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _image_clean(shown, content, "PNG")
    if content[4:8] == b"ftyp" and content[8:12] in HEIC_BRANDS:
        return _image_clean(shown, content, "HEIF")
    raise ValidationError(
        _("The file %(name)s is not a JPEG, PNG or HEIC photo or a PDF document."),
        code="type", params={"name": shown},
    )


def _unreadable(name: str) -> ValidationError:
    return ValidationError(
        _("The file %(name)s could not be read. It may be damaged. Try saving it again or choose another file."),
        code="unreadable", params={"name": name},
    )


def _image_clean(name: str, content: bytes, kind: str) -> CleanAttachment:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
                as_png = kind == "PNG"
                has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
                if as_png:
                    mode = "RGBA" if has_alpha else ("L" if upright.mode in ("1", "L") else "RGB")
                else:
                    mode = "L" if upright.mode in ("1", "L") else "RGB"
                converted = upright.convert(mode)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        logger.info("attachment_unreadable kind=%s error=%s", kind, type(exc).__name__)
        raise _unreadable(name) from exc
    # A new image from the pixels alone: no EXIF, XMP, IPTC, ICC, comments or text chunks.
    clean = Image.frombytes(mode, converted.size, converted.tobytes())
    out = io.BytesIO()
    if as_png:
        clean.save(out, "PNG", optimize=True)
        extension, content_type = "png", PNG
    else:
        clean.save(out, "JPEG", quality=90, optimize=True)
        extension, content_type = "jpg", JPEG
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return CleanAttachment(name=f"{stem}.{extension}", content_type=content_type, content=out.getvalue())


def _pdf_check(name: str, content: bytes) -> CleanAttachment:
    """Header, version, cross-reference and end marker must be there; no scripts or launchers."""
    tail = content[-2048:]
    if not re.match(rb"%PDF-[12]\.\d", content[:8]) or b"%%EOF" not in tail or b"startxref" not in tail:
        raise _unreadable(name)
    if b" obj" not in content and b"\nobj" not in content and b"\robj" not in content:
        raise _unreadable(name)
    if PDF_ACTIVE_CONTENT.search(content):
        raise ValidationError(
            _("The PDF file %(name)s contains scripts or embedded files, which we cannot accept. "
              "Print it to a new PDF file or take a screenshot instead."),
            code="pdf_active", params={"name": name},
        )
    if not name.lower().endswith(".pdf"):
        name = f"{name}.pdf"
    return CleanAttachment(name=name, content_type=PDF, content=content)


def attachments_store(*, submission, attachments: list[CleanAttachment], supplement=None) -> list:
    """Create the Attachment rows (random file names under MEDIA_ROOT). Call inside a transaction."""
    from reports.models import Attachment

    stored = []
    for clean in attachments:
        attachment = Attachment(
            submission=submission,
            supplement=supplement,
            original_name=clean.name[:200],
            content_type=clean.content_type,
            size=clean.size,
            sha256=clean.sha256,
        )
        attachment.file.save(clean.name, ContentFile(clean.content), save=False)
        attachment.save()
        stored.append(attachment)
        logger.info(
            "attachment_stored attachment_id=%s submission_id=%s supplement_id=%s",
            attachment.pk, submission.pk, getattr(supplement, "pk", None),
        )
    return stored


class VarDirStorage(FileSystemStorage):
    """Files under ``<PORTAL_VAR_DIR>/<subdir>``, resolved when used (tests move PORTAL_VAR_DIR)."""

    def __init__(self, subdir: str):
        self.subdir = subdir
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return Path(settings.PORTAL_VAR_DIR) / self.subdir

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def deconstruct(self):  # pragma: no cover - never used on a model field
        return ("reports.attachments.VarDirStorage", (self.subdir,), {})


WIZARD_UPLOADS = VarDirStorage("wizard-uploads")
DRAFT_UPLOADS = VarDirStorage("draft-uploads")


def wizard_uploads_purge(*, older_than_seconds: int = 24 * 3600) -> int:
    """Delete the wizard's step files older than a day: runs that were never finished."""
    root = Path(WIZARD_UPLOADS.location)
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than_seconds
    deleted = 0
    for path in root.rglob("*"):
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    logger.info("wizard_uploads_purged count=%s", deleted)
    return deleted
