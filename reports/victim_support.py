"""Victim support after a report (docs/services.md): who to call, and when the receipt says so.

After a report of a service marked ``victim_support`` in the catalogue (burglary, card
fraud), or whenever the gate was told of violence or threats, the receipt links to
Brottsofferjouren; when violence or threats were involved it also names Kvinnofridslinjen,
the national helpline for violence in close relationships. The gate answers are not kept:
only which of the two the receipt shows, in the browser session beside the receipt.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reports.catalogue import Service
from reports.gate import YES

# Gate questions whose "yes" means violence or threats were involved.
VIOLENCE_QUESTIONS = ("violence", "threats")
SESSION_KEY = "victim_support"


@dataclass(frozen=True)
class Helpline:
    id: str
    name: str
    phone: str
    tel: str
    url: str
    description: str


BROTTSOFFERJOUREN = Helpline(
    id="brottsofferjouren",
    name="Brottsofferjouren",
    phone="116 006",
    tel="116006",
    url="https://www.brottsofferjouren.se/",
    description=_("Free support for anyone who has been the victim of a crime, or witnessed one."),
)
KVINNOFRIDSLINJEN = Helpline(
    id="kvinnofridslinjen",
    name="Kvinnofridslinjen",
    phone="020-50 50 50",
    tel="020505050",
    url="https://kvinnofridslinjen.se/",
    description=_(
        "The national helpline for violence in close relationships. Free, open all hours, and the call "
        "does not show on your phone bill."
    ),
)
HELPLINES = {line.id: line for line in (BROTTSOFFERJOUREN, KVINNOFRIDSLINJEN)}


def violence_or_threats(answers: Mapping[str, str]) -> bool:
    return any(answers.get(question) == YES for question in VIOLENCE_QUESTIONS)


def helplines_for(*, service: Service, answers: Mapping[str, str]) -> list[str]:
    """The ids of the helplines the receipt shows, in order; empty: none."""
    violence = violence_or_threats(answers)
    if not (service.victim_support or violence):
        return []
    return [BROTTSOFFERJOUREN.id, *([KVINNOFRIDSLINJEN.id] if violence else [])]


def remember(request, *, reference: str, helplines: list[str]) -> None:
    """Keep, beside the receipt, which helplines it shows (the ten latest receipts)."""
    if not helplines:
        return
    remembered = dict(list(request.session.get(SESSION_KEY, {}).items())[-9:])
    remembered[reference] = helplines
    request.session[SESSION_KEY] = remembered


def for_receipt(request, reference: str) -> list[Helpline]:
    return [HELPLINES[i] for i in request.session.get(SESSION_KEY, {}).get(reference, []) if i in HELPLINES]


def forget(request, *, references: set[str]) -> None:
    """Drop what the receipts of ``references`` would show (their receipts are no longer this session's)."""
    remembered = request.session.get(SESSION_KEY, {})
    if references.intersection(remembered):
        request.session[SESSION_KEY] = {ref: ids for ref, ids in remembered.items() if ref not in references}
