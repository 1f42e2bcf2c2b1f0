"""Sweden's 290 municipalities and the police region each one belongs to.

Read once from ``data/municipalities.csv`` (official SCB codes) and
``data/police_regions.csv`` (county code to police region). A municipality's county is the
first two digits of its code, which is how a submission with a place is routed.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"
POLICE_REGIONS_CSV = DATA_DIR / "police_regions.csv"

# Swedish alphabetical order: Å, Ä and Ö come after Z, and W is its own letter.
_SWEDISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_SWEDISH_ALPHABET)}
# Letters with diacritics that Swedish sorts as the plain letter.
_LETTER_RANK.update({"é": _LETTER_RANK["e"], "è": _LETTER_RANK["e"], "ü": _LETTER_RANK["y"]})


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality (kommun) with its county (län) and police region."""

    code: str
    name: str
    county_code: str
    county: str
    region: str


def swedish_sort_key(name: str) -> tuple[tuple[int, ...], str]:
    """Sort key that orders names as a Swedish dictionary does (… Y, Z, Å, Ä, Ö).

    Spaces, hyphens and other characters outside the alphabet sort before every letter;
    the name itself breaks ties so that the order is total.
    """
    ranks = tuple(_LETTER_RANK.get(char, -1) for char in name.casefold())
    return ranks, name


@dataclass(frozen=True, slots=True)
class _County:
    county: str
    region: str


@functools.cache
def _counties() -> dict[str, _County]:
    with POLICE_REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["county_code"]: _County(county=row["county"], region=row["police_region"])
            for row in csv.DictReader(handle)
        }


@functools.cache
def _by_code() -> dict[str, Municipality]:
    counties = _counties()
    found: dict[str, Municipality] = {}
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["code"]
            county_code = code[:2]
            county = counties.get(county_code)
            if county is None:
                raise ValueError(f"Municipality {code} has no county in {POLICE_REGIONS_CSV.name}")
            if code in found:
                raise ValueError(f"Municipality code {code} appears twice in {MUNICIPALITIES_CSV.name}")
            found[code] = Municipality(
                code=code,
                name=row["name"],
                county_code=county_code,
                county=county.county,
                region=county.region,
            )
    return found


@functools.cache
def municipalities() -> tuple[Municipality, ...]:
    """All municipalities, in Swedish alphabetical order of their names."""
    return tuple(sorted(_by_code().values(), key=lambda item: swedish_sort_key(item.name)))


def municipality(code: str) -> Municipality | None:
    """The municipality with this 4-digit SCB code, or None if there is none."""
    return _by_code().get(code)


def region_for_municipality(code: str) -> str:
    """The police region's name for a municipality code (e.g. "Stockholm", "Öst").

    Returns "" for an unknown code, so that routing can fall back instead of failing.
    """
    found = municipality(code)
    return found.region if found else ""


class _MunicipalityChoices(BaseChoiceIterator):
    """The municipality choices, built once and shared by every form that shows them.

    A ``BaseChoiceIterator`` is taken as it is by a ``ChoiceField`` (not normalised again),
    and copying it (a form copies its fields for each instance) returns the same object: a
    wizard step no longer rebuilds and copies ~290 pairs for each form it makes.
    ``shared`` tells ``reports.forms.fields.Select`` that the options may be written once per
    language and kept.
    """

    shared = True

    def __iter__(self):
        yield ("", _("Choose a municipality"))  # lazy: translated when rendered
        yield from _municipality_pairs()

    def __len__(self) -> int:
        return 1 + len(_municipality_pairs())

    def __getitem__(self, index):
        return list(self)[index]

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def is_municipality_choice(value) -> bool:
    """Whether ``value`` is one of ``MUNICIPALITY_CHOICES``' values (the empty prompt or a code),
    as ``ChoiceField.valid_value`` would answer, by one look-up instead of a walk through ~290."""
    text = str(value)
    return text == "" or text in _by_code()


@functools.cache
def _municipality_pairs() -> tuple[tuple[str, str], ...]:
    return tuple((item.code, item.name) for item in municipalities())


MUNICIPALITY_CHOICES = _MunicipalityChoices()


def municipality_choices() -> _MunicipalityChoices:
    """Choices for a ``ChoiceField``: an empty prompt, then (code, name) by name; one shared object."""
    return MUNICIPALITY_CHOICES
