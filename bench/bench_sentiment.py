"""Throughput and parity of ``analysis.sentiment`` against vaderSentiment 3.3.2.

Splits the AllSides articles into sentences, scores the same sentences with ours and with the
reference (CPU time, best of several rounds in which each runs once in turn, so a busy machine
slows both alike), prints sentences/s and the speed ratio (target >= 3.5),
checks every score is identical, and prints the Pearson r of compound with the human means of the
NYT editorial snippets for both implementations.  Then prints, for each of the four VADER
ground-truth sets, the number of texts whose four scores are identical to the reference's and the
Pearson r of compound with the human means (:func:`analysis.validation.vader_parity`,
:func:`analysis.validation.vader_correlation`).

Run: ``.venv/bin/python bench/bench_sentiment.py [--datasets PATH] [--repeat N] [--no-speed]``
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from analysis.datasets import default_root  # noqa: E402
from analysis.sentiment import SentimentAnalyzer  # noqa: E402
from analysis.validation import vader_correlation, vader_parity  # noqa: E402

SPLIT = re.compile(r"(?<=[.!?])\s+")


def allsides_sentences(root: Path) -> list[str]:
    sents: list[str] = []
    for path in sorted((root / "allsides_article_bias" / "data" / "jsons").glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            text = json.load(fh).get("content_original") or ""
        sents.extend(s for s in SPLIT.split(text) if s.strip())
    return sents


def read_groundtruth(path: Path) -> tuple[list[float], list[str]]:
    """id <TAB> mean <TAB> text, CRLF line ends; text may itself contain quotes."""
    means, texts = [], []
    raw = path.read_bytes().decode("utf-8")
    for n, line in enumerate(raw.split("\r\n"), start=1):
        if not line:
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3:
            raise ValueError(f"{path} line {n}: expected id<TAB>mean<TAB>text")
        means.append(float(parts[1]))
        texts.append(parts[2])
    return means, texts


def best_times(fns, texts, repeat: int) -> list[float]:
    """Best CPU time of each scorer over ``repeat`` rounds, every scorer once per round."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            t0 = time.process_time()
            for t in texts:
                fn(t)
            best[k] = min(best[k], time.process_time() - t0)
    return best


def groundtruth_table(root: Path) -> None:
    par = vader_parity(root)
    cor = vader_correlation(root).set_index("set")
    print("VADER ground truth: texts with all four scores identical to vaderSentiment 3.3.2, "
          "Pearson r of compound with the human mean")
    print(f"  {'set':<22} {'texts':>7} {'identical':>10} {'r ours':>8} {'r reference':>12}")
    for r in par.itertuples(index=False):
        c = cor.loc[r.set] if r.set in cor.index else None
        r_o = f"{c.r_ours:8.4f}" if c is not None else f"{'':8}"
        r_r = f"{c.r_reference:12.4f}" if c is not None else ""
        print(f"  {r.set:<22} {r.n_texts:>7,} {r.n_identical:>10,} {r_o} {r_r}")


def speed(root: Path | None, repeat: int) -> int:
    """Speed ratio and parity on AllSides sentences, and the NYT correlation line."""
    if root is None or not (root / "allsides_article_bias" / "data" / "jsons").is_dir():
        print(f"AllSides data not found under {root}; nothing to benchmark.")
        return 0
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("vaderSentiment not installed; cannot compare.")
        return 0

    ref = SentimentIntensityAnalyzer()
    ours = SentimentAnalyzer()
    sents = allsides_sentences(root)
    print(f"AllSides: {len(sents):,} sentences, {sum(map(len, sents)) / 1e6:.1f} M chars")

    t_ours, t_ref = best_times([ours.polarity_scores, ref.polarity_scores], sents, repeat)
    print(f"ours      : {len(sents) / t_ours:10,.0f} sentences/s  ({t_ours:.2f} s CPU, best of {repeat})")
    print(f"reference : {len(sents) / t_ref:10,.0f} sentences/s  ({t_ref:.2f} s CPU, best of {repeat})")
    print(f"speed ratio ours/reference: {t_ref / t_ours:.2f}x (target >= 3.5)")

    n_diff = sum(ours.polarity_scores(s) != ref.polarity_scores(s) for s in sents)
    print(f"parity on AllSides sentences: {len(sents) - n_diff:,}/{len(sents):,} identical")

    nyt = root / "vader_groundtruth" / "nytEditorialSnippets_GroundTruth.txt"
    if nyt.is_file():
        means, texts = read_groundtruth(nyt)
        y = np.array(means)
        c_ours = np.array([ours.polarity_scores(t)["compound"] for t in texts])
        c_ref = np.array([ref.polarity_scores(t)["compound"] for t in texts])
        print(f"NYT editorial snippets (n={len(texts):,}): Pearson r with human mean "
              f"ours={np.corrcoef(c_ours, y)[0, 1]:.4f} reference={np.corrcoef(c_ref, y)[0, 1]:.4f} "
              f"(compound identical: {bool(np.array_equal(c_ours, c_ref))})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=None, help="folder with the shared data sets")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions, best-of (default 3)")
    ap.add_argument("--no-speed", action="store_true",
                    help="skip the AllSides speed/parity part; print only the ground-truth table")
    args = ap.parse_args(argv)
    root = args.datasets or default_root()
    if not args.no_speed:
        speed(root, args.repeat)
    if root is not None and (root / "vader_groundtruth").is_dir():
        groundtruth_table(root)
    else:
        print(f"VADER ground truth not found under {root}; no parity table.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
