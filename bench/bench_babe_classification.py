"""Sentence bias classification on BABE SG2: TF-IDF + logistic regression, alone and with our features.

Stratified K-fold CV (default 5 folds, shuffled, seed 0), binary F1 with Biased = 1, "No agreement"
dropped.  ``C`` of the logistic regression is chosen per outer fold by an inner 3-fold CV on the
training folds only.  Models (see :data:`analysis.validation.BABE_MODELS`):

* ``tfidf``              TF-IDF word 1-2 grams, sublinear tf (published baseline: F1 about 0.71);
* ``tfidf+ours``         + FramingVectorizer (category rates) + AnalysisFeatures (attribution,
                          voice shares, sentiment), standardised;
* ``tfidf+ours+lexbag``  + counts of lexicon hits per term and per category.

``F1 new`` is the F1 on the SG2 sentences that are not in SG1 (the lexicon's development split,
which overlaps SG2), computed within each test fold: the leak-free comparison.  The published best,
a fine-tuned transformer, reaches F1 0.80.  The evaluation lives in
:func:`analysis.validation.babe_classification`; this script prints it.

Data: BABE (Spinde et al. 2021, Findings of EMNLP; AGPL-3.0), read from ``../shared/datasets/babe``.

Run: ``.venv/bin/python bench/bench_babe_classification.py [--datasets PATH] [--splits K] [--seed S]
[--limit N] [--models tfidf,tfidf+ours,...]``
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.datasets import default_root  # noqa: E402
from analysis.validation import BABE_MODELS, babe_classification  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=None, help="folder with the shared data sets")
    ap.add_argument("--splits", type=int, default=5, help="outer CV folds (default 5)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the fold shuffles (default 0)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N sentences (default: all)")
    ap.add_argument("--models", default=",".join(BABE_MODELS), help="comma-separated model names")
    args = ap.parse_args(argv)
    root = args.datasets or default_root()
    if root is None or not (root / "babe").is_dir():
        print(f"BABE not found under {root}; nothing to evaluate.")
        return 0
    t0 = time.perf_counter()
    t = babe_classification(root, n_splits=args.splits, seed=args.seed, limit=args.limit,
                            models=[m.strip() for m in args.models.split(",") if m.strip()])
    n, n_new = int(t["n"].iloc[0]), int(t["n_new"].iloc[0])
    print(f"BABE SG2: {n:,} sentences ({n_new:,} not in SG1), {args.splits}-fold stratified CV, seed {args.seed}")
    print(f"  {'model':<19} {'F1 mean +- sd':>15} {'P':>6} {'R':>6} {'F1 new +- sd':>15}  C per fold")
    for r in t.itertuples(index=False):
        cs = ", ".join(f"{c:g}" for c in r.c_folds)
        print(f"  {r.model:<19} {r.f1_mean:>7.4f} +- {r.f1_sd:.4f} {r.precision_mean:>6.3f} {r.recall_mean:>6.3f} "
              f"{r.f1_new_mean:>7.4f} +- {r.f1_new_sd:.4f}  [{cs}]")
        print(f"  {'':<19} folds: {', '.join(f'{f:.4f}' for f in r.f1_folds)}")
    print("targets: tfidf about 0.71 (published baseline); ours >= 0.75 (fine-tuned transformer 0.80)")
    print(f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
