"""Edits and the offset map that ties every position of a repaired text to its source."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

Edit = tuple[int, int, str]
"""``(start, end, replacement)``: replace ``text[start:end]``; ``start == end`` inserts."""


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Piecewise map from positions in a repaired text to positions in its source.

    ``new_starts[i]`` / ``old_starts[i]`` open segment i and ``old_ends[i]`` closes it in
    the source. Inside an unchanged segment the map is a shift; a position inside a
    replacement maps to the start of what it replaced (or to its end, for span ends).
    Source segments are contiguous (``old_ends[i] == old_starts[i + 1]``) and the last
    segment is unchanged (possibly empty).
    """

    new_starts: tuple[int, ...]
    old_starts: tuple[int, ...]
    changed: tuple[bool, ...]
    old_ends: tuple[int, ...]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), (0,), (False,), (length,))

    @property
    def is_identity(self) -> bool:
        return len(self.new_starts) == 1 and not self.changed[0] and self.old_starts[0] == 0

    def to_original(self, pos: int, *, end: bool = False) -> int:
        """The source position of ``pos``; with ``end=True``, as the end of a span."""
        i = bisect.bisect_right(self.new_starts, pos) - 1
        if i < 0:
            return self.old_starts[0]
        if end and i > 0 and pos == self.new_starts[i]:
            i -= 1  # an end position belongs to the segment it closes
        if self.changed[i]:
            return self.old_ends[i] if end else self.old_starts[i]
        return min(self.old_starts[i] + (pos - self.new_starts[i]), self.old_ends[i])

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """Map through ``self`` (newest) then ``inner`` (older).

        Unchanged characters keep their exact source position; a replacement covers
        everything it was made from (partly overlapped older replacements included);
        deletions stay zero-length changed segments, so source segments stay contiguous.
        """
        if inner.is_identity:
            return self
        if self.is_identity:
            return inner
        pieces: list[tuple[int, int, bool, int]] = []  # new_start, old_start, changed, old_end
        last = len(self.new_starts) - 1
        for k, n_k in enumerate(self.new_starts):
            m0, m1 = self.old_starts[k], self.old_ends[k]
            if self.changed[k]:
                o_start = inner._boundary(m0)
                o_end = inner.old_ends[-1] if k == last else inner._boundary(m1)
                pieces.append((n_k, o_start, True, max(o_start, o_end)))
                continue
            emitted = False
            j = inner._first_at(m0)
            while j < len(inner.new_starts):
                s_j = inner.new_starts[j]
                e_j = inner.new_starts[j + 1] if j + 1 < len(inner.new_starts) else s_j
                if j + 1 == len(inner.new_starts):
                    e_j = s_j + (inner.old_ends[j] - inner.old_starts[j])
                zero = s_j == e_j
                if s_j > m1 or (s_j == m1 and not (zero and (m0 == m1 or k == last))):
                    break
                a, b = max(s_j, m0), min(e_j, m1)
                new_at = n_k + (a - m0)
                if zero or a == b:
                    if zero:
                        pieces.append((new_at, inner.old_starts[j], True, inner.old_ends[j]))
                        emitted = True
                elif not inner.changed[j]:
                    o_a = inner.old_starts[j] + (a - s_j)
                    pieces.append((new_at, o_a, False, o_a + (b - a)))
                    emitted = True
                else:
                    o_a = inner.old_starts[j] if a == s_j else inner.old_ends[j]
                    pieces.append((new_at, o_a, True, inner.old_ends[j]))
                    emitted = True
                j += 1
            if not emitted:
                at = inner._boundary(m0)
                pieces.append((n_k, at, False, at))
        if pieces[-1][2]:  # keep the invariant: the last segment is unchanged
            new_end = self.new_starts[-1] + (self.old_ends[-1] - self.old_starts[-1])
            pieces.append((new_end, inner.old_ends[-1], False, inner.old_ends[-1]))
        return OffsetMap(
            tuple(p[0] for p in pieces),
            tuple(p[1] for p in pieces),
            tuple(p[2] for p in pieces),
            tuple(p[3] for p in pieces),
        )

    def _first_at(self, pos: int) -> int:
        """The first segment starting at ``pos``, else the one containing it."""
        idx = bisect.bisect_left(self.new_starts, pos)
        if idx < len(self.new_starts) and self.new_starts[idx] == pos:
            return idx
        return max(idx - 1, 0)

    def _boundary(self, pos: int) -> int:
        """Source position of a cut at ``pos``: inside a replacement, after all of it."""
        j = self._first_at(pos)
        if self.new_starts[j] == pos:
            return self.old_starts[j]
        if self.changed[j]:
            return self.old_ends[j]
        return min(self.old_starts[j] + (pos - self.new_starts[j]), self.old_ends[j])

    def segments(self, new_length: int) -> list[tuple[int, int, bool]]:
        """``(new_start, new_end, changed)`` for each non-empty segment of the new text."""
        ends = [*self.new_starts[1:], new_length]
        return [
            (s, e, c) for s, e, c in zip(self.new_starts, ends, self.changed, strict=True) if e > s
        ]


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted non-overlapping edits; return the new text and its offset map."""
    edits = [e for e in edits if e[0] < e[1] or e[2]]  # an empty insertion is no edit
    if not edits:
        return text, OffsetMap.identity(len(text))
    parts: list[str] = []
    new_starts: list[int] = []
    old_starts: list[int] = []
    changed: list[bool] = []
    old_ends: list[int] = []
    pos_old = 0
    pos_new = 0
    for start, end, replacement in edits:
        if start > pos_old:
            parts.append(text[pos_old:start])
            new_starts.append(pos_new)
            old_starts.append(pos_old)
            old_ends.append(start)
            changed.append(False)
            pos_new += start - pos_old
        parts.append(replacement)
        new_starts.append(pos_new)
        old_starts.append(start)
        old_ends.append(end)
        changed.append(True)
        pos_new += len(replacement)
        pos_old = end
    parts.append(text[pos_old:])
    new_starts.append(pos_new)
    old_starts.append(pos_old)
    old_ends.append(len(text))
    changed.append(False)
    return "".join(parts), OffsetMap(
        tuple(new_starts), tuple(old_starts), tuple(changed), tuple(old_ends)
    )


def non_overlapping(edits: Sequence[Edit]) -> list[Edit]:
    """Keep the first of overlapping edits (input sorted by start); one insertion per point."""
    out: list[Edit] = []
    last_end = -1
    last_insert = -1
    for start, end, new in edits:
        if start < last_end or (start == end and start == last_insert):
            continue
        out.append((start, end, new))
        if end > start:
            last_end = end
        else:
            last_insert = start
    return out
