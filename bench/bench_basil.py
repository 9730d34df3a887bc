"""Our framing rates on BASIL against its lexical-bias annotations, by article and by outlet.

BASIL (Fan et al. 2019, EMNLP-IJCNLP): 100 events, each covered by Fox News, the New York Times and
HuffPost (300 articles), with phrase-level spans of lexical bias (loaded wording) and informational
bias (selective facts).  Each article body goes through ``analysis.analyze``; for every article we
compare our outlet-voice framing rate (``own_framing_rate``: hits in narrator, paraphrase and scare
quotes per 1,000 words in those voices) and the all-voice ``framing_rate`` with the density of
annotated lexical-bias spans (lex spans per 1,000 words): Pearson and Spearman correlation, and
per-outlet means.  Lexical-bias span recall is the share of ``bias == "lex"`` spans overlapped by
at least one of our hits (split by BASIL's ``quote`` flag).  The evaluation lives in
:func:`analysis.validation.basil_framing`; this script prints it.

Run: ``.venv/bin/python bench/bench_basil.py [--datasets PATH] [--limit EVENTS] [--n-jobs N]``
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.datasets import default_root  # noqa: E402
from analysis.validation import basil_framing  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=None, help="folder with the shared data sets")
    ap.add_argument("--limit", type=int, default=None, help="only the first N events (x 3 articles)")
    ap.add_argument("--n-jobs", type=int, default=1, help="worker processes for analysis.analyze (default 1)")
    args = ap.parse_args(argv)
    root = args.datasets or default_root()
    if root is None or not (root / "basil").is_dir():
        print(f"BASIL not found under {root}; nothing to evaluate.")
        return 0
    t0 = time.perf_counter()
    r = basil_framing(root, limit=args.limit, n_jobs=args.n_jobs)
    art = r["articles"]
    print(f"BASIL: {len(art)} articles, {int(art['n_lex_spans'].sum())} lexical-bias spans in bodies, "
          f"{int(art['n_words'].sum()):,} words, {int(art['n_hits'].sum())} framing hits")
    print("correlation with lexical-bias density (lex spans per 1,000 words), per article:")
    for c in r["correlations"].itertuples(index=False):
        print(f"  {c.measure:<17} n={c.n}  Pearson r={c.pearson_r:+.3f} (p={c.pearson_p:.3g})  "
              f"Spearman rho={c.spearman_rho:+.3f} (p={c.spearman_p:.3g})")
    print("per-outlet means:")
    print(f"  {'outlet':<7} {'articles':>8} {'lex density':>12} {'framing_rate':>13} {'own_framing_rate':>17}")
    for o in r["outlets"].itertuples(index=False):
        print(f"  {o.outlet:<7} {o.n_articles:>8} {o.lex_density:>12.3f} {o.framing_rate:>13.3f} "
              f"{o.own_framing_rate:>17.3f}")
    print("lexical-bias span recall (a span is recalled when one of our hits overlaps it):")
    for s in r["recall"].itertuples(index=False):
        print(f"  {s.spans:<14} {s.n_recalled:>4}/{s.n_spans:<4} = {s.recall:.3f}")
    print(f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
