"""Tests for the packaged demo articles and their gold annotations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whimbrel.evaluate import EvalError, load_gold
from whimbrel.evaluate.samples import load_samples, parse_sample
from whimbrel.ontology import EventType, Modality

SAMPLES_GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "samples_gold.jsonl"


def test_load_samples_returns_eight_sorted_articles() -> None:
    articles = load_samples()
    assert [a.doc_id for a in articles] == [f"sample-0{i}" for i in range(1, 9)]
    for article in articles:
        assert article.published is not None
        assert 2023 <= dt.date.fromisoformat(article.published).year <= 2025
        assert article.title is not None
        assert article.text.startswith(article.title + "\n\n")
        assert 120 <= len(article.text.split()) <= 250


def test_load_samples_text_matches_gold_text() -> None:
    texts = {a.doc_id: a.text for a in load_samples()}
    gold = {d.doc_id: d for d in load_gold(SAMPLES_GOLD)}
    assert set(gold) == set(texts)
    for doc_id, doc in gold.items():
        assert doc.text == texts[doc_id]
        assert doc.published == next(a.published for a in load_samples() if a.doc_id == doc_id)


def test_samples_gold_evidence_is_substring_of_text() -> None:
    for doc in load_gold(SAMPLES_GOLD):
        for event in doc.events:
            assert event["evidence"] in doc.text, (doc.doc_id, event["evidence"])


def test_samples_gold_is_well_formed() -> None:
    for doc in load_gold(SAMPLES_GOLD):
        for event in doc.events:
            assert event["type"] in set(EventType)
            assert event["modality"] in set(Modality)
            assert event["actors"] == sorted(event["actors"])
            assert event["target"] == sorted(event["target"])
            assert event["date"] is None or len(event["date"]) in (4, 7, 10)


def test_samples_gold_covers_every_type_and_modality() -> None:
    events = [e for doc in load_gold(SAMPLES_GOLD) for e in doc.events]
    assert {e["type"] for e in events} == set(EventType)
    assert {e["modality"] for e in events} == set(Modality)


def test_samples_gold_speculative_article_has_nothing_asserted() -> None:
    doc = next(d for d in load_gold(SAMPLES_GOLD) if d.doc_id == "sample-06")
    assert doc.events
    assert all(e["modality"] != "asserted" for e in doc.events)


def test_samples_gold_lines_are_plain_json() -> None:
    lines = SAMPLES_GOLD.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8
    assert all(isinstance(json.loads(line), dict) for line in lines)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("01-x.txt", "Headline\n\nBody", "published"),
        ("01-x.txt", "published: 2024-13\nHeadline\n\nBody", "published"),
        ("01-x.txt", "published: 2024-01-02\n\n\nBody", "headline"),
        ("sample.txt", "published: 2024-01-02\nHeadline\n\nBody", "NN-slug"),
    ],
)
def test_parse_sample_rejects_bad_files(name: str, content: str, message: str) -> None:
    with pytest.raises(EvalError, match=message):
        parse_sample(name, content)


def test_parse_sample_keeps_text_after_header_verbatim() -> None:
    article = parse_sample("07-demo.txt", "published: 2024-01-02\nHead line\n\nBody text.\n\n")
    assert article.doc_id == "sample-07"
    assert article.text == "Head line\n\nBody text."
    assert article.title == "Head line"
    assert article.published == "2024-01-02"
