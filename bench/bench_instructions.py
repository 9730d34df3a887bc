"""Instructions executed to analyse AllSides articles, for one or more checkouts (needs valgrind).

CPU time on a shared 2-core machine moves by several per cent from one hour to the next, more than
a round of speed work gains; the number of machine instructions does not.  For each checkout given
(default: this one) the script runs ``analysis.analyze`` under ``valgrind --tool=cachegrind
--cache-sim=no`` twice, once on the first 5 articles only (imports, resources, warm-up) and once on
them plus the next ``--docs``, and prints the difference: the instructions the ``--docs`` articles
cost.  Compare two checkouts with a git worktree of the older one::

    git worktree add /tmp/old <commit> --detach
    .venv/bin/python bench/bench_instructions.py /tmp/old . --docs 100

Runs use ``PYTHONHASHSEED=0`` (with random string hashes the count moves by about 1% between runs);
two checkouts of the same code at different paths still differ by up to about 1%, so read smaller
differences as noise.
Instructions are a proxy: they miss cache and memory effects (see ``bench_scaling.py`` for those)
and count Python's cyclic GC like any other work.  About 2 minutes per checkout for 100 articles.
Without valgrind or the AllSides data the script says so and measures nothing.

Run: ``.venv/bin/python bench/bench_instructions.py [ROOT ...] [--docs N] [--datasets PATH]``
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parents[1]

_WORKLOAD = """
import sys
root, n, data = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, root)
from pathlib import Path
import analysis
from analysis.datasets import read_allsides
df = read_allsides(Path(data)).head(5 + n)
corpus = df[["ID", "outlet", "text"]].rename(columns={"ID": "doc_id"})
analysis.analyze(corpus.head(5), progress=False)
if n:
    analysis.analyze(corpus.iloc[5:5 + n], progress=False)
"""


def instructions(root: Path, n: int, data: Path) -> int:
    """Instructions valgrind counts for the workload on checkout ``root`` with ``n`` articles after the warm-up."""
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, "-c", _WORKLOAD, str(root), str(n), str(data)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # string hashes (and so set and dict orders) alike in every run
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stderr
    m = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if m is None:
        raise RuntimeError(f"no instruction count in valgrind's output for {root}")
    return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("roots", nargs="*", default=[str(_HERE)], help="checkouts to measure (default: this one)")
    ap.add_argument("--docs", type=int, default=100, help="articles measured after the 5-article warm-up")
    ap.add_argument("--datasets", default=None, help="folder holding allsides_article_bias")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(_HERE))
    from analysis.datasets import default_root

    root = Path(args.datasets) if args.datasets else default_root()
    data = root / "allsides_article_bias" if root is not None else None
    if data is None or not data.is_dir():
        print("AllSides data not found; nothing measured (pass --datasets PATH)")
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind not installed; nothing measured")
        return 0
    first = None
    for r in args.roots:
        path = Path(r).resolve()
        cost = instructions(path, args.docs, data) - instructions(path, 0, data)
        first = cost if first is None else first
        print(f"{path}: {cost / 1e6:,.0f} M instructions for {args.docs} articles "
              f"({cost / args.docs / 1e6:,.1f} M each; {cost / first:.3f}x the first)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
