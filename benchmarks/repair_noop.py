"""No-op check: repair must leave clean news unchanged.

Runs the repair stage over the 2,225 BBC articles in ``../shared/data/bench/news.jsonl``
and reports how many come back identical, listing every change (original offsets, old,
new) so each can be justified. Exit code 1 when fewer than 99% are unchanged.

    .venv/bin/python benchmarks/repair_noop.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from whimbrel.repair import repair

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench" / "news.jsonl"
TARGET = 0.99


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found")
        return 0
    docs = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines()]
    changed: list[dict[str, object]] = []
    n_changes = 0
    kinds: Counter[str] = Counter()
    warned = 0
    for doc in docs:
        result = repair(doc["text"])
        warned += bool(result.warnings)
        if not result.changes:
            continue
        rows = []
        for start, end, old, new in result.changes:
            context = doc["text"][max(0, start - 30) : end + 30].replace("\n", "⏎")
            rows.append({"start": start, "end": end, "old": old, "new": new, "context": context})
            kinds[f"{old!r} -> {new!r}"] += 1
        changed.append({"doc_id": doc["doc_id"], "changes": rows})
        n_changes += len(rows)
    unchanged = len(docs) - len(changed)
    share = unchanged / len(docs)
    summary = {
        "articles": len(docs),
        "unchanged": unchanged,
        "unchanged_share": round(share, 4),
        "changes": n_changes,
        "warned": warned,
        "target": TARGET,
        "changed_articles": changed,
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(
            f"{unchanged}/{len(docs)} articles unchanged ({share:.2%}); "
            f"{summary['changes']} changes; {warned} passed through with a warning"
        )
        for item in changed:
            for row in item["changes"]:  # type: ignore[attr-defined]
                print(f"  {item['doc_id']}: {row['old']!r} -> {row['new']!r}   …{row['context']}…")
    return 0 if share >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
