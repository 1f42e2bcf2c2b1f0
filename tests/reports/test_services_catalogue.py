"""The six services are catalogue entries: on the front page in both languages, and each one
completes to a receipt in Swedish (the flow tests walk them in English)."""
import pytest
from django.utils import translation

from reports.catalogue import registry
from reports.constants import Destination, ServiceGroup
from reports.models import Submission
from tests.reports import (
    test_burglary_flow,
    test_card_fraud_flow,
    test_loss_flow,
    test_parking_damage_flow,
    test_tips_flow,
    test_vandalism_flow,
)
from tests.reports.service_walk import ABOUT_YOU, submit, walk_to_check, when_where

pytestmark = pytest.mark.django_db

SERVICES = {
    "inbrott": (ServiceGroup.REPORT, "INB", Destination.CRIME_REPORTS),
    "kortbedrageri": (ServiceGroup.REPORT, "KBR", Destination.CRIME_REPORTS),
    "forlust": (ServiceGroup.REPORT, "FRL", Destination.CRIME_REPORTS),
    "skadegorelse": (ServiceGroup.REPORT, "SKD", Destination.CRIME_REPORTS),
    "parkeringsskada": (ServiceGroup.REPORT, "PRK", Destination.CRIME_REPORTS),
    "tips": (ServiceGroup.TIP, "TIP", Destination.TIPS),
}
SV_ABOUT_YOU = {**ABOUT_YOU, "om-dig-preferred_language": "sv"}
STEPS = {
    "inbrott": [("nar-var", when_where()), ("inbrottet", test_burglary_flow.BREAK_IN),
                ("foremal", test_burglary_flow.ITEMS), ("om-dig", SV_ABOUT_YOU)],
    "kortbedrageri": [("nar-var", test_card_fraud_flow.WHEN_WHERE), ("kortet", test_card_fraud_flow.CARD),
                      ("transaktioner", test_card_fraud_flow.TRANSACTIONS), ("om-dig", SV_ABOUT_YOU)],
    "forlust": [("nar-var", test_loss_flow.WHEN_WHERE), ("foremal", test_loss_flow.ITEMS), ("om-dig", SV_ABOUT_YOU)],
    "skadegorelse": [("nar-var", test_vandalism_flow.WHEN_WHERE), ("skadan", test_vandalism_flow.DAMAGE),
                     ("agare", test_vandalism_flow.NOT_OWNER), ("om-dig", SV_ABOUT_YOU)],
    "parkeringsskada": [("fordonet", test_parking_damage_flow.VEHICLE), ("skadan", test_parking_damage_flow.DAMAGE),
                        ("om-dig", SV_ABOUT_YOU)],
    "tips": [("tipset", test_tips_flow.TIP), ("kontakt-val", {"kontakt-val-wants_contact": "no"})],
}


@pytest.mark.parametrize("slug", SERVICES)
def test_service_is_a_catalogue_entry(slug):
    service = registry[slug]
    assert (service.group, service.reference_prefix, service.destination) == SERVICES[slug]
    assert service.steps[-1].name == "granska"
    assert all(str(text).strip() for text in (service.title, service.summary, service.call_instead,
                                                service.receipt_text))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_front_page_lists_every_service(client, prefix):
    page = client.get(f"{prefix}/").content.decode()
    with translation.override("sv" if not prefix else "en"):
        for slug in SERVICES:
            assert f'href="{prefix}/{slug}/"' in page
            if prefix:
                assert str(registry[slug].title) in page


@pytest.mark.parametrize("slug", SERVICES)
def test_service_completes_to_a_receipt_in_swedish(client, slug):
    check = walk_to_check(client, slug, STEPS[slug], prefix="")
    assert '<html lang="sv">' in check.content.decode()
    receipt = submit(client, slug, check, prefix="")
    submission = Submission.objects.get()
    assert submission.reference.startswith(SERVICES[slug][1] + "-")
    assert submission.reference in receipt.content.decode()
    assert submission.language == "sv"


# The receipt of each crime report as the citizen reads it (issue 17 made the shared first sentence
# one catalogue entry; these are the texts from before, word for word).
CRIME_RECEIPTS_SV = {
    "stold": "Du får ärendenumret via e-post. Du behöver ärendenumret när du kontaktar ditt försäkringsbolag.",
    "inbrott": "Du får ett mejl med diarienumret, som ditt försäkringsbolag kommer att fråga efter.",
    "kortbedrageri": "Du får ett mejl med diarienumret: ge det till din bank när du begär tillbaka dina pengar.",
    "skadegorelse": "Du får ett mejl med diarienumret, som ditt försäkringsbolag eller din hyresvärd kommer att "
                    "fråga efter.",
    "parkeringsskada": "Du får ett mejl med diarienumret, som ditt försäkringsbolag kommer att fråga efter.",
}
RECEIVED_SV = ("Vi har tagit emot din anmälan. En polis läser den, oftast inom två arbetsdagar, och registrerar "
               "den som en brottsanmälan.")
RECEIVED_EN = ("Your report has been received. A police officer reads it, usually within two working days, and "
               "registers it as a crime report.")


@pytest.mark.parametrize("slug", CRIME_RECEIPTS_SV)
def test_crime_receipts_share_one_sentence_and_read_as_before(slug):
    receipt = registry[slug].receipt_text
    with translation.override("sv"):
        assert str(receipt) == f"{RECEIVED_SV} {CRIME_RECEIPTS_SV[slug]}"
    with translation.override("en"):
        assert str(receipt).startswith(f"{RECEIVED_EN} You will get an e-mail with the case number")
