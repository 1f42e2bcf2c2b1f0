"""Demo rows for the embedded default: a few theft reports and gate decisions, so that staff
triage, deliveries and the analytics dashboard have something to show after `make run`."""
from __future__ import annotations

from django.utils import timezone

from reports import services
from reports.catalogue import registry
from reports.constants import GateOutcome
from reports.gate import Outcome
from reports.models import GateRecord, Submission
from reports.municipalities import region_for_municipality

DEMO_TOKEN_PREFIX = "demo"  # noqa: S105 - not a secret: marks the demo rows
PLACES = (("0180", "Drottninggatan 1"), ("1280", "Stortorget 1"), ("1480", "Kungsportsavenyen 10"),
          ("0380", "Stora torget 1"), ("2480", "Rådhustorget 3"), ("1880", "Järntorget 2"))
ITEMS = (("bicycle", "Blue bicycle with a child seat"), ("phone", "Black phone in a green case"),
         ("wallet_bag", "Brown leather wallet"), ("other", "Grey rucksack with a laptop"))
OTHER_OUTCOMES = (
    (GateOutcome.CALL_112, "in_progress"), (GateOutcome.CALL_11414, "vehicle_stolen"),
    (GateOutcome.CALL_11414, "violence"), (GateOutcome.CALL_11414, "id_document_stolen"),
)


def demo_submissions(stdout) -> None:
    if Submission.objects.filter(client_token__startswith=DEMO_TOKEN_PREFIX).exists():
        return
    theft = registry["stold"]
    today = timezone.localdate().isoformat()
    for number in range(12):
        code, address = PLACES[number % len(PLACES)]
        kind, description = ITEMS[number % len(ITEMS)]
        language = "en" if number % 4 == 3 else "sv"
        record = services.gate_record_create(service=theft, outcome=Outcome(GateOutcome.E_SERVICE), language=language)
        answers = {
            "nar-var": {"date_from": today, "time_from": None, "date_to": today, "time_to": None,
                        "municipality": code, "place_kind": "street", "address": address,
                        "what_happened": "It was locked outside and gone when I came back."},
            "foremal": [{"kind": kind, "description": description, "brand_model": "", "serial_number": "",
                         "value_sek": str(1500 + 250 * number)}],
            "om-dig": {"name": f"Demo Person {number + 1}", "personal_identity_number": "198112189876",
                       "phone": "+46701234567", "email": "", "preferred_language": language},
        }
        draft = services.SubmissionDraft(
            answers=answers, items=answers["foremal"], reporter_name=f"Demo Person {number + 1}",
            personal_identity_number="198112189876", phone="+46701234567", municipality_code=code,
            region=region_for_municipality(code), language=language,
        )
        services.submission_create(service=theft, draft=draft, language=language,
                                   client_token=f"{DEMO_TOKEN_PREFIX}{number:028d}", gate_record_id=record.pk)
    for number, (outcome, rule) in enumerate(OTHER_OUTCOMES * 3):
        GateRecord.objects.create(service=theft.slug, outcome=outcome, rule=rule, language="sv" if number % 3 else "en")
    stdout.write("Demo reports ready: 12 theft reports and 12 gate decisions that sent people to the phone.")
