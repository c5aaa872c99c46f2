"""Actor names to ISO 3166-1 alpha-3 codes or alliance codes, from ``data/actors.json``.

Matching rules (documented in the table's ``comment`` too):

* aliases written in capitals ("US", "UK", "EU", "PLAN") and aliases of at most three
  letters ("Xi") match only exactly, so the pronoun "us" or a "plan" is never an actor;
* other aliases match whatever their case, except in an all-lower-case form ("turkey",
  "china", "chad" are words); ``lookup`` of a whole phrase ignores case for them;
* a leading "the" and a trailing possessive ("Russia's", "Russians'") are ignored;
  demonyms also match in the plural ("Russians", "Israelis");
* combining forms ("Sino", "Russo", "Indo", "Anglo") match only before a hyphen, so
  "Sino-Russian" gives CHN and RUS; "Russia-China" and "US-Philippine" give two spans;
* "blockers" ("Latin America", "Indo-Pacific", "Real Madrid") contain an alias but name
  no actor, and a name inside a gazetteer place ("Sea of Japan", "Taiwan Strait") is a
  place, not an actor.

Ambiguous names are left out on purpose: plain "Austin", "Lee", "Kim", "Wang", "Lai",
"Marcos", "Korean", "the alliance" and any ministry without its state ("Ministry of
Defence"). "Brussels" is read as the EU, "Korea" as South Korea, "Congo" as the DRC,
"Pacific Fleet" as Russia's (the US one needs its "US"), Houthis as YEM and the Soviet
Union as RUS.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from whimbrel.resolve._trie import normalise_key, normalise_surface, trie_pattern
from whimbrel.resolve.places import Gazetteer, default_gazetteer

KINDS: frozenset[str] = frozenset(
    {
        "country",
        "short",
        "demonym",
        "combining",
        "capital",
        "seat",
        "military",
        "leader",
        "alliance",
        "historical",
    }
)

_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_HYPHENS = "-‐‑–—"


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """An actor name found in a text: ``text[start:end]``, its code and the alias kind."""

    start: int
    end: int
    text: str
    code: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Entry:
    alias: str  # as written in the table, without a leading "the"
    code: str | None  # None for a blocker
    kind: str
    exact: bool  # case-sensitive


def _put(table: dict[str, tuple[_Entry, ...]], alias: str, entry: _Entry) -> None:
    key = normalise_key(alias)
    table[key] = (*table.get(key, ()), entry)


def _strip_the(alias: str) -> str:
    return _LEADING_THE.sub("", alias.strip())


def _is_exact(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 3 or all(c.isupper() for c in letters)


def _plural(alias: str) -> str | None:
    """The plural of a demonym that has one ("Russian" -> "Russians"), else None."""
    if alias.endswith(("sh", "ch", "ss", "ese", "s", "x", "z")):
        return None
    return alias + "s"


class ActorResolver:
    """Resolve actor phrases and find actor names in text. Build once and reuse."""

    def __init__(
        self,
        aliases: Iterable[dict[str, Any]],
        *,
        blockers: Iterable[str] = (),
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self._gazetteer = gazetteer
        self._names: dict[str, str] = {}  # code -> its first country alias ("Ukraine")
        # One key (lower case) can hold case variants: "Quad" (loose) and "QUAD" (exact).
        self._entries: dict[str, tuple[_Entry, ...]] = {}
        self._combining: dict[str, tuple[_Entry, ...]] = {}
        for row in aliases:
            kind = str(row["kind"])
            if kind not in KINDS:
                raise ValueError(f"unknown alias kind {kind!r} for {row['alias']!r}")
            alias = _strip_the(str(row["alias"]))
            if kind == "country":
                self._names.setdefault(str(row["code"]), alias)
            entry = _Entry(alias, str(row["code"]), kind, _is_exact(alias))
            target = self._combining if kind == "combining" else self._entries
            _put(target, alias, entry)
            if kind == "demonym":
                plural = _plural(alias)
                if plural is not None and normalise_key(plural) not in self._entries:
                    _put(self._entries, plural, _Entry(plural, entry.code, kind, entry.exact))
        for blocker in blockers:
            alias = _strip_the(blocker)
            # a blocker replaces whatever the same words would otherwise mean
            self._entries[normalise_key(alias)] = (_Entry(alias, None, "blocker", False),)
        main = trie_pattern(self._entries)
        combining = trie_pattern(self._combining)
        self._pattern = re.compile(
            rf"(?<!\w)(?:(?P<main>{main})(?!\w)|(?P<comb>{combining})(?=[{_HYPHENS}]\w))",
            re.IGNORECASE,
        )

    def country_name(self, code: str) -> str | None:
        """The plain English name of a state ("UKR" -> "Ukraine"); None for alliances."""
        return self._names.get(code)

    @classmethod
    def from_package(cls, *, gazetteer: Gazetteer | None = None) -> ActorResolver:
        raw = resources.files("whimbrel").joinpath("data/actors.json").read_text(encoding="utf-8")
        table = json.loads(raw)
        return cls(table["aliases"], blockers=table.get("blockers", ()), gazetteer=gazetteer)

    @property
    def codes(self) -> frozenset[str]:
        """Every code the table can produce."""
        return frozenset(
            e.code for entries in self._entries.values() for e in entries if e.code is not None
        )

    @staticmethod
    def _accepts(entry: _Entry, surface: str, *, loose_case: bool) -> bool:
        surface = normalise_surface(surface)
        if entry.exact:
            return surface == entry.alias
        return loose_case or not surface.islower()

    def _pick(
        self, table: dict[str, tuple[_Entry, ...]], surface: str, *, loose_case: bool
    ) -> _Entry | None:
        for entry in table.get(normalise_key(surface), ()):
            if self._accepts(entry, surface, loose_case=loose_case):
                return entry
        return None

    def _entry_for(self, phrase: str) -> _Entry | None:
        surface = _POSSESSIVE.sub("", _strip_the(phrase)).strip()
        return self._pick(self._entries, surface, loose_case=True)

    def lookup(self, phrase: str) -> str | None:
        """The code of a phrase naming one actor ("the Kremlin" -> RUS), else None."""
        entry = self._entry_for(phrase)
        if entry is not None:
            return entry.code
        codes = self.lookup_all(phrase)
        return codes[0] if len(codes) == 1 else None

    def lookup_all(self, phrase: str) -> tuple[str, ...]:
        """Every distinct code named in a phrase, in order ("Sino-Russian" -> CHN, RUS)."""
        entry = self._entry_for(phrase)
        if entry is not None:
            return () if entry.code is None else (entry.code,)
        return tuple(dict.fromkeys(span.code for span in self.find(phrase)))

    def find(self, text: str) -> list[ActorSpan]:
        """Actor names in ``text``, leftmost-longest, sorted by start; none inside places.

        In a text written without capitals (fewer than 1 letter in 200 upper case) the
        all-lower-case rule is lifted; capital-only aliases ("US") still need capitals.
        """
        gazetteer = self._gazetteer if self._gazetteer is not None else default_gazetteer()
        loose_case = is_caseless(text)
        places = [(p.start, p.end) for p in gazetteer.find(text)]
        spans: list[ActorSpan] = []
        for match in self._pattern.finditer(text):
            surface = match.group()
            is_comb = match.group("comb") is not None
            table = self._combining if is_comb else self._entries
            entry = self._pick(table, surface, loose_case=loose_case)
            if entry is None or entry.code is None:
                continue
            start, end = match.span()
            if any(p_start <= start and end <= p_end for p_start, p_end in places):
                continue
            spans.append(ActorSpan(start, end, surface, entry.code, entry.kind))
        return spans


def is_caseless(text: str, *, max_upper_ratio: float = 0.005) -> bool:
    """True for a text (of 20+ letters) that is (almost) all lower case."""
    letters = upper = 0
    for char in text:
        if char.isalpha():
            letters += 1
            upper += char.isupper()
    return letters >= 20 and upper <= letters * max_upper_ratio


@functools.cache
def default_resolver() -> ActorResolver:
    """The resolver built from the packaged table (built once per process)."""
    return ActorResolver.from_package()
