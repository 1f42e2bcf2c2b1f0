"""The hook that gives every catalogue submission its outbox row (see apps.DeliveryConfig)."""
from reports.delivery.constants import SourceKind
from reports.delivery.payloads import submission_payload_build
from reports.delivery.services import delivery_create


def submission_delivery_create(*, submission, service) -> None:
    """Runs inside ``submission_create``'s transaction: the row commits with the submission."""
    delivery_create(
        destination=service.destination,
        source_kind=SourceKind.SUBMISSION,
        source_id=submission.pk,
        reference=submission.reference,
        payload=submission_payload_build(submission=submission, service=service),
    )
