"""Write or check the output tables of two reference corpora, to prove a change keeps outputs identical.

The two corpora are the bundled ``corpus/`` (with ``corpus/actors.csv`` merged into the default
actor table, as the notebooks do) and the first ``--n-allsides`` AllSides articles (Baly et al.
2020, sorted by ``ID``) read from ``$ANALYSIS_DATASETS/allsides_article_bias`` or
``../shared/datasets/allsides_article_bias`` (skipped with a note when absent).

Every document goes through :func:`analysis.analyze_record`; the per-document ``voices``,
``sentences``, ``quotes``, ``hits``, ``sources`` and ``targets`` tables and the ``summary`` are
concatenated with a ``doc_id`` column and pickled, one file per corpus and table.

Usage::

    python bench/compare_outputs.py --write /tmp/before     # before a change
    python bench/compare_outputs.py --check /tmp/before     # after it: exit 1 and a diff on change

``--check`` prints one line per table (``same`` or where the first difference is) and exits
non-zero when any table differs.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import analysis  # noqa: E402
from analysis.actors import ActorTable  # noqa: E402

TABLES = ("voices", "sentences", "quotes", "hits", "sources", "targets")


def _datasets_root() -> Path:
    return analysis.datasets.default_root() or ROOT.parent / "shared" / "datasets"


def corpora(n_allsides: int) -> dict[str, tuple[pd.DataFrame, object]]:
    """The reference corpora by name: (frame with doc_id and text, actor table)."""
    out = {}
    corpus = analysis.load_corpus(ROOT / "corpus")
    actors = ActorTable.default().merge(ActorTable.from_csv(ROOT / "corpus" / "actors.csv"))
    out["corpus"] = (corpus, actors)
    path = _datasets_root() / "allsides_article_bias"
    if path.exists() and n_allsides > 0:
        frame = analysis.datasets.read_allsides(path).sort_values("ID").head(n_allsides)
        frame = frame.assign(doc_id=frame["ID"].astype(str))[["doc_id", "text"]]
        out["allsides"] = (frame.reset_index(drop=True), None)
    else:
        print(f"note: {path} absent; AllSides skipped", file=sys.stderr)
    return out


def tables_of(frame: pd.DataFrame, actors) -> dict[str, pd.DataFrame]:
    """Concatenated per-document tables (plus ``summary``) of every row of ``frame``."""
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    summaries = []
    for rec in frame.to_dict("records"):
        a = analysis.analyze_record(rec, actors=actors)
        for t in TABLES:
            parts[t].append(getattr(a, t).assign(doc_id=rec["doc_id"]))
        summaries.append(a.summary)
    out = {t: pd.concat(p, ignore_index=True) for t, p in parts.items()}
    out["summary"] = pd.DataFrame(summaries).reset_index(drop=True)
    return out


def _first_difference(old: pd.DataFrame, new: pd.DataFrame) -> str:
    if list(old.columns) != list(new.columns):
        return f"columns {list(old.columns)} -> {list(new.columns)}"
    if len(old) != len(new):
        return f"{len(old)} rows -> {len(new)} rows"
    for c in old.columns:
        a, b = old[c], new[c]
        if str(a.dtype) != str(b.dtype):
            return f"column {c}: dtype {a.dtype} -> {b.dtype}"
        differs = ~((a == b) | (a.isna() & b.isna()))
        if differs.any():
            i = int(differs.to_numpy().nonzero()[0][0])
            doc = old["doc_id"].iloc[i] if "doc_id" in old else "?"
            return f"column {c}, row {i} (doc {doc}): {a.iloc[i]!r} -> {b.iloc[i]!r}"
    return "differs (index or metadata)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", metavar="DIR", help="write the tables as pickles into DIR")
    mode.add_argument("--check", metavar="DIR", help="compare against the pickles in DIR")
    ap.add_argument("--n-allsides", type=int, default=300, help="AllSides articles (default 300)")
    args = ap.parse_args(argv)
    folder = Path(args.write or args.check)
    bad = 0
    for name, (frame, actors) in corpora(args.n_allsides).items():
        t0 = time.perf_counter()
        tables = tables_of(frame, actors)
        took = time.perf_counter() - t0
        print(f"{name}: {len(frame)} documents, {took:.1f} s")
        for t, df in tables.items():
            path = folder / f"{name}.{t}.pkl"
            if args.write:
                folder.mkdir(parents=True, exist_ok=True)
                df.to_pickle(path)
                print(f"  {t:<9} {len(df):>7} rows -> {path}")
                continue
            if not path.exists():
                print(f"  {t:<9} missing {path}")
                bad += 1
                continue
            old = pd.read_pickle(path)
            try:
                pd.testing.assert_frame_equal(old, df, check_exact=True)
                print(f"  {t:<9} same ({len(df)} rows)")
            except AssertionError:
                bad += 1
                print(f"  {t:<9} DIFFERS: {_first_difference(old, df)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
