"""Screening of the validated answers before they are sent: does something typed after the
gate show that the case belongs on the phone after all?

The gate asks yes/no questions; people still write "a car" in an "Other" item, or "he
threatened me with a knife" in the free text. This module reads the answers once they are
valid (on the "check your answers" page, and again when they are sent) with a small word
list and a few rules, all data in this file (documented in docs/services.md):

- ``phone`` rules: the case clearly belongs on the phone. The person is told before sending,
  with the reason and the number; if they send anyway, the case is flagged for staff with
  raised priority (urgent).
- ``signal`` rules: the case may need a person. It is sent as usual, but flagged for staff
  with raised priority (high) and the words that triggered it.
- ``notice`` rules: the person is told before sending (a late application for a public
  gathering is received, but may be dismissed); staff see the flag at raised priority (high),
  as the decision is due soon.

Words are matched as whole words (a word list of exact forms, not prefixes), so "bilder"
(pictures) is not "bil" (car) and "nyckel" (key) is not "kniv". Swedish and English forms are
listed, and the common forms in the portal's other languages (Arabic, Somali, Finnish, Persian,
Ukrainian): people write in the language they know, whatever the page's language is. Words
of any script are read (Arabic letters, Cyrillic); Arabic and Persian spellings of the same
letter are folded together (``fold``), so one entry matches text typed on either keyboard.
No I/O here: answers in, findings out.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.constants import GateOutcome

PHONE = "phone"
SIGNAL = "signal"
NOTICE = "notice"

# How recent an end time must be for "it just happened, call 112".
JUST_HAPPENED = timedelta(minutes=60)

# Arabic and Persian keyboards type the same letters with different code points; vowel marks,
# the stretching tatweel and the zero-width non-joiner (Persian "می‌کشم") are not typed alike either.
_FOLD = str.maketrans({
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",  # Arabic yeh, alef maksura, kaf → Persian
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",  # alef with hamza or madda → alef
    "\u0629": "\u0647",  # teh marbuta → heh (سياره for سيارة, a common informal spelling)
    "\u0640": None, "\u200c": None,  # tatweel, zero-width non-joiner
    **{chr(mark): None for mark in range(0x064B, 0x0660)}, "\u0670": None,  # vowel marks
})


def fold(text: str) -> str:
    """Lower case, with the Arabic-script spellings of one letter made one (``_FOLD``), after
    Unicode's compatibility normalisation (NFKC): text pasted from a PDF (Arabic presentation
    forms) or typed decomposed ("o" + combining diaeresis, as some keyboards send "ö") reads as
    the same words."""
    return unicodedata.normalize("NFKC", text).lower().translate(_FOLD)


def _forms(*words: str) -> tuple[str, ...]:
    """Word-list entries as ``tokens`` reads text: folded, so they are written as people type them."""
    return tuple(fold(word) for word in words)


# The portal's other languages, per rule: exact forms (Arabic with its common prefixed forms,
# Finnish and Ukrainian with their common cases), to be extended as real reports show more.
VEHICLE_WORDS_OTHER = _forms(
    # Finnish
    "auto", "auton", "autoni", "henkilöauto", "moottoripyörä", "moottoripyörän", "moottoripyöräni", "mopo",
    "mopon", "mopoauto", "vene", "veneen", "veneeni", "moottorivene", "perävaunu", "peräkärry", "moottorikelkka",
    "mönkijä", "rekisterikilpi", "rekisterikilven", "rekisterikilvet",
    # Somali
    "gaari", "gaariga", "gaarigayga", "mooto", "mootada", "doonta",
    # Arabic
    "سيارة", "سيارتي", "السيارة", "سيارته", "دراجة نارية", "دراجتي النارية", "الدراجة النارية", "قارب", "القارب",
    "قاربي", "مقطورة", "لوحة السيارة", "لوحة الترخيص", "لوحات السيارة",
    # Persian
    "ماشین", "ماشینم", "خودرو", "خودروی", "خودرویم", "موتورسیکلت", "موتورم", "قایق", "قایقم", "پلاک", "تریلی",
    # Ukrainian
    "машина", "машину", "машини", "автомобіль", "автомобіля", "авто", "мотоцикл", "мотоцикла", "мопед",
    "мопеда", "човен", "човна", "причіп", "причепа", "снігохід", "квадроцикл", "номерний знак", "номерні знаки",
)
ID_DOCUMENT_WORDS_OTHER = _forms(
    # Finnish
    "passi", "passin", "passini", "henkilökortti", "henkilökortin", "henkilökorttini",
    # Somali
    "baasaboor", "baasaboorka", "baasaboorkayga", "kaarka aqoonsiga",
    # Arabic
    "جواز", "جواز سفر", "جواز السفر", "جوازي", "جواز سفري", "بطاقة هوية", "بطاقة الهوية", "هويتي",
    # Persian
    "پاسپورت", "پاسپورتم", "گذرنامه", "گذرنامه‌ام", "کارت ملی", "کارت شناسایی",
    # Ukrainian
    "паспорт", "паспорта", "паспорти", "закордонний паспорт", "id-картка", "id-картку", "посвідчення особи",
)
WEAPON_WORDS_OTHER = _forms(
    # Finnish
    "ase", "aseet", "aseen", "aseeni", "pistooli", "pistoolin", "kivääri", "kiväärin", "haulikko", "haulikon",
    "ammukset", "patruunat", "räjähde", "räjähteet", "dynamiitti",
    # Somali
    "qori", "qoriga", "bastoolad", "bastoolada", "hubka", "rasaas", "rasaasta",
    # Arabic
    "سلاح", "السلاح", "سلاحي", "مسدس", "المسدس", "مسدسي", "بندقية", "البندقية", "ذخيرة", "الذخيرة", "متفجرات",
    # Persian
    "اسلحه", "اسلحه‌ام", "تفنگ", "تفنگم", "کلت", "تپانچه", "فشنگ", "مهمات", "مواد منفجره",
    # Ukrainian
    "зброя", "зброю", "пістолет", "пістолета", "рушниця", "рушницю", "гвинтівка", "гвинтівку", "набої",
    "боєприпаси", "вибухівка", "вибухівку", "граната", "гранату",
)
VIOLENCE_WORDS_OTHER = _forms(
    # Finnish
    "löi", "lyönyt", "hakkasi", "potki", "potkaisi", "pahoinpiteli", "pahoinpitely", "pahoinpidelty",
    "pahoinpideltiin", "ryösti", "ryöstö", "ryöstettiin", "raiskasi", "raiskaus", "raiskattiin", "loukkaantui",
    "loukkaantunut", "vuoti verta", "tappoi", "murha", "murhata",
    # Somali
    "garaacay", "garaaceen", "dhaawacay", "dhaawac", "kufsaday", "kufsi",
    # Arabic
    "ضربني", "ضربوني", "ضربه", "اعتداء", "اعتدى", "هاجمني", "هاجموني", "سطو", "اغتصاب", "اغتصبني", "مصاب",
    "جريح", "ينزف", "نزيف", "قتل", "يقتل", "يقتلوه", "قتله",
    # Persian
    "کتک", "کتکم", "کتک زد", "ضرب و شتم", "حمله کرد", "حمله کردند", "زخمی", "خونریزی", "تجاوز", "قتل", "کشت",
    "بکشند",
    # Ukrainian
    "вдарив", "вдарила", "вдарили", "побив", "побила", "побили", "побиття", "напав", "напала", "напали",
    "напад", "пограбував", "пограбували", "пограбування", "зґвалтував", "зґвалтування", "поранений",
    "поранена", "поранення", "вбив", "вбили", "убив", "вбити", "убити", "вбивство",
)
THREAT_WORDS_OTHER = _forms(
    # Finnish
    "uhkasi", "uhkaili", "uhkailu", "uhkaus", "uhkauksia", "uhkailee", "tappaa", "tapan",
    # Somali
    "hanjabaad", "hanjabay", "handadaad", "handaday",
    # Arabic
    "هددني", "هددوني", "هدد", "تهديد", "تهديدات", "يهدد", "يهددني", "سيقتلني", "سأقتلك",
    # Persian
    "تهدید", "تهدیدم", "تهدید کرد", "تهدیدم کرد", "تهدید کردند", "میکشمت",
    # Ukrainian
    "погрожував", "погрожувала", "погрожували", "погрожує", "погроза", "погрози", "погрозами", "погрожуючи",
)
KNIFE_AND_WEAPON_TEXT_WORDS_OTHER = _forms(
    # Finnish
    "veitsi", "veitsellä", "veistä", "puukko", "puukolla", "puukotti", "puukotettiin", "ase", "aseella",
    "pistooli", "pistoolilla", "kivääri", "haulikko", "kirves", "kirveellä", "ampui", "ampua", "ammuttiin",
    "ammuskelu",
    # Somali
    "mindi", "middi", "mindida", "qori", "bastoolad", "hubka", "rasaas", "toogtay", "toogasho",
    # Arabic
    "سكين", "بسكين", "السكين", "بالسكين", "سلاح", "بسلاح", "السلاح", "مسدس", "بمسدس", "المسدس", "بندقية",
    "ساطور", "اطلق النار", "اطلاق النار", "اطلاق نار",
    # Persian
    "چاقو", "با چاقو", "کارد", "قمه", "اسلحه", "تفنگ", "کلت", "تپانچه", "شلیک",
    # Ukrainian
    "ніж", "ножем", "ножа", "ножі", "пістолет", "пістолетом", "пістолета", "зброя", "зброєю", "зброї",
    "рушниця", "рушницею", "автомат", "сокира", "сокирою", "стріляв", "стріляли", "стрілянина", "застрелити",
)

VEHICLE_WORDS = (
    # Swedish
    "bil", "bilen", "bilar", "bilarna", "personbil", "personbilen", "motorcykel", "motorcykeln", "mc",
    "moped", "mopeden", "mopeder", "båt", "båten", "båtar", "motorbåt", "segelbåt", "släpvagn",
    "släpvagnen", "släpkärra", "snöskoter", "snöskotern", "skoter", "skotern", "fyrhjuling",
    "fyrhjulingen", "atv", "registreringsskylt", "registreringsskylten", "registreringsskyltar",
    "regskylt", "regskylten", "nummerplåt", "nummerplåten", "nummerplåtar",
    # English
    "car", "cars", "motorcycle", "motorbike", "moped", "boat", "trailer", "snowmobile", "quad bike",
    "number plate", "number plates", "licence plate", "license plate", "registration plate",
    *VEHICLE_WORDS_OTHER,
)
ID_DOCUMENT_WORDS = (
    "pass", "passet", "id-kort", "id-kortet", "idkort", "identitetskort", "nationellt id-kort",
    "passport", "passports", "id card", "id-card", "identity card", "national id card",
    *ID_DOCUMENT_WORDS_OTHER,
)
WEAPON_WORDS = (
    "vapen", "vapnet", "vapnen", "pistol", "pistolen", "revolver", "revolvern", "gevär", "geväret",
    "hagelgevär", "studsare", "ammunition", "patroner", "sprängämne", "sprängämnen", "dynamit", "handgranat",
    "gun", "guns", "handgun", "rifle", "shotgun", "firearm", "firearms", "ammo", "explosives", "grenade",
    *WEAPON_WORDS_OTHER,
)
VIOLENCE_WORDS = (
    "slog", "slagit", "slogs", "misshandlade", "misshandlad", "misshandel", "sparkade", "knuffade",
    "överföll", "överfallen", "rånade", "rånad", "rån", "våldtog", "våldtäkt", "skadad", "blödde",
    "hit me", "punched", "kicked", "beat me", "beaten", "assaulted", "assault", "attacked", "robbed",
    "robbery", "raped", "rape", "injured", "bleeding",
    # killing (a tip about a planned murder is the tips service's reason to ask about plans)
    "mord", "mordet", "mörda", "mördade", "mördad", "dödade", "dödad", "ihjäl",
    "murder", "murdered", "kill", "killed",
    *VIOLENCE_WORDS_OTHER,
)
THREAT_WORDS = (
    "hotade", "hotat", "hotar", "hotades", "hotelse", "hotelser", "hotfull", "hotfulla", "döda", "dödar",
    "threatened", "threatening", "threat", "threats", "kill me", "kill you",
    *THREAT_WORDS_OTHER,
)
KNIFE_AND_WEAPON_TEXT_WORDS = (
    "kniv", "kniven", "knivar", "knivhögg", "knivhöggs", "machete", "yxa", "vapen", "vapnet", "pistol",
    "pistolen", "revolver", "gevär", "skott",
    "knife", "knives", "stabbed", "gun", "guns", "handgun", "rifle", "firearm",
    # shooting
    "skjuta", "skjuter", "sköt", "skjutit", "skjuten", "skjutning", "skjutningen", "skjutningar", "skjutvapen",
    "shoot", "shooting", "shootings", "shot", "shots", "shooter",
    *KNIFE_AND_WEAPON_TEXT_WORDS_OTHER,
)


@dataclass(frozen=True)
class ScreeningRule:
    """One rule: the words it looks for, where, how serious, and why.

    ``where`` is ``items`` (what was taken or lost: kind "other" or any description) or
    ``text`` (every free-text answer). A rule with ``gate_rules`` (every ``phone`` rule) applies
    to a service only if the service's gate has one of them (a stolen vehicle matters where the
    gate asks about it); a phone rule's reason is the gate rule's reason.
    """

    id: str
    level: str
    where: str
    words: tuple[str, ...]
    reason: str
    outcome: GateOutcome | None = None
    gate_rules: tuple[str, ...] = ()
    skip_kinds: tuple[str, ...] = ()  # item kinds the rule does not read ("something from a vehicle")

    def applies(self, service_gate_rules: set[str]) -> bool:
        """Whether the rule reads a service whose gate has these rules (``gate_rules`` above)."""
        return not self.gate_rules or bool(service_gate_rules.intersection(self.gate_rules))


RULES: tuple[ScreeningRule, ...] = (
    ScreeningRule(
        id="vehicle_item", level=PHONE, where="items", words=VEHICLE_WORDS, outcome=GateOutcome.CALL_11414,
        gate_rules=("vehicle_stolen",), skip_kinds=("from_vehicle",),
        reason=_("You listed a vehicle or a number plate. A stolen vehicle or number plate must be posted as "
                 "wanted at once: call 114 14."),
    ),
    ScreeningRule(
        id="id_document_item", level=PHONE, where="items", words=ID_DOCUMENT_WORDS, outcome=GateOutcome.CALL_11414,
        gate_rules=("id_document_stolen", "id_document_lost"),
        reason=_("You listed a passport or national ID card. It must be blocked at once: call 114 14."),
    ),
    ScreeningRule(
        id="weapon_item", level=PHONE, where="items", words=WEAPON_WORDS, outcome=GateOutcome.CALL_11414,
        gate_rules=("weapon",),
        reason=_("You listed a firearm, ammunition or explosives. They must be reported to a police officer at "
                 "once: call 114 14."),
    ),
    ScreeningRule(
        id="violence_text", level=SIGNAL, where="text", words=VIOLENCE_WORDS,
        reason=_("The text mentions violence or injury."),
    ),
    ScreeningRule(
        id="threat_text", level=SIGNAL, where="text", words=THREAT_WORDS,
        reason=_("The text mentions threats."),
    ),
    ScreeningRule(
        id="weapon_text", level=SIGNAL, where="text", words=KNIFE_AND_WEAPON_TEXT_WORDS,
        reason=_("The text mentions a knife or another weapon."),
    ),
    # The gate was told no passport and the items list none, but the text names one (a wallet
    # "with the passport in it"): a case that may belong on 114 14 is not queued unflagged.
    ScreeningRule(
        id="id_document_text", level=SIGNAL, where="text", words=ID_DOCUMENT_WORDS,
        gate_rules=("id_document_stolen", "id_document_lost"),
        reason=_("The text mentions a passport or national ID card, which must be blocked at once."),
    ),
)
# Only where the gate itself sends a crime in progress to 112: a loss has no offender, so "call
# 112" would be the wrong number there.
JUST_HAPPENED_RULE = ScreeningRule(
    id="just_happened", level=PHONE, where="time", words=(), outcome=GateOutcome.CALL_112, gate_rules=("in_progress",),
    reason=_("You wrote that it happened less than an hour ago. If the person who did it may still be nearby, "
             "call 112 now."),
)
LATE_APPLICATION_RULE = ScreeningRule(
    id="late_application", level=NOTICE, where="time", words=(),
    reason=_("The event starts sooner than the time the police need to decide. Your application is received, "
             "but it may be dismissed if there is not enough time."),
)
# The gate sent the person to the phone on an earlier try in the same session, and they changed
# their answers: the report may belong on the phone after all. Told before sending; flagged.
GATE_CHANGED_RULES = {
    GateOutcome.CALL_112: ScreeningRule(
        id="gate_changed_112", level=PHONE, where="gate", words=(), outcome=GateOutcome.CALL_112,
        reason=_("Your first answers to the questions showed that someone may be in danger, or that the crime "
                 "is happening now or is planned. If they were right, call 112 now."),
    ),
    GateOutcome.CALL_11414: ScreeningRule(
        id="gate_changed_11414", level=PHONE, where="gate", words=(), outcome=GateOutcome.CALL_11414,
        reason=_("Your first answers to the questions showed that this case is reported to a police officer on "
                 "the phone. If they were right, call 114 14 instead of sending."),
    ),
}
ALL_RULES = (*RULES, JUST_HAPPENED_RULE, LATE_APPLICATION_RULE, *GATE_CHANGED_RULES.values())
RULES_BY_ID = {rule.id: rule for rule in ALL_RULES}

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # letters and digits of any script


@dataclass(frozen=True)
class Finding:
    rule: ScreeningRule
    words: tuple[str, ...]

    @property
    def level(self) -> str:
        return self.rule.level

    def as_json(self, *, supplement: int | None = None) -> dict[str, Any]:
        """As stored in ``Submission.screening``; a supplement's finding names the supplement."""
        stored = {"rule": self.rule.id, "level": self.rule.level, "words": list(self.words)}
        return stored if supplement is None else {**stored, SUPPLEMENT_KEY: supplement}


# A stored finding of a supplement (text added on the status page) names it under this key.
SUPPLEMENT_KEY = "supplement"


def findings_of(stored: list[dict[str, Any]] | None, *, supplement: int | None = None) -> list[dict[str, Any]]:
    """The stored findings of the report itself (``supplement`` None) or of one supplement."""
    return [
        finding for finding in stored or []
        if isinstance(finding, dict) and finding.get(SUPPLEMENT_KEY) == supplement
    ]


def findings_purged(stored: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Stored findings (``Finding.as_json``) as a purge leaves them: the words found in the
    citizen's text or items go with that text; the rule, its level and the rest stay (the flag
    and its reason remain true of the case)."""
    return [
        {**finding, "words": []}
        if getattr(RULES_BY_ID.get(finding.get("rule")), "where", "") in ("text", "items") else finding
        for finding in stored or []
    ]


def told_to_phone(stored: list[dict[str, Any]] | None) -> bool:
    """Whether stored findings (``Finding.as_json``, also as a purge leaves them) include a
    ``phone`` one of the report itself: the check page told the person to call 112 or 114 14,
    and they sent anyway. A finding of a later supplement was never shown on the check page,
    so it does not count."""
    return any(finding.get("level") == PHONE for finding in findings_of(stored))


def tokens(text: str) -> list[str]:
    """Lower-case (folded) words of ``text``; a hyphenated word ("id-kort") is one word."""
    return _TOKEN.findall(fold(text))


def matched_words(text: str, words: Iterable[str]) -> tuple[str, ...]:
    """The entries of ``words`` found in ``text`` as whole words (or whole phrases), in list order."""
    found = tokens(text)
    joined = f" {' '.join(found)} "
    single = set(found)
    hits = []
    for word in words:
        if (" " in word and f" {word} " in joined) or word in single:
            if word not in hits:
                hits.append(word)
    return tuple(hits)


def screen(
    *, service, answers: Mapping[str, Any], items: Iterable[Mapping[str, Any]] = (), now: datetime | None = None,
    gate_phone: tuple[str, str] = ("", ""),
) -> list[Finding]:
    """Every finding for a service's validated answers (the ``draft.answers`` shape: step → dict
    or list of dicts) and its items, phone findings first. ``gate_phone`` is the outcome and rule
    of an earlier gate try in the session that sent the person to the phone
    (``session.gate_phone_outcome``): its finding names the rule."""
    gate_rules = {rule.id for rule in service.rules}
    texts = list(_free_texts(service, answers))
    items = list(items)
    findings = []
    for rule in RULES:
        if not rule.applies(gate_rules):
            continue
        if rule.where == "items":
            sources = [
                " ".join(str(item.get(name) or "") for name in ("description", "brand_model"))
                for item in items if item.get("kind") not in rule.skip_kinds
            ]
        else:
            sources = texts
        words: list[str] = []
        for text in sources:
            words += [w for w in matched_words(text, rule.words) if w not in words]
        if words:
            findings.append(Finding(rule=rule, words=tuple(words)))
    now = now or timezone.localtime()
    if JUST_HAPPENED_RULE.applies(gate_rules) and _just_happened(answers, now):
        findings.append(Finding(rule=JUST_HAPPENED_RULE, words=()))
    if _late_application(service, answers, now.date()):
        findings.append(Finding(rule=LATE_APPLICATION_RULE, words=()))
    phone_outcome, phone_rule = gate_phone
    if phone_outcome in GATE_CHANGED_RULES:
        findings.append(Finding(rule=GATE_CHANGED_RULES[phone_outcome], words=(phone_rule,) if phone_rule else ()))
    findings.sort(key=lambda f: f.level != PHONE)
    return findings


def screen_text(*, service, text: str) -> list[Finding]:
    """The findings of the free-text rules (``where="text"``) in one text written after the
    report was sent (a supplement on the status page): it is read like the report's own text."""
    gate_rules = {rule.id for rule in service.rules}
    findings = []
    for rule in RULES:
        if rule.where != "text" or not rule.applies(gate_rules):
            continue
        words = matched_words(text or "", rule.words)
        if words:
            findings.append(Finding(rule=rule, words=words))
    return findings


def priority_for(findings: Iterable[Finding]) -> int | None:
    """The triage priority the findings call for (1 urgent, 2 high), or None."""
    levels = {finding.level for finding in findings}
    if PHONE in levels:
        return 1
    if levels & {SIGNAL, NOTICE}:
        return 2
    return None


def _free_texts(service, answers: Mapping[str, Any]) -> Iterable[str]:
    """The free-text answers (text fields, not choice codes) of every step."""
    for step in service.steps:
        form_class = getattr(step.form_class, "form", step.form_class)
        text_fields = {
            name for name, field in getattr(form_class, "base_fields", {}).items()
            if isinstance(field, forms.CharField)
        }
        value = answers.get(step.name)
        rows = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for row in rows:
            for name in text_fields:
                text = row.get(name)
                if isinstance(text, str) and text:
                    yield text


def _just_happened(answers: Mapping[str, Any], now: datetime) -> bool:
    for value in answers.values():
        if not isinstance(value, dict) or not value.get("date_to") or not value.get("time_to"):
            continue
        try:
            end = datetime.fromisoformat(f"{value['date_to']}T{value['time_to']}")
        except (TypeError, ValueError):
            continue
        end = timezone.make_aware(end, now.tzinfo) if timezone.is_naive(end) else end
        if timedelta(0) <= now - end <= JUST_HAPPENED:
            return True
    return False


def _late_application(service, answers: Mapping[str, Any], today) -> bool:
    """A service that accepts late applications (``extra["late_accepted"]``): does the planned
    start come sooner than its lead time (the longer one for a large event or one with traffic)?"""
    extra = service.extra
    if not extra.get("late_accepted"):
        return False
    for value in answers.values():
        if not isinstance(value, dict) or not value.get("start_date"):
            continue
        try:
            start = date.fromisoformat(str(value["start_date"]))
        except ValueError:
            continue
        large = int(value.get("expected_people") or 0) > int(extra.get("large_people", 10**9)) or (
            value.get("traffic") == "yes"
        )
        lead = int(extra.get("large_lead_days" if large else "lead_days", 0))
        if start < today + timedelta(days=lead):
            return True
    return False
