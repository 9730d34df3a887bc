"""Row precision per attribution rule against PolNeAR, and the confidence table it estimates.

For every direct and indirect row of our quotes table (column ``rule``), a row is **correct** when

* at least 50 % of its characters lie inside gold ``Content`` spans (the strict precision of
  ``bench/bench_polnear.py``), and
* when the gold relation whose content it overlaps most has a ``Source`` and the row has a speaker
  mention (``speaker_start:speaker_end``), that mention overlaps the gold Source.

A rule's **confidence** is its add-one smoothed precision on PolNeAR **train**,
``(correct + 1) / (n + 2)``, for rules with at least ``MIN_ROWS`` rows of that kind; the row ``*``
of each kind holds the smoothed precision of all rows of the kind, which rows of a rule without an
estimate get.  Scare quotes are not estimated (PolNeAR does not annotate them): their confidence is NaN.

Usage::

    python bench/bench_rule_precision.py [--root PATH] [--splits train dev] [--limit N] [--write]

``--write`` rewrites ``analysis/data/rule_confidence.csv`` from the train split (never dev or test).
"""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from analysis.document import parse  # noqa: E402
from bench_polnear import _covered_chars, _overlap, default_root, load_split, polnear_arguments  # noqa: E402

MIN_ROWS = 20
OUT = ROOT / "analysis" / "data" / "rule_confidence.csv"


def row_correct(q, relations, gold_union) -> bool:
    """Whether quote row ``q`` is correct against the gold relations (see the module docstring)."""
    if _covered_chars(gold_union, [(q.start, q.end)]) * 2 < q.end - q.start:
        return False
    best = max(relations, key=lambda r: sum(_overlap((q.start, q.end), sp) for sp in r.content))
    if best.source and q.speaker_start is not None:
        return any(_overlap((q.speaker_start, q.speaker_end), sp) > 0 for sp in best.source)
    return True


def count(articles) -> dict:
    """``{(rule, kind): [n, correct]}`` over the articles, with ``("*", kind)`` totals."""
    tally: dict = defaultdict(lambda: [0, 0])
    for _, text, rels in articles:
        gold_union = [s for r in rels for s in r.content]
        for q in parse(text).quotes:
            if q.kind not in ("direct", "indirect"):
                continue
            ok = bool(rels) and row_correct(q, rels, gold_union)
            for key in ((q.rule or "?", q.kind), ("*", q.kind)):
                tally[key][0] += 1
                tally[key][1] += ok
    return tally


def confidence_rows(tally, n_articles: int) -> list[list]:
    """The rows of ``rule_confidence.csv`` from a train tally."""
    src = (f"PolNeAR train ({n_articles} articles), bench/bench_rule_precision.py: row precision "
           f"(content >= 50 % inside gold, speaker overlaps gold source), (correct + 1) / (n + 2)")
    out = []
    for (rule, kind), (n, ok) in sorted(tally.items(), key=lambda kv: (kv[0][1], kv[0][0] != "*", kv[0][0])):
        if rule == "?" or (rule != "*" and n < MIN_ROWS):
            continue
        out.append([rule, kind, n, ok, f"{(ok + 1) / (n + 2):.3f}", src])
    return out


def main(argv=None) -> int:
    ap = polnear_arguments(__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help=f"rewrite {OUT.relative_to(ROOT)} from train")
    args = ap.parse_args(argv)
    root = Path(args.root) if args.root else default_root()
    if root is None:
        print("PolNeAR not found: set ANALYSIS_DATASETS or pass --root", file=sys.stderr)
        return 2
    print(__doc__.split("Usage")[0].strip())
    print()
    for split in args.splits:
        arts = load_split(root, split, args.limit)
        tally = count(arts)
        print(f"{split} ({len(arts)} articles)")
        print(f"  {'rule':<30} {'kind':<9} {'n':>6} {'precision':>9}")
        for (rule, kind), (n, ok) in sorted(tally.items(), key=lambda kv: (kv[0][1], -kv[1][0])):
            print(f"  {rule:<30} {kind:<9} {n:>6} {ok / n:>9.3f}")
        if split == "train" and args.write:
            with open(OUT, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(["rule", "kind", "n", "correct", "confidence", "source"])
                w.writerows(confidence_rows(tally, len(arts)))
            print(f"  -> {OUT.relative_to(ROOT)}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
