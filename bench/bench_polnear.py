"""Quote and speaker attribution against PolNeAR (train and dev splits only; never test).

PolNeAR (Newell, Margolin & Ruths 2018, "An attribution relations corpus for political news",
LREC) annotates attribution relations in 2016 US election news as brat standoff: ``Source``,
``Cue`` and ``Content`` spans linked by ``E`` lines.  Some articles have several annotators'
files (``<article>_<annotator>.ann``); we use **one annotator per article** (the first file in
sorted order).

Rules (printed with the table):

* a gold content is **covered** when our attributed spans (direct + indirect quotes, not scare
  quotes) overlap at least 50 % of its characters (discontinuous contents: of all its pieces);
* **speaker accuracy**: among covered contents that have a gold ``Source``, the share where the
  speaker mention of our quote overlapping the content most (``speaker_start:speaker_end``)
  overlaps a gold Source span;
* **cue accuracy**: the same with our cue span against the gold ``Cue`` span;
* contents are split into **with quote marks** (the content text contains a double quotation
  mark: ``"``, ``“``, ``”`` or ``''``) and **without**;
* **direct precision**: the share of our direct quotes that overlap a gold content (any
  character); ``strict`` requires 50 % of our quote's characters inside gold contents;
  **indirect precision** the same for our indirect quotes (paraphrases).

Usage::

    python bench/bench_polnear.py [--root PATH] [--splits train dev] [--limit N]

Reads the data from ``$ANALYSIS_DATASETS/polnear`` or ``../shared/datasets/polnear``.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.document import parse  # noqa: E402

QUOTE_MARK_RE = re.compile("[\"\u201c\u201d]|''")


@dataclass
class GoldRelation:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


def read_ann(path: str) -> list[GoldRelation]:
    """Attribution relations of one brat ``.ann`` file (relations without a Content are skipped)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    rels = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" not in line:
                continue  # continuation of a multi-line span text
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                try:
                    _, offsets = parts[1].split(" ", 1)
                    spans[parts[0]] = [tuple(int(x) for x in seg.split()) for seg in offsets.split(";")]
                except ValueError as exc:
                    raise ValueError(f"{path}: bad span line {line[:60]!r}: {exc}") from None
            elif line.startswith("E") and len(parts) >= 2:
                args = dict(p.split(":", 1) for p in parts[1].split() if ":" in p)
                rels.append(args)
    out = []
    for args in rels:
        content = spans.get(args.get("Content", ""))
        if not content:
            continue
        out.append(GoldRelation(content, spans.get(args.get("Source", ""), []), spans.get(args.get("Cue", ""), [])))
    return out


def load_split(root: Path, split: str, limit: int | None = None):
    """``(name, text, relations)`` per article of a split, one annotator per article."""
    ann_dir = root / "data" / split / "attributions"
    txt_dir = root / "data" / split / "text"
    by_article: dict[str, list[str]] = {}
    for p in sorted(glob.glob(str(ann_dir / "*.ann"))):
        stem = os.path.basename(p)[:-4].rsplit("_", 1)[0]
        by_article.setdefault(stem, []).append(p)
    out = []
    for stem in sorted(by_article):
        tp = txt_dir / f"{stem}.txt"
        if not tp.exists():
            continue
        with open(tp, encoding="utf-8", newline="") as fh:
            text = fh.read()
        out.append((stem, text, read_ann(by_article[stem][0])))
        if limit and len(out) >= limit:
            break
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covered_chars(spans: list[tuple[int, int]], target: list[tuple[int, int]]) -> int:
    """Characters of ``target`` covered by the union of ``spans``."""
    n = 0
    for ts, te in target:
        marks = sorted((max(s, ts), min(e, te)) for s, e in spans if e > ts and s < te)
        cur = ts
        for s, e in marks:
            s = max(s, cur)
            if e > s:
                n += e - s
                cur = e
    return n


def score_document(text: str, relations: list[GoldRelation], quotes) -> dict:
    """Counts for one document (see the module docstring for the rules)."""
    att = [q for q in quotes if q.kind in ("direct", "indirect")]
    att_spans = [(q.start, q.end) for q in att]
    c = {k: 0 for k in ("n_q", "cov_q", "src_q", "spk_q", "cue_q_n", "cue_q", "n_u", "cov_u", "src_u", "spk_u",
                        "cue_u_n", "cue_u", "n_direct", "direct_hit", "direct_strict")}
    gold_union = [s for r in relations for s in r.content]
    for r in relations:
        total = sum(e - s for s, e in r.content)
        if total <= 0:
            continue
        ctext = "".join(text[s:e] for s, e in r.content)
        sfx = "q" if QUOTE_MARK_RE.search(ctext) else "u"
        c["n_" + sfx] += 1
        if _covered_chars(att_spans, r.content) * 2 < total:
            continue
        c["cov_" + sfx] += 1
        best = max(att, key=lambda q: sum(_overlap((q.start, q.end), sp) for sp in r.content))
        if r.source:
            c["src_" + sfx] += 1
            if best.speaker_start is not None and any(_overlap((best.speaker_start, best.speaker_end), sp) > 0 for sp in r.source):
                c["spk_" + sfx] += 1
        if r.cue:
            c[f"cue_{sfx}_n"] += 1
            if best.cue_start is not None and any(_overlap((best.cue_start, best.cue_end), sp) > 0 for sp in r.cue):
                c["cue_" + sfx] += 1
    for q in quotes:
        if q.kind not in ("direct", "indirect"):
            continue
        c["n_" + q.kind] = c.get("n_" + q.kind, 0) + 1
        inside = _covered_chars(gold_union, [(q.start, q.end)])
        if inside > 0:
            c[q.kind + "_hit"] = c.get(q.kind + "_hit", 0) + 1
        if inside * 2 >= q.end - q.start:
            c[q.kind + "_strict"] = c.get(q.kind + "_strict", 0) + 1
    return c


def evaluate(articles) -> dict:
    """Parse every article and return the summed counts plus derived rates and timing."""
    tot: dict[str, int] = {}
    t0 = time.perf_counter()
    n_chars = 0
    for _, text, rels in articles:
        doc = parse(text)
        n_chars += len(text)
        for k, v in score_document(text, rels, doc.quotes).items():
            tot[k] = tot.get(k, 0) + v
    secs = time.perf_counter() - t0

    def rate(a, b):
        return tot.get(a, 0) / tot[b] if tot.get(b) else float("nan")

    return {
        "articles": len(articles), "seconds": secs, "chars": n_chars,
        "quoted_n": tot.get("n_q", 0), "quoted_coverage": rate("cov_q", "n_q"),
        "quoted_speaker_acc": rate("spk_q", "src_q"), "quoted_cue_acc": rate("cue_q", "cue_q_n"),
        "unquoted_n": tot.get("n_u", 0), "unquoted_coverage": rate("cov_u", "n_u"),
        "unquoted_speaker_acc": rate("spk_u", "src_u"), "unquoted_cue_acc": rate("cue_u", "cue_u_n"),
        "all_coverage": (tot.get("cov_q", 0) + tot.get("cov_u", 0)) / max(1, tot.get("n_q", 0) + tot.get("n_u", 0)),
        "direct_n": tot.get("n_direct", 0), "direct_precision": rate("direct_hit", "n_direct"),
        "direct_precision_strict": rate("direct_strict", "n_direct"),
        "indirect_n": tot.get("n_indirect", 0), "indirect_precision": rate("indirect_hit", "n_indirect"),
        "indirect_precision_strict": rate("indirect_strict", "n_indirect"),
    }


def default_root() -> Path | None:
    env = os.environ.get("ANALYSIS_DATASETS")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "datasets"]:
        if (cand / "polnear" / "data").is_dir():
            return cand / "polnear"
    return None


def polnear_arguments(description: str) -> argparse.ArgumentParser:
    """The command line the PolNeAR benches share: ``--root``, ``--splits`` (train, dev; never test), ``--limit``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--root", help="the polnear folder (with data/)")
    ap.add_argument("--splits", nargs="+", default=["train", "dev"], choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=None, help="articles per split (default: all)")
    return ap


def main(argv=None) -> int:
    ap = polnear_arguments(__doc__.split("\n")[0])
    args = ap.parse_args(argv)
    root = Path(args.root) if args.root else default_root()
    if root is None or not (root / "data").is_dir():
        print("PolNeAR not found (set ANALYSIS_DATASETS or pass --root)", file=sys.stderr)
        return 2
    print(__doc__.split("Rules (printed with the table):")[1].split("Usage::")[0].strip())
    print()
    rows = []
    for split in args.splits:
        res = evaluate(load_split(root, split, args.limit))
        rows.append((split, res))
    header = f"{'split':6} {'docs':>5} {'sec':>6} | {'q_n':>5} {'q_cov':>6} {'q_spk':>6} {'q_cue':>6} | " \
             f"{'u_n':>5} {'u_cov':>6} {'u_spk':>6} {'u_cue':>6} | {'all_cov':>7} | {'dir_n':>5} {'dir_P':>6} {'dir_P50':>7} | " \
             f"{'ind_n':>5} {'ind_P':>6} {'ind_P50':>7}"
    print(header)
    print("-" * len(header))
    for split, r in rows:
        print(f"{split:6} {r['articles']:>5} {r['seconds']:>6.1f} | {r['quoted_n']:>5} {r['quoted_coverage']:>6.3f} "
              f"{r['quoted_speaker_acc']:>6.3f} {r['quoted_cue_acc']:>6.3f} | {r['unquoted_n']:>5} "
              f"{r['unquoted_coverage']:>6.3f} {r['unquoted_speaker_acc']:>6.3f} {r['unquoted_cue_acc']:>6.3f} | "
              f"{r['all_coverage']:>7.3f} | {r['direct_n']:>5} {r['direct_precision']:>6.3f} {r['direct_precision_strict']:>7.3f} | "
              f"{r['indirect_n']:>5} {r['indirect_precision']:>6.3f} {r['indirect_precision_strict']:>7.3f}")
    print()
    print("targets: with quote marks coverage >= 0.90, speaker accuracy >= 0.80; without quote marks coverage >= 0.40; "
          "direct precision >= 0.85")
    return 0


if __name__ == "__main__":
    sys.exit(main())
