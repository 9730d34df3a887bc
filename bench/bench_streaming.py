"""Streaming a corpus larger than memory through the CLI: peak memory and MB/s.

Generates a JSONL corpus of ``--size-mb`` megabytes (default 1024, i.e. 1 GB) by repeating the
bundled articles (and the AllSides articles when ``../shared/datasets`` is present) under unique
ids, runs ``python -m analysis score FILE --out DIR --format parquet`` on it, and samples the
resident memory of the whole process tree (CLI + workers) every 0.2 s with psutil.

Target: peak RSS < 1 GB whatever the corpus size (chunks are read, analysed and written one at a
time).  A full 1 GB run takes a while on 2 cores; ``--size-mb 50`` gives the same memory picture
in a few minutes.

Run: ``.venv/bin/python bench/bench_streaming.py [--size-mb 1024] [--n-jobs 2] [--chunksize 200]``
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus import load_corpus  # noqa: E402
from analysis.datasets import default_root, read_allsides  # noqa: E402


def make_corpus(path: Path, size_mb: float) -> tuple[int, float]:
    texts = load_corpus(ROOT / "corpus")[["outlet", "text"]].to_dict("records")
    root = default_root()
    if root is not None and (root / "allsides_article_bias").is_dir():
        texts += read_allsides(root / "allsides_article_bias")[["outlet", "text"]].to_dict("records")
    target = int(size_mb * 1e6)
    written, n = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < target:
            rec = texts[n % len(texts)]
            line = json.dumps({"doc_id": f"d{n:09d}", "outlet": rec["outlet"], "text": rec["text"]}) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n, written / 1e6


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=1024)
    ap.add_argument("--n-jobs", type=int, default=2)
    ap.add_argument("--chunksize", type=int, default=200)
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus and tables")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-stream-"))
    corpus = tmp / "corpus.jsonl"
    n_docs, mb = make_corpus(corpus, args.size_mb)
    out = tmp / "out"
    cmd = [sys.executable, "-m", "analysis", "score", str(corpus), "--out", str(out), "--format", "parquet",
           "--n-jobs", str(args.n_jobs), "--chunksize", str(args.chunksize), "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    secs = time.perf_counter() - t0
    print(f"corpus: {n_docs} documents, {mb:.1f} MB JSONL; n_jobs={args.n_jobs}, chunksize={args.chunksize}")
    print(f"exit status {proc.returncode}; {secs:.1f} s; {mb / secs:.2f} MB/s; {n_docs / secs:.1f} docs/s")
    print(f"peak RSS (CLI + workers): {peak / 1e6:.0f} MB (target < 1000 MB)")
    if args.keep:
        print(f"kept in {tmp}")
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
