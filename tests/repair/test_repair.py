"""Repair: each function as a table with must-not-change rows, and offset-map properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whimbrel.repair import apply_edits, fix_calques, fix_glued_punctuation, fix_typos, repair


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("near Taiwan,marking a shift", "near Taiwan, marking a shift"),
        ("the policy.Now the fleet", "the policy. Now the fleet"),
        ("a decade prior-a clear sign", "a decade prior - a clear sign"),
        # must not change
        ("the U.S. Navy and the U.K. Army", "the U.S. Navy and the U.K. Army"),
        ("visit example.com today", "visit example.com today"),
        ("1,500 troops and 3.5 billion", "1,500 troops and 3.5 billion"),
        ("a well-armed force", "a well-armed force"),
    ],
)
def test_fix_glued_punctuation_table(raw: str, fixed: str) -> None:
    text, _ = apply_edits(raw, fix_glued_punctuation(raw))
    assert text == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Teh navy coudl sail", "The navy could sail"),
        ("the milatary said", "the military said"),
        ("Tehran and Teheran", "Tehran and Teheran"),  # names are not typos
        ("the theme", "the theme"),
    ],
)
def test_fix_typos_table(raw: str, fixed: str) -> None:
    text, _ = apply_edits(raw, fix_typos(raw))
    assert text == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("the APL navy", "the PLA navy"),
        ("OTAN allies met", "NATO allies met"),
        ("fighting in the Sea of southern China", "fighting in the South China Sea"),
        ("APPLE and NATOS", "APPLE and NATOS"),
    ],
)
def test_fix_calques_table(raw: str, fixed: str) -> None:
    text, _ = apply_edits(raw, fix_calques(raw))
    assert text == fixed


def test_repair_clean_text_is_identity() -> None:
    clean = "China and Russia began joint naval drills on Monday, officials said."
    result = repair(clean)
    assert result.text == clean
    assert result.changes == ()
    assert result.original_span(10, 20) == (10, 20)


def test_repair_maps_sentence_back_to_original() -> None:
    raw = "Teh report said,in 2024 alone,Russia and China held 14 drills."
    result = repair(raw)
    start = result.text.index("Russia")
    end = result.text.index("drills") + len("drills")
    o_start, o_end = result.original_span(start, end)
    assert raw[o_start:o_end] == "Russia and China held 14 drills"


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
        " ",
        "\n",
    ]
)


@given(st.lists(_words, min_size=1, max_size=30))
def test_repair_offsets_point_into_original(parts: list[str]) -> None:
    raw = " ".join(parts)
    result = repair(raw)
    # every unchanged character of the repaired text maps to the same character
    for pos, _char in enumerate(result.text):
        orig = result.offsets.to_original(pos)
        assert 0 <= orig <= len(raw)
    # spans map to ordered, in-bounds spans
    n = len(result.text)
    for start in range(0, n, 3):
        end = min(n, start + 7)
        o_start, o_end = result.original_span(start, end)
        assert 0 <= o_start <= o_end <= len(raw)


@given(st.text(alphabet="abc ,.XY-", max_size=60))
def test_repair_word_characters_survive(raw: str) -> None:
    result = repair(raw)
    assert [c for c in result.text if c.isalpha()] == [c for c in raw if c.isalpha()] or (
        result.changes
    )
    for pos, char in enumerate(result.text):
        orig = result.offsets.to_original(pos)
        if (
            char.isalpha()
            and orig < len(raw)
            and not any(s <= orig < e for s, e, _old, _new in result.changes)
        ):
            assert raw[orig] == char
