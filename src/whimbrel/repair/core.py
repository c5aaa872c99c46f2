"""The repair stage: run the repairs in order and compose their offset maps."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whimbrel.repair.calques import fix_calques
from whimbrel.repair.case import restore_case
from whimbrel.repair.guard import assess
from whimbrel.repair.offsets import Edit, OffsetMap, apply_edits, non_overlapping
from whimbrel.repair.spelling import fix_spelling
from whimbrel.repair.text import fix_glued_punctuation, fix_html, fix_typos, fix_unicode

log = logging.getLogger(__name__)

Change = tuple[int, int, str, str]
"""``(orig_start, orig_end, old, new)``: ``original[orig_start:orig_end] == old``."""


@dataclass(frozen=True, slots=True)
class Repaired:
    """A repaired text, the offset map back to ``original``, the changes and any warnings."""

    original: str
    text: str
    offsets: OffsetMap
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = ()

    @classmethod
    def identity(cls, text: str, *, warnings: Sequence[str] = ()) -> Repaired:
        """The text unchanged (repair disabled, or input it must not touch)."""
        return cls(text, text, OffsetMap.identity(len(text)), (), tuple(warnings))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the ORIGINAL text that ``text[start:end]`` was made from."""
        o_start = self.offsets.to_original(start)
        o_end = self.offsets.to_original(end, end=True) if end > start else o_start
        return o_start, max(o_start, o_end)


Repair = Callable[[str], list[Edit]]
DEFAULT_REPAIRS: tuple[Repair, ...] = (
    fix_unicode,
    fix_html,
    fix_glued_punctuation,
    fix_calques,
    fix_typos,
    fix_spelling,
    restore_case,
)


def repair(
    text: str, *, repairs: Sequence[Repair] = DEFAULT_REPAIRS, check_input: bool = True
) -> Repaired:
    """Run each repair in turn; clean text comes back identical with an identity map.

    With ``check_input``, text that is mostly non-English, numbers or markup is returned
    unchanged with a warning.
    """
    if check_input:
        warnings = assess(text)
        if warnings:
            log.info("repair skipped: %s", "; ".join(warnings))
            return Repaired.identity(text, warnings=warnings)
    current = text
    offsets = OffsetMap.identity(len(text))
    changes: list[Change] = []
    for fn in repairs:
        edits = non_overlapping(sorted(e for e in fn(current) if current[e[0] : e[1]] != e[2]))
        if not edits:
            continue
        for start, end, new in edits:
            o_start = offsets.to_original(start)
            o_end = offsets.to_original(end, end=True) if end > start else o_start
            o_end = max(o_start, o_end)
            changes.append((o_start, o_end, text[o_start:o_end], new))
        current, step = apply_edits(current, edits)
        offsets = step.compose(offsets)
    return Repaired(text, current, offsets, tuple(sorted(changes)))
