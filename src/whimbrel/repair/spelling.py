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

Noisy text: when a text shows several distinct non-words that are frequent words with two
letters swapped (:func:`_noisy`), the odd slip is no longer the exception, and it also gets
open-vocabulary swap corrections (:func:`swap_correction`), corrections inside plain
hyphenated compounds ("US-baesd"), a capitalised word that is a name written more often in
the same document with two letters swapped, and leaders' surnames ("Ptuin").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from importlib import resources
from typing import Any

from whimbrel.repair.domain import domain_words
from whimbrel.repair.offsets import Edit
from whimbrel.repair.vocab import (
    english_counts,
    leader_names,
    name_aliases,
    place_names,
    shield_words,
)

_WORD = re.compile(r"\b[A-Za-z]{4,25}\b")
_ALLIANCES = frozenset({"NATO", "CSTO", "ASEAN", "AUKUS"})
_MIN_COUNT = 100_000
_DOMINANCE = 50
_SWAP_MIN_COUNT = 1_000_000
_SWAP_DOMINANCE = 10
_NOISY_MIN_TYPOS = 3
_NOISY_SHARE = 0.005


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


def _swaps(word: str, *, keep_first: bool = False) -> set[str]:
    """``word`` with each pair of adjacent, different letters swapped (optionally never
    moving the first letter)."""
    return {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(1 if keep_first else 0, len(word) - 1)
        if word[i] != word[i + 1]
    }


def _unique_swap(word: str, vocabulary: frozenset[str], *, keep_first: bool) -> str | None:
    """The one word of ``vocabulary`` that ``word`` is with two letters swapped, if one."""
    found = _swaps(word, keep_first=keep_first) & vocabulary
    return found.pop() if len(found) == 1 else None


@functools.cache
def swap_correction(word: str) -> str | None:
    """The frequent English word this lower-case non-word is with two letters swapped.

    Swapping adjacent letters is the commonest typing slip, and a non-word that is a frequent
    word with one pair swapped is almost always that word ("anonunced", "aruond"). Slips
    rarely hit the first letter, so candidates that keep it win ("amry" is "army", not
    "mary"); among several, one must be far more frequent ("colud": could, not cloud).
    """
    known = english_counts()
    candidates = {s: known[s] for s in _swaps(word) if known.get(s, 0) >= _SWAP_MIN_COUNT}
    keep_first = {s: c for s, c in candidates.items() if s[0] == word[0]}
    ranked = sorted((keep_first or candidates).items(), key=lambda item: -item[1])
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] < _SWAP_DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]


@functools.cache
def _single_word_names() -> frozenset[str]:
    """Single-word names of places and states (people's names are too easily confused),
    with the plural of demonyms ("Russians")."""
    single = {n for n in place_names() if n.isalpha() and n[:1].isupper() and not n.isupper()}
    return frozenset(single | {n + "s" for n in single if n.endswith("an")})


@functools.cache
def _all_single_word_names() -> frozenset[str]:
    return frozenset(n for n in name_aliases() if n.isalpha())


@functools.cache
def name_correction(word: str) -> str | None:
    """A known name this capitalised word becomes when two adjacent letters are swapped."""
    return _unique_swap(word, _single_word_names(), keep_first=True)


@functools.cache
def _lower_names() -> frozenset[str]:
    return frozenset(n.lower() for n in _single_word_names())


@functools.cache
def _lower_name_correction(word: str) -> str | None:
    """In lower-cased text: a name with two adjacent letters swapped ("cihna")."""
    return _unique_swap(word, _lower_names(), keep_first=True)


@functools.cache
def _capitalised_correction(word: str) -> str | None:
    """A capitalised word with two letters swapped: "Minsitry" -> "Ministry"."""
    found = _unique_swap(word.lower(), domain_words(), keep_first=True)
    return found.capitalize() if found else None


@functools.cache
def _capitalised_swap(word: str) -> str | None:
    """In noisy text, a capitalised word that is a frequent word with two letters swapped
    ("Earleir" at a sentence start, "Departmnet" in a title)."""
    if not word[1:].islower():
        return None
    found = swap_correction(word.lower())
    return found.capitalize() if found else None


@functools.cache
def _acronym_correction(word: str) -> str | None:
    """An alliance acronym with two letters swapped: "NTAO" -> "NATO"."""
    return _unique_swap(word, _ALLIANCES, keep_first=False)


_BEFORE = frozenset(".@/#&'’-_")
_AFTER = frozenset("@/'’-_")


_COMPOUND = re.compile(r"[\w-]*\Z")
_COMPOUND_AFTER = re.compile(r"[\w-]*")


def _standalone(text: str, word: str, *, compounds: bool = False) -> list[tuple[int, int]]:
    """Spans where ``word`` stands alone: not inside a URL, e-mail, code or compound.

    With ``compounds``, a part of a hyphenated compound whose other parts are all English
    words, numbers or acronyms counts too ("US-baesd", "anti-sihp"; not "laissez-faire").
    """
    spans: list[tuple[int, int]] = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if (
            not before.isalnum()
            and (before not in _BEFORE or (before == "-" and compounds))
            and not after.isalnum()
            and (after not in _AFTER or _clitic(text, end) or (after == "-" and compounds))
            and not (after == "." and end + 1 < len(text) and text[end + 1].isalnum())
            and ("-" not in (before, after) or _plain_compound(text, start, end))
        ):
            spans.append((start, end))
        start = text.find(word, end)
    return spans


def _plain_compound(text: str, start: int, end: int) -> bool:
    """Every other part of the hyphenated compound around ``text[start:end]`` is plain."""
    left = _COMPOUND.search(text, max(0, start - 60), start)
    right = _COMPOUND_AFTER.match(text, end)
    head = left.group(0) if left else ""
    tail = right.group(0) if right else ""
    if (head and not head.endswith("-")) or (tail and not tail.startswith("-")):
        return False
    if (start >= len(head) + 1 and text[start - len(head) - 1] in _BEFORE) or (
        text[end + len(tail) : end + len(tail) + 1] in _AFTER and not _clitic(text, end + len(tail))
    ):
        return False
    known = english_counts()
    parts = [p for p in (head + " " + tail).replace("-", " ").split() if p]
    return all(p.isdigit() or p.isupper() or p.lower() in known for p in parts)


def _in_document(word: str, counts: Counter[str]) -> str | None:
    """A capitalised word written more often in this document with two letters swapped.

    A name recurs, and a slip rarely repeats: "Stotlenberg" next to two "Stoltenberg" is
    that name, whatever the name is.
    """
    if len(word) < 5:
        return None  # four letters have one inner swap: "Kjoi" twice may be "Koji" once
    found = [s for s in _swaps(word) if counts[s] > counts[word] and s[0] == word[0]]
    return found[0] if len(found) == 1 else None


@functools.cache
def _leaders() -> frozenset[str]:
    words = {w for name in leader_names() for w in name.split()}
    return frozenset(w for w in words if len(w) >= 4 and w.isalpha() and w[1:].islower())


@functools.cache
def _leader_correction(word: str) -> str | None:
    """A leader's surname with two letters swapped ("Ptuin"), in a text shown to be noisy."""
    found = {s for s in _swaps(word) if s[0] == word[0]} & _leaders()
    return found.pop() if len(found) == 1 else None


def _noisy(tokens: list[str], typos: set[str]) -> bool:
    """Enough distinct non-words with a sure correction to call the text noisy.

    Clean copy has the odd slip ("alot", "isnt") next to rare words and foreign phrases
    ("au fait") that look like slips; only a text that shows several is corrected beyond
    the vocabulary of security news.
    """
    if len(typos) < _NOISY_MIN_TYPOS:
        return False
    return sum(t in typos for t in tokens) >= _NOISY_SHARE * len(tokens)


def _clitic(text: str, end: int) -> bool:
    """``word's`` or ``word't``: a possessive or a negative contraction follows the word."""
    return (
        text[end] in "'’"
        and text[end + 1 : end + 2] in ("s", "t")
        and not text[end + 2 : end + 3].isalnum()
    )


def _unknown(word: str, known: dict[str, int], shield: frozenset[str]) -> bool:
    return word not in known and word not in shield


def fix_spelling(text: str) -> list[Edit]:
    """Correct unknown lower-case words (and transposed names) found in ``text``."""
    known = english_counts()
    shield = shield_words()
    tokens = _WORD.findall(text)
    found = set(tokens)
    unknown = {w for w in found if w.islower() and w not in known and w not in shield}
    fixes = {w: c for w in sorted(unknown) if (c := _lower_name_correction(w) or correction(w))}
    swapped = {w: c for w in sorted(unknown - fixes.keys()) if (c := swap_correction(w))}
    noisy = _noisy(tokens, fixes.keys() | swapped.keys())
    if noisy:
        fixes.update(swapped)
    names = _all_single_word_names()
    odd = {
        w
        for w in found
        if w[0].isupper()
        and w not in names
        and (w.isupper() or (w[1:].islower() and _unknown(w.lower(), known, shield)))
    }
    counts = Counter(tokens)
    for word in sorted(odd):
        fixed = name_correction(word) or _capitalised_correction(word) or _acronym_correction(word)
        if fixed is None and noisy:
            fixed = (
                _in_document(word, counts) or _leader_correction(word) or _capitalised_swap(word)
            )
        if fixed is not None:
            fixes[word] = fixed
    edits: list[Edit] = []
    for word, fixed in fixes.items():
        edits += [(s, e, fixed) for s, e in _standalone(text, word, compounds=noisy)]
    if noisy:
        edits += _forms_for_from(text)
    return sorted(edits)


# "troops form Russia", "drones form Iran": a transposed "from" is a real word, so
# only in a noisy text, and only where "form" can be neither the verb nor the noun.
_FORM_BEFORE_OBJECT = re.compile(r"\b(form)\s+(?=[A-Z0-9])")
_FORM_GOVERNORS = frozenset(
    """to will would could can may might must should shall they we you i and or not which
    that who also then a the its new one any his her our their same this every some
    another""".split()
)


def _forms_for_from(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _FORM_BEFORE_OBJECT.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()].split()
        if before and before[-1].lower().strip(",;:") not in _FORM_GOVERNORS:
            edits.append((m.start(1), m.end(1), "from"))
    return edits
