"""End-to-end throughput: JSONL on disk -> pipeline -> a fresh DuckDB store under /tmp.

Runs, in ONE invocation and each in a fresh process (so model loading and peak memory are
counted per run):

    shipped  w1   whimbrel as shipped (trigger + actor prefilter), one process
    naive    w1   the full spaCy pipeline on EVERY sentence, same extraction, one process
    shipped  w2   whimbrel as shipped, --workers 2
    ray      w2   whimbrel as shipped on a local Ray instance with 2 CPUs (--ray)

and prints articles/s, words/s, peak RSS (the whole process tree), the ratios, and whether
the stored events of every run are identical to the shipped run's.

    .venv/bin/python benchmarks/throughput.py                 # the table above (no Ray)
    .venv/bin/python benchmarks/throughput.py --ray           # ... and the Ray executor
    .venv/bin/python benchmarks/throughput.py --profile       # time per stage (cProfile)
    .venv/bin/python benchmarks/throughput.py --lengths       # cost vs article length
    .venv/bin/python benchmarks/throughput.py --limit 300     # a quick look

The corpus is ../shared/data/bench/news.jsonl beside the repository (2,225 BBC articles);
without it the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "bench" / "news.jsonl"
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


# --- measuring -----------------------------------------------------------------------------


class TreeRss:
    """Samples the summed RSS of this process and all its descendants; keeps the peak, and
    the CPU seconds each process of the tree used (user + system)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.peak = max(self.peak, usage.ru_maxrss * 1024)
        self.cpu[os.getpid()] = usage.ru_utime + usage.ru_stime

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, tree_rss(os.getpid(), cpu=self.cpu))


def tree_rss(root: int, *, cpu: dict[int, float] | None = None) -> int:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                changed = True
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * PAGE
            if cpu is not None:
                with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                used = (int(fields[11]) + int(fields[12])) / TICKS
                cpu[pid] = max(cpu.get(pid, 0.0), used)
        except (OSError, IndexError, ValueError):
            continue
    return total


def corpus_size(path: Path, limit: int | None) -> tuple[int, int, int]:
    """(articles, words, characters) in the first ``limit`` lines of a JSONL file."""
    articles = words = chars = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and articles >= limit:
                break
            text = json.loads(line)["text"]
            articles += 1
            words += len(text.split())
            chars += len(text)
    return articles, words, chars


def limited_copy(path: Path, limit: int | None, workdir: Path) -> Path:
    if limit is None:
        return path
    out = workdir / f"first-{limit}.jsonl"
    with path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    return out


# --- one run, in its own process -----------------------------------------------------------


def run_one(mode: str, workers: int, data: Path, db: Path) -> dict[str, Any]:
    from whimbrel.config import Config
    from whimbrel.pipeline import Pipeline, ingest_paths

    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with TreeRss() as rss:
        start = time.perf_counter()
        config = Config.load(environ={})
        executor = None
        if mode == "ray":
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            import ray

            from whimbrel.scale.ray_engine import RayExecutor

            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
            executor = RayExecutor(config, workers=workers)
        pipeline: Any = None
        if mode == "shipped":
            pipeline = Pipeline(config)
        elif mode == "naive":
            pipeline = Pipeline(config, prefilter=False)  # parses every sentence
        report = ingest_paths(
            [str(data)],
            db=str(db),
            config=config,
            pipeline=pipeline,
            workers=workers,
            executor=executor,
        )
        seconds = time.perf_counter() - start
        if executor is not None:
            executor.close()
    return {
        "mode": mode,
        "workers": workers,
        "seconds": seconds,
        "added": report.added,
        "events": report.events,
        "rejections": len(report.rejections),
        "peak_rss": rss.peak,
        "cpu_seconds": rss.cpu_seconds,
    }


def spawn_one(mode: str, workers: int, data: Path, db: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--one", mode, "--workers", str(workers)]
    cmd += ["--data", str(data), "--db", str(db)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def stored_events(db: Path) -> list[dict[str, Any]]:
    from whimbrel.store import Store

    with Store(db, read_only=True) as store:
        return store.events()


# --- profile and length scaling ------------------------------------------------------------

_STAGES = (
    ("read + decode JSONL", "whimbrel/ingest/jsonl.py", "iter_jsonl"),
    ("repair", "whimbrel/repair/", "repair"),
    ("sentence split", "whimbrel/annotate/__init__.py", "split_sentences"),
    ("actors (gazetteer)", "whimbrel/resolve/actors.py", "find"),
    ("places", "whimbrel/resolve/places.py", "find_places"),
    ("dates", "whimbrel/resolve/dates.py", "find_dates"),
    ("spaCy parse (candidates)", "whimbrel/annotate/__init__.py", "parse"),
    ("extraction rules", "whimbrel/extract/rules.py", "extract_sentence"),
    ("merge", "whimbrel/extract/", "merge_mentions"),
    ("store lookups", "whimbrel/store/duck.py", "known_doc_ids"),
    ("store writes", "whimbrel/store/duck.py", "write_batch"),
)


def profile(data: Path, workdir: Path) -> None:
    from whimbrel.config import Config
    from whimbrel.pipeline import Pipeline, ingest_paths

    config = Config.load(environ={})
    pipeline = Pipeline(config)
    db = workdir / "profile.duckdb"
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    ingest_paths([str(data)], db=str(db), config=config, pipeline=pipeline)
    profiler.disable()
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    print(f"\nTime per stage (cProfile, one process, {wall:.1f} s wall incl. model load):")
    print(f"{'stage':28} {'seconds':>8} {'share':>6}")
    accounted = 0.0
    for label, file_part, func in _STAGES:
        cum = sum(
            value[3]
            for (filename, _line, name), value in stats.items()
            if name == func and file_part in filename
        )
        accounted += cum
        print(f"{label:28} {cum:8.2f} {cum / wall:6.1%}")
    print(f"{'other (model load, glue)':28} {wall - accounted:8.2f} {1 - accounted / wall:6.1%}")


def lengths(data: Path) -> None:
    from whimbrel.config import Config
    from whimbrel.pipeline import Pipeline
    from whimbrel.records import Article

    with data.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    articles = sorted(
        (Article(doc_id=r["doc_id"], text=r["text"]) for r in rows), key=lambda a: len(a.text)
    )
    pipeline = Pipeline(Config.load(environ={}))
    pipeline.process(articles[:5])  # load the model and gazetteers
    print("\nCost vs article length (shipped, one process, pipeline only):")
    print(f"{'articles':28} {'n':>5} {'chars/art':>9} {'ms/art':>8} {'us/char':>8}")
    third = len(articles) // 3
    buckets = [
        ("shortest third", articles[:third]),
        ("middle third", articles[third : 2 * third]),
        ("longest third", articles[2 * third :]),
    ]
    for k in (4, 16):
        joined = [
            Article(
                doc_id=f"joined-{k}-{n}",
                text="\n\n".join(a.text for a in articles[n * k : (n + 1) * k]),
            )
            for n in range(0, min(len(articles) // k, 64))
        ]
        buckets.append((f"{k} articles joined", joined))
    for label, batch in buckets:
        chars = sum(len(a.text) for a in batch)
        start = time.perf_counter()
        pipeline.process(batch)
        seconds = time.perf_counter() - start
        print(
            f"{label:28} {len(batch):5d} {chars / len(batch):9.0f} "
            f"{1000 * seconds / len(batch):8.2f} {1e6 * seconds / chars:8.2f}"
        )


# --- the report ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--ray", action="store_true", help="also run the Ray executor")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument("--profile", action="store_true", help="only: time per stage")
    parser.add_argument("--lengths", action="store_true", help="only: cost vs article length")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        print(json.dumps(run_one(args.one, args.workers, args.data, args.db)))
        return 0
    if not args.data.exists():
        print(f"skipped: {args.data} not found (the benchmark corpus lives in ../shared)")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="whimbrel-bench-"))
    try:
        data = limited_copy(args.data, args.limit, workdir)
        if args.profile:
            profile(data, workdir)
            return 0
        if args.lengths:
            lengths(data)
            return 0
        return compare(args, data, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def compare(args: argparse.Namespace, data: Path, workdir: Path) -> int:
    n_articles, n_words, n_chars = corpus_size(data, None)
    runs = [("shipped", 1)]
    if not args.no_naive:
        runs.append(("naive", 1))
    runs.append(("shipped", 2))
    if args.ray:
        runs.append(("ray", 2))
    print(
        f"corpus: {data} ({n_articles} articles, {n_words} words, {n_chars} chars); "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; end to end incl. "
        "model load and DuckDB writes"
    )
    results: list[dict[str, Any]] = []
    for mode, workers in runs:
        db = workdir / f"{mode}-w{workers}.duckdb"
        result = spawn_one(mode, workers, data, db)
        result["db"] = db
        results.append(result)
        print(f"  ran {mode} w{workers}: {result['seconds']:.1f} s", flush=True)
    base = results[0]
    reference = stored_events(base["db"])
    print(
        f"\n{'run':8} {'workers':>7} {'seconds':>8} {'articles/s':>10} {'words/s':>9} "
        f"{'CPU s':>7} {'art/CPU-s':>9} {'peak RSS':>9} {'events':>6} {'same events':>11}"
    )
    for r in results:
        same = stored_events(r["db"]) == reference
        r["same"] = same
        print(
            f"{r['mode']:8} {r['workers']:7d} {r['seconds']:8.1f} "
            f"{n_articles / r['seconds']:10.1f} {n_words / r['seconds']:9.0f} "
            f"{r['cpu_seconds']:7.1f} {n_articles / r['cpu_seconds']:9.1f} "
            f"{r['peak_rss'] / 2**20:7.0f}MB {r['events']:6d} {'yes' if same else 'NO':>11}"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work slows every run)")
    by = {(r["mode"], r["workers"]): r for r in results}
    print()
    ok = all(r["same"] for r in results)
    if ("naive", 1) in by:
        ratio = by[("naive", 1)]["seconds"] / base["seconds"]
        print(f"shipped vs naive (1 process each): {ratio:.2f}x faster (target >= 3x)")
        ok &= ratio >= 3
    two = by[("shipped", 2)]
    print(f"--workers 2 vs --workers 1: {base['seconds'] / two['seconds']:.2f}x")
    rate = n_articles / two["seconds"]
    print(f"articles/s on 2 workers end to end: {rate:.1f} (target >= 50)")
    ok &= rate >= 50
    if ("ray", 2) in by:
        ray = by[("ray", 2)]
        print(f"ray (2 CPUs) vs --workers 2: {two['seconds'] / ray['seconds']:.2f}x")
    print("events identical across runs: " + ("yes" if all(r["same"] for r in results) else "NO"))
    print("targets met" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
