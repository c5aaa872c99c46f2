"""Conservative spelling correction with symspellpy, shielded from names and codes.

A word is corrected only when all of these hold: its correction is a word of security news
(:mod:`whimbrel.repair.domain`); it is written in lower case and has 4 to 25 letters; it
stands alone (not part of a URL, e-mail, code, number, hyphenated or apostrophised form);
it is neither in the English dictionary nor a word of any actor or place name; and exactly
one frequent dictionary word lies one edit away (or one is 50 times more frequent than
every other), with no name among the neighbours ("beijng" is left alone: "beijing" is a
neighbour, so is "being").

Names: a lower-case unknown word that is a known name with two adjacent letters swapped
("cihna") gets the name back (case restoration capitalises it later); a capitalised unknown
word that is a known name, or a word of a name or of security news, with two letters
swapped ("Rusisa", "Minsitry") likewise. No other capitalised word is ever touched.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

from whimbrel.repair.domain import domain_words
from whimbrel.repair.offsets import Edit
from whimbrel.repair.vocab import english_counts, name_aliases, place_names, shield_words

_WORD = re.compile(r"\b[A-Za-z]{4,25}\b")
_ALLIANCES = frozenset({"NATO", "CSTO", "ASEAN", "AUKUS"})
_MIN_COUNT = 100_000
_DOMINANCE = 50


@functools.cache
def _symspell() -> Any:
    from symspellpy import SymSpell  # type: ignore[import-untyped]

    speller = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    with resources.as_file(path) as file:
        speller.load_dictionary(str(file), term_index=0, count_index=1)
    return speller


_VARIANTS = (
    (re.compile(r"our"), "or"),
    (re.compile(r"ll"), "l"),
    (re.compile(r"is(e|ed|es|ing|ation)\b"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)\b"), r"yz\1"),
    (re.compile(r"tre\b"), "ter"),
    (re.compile(r"ae|oe"), "e"),
    (re.compile(r"ence\b"), "ense"),
    (re.compile(r"ogue\b"), "og"),
)


def _is_transposition(word: str, other: str) -> bool:
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b]
    return (
        len(word) == len(other)
        and len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == other[diff[1]]
        and word[diff[1]] == other[diff[0]]
    )


def _variant_key(word: str) -> str:
    """British and American spellings of a word share this key."""
    for pattern, replacement in _VARIANTS:
        word = pattern.sub(replacement, word)
    return word


@functools.cache
def correction(word: str) -> str | None:
    """The correction of a lower-case unknown word, or None when it is not unambiguous."""
    from symspellpy import Verbosity

    suggestions = _symspell().lookup(word, Verbosity.ALL, max_edit_distance=1)
    candidates = [s for s in suggestions if s.distance == 1]
    if not candidates:
        return None
    shield = shield_words()
    domain = domain_words()
    candidates.sort(key=lambda s: -int(s.count))
    swapped = [s for s in candidates if _is_transposition(word, str(s.term))]
    if len(swapped) == 1 and swapped[0].term in domain and int(swapped[0].count) >= _MIN_COUNT:
        # the commonest typing slip, and only one word it can come from: "siad", "wree"
        return str(swapped[0].term)
    if any(s.term in shield and s.term not in domain for s in candidates):
        return None  # "beijng" may be a name: never guess between a name and a word
    best = candidates[0]
    if len(word) <= 5 and not _is_transposition(word, str(best.term)):
        return None  # short words: only swapped letters ("wtih"), never "muso" -> "must"
    if _variant_key(word) == _variant_key(str(best.term)):
        return None  # "neighboring" / "neighbouring": a spelling variant, not a typo
    if int(best.count) < _MIN_COUNT or best.term not in domain_words():
        return None
    if len(candidates) > 1 and int(best.count) < _DOMINANCE * int(candidates[1].count):
        return None
    return str(best.term)


@functools.cache
def _single_word_names() -> frozenset[str]:
    """Single-word names of places and states (people's names are too easily confused)."""
    return frozenset(
        n for n in place_names() if n.isalpha() and n[:1].isupper() and not n.isupper()
    )


@functools.cache
def _all_single_word_names() -> frozenset[str]:
    return frozenset(n for n in name_aliases() if n.isalpha())


@functools.cache
def name_correction(word: str) -> str | None:
    """A known name this capitalised word becomes when two adjacent letters are swapped."""
    names = _single_word_names()
    found = {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(1, len(word) - 1)
        if word[i] != word[i + 1]
    } & names
    return found.pop() if len(found) == 1 else None


@functools.cache
def _lower_names() -> frozenset[str]:
    return frozenset(n.lower() for n in _single_word_names())


@functools.cache
def _lower_name_correction(word: str) -> str | None:
    """In lower-cased text: a name with two adjacent letters swapped ("cihna")."""
    names = _lower_names()
    found = {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(1, len(word) - 1)
        if word[i] != word[i + 1]
    } & names
    return found.pop() if len(found) == 1 else None


@functools.cache
def _capitalised_targets() -> frozenset[str]:
    return domain_words()


@functools.cache
def _capitalised_correction(word: str) -> str | None:
    """A capitalised word with two letters swapped: "Minsitry" -> "Ministry"."""
    targets = _capitalised_targets()
    lower = word.lower()
    found = {
        lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :]
        for i in range(1, len(lower) - 1)
        if lower[i] != lower[i + 1]
    } & targets
    return found.pop().capitalize() if len(found) == 1 else None


@functools.cache
def _acronym_correction(word: str) -> str | None:
    """An alliance acronym with two letters swapped: "NTAO" -> "NATO"."""
    found = {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    } & _ALLIANCES
    return found.pop() if len(found) == 1 else None


_BEFORE = frozenset(".@/#&'’-_")
_AFTER = frozenset("@/'’-_")


def _standalone(text: str, word: str) -> list[tuple[int, int]]:
    """Spans where ``word`` stands alone: not inside a URL, e-mail, code or compound."""
    spans: list[tuple[int, int]] = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if (
            not before.isalnum()
            and before not in _BEFORE
            and not after.isalnum()
            and after not in _AFTER
            and not (after == "." and end + 1 < len(text) and text[end + 1].isalnum())
        ):
            spans.append((start, end))
        start = text.find(word, end)
    return spans


def _unknown(word: str, known: dict[str, int], shield: frozenset[str]) -> bool:
    return word not in known and word not in shield


def fix_spelling(text: str) -> list[Edit]:
    """Correct unknown lower-case words (and transposed names) found in ``text``."""
    known = english_counts()
    shield = shield_words()
    found = set(_WORD.findall(text))
    unknown = {w for w in found if w.islower() and w not in known and w not in shield}
    fixes = {
        w: c
        for w in sorted(unknown)
        if (c := _lower_name_correction(w) or correction(w)) is not None
    }
    names = _all_single_word_names()
    odd = {
        w
        for w in found
        if w[0].isupper()
        and w not in names
        and (w.isupper() or (w[1:].islower() and _unknown(w.lower(), known, shield)))
    }
    for word in sorted(odd):
        fixed = name_correction(word) or _capitalised_correction(word) or _acronym_correction(word)
        if fixed is not None:
            fixes[word] = fixed
    edits: list[Edit] = []
    for word, fixed in fixes.items():
        edits += [(start, end, fixed) for start, end in _standalone(text, word)]
    return sorted(edits)
