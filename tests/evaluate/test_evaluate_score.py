"""Tests for whimbrel.evaluate scoring: hand-computed cases and agreement with the reference."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whimbrel.evaluate import (
    PRF,
    EvalError,
    GoldDoc,
    load_gold,
    load_predictions,
    location_matches,
    match_events,
    score,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / "tests" / "data"
MINI_GOLD = DATA / "mini_gold.jsonl"
MINI_PRED = DATA / "mini_pred.jsonl"
SAMPLES_GOLD = DATA / "samples_gold.jsonl"
REFERENCE = REPO_ROOT.parent / "shared" / "tools" / "score.py"

needs_reference = pytest.mark.skipif(
    not REFERENCE.exists(), reason=f"reference scorer not found at {REFERENCE}"
)


def _reference(gold: Path, pred: Path) -> dict[str, Any]:
    if not REFERENCE.exists():
        pytest.skip(f"reference scorer not found at {REFERENCE}")
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _event(
    type_: str, actors: list[str], target: list[str], modality: str, **kw: Any
) -> dict[str, Any]:
    return {"type": type_, "actors": actors, "target": target, "modality": modality, **kw}


def _doc(doc_id: str, *events: dict[str, Any]) -> GoldDoc:
    return GoldDoc(doc_id=doc_id, text="", published=None, url=None, events=tuple(events))


# --- hand-computed expectations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("tp", "n_pred", "n_gold", "expected"),
    [
        (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing to find, nothing found
        (0, 0, 3, (0.0, 0.0, 0.0)),
        (0, 2, 0, (0.0, 1.0, 0.0)),
        (2, 4, 2, (0.5, 1.0, 0.667)),
        (1, 3, 3, (0.333, 0.333, 0.333)),
    ],
)
def test_prf_from_counts_edge_cases(
    tp: int, n_pred: int, n_gold: int, expected: tuple[float, float, float]
) -> None:
    prf = PRF.from_counts(tp, n_pred, n_gold)
    assert (prf.precision, prf.recall, prf.f1) == expected
    assert (prf.tp, prf.n_pred, prf.n_gold) == (tp, n_pred, n_gold)


def test_score_tiny_case_by_hand() -> None:
    gold = [
        _doc(
            "d1",
            _event("EXERCISE", ["CHN", "RUS"], [], "asserted", date="2024-07"),
            _event("MILITARY_AID", ["PRK"], ["RUS"], "hypothetical"),
            _event("MEETING", ["FRA", "IND"], [], "asserted"),
        )
    ]
    preds = [
        {"doc_id": "d1", **_event("EXERCISE", ["RUS", "CHN"], [], "asserted", date="2024-07")},
        {"doc_id": "d1", **_event("MILITARY_AID", ["PRK"], ["RUS"], "asserted")},
        {"doc_id": "d1", **_event("THREAT", ["PRK"], ["KOR"], "asserted")},
    ]
    report = score(gold, preds)
    # 1 of 3 predictions right, 1 of 3 gold found
    assert report.primary == PRF(0.333, 0.333, 0.333, 1, 3, 3)
    # asserted only: 3 asserted predictions, 2 asserted gold, the exercise matches
    assert report.asserted == PRF(0.333, 0.5, 0.4, 1, 3, 2)
    # the one non-asserted gold event was emitted as asserted
    assert report.speculation_leak == 1.0
    assert report.attr_acc == {"date": 1.0, "location": 1.0, "count": 1.0}
    assert report.per_type["THREAT"] == PRF(0.0, 1.0, 0.0, 0, 1, 0)


def test_score_mini_fixture_by_hand() -> None:
    report = score(load_gold(MINI_GOLD), load_predictions(MINI_PRED))
    assert dict(report.counts) == {
        "tp": 8,
        "npred": 12,  # the prediction for m-99 is not counted
        "ngold": 11,
        "a_tp": 6,
        "a_npred": 10,
        "a_ngold": 6,
        "leak": 1,
        "n_nonasserted": 5,
    }
    assert report.speculation_leak == 0.2
    assert report.attr_acc == {"date": 0.875, "location": 0.875, "count": 0.875}
    assert report.per_type["EXERCISE"] == PRF(0.333, 0.5, 0.4, 1, 3, 2)


def test_score_leak_ignores_asserted_twin() -> None:
    # a wrong-modality copy of an event that also happened is not a leak
    gold = [
        _doc(
            "d",
            _event("EXERCISE", ["CHN"], [], "asserted"),
            _event("EXERCISE", ["CHN"], [], "planned"),
        )
    ]
    preds = [{"doc_id": "d", **_event("EXERCISE", ["CHN"], [], "asserted")}] * 2
    report = score(gold, preds)
    assert report.speculation_leak == 0.0
    assert report.counts["leak"] == 0


def test_match_events_prefers_same_date_then_location() -> None:
    gold = [_event("ATTACK", ["RUS"], ["UKR"], "asserted", date="2024-05", location="Kharkiv")]
    preds = [
        _event("ATTACK", ["RUS"], ["UKR"], "asserted", date="2024-04", location="Kharkiv"),
        _event("ATTACK", ["RUS"], ["UKR"], "asserted", date="2024-05", location="Odesa"),
        _event("ATTACK", ["RUS"], ["UKR"], "asserted", date="2024-05", location="kharkiv"),
    ]
    pairs = match_events(gold, preds)
    assert len(pairs) == 1
    assert pairs[0][1] is preds[2]


def test_match_events_is_one_to_one() -> None:
    gold = [_event("SANCTION", ["EU"], ["IRN"], "asserted")] * 2
    preds = [_event("SANCTION", ["EU"], ["IRN"], "asserted")] * 3
    assert len(match_events(gold, preds)) == 2
    assert len(match_events(gold, preds[:1])) == 1


def test_match_events_without_modality_ignores_it() -> None:
    gold = [_event("THREAT", ["PRK"], ["JPN"], "planned")]
    preds = [_event("THREAT", ["PRK"], ["JPN"], "asserted")]
    assert match_events(gold, preds) == []
    assert len(match_events(gold, preds, with_modality=False)) == 1


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("Gulf of Oman", "the Gulf of Oman", True),
        ("The Baltic Sea", "baltic sea", True),
        ("Sea of Japan", "Japan", True),
        ("Japan", "Sea of Japan", True),
        ("Sea of Japan", {"name": "SEA OF JAPAN"}, True),
        (None, None, True),
        (None, "", True),
        ("Manila", None, False),
        (None, "Manila", False),
        ("Manila", "Seoul", False),
        ("Manila", {"lat": 14.6}, False),
    ],
)
def test_location_matches_alias_rules(gold: Any, pred: Any, expected: bool) -> None:
    assert location_matches(gold, pred) is expected


def test_score_count_defaults_to_one() -> None:
    gold = [_doc("d", _event("MEETING", ["FRA", "IND"], [], "asserted"))]
    preds = [{"doc_id": "d", **_event("MEETING", ["FRA", "IND"], [], "asserted", count=None)}]
    assert score(gold, preds).attr_acc["count"] == 1.0


def test_score_ignores_unknown_doc_ids() -> None:
    gold = [_doc("d")]
    preds = [{"doc_id": "elsewhere", **_event("MEETING", ["FRA"], [], "asserted")}]
    report = score(gold, preds)
    assert report.primary == PRF(1.0, 1.0, 1.0, 0, 0, 0)
    assert report.per_type == {}


def test_score_without_matches_has_no_attribute_accuracy() -> None:
    gold = [_doc("d", _event("MEETING", ["FRA", "IND"], [], "asserted"))]
    report = score(gold, [])
    assert report.attr_acc == {"date": None, "location": None, "count": None}
    assert report.to_dict()["attr_acc"] == {}
    assert report.primary == PRF(0.0, 0.0, 0.0, 0, 0, 1)


def test_score_empty_gold_set() -> None:
    out = score([], []).to_dict()
    assert out["docs"] == 0
    assert out["primary_prf"] == [1.0, 1.0, 1.0]
    assert out["speculation_leak"] == 0.0
    assert "leak" not in out["counts"]


def test_report_to_table_lists_rows() -> None:
    table = score(load_gold(MINI_GOLD), load_predictions(MINI_PRED)).to_table()
    lines = table.splitlines()
    assert lines[0].split() == ["P", "R", "F1", "tp", "pred", "gold"]
    assert lines[2].split() == ["overall", "0.667", "0.727", "0.696", "8", "12", "11"]
    assert any(line.split()[:2] == ["EXERCISE", "0.333"] for line in lines)
    assert "location accuracy" in table
    assert table.splitlines()[-1].split() == ["documents", "7"]


def test_report_to_table_shows_missing_accuracy() -> None:
    table = score([_doc("d")], []).to_table()
    assert "date accuracy" in table
    assert "n/a" in table


# --- loading ---------------------------------------------------------------------------------


def test_load_gold_reads_fixture() -> None:
    docs = load_gold(MINI_GOLD)
    assert [d.doc_id for d in docs] == [f"m-0{i}" for i in range(1, 8)]
    assert docs[3].events == ()
    assert docs[0].published == "2024-03-20"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"doc_id": "x", "text": "t"}', "events must be a list"),
        ('{"doc_id": "", "text": "t", "events": []}', "doc_id"),
        ('{"doc_id": "x", "events": []}', "text must be a string"),
        ('{"doc_id": "x", "text": "t", "events": [{"type": "ATTACK"}]}', "modality"),
        ('{"doc_id": "x", "text": "t", "events": [3]}', "not an object"),
        (
            '{"doc_id": "x", "text": "t", "events": '
            '[{"type": "ATTACK", "modality": "asserted", "actors": "RUS"}]}',
            "actors",
        ),
        ('{"doc_id": "m-01", "text": "t", "events": []}', "duplicate doc_id"),
    ],
)
def test_load_gold_reports_bad_line_number(tmp_path: Path, line: str, message: str) -> None:
    good = MINI_GOLD.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "gold.jsonl"
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(EvalError, match=message) as info:
        load_gold(path)
    assert f"{path}:3:" in str(info.value)


def test_load_gold_missing_file_is_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="cannot read"):
        load_gold(tmp_path / "absent.jsonl")


def test_load_gold_binary_file_is_eval_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(EvalError, match="UTF-8"):
        load_gold(path)


def test_load_predictions_rejects_non_object(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text('{"doc_id": "a"}\n"just a string"\n', encoding="utf-8")
    with pytest.raises(EvalError, match=":2:"):
        load_predictions(path)


# --- agreement with the reference scorer -----------------------------------------------------


@needs_reference
def test_score_matches_reference_on_mini_fixture() -> None:
    mine = score(load_gold(MINI_GOLD), load_predictions(MINI_PRED)).to_dict()
    assert mine == _reference(MINI_GOLD, MINI_PRED)


@needs_reference
def test_score_matches_reference_on_samples_against_themselves(tmp_path: Path) -> None:
    gold = load_gold(SAMPLES_GOLD)
    preds = [{"doc_id": d.doc_id, **e} for d in gold for e in d.events]
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    mine = score(gold, preds).to_dict()
    assert mine == _reference(SAMPLES_GOLD, pred_path)
    assert mine["primary_prf"] == [1.0, 1.0, 1.0]


# --- properties ------------------------------------------------------------------------------

# few types and codes, so that keys collide and the tie-breaking order matters
_TYPES = ["EXERCISE", "ATTACK"]
_MODALITIES = ["asserted", "planned", "hypothetical", "negated"]
_DATES = [None, "2024", "2024-03"]
_GOLD_PLACES = [None, "Sea of Japan", "the Gulf of Oman", "Manila"]
_PRED_PLACES = [*_GOLD_PLACES, "sea of japan", "Japan", "Oman", {"name": "Manila"}, ""]


def _events(places: list[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "type": st.sampled_from(_TYPES),
            "actors": st.sampled_from([["CHN", "RUS"], ["RUS", "CHN"], ["RUS"], []]),
            "target": st.lists(st.just("TWN"), max_size=1),
            "modality": st.sampled_from(_MODALITIES[:2] * 3 + _MODALITIES[2:]),
            "date": st.sampled_from(_DATES),
            "location": st.sampled_from(places),
            "count": st.sampled_from([None, 1, 2]),
        }
    )


_gold_sets = st.lists(st.lists(_events(_GOLD_PLACES), max_size=4), max_size=4).map(
    lambda docs: [
        GoldDoc(doc_id=f"g{i}", text="", published=None, url=None, events=tuple(evs))
        for i, evs in enumerate(docs)
    ]
)


@settings(max_examples=60, deadline=None)
@given(gold=_gold_sets)
def test_score_gold_against_itself_is_perfect(gold: list[GoldDoc]) -> None:
    report = score(gold, [{"doc_id": d.doc_id, **e} for d in gold for e in d.events])
    assert (report.primary.precision, report.primary.recall, report.primary.f1) == (1.0, 1.0, 1.0)
    assert report.asserted.f1 == 1.0
    assert report.speculation_leak == 0.0
    assert all(v in (None, 1.0) for v in report.attr_acc.values())


def _near_copy(event: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A prediction of ``event`` that may get modality, date, location or count wrong."""
    return st.fixed_dictionaries(
        {
            "modality": st.sampled_from([event["modality"]] * 4 + _MODALITIES),
            "date": st.sampled_from([event["date"], *_DATES]),
            "location": st.sampled_from([event["location"], *_PRED_PLACES]),
            "count": st.sampled_from([event["count"], None, 1, 2]),
        }
    ).map(lambda changes: {**event, **changes})


@needs_reference
@settings(max_examples=60, deadline=None)
@given(gold=_gold_sets, data=st.data())
def test_score_matches_reference_on_random_sets(gold: list[GoldDoc], data: st.DataObject) -> None:
    preds: list[dict[str, Any]] = []
    for doc in gold:
        for event in doc.events:
            for _ in range(data.draw(st.integers(0, 2))):
                preds.append({"doc_id": doc.doc_id, **data.draw(_near_copy(event))})
    extras = st.tuples(st.sampled_from(["g0", "g1", "nowhere"]), _events(_PRED_PLACES))
    preds.extend({"doc_id": d, **e} for d, e in data.draw(st.lists(extras, max_size=4)))
    preds = data.draw(st.permutations(preds))
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold_path.write_text(
            "".join(
                json.dumps({"doc_id": d.doc_id, "text": d.text, "events": list(d.events)}) + "\n"
                for d in gold
            ),
            encoding="utf-8",
        )
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        mine = score(load_gold(gold_path), load_predictions(pred_path)).to_dict()
        assert mine == _reference(gold_path, pred_path)
