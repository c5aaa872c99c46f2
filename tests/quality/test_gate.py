"""Quality gate: extraction scores may not fall below the floors in baseline.json.

Sets: the shared dev set (skipped where ../shared is absent), the annotated demo samples
(always), and the false-positive rate on the BBC sport/business/entertainment/tech
articles (skipped where ../shared is absent).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whimbrel.evaluate import load_gold, score
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
BASELINE: dict[str, Any] = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))


def _gold_path(name: str, shared: Path | None) -> Path:
    if name == "dev":
        assert shared is not None
        return shared / "data" / "dev.jsonl"
    return DATA / f"{name}_gold.jsonl" if name == "samples" else DATA / f"{name}.jsonl"


def _shared() -> Path | None:
    path = Path(__file__).resolve().parents[2].parent / "shared"
    return path if (path / "data" / "dev.jsonl").exists() else None


@pytest.mark.parametrize("name", sorted(BASELINE["sets"]))
def test_quality_gate_floors(pipeline: Pipeline, name: str) -> None:
    shared = _shared()
    if name == "dev" and shared is None:
        pytest.skip("../shared/data/dev.jsonl is not available")
    floors = BASELINE["sets"][name]
    gold = load_gold(_gold_path(name, shared))
    articles = [Article(doc_id=g.doc_id, text=g.text, published=g.published) for g in gold]
    report = score(gold, [e.to_dict() for e in pipeline.process(articles).events])
    measured = {
        "primary_f1": report.primary.f1,
        "primary_precision": report.primary.precision,
        "asserted_f1": report.asserted.f1,
        "date": report.attr_acc.get("date") or 0.0,
        "location": report.attr_acc.get("location") or 0.0,
        "count": report.attr_acc.get("count") or 0.0,
    }
    below = {k: (measured[k], v) for k, v in floors.items() if k in measured and measured[k] < v}
    assert not below, f"{name}: below floor (measured, floor): {below}"
    assert report.speculation_leak <= floors["max_speculation_leak"]


def test_quality_gate_bbc_false_positives(pipeline: Pipeline) -> None:
    shared = _shared()
    corpus = shared / "data" / "bench" / "news.jsonl" if shared else None
    if corpus is None or not corpus.exists():
        pytest.skip("../shared/data/bench/news.jsonl is not available")
    articles = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["category"] != "politics":
            text = f"{doc['title']}\n{doc['text']}"
            articles.append(Article(doc_id=doc["doc_id"], text=text))
    asserted = [e for e in pipeline.process(articles).events if str(e.modality) == "asserted"]
    rate = 100 * len(asserted) / len(articles)
    worst = [(e.doc_id, e.type, e.actors, e.target, e.evidence.text[:80]) for e in asserted]
    assert rate <= BASELINE["bbc_non_politics"]["max_asserted_per_100"], worst
