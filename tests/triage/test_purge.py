"""The privacy purge: personal data of old handled submissions is blanked, counts and history stay."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.constants import SubmissionStatus as S
from reports.models import GateRecord, Item, StatusChange, Submission, Supplement
from reports.triage import services, tasks
from reports.triage.models import CaseEvent

pytestmark = pytest.mark.django_db


def handled(make_submission, officer, to_status, days_ago):
    submission = make_submission()
    services.case_note_add(submission=submission, by=officer, text="Anna said her neighbour saw it.")
    if to_status != S.RECEIVED:
        services.submission_status_change(
            submission=submission, to_status=to_status, by=officer, case_number="K-1", rejection_reason="duplicate"
        )
    StatusChange.objects.filter(submission=submission).update(created_at=timezone.now() - timedelta(days=days_ago))
    Submission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return submission


@pytest.mark.parametrize(
    ("to_status", "days_ago", "purged"),
    [
        (S.REGISTERED, 91, True),
        (S.REJECTED, 91, True),
        (S.NEEDS_CONTACT, 91, False),  # still being handled
        (S.RECEIVED, 200, False),
        (S.REGISTERED, 89, False),  # not old enough
    ],
)
def test_purge_blanks_personal_data_of_old_handled_submissions(settings, make_submission, officer,
                                                               to_status, days_ago, purged):
    settings.PORTAL_PURGE_AFTER_DAYS = 90
    gate = GateRecord.objects.create(service="stold", outcome="e_service", language="sv")
    submission = handled(make_submission, officer, to_status, days_ago)
    Submission.objects.filter(pk=submission.pk).update(gate_record=gate)
    supplement = Supplement.objects.create(submission=submission, text="The thief was my neighbour Bo.")
    history = StatusChange.objects.filter(submission=submission).count()

    assert tasks.personal_data_purge()["submissions"] == (1 if purged else 0)

    submission.refresh_from_db()
    item = Item.objects.get(submission=submission)
    note = CaseEvent.objects.get(submission=submission, kind="note")
    if purged:
        assert submission.purged_at is not None
        assert (submission.reporter_name, submission.personal_identity_number, submission.phone,
                submission.email, submission.answers) == ("", "", "", "", {})
        assert (item.description, item.serial_number, item.brand_model) == ("", "", "")
        assert note.text == ""
        assert Supplement.objects.get(pk=supplement.pk).text == ""
    else:
        assert submission.purged_at is None
        assert submission.reporter_name == "Anna Andersson"
        assert item.serial_number == "WCR123456"
        assert Supplement.objects.get(pk=supplement.pk).text.startswith("The thief")
    # What analysts count stays.
    assert item.kind == "bicycle"
    assert StatusChange.objects.filter(submission=submission).count() == history
    assert GateRecord.objects.filter(pk=gate.pk).exists()
    assert submission.gate_record_id == gate.pk


def test_purge_command_days_option_and_idempotence(make_submission, officer, capsys):
    submission = handled(make_submission, officer, S.REGISTERED, 10)
    call_command("purge_personal_data", "--days", "30")
    assert Submission.objects.get(pk=submission.pk).purged_at is None
    call_command("purge_personal_data", "--days", "5", "--dry-run")
    assert "1 submissions would be purged" in capsys.readouterr().out
    call_command("purge_personal_data", "--days", "5")
    assert "1 submissions purged" in capsys.readouterr().out
    assert Submission.objects.get(pk=submission.pk).purged_at is not None
    call_command("purge_personal_data", "--days", "5")
    assert "0 submissions purged" in capsys.readouterr().out


def test_purged_submission_no_longer_changes(make_submission, officer):
    submission = handled(make_submission, officer, S.REGISTERED, 100)
    services.submissions_purge(after_days=90)
    with pytest.raises(Exception) as error:
        services.submission_status_change(submission=submission, to_status=S.CLOSED, by=officer)
    assert getattr(error.value, "code", "") == "purged"


def test_beat_schedule_runs_the_purge(settings):
    assert settings.CELERY_BEAT_SCHEDULE["triage-purge"]["task"] == "reports.triage.tasks.personal_data_purge"


def test_purge_takes_the_words_the_screening_found_in_the_text_and_keeps_the_flag(make_submission, officer):
    """The words were the citizen's (a knife, a threat in what they wrote): they go with the text.
    The flag, its rules and what is not the citizen's text (an earlier gate try's rule) stay."""
    submission = handled(make_submission, officer, S.REGISTERED, 100)
    stored = [
        {"rule": "weapon_text", "level": "signal", "words": ["kniv"]},
        {"rule": "threat_text", "level": "signal", "words": ["hotade"], "supplement": 7},
        {"rule": "gate_changed_112", "level": "phone", "words": ["in_progress"]},
    ]
    Submission.objects.filter(pk=submission.pk).update(screening=stored, flagged=True)
    services.submissions_purge(after_days=90)
    submission.refresh_from_db()
    assert submission.flagged is True
    assert submission.screening == [
        {"rule": "weapon_text", "level": "signal", "words": []},
        {"rule": "threat_text", "level": "signal", "words": [], "supplement": 7},
        {"rule": "gate_changed_112", "level": "phone", "words": ["in_progress"]},
    ]
