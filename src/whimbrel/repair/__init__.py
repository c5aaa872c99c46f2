"""repair: raw article text in -> repaired text plus an offset map back to the original out.

Each repair is a small pure function that proposes non-overlapping edits
``(start, end, replacement)`` on the text it is given. :func:`repair` applies them in
order and composes the offset maps, so any span of the repaired text can be cited against
the ORIGINAL text (``OffsetMap.to_original``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Piecewise map from positions in a repaired text to positions in its source.

    ``new_starts[i]`` / ``old_starts[i]`` open segment i; inside an unchanged segment the
    map is a shift, a position inside a replacement maps to the start of what it replaced.
    """

    new_starts: tuple[int, ...]
    old_starts: tuple[int, ...]
    changed: tuple[bool, ...]
    old_ends: tuple[int, ...]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), (0,), (False,), (length,))

    def to_original(self, pos: int, *, end: bool = False) -> int:
        i = bisect.bisect_right(self.new_starts, pos) - 1
        if end and i > 0 and pos == self.new_starts[i]:
            i -= 1  # an end position belongs to the segment it closes
        if self.changed[i]:
            return self.old_ends[i] if end else self.old_starts[i]
        return self.old_starts[i] + (pos - self.new_starts[i])

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """Map through ``self`` (newest) then ``inner`` (older); exact at segment bounds."""
        if inner.is_identity:
            return self
        if self.is_identity:
            return inner
        new_starts: list[int] = []
        old_starts: list[int] = []
        changed: list[bool] = []
        old_ends: list[int] = []
        for k, start in enumerate(self.new_starts):
            mid_start = self.old_starts[k]
            mid_end = self.old_ends[k]
            if self.changed[k]:
                new_starts.append(start)
                old_starts.append(inner.to_original(mid_start))
                old_ends.append(inner.to_original(mid_end, end=True))
                changed.append(True)
                continue
            # split this unchanged segment where the inner map has boundaries
            cuts = [p for p in inner.new_starts if mid_start < p < mid_end]
            bounds = [mid_start, *cuts, mid_end]
            for a, b in itertools.pairwise(bounds):
                j = bisect.bisect_right(inner.new_starts, a) - 1
                new_starts.append(start + (a - mid_start))
                old_starts.append(inner.to_original(a))
                old_ends.append(inner.to_original(b, end=True))
                changed.append(inner.changed[j])
        return OffsetMap(tuple(new_starts), tuple(old_starts), tuple(changed), tuple(old_ends))

    @property
    def is_identity(self) -> bool:
        return len(self.new_starts) == 1 and not self.changed[0] and self.old_starts[0] == 0


@dataclass(frozen=True, slots=True)
class Repaired:
    original: str
    text: str
    offsets: OffsetMap
    changes: tuple[tuple[int, int, str, str], ...]  # (orig_start, orig_end, old, new)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_original(start), self.offsets.to_original(end, end=True)


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted non-overlapping edits; return the new text and its offset map."""
    if not edits:
        return text, OffsetMap.identity(len(text))
    parts: list[str] = []
    new_starts: list[int] = []
    old_starts: list[int] = []
    changed: list[bool] = []
    old_ends: list[int] = []
    pos_old = 0
    pos_new = 0
    for start, end, replacement in edits:
        if start > pos_old:
            parts.append(text[pos_old:start])
            new_starts.append(pos_new)
            old_starts.append(pos_old)
            old_ends.append(start)
            changed.append(False)
            pos_new += start - pos_old
        parts.append(replacement)
        new_starts.append(pos_new)
        old_starts.append(start)
        old_ends.append(end)
        changed.append(True)
        pos_new += len(replacement)
        pos_old = end
    parts.append(text[pos_old:])
    new_starts.append(pos_new)
    old_starts.append(pos_old)
    old_ends.append(len(text))
    changed.append(False)
    return "".join(parts), OffsetMap(
        tuple(new_starts), tuple(old_starts), tuple(changed), tuple(old_ends)
    )


# --- the repairs -------------------------------------------------------------------------

_GLUED_COMMA = re.compile(r"(?<=[A-Za-z\)’”\"])([,;])(?=[A-Za-z])")
# "policy.Now" but not "U.S.", "e.g.", "example.com" (the right side must be Capital+lower).
_GLUED_STOP = re.compile(r"(?<=[a-z]{3})([.!?])(?=[A-Z][a-z])")
# "prior-a clear": a dash glueing a word to a one-letter article.
_GLUED_DASH = re.compile(r"(?<=[a-z]{3})-(?=(?:a|an|the)\s)")


def fix_glued_punctuation(text: str) -> list[Edit]:
    """Insert the space missing after a comma or sentence stop ("Taiwan,marking")."""
    edits = [(m.end(), m.end(), " ") for m in _GLUED_COMMA.finditer(text)]
    edits += [(m.end(), m.end(), " ") for m in _GLUED_STOP.finditer(text)]
    edits += [(m.start(), m.end(), " - ") for m in _GLUED_DASH.finditer(text)]
    return sorted(edits)


# Frequent transposition typos seen in hastily edited or re-typed copy. Only lower-case
# forms that are never words or names themselves.
_TYPOS = {
    "teh": "the",
    "coudl": "could",
    "woudl": "would",
    "shoudl": "should",
    "adn": "and",
    "taht": "that",
    "thier": "their",
    "milatary": "military",
    "militray": "military",
    "goverment": "government",
    "exercize": "exercise",
    "excercise": "exercise",
    "excercises": "exercises",
    "recieve": "receive",
    "recieved": "received",
    "agreemnt": "agreement",
    "sanctoins": "sanctions",
}
_TYPO_RE = re.compile(r"\b(" + "|".join(_TYPOS) + r")\b", re.IGNORECASE)


def fix_typos(text: str) -> list[Edit]:
    """Replace listed non-word typos, keeping the case of the first letter."""
    edits: list[Edit] = []
    for m in _TYPO_RE.finditer(text):
        word = m.group(0)
        fixed = _TYPOS[word.lower()]
        if word[0].isupper():
            fixed = fixed[0].upper() + fixed[1:]
        edits.append((m.start(), m.end(), fixed))
    return edits


# Foreign acronyms and calques from translated news -> the English form (source language).
_CALQUES: tuple[tuple[str, str, str], ...] = (
    (r"\bAPL\b", "PLA", "fr/es: Armée/Ejército Popular de Liberación"),
    (r"\bOTAN\b", "NATO", "fr/es/pt: Organisation du traité de l'Atlantique nord"),
    (r"\bEPL\b", "PLA", "es: Ejército Popular de Liberación"),
    (r"\bONU\b", "UN", "fr/es/pt: Organisation des Nations unies"),
    (r"\bSea of southern China\b", "South China Sea", "fr/es calque: mer de Chine méridionale"),
    (r"\bSouthern China Sea\b", "South China Sea", "calque"),
    (r"\bSea of eastern China\b", "East China Sea", "fr/es calque: mer de Chine orientale"),
    (r"\bArmy of Popular Liberation\b", "People's Liberation Army", "fr/es calque"),
    (r"\bPopular Liberation Army\b", "People's Liberation Army", "fr/es calque"),
    (r"\bStrait of Ormuz\b", "Strait of Hormuz", "fr/es spelling"),
)
_CALQUE_RES = tuple((re.compile(p), repl) for p, repl, _note in _CALQUES)


def fix_calques(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for pattern, replacement in _CALQUE_RES:
        edits += [(m.start(), m.end(), replacement) for m in pattern.finditer(text)]
    return _non_overlapping(sorted(edits))


def _non_overlapping(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    last_end = -1
    for edit in edits:
        if edit[0] >= last_end:
            out.append(edit)
            last_end = max(edit[1], edit[0] + 1)
    return out


Repair = Callable[[str], list[Edit]]
DEFAULT_REPAIRS: tuple[Repair, ...] = (fix_glued_punctuation, fix_typos, fix_calques)


def repair(text: str, *, repairs: Sequence[Repair] = DEFAULT_REPAIRS) -> Repaired:
    """Run each repair in turn; clean text comes back identical with an identity map."""
    current = text
    offsets = OffsetMap.identity(len(text))
    changes: list[tuple[int, int, str, str]] = []
    for fn in repairs:
        edits = _non_overlapping(sorted(fn(current)))
        if not edits:
            continue
        for start, end, new in edits:
            o_start = offsets.to_original(start)
            o_end = offsets.to_original(end, end=True) if end > start else o_start
            changes.append((o_start, o_end, text[o_start:o_end], new))
        current, step = apply_edits(current, edits)
        offsets = step.compose(offsets)
    return Repaired(text, current, offsets, tuple(sorted(changes)))
