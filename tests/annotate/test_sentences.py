"""Sentence splitting keeps abbreviations and initials together and trims whitespace."""

from __future__ import annotations

import itertools

import pytest

from whimbrel.annotate import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drills began. They ended Friday.", ["Drills began.", "They ended Friday."]),
        ("The U.S. Navy sailed. Ships followed.", ["The U.S. Navy sailed.", "Ships followed."]),
        ("Gen. Smith spoke. Troops left.", ["Gen. Smith spoke.", "Troops left."]),
        ("It launched on Sept. 18 a missile.", ["It launched on Sept. 18 a missile."]),
        ("Headline here\nBody starts. Ends.", ["Headline here", "Body starts.", "Ends."]),
        ("“We will respond.” The minister left.", ["“We will respond.”", "The minister left."]),
        ("   ", []),
    ],
)
def test_split_sentences_table(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_split_sentences_spans_are_ordered_and_disjoint() -> None:
    text = "One. Two!  Three?\n\nFour."
    spans = split_sentences(text)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert len(spans) == 4
