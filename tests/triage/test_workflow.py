"""The workflow: each status transition, its history row and its e-mail in the citizen's language."""
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from reports.constants import SubmissionStatus as S
from reports.models import StatusChange, Submission
from reports.triage import services
from reports.triage.constants import CaseEventKind, RejectionReason
from reports.triage.models import AppendOnlyError, CaseEvent, StatusDecision

pytestmark = pytest.mark.django_db(transaction=False)


def at_status(submission, status, by):
    """Walk a fresh submission to ``status`` along allowed transitions."""
    path = {
        S.RECEIVED: [],
        S.IN_TRIAGE: [S.IN_TRIAGE],
        S.NEEDS_CONTACT: [S.NEEDS_CONTACT],
        S.REGISTERED: [S.REGISTERED],
        S.REJECTED: [S.REJECTED],
        S.CLOSED: [S.REGISTERED, S.CLOSED],
    }[status]
    for step in path:
        services.submission_status_change(
            submission=submission, to_status=step, by=by, case_number="K-1", rejection_reason="duplicate"
        )
    mail.outbox.clear()
    submission.refresh_from_db()
    return submission


ALLOWED = [(a, b) for a, targets in services.TRANSITIONS.items() for b in targets]
REFUSED = [(a, b) for a in S.values for b in S.values if b not in services.TRANSITIONS[a]]


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed_transition_appends_history(django_capture_on_commit_callbacks, submission, officer,
                                            from_status, to_status):
    at_status(submission, from_status, officer)
    before = StatusChange.objects.filter(submission=submission).count()
    with django_capture_on_commit_callbacks(execute=True):
        change = services.submission_status_change(
            submission=submission, to_status=to_status, by=officer, note="checked",
            case_number="5000-K123456-26", rejection_reason=RejectionReason.NOT_A_CRIME,
        )
    submission.refresh_from_db()
    assert submission.status == to_status
    assert StatusChange.objects.filter(submission=submission).count() == before + 1
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        from_status, to_status, officer, "checked"
    )
    # The e-mail goes out exactly for the statuses the citizen must hear about.
    expected_mails = 1 if to_status in (S.REGISTERED, S.REJECTED, S.NEEDS_CONTACT) else 0
    assert len(mail.outbox) == expected_mails


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_refused_transition_changes_nothing(submission, officer, from_status, to_status):
    at_status(submission, from_status, officer)
    before = list(StatusChange.objects.filter(submission=submission).values_list("pk", flat=True))
    with pytest.raises(ValidationError) as error:
        services.submission_status_change(
            submission=submission, to_status=to_status, by=officer, case_number="K-2",
            rejection_reason=RejectionReason.DUPLICATE,
        )
    assert error.value.code == ("same_status" if from_status == to_status else "not_allowed")
    assert Submission.objects.get(pk=submission.pk).status == from_status
    assert list(StatusChange.objects.filter(submission=submission).values_list("pk", flat=True)) == before


@pytest.mark.parametrize(
    ("to_status", "kwargs", "code"),
    [
        (S.REGISTERED, {"case_number": "  "}, "case_number_required"),
        (S.REJECTED, {"rejection_reason": ""}, "rejection_reason_required"),
        (S.REJECTED, {"rejection_reason": "made_up"}, "rejection_reason_required"),
    ],
)
def test_decision_needs_its_detail(submission, officer, to_status, kwargs, code):
    with pytest.raises(ValidationError) as error:
        services.submission_status_change(submission=submission, to_status=to_status, by=officer, **kwargs)
    assert error.value.code == code
    assert Submission.objects.get(pk=submission.pk).status == S.RECEIVED


SUBJECTS = {
    S.REGISTERED: "Your report %(reference)s has been registered",
    S.REJECTED: "Your report %(reference)s will not be registered",
    S.NEEDS_CONTACT: "We need to contact you about %(reference)s",
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    ("to_status", "body_part"),
    [
        (S.REGISTERED, "5000-K1-26"),
        (S.REJECTED, RejectionReason.DUPLICATE.label),
        (S.NEEDS_CONTACT, "A police officer will try to reach you by phone. You can also call %(phone)s and give "
                          "your reference."),
    ],
)
def test_citizen_email_in_their_language(django_capture_on_commit_callbacks, make_submission, officer,
                                         language, to_status, body_part):
    submission = make_submission(language=language)
    mail.outbox.clear()
    with translation.override("sv" if language == "en" else "en"):  # the staff member's language differs
        with django_capture_on_commit_callbacks(execute=True):
            services.submission_status_change(
                submission=submission, to_status=to_status, by=officer, case_number="5000-K1-26",
                rejection_reason=RejectionReason.DUPLICATE,
            )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.se"]
    # Worded in the citizen's language (whatever the catalogue says for it), not the staff's.
    with translation.override(language):
        assert message.subject == gettext(SUBJECTS[to_status]) % {"reference": submission.reference}
        assert str(gettext(body_part)) % {"phone": "114 14"} in message.body
    decision = StatusDecision.objects.get(status_change__submission=submission, status_change__to_status=to_status)
    assert decision.notice_sent_at is not None
    # Sending again (a redelivered task) sends nothing.
    assert services.status_notice_send(decision=decision) is False
    assert len(mail.outbox) == 1


def test_no_email_without_address(django_capture_on_commit_callbacks, make_submission, officer):
    submission = make_submission(email="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_status_change(submission=submission, to_status=S.NEEDS_CONTACT, by=officer)
    assert mail.outbox == []


def test_assign_region_move_and_note_are_appended(submission, officer, supervisor):
    assert services.submission_assign(submission=submission, assignee=officer, by=officer) is not None
    assert services.submission_assign(submission=submission, assignee=officer, by=officer) is None
    services.submission_assign(submission=submission, assignee=supervisor, by=supervisor)
    services.submission_region_move(submission=submission, to_region="Syd", by=officer, note="Happened in Malmö")
    services.case_note_add(submission=submission, by=officer, text="Called, no answer.")
    submission.refresh_from_db()
    assert submission.assignee == supervisor
    assert submission.region == "Syd"
    events = list(
        CaseEvent.objects.filter(submission=submission).values_list("kind", "actor", "from_value", "to_value")
    )
    assert events[:3] == [
        (CaseEventKind.ASSIGNED, officer.pk, "", "officer"),
        (CaseEventKind.ASSIGNED, supervisor.pk, "officer", "supervisor"),
        (CaseEventKind.REGION_MOVED, officer.pk, "Stockholm", "Syd"),
    ]
    assert events[3][0] == CaseEventKind.NOTE
    with pytest.raises(ValidationError) as error:
        services.submission_region_move(submission=submission, to_region="Syd", by=officer)
    assert error.value.code == "same_region"
    with pytest.raises(ValidationError) as error:
        services.submission_region_move(submission=submission, to_region="Atlantis", by=officer)
    assert error.value.code == "invalid_region"


@pytest.mark.parametrize(("priority", "changed"), [(1, True), (2, True), (3, False)])
def test_priority_is_set_and_recorded(submission, officer, priority, changed):
    event = services.submission_priority_set(submission=submission, priority=priority, by=officer)
    submission.refresh_from_db()
    assert submission.priority == priority
    assert (event is not None) == changed  # a new report is normal (3) already
    if changed:
        assert (event.kind, event.from_value, event.to_value) == (CaseEventKind.PRIORITY_CHANGED, "3", str(priority))


def test_an_unknown_priority_is_refused(submission, officer):
    with pytest.raises(ValidationError) as error:
        services.submission_priority_set(submission=submission, priority=7, by=officer)
    assert error.value.code == "invalid_priority"


def test_history_rows_cannot_be_changed_or_deleted(submission, officer):
    event = services.case_note_add(submission=submission, by=officer, text="first")
    event.text = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(pk=event.pk).update(text="rewritten")
    assert CaseEvent.objects.get(pk=event.pk).text == "first"
