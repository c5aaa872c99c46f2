"""Packaged word lists the repairs read: calques, the name shield, the English dictionary.

The name shield is built from the same packaged alias table and gazetteer the resolve stage
uses (``whimbrel/data/actors.json`` and ``places.json``), read here directly so that this
stage does not import another stage.
"""

from __future__ import annotations

import functools
import json
import re
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
def leader_names() -> tuple[str, ...]:
    """Names of leaders in the actor table ("Putin", "Xi Jinping"), as written there."""
    return tuple(
        sorted({a["alias"] for a in _data_json("actors.json")["aliases"] if a["kind"] == "leader"})
    )


@functools.cache
def shield_words() -> frozenset[str]:
    """Lower-cased words of every name: the spelling corrector never rewrites them."""
    words: set[str] = set()
    for name in name_aliases():
        for word in name.replace("-", " ").split():
            words.add(word.strip(".,'’()").lower())
    words.update(c.english.lower() for c in calques())
    return frozenset(w for w in words if w)


# British spellings whose American form symspellpy's dictionary lacks ("armoured" is there,
# "armored" is not): pattern on the British word -> American replacement.
_AMERICAN = (
    (
        re.compile(
            r"(?:(?<=[bdglmnv])|(?<=[aeh]vi)|(?<=nc))"  # armour, behaviour, rancour
            r"our(s|ed|ing|ite|ites|er|ers|able)?$"
        ),
        r"or\1",
    ),
    (re.compile(r"(?<=[a-z][tb])re(s)?$"), r"er\1"),
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
    (
        # travelled, fuelled; not expelled, rebelled, spelled, excelled, quelled
        re.compile(r"^([a-z]*[aeiou][a-z]*(?<![pbqstwyhm])(?<!qu)(?<!xc))ell(ed|ing|er|ers)$"),
        r"\1el\2",
    ),
    (re.compile(r"^manoeuvr(?:e(s)?|(ed|ing))$"), r"maneuver\1\2"),
)
# The stems of negative contractions ("doesn't" is read as "doesn" + "'t").
_CONTRACTIONS = words("doesn didn isn hasn wasn aren weren couldn wouldn shouldn hadn mustn needn")


def _american(word: str) -> str | None:
    for pattern, replacement in _AMERICAN:
        american = pattern.sub(replacement, word)
        if american != word:
            return american
    return None


@functools.cache
def english_counts() -> dict[str, int]:
    """Word -> corpus frequency from symspellpy's packaged English dictionary.

    Completed with the American forms of British spellings it lists only in British form
    ("armoured" -> "armored", "kilometres" -> "kilometers") and contraction stems.
    """
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.partition(" ")
            if count:
                counts[word] = int(count)
    extra: dict[str, int] = {}
    for word, frequency in counts.items():
        american = _american(word) if len(word) >= 5 else None
        if american is not None and american not in counts:
            extra[american] = max(extra.get(american, 0), frequency)
    counts.update(extra)
    for stem in _CONTRACTIONS:
        counts.setdefault(stem, counts.get(stem[:-1], 1_000_000))
    return counts
