"""Sort the extractor's errors on an annotated file into classes, with counts.

    python benchmarks/error_classes.py GOLD.jsonl [--examples N]

Runs the pipeline on the gold texts, matches events one to one on type + actors + target +
modality (as the scorer does), and puts every miss and every false positive in one class:

misses
  - participant not named in the evidence sentence: some gold actor or target cannot be
    resolved from the gold evidence alone (needs the rest of the article);
  - named in the sentence, no rule fired or wrong roles;
  - merged with another mention of the same key (the document has two such events, we
    made one);
  - right actors, wrong or missing target;  - right participants, wrong modality.
false positives
  - wrong modality / wrong target / wrong actors (a gold event of that type exists) /
    no such event in gold.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from typing import Any

from whimbrel.evaluate import load_gold
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article
from whimbrel.resolve.actors import default_resolver

Key = tuple[Any, ...]


def _key(event: dict[str, Any], *, modality: bool = True) -> Key:
    base = (
        event["type"],
        tuple(sorted(event["actors"])),
        tuple(sorted(event.get("target") or [])),
    )
    return (*base, event["modality"]) if modality else base


def classify(gold_path: str) -> tuple[Counter[str], Counter[str], dict[str, list[str]]]:
    gold = load_gold(gold_path)
    articles = [Article(doc_id=g.doc_id, text=g.text, published=g.published) for g in gold]
    predicted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in Pipeline().process(articles).events:
        predicted[event.doc_id].append(event.to_dict())
    resolver = default_resolver()
    misses: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for doc in gold:
        left = list(predicted[doc.doc_id])
        missed = []
        for event in doc.events:
            hit = next((p for p in left if _key(p) == _key(event)), None)
            if hit is not None:
                left.remove(hit)
            else:
                missed.append(event)
        for event in missed:
            codes = {c for span in resolver.find(event["evidence"]) for c in span.code.split("+")}
            needed = set(event["actors"]) | set(event.get("target") or [])
            if any(_key(p, modality=False) == _key(event, modality=False) for p in left):
                label = "right participants, wrong modality"
            elif any(
                p["type"] == event["type"] and sorted(p["actors"]) == sorted(event["actors"])
                for p in left
            ):
                label = "right actors, wrong or missing target"
            elif any(_key(p) == _key(event) for p in predicted[doc.doc_id]):
                label = "merged with another mention of the same key"
            elif not needed <= codes:
                label = "participant not named in the evidence sentence"
            else:
                label = "named in the sentence, no rule fired or wrong roles"
            misses[label] += 1
            examples[label].append(f"{doc.doc_id}: {event['evidence'][:100]}")
        for p in left:
            if any(_key(e, modality=False) == _key(p, modality=False) for e in missed):
                label = "wrong modality"
            elif any(
                e["type"] == p["type"] and sorted(e["actors"]) == sorted(p["actors"])
                for e in doc.events
            ):
                label = "wrong target"
            elif any(e["type"] == p["type"] for e in doc.events):
                label = "wrong actors"
            else:
                label = "no such event in gold"
            false_pos[label] += 1
            examples["FP " + label].append(f"{doc.doc_id}: {p['evidence']['text'][:100]}")
    return misses, false_pos, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    misses, false_pos, examples = classify(args.gold)
    for title, counter, prefix in (("misses", misses, ""), ("false positives", false_pos, "FP ")):
        print(f"{title}: {sum(counter.values())}")
        for label, n in counter.most_common():
            print(f"  {n:4d}  {label}")
            for line in examples[prefix + label][: args.examples]:
                print(f"          {line}")


if __name__ == "__main__":
    main()
