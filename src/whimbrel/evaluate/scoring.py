"""Scoring of predicted events against gold documents (the semantics of GUIDELINES.md).

The numbers are, by construction, the same as those of the project-independent reference
scorer: events are matched greedily and one-to-one per document, gold events in file order,
each taking the first unused prediction with an equal key, preferring one with the same date
and then one whose location agrees. Every ratio is rounded with Python's ``round(x, 3)``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whimbrel.errors import EvalError

log = logging.getLogger(__name__)

ATTRIBUTES: tuple[str, ...] = ("date", "location", "count")
_COUNT_KEYS: tuple[str, ...] = (
    "tp",
    "npred",
    "ngold",
    "a_tp",
    "a_npred",
    "a_ngold",
    "leak",
    "n_nonasserted",
)
_ASSERTED = "asserted"

EventKey = tuple[Any, ...]


@dataclass(frozen=True)
class GoldDoc:
    """One annotated document: its text and its gold events (dicts as in GUIDELINES.md)."""

    doc_id: str
    text: str
    published: str | None
    url: str | None
    events: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 (each rounded to 3 places) and the counts they come from."""

    precision: float
    recall: float
    f1: float
    tp: int
    n_pred: int
    n_gold: int

    @classmethod
    def from_counts(cls, tp: int, n_pred: int, n_gold: int) -> PRF:
        """No predictions and no gold is perfect; no gold means recall 1.0."""
        precision = tp / n_pred if n_pred else (0.0 if n_gold else 1.0)
        recall = tp / n_gold if n_gold else 1.0
        total = precision + recall
        f1 = 2 * precision * recall / total if total else 0.0
        return cls(
            precision=round(precision, 3),
            recall=round(recall, 3),
            f1=round(f1, 3),
            tp=tp,
            n_pred=n_pred,
            n_gold=n_gold,
        )

    def as_list(self) -> list[float]:
        return [self.precision, self.recall, self.f1]


@dataclass(frozen=True)
class Report:
    """The result of :func:`score`.

    ``attr_acc`` maps ``date``, ``location`` and ``count`` to their accuracy on matched events,
    or None when nothing matched. ``counts`` holds the raw totals under the reference scorer's
    names (tp, npred, ngold, a_tp, a_npred, a_ngold, leak, n_nonasserted).
    """

    docs: int
    primary: PRF
    asserted: PRF
    speculation_leak: float
    attr_acc: Mapping[str, float | None]
    per_type: Mapping[str, PRF]
    counts: Mapping[str, int]

    def to_dict(self) -> dict[str, Any]:
        """JSON form, key for key and value for value as the reference scorer's ``--json``."""
        return {
            "docs": self.docs,
            "primary_prf": self.primary.as_list(),
            "asserted_prf": self.asserted.as_list(),
            "speculation_leak": self.speculation_leak,
            # The reference omits the accuracies altogether when no event matched.
            "attr_acc": {k: v for k, v in self.attr_acc.items() if v is not None},
            "per_type_prf": {t: prf.as_list() for t, prf in self.per_type.items()},
            "counts": dict(self.counts),
        }

    def to_table(self) -> str:
        """A plain-text table: overall, asserted-only and per-type rows, then the accuracies."""
        rows: list[tuple[str, PRF]] = [("overall", self.primary), ("asserted", self.asserted)]
        rows.extend((f"  {t}", prf) for t, prf in self.per_type.items())
        labels = ["speculation leak", *(f"{n} accuracy" for n in ATTRIBUTES)]
        width = max(len(label) for label in [*labels, *(label for label, _ in rows)])
        header = (
            f"{'':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'tp':>5}  {'pred':>5}  {'gold':>5}"
        )
        lines = [header, "-" * len(header)]
        for label, prf in rows:
            lines.append(
                f"{label:<{width}}  {prf.precision:>6.3f}  {prf.recall:>6.3f}  {prf.f1:>6.3f}"
                f"  {prf.tp:>5d}  {prf.n_pred:>5d}  {prf.n_gold:>5d}"
            )
        lines.append("-" * len(header))
        lines.append(f"{'speculation leak':<{width}}  {self.speculation_leak:>6.3f}")
        for name in ATTRIBUTES:
            value = self.attr_acc.get(name)
            shown = "n/a" if value is None else f"{value:.3f}"
            lines.append(f"{name + ' accuracy':<{width}}  {shown:>6}")
        lines.append(f"{'documents':<{width}}  {self.docs:>6d}")
        return "\n".join(lines)


def event_key(event: Mapping[str, Any], *, with_modality: bool = True) -> EventKey:
    """What must be equal for two events to match: type, actor set, target set (, modality)."""
    key: EventKey = (
        event.get("type"),
        tuple(sorted(event.get("actors") or [])),
        tuple(sorted(event.get("target") or [])),
    )
    if with_modality:
        key = (*key, event.get("modality"))
    return key


def location_matches(gold: Any, predicted: Any) -> bool:
    """Case-insensitive, ignoring a leading "the ", either name contained in the other.

    ``predicted`` may be a dict with a ``name``. Two missing locations agree; one does not.
    """
    if isinstance(predicted, dict):
        predicted = predicted.get("name")
    a = (gold or "").lower().strip()
    b = (predicted or "").lower().strip()
    if not a and not b:
        return True
    if not a or not b:
        return False
    a = a.removeprefix("the ")
    b = b.removeprefix("the ")
    return bool(a == b or a in b or b in a)


def match_events(
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    *,
    with_modality: bool = True,
) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """Greedy one-to-one matching: each gold event, in order, takes one unused prediction."""
    used: set[int] = set()
    pairs: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []
    pred_keys = [event_key(p, with_modality=with_modality) for p in predicted]
    for g in gold:
        wanted = event_key(g, with_modality=with_modality)
        best: int | None = None
        best_rank: tuple[bool, bool] | None = None
        for i, pk in enumerate(pred_keys):
            if i in used or pk != wanted:
                continue
            rank = (
                predicted[i].get("date") != g.get("date"),
                not location_matches(g.get("location"), predicted[i].get("location")),
            )
            # strict "<" keeps the earliest prediction among equal ranks (a stable sort)
            if best_rank is None or rank < best_rank:
                best, best_rank = i, rank
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


def _type_label(value: Any) -> str:
    """The JSON object key a type value becomes (None -> "null"), as ``json.dumps`` writes it."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    return str(value)


def _count_equal(gold: Any, predicted: Any) -> bool:
    return bool((gold or 1) == (predicted or 1))


def score(gold: Sequence[GoldDoc], predictions: Iterable[Mapping[str, Any]]) -> Report:
    """Score predicted events (dicts with ``doc_id``) against gold documents.

    Predictions for a ``doc_id`` not in ``gold`` are ignored, as by the reference scorer.
    """
    by_doc: dict[Any, list[Mapping[str, Any]]] = {}
    for pred in predictions:
        by_doc.setdefault(pred.get("doc_id"), []).append(pred)
    known = {doc.doc_id for doc in gold}
    ignored = sum(len(v) for k, v in by_doc.items() if k not in known)
    if ignored:
        log.info("ignoring %d predictions for doc_ids not in the gold set", ignored)

    totals = dict.fromkeys(_COUNT_KEYS, 0)
    per_type: dict[Any, list[int]] = {}  # type -> [tp, n_pred, n_gold]
    attr_hits = dict.fromkeys(ATTRIBUTES, 0)
    n_matched = 0

    def bucket(event_type: Any) -> list[int]:
        return per_type.setdefault(event_type, [0, 0, 0])

    for doc in gold:
        g_events: Sequence[Mapping[str, Any]] = doc.events
        p_events = by_doc.get(doc.doc_id, [])
        pairs = match_events(g_events, p_events)
        totals["tp"] += len(pairs)
        totals["npred"] += len(p_events)
        totals["ngold"] += len(g_events)
        for g in g_events:
            bucket(g["type"])[2] += 1
        for p in p_events:
            bucket(p.get("type"))[1] += 1
        for g, p in pairs:
            bucket(g["type"])[0] += 1
            n_matched += 1
            attr_hits["date"] += g.get("date") == p.get("date")
            attr_hits["location"] += location_matches(g.get("location"), p.get("location"))
            attr_hits["count"] += _count_equal(g.get("count"), p.get("count"))

        g_asserted = [g for g in g_events if g["modality"] == _ASSERTED]
        p_asserted = [p for p in p_events if p.get("modality") == _ASSERTED]
        totals["a_tp"] += len(match_events(g_asserted, p_asserted, with_modality=False))
        totals["a_npred"] += len(p_asserted)
        totals["a_ngold"] += len(g_asserted)

        # leak: asserted predictions with no asserted gold counterpart that match a gold
        # event annotated as planned, hypothetical or negated
        g_other = [g for g in g_events if g["modality"] != _ASSERTED]
        asserted_keys = {event_key(g, with_modality=False) for g in g_asserted}
        p_unexplained = [
            p for p in p_asserted if event_key(p, with_modality=False) not in asserted_keys
        ]
        totals["leak"] += len(match_events(g_other, p_unexplained, with_modality=False))
        totals["n_nonasserted"] += len(g_other)

    if not gold:
        # the reference never touches its "leak" counter when there is no document
        del totals["leak"]
    n_other = totals["n_nonasserted"]
    return Report(
        docs=len(gold),
        primary=PRF.from_counts(totals["tp"], totals["npred"], totals["ngold"]),
        asserted=PRF.from_counts(totals["a_tp"], totals["a_npred"], totals["a_ngold"]),
        speculation_leak=round(totals["leak"] / n_other, 3) if n_other else 0.0,
        attr_acc={
            name: round(attr_hits[name] / n_matched, 3) if n_matched else None
            for name in ATTRIBUTES
        },
        per_type={
            _type_label(t): PRF.from_counts(v[0], v[1], v[2])
            for t, v in sorted(per_type.items(), key=lambda item: str(item[0]))
        },
        counts=totals,
    )


def _json_lines(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; anything else is an EvalError."""
    try:
        with Path(path).open(encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvalError(f"{path}:{lineno}: not valid JSON: {exc.msg}") from exc
                if not isinstance(obj, dict):
                    raise EvalError(f"{path}:{lineno}: expected a JSON object")
                yield lineno, obj
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise EvalError(f"{path}: not UTF-8 text: {exc.reason}") from exc


def _fail(path: str | Path, lineno: int, what: str) -> EvalError:
    return EvalError(f"{path}:{lineno}: {what}")


def _is_codes(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(a, str) for a in value))


def _gold_event(event: Any, n: int, path: str | Path, lineno: int) -> dict[str, Any]:
    if not isinstance(event, dict):
        raise _fail(path, lineno, f"event {n} is not an object")
    for name in ("type", "modality"):
        if not isinstance(event.get(name), str):
            raise _fail(path, lineno, f"event {n}: {name} must be a string")
    for name in ("actors", "target"):
        if not _is_codes(event.get(name)):
            raise _fail(path, lineno, f"event {n}: {name} must be a list of codes")
    if not isinstance(event.get("location"), str | None):
        raise _fail(path, lineno, f"event {n}: location must be a string or null")
    return event


def _gold_doc(obj: dict[str, Any], path: str | Path, lineno: int) -> GoldDoc:
    doc_id, text, events = obj.get("doc_id"), obj.get("text"), obj.get("events")
    if not isinstance(doc_id, str) or not doc_id:
        raise _fail(path, lineno, "doc_id must be a non-empty string")
    if not isinstance(text, str):
        raise _fail(path, lineno, "text must be a string")
    if not isinstance(events, list):
        raise _fail(path, lineno, "events must be a list")
    published, url = obj.get("published"), obj.get("url")
    if not isinstance(published, str | None) or not isinstance(url, str | None):
        raise _fail(path, lineno, "published and url must be strings or null")
    return GoldDoc(
        doc_id=doc_id,
        text=text,
        published=published,
        url=url,
        events=tuple(_gold_event(e, n, path, lineno) for n, e in enumerate(events, start=1)),
    )


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold JSONL file (GUIDELINES.md); a bad file or line raises :class:`EvalError`."""
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for lineno, obj in _json_lines(path):
        doc = _gold_doc(obj, path, lineno)
        if doc.doc_id in seen:
            raise _fail(path, lineno, f"duplicate doc_id {doc.doc_id!r}")
        seen.add(doc.doc_id)
        docs.append(doc)
    return docs


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Read predicted events, one JSON object per line; a bad line raises :class:`EvalError`."""
    return [obj for _, obj in _json_lines(path)]
