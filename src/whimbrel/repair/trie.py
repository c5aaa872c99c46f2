"""A regular expression for a large set of literal strings, built as a prefix tree.

Python's ``re`` tries the branches of ``a|b|c`` one by one; nesting them by shared prefix
keeps matching fast when the list holds hundreds or thousands of phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching exactly the given strings (longest first at each branch)."""
    root: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _node_pattern(root) if root else r"(?!x)x"


def _node_pattern(node: dict[str, Any]) -> str:
    ends = _END in node
    branches = [
        re.escape(char) + _node_pattern(child)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
