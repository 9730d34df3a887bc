"""Time per KB as one document grows: is every stage linear in document length? (issues 17 and 20)

Real news (the AllSides articles, sorted by ``ID``) is concatenated, paragraphs kept, into one
document of each size (default 10 KB, 100 KB, 1 MB, 3 MB), and each stage is timed on it:

* ``parse``: paragraphs, sentences, tokens, captions (``analysis.document.parse(quotes=False)``);
* ``quotes``: quote, cue and speaker detection and the voice map;
* ``framing``: lexicon hits with their voices;
* ``analyze``: the whole ``analysis.analyze_text`` (every table: sentences and their sentiment,
  quotes, hits, sources, targets);
* ``highlight``: ``analysis.highlight.highlight`` of the analysed document.

It prints microseconds per KB for each stage and size, and the ratio of the largest size's per-KB
cost to 100 KB's (1.00 = perfectly linear; issue 17 asks for <= 1.15 at 3 MB).  The 100 KB
document holds other articles than the largest one, so the largest text is also timed cut into
documents of about 100 KB: the ratio to that compares the same words, long against short.  Times are the
best of ``--repeat`` runs (CPU time of this process; more runs for sizes under 1 MB).

Run: ``.venv/bin/python bench/bench_scaling.py [--sizes 10 100 1000 3000] [--repeat 2] [--allsides DIR] [--no-gc]``
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis  # noqa: E402
from analysis.datasets import read_allsides  # noqa: E402
from analysis.document import parse  # noqa: E402


def news_of_size(texts: list[str], kb: int) -> str:
    """Whole articles joined by blank lines until ``kb`` KB, the last one cut at a paragraph end."""
    want = kb * 1024
    parts, size, i = [], 0, 0
    while size < want:
        t = texts[i % len(texts)].strip()
        i += 1
        parts.append(t)
        size += len(t) + 2
    text = "\n\n".join(parts)[:want]
    cut = text.rfind("\n")
    return text[:cut] if cut > want // 2 else text


def cpu_seconds(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def stages(text: str, res) -> dict[str, object]:
    from analysis.framing import hit_rows
    from analysis.highlight import highlight
    from analysis.quotes import find_quotes, voice_spans

    doc = parse(text, quotes=False)

    def run_quotes():
        doc.quotes = find_quotes(doc, actors=res.actors, cues=res.cues)
        doc.set_voice_map(voice_spans(doc.quotes))

    analysed = {}

    def run_analyze():
        analysed["a"] = analysis.analyze_text(text)

    return {
        "parse": lambda: parse(text, quotes=False),
        "quotes": run_quotes,
        "framing": lambda: hit_rows(doc, res.lexicon),
        "analyze": run_analyze,
        "highlight": lambda: highlight(analysed["a"]),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 3000], help="sizes in KB")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--allsides", default=None, help="the allsides_article_bias folder (default: "
                    "$ANALYSIS_DATASETS/allsides_article_bias)")
    ap.add_argument("--no-gc", action="store_true", help="switch Python's cyclic garbage collector off, "
                    "to separate its cost (which grows with the heap) from the stages' own")
    args = ap.parse_args(argv)
    if args.no_gc:
        gc.disable()
    try:
        frame = read_allsides(args.allsides).sort_values("ID")
    except FileNotFoundError as exc:
        print(f"AllSides articles not found ({exc}); nothing measured")
        return 0
    texts = [t for t in frame["text"] if isinstance(t, str) and t.strip()]
    from analysis.pipeline import _resources

    res = _resources()
    analysis.analyze_text(texts[0])  # warm caches
    names = ["parse", "quotes", "framing", "analyze", "highlight"]
    table: dict[int, dict[str, float]] = {}
    print(f"{'size':>8} {'chars':>10} " + "".join(f"{n:>11}" for n in names) + "   (µs per KB, CPU time, best of "
          f"{args.repeat}+ runs)")
    for kb in args.sizes:
        text = news_of_size(texts, kb)
        fns = stages(text, res)
        row = {}
        for n in names:
            repeat = args.repeat * max(1, round(1000 / kb) // 2)  # small sizes: more runs against noise
            row[n] = min(cpu_seconds(fns[n]) for _ in range(min(repeat, 20))) / (len(text) / 1024) * 1e6
        table[kb] = row
        print(f"{kb:>6}KB {len(text):>10,} " + "".join(f"{row[n]:>11,.0f}" for n in names), flush=True)
    if 100 in table and len(table) > 1:
        top = max(table)
        print(f"\nper-KB cost at {top} KB / at 100 KB: " +
              ", ".join(f"{n} {table[top][n] / table[100][n]:.2f}" for n in names))
        # the 100 KB document holds other articles than the big one, and articles differ in how many
        # quotes, names and lexicon terms they hold per KB; the same text cut into 100 KB documents
        # separates the cost of length from the cost of content
        text = news_of_size(texts, top)
        pieces = cut_at_paragraphs(text, 100 * 1024)
        same = {n: 0.0 for n in names}
        for piece in pieces:
            fns = stages(piece, res)
            for n in names:
                same[n] += min(cpu_seconds(fns[n]) for _ in range(args.repeat))
        same = {n: t / (len(text) / 1024) * 1e6 for n, t in same.items()}
        print(f"{'':>8} {'':>10} " + "".join(f"{same[n]:>11,.0f}" for n in names) +
              f"   (the {top} KB text as {len(pieces)} documents of about 100 KB)")
        print(f"per-KB cost at {top} KB / the same text as 100 KB documents: " +
              ", ".join(f"{n} {table[top][n] / same[n]:.2f}" for n in names))
    return 0


def cut_at_paragraphs(text: str, size: int) -> list[str]:
    """``text`` in consecutive pieces of about ``size`` characters, each cut at a line end.

    >>> cut_at_paragraphs("aa\nbb\ncc", 4)
    ['aa\nbb', '\ncc']
    """
    pieces, i = [], 0
    while i < len(text):
        j = text.find("\n", i + size)
        j = len(text) if j < 0 else j
        pieces.append(text[i:j])
        i = j
    return pieces


if __name__ == "__main__":
    sys.exit(main())
