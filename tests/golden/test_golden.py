"""Golden whole-article output for packaged sample articles.

The events of each sample are compared, as sorted pretty JSON, with ``<doc_id>.json`` next to
this file; a mismatch fails with a unified diff. After an intended change of output, rewrite
the files with::

    WHIMBREL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden -q

and review the diff of the JSON files before committing them.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from whimbrel.config import Config
from whimbrel.evaluate.samples import load_samples
from whimbrel.pipeline import Pipeline, ProcessResult
from whimbrel.records import Article, Event

GOLDEN_DIR = Path(__file__).resolve().parent
UPDATE = os.environ.get("WHIMBREL_UPDATE_GOLDEN") == "1"
# The noisy machine-translated-looking article and the speculative analysts' piece.
GOLDEN_DOC_IDS = ("sample-05", "sample-06")


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    return {article.doc_id: article for article in load_samples()}


@pytest.fixture(scope="module")
def result(samples: dict[str, Article]) -> ProcessResult:
    """Every sample through one pipeline (packaged defaults, environment ignored)."""
    return Pipeline(Config.load(environ={})).process(samples.values())


def render(events: tuple[Event, ...]) -> str:
    rows = sorted(
        (event.to_dict() for event in events),
        key=lambda row: (
            row["evidence"]["start"],
            row["evidence"]["end"],
            row["type"],
            row["modality"],
            row["event_id"],
        ),
    )
    return json.dumps(rows, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_golden_samples_are_all_processed(
    samples: dict[str, Article], result: ProcessResult
) -> None:
    assert result.rejections == ()
    assert set(GOLDEN_DOC_IDS) <= set(result.per_doc) == set(samples)


@pytest.mark.parametrize("doc_id", GOLDEN_DOC_IDS)
def test_golden_sample_events_match_file(doc_id: str, result: ProcessResult) -> None:
    actual = render(result.per_doc[doc_id])
    golden = GOLDEN_DIR / f"{doc_id}.json"
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"golden file {golden.name} updated (WHIMBREL_UPDATE_GOLDEN=1)")
    if not golden.is_file():
        pytest.fail(f"{golden} is missing; create it with WHIMBREL_UPDATE_GOLDEN=1")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{golden.name}",
                tofile=f"pipeline output for {doc_id}",
            )
        )
        pytest.fail(
            f"events of {doc_id} differ from {golden.name} "
            f"(rerun with WHIMBREL_UPDATE_GOLDEN=1 if the change is intended):\n{diff}",
            pytrace=False,
        )


@pytest.mark.parametrize("doc_id", [article.doc_id for article in load_samples()])
def test_golden_evidence_offsets_point_into_the_original(
    doc_id: str, samples: dict[str, Article], result: ProcessResult
) -> None:
    text = samples[doc_id].text
    for event in result.per_doc[doc_id]:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        for mention in event.mentions:
            assert text[mention.evidence.start : mention.evidence.end] == mention.evidence.text


def test_golden_render_is_deterministic(samples: dict[str, Article]) -> None:
    article = samples[GOLDEN_DOC_IDS[0]]
    pipeline = Pipeline(Config.load(environ={}))
    first = render(pipeline.process([article]).per_doc[article.doc_id])
    assert render(pipeline.process([article]).per_doc[article.doc_id]) == first


def test_golden_speculative_sample_asserts_nothing(result: ProcessResult) -> None:
    """The analysts' piece speculates and recounts a war game: nothing in it happened."""
    asserted = [e for e in result.per_doc["sample-06"] if e.modality == "asserted"]
    assert asserted == []
