"""A double-clicked supplement reaches the case system once: sequential re-sends and two
requests at the same moment (real threads against PostgreSQL) give one supplement, one
delivery row."""
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from reports.attachments import attachment_check
from reports.delivery.models import Delivery
from reports.models import Supplement
from reports.status import services as status
from tests.reports import files
from tests.reports.test_status_lookup import _redis_cache, lookup, submission  # noqa: F401 (fixtures)


@pytest.mark.django_db
def test_a_double_click_on_send_makes_one_supplement(client, submission):  # noqa: F811
    lookup(client, submission.reference, "anna@example.se")
    url = f"/en/arendestatus/{submission.reference}/"
    for _click in range(2):
        response = client.post(url, {"text": "The bag was blue.",
                                     "files": [SimpleUploadedFile("IMG.jpg", files.jpeg_with_gps(), "image/jpeg")]})
        assert response.status_code == 302
    assert Supplement.objects.count() == 1
    assert Delivery.objects.filter(source_kind="supplement").count() == 1
    # Something different is a new supplement.
    client.post(url, {"text": "The bag was blue and green."})
    assert Supplement.objects.count() == 2
    assert Delivery.objects.filter(source_kind="supplement").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_identical_supplements_at_the_same_moment_make_one(submission):  # noqa: F811
    assert connection.vendor == "postgresql"
    photo = attachment_check(name="IMG.jpg", content=files.jpeg_with_gps())
    barrier, results, errors = threading.Barrier(2), [], []

    def send():
        try:
            barrier.wait(timeout=10)
            results.append(status.supplement_create(submission=submission, text="Same text", attachments=[photo]).pk)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert len(set(results)) == 1
    assert Supplement.objects.count() == 1
    assert Delivery.objects.filter(source_kind="supplement").count() == 1
