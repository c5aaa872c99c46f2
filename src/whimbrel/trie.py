"""A regular expression for a large set of literal strings, built as a prefix tree.

Python's ``re`` tries the branches of ``a|b|c`` one by one; a pattern that branches on one
character at a time costs about as much for thousands of phrases as for a handful, and
its greedy optional groups make the engine prefer the longest phrase. Shared by the repair
tables and the actor and place resolvers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_Trie = dict[str, "_Trie"]
_END = ""


def trie_pattern(keys: Iterable[str], char_patterns: Mapping[str, str] | None = None) -> str:
    """One regex alternative matching exactly ``keys`` (longest first at each branch).

    ``char_patterns`` writes some characters more loosely (the resolvers let " " match any
    run of whitespace); every other character is matched literally."""
    trie: _Trie = {}
    for key in keys:
        if not key:
            continue
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _render(trie, char_patterns or {}) if trie else "(?!)"


def _render(node: _Trie, char_patterns: Mapping[str, str]) -> str:
    branches = [
        char_patterns.get(char, re.escape(char)) + _render(child, char_patterns)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return "(?:" + body + ")?"
    return body
