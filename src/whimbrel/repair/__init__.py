"""repair: raw article text in -> repaired text plus an exact offset map back to it out.

Each repair is a small pure function that proposes edits ``(start, end, replacement)`` on
the text it is given; :func:`repair` applies them in order and composes the offset maps, so
any span of the repaired text can be cited against the ORIGINAL text
(``Repaired.original_span``).
"""

from __future__ import annotations

from whimbrel.repair.calques import fix_calques
from whimbrel.repair.case import restore_case
from whimbrel.repair.core import DEFAULT_REPAIRS, Change, Repair, Repaired, repair
from whimbrel.repair.guard import assess
from whimbrel.repair.offsets import Edit, OffsetMap, apply_edits, non_overlapping
from whimbrel.repair.spelling import fix_spelling
from whimbrel.repair.text import fix_glued_punctuation, fix_html, fix_typos, fix_unicode

__all__ = [
    "DEFAULT_REPAIRS",
    "Change",
    "Edit",
    "OffsetMap",
    "Repair",
    "Repaired",
    "apply_edits",
    "assess",
    "fix_calques",
    "fix_glued_punctuation",
    "fix_html",
    "fix_spelling",
    "fix_typos",
    "fix_unicode",
    "non_overlapping",
    "repair",
    "restore_case",
]
