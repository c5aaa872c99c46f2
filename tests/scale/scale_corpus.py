"""Invented articles for the scale tests: events, filler, and a slow document (many short
sentences the parser must read)."""

from __future__ import annotations

import json
from pathlib import Path

from whimbrel.records import Article

_EVENTFUL = [
    "Russia and China held joint naval drills in the Sea of Japan on 3 May 2024.",
    "The United States sent 31 Abrams tanks to Ukraine in January 2024, officials said.",
    "India and Japan signed a defence agreement in Tokyo on 9 September 2023.",
    "The European Union imposed new sanctions on Belarus in March 2022.",
    "Defence ministers of Australia and France met in Paris to discuss submarines.",
    "North Korea fired two ballistic missiles toward Japan on Tuesday.",
    "Iran could attack Israel if the talks fail, an analyst said.",
]
_FILLER = [
    "The city council approved a new budget for road repairs and public libraries.",
    "Shares in the retailer rose after it reported strong holiday sales in Britain.",
    "The striker scored twice as the home side won the cup final on Saturday.",
]


def invented_articles() -> list[Article]:
    """Twenty short articles in input order; most carry one event, some none."""
    articles: list[Article] = []
    for n in range(20):
        parts = [_EVENTFUL[n % len(_EVENTFUL)], _FILLER[n % len(_FILLER)]]
        if n % 4 == 3:
            parts = [_FILLER[(n + 1) % len(_FILLER)], _FILLER[n % len(_FILLER)]]
        articles.append(
            Article(doc_id=f"inv-{n:02d}", text=" ".join(parts), published="2024-06-01")
        )
    return articles


def slow_article(sentences: int = 4000) -> Article:
    """A document whose every sentence names two states and a trigger: slow to parse."""
    text = " ".join(
        f"Russia sent {n} tanks to Belarus and Poland moved troops." for n in range(sentences)
    )
    return Article(doc_id="inv-slow", text=text)


def write_jsonl(path: Path, articles: list[Article]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {"doc_id": a.doc_id, "text": a.text, "published": a.published}
            out.write(json.dumps(row) + "\n")
    return path
