"""Robustness: primary F1 on clean, noisy-without-repair and noisy-with-repair text.

Over ``../shared/data/dev.jsonl``: the gold texts are damaged with the seeded noise
injector (:func:`whimbrel.repair.noise.inject_noise`, every kind at once) at each rate and
seed, then run through the pipeline with the repair stage off and on. Also checks that
every event's evidence is the exact slice of the NOISY original it cites.

    .venv/bin/python benchmarks/robustness.py [--rates 0.05 0.15] [--seeds 1 2 3]
        [--kinds typo lowercase ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from whimbrel.config import Config
from whimbrel.evaluate import load_gold, score
from whimbrel.pipeline import Pipeline
from whimbrel.records import Article
from whimbrel.repair.noise import KINDS, inject_noise

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl"
TARGET = 0.95


def _run(pipeline: Pipeline, gold: list[Any]) -> tuple[float, int]:
    """Primary F1 and the number of events whose evidence is not original[start:end]."""
    articles = [Article(doc_id=g.doc_id, text=g.text, published=g.published) for g in gold]
    result = pipeline.process(articles)
    texts = {g.doc_id: g.text for g in gold}
    bad = 0
    for event in result.events:
        ev = event.evidence
        bad += texts[event.doc_id][ev.start : ev.end] != ev.text
    return score(gold, [e.to_dict() for e in result.events]).primary.f1, bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEV)
    parser.add_argument("--rates", type=float, nargs="+", default=[0.05, 0.15])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument(
        "--kinds", nargs="+", choices=KINDS, default=list(KINDS), help="noise kinds (all)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"skipped: {args.gold} not found")
        return 0
    gold = load_gold(args.gold)
    with_repair = Pipeline(Config.load(environ={}))
    without = Pipeline(Config.load(environ={}, overrides=["repair.enabled=false"]))
    without.annotator = with_repair.annotator  # one spaCy model in memory
    started = time.perf_counter()
    clean_f1, bad = _run(with_repair, gold)
    clean_raw_f1, bad_raw = _run(without, gold)
    rows: list[dict[str, Any]] = []
    provenance_errors = bad + bad_raw
    for rate in args.rates:
        for seed in args.seeds:
            noisy = [
                replace(g, text=inject_noise(g.text, rate=rate, seed=seed, kinds=args.kinds))
                for g in gold
            ]
            f1_off, bad_off = _run(without, noisy)
            f1_on, bad_on = _run(with_repair, noisy)
            provenance_errors += bad_off + bad_on
            rows.append(
                {"rate": rate, "seed": seed, "without_repair": f1_off, "with_repair": f1_on}
            )
    summary: dict[str, Any] = {
        "docs": len(gold),
        "kinds": args.kinds,
        "clean_f1": clean_f1,
        "clean_f1_repair_off": clean_raw_f1,
        "runs": rows,
        "by_rate": {},
        "evidence_mismatches": provenance_errors,
        "seconds": round(time.perf_counter() - started, 1),
    }
    ok = provenance_errors == 0
    for rate in args.rates:
        on = statistics.mean(r["with_repair"] for r in rows if r["rate"] == rate)
        off = statistics.mean(r["without_repair"] for r in rows if r["rate"] == rate)
        lost = clean_f1 - off
        recovered = (on - off) / lost if lost > 0 else None
        summary["by_rate"][str(rate)] = {
            "without_repair": round(off, 3),
            "with_repair": round(on, 3),
            "ratio_to_clean": round(on / clean_f1, 3) if clean_f1 else None,
            "share_of_loss_recovered": None if recovered is None else round(recovered, 3),
        }
        ok = ok and on >= TARGET * clean_f1
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        print(f"dev docs: {len(gold)}   clean F1: {clean_f1:.3f} (repair off: {clean_raw_f1:.3f})")
        print(f"{'rate':>6} {'seed':>5} {'noisy, no repair':>17} {'noisy + repair':>15}")
        for r in rows:
            print(
                f"{r['rate']:>6} {r['seed']:>5} {r['without_repair']:>17.3f} "
                f"{r['with_repair']:>15.3f}"
            )
        for rate, agg in summary["by_rate"].items():
            print(
                f"rate {rate}: mean F1 {agg['without_repair']:.3f} -> {agg['with_repair']:.3f} "
                f"with repair = {agg['ratio_to_clean']:.3f} x clean (target {TARGET}); "
                f"share of the loss recovered: {agg['share_of_loss_recovered']}"
            )
        print(f"evidence != original[start:end]: {provenance_errors}   ({summary['seconds']} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
