"""The municipality list is complete and every municipality routes to a police region."""

import csv

import pytest
from django.utils import translation

from reports.municipalities import (
    MUNICIPALITIES_CSV,
    POLICE_REGIONS_CSV,
    Municipality,
    municipalities,
    municipality,
    municipality_choices,
    region_for_municipality,
    swedish_sort_key,
)


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_all_290_municipalities_sorted_by_unique_code():
    rows = read_rows(MUNICIPALITIES_CSV)
    codes = [row["code"] for row in rows]

    assert list(rows[0]) == ["code", "name"]
    assert len(rows) == 290
    assert len(set(codes)) == 290
    assert len({row["name"] for row in rows}) == 290
    assert codes == sorted(codes)
    assert all(len(code) == 4 and code.isdigit() for code in codes)


def test_every_code_starts_with_a_known_county_code():
    county_codes = {row["county_code"] for row in read_rows(POLICE_REGIONS_CSV)}
    codes = [row["code"] for row in read_rows(MUNICIPALITIES_CSV)]

    assert {code[:2] for code in codes} == county_codes


@pytest.mark.parametrize(
    ("code", "name", "county", "region"),
    [
        ("0114", "Upplands Väsby", "Stockholms län", "Stockholm"),
        ("0139", "Upplands-Bro", "Stockholms län", "Stockholm"),
        ("0180", "Stockholm", "Stockholms län", "Stockholm"),
        ("0331", "Heby", "Uppsala län", "Mitt"),
        ("0380", "Uppsala", "Uppsala län", "Mitt"),
        ("0580", "Linköping", "Östergötlands län", "Öst"),
        ("0980", "Gotland", "Gotlands län", "Stockholm"),
        ("1280", "Malmö", "Skåne län", "Syd"),
        ("1438", "Dals-Ed", "Västra Götalands län", "Väst"),
        ("1480", "Göteborg", "Västra Götalands län", "Väst"),
        ("1880", "Örebro", "Örebro län", "Bergslagen"),
        ("2023", "Malung-Sälen", "Dalarnas län", "Bergslagen"),
        ("2281", "Sundsvall", "Västernorrlands län", "Nord"),
        ("2584", "Kiruna", "Norrbottens län", "Nord"),
    ],
)
def test_known_municipalities(code, name, county, region):
    assert municipality(code) == Municipality(
        code=code, name=name, county_code=code[:2], county=county, region=region
    )
    assert region_for_municipality(code) == region


@pytest.mark.parametrize("code", ["", "0000", "0116", "9999", "180"])
def test_unknown_code_has_no_municipality_and_no_region(code):
    assert municipality(code) is None
    assert region_for_municipality(code) == ""


def test_every_municipality_resolves_to_a_region():
    regions = {row["police_region"] for row in read_rows(POLICE_REGIONS_CSV)}

    assert len(municipalities()) == 290
    assert all(region_for_municipality(item.code) in regions for item in municipalities())
    assert {item.region for item in municipalities()} == regions


def test_municipalities_are_in_swedish_alphabetical_order():
    names = [item.name for item in municipalities()]

    assert names[0] == "Ale"
    assert names[-1] == "Övertorneå"
    assert names.index("Ystad") < names.index("Åmål") < names.index("Älmhult") < names.index("Öckerö")
    assert names.index("Upplands-Bro") < names.index("Upplands Väsby")
    assert names.index("Vårgårda") < names.index("Värmdö") < names.index("Västerås")
    assert names.index("Östersund") < names.index("Österåker") < names.index("Östhammar")


@pytest.mark.parametrize(
    ("earlier", "later"),
    [("Zinkgruvan", "Åre"), ("Åre", "Älvdalen"), ("Älvdalen", "Öland"), ("vara", "Västerås")],
)
def test_swedish_sort_key(earlier, later):
    assert swedish_sort_key(earlier) < swedish_sort_key(later)


def test_municipality_choices_start_with_a_prompt_then_follow_the_names():
    choices = municipality_choices()

    assert len(choices) == 291
    assert choices[0][0] == ""
    with translation.override("en"):
        assert str(choices[0][1]) == "Choose a municipality"
    assert choices[1:] == [(item.code, item.name) for item in municipalities()]
    assert ("0180", "Stockholm") in choices
