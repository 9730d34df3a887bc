"""Throughput of the whole pipeline, per stage, against reference VADER alone, and parallel speed-up.

Corpus: the AllSides articles in ``../shared/datasets/allsides_article_bias`` (1,300 full news
articles, 29 outlets).  Everything is measured in one run on the same texts:

* ``reference VADER``: ``vaderSentiment`` 3.3.2 ``polarity_scores`` on every sentence our parser
  finds (what a researcher would otherwise run), no parsing cost counted for it;
* stages: ``parse`` (paragraphs, sentences, tokens, captions), ``quotes`` (quote and speaker
  detection + voice map), ``framing`` (lexicon hits with voices), ``sentiment`` (our VADER on every
  sentence), and ``end to end`` (``analysis.analyze`` with every table);
* ``n_jobs=2`` against ``n_jobs=1`` end to end;
* the sentiment work inside the pipeline: every text it gives VADER (sentences, the voice pieces
  of mixed-voice sentences, the clauses of sentences that mention an actor), scored by our VADER
  and by the reference -- the floor below which no pure-Python pass of this design can go;
* peak RSS of this process (``resource.getrusage``).

Run: ``.venv/bin/python bench/bench_pipeline.py [--docs N] [--repeat R] [--datasets PATH]``
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis  # noqa: E402
from analysis.datasets import default_root, read_allsides  # noqa: E402
from analysis.document import parse  # noqa: E402


def best_of(fn, repeat):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400, help="number of AllSides articles (default 400)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions, best time kept (default 3)")
    ap.add_argument("--datasets", default=None, help="folder holding the shared data sets")
    args = ap.parse_args(argv)
    root = Path(args.datasets) if args.datasets else default_root()
    if root is None or not (root / "allsides_article_bias").is_dir():
        print("AllSides data not found; nothing to measure (pass --datasets PATH)")
        return 0
    df = read_allsides(root / "allsides_article_bias").head(args.docs)
    df = df[df["text"].str.strip().astype(bool)].reset_index(drop=True)
    corpus = df[["ID", "outlet", "text"]].rename(columns={"ID": "doc_id"})
    texts = corpus["text"].tolist()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.framing import hit_rows
    from analysis.lexicon import Lexicon
    from analysis.pipeline import _resources
    from analysis.quotes import find_quotes, voice_spans
    from analysis.sentiment import _scored_clauses, default_analyzer

    res = _resources()  # load every resource once, outside the timings
    lex = Lexicon.default()
    docs = [parse(t, quotes=False) for t in texts]
    sentences = [d.text[s:e] for d in docs for s, e in d.sentences]
    ours = default_analyzer()
    ref = SentimentIntensityAnalyzer()
    analysis.analyze(corpus.head(5), progress=False)  # warm caches

    def run_parse():
        return [parse(t, quotes=False) for t in texts]

    def run_quotes():
        for d in docs:
            d.quotes = find_quotes(d, actors=res.actors, cues=res.cues)
            d.set_voice_map(voice_spans(d.quotes))

    def run_framing():
        return [hit_rows(d, lex) for d in docs]  # what the pipeline runs (find_hits adds a DataFrame)

    def run_sentiment():
        return [ours.polarity_scores(s) for s in sentences]

    def run_reference():
        return [ref.polarity_scores(s) for s in sentences]

    def run_e2e(n_jobs):
        return analysis.analyze(corpus, progress=False, n_jobs=n_jobs, chunksize=8)

    # every text the pipeline hands to VADER: the sentences, the voice pieces of mixed-voice
    # sentences (sentiment by voice) and the clauses of sentences that mention an actor (sentiment
    # toward actors); collected from one run through the shared analyzer
    scored: list[str] = []
    keep = ours.polarity_scores
    _scored_clauses.cache_clear()  # clauses kept from the warm-up run would not be seen
    ours.polarity_scores = lambda text: (scored.append(text), keep(text))[1]
    try:
        analysis.analyze(corpus, progress=False)
    finally:
        del ours.polarity_scores

    def run_sentiment_all():
        return [ours.polarity_scores(s) for s in scored]

    def run_reference_all():
        return [ref.polarity_scores(s) for s in scored]

    t_ref, _ = best_of(run_reference, args.repeat)
    t_ref_all, _ = best_of(run_reference_all, args.repeat)
    t_all, _ = best_of(run_sentiment_all, args.repeat)
    rows = [("reference VADER alone", t_ref)]
    for name, fn in [("parse", run_parse), ("quotes", run_quotes), ("framing", run_framing),
                     ("sentiment (ours)", run_sentiment)]:
        rows.append((name, best_of(fn, args.repeat)[0]))
    t_parse = rows[1][1]
    t1, r1 = best_of(lambda: run_e2e(1), args.repeat)
    t2, r2 = best_of(lambda: run_e2e(2), args.repeat)
    rows.append(("end to end, n_jobs=1", t1))
    rows.append(("end to end, n_jobs=2", t2))

    print(f"AllSides: {len(texts)} articles, {len(sentences)} sentences, {mb:.2f} MB; best of {args.repeat}")
    print(f"{'stage':<24}{'seconds':>9}{'MB/s':>9}{'docs/s':>9}{'sent/s':>10}{'vs ref VADER':>14}")
    for name, t in rows:
        print(f"{name:<24}{t:9.3f}{mb / t:9.2f}{len(texts) / t:9.1f}{len(sentences) / t:10.0f}{t_ref / t:13.2f}x")
    print(f"parallel speed-up n_jobs=2 vs 1: {t1 / t2:.2f}x")
    print(f"end-to-end (n_jobs=1) / reference VADER alone throughput ratio: {t_ref / t1:.2f} (target >= 1.0)")
    same = r1.documents.drop(columns=[]).equals(r2.documents)
    print(f"n_jobs=2 output identical to n_jobs=1: {same}")
    print(f"texts the pipeline scores with VADER: {len(scored)} ({len(scored) / len(sentences):.1f} per sentence: "
          "sentences, voice pieces, clauses toward actors)")
    print(f"  our VADER on them {t_all:.3f} s, reference VADER on them {t_ref_all:.3f} s; "
          f"end-to-end (n_jobs=1) / reference on the same texts: {t_ref_all / t1:.2f}")
    print(f"  parse + our VADER on every scored text = {t_parse + t_all:.3f} s, "
          f"{(t_parse + t_all) / t_ref:.2f} of the reference-alone time before quotes and framing")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
