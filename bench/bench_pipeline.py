"""Throughput of the whole pipeline, per stage, against reference VADER, and parallel speed-up.

Corpus: the AllSides articles in ``../shared/datasets/allsides_article_bias`` (1,300 full news
articles, 29 outlets; the first ``--docs``).  Everything is measured in one run on the same texts,
in CPU time of this process (``time.process_time``), best of ``--repeat`` rounds in which every
measurement runs once in turn (interleaved, so a busy machine slows all of them alike); the
``n_jobs=2`` run and its ``n_jobs=1`` partner are timed on the wall clock instead:

* ``reference VADER, sentences``: ``vaderSentiment`` 3.3.2 ``polarity_scores`` on every sentence our
  parser finds (what a researcher would otherwise run), no parsing cost counted for it;
* ``reference VADER, scored texts``: the reference on every text the pipeline asks VADER for
  (sentences, the voice pieces of mixed-voice sentences, the clauses of sentences that mention an
  actor: the same sentiment work, about 3.2 texts a sentence) -- the yardstick of issue 17
  (target: end to end >= 0.6x of it on one core);
* stages: ``parse`` (paragraphs, sentences, tokens, captions), ``quotes`` (quote and speaker
  detection + voice map), ``framing`` (lexicon hits with voices), ``sentiment`` (our VADER on
  every sentence), ``scoring`` (every scorer on parsed documents: hits, sentence rows, sources,
  balance, targets) and ``end to end`` (``analysis.analyze`` with every table);
* ``n_jobs=2`` against ``n_jobs=1`` end to end (wall clock);
* ``analyze_text`` in a loop, per document: reading ``quotes`` only, and reading every table and
  the summary (tables are built on first access);
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

_TABLES = ("voices", "sentences", "quotes", "hits", "sources", "targets", "summary")


def interleaved(jobs: dict, repeat: int) -> dict:
    """Best time of each job over ``repeat`` rounds, every job once per round.

    ``jobs`` maps a name to ``(fn, clock)``; returns name -> (best seconds, last result).
    """
    best = {name: (float("inf"), None) for name in jobs}
    for _ in range(repeat):
        for name, (fn, clock) in jobs.items():
            t0 = clock()
            out = fn()
            dt = clock() - t0
            best[name] = (min(best[name][0], dt), out)
    return best


def requested_texts(corpus) -> tuple[list[list[str]], int]:
    """Every text the pipeline asks VADER for, per document, and how many it actually scores.

    Recorded from one ``analyze`` run through the per-document memo (``_DocumentScores``): a text
    asked for twice in a document (a repeated sentence, a clause equal to a voice piece) is listed
    twice, as a pipeline without the memo would score it twice.
    """
    from analysis import sentiment as S

    if not hasattr(S, "_DocumentScores"):  # a checkout from before the memo: record what reaches VADER
        return _scored_without_memo(corpus)
    per_doc: list[list[str]] = []
    scored = 0
    original_init, original_scores = S._DocumentScores.__init__, S._DocumentScores.scores

    def init(self, analyzer):
        original_init(self, analyzer)
        per_doc.append([])

    def scores(self, text):
        nonlocal scored
        per_doc[-1].append(text)
        scored += text not in self._scores
        return original_scores(self, text)

    S._DocumentScores.__init__, S._DocumentScores.scores = init, scores
    try:
        analysis.analyze(corpus, progress=False)
    finally:
        S._DocumentScores.__init__, S._DocumentScores.scores = original_init, original_scores
    return per_doc, scored


def _scored_without_memo(corpus) -> tuple[list[list[str]], int]:
    """:func:`requested_texts` for code without the per-document memo (to measure an older checkout)."""
    from analysis.sentiment import _scored_clauses, default_analyzer

    scored: list[str] = []
    analyzer = default_analyzer()
    keep = analyzer.polarity_scores
    _scored_clauses.cache_clear()
    analyzer.polarity_scores = lambda text: (scored.append(text), keep(text))[1]
    try:
        analysis.analyze(corpus, progress=False)
    finally:
        del analyzer.polarity_scores
    return [scored], len(scored)


def allsides_options(argv, description: str, repeat: int = 3):
    """``(args, root)`` from ``--docs/--repeat/--datasets``; ``root`` is None (and said so) without AllSides."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--docs", type=int, default=400, help="number of AllSides articles (default 400)")
    ap.add_argument("--repeat", type=int, default=repeat, help=f"rounds, best time kept (default {repeat})")
    ap.add_argument("--datasets", default=None, help="folder holding the shared data sets")
    args = ap.parse_args(argv)
    root = Path(args.datasets) if args.datasets else default_root()
    if root is None or not (root / "allsides_article_bias").is_dir():
        print("AllSides data not found; nothing to measure (pass --datasets PATH)")
        return args, None
    return args, root


def main(argv=None) -> int:
    args, root = allsides_options(argv, __doc__.splitlines()[0])
    if root is None:
        return 0
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("vaderSentiment not installed; nothing to compare with")
        return 0
    df = read_allsides(root / "allsides_article_bias").head(args.docs)
    df = df[df["text"].str.strip().astype(bool)].reset_index(drop=True)
    corpus = df[["ID", "outlet", "text"]].rename(columns={"ID": "doc_id"})
    texts = corpus["text"].tolist()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    from analysis.framing import hit_rows
    from analysis.pipeline import _document_records, _resources
    from analysis.quotes import find_quotes, voice_spans
    from analysis.sentiment import default_analyzer

    res = _resources()  # load every resource once, outside the timings
    bare = [parse(t, quotes=False) for t in texts]
    full = [parse(t, actors=res.actors, cues=res.cues) for t in texts]
    sentences = [d.text[s:e] for d in bare for s, e in d.sentences]
    ours = default_analyzer()
    ref = SentimentIntensityAnalyzer()
    analysis.analyze(corpus.head(5), progress=False)  # warm caches
    per_doc, n_scored = requested_texts(corpus)
    scored = [t for doc in per_doc for t in doc]

    def run_quotes():
        for d in bare:
            d.quotes = find_quotes(d, actors=res.actors, cues=res.cues)
            d.set_voice_map(voice_spans(d.quotes))

    def read_loop(names):
        def run():
            for t in texts:
                a = analysis.analyze_text(t)
                for name in names:
                    getattr(a, name)
        return run

    cpu = time.process_time
    jobs = {
        "reference VADER, sentences": (lambda: [ref.polarity_scores(s) for s in sentences], cpu),
        "reference VADER, scored texts": (lambda: [ref.polarity_scores(s) for s in scored], cpu),
        "parse": (lambda: [parse(t, quotes=False) for t in texts], cpu),
        "quotes": (run_quotes, cpu),
        "framing": (lambda: [hit_rows(d, res.lexicon) for d in full], cpu),
        "sentiment (ours), sentences": (lambda: [ours.polarity_scores(s) for s in sentences], cpu),
        "scoring (parsed documents)": (lambda: [_document_records(d, res) for d in full], cpu),
        "end to end, n_jobs=1": (lambda: analysis.analyze(corpus, progress=False), cpu),
        "analyze_text, read quotes": (read_loop(("quotes",)), cpu),
        "analyze_text, read all": (read_loop(_TABLES), cpu),
        "wall: end to end, n_jobs=1": (lambda: analysis.analyze(corpus, progress=False, chunksize=8),
                                       time.perf_counter),
        "wall: end to end, n_jobs=2": (lambda: analysis.analyze(corpus, progress=False, n_jobs=2, chunksize=8),
                                       time.perf_counter),
    }
    best = interleaved(jobs, args.repeat)
    t = {name: v[0] for name, v in best.items()}
    t_ref, t_ref_all, t1 = t["reference VADER, sentences"], t["reference VADER, scored texts"], t["end to end, n_jobs=1"]

    print(f"AllSides: {len(texts)} articles, {len(sentences)} sentences, {mb:.2f} MB; "
          f"CPU time, best of {args.repeat} interleaved rounds")
    print(f"{'stage':<32}{'seconds':>9}{'MB/s':>8}{'docs/s':>9}{'vs ref VADER on sentences':>27}")
    for name in ("reference VADER, sentences", "reference VADER, scored texts", "parse", "quotes", "framing",
                 "sentiment (ours), sentences", "scoring (parsed documents)", "end to end, n_jobs=1"):
        print(f"{name:<32}{t[name]:9.3f}{mb / t[name]:8.2f}{len(texts) / t[name]:9.1f}{t_ref / t[name]:26.2f}x")
    print(f"texts the pipeline asks VADER for: {len(scored)} ({len(scored) / len(sentences):.1f} a sentence: "
          f"sentences, voice pieces, clauses toward actors); scored once each per document: {n_scored} "
          f"({1 - n_scored / len(scored):.1%} reused)")
    print(f"end to end (n_jobs=1) vs reference VADER on the texts the pipeline scores: {t_ref_all / t1:.2f}x "
          "(target >= 0.6x)")
    print(f"end to end (n_jobs=1) vs reference VADER on plain sentences: {t_ref / t1:.2f}x (reported, no target)")
    w1, w2 = t["wall: end to end, n_jobs=1"], t["wall: end to end, n_jobs=2"]
    same = best["wall: end to end, n_jobs=1"][1].documents.equals(best["wall: end to end, n_jobs=2"][1].documents)
    print(f"parallel speed-up n_jobs=2 vs n_jobs=1 (wall clock {w1:.2f} s -> {w2:.2f} s): {w1 / w2:.2f}x; "
          f"output identical: {same}")
    print(f"analyze_text in a loop, per document: read quotes only {1000 * t['analyze_text, read quotes'] / len(texts):.2f} ms,"
          f" read every table and the summary {1000 * t['analyze_text, read all'] / len(texts):.2f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
