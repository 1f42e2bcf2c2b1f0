"""Every model change has its migration: a missing one would break `make run` and production."""
import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_office_texts_migration_keeps_every_text_in_swedish_and_copies_it_to_english():
    """booking 0003 (issue 14): the old one-language texts become the Swedish ones and start the
    English ones, so nothing an office had is lost; reversing gives the old texts back."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = ("booking", "0002_issue12_booking_purged_at"), ("booking", "0003_issue14_office_texts_sv_en")
    old_texts = {
        "name": "Passexpeditionen Kiruna", "address": "Hjalmar Lundbohmsvägen 1, Kiruna",
        "opening_hours": "Tis 10–14 / Tue 10–14", "accessibility": "Hörslinga",
    }
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([before])
        old_apps = MigrationExecutor(connection).loader.project_state([before]).apps
        old_id = old_apps.get_model("booking", "Office").objects.create(municipality_code="2584", **old_texts).pk

        executor = MigrationExecutor(connection)
        executor.migrate([after])
        new_office = executor.loader.project_state([after]).apps.get_model("booking", "Office").objects.get(pk=old_id)
        for field, text in old_texts.items():
            assert (getattr(new_office, f"{field}_sv"), getattr(new_office, f"{field}_en")) == (text, text), field

        executor = MigrationExecutor(connection)
        executor.migrate([before])
        back = executor.loader.project_state([before]).apps.get_model("booking", "Office").objects.get(pk=old_id)
        assert {field: getattr(back, field) for field in old_texts} == old_texts
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_bookings_cancelled_before_the_cancellation_sweep_count_as_sent():
    """booking 0004: the new sweep sends cancellation e-mails never sent; the cancellations made
    before it existed were handled by the code of their time and must not be sent again."""
    from datetime import timedelta

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    before, after = ("booking", "0003_issue14_office_texts_sv_en"), ("booking", "0004_booking_cancellation_sent_at")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([before])
        old = MigrationExecutor(connection).loader.project_state([before]).apps
        office = old.get_model("booking", "Office").objects.create(municipality_code="0180", name_sv="Kontoret")
        now = timezone.now()
        slot = old.get_model("booking", "Slot").objects.create(
            office=office, starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1, minutes=15), capacity=2
        )
        bookings = old.get_model("booking", "Booking").objects
        common = {"slot": slot, "people": 1, "personal_identity_number": "198001010001", "name": "Anna",
                  "email": "anna@example.se", "manage_code": "1234"}
        cancelled = bookings.create(reference="PASS-A", manage_token="a", status="cancelled",
                                    cancelled_at=now - timedelta(hours=1), **common)
        active = bookings.create(reference="PASS-B", manage_token="b", status="active", **common)

        executor = MigrationExecutor(connection)
        executor.migrate([after])
        new = executor.loader.project_state([after]).apps.get_model("booking", "Booking").objects
        assert new.get(pk=cancelled.pk).cancellation_sent_at == cancelled.cancelled_at
        assert new.get(pk=active.pk).cancellation_sent_at is None
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
