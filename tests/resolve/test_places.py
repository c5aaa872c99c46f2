"""Place gazetteer and city index."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from whimbrel.resolve.places import CITY_STOPLIST, find_places, lookup_place


def test_gazetteer_shape_and_size() -> None:
    raw = resources.files("whimbrel").joinpath("data/places.json").read_text(encoding="utf-8")
    table = json.loads(raw)
    assert table["version"] == 1
    assert len(table["places"]) >= 150
    for place in table["places"]:
        assert set(place) == {"name", "kind", "aliases", "country"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drills in the Sea of Japan ended.", [("Sea of Japan", "sea")]),
        ("They sailed the S. China Sea.", [("South China Sea", "sea")]),
        ("A frigate crossed the Strait of Hormuz.", [("Strait of Hormuz", "strait")]),
        (
            "Ships left the Gulf of Oman for the Arabian Sea.",
            [("Gulf of Oman", "gulf"), ("Arabian Sea", "sea")],
        ),
        (
            "They patrolled the Gulf of Aden, not the Gulf.",
            [("Gulf of Aden", "gulf"), ("Persian Gulf", "gulf")],
        ),
        ("Near Second Thomas Shoal", [("Second Thomas Shoal", "island")]),
        ("Tension around the Korean Peninsula", [("Korean Peninsula", "peninsula")]),
        ("fighting in the Kursk region", [("Kursk", "region")]),
        ("the port of Zhanjiang", [("Zhanjiang", "port")]),
        ("Subic Bay hosts ships", [("Subic Bay", "bay")]),
        ("They met in Moscow.", [("Moscow", "city")]),
        ("Cold arctic air.", []),
        ("Reading is nice in Nice.", []),
        ("The Pacific Fleet sailed into the Pacific.", [("Pacific Ocean", "ocean")]),
        ("across the DMZ", [("Demilitarized Zone", "region")]),
    ],
)
def test_find_places_in_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.kind) for p in find_places(text)] == expected


def test_find_places_offsets_and_country() -> None:
    text = "Russian ships docked at Tartus after visiting Vladivostok."
    found = find_places(text)
    assert [(p.text, p.country) for p in found] == [("Tartus", "SYR"), ("Vladivostok", "RUS")]
    assert all(text[p.start : p.end] == p.text for p in found)


def test_find_places_without_cities_uses_gazetteer_only() -> None:
    assert [p.name for p in find_places("Moscow and the Black Sea", cities=False)] == ["Black Sea"]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [("East Sea", "East Sea"), ("Senkakus", "Senkaku Islands"), ("Sevastopol", "Sevastopol")],
)
def test_lookup_place_canonical_name(phrase: str, name: str) -> None:
    found = lookup_place(phrase)
    assert found is not None
    assert found.name == name


def test_lookup_place_unknown_is_none() -> None:
    assert lookup_place("Atlantis") is None


def test_city_stoplist_holds_common_words() -> None:
    assert {"Reading", "Nice", "Mobile", "Bath", "Split", "Of"} <= CITY_STOPLIST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coast guard vessels collided near Rozul Reef on Monday.", ["Rozul Reef"]),
        ("Troops clashed in the Tawang district overnight.", ["Tawang"]),
        ("Drills were held across the Eastern Military District.", ["Eastern Military District"]),
        ("The jets flew from Ain al-Asad Air Base.", ["Ain al-Asad Air Base"]),
        # listed places win over the shape; sentence words are not names
        ("Patrols crossed the Luzon Strait.", ["Luzon Strait"]),
        ("The Bay was calm. In Strait terms, nothing.", []),
    ],
)
def test_find_places_recognises_named_features_by_shape(text: str, expected: list[str]) -> None:
    found = find_places(text, cities=False)
    assert [p.text for p in found] == expected
    assert [p.kind for p in found] == ["strait" if "Luzon" in text else "feature"] * len(found)
