"""Alias normalisation and trie-shaped regular expressions shared by the resolvers.

A regex built from a character trie branches on one character at a time, so thousands
of aliases cost about as much to scan for as a handful; greedy optional groups make the
engine prefer the longest alias that still ends on a word boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


_Trie = dict[str, "_Trie"]
_END = ""


def _insert(trie: _Trie, key: str) -> None:
    node = trie
    for char in key:
        node = node.setdefault(char, {})
    node[_END] = {}


def _render(node: _Trie) -> str:
    terminal = _END in node
    branches = [
        _CHAR_PATTERN.get(char, re.escape(char)) + _render(child)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def trie_pattern(keys: Iterable[str]) -> str:
    """One regex alternative matching any of ``keys`` (already normalised), longest first."""
    trie: _Trie = {}
    for key in keys:
        if key:
            _insert(trie, key)
    if not trie:
        return "(?!)"
    return _render(trie)
