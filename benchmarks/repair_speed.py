"""Repair throughput on one core, in MB of UTF-8 text per second.

Over the BBC articles in ``../shared/data/bench/news.jsonl`` (clean) and the same articles
damaged by the seeded noise injector at rate 0.05 (noisy), after one warm-up pass that
loads the dictionaries. Exit code 1 when clean or noisy throughput is below 2 MB/s.

    .venv/bin/python benchmarks/repair_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from whimbrel.repair import repair
from whimbrel.repair.noise import inject_noise

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "bench" / "news.jsonl"
TARGET_MB_S = 2.0


def _throughput(texts: list[str], repeat: int) -> float:
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            repair(text)
        best = min(best, time.perf_counter() - started)
    return size / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not found")
        return 0
    clean = [json.loads(line)["text"] for line in args.corpus.read_text("utf-8").splitlines()]
    noisy = [inject_noise(t, rate=0.05, seed=1) for t in clean]
    for text in clean[:50] + noisy[:50]:
        repair(text)  # warm-up: dictionaries, compiled patterns
    size = sum(len(t.encode("utf-8")) for t in clean) / 1e6
    clean_speed = _throughput(clean, args.repeat)
    noisy_speed = _throughput(noisy, args.repeat)
    big = " ".join(clean)  # one ~5 MB document
    started = time.perf_counter()
    repair(big)
    big_speed = len(big.encode("utf-8")) / 1e6 / (time.perf_counter() - started)
    print(f"corpus: {len(clean)} articles, {size:.2f} MB")
    print(f"clean: {clean_speed:.2f} MB/s   noisy (rate 0.05): {noisy_speed:.2f} MB/s")
    print(f"one {len(big) / 1e6:.1f} MB document: {big_speed:.2f} MB/s   (target {TARGET_MB_S})")
    return 0 if min(clean_speed, noisy_speed) >= TARGET_MB_S else 1


if __name__ == "__main__":
    sys.exit(main())
