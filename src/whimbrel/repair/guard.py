"""Input the repairs must not touch: mostly non-English, mostly numbers, mostly markup."""

from __future__ import annotations

import re

from whimbrel.repair.vocab import words

_SAMPLE = 12_000
_MIN_WORDS = 25
_MIN_CHARS = 40
_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_MARKUP = re.compile(r"<[^<>]{1,2000}>|&#?[A-Za-z0-9]{1,32};")
# Function words that are English and not also common words of French, Spanish, Italian,
# Portuguese, German or Dutch.
_ENGLISH = frozenset(
    words(
        "the of and that with said for from have has were which would their been they are its be "
        "at not but this these there when who after than about into"
    )
)


def assess(text: str) -> tuple[str, ...]:
    """Warnings for text that should pass through unchanged (empty when repair may run)."""
    sample = text if len(text) <= _SAMPLE else text[: _SAMPLE // 2] + " " + text[-_SAMPLE // 2 :]
    if len(sample.strip()) < _MIN_CHARS:
        return ()
    markup = sum(m.end() - m.start() for m in _MARKUP.finditer(sample))
    if markup > 0.5 * len(sample.replace(" ", "")):
        return ("W-REPAIR-MARKUP: mostly markup; passed through unchanged",)
    words = _WORD.findall(sample.lower())
    letters = sum(map(len, words))
    digits = sum(map(len, _DIGITS.findall(sample)))
    if digits > letters:
        return ("W-REPAIR-NUMBERS: mostly numbers; passed through unchanged",)
    if not sample.isascii() and sum(map(len, _ASCII_LETTERS.findall(sample))) < 0.5 * letters:
        return ("W-REPAIR-LANGUAGE: mostly non-Latin script; passed through unchanged",)
    if len(words) >= _MIN_WORDS:
        english = len([w for w in words if w in _ENGLISH])
        if english < 0.06 * len(words):
            return ("W-REPAIR-LANGUAGE: mostly non-English; passed through unchanged",)
    return ()
