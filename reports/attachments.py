"""Attachments: checking a file by its content, re-encoding images without metadata, storing.

What the portal accepts is decided by the bytes, never by the file name or the type the
browser declared: JPEG, PNG and HEIC images (opened and verified by Pillow, their pixel count
checked before anything is decoded) and PDF documents (parsed with pypdf; scripts, actions and
embedded files refused). Anything else, a renamed program in particular, is
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
# Names that make a PDF act on its own: scripts, actions run on opening or on events, programs
# launched, files embedded, forms sent, XFA forms (which carry scripts).
PDF_ACTIVE_KEYS = frozenset({
    "/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA",
    "/SubmitForm", "/ImportData",
})
# Action types (/S) a document may not carry; /GoTo (a page) and /URI (a link the reader clicks) are fine.
PDF_ACTIVE_ACTIONS = frozenset({
    "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/RichMediaExecute",
    "/Rendition", "/Movie", "/Sound", "/Hide", "/SetOCGState", "/Trans", "/GoTo3DView",
})
PDF_ACTIVE_BYTES = re.compile(
    rb"/(JavaScript|JS|AA|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)(?![A-Za-z0-9])"
)
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_MAX_OBJECTS = 200_000  # more than any scan or statement; a bound on the time a check takes


@dataclass
class CleanAttachment:
    """A checked (and for images re-encoded) file, ready to be stored.

    ``name`` and ``read`` let the wizard's answers keep just the file name (reports.wizard.answers).
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


def max_pixels() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_PIXELS", 50_000_000))


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


def _too_many_pixels(name: str) -> ValidationError:
    return ValidationError(
        _("The photo %(name)s has too many pixels (at most %(megapixels)s megapixels). "
          "Send a smaller copy of it, for example a screenshot."),
        code="too_many_pixels", params={"name": name, "megapixels": max_pixels() // 1_000_000},
    )


def _image_clean(name: str, content: bytes, kind: str) -> CleanAttachment:
    """Re-encode the pixels alone. The size in the header is checked before anything is decoded:
    a small file can declare a huge image (a 230 kB PNG of 9000 × 9000 pixels needs 1.6 GB)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                width, height = probe.size
                if width * height > max_pixels():
                    logger.info("attachment_too_many_pixels kind=%s width=%s height=%s", kind, width, height)
                    raise _too_many_pixels(name)
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                ImageOps.exif_transpose(image, in_place=True)
                as_png = kind == "PNG"
                has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                if as_png:
                    mode = "RGBA" if has_alpha else ("L" if image.mode in ("1", "L") else "RGB")
                else:
                    mode = "L" if image.mode in ("1", "L") else "RGB"
                converted = image if image.mode == mode else image.convert(mode)
                size, pixels = converted.size, converted.tobytes()
                del converted
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        logger.info("attachment_unreadable kind=%s error=%s", kind, type(exc).__name__)
        raise _unreadable(name) from exc
    # A new image from the pixels alone: no EXIF, XMP, IPTC, ICC, comments or text chunks.
    # At most two copies of the pixels live at once (the decoded image, then the bytes and
    # the new image), so memory is bounded by ATTACHMENT_MAX_PIXELS.
    clean = Image.frombytes(mode, size, pixels)
    del pixels
    out = io.BytesIO()
    if as_png:
        clean.save(out, "PNG", compress_level=6)
        extension, content_type = "png", PNG
    else:
        clean.save(out, "JPEG", quality=90, optimize=True)
        extension, content_type = "jpg", JPEG
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return CleanAttachment(name=f"{stem}.{extension}", content_type=content_type, content=out.getvalue())


def _pdf_refused(name: str) -> ValidationError:
    return ValidationError(
        _("The PDF file %(name)s contains scripts or embedded files, which we cannot accept. "
          "Print it to a new PDF file or take a screenshot instead."),
        code="pdf_active", params={"name": name},
    )


def _pdf_active_names_in_bytes(content: bytes) -> bool:
    """Any active name in the raw bytes, with ``#xx`` escapes decoded (``/J#61vaScript``).

    Catches objects the parser does not reach (orphans a lenient reader may still find).
    """
    decoded = PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), content)
    return PDF_ACTIVE_BYTES.search(decoded) is not None


def _pdf_active(value, seen: set, budget: list[int]) -> bool:
    """Walk a parsed PDF value (dictionaries, arrays, streams' dictionaries, references)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack = [value]
    while stack:
        budget[0] -= 1
        if budget[0] < 0:
            raise ValueError("too many PDF objects")
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # also a StreamObject's dictionary
            if PDF_ACTIVE_KEYS.intersection(str(k) for k in item.keys()):
                return True
            if str(item.get("/S", "")) in PDF_ACTIVE_ACTIONS:
                return True
            opening = item.get("/OpenAction")
            if opening is not None and isinstance(opening.get_object(), DictionaryObject):
                if str(opening.get_object().get("/S", "")) != "/GoTo":
                    return True
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def _pdf_check(name: str, content: bytes) -> CleanAttachment:
    """Parse the PDF (pypdf) and refuse anything that acts on its own: JavaScript, actions run
    on opening or on events, launched programs, embedded files, forms that send data.

    The parser decodes what a byte search misses (``/J#61vaScript``, names inside compressed
    object streams); a search of the raw bytes with escapes decoded backs it up. A file the
    parser cannot read, or that is encrypted, is refused as unreadable.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not re.match(rb"%PDF-[12]\.\d", content[:8]):
        raise _unreadable(name)
    if _pdf_active_names_in_bytes(content):
        raise _pdf_refused(name)
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.CRITICAL)  # a damaged file's parser warnings are not ours to log
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValueError("encrypted")
        if len(reader.pages) < 1:
            raise ValueError("no pages")
        seen: set = set()
        budget = [PDF_MAX_OBJECTS]
        roots = [reader.trailer]
        roots.extend(reader.get_object(number) for number in sorted(_pdf_object_numbers(reader)))
        active = any(_pdf_active(root, seen, budget) for root in roots if root is not None)
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError,
            AssertionError, OSError, MemoryError) as exc:
        logger.info("attachment_unreadable kind=PDF error=%s", type(exc).__name__)
        raise _unreadable(name) from exc
    finally:
        pypdf_logger.setLevel(level)
    if active:
        logger.info("attachment_pdf_active_refused")
        raise _pdf_refused(name)
    if not name.lower().endswith(".pdf"):
        name = f"{name}.pdf"
    return CleanAttachment(name=name, content_type=PDF, content=content)


def _pdf_object_numbers(reader) -> set[int]:
    """Every object number the cross-reference knows, in the table and in object streams."""
    numbers = set()
    for table in getattr(reader, "xref", {}).values():
        numbers.update(table)
    numbers.update(getattr(reader, "xref_objStm", {}))
    numbers.discard(0)
    return numbers


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
