"""Attachments: checked by content, images re-encoded without metadata, kept between steps."""
import io
import os
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from reports.attachments import WIZARD_UPLOADS, attachment_check, wizard_uploads_purge
from reports.delivery.models import Delivery
from reports.models import Attachment, Submission
from tests.reports import files
from tests.reports.helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE, pass_gate, step_post, token_from

THEFT_GATE = {
    "in_progress": "no", "danger": "no", "violence": "no", "vehicle": "no", "id_document": "no",
    "weapon": "no", "knows_suspect": "no", "protected_identity": "no", "has_identity_number": "yes",
}


# -- the checks themselves ---------------------------------------------------------------------
def test_photo_with_gps_exif_comes_out_without_metadata_and_upright():
    original = files.jpeg_with_gps(width=40, height=20, orientation=6)
    with Image.open(io.BytesIO(original)) as before:
        exif = before.getexif()
        assert exif.get_ifd(0x8825)[2] == (59.0, 19.0, 46.0)  # the GPS position is really there
        assert exif[0x0112] == 6 and before.size == (40, 20)
    assert b"SecretPhone" in original and b"http://ns.adobe.com/xap" in original

    clean = attachment_check(name="IMG_0001.jpg", content=original)

    assert clean.content_type == "image/jpeg" and clean.name == "IMG_0001.jpg"
    with Image.open(io.BytesIO(clean.content)) as after:
        assert after.format == "JPEG"
        assert after.size == (20, 40)  # orientation applied: width and height swapped
        assert len(after.getexif()) == 0
        assert "exif" not in after.info and "xmp" not in after.info and "icc_profile" not in after.info
        # rotated 90° clockwise: the blue left half is now the top half
        assert after.getpixel((10, 5))[2] > 150 and after.getpixel((10, 35))[0] > 150
    for marker in (b"Exif", b"SecretPhone", b"http://ns.adobe.com/xap", b"GPS"):
        assert marker not in clean.content


def test_png_text_chunks_are_removed_and_png_is_kept():
    clean = attachment_check(name="screen.png", content=files.png_with_text())
    assert clean.content_type == "image/png"
    assert b"Storgatan" not in clean.content
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.format == "PNG" and image.mode == "RGBA" and image.size == (10, 12)


def test_heic_is_accepted_and_stored_as_jpeg():
    content = files.heic()
    assert content[4:12] == b"ftypheic"
    clean = attachment_check(name="IMG_4711.HEIC", content=content)
    assert clean.content_type == "image/jpeg" and clean.name == "IMG_4711.jpg"
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.format == "JPEG" and image.size == (32, 16)


def test_pdf_is_accepted_as_it_is():
    clean = attachment_check(name="kvitto", content=files.PDF)
    assert clean.content_type == "application/pdf" and clean.name == "kvitto.pdf" and clean.content == files.PDF


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("photo.jpg", files.ELF, "program", "is a program, not a photo or a document"),
        ("photo.jpg", files.WINDOWS_PE, "program", "is a program, not a photo or a document"),
        ("receipt.pdf", b"#!/bin/sh\nrm -rf /\n", "program", "is a program"),
        ("photo.jpg", b"GIF89a" + b"\x00" * 50, "type", "is not a JPEG, PNG or HEIC photo or a PDF document"),
        ("notes.pdf", b"just some text", "type", "is not a JPEG, PNG or HEIC photo or a PDF document"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "unreadable", "could not be read"),
        ("broken.pdf", files.PDF[:120], "unreadable", "could not be read"),
        ("script.pdf", files.PDF_WITH_SCRIPT, "pdf_active", "contains scripts or embedded files"),
        ("empty.png", b"", "empty", "is empty"),
    ],
)
def test_refused_files_say_why(name, content, code, message):
    with translation.override("en"), pytest.raises(ValidationError) as caught:  # messages asserted in English
        attachment_check(name=name, content=content)
    error = caught.value.error_list[0]
    assert error.code == code
    assert message in error.message % error.params
    assert name in error.message % error.params


def test_oversized_file_names_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        attachment_check(name="big.pdf", content=files.PDF + b"%" * 3000)
    error = caught.value.error_list[0]
    assert error.code == "too_large"
    assert error.message % error.params == "The file big.pdf is too large. Each file can be at most 2 kB."


# -- through the wizard ------------------------------------------------------------------------
def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def walk_to_attachments(client):
    assert pass_gate(client, "stold", THEFT_GATE, "/en").status_code == 302
    assert step_post(client, "stold", "nar-var", THEFT_WHEN_WHERE, "/en").status_code == 302
    response = step_post(client, "stold", "foremal", THEFT_ITEMS, "/en")
    assert response["Location"].endswith("/stold/steg/bilagor/")


def submit(client, django_capture_on_commit_callbacks):
    response = step_post(client, "stold", "om-dig", {**THEFT_ABOUT_YOU, "om-dig-preferred_language": "en"}, "/en")
    assert response.status_code == 302, response.content.decode()[:2000]
    check = client.get(response["Location"])
    token = token_from(check)
    with django_capture_on_commit_callbacks(execute=True):
        response = step_post(client, "stold", "granska", {"granska-token": token, "granska-confirm": "on"}, "/en")
        response = client.get(response["Location"])
    assert "/kvitto/" in response["Location"]
    return check


@pytest.mark.django_db
def test_files_survive_going_back_and_forth_and_become_attachments(client, django_capture_on_commit_callbacks):
    walk_to_attachments(client)
    photo = files.jpeg_with_gps()
    response = step_post(client, "stold", "bilagor", {
        "bilagor-files": [upload("bike.jpg", photo, "image/jpeg"), upload("receipt.pdf", files.PDF)],
    }, "/en")
    assert response.status_code == 302
    stored = list(Path(WIZARD_UPLOADS.location).iterdir())
    assert len(stored) == 2 and not any("bike" in p.name or "receipt" in p.name for p in stored)
    assert not any(b"SecretPhone" in p.read_bytes() for p in stored)  # cleaned before it is kept

    # Back to the items, forward again: the attachments page still lists both files.
    response = step_post(client, "stold", "om-dig", {"wizard_goto_step": "bilagor"}, "/en")
    response = step_post(client, "stold", "bilagor", {"wizard_goto_step": "foremal"}, "/en")
    assert response["Location"].endswith("/stold/steg/foremal/")
    response = step_post(client, "stold", "foremal", THEFT_ITEMS, "/en")
    page = client.get(response["Location"]).content.decode()
    assert "bike.jpg" in page and "receipt.pdf" in page
    response = step_post(client, "stold", "bilagor", {}, "/en")  # no new files: the earlier ones stay
    assert response.status_code == 302

    check = submit(client, django_capture_on_commit_callbacks)
    assert "bike.jpg, receipt.pdf" in check.content.decode()  # listed on the check page
    submission = Submission.objects.get()
    attachments = list(submission.attachments.order_by("original_name"))
    assert [a.original_name for a in attachments] == ["bike.jpg", "receipt.pdf"]
    assert attachments[1].file.read() == files.PDF
    photo_row = attachments[0]
    assert photo_row.content_type == "image/jpeg" and photo_row.size == photo_row.file.size
    content = photo_row.file.read()
    assert b"SecretPhone" not in content and Image.open(io.BytesIO(content)).size == (20, 40)
    assert "bike" not in photo_row.file.name and photo_row.file.name.startswith("attachments/")
    import hashlib

    assert photo_row.sha256 == hashlib.sha256(content).hexdigest()
    delivery = Delivery.objects.get(source_kind="submission", source_id=submission.pk)
    assert {a["sha256"] for a in delivery.payload["attachments"]} == {a.sha256 for a in attachments}
    assert submission.answers["bilagor"] == {"files": ["bike.jpg", "receipt.pdf"]}


@pytest.mark.django_db
def test_a_file_can_be_removed_and_more_added(client, django_capture_on_commit_callbacks):
    walk_to_attachments(client)
    step_post(client, "stold", "bilagor", {"bilagor-files": [upload("a.pdf", files.PDF)]}, "/en")
    client.get("/en/stold/steg/bilagor/")
    [tmp_name] = client.session["wizard_report_stold"]["step_files"]["bilagor"]["bilagor-files"]
    response = step_post(client, "stold", "bilagor", {
        "bilagor-remove": [tmp_name["tmp_name"]], "bilagor-files": [upload("b.png", files.png_with_text())],
    }, "/en")
    assert response.status_code == 302
    assert not WIZARD_UPLOADS.exists(tmp_name["tmp_name"])  # the removed file is deleted at once
    submit(client, django_capture_on_commit_callbacks)
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["b.png"]


@pytest.mark.django_db
def test_oversized_file_error_names_the_limit_and_keeps_the_answers(client, settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    walk_to_attachments(client)
    step_post(client, "stold", "bilagor", {"bilagor-files": [upload("small.pdf", files.PDF)]}, "/en")
    client.get("/en/stold/steg/bilagor/")
    response = step_post(client, "stold", "bilagor", {
        "bilagor-files": [upload("holiday.jpg", files.PDF + b"%" * 5000)],
    }, "/en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file holiday.jpg is too large. Each file can be at most 2 kB." in page
    assert 'href="#id_bilagor-files"' in page  # in the error summary, linked to the field
    assert "small.pdf" in page  # the file added before is still there
    # the other steps' answers are kept
    page = client.get("/en/stold/steg/nar-var/").content.decode()
    assert "Drottninggatan 1" in page
    page = client.get("/en/stold/steg/foremal/").content.decode()
    assert "Crescent Elis" in page


@pytest.mark.django_db
def test_good_files_sent_with_a_refused_one_are_kept(client, settings, django_capture_on_commit_callbacks):
    settings.ATTACHMENT_MAX_BYTES = 2048
    walk_to_attachments(client)
    response = step_post(client, "stold", "bilagor", {
        "bilagor-files": [upload("good.pdf", files.PDF), upload("huge.pdf", files.PDF + b"%" * 5000)],
    }, "/en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file huge.pdf is too large. Each file can be at most 2 kB." in page
    assert 'name="bilagor-remove"' in page and "good.pdf" in page  # listed as added
    assert step_post(client, "stold", "bilagor", {}, "/en").status_code == 302
    submit(client, django_capture_on_commit_callbacks)
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["good.pdf"]


@pytest.mark.django_db
def test_count_limit_names_the_limit(client, settings):
    settings.ATTACHMENT_MAX_COUNT = 2
    walk_to_attachments(client)
    response = step_post(client, "stold", "bilagor", {
        "bilagor-files": [upload(f"{n}.pdf", files.PDF) for n in range(3)],
    }, "/en")
    assert response.status_code == 200
    assert "You can attach at most 2 files." in response.content.decode()


@pytest.mark.django_db
def test_renamed_program_is_refused_in_the_wizard(client):
    walk_to_attachments(client)
    response = step_post(client, "stold", "bilagor", {
        "bilagor-files": [upload("photo.jpg", files.ELF, "image/jpeg")],
    }, "/en")
    assert response.status_code == 200
    assert "The file photo.jpg is a program, not a photo or a document." in response.content.decode()
    root = Path(WIZARD_UPLOADS.location)
    assert not root.exists() or not any(root.iterdir())  # nothing of it was kept


def test_wizard_uploads_older_than_a_day_are_purged():
    old = WIZARD_UPLOADS.save("old", io.BytesIO(b"x"))
    new = WIZARD_UPLOADS.save("new", io.BytesIO(b"y"))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(WIZARD_UPLOADS.path(old), (two_days_ago, two_days_ago))
    assert wizard_uploads_purge() == 1
    assert not WIZARD_UPLOADS.exists(old) and WIZARD_UPLOADS.exists(new)


def _encoded(mode, fmt, **kwargs):
    out = io.BytesIO()
    image = Image.new(mode, (8, 6))
    image.save(out, fmt, **kwargs)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "content_type", "mode"),
    [
        (_encoded("CMYK", "JPEG"), "image/jpeg", "RGB"),  # print-shop JPEGs
        (_encoded("L", "JPEG"), "image/jpeg", "L"),
        (_encoded("P", "PNG", transparency=0), "image/png", "RGBA"),  # palette with transparency
        (_encoded("I;16", "PNG"), "image/png", "RGB"),  # 16-bit greyscale
        (_encoded("1", "PNG"), "image/png", "L"),
    ],
)
def test_every_image_mode_is_re_encoded(content, content_type, mode):
    clean = attachment_check(name="x.img", content=content)
    assert clean.content_type == content_type
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.mode == mode and image.size == (8, 6)
