"""The screening of validated answers (reports.screening): real phrases in Swedish and English,
and phrases that must NOT trigger anything."""
import unicodedata
from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from reports import screening
from reports.catalogue import registry
from reports.constants import GateOutcome

THEFT, BURGLARY, LOSS, TIPS, CARD_FRAUD = (registry[s] for s in ("stold", "inbrott", "forlust", "tips",
                                                                 "kortbedrageri"))
NOW = timezone.make_aware(datetime(2026, 11, 20, 15, 0))


def item(description, kind="other", brand_model=""):
    return {"kind": kind, "description": description, "brand_model": brand_model}


def rules_of(findings):
    return [f.rule.id for f in findings]


# -- items: what was taken or lost (phone-worthy where the gate asks about it) --------------------

@pytest.mark.parametrize(
    ("service", "description", "rule", "words"),
    [
        (THEFT, "Min bil, en Volvo V70", "vehicle_item", ("bil",)),
        (BURGLARY, "Bilen stod i garaget", "vehicle_item", ("bilen",)),
        (BURGLARY, "Mopeden och släpvagnen", "vehicle_item", ("mopeden", "släpvagnen")),
        (THEFT, "Registreringsskylten bak", "vehicle_item", ("registreringsskylten",)),
        (BURGLARY, "Snöskotern från förrådet", "vehicle_item", ("snöskotern",)),
        (THEFT, "Fyrhjuling, röd", "vehicle_item", ("fyrhjuling",)),
        (THEFT, "My car", "vehicle_item", ("car",)),
        (BURGLARY, "The boat trailer", "vehicle_item", ("boat", "trailer")),
        (THEFT, "Both number plates", "vehicle_item", ("number plates",)),
        (THEFT, "Mitt pass", "id_document_item", ("pass",)),
        (BURGLARY, "Id-kortet låg i lådan", "id_document_item", ("id-kortet",)),
        (LOSS, "Nationellt id-kort", "id_document_item", ("id-kort", "nationellt id-kort")),
        (THEFT, "My passport", "id_document_item", ("passport",)),
        (LOSS, "ID card from the Swedish Police", "id_document_item", ("id card",)),
        (BURGLARY, "Hagelgevär i vapenskåpet", "weapon_item", ("hagelgevär",)),
        (THEFT, "En pistol och ammunition", "weapon_item", ("pistol", "ammunition")),
        (LOSS, "Hunting rifle", "weapon_item", ("rifle",)),
    ],
)
def test_items_that_belong_on_the_phone(service, description, rule, words):
    findings = screening.screen(service=service, answers={}, items=[item(description)], now=NOW)
    found = {f.rule.id: f for f in findings}
    assert rule in found, rules_of(findings)
    assert found[rule].words == words
    assert found[rule].level == screening.PHONE
    assert found[rule].rule.outcome == GateOutcome.CALL_11414
    assert screening.priority_for(findings) == 1


@pytest.mark.parametrize(
    ("service", "description", "kind"),
    [
        (THEFT, "Bilder från semestern på ett minneskort", "other"),  # "bilder" (pictures) is not "bil"
        (THEFT, "Nyckel till cykellåset", "other"),  # "nyckel" (key) triggers nothing
        (LOSS, "Nyckelknippa med tre nycklar", "other"),
        (THEFT, "Bilstol för barn", "other"),  # a child's car seat is not a car
        (THEFT, "Passfoto i plånboken", "wallet_bag"),  # a passport photo is not a passport
        (THEFT, "Cartier watch", "other"),  # "car" inside a word
        (THEFT, "Radio från bilen", "from_vehicle"),  # something from a vehicle: the car is still there
        (THEFT, "Knivslipare och bilder", "other"),
        (LOSS, "Min bil-nyckel", "other"),  # loss has no vehicle rule: a lost car key is a loss
        (THEFT, "Boathouse key", "other"),
        (THEFT, "Passenger seat cover", "other"),
    ],
)
def test_items_that_must_not_trigger(service, description, kind):
    findings = screening.screen(service=service, answers={}, items=[item(description, kind)], now=NOW)
    assert [f for f in findings if f.rule.where == "items"] == [], rules_of(findings)


def test_item_rules_follow_the_gate_of_the_service():
    """A phone rule only applies where the service's gate asks the same question."""
    car = [item("Min bil")]
    assert rules_of(screening.screen(service=BURGLARY, answers={}, items=car, now=NOW)) == ["vehicle_item"]
    assert rules_of(screening.screen(service=LOSS, answers={}, items=car, now=NOW)) == []


def test_the_brand_is_read_too():
    findings = screening.screen(service=THEFT, answers={}, items=[item("Svart", brand_model="Yamaha moped")],
                                now=NOW)
    assert rules_of(findings) == ["vehicle_item"]


# -- free text: signals for staff --------------------------------------------------------------------

def theft_answers(what):
    return {"nar-var": {"what_happened": what, "address": "Storgatan 1", "date_to": "2026-11-01",
                        "time_to": "12:00:00"}}


@pytest.mark.parametrize(
    ("text", "rules", "words"),
    [
        ("Han hotade mig och sa att han skulle komma tillbaka", ["threat_text"], ("hotade",)),
        ("De hade en kniv och tog min väska", ["weapon_text"], ("kniv",)),
        ("En av dem visade en pistol i bältet", ["weapon_text"], ("pistol",)),
        ("Han slog mig i ansiktet och sprang", ["violence_text"], ("slog",)),
        ("He threatened me with a knife", ["threat_text", "weapon_text"], ("threatened", "knife")),
        ("They punched my friend and took the bike", ["violence_text"], ("punched",)),
        ("The man had a gun", ["weapon_text"], ("gun",)),
        ("Jag blev rånad vid busshållplatsen", ["violence_text"], ("rånad",)),
    ],
)
def test_free_text_signals(text, rules, words):
    findings = screening.screen(service=THEFT, answers=theft_answers(text), now=NOW)
    assert rules_of(findings) == rules
    assert tuple(w for f in findings for w in f.words) == words
    assert {f.level for f in findings} == {screening.SIGNAL}
    assert screening.priority_for(findings) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Cykeln stod låst med nyckel i cykelstället",
        "Jag har bilder från övervakningskameran",
        "Jag tog bilder på skadorna",
        "Mitt hotellrum var olåst",  # "hotell" is not "hot"
        "The hotel room was unlocked",
        "Slogan on the bag: Just do it",
        "Hoten mot miljön",  # not a listed form: the list is exact forms, nothing more
        "I took screenshots of the messages",
        "Skottkärran stod i trädgården",  # "skottkärra" (wheelbarrow) is not "skott"
        "The knob on the door was broken",
    ],
)
def test_free_text_that_must_not_trigger(text):
    assert screening.screen(service=THEFT, answers=theft_answers(text), now=NOW) == []


def test_choice_codes_are_not_free_text():
    """Only text fields are read: a choice code such as the kind of place is never screened."""
    answers = {"nar-var": {"what_happened": "Cykeln togs", "place_kind": "vehicle", "date_to": "2026-11-01"}}
    answers["foremal"] = [{"kind": "other", "description": "Cykel"}]
    assert screening.screen(service=THEFT, answers=answers, now=NOW) == []


@pytest.mark.parametrize(
    ("text", "rules", "words"),
    [
        # A planned shooting or murder is why the tips gate asks about plans: never an unflagged tip.
        ("De planerar att skjuta honom i morgon vid skolan", ["weapon_text"], ("skjuta",)),
        ("There will be a shooting at the school on Friday", ["weapon_text"], ("shooting",)),
        ("They are planning to shoot him tomorrow", ["weapon_text"], ("shoot",)),
        ("Någon sköt mot huset i natt", ["weapon_text"], ("sköt",)),
        ("Han ska mörda henne", ["violence_text"], ("mörda",)),
        ("They want to murder him", ["violence_text"], ("murder",)),
    ],
)
def test_shooting_and_killing_are_signals_in_a_tip(text, rules, words):
    findings = screening.screen(service=TIPS, answers={"tipset": {"what": text}}, now=NOW)
    assert rules_of(findings) == rules
    assert tuple(w for f in findings for w in f.words) == words
    assert screening.priority_for(findings) == 2


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # The portal speaks seven languages; people write what happened in the one they know.
        ("Hän uhkasi minua veitsellä ja löi minua", ["violence_text", "threat_text", "weapon_text"]),  # fi
        ("Wuxuu igu hanjabay mindi", ["threat_text", "weapon_text"]),  # so
        ("هددني بسكين وضربني", ["threat_text", "weapon_text"]),  # ar
        ("هدّدني رجل بمسدس", ["threat_text", "weapon_text"]),  # ar, with a vowel mark typed
        ("او مرا با چاقو تهدید کرد", ["threat_text", "weapon_text"]),  # fa
        ("او مرا با چاقو تهديد كرد", ["threat_text", "weapon_text"]),  # fa typed on an Arabic keyboard
        ("Він погрожував мені ножем і вдарив мене", ["violence_text", "threat_text", "weapon_text"]),  # uk
    ],
)
def test_free_text_signals_in_the_other_languages(text, rules):
    findings = screening.screen(service=THEFT, answers=theft_answers(text), now=NOW)
    assert rules_of(findings) == rules
    assert screening.priority_for(findings) == 2


@pytest.mark.parametrize(
    ("service", "description", "rule"),
    [
        (THEFT, "Punainen auto, Toyota", "vehicle_item"),  # fi
        (LOSS, "Passini ja lompakko", "id_document_item"),  # fi
        (THEFT, "سيارتي البيضاء", "vehicle_item"),  # ar
        (BURGLARY, "جواز السفر", "id_document_item"),  # ar
        (THEFT, "پاسپورتم", "id_document_item"),  # fa
        (BURGLARY, "Мисливська рушниця", "weapon_item"),  # uk
        (THEFT, "Baasaboorkayga", "id_document_item"),  # so
    ],
)
def test_items_that_belong_on_the_phone_in_the_other_languages(service, description, rule):
    findings = screening.screen(service=service, answers={}, items=[item(description)], now=NOW)
    assert rule in rules_of(findings)
    assert screening.priority_for(findings) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Polkupyörä oli lukittu kaupan eteen",  # fi: a bicycle locked outside the shop
        "سرقت دراجتي من أمام المتجر",  # ar: my bicycle ("دراجة", not a motorcycle) was stolen
        "Велосипед стояв біля магазину",  # uk: the bicycle stood by the shop
    ],
)
def test_free_text_in_the_other_languages_that_must_not_trigger(text):
    assert screening.screen(service=THEFT, answers=theft_answers(text), now=NOW) == []


@pytest.mark.parametrize(
    ("service", "text", "words"),
    [
        # The gate was told "no passport", the item listed is a wallet, and the text says otherwise.
        (THEFT, "Min plånbok med passet och bankkorten togs på bussen", ("passet",)),
        (BURGLARY, "They took my passport from the drawer", ("passport",)),
        (LOSS, "Kadotin passini junassa", ("passini",)),
    ],
)
def test_a_passport_in_the_free_text_is_a_signal_where_the_gate_asks_about_it(service, text, words):
    answers = {"nar-var": {"what_happened": text}}
    findings = screening.screen(service=service, answers=answers, items=[item("Brun plånbok", "wallet_bag")],
                                now=NOW)
    assert rules_of(findings) == ["id_document_text"]
    assert findings[0].words == words and findings[0].level == screening.SIGNAL
    assert screening.priority_for(findings) == 2


def test_a_passport_in_the_free_text_of_a_service_that_does_not_ask_about_it_is_nothing():
    """Vandalism has no passport rule at the gate: "pass" there is someone's shift, not a document."""
    vandalism = registry["skadegorelse"]
    answers = {"nar-var": {"what_happened": "Under mitt pass i natt krossades rutan"}}
    assert screening.screen(service=vandalism, answers=answers, now=NOW) == []


def test_tips_free_text_is_screened_too():
    findings = screening.screen(service=TIPS, answers={"tipset": {"what": "De ska skjuta honom med en pistol"}},
                                now=NOW)
    assert rules_of(findings) == ["weapon_text"]


# -- time: it just happened --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("minutes_ago", "found"), [(5, True), (59, True), (61, False), (60 * 24, False), (-30, False)],
)
def test_an_end_time_minutes_ago_says_call_112(minutes_ago, found):
    end = NOW - timedelta(minutes=minutes_ago)
    answers = {"nar-var": {"what_happened": "Cykeln togs", "date_to": end.date().isoformat(),
                           "time_to": end.time().isoformat()}}
    findings = screening.screen(service=THEFT, answers=answers, now=NOW)
    assert ("just_happened" in rules_of(findings)) is found
    if found:
        assert findings[0].rule.outcome == GateOutcome.CALL_112 and screening.priority_for(findings) == 1


@pytest.mark.parametrize(("slug", "found"), [
    ("stold", True), ("skadegorelse", True), ("kortbedrageri", True),
    ("forlust", False),  # a loss has no offender and no 112 question: "call 112" is the wrong number
])
def test_just_happened_only_where_the_gate_sends_a_crime_in_progress_to_112(slug, found):
    end = NOW - timedelta(minutes=20)
    answers = {"nar-var": {"what_happened": "Jag tappade telefonen", "date_to": end.date().isoformat(),
                           "time_to": end.time().isoformat()}}
    findings = screening.screen(service=registry[slug], answers=answers, now=NOW)
    assert ("just_happened" in rules_of(findings)) is found
    assert (screening.priority_for(findings) == 1) is found


def test_no_end_time_is_not_just_happened():
    answers = {"nar-var": {"what_happened": "Cykeln togs", "date_to": NOW.date().isoformat(), "time_to": None}}
    assert screening.screen(service=THEFT, answers=answers, now=NOW) == []


# -- the reasons, in both languages --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("rule", "english", "swedish"),
    [
        ("vehicle_item", "posted as wanted at once", "efterlysas direkt"),
        ("id_document_item", "must be blocked at once", "måste spärras direkt"),
        ("weapon_item", "reported to a police officer at once", "anmälas till en polis direkt"),
        ("violence_text", "violence or injury", "våld eller skador"),
        ("threat_text", "threats", "hot"),
        ("weapon_text", "knife or another weapon", "kniv eller ett annat vapen"),
        ("id_document_text", "passport or national ID card", "pass eller ett nationellt id-kort"),
        ("just_happened", "less than an hour ago", "mindre än en timme sedan"),
        ("late_application", "may be dismissed", "kan avvisas"),
        ("gate_changed_112", "call 112 now", "ring 112 nu"),
        ("gate_changed_11414", "call 114 14 instead of sending", "ring 114 14 i stället för att skicka"),
    ],
)
def test_every_screening_reason_is_translated(rule, english, swedish):
    reason = screening.RULES_BY_ID[rule].reason
    with translation.override("en"):
        assert english in str(reason)
    with translation.override("sv"):
        assert swedish in str(reason)


def test_every_rule_has_a_row_above():
    assert set(screening.RULES_BY_ID) == {
        "vehicle_item", "id_document_item", "weapon_item", "violence_text", "threat_text", "weapon_text",
        "id_document_text",
        "just_happened", "late_application", "gate_changed_112", "gate_changed_11414",
    }


@pytest.mark.parametrize(("earlier", "rule"), [
    (("call_112", "in_progress"), "gate_changed_112"), (("call_11414", "knows_suspect"), "gate_changed_11414"),
])
def test_a_gate_try_that_sent_the_person_to_the_phone_is_a_phone_finding(earlier, rule):
    findings = screening.screen(service=THEFT, answers={}, now=NOW, gate_phone=earlier)
    assert [f.as_json() for f in findings] == [{"rule": rule, "level": "phone", "words": [earlier[1]]}]
    assert screening.priority_for(findings) == 1
    assert screening.screen(service=THEFT, answers={}, now=NOW, gate_phone=("", "")) == []


def test_the_word_lists_hold_only_lower_case_forms():
    for rule in screening.ALL_RULES:
        for word in rule.words:
            assert word == word.lower() and word.strip() == word, word
            assert " ".join(screening.tokens(word)) == word, word  # every entry is matchable as typed


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (unicodedata.normalize("NFD", "Han sköt mot huset"), "weapon_text"),  # "ö" typed as o + diaeresis
        (unicodedata.normalize("NFD", "De hotade mig, han mördade nästan min bror"), "violence_text"),
        ("\ufeb3\ufefc\ufea1 في يده", "weapon_text"),  # سلاح in Arabic presentation forms (a PDF)
        (unicodedata.normalize("NFD", "У нього було багато зброї"), "weapon_text"),  # uk: ї decomposed
    ],
)
def test_text_typed_decomposed_or_pasted_in_presentation_forms_is_read_as_the_same_words(text, rule):
    findings = screening.screen(service=THEFT, answers=theft_answers(text), now=NOW)
    assert rule in rules_of(findings)


def test_teh_marbuta_written_as_heh_is_the_same_word():
    findings = screening.screen(service=THEFT, answers={}, items=[item("سياره بيضاء")], now=NOW)  # سيارة, informal
    assert "vehicle_item" in rules_of(findings)
