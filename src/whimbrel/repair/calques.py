"""Foreign acronyms, calques and untranslated exonyms -> their English form.

The table lives in ``whimbrel/data/calques.json``. Phrases match case-sensitively as whole
words (a lower-case first letter is accepted too); ambiguous acronyms such as ``UE`` or
``EI`` are replaced only when military or diplomatic vocabulary is near.
"""

from __future__ import annotations

import functools
import re

from whimbrel.repair.offsets import Edit
from whimbrel.repair.vocab import Calque, calques
from whimbrel.trie import trie_pattern

_CONTEXT_WINDOW = 300
_SECURITY_CONTEXT = re.compile(
    r"\b(?:arm(?:y|ies|ed)|militar\w*|troops?|soldiers?|nav(?:y|al|ies)|air ?force|defen[cs]e|"
    r"war(?:ships?)?|forces?|alliance|allies|summit|sanctions?|nuclear|missiles?|ministers?|"
    r"ministry|secretary|exercises?|drills?|treaty|security|diplomat\w*|embassy|"
    r"(?:vice[- ])?president|sovereignty|strait|sea|border|terror\w*|jihad\w*|militants?|"
    r"attacks?|strikes?|weapons?|China|Chinese|Beijing|Russia|Moscow|Iran|Syria|Iraq)\b",
    re.IGNORECASE,
)


@functools.cache
def _compiled() -> tuple[re.Pattern[str], dict[str, Calque]]:
    table: dict[str, Calque] = {}
    for calque in calques():
        table.setdefault(calque.source, calque)
        if " " in calque.source and calque.source[0].isupper():
            table.setdefault(calque.source[0].lower() + calque.source[1:], calque)
    pattern = re.compile(r"(?:" + trie_pattern(table) + r")(?![\w])")
    return pattern, table


def fix_calques(text: str) -> list[Edit]:
    """Replace each table entry found in ``text`` by its English form."""
    pattern, table = _compiled()
    edits: list[Edit] = []
    for m in pattern.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._"):
            continue
        calque = table[m.group(0)]
        if calque.context and not _SECURITY_CONTEXT.search(
            text, max(0, m.start() - _CONTEXT_WINDOW), m.end() + _CONTEXT_WINDOW
        ):
            continue
        edits.append((m.start(), m.end(), calque.english))
    return edits
