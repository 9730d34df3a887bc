"""Peak memory of ``analysis.analyze`` on an in-memory DataFrame, against the size of its output tables.

Builds a corpus of ``--size-mb`` megabytes (default 50) by repeating the bundled articles under
unique ids, then runs ``analyze(corpus, n_jobs=1)`` in a fresh subprocess and reports:

* the resident memory before the call (corpus loaded) and its peak during the call (``ru_maxrss``);
* the size of the output tables (``DataFrame.memory_usage(deep=True)``, summed over the six tables);
* the ratio of the growth during the call to that size (target: under about 3).

Run: ``.venv/bin/python bench/bench_analyze_memory.py [--size-mb 50]``
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import pandas as pd
import analysis
from analysis.corpus import load_corpus

arts = load_corpus(sys.argv[1] + "/corpus")
target = float(sys.argv[2]) * 1e6
rows, size, i = [], 0, 0
while size < target:
    r = arts.iloc[i % len(arts)]
    rows.append({"doc_id": f"d{i:07d}", "outlet": r["outlet"], "title": r["title"], "text": r["text"]})
    size += len(r["text"].encode("utf-8"))
    i += 1
corpus = pd.DataFrame(rows)
del rows
import gc; gc.collect()
analysis.analyze(corpus.head(3), progress=False)  # load the resources before measuring
gc.collect()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
with open("/proc/self/statm") as fh:
    rss_before = int(fh.read().split()[1]) * resource.getpagesize()
t = time.perf_counter()
res = analysis.analyze(corpus, progress=False)
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
tables = sum(int(df.memory_usage(deep=True).sum()) for df in res.tables().values())
print(json.dumps({"docs": len(corpus), "mb": size / 1e6, "rss_before": rss_before, "peak": peak,
                  "tables": tables, "seconds": seconds}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=50)
    args = ap.parse_args()
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(args.size_mb)], capture_output=True,
                         text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    mb = 1 << 20
    growth = max(r["peak"] - r["rss_before"], 0)
    print(f"corpus: {r['docs']:,} documents, {r['mb']:.1f} MB of text; analyze() took {r['seconds']:.0f} s")
    print(f"RSS before analyze: {r['rss_before'] / mb:,.0f} MB; peak during analyze: {r['peak'] / mb:,.0f} MB "
          f"(growth {growth / mb:,.0f} MB)")
    print(f"output tables (deep memory): {r['tables'] / mb:,.0f} MB; peak growth / tables = {growth / r['tables']:.2f}; "
          f"peak / tables = {r['peak'] / r['tables']:.2f}")


if __name__ == "__main__":
    main()
