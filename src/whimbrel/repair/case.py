"""Case restoration for names in lower-cased text ("russia's defense ministry").

Only sentences without a single capital letter are touched (or every sentence, when most of
the document is lower case): there, names from the actor and place tables get their case
back (and, in a lower-cased document, each sentence its capital). Lower-case forms that
are also ordinary words ("us", "plan", "polish", "chad") are left alone.
"""

from __future__ import annotations

import functools
import re

from whimbrel.ontology import MONTHS, WEEKDAYS
from whimbrel.repair.offsets import Edit
from whimbrel.repair.vocab import name_aliases, words
from whimbrel.trie import trie_pattern

_AMBIGUOUS = frozenset(
    words(
        "us plan chad polish guinea quad wagner dane swede trump lac roc nice male sofia lima "
        "bern amman victoria reading bath sino russo indo anglo franco turco italo greco austro "
        "germano hispano luso nippo polono irano israelo no 10 number"
    )
)
# Weekday and month names ("may" and "march" are verbs too).
_CALENDAR = tuple(name.lower() for name in (*WEEKDAYS, *MONTHS) if name not in {"March", "May"})
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")
_MIN_WORDS = 3
# "the us" is never the pronoun.
_THE_US = re.compile(r"\bthe (us)\b")
_LAST_WORD = re.compile(r"(?<![\w.])([a-z]{3,})\.\Z")
_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "approx", "govt", "dept", "est", "cf", "al"})
_MOSTLY_LOWER = 0.8


@functools.cache
def _compiled() -> tuple[re.Pattern[str], dict[str, str]]:
    cased: dict[str, str] = {}
    for alias in name_aliases():
        lower = alias.lower()
        if lower == alias or lower in _AMBIGUOUS or not any(c.isalpha() for c in lower):
            continue
        best = cased.get(lower)
        # prefer the form with more capitals: AUKUS over Aukus
        if best is None or sum(c.isupper() for c in alias) > sum(c.isupper() for c in best):
            cased[lower] = alias
    for word in _CALENDAR:
        cased.setdefault(word, word.capitalize())
    pattern = re.compile(r"(?<![\w.'’-])(?:" + trie_pattern(cased) + r")(?![\w])")
    return pattern, cased


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + (text[m.start()] in ".!?")
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def restore_case(text: str) -> list[Edit]:
    """Capitalise names (and the sentence start) in sentences written all in lower case."""
    if text == text.upper():
        return []
    spans = _sentences(text)
    lower_spans = [
        (s, e) for s, e in spans if text[s:e] == text[s:e].lower() and _has_words(text[s:e])
    ]
    if not lower_spans:
        return []
    total = sum(e - s for s, e in spans)
    mostly_lower = sum(e - s for s, e in lower_spans) >= _MOSTLY_LOWER * total
    if mostly_lower:
        lower_spans = [(s, e) for s, e in spans if _has_words(text[s:e])]
    pattern, cased = _compiled()
    edits: list[Edit] = []
    index_of = {s: k for k, (s, _e) in enumerate(spans)}
    for start, end in lower_spans:
        first = text[start]
        capitalise = (
            first.isalpha()
            and first.islower()
            and (
                _opens_sentence(text, start)
                if mostly_lower
                else _follows_full_stop(text, start)
                and _lowered_neighbour(text, spans, index_of[start])
            )
        )
        if capitalise:
            edits.append((start, start + 1, first.upper()))
        for m in pattern.finditer(text, start, end):
            name = cased[m.group(0)]
            if m.start() == start and capitalise:
                if len(name) > 1:
                    edits.append((start + 1, m.end(), name[1:]))
            elif name != m.group(0):
                edits.append((m.start(), m.end(), name))
        edits += [(m.start(1), m.end(1), "US") for m in _THE_US.finditer(text, start, end)]
    return sorted(edits)


def _lowered_neighbour(text: str, spans: list[tuple[int, int]], index: int) -> bool:
    """Is a sentence next to ``spans[index]`` also written all in lower case? A lone
    lower-case sentence in cased copy ("argued. there is ...") is a slip of the writer,
    left alone; runs of them are machine lower-casing, which the parser needs undone."""
    for k in (index - 1, index + 1):
        if 0 <= k < len(spans):
            s, e = spans[k]
            if text[s:e] == text[s:e].lower() and _has_words(text[s:e], 6):
                return True
    return False


def _opens_sentence(text: str, start: int) -> bool:
    """Start of text, after a sentence stop, or after a blank line."""
    before = text[max(0, start - 200) : start]
    stripped = before.rstrip()
    if not stripped:
        return start == len(before)
    return stripped[-1] in '.!?"”’)' or "\n\n" in before[len(stripped) :]


def _follows_full_stop(text: str, start: int) -> bool:
    """After "word." that ends a sentence (not "...", "etc.", "Wham!" or "Dance?")."""
    before = text[max(0, start - 40) : start]
    if "\n" in before[len(before.rstrip()) :]:
        return False  # a new paragraph: a heading, a list, a name dropped from the copy
    m = _LAST_WORD.search(before.rstrip())
    return m is not None and m.group(1) not in _ABBREVIATIONS


def _has_words(sentence: str, minimum: int = _MIN_WORDS) -> bool:
    return len(re.findall(r"[a-z]{2,}", sentence)) >= minimum
