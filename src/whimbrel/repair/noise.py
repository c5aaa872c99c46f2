"""A seeded noise injector: clean text in -> realistically damaged text out (benchmarks).

Each kind of damage is applied independently to each place it can occur, with probability
``rate``; the same text, rate, kinds and seed always give the same output.

- ``comma_space``: the space after a comma or sentence stop is dropped ("Taiwan,marking").
- ``typo``: two adjacent inner letters of a word swapped ("coudl", "Rusisa").
- ``calque``: an English name replaced by a foreign acronym or calque from the packaged
  table, in reverse (PLA -> APL, NATO -> OTAN, South China Sea -> Sea of southern China).
- ``lowercase``: a whole sentence lower-cased, as machine translation sometimes leaves it.
- ``mojibake``: a non-ASCII character written as UTF-8 read as cp1252 ("’" -> "â€™").
- ``html``: an HTML entity for a character (&amp; &nbsp; &#8217;) or a stray tag.
- ``dash``: a spaced dash glued to its neighbours ("prior - a" -> "prior-a").
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from whimbrel.repair.vocab import calques

KINDS: tuple[str, ...] = (
    "comma_space",
    "typo",
    "calque",
    "lowercase",
    "mojibake",
    "html",
    "dash",
)

_COMMA_SPACE = re.compile(r"(?<=[A-Za-z])([,.]) (?=[A-Za-z])")
_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_SPACED_DASH = re.compile(r"(?<=[a-z]) ([-–—]) (?=[a-z])")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ENTITY_CHARS = {"&": "&amp;", "’": "&#8217;", "“": "&#8220;", "”": "&#8221;", "'": "&#39;"}
_ENTITY_TARGET = re.compile(r"[&’“”']| (?=[A-Z])")
_TAGS = ("<br>", "<p>", "</p>", "<b>", "</b>", '<span class="x">', "</span>")


def _reverse_calques() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for calque in calques():
        table.setdefault(calque.english, []).append(calque.source)
    return table


def _sub(pattern: re.Pattern[str], text: str, rate: float, rng: random.Random, fn: object) -> str:
    def repl(m: re.Match[str]) -> str:
        if rng.random() < rate:
            return fn(m)  # type: ignore[operator,no-any-return]
        return m.group(0)

    return pattern.sub(repl, text)


def _typo(m: re.Match[str], rng: random.Random) -> str:
    word = m.group(0)
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _mojibake(char: str) -> str:
    try:
        return char.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return char


def inject_noise(text: str, *, rate: float, seed: int = 0, kinds: Sequence[str] = KINDS) -> str:
    """``text`` with each kind of noise applied at ``rate`` (0..1), reproducibly."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown noise kinds: {sorted(unknown)}")
    rng = random.Random(f"{seed}:{rate}")
    if "calque" in kinds:
        reverse = _reverse_calques()
        names = re.compile(
            r"(?<![\w.])(?:"
            + "|".join(re.escape(n) for n in sorted(reverse, key=len, reverse=True))
            + r")(?!\w)"
        )
        text = _sub(names, text, rate, rng, lambda m: rng.choice(reverse[m.group(0)]))
    if "lowercase" in kinds:
        text = _sub(_SENTENCE, text, rate, rng, lambda m: m.group(0).lower())
    if "typo" in kinds:
        text = _sub(_WORD, text, rate, rng, lambda m: _typo(m, rng))
    if "dash" in kinds:
        text = _sub(_SPACED_DASH, text, rate, rng, lambda m: m.group(1))
    if "comma_space" in kinds:
        text = _sub(_COMMA_SPACE, text, rate, rng, lambda m: m.group(1))
    if "mojibake" in kinds:
        text = _sub(_NON_ASCII, text, rate, rng, lambda m: _mojibake(m.group(0)))
    if "html" in kinds:
        text = _sub(
            _ENTITY_TARGET,
            text,
            rate,
            rng,
            lambda m: (
                _ENTITY_CHARS.get(m.group(0)) or rng.choice(("&nbsp;", " " + rng.choice(_TAGS)))
            ),
        )
    return text
