"""Alias normalisation and the trie-shaped regular expressions of the resolvers
(:mod:`whimbrel.trie`, with spaces, apostrophes and hyphens written loosely)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from whimbrel.trie import trie_pattern as shared_trie_pattern

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})
_SPACE = re.compile(r"\s+")

# How one character of a normalised key is written in the pattern.
_CHAR_PATTERN = {" ": r"\s+", "'": "['’‘ʼ]", "-": "[-‐‑]"}


def normalise_key(text: str) -> str:
    """The lookup key of an alias or of matched text: one space, straight quotes, lower case."""
    return _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip().lower()


def normalise_surface(text: str) -> str:
    """Like :func:`normalise_key` but keeping the case, for case-sensitive comparisons."""
    return _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip()


def trie_pattern(keys: Iterable[str]) -> str:
    """One regex alternative matching any of ``keys`` (already normalised), longest first;
    spaces, apostrophes and hyphens match their variants."""
    return shared_trie_pattern(keys, _CHAR_PATTERN)
