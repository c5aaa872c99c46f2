"""Packaged word lists the repairs read: calques, the name shield, the English dictionary.

The name shield is built from the same packaged alias table and gazetteer the resolve stage
uses (``whimbrel/data/actors.json`` and ``places.json``), read here directly so that this
stage does not import another stage.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from whimbrel.errors import WhimbrelError


@dataclass(frozen=True, slots=True)
class Calque:
    source: str
    english: str
    lang: str
    note: str
    context: bool


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text`` (for word lists written as prose)."""
    return tuple(text.split())


def _data_json(name: str) -> Any:
    try:
        text = resources.files("whimbrel").joinpath("data", name).read_text(encoding="utf-8")
        return json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise WhimbrelError(f"cannot read packaged data file {name}: {exc}") from exc


@functools.cache
def calques() -> tuple[Calque, ...]:
    """The foreign acronym and calque table (``data/calques.json``)."""
    return tuple(Calque(**entry) for entry in _data_json("calques.json")["entries"])


@functools.cache
def name_aliases() -> tuple[str, ...]:
    """Every actor alias and place name or alias, as written in the packaged tables."""
    names: set[str] = {a["alias"] for a in _data_json("actors.json")["aliases"]}
    for place in _data_json("places.json")["places"]:
        names.add(place["name"])
        names.update(place.get("aliases") or ())
    return tuple(sorted(names))


_PLACE_KINDS = frozenset({"country", "demonym", "capital", "short", "historical"})


@functools.cache
def place_names() -> tuple[str, ...]:
    """Names of states (countries, demonyms, capitals) and gazetteer places; no people."""
    names: set[str] = {
        a["alias"] for a in _data_json("actors.json")["aliases"] if a["kind"] in _PLACE_KINDS
    }
    for place in _data_json("places.json")["places"]:
        names.add(place["name"])
        names.update(place.get("aliases") or ())
    return tuple(sorted(names))


@functools.cache
def shield_words() -> frozenset[str]:
    """Lower-cased words of every name: the spelling corrector never rewrites them."""
    words: set[str] = set()
    for name in name_aliases():
        for word in name.replace("-", " ").split():
            words.add(word.strip(".,'’()").lower())
    words.update(c.english.lower() for c in calques())
    return frozenset(w for w in words if w)


@functools.cache
def english_counts() -> dict[str, int]:
    """Word -> corpus frequency from symspellpy's packaged English dictionary."""
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.partition(" ")
            if count:
                counts[word] = int(count)
    return counts
