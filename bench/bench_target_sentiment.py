"""Target (actor) sentiment on NewsMTSC: whole-sentence VADER vs the clause method.

Thresholds for the clause method are tuned on ``train.jsonl`` only; figures are reported on the
real-world test split ``devtest_rw.jsonl``.  Macro-F1 over negative / neutral / positive
(NewsMTSC polarity 2.0 / 4.0 / 6.0), one row per target.  The evaluation lives in
:func:`analysis.validation.newsmtsc_targets`; this script prints it.

Run: ``.venv/bin/python bench/bench_target_sentiment.py [--datasets PATH] [--decay D] [--limit N]``
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.datasets import default_root  # noqa: E402
from analysis.sentiment import DEFAULT_DECAY  # noqa: E402
from analysis.validation import newsmtsc_bootstrap as paired_bootstrap  # noqa: E402,F401
from analysis.validation import newsmtsc_targets  # noqa: E402


def show(name: str, res) -> None:
    print(f"  {name:<48} macro-F1 {res['macro_f1']:.4f}  (neg {res['f1_negative']:.3f}, "
          f"neu {res['f1_neutral']:.3f}, pos {res['f1_positive']:.3f}; "
          f"thresholds {res['neg_threshold']:+.2f}/{res['pos_threshold']:+.2f})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=None, help="folder with the shared data sets")
    ap.add_argument("--decay", type=float, default=DEFAULT_DECAY,
                    help=f"weight of neighbouring clauses (default {DEFAULT_DECAY})")
    ap.add_argument("--limit", type=int, default=None,
                    help="only the first N targets of train and of devtest_rw (default: all)")
    args = ap.parse_args(argv)
    root = args.datasets or default_root()
    folder = None if root is None else root / "newsmtsc"
    if folder is None or not (folder / "train.jsonl").is_file():
        print(f"NewsMTSC not found under {root}; nothing to evaluate.")
        return 0
    t0 = time.perf_counter()
    t = newsmtsc_targets(root, limit=args.limit, decay=args.decay)
    row = {(r["method"], r["thresholds"]): r for r in t.to_dict("records")}
    n_train, n_test = int(t["n_train"].iloc[0]), int(t["n"].iloc[0])
    print(f"NewsMTSC: train {n_train:,} targets, devtest_rw {n_test:,} targets")
    thr = {m: (row[(m, "train-tuned")]["neg_threshold"], row[(m, "train-tuned")]["pos_threshold"])
           for m in ("clause", "sentence")}
    print(f"thresholds tuned on train: clause {thr['clause']}, sentence {thr['sentence']}")

    print("devtest_rw:")
    base = row[("sentence", "default")]
    ours = row[("clause", "train-tuned")]
    show("(a) baseline: whole sentence, +-0.05", base)
    show("    whole sentence, train-tuned thresholds", row[("sentence", "train-tuned")])
    show(f"    clause (decay {args.decay}), +-0.05", row[("clause", "default")])
    show(f"(b) clause (decay {args.decay}), train-tuned thresholds", ours)
    lo, hi = ours["diff_ci_low"], ours["diff_ci_high"]
    print(f"baseline macro-F1 {base['macro_f1']:.4f} -> clause macro-F1 {ours['macro_f1']:.4f} "
          f"({ours['macro_f1'] - base['macro_f1']:+.4f}, paired bootstrap 95% CI {lo:+.4f}..{hi:+.4f}); "
          f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
