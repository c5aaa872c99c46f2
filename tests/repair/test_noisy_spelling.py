"""Open-vocabulary corrections that only a text shown to be noisy receives."""

from __future__ import annotations

import pytest

from whimbrel.repair import apply_edits, fix_spelling
from whimbrel.repair.spelling import swap_correction
from whimbrel.repair.vocab import english_counts

# Several swapped-letter slips in one short text: the text is noisy.
_NOISY = (
    "Officials anonunced teh plan aruond noon. The frigate was deplyoed, and the navy "
    "wnet ahead with the drills becuase of the threat. "
)


def _fix(raw: str) -> str:
    text, _ = apply_edits(raw, fix_spelling(raw))
    return text


@pytest.mark.parametrize(
    ("word", "fixed"),
    [
        ("anonunced", "announced"),
        ("aruond", "around"),
        ("amry", "army"),  # keeps the first letter: not "mary"
        ("colud", "could"),  # far more frequent than "cloud"
        ("faers", None),  # fears or fares: no guess
        ("zqxv", None),
    ],
)
def test_swap_correction_table(word: str, fixed: str | None) -> None:
    assert swap_correction(word) == fixed


def test_fix_spelling_noisy_text_gets_open_corrections() -> None:
    text = _fix(_NOISY)
    for word in ("announced", "around", "because"):
        assert word in text


def test_fix_spelling_clean_text_keeps_isolated_slip() -> None:
    raw = "Ireland escaped alot of trouble, and analsyts were cheered by the result."
    assert _fix(raw) == raw


def test_fix_spelling_noisy_text_fixes_plain_compounds_only() -> None:
    raw = _NOISY + "A US-baesd group and anti-sihp arms; laissez-baesd stays."
    text = _fix(raw)
    assert "US-based" in text
    assert "anti-ship" in text
    assert "laissez-baesd" in text


def test_fix_spelling_noisy_text_fixes_possessive() -> None:
    assert "Russia's forces" in _fix(_NOISY + "Rusisa's forces moved.")


def test_fix_spelling_noisy_text_uses_names_of_the_document() -> None:
    raw = _NOISY + "Mr Kowalczyk spoke. Kowalczyk met Kowlaczyk later."
    assert _fix(raw).count("Kowalczyk") == 3


def test_fix_spelling_clean_text_leaves_name_variants() -> None:
    raw = "Mr Kowalczyk spoke. Kowalczyk met Kowlaczyk later."
    assert _fix(raw) == raw


def test_english_counts_has_american_forms() -> None:
    counts = english_counts()
    for word in ("armored", "kilometers", "defenses", "maneuvers", "fueling", "doesn"):
        assert word in counts
    assert "sciense" not in counts
