"""The offset map, property-tested: random edits in random rounds, random offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from whimbrel.repair import OffsetMap, apply_edits, non_overlapping, repair
from whimbrel.repair.offsets import Edit

_ALPHABET = "ab c.,"


@st.composite
def _text_and_rounds(draw: st.DrawFn) -> tuple[str, list[list[Edit]]]:
    """A text and up to three rounds of sorted, non-overlapping edits, each on the last text."""
    text = draw(st.text(alphabet=_ALPHABET, max_size=40))
    rounds: list[list[Edit]] = []
    current = text
    for _ in range(draw(st.integers(0, 5))):
        points = sorted(draw(st.lists(st.integers(0, len(current)), max_size=8)))
        edits: list[Edit] = []
        for a, b in zip(points[::2], points[1::2], strict=False):
            edits.append((a, b, draw(st.text(alphabet="XYZ ", max_size=3))))
        edits = non_overlapping(sorted(edits))
        rounds.append(edits)
        current, _ = apply_edits(current, edits)
    return text, rounds


def _run(text: str, rounds: list[list[Edit]]) -> tuple[str, OffsetMap, list[OffsetMap]]:
    current = text
    offsets = OffsetMap.identity(len(text))
    steps: list[OffsetMap] = []
    for edits in rounds:
        current, step = apply_edits(current, edits)
        steps.append(step)
        offsets = step.compose(offsets)
    return current, offsets, steps


@settings(max_examples=300, deadline=None)
@given(_text_and_rounds())
def test_offsets_unchanged_characters_map_exactly(case: tuple[str, list[list[Edit]]]) -> None:
    text, rounds = case
    new, offsets, _steps = _run(text, rounds)
    for start, end, changed in offsets.segments(len(new)):
        if not changed:
            for pos in range(start, end):
                assert text[offsets.to_original(pos)] == new[pos]


@settings(max_examples=300, deadline=None)
@given(_text_and_rounds())
def test_offsets_composed_map_equals_step_by_step(case: tuple[str, list[list[Edit]]]) -> None:
    text, rounds = case
    new, offsets, steps = _run(text, rounds)
    for pos in range(len(new) + 1):
        start = pos
        for step in reversed(steps):
            start = step.to_original(start)
        direct = offsets.to_original(pos)
        # a position inside a replaced stretch maps to that stretch's start; both agree
        # exactly where the map is exact (outside changed segments)
        i = max(k for k, s in enumerate(offsets.new_starts) if s <= pos)
        if not offsets.changed[i]:
            assert direct == start
        assert 0 <= direct <= len(text)


@settings(max_examples=300, deadline=None)
@given(_text_and_rounds(), st.data())
def test_offsets_spans_are_ordered_contiguous_and_cover_edits(
    case: tuple[str, list[list[Edit]]], data: st.DataObject
) -> None:
    text, rounds = case
    new, offsets, _steps = _run(text, rounds)
    assert all(a == b for a, b in zip(offsets.old_ends, offsets.old_starts[1:], strict=False)), (
        "source segments are contiguous"
    )
    assert not offsets.changed[-1], "the last segment is unchanged"
    assert offsets.old_ends[-1] == len(text)
    start = data.draw(st.integers(0, len(new)))
    end = data.draw(st.integers(start, len(new)))
    o_start = offsets.to_original(start)
    o_end = max(o_start, offsets.to_original(end, end=True)) if end > start else o_start
    assert 0 <= o_start <= o_end <= len(text)
    # monotone: a later position never maps before an earlier one
    assert all(offsets.to_original(p) <= offsets.to_original(p + 1) for p in range(len(new)))


_words = st.sampled_from(
    [
        "teh",
        "Taiwan,marking",
        "APL",
        "Sea of southern China",
        "navy",
        "drills.Now",
        "coudl",
        "the",
        "2024",
        "prior-a",
        "U.S.",
        "Chinaâ€™s",
        "&amp;",
        "<b>",
        "</p>",
        "exercsie",
        "russia",
        " ",
        "\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_words, min_size=1, max_size=30), st.data())
def test_repair_evidence_spans_slice_the_original(parts: list[str], data: st.DataObject) -> None:
    raw = " ".join(parts)
    result = repair(raw, check_input=False)
    new = result.text
    for start, end, changed in result.offsets.segments(len(new)):
        if not changed:
            for pos in range(start, end):
                assert raw[result.offsets.to_original(pos)] == new[pos]
    start = data.draw(st.integers(0, len(new)))
    end = data.draw(st.integers(start, len(new)))
    o_start, o_end = result.original_span(start, end)
    assert 0 <= o_start <= o_end <= len(raw)
    # the slice shown as evidence holds the source of every character of the span
    for pos in range(start, end):
        assert o_start <= result.offsets.to_original(pos) <= o_end
    for c_start, c_end, old, _new in result.changes:
        assert raw[c_start:c_end] == old


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc ,.XY-", max_size=60))
def test_repair_word_characters_survive(raw: str) -> None:
    result = repair(raw, check_input=False)
    for pos, char in enumerate(result.text):
        orig = result.offsets.to_original(pos)
        if (
            char.isalpha()
            and orig < len(raw)
            and not any(s <= orig < e for s, e, _old, _new in result.changes)
        ):
            assert raw[orig] == char
