"""Throughput of the lexicon matcher on real news text, against a naive regex alternation.

Reads the AllSides article-bias corpus (``../shared/datasets/allsides_article_bias/data/jsons/*.json``,
field ``content_original``; ~1,300 articles, ~7 MB), runs ``Lexicon.find_spans`` (the fast path the
pipeline uses) and ``Lexicon.find`` (Hit tuples) over every article, and prints MB/s.  For comparison
it compiles the same surface forms into one case-insensitive regex alternation with word boundaries
(longest forms first) and times it on a slice of the corpus in the same run.

Usage::

    .venv/bin/python bench/bench_matcher.py            # full corpus, regex on the first 100 articles
    .venv/bin/python bench/bench_matcher.py --repeat 3 --regex-docs 300
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.datasets import default_root  # noqa: E402
from analysis.lexicon import Lexicon  # noqa: E402


def load_articles(root: Path) -> list[str]:
    folder = root / "allsides_article_bias" / "data" / "jsons"
    texts = []
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            text = json.load(fh).get("content_original")
        if isinstance(text, str) and text:
            texts.append(text)
    return texts


def naive_regex(lex: Lexicon) -> re.Pattern:
    """One alternation over all surface forms; spaces in a form match any whitespace/hyphen run."""
    forms = sorted(set(lex.surface_forms()["form"]), key=len, reverse=True)
    parts = [r"[\s\-]+".join(re.escape(w) for w in form.split(" ")) for form in forms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def time_it(fn, texts: list[str], repeat: int) -> tuple[float, int]:
    best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = 0
        for t in texts:
            n += len(fn(t))
        best = min(best, time.perf_counter() - t0)
    return best, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs")
    ap.add_argument("--regex-docs", type=int, default=100, help="articles timed with the regex baseline")
    args = ap.parse_args(argv)
    root = default_root()
    if root is None or not (root / "allsides_article_bias").is_dir():
        print("AllSides corpus not found (set ANALYSIS_DATASETS); skipping")
        return 0
    texts = load_articles(root)
    size = mb(texts)
    t0 = time.perf_counter()
    lex = Lexicon.default()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    lex.find_spans("warm-up")  # builds the automaton
    t_build = time.perf_counter() - t0
    print(f"corpus: {len(texts)} articles, {size:.2f} MB (UTF-8)")
    print(f"lexicon: {len(lex)} entries, {len(lex.surface_forms())} surface forms, hash {lex.hash}; "
          f"load+validate {t_load * 1000:.0f} ms, automaton build {t_build * 1000:.0f} ms")
    secs, n = time_it(lex.find_spans, texts, args.repeat)
    print(f"find_spans (tuples):   {size / secs:7.1f} MB/s  ({n} hits, {secs:.3f} s)")
    secs, n = time_it(lex.find, texts, args.repeat)
    print(f"find (Hit tuples):     {size / secs:7.1f} MB/s  ({n} hits, {secs:.3f} s)")
    sub = texts[: args.regex_docs]
    t0 = time.perf_counter()
    rx = naive_regex(lex)
    t_rx = time.perf_counter() - t0
    secs, n_rx = time_it(rx.findall, sub, 1)
    secs_ac, n_ac = time_it(lex.find_spans, sub, args.repeat)
    print(f"regex alternation:     {mb(sub) / secs:7.2f} MB/s  ({n_rx} hits on {len(sub)} articles, "
          f"{mb(sub):.2f} MB; compile {t_rx:.2f} s)")
    print(f"find_spans, same slice:{mb(sub) / secs_ac:7.1f} MB/s  ({n_ac} hits)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
