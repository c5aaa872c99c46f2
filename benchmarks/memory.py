"""Memory stays flat: stream 1x, 3x and 10x the BBC corpus through ``whimbrel ingest -``
into a fresh DuckDB store under /tmp and report each run's peak RSS.

Copy k of every article gets a new ``doc_id`` (``<id>-c<k>``) and one extra sentence, so
every copy is a new document the store keeps. The corpus is streamed through stdin, never
written to disk. Targets: the 10x run's peak is < 10% above the 1x run's, and < 1.5 GB.

    .venv/bin/python benchmarks/memory.py                  # 1x, 3x, 10x, one process
    .venv/bin/python benchmarks/memory.py --workers 2      # peak of the whole process tree
    .venv/bin/python benchmarks/memory.py --copies 1 2     # other multiples

Skips with a message when ../shared/data/bench/news.jsonl is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from throughput import DEFAULT_DATA, REPO, tree_rss

WHIMBREL = REPO / ".venv" / "bin" / "whimbrel"


def feed(proc: subprocess.Popen[bytes], lines: list[dict[str, object]], copies: int) -> None:
    assert proc.stdin is not None
    try:
        for k in range(copies):
            for row in lines:
                copy = dict(row)
                copy["doc_id"] = f"{row['doc_id']}-c{k}"
                copy["text"] = f"{row['text']}\n\nArchive copy {k}."
                proc.stdin.write((json.dumps(copy) + "\n").encode("utf-8"))
    finally:
        proc.stdin.close()


def run(
    lines: list[dict[str, object]], copies: int, workers: int, workdir: Path
) -> dict[str, float]:
    db = workdir / f"x{copies}.duckdb"
    cmd = [str(WHIMBREL), "ingest", "-", "--input-format", "jsonl", "--db", str(db)]
    cmd += ["--no-progress", "--workers", str(workers)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WHIMBREL_")}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
    writer = threading.Thread(target=feed, args=(proc, lines, copies), daemon=True)
    writer.start()
    tree_peak = 0
    while True:
        try:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            break
        if workers > 1:
            tree_peak = max(tree_peak, tree_rss(proc.pid))
        time.sleep(0.2)
    proc.returncode = os.waitstatus_to_exitcode(status)
    writer.join()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"whimbrel ingest failed with exit code {proc.returncode}")
    peak = max(usage.ru_maxrss * 1024, tree_peak)
    size = sum(p.stat().st_size for p in workdir.glob(f"x{copies}.duckdb*"))
    db.unlink(missing_ok=True)
    Path(str(db) + ".wal").unlink(missing_ok=True)
    return {"copies": copies, "seconds": seconds, "peak": peak, "db_bytes": size}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not found (the benchmark corpus lives in ../shared)")
        return 0
    with args.data.open(encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    print(
        f"corpus: {len(lines)} articles x {args.copies}, --workers {args.workers}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="whimbrel-mem-"))
    results = []
    try:
        for copies in args.copies:
            result = run(lines, copies, args.workers, workdir)
            results.append(result)
            print(f"  ran {copies}x: {result['seconds']:.0f} s", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    base = results[0]["peak"]
    print(
        f"\n{'corpus':>7} {'articles':>8} {'seconds':>8} {'art/s':>6} {'peak RSS':>9} "
        f"{'growth':>7} {'db size':>8}"
    )
    for r in results:
        n = len(lines) * int(r["copies"])
        print(
            f"{int(r['copies']):6d}x {n:8d} {r['seconds']:8.0f} {n / r['seconds']:6.0f} "
            f"{r['peak'] / 2**20:7.0f}MB {r['peak'] / base - 1:+7.1%} "
            f"{r['db_bytes'] / 2**20:6.0f}MB"
        )
    last = results[-1]["peak"]
    ok = last / base - 1 < 0.10 and max(r["peak"] for r in results) < 1.5 * 2**30
    print("targets met (growth < 10%, < 1.5 GB)" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
