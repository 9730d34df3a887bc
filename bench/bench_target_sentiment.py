"""Target (actor) sentiment on NewsMTSC: whole-sentence VADER vs the clause method.

Thresholds for the clause method are tuned on ``train.jsonl`` only; figures are reported on the
real-world test split ``devtest_rw.jsonl``.  Macro-F1 over negative / neutral / positive
(NewsMTSC polarity 2.0 / 4.0 / 6.0), one row per target.

Run: ``.venv/bin/python bench/bench_target_sentiment.py [--datasets PATH]``
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.datasets import default_root  # noqa: E402
import numpy as np  # noqa: E402

from analysis.sentiment import (DEFAULT_DECAY, evaluate_target_sentiment,  # noqa: E402
                                label_from_compound, macro_f1, newsmtsc_targets,
                                target_sentiment, tune_thresholds)


def read_jsonl(path: Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path} line {n}: {exc}") from None
    return records


def show(name: str, res: dict) -> None:
    print(f"  {name:<48} macro-F1 {res['macro_f1']:.4f}  (neg {res['f1_negative']:.3f}, "
          f"neu {res['f1_neutral']:.3f}, pos {res['f1_positive']:.3f}; "
          f"thresholds {res['neg_threshold']:+.2f}/{res['pos_threshold']:+.2f})")


def paired_bootstrap(test, decay: float, thr_clause: tuple[float, float], n_boot: int = 1000,
                     seed: int = 0) -> tuple[float, float]:
    """95% interval of macro-F1(clause) - macro-F1(sentence, +-0.05), resampling targets."""
    y = np.array(test["label"].tolist())
    rows = list(zip(test["sentence"], test["start"], test["end"]))
    base = np.array([label_from_compound(target_sentiment(s, a, b, method="sentence")) for s, a, b in rows])
    ours = np.array([label_from_compound(target_sentiment(s, a, b, decay=decay), *thr_clause)
                     for s, a, b in rows])
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n_boot):
        idx = rng.integers(0, len(y), len(y))
        diffs.append(macro_f1(y[idx], ours[idx]) - macro_f1(y[idx], base[idx]))
    return float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=None, help="folder with the shared data sets")
    ap.add_argument("--decay", type=float, default=DEFAULT_DECAY,
                    help=f"weight of neighbouring clauses (default {DEFAULT_DECAY})")
    args = ap.parse_args(argv)
    root = args.datasets or default_root()
    folder = None if root is None else root / "newsmtsc"
    if folder is None or not (folder / "train.jsonl").is_file():
        print(f"NewsMTSC not found under {root}; nothing to evaluate.")
        return 0
    t0 = time.perf_counter()
    train = newsmtsc_targets(read_jsonl(folder / "train.jsonl"))
    test = newsmtsc_targets(read_jsonl(folder / "devtest_rw.jsonl"))
    print(f"NewsMTSC: train {len(train):,} targets, devtest_rw {len(test):,} targets")

    thr_clause = tune_thresholds(train, method="clause", decay=args.decay)
    thr_sentence = tune_thresholds(train, method="sentence")
    print(f"thresholds tuned on train: clause {thr_clause}, sentence {thr_sentence}")

    print("devtest_rw:")
    base = evaluate_target_sentiment(test, method="sentence")
    show("(a) baseline: whole sentence, +-0.05", base)
    show("    whole sentence, train-tuned thresholds",
         evaluate_target_sentiment(test, method="sentence", thresholds=thr_sentence))
    show(f"    clause (decay {args.decay}), +-0.05",
         evaluate_target_sentiment(test, method="clause", decay=args.decay))
    ours = evaluate_target_sentiment(test, method="clause", decay=args.decay, thresholds=thr_clause)
    show(f"(b) clause (decay {args.decay}), train-tuned thresholds", ours)
    lo, hi = paired_bootstrap(test, args.decay, thr_clause)
    print(f"baseline macro-F1 {base['macro_f1']:.4f} -> clause macro-F1 {ours['macro_f1']:.4f} "
          f"({ours['macro_f1'] - base['macro_f1']:+.4f}, paired bootstrap 95% CI {lo:+.4f}..{hi:+.4f}); "
          f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
