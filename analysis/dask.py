"""Run the analysis on a dask DataFrame: the same tables, computed partition by partition.

Nothing here distributes work by itself: dask does.  Point a ``distributed.Client`` at an existing
cluster (or a ``LocalCluster``) and the partitions are analysed on its workers, each worker loading
the lexicon and actor tables once.

>>> import dask.dataframe as dd, pandas as pd
>>> ddf = dd.from_pandas(pd.DataFrame({"doc_id": ["a", "b"], "text": ["The regime fell.", "Calm."]}), npartitions=2)
>>> tables = analyze(ddf)
>>> sorted(tables)
['documents', 'hits', 'quotes', 'sentences', 'sources', 'targets']
>>> tables["documents"].compute(scheduler="sync")[["doc_id", "n_hits"]].values.tolist()
[['a', 1], ['b', 0]]

On a cluster::

    from distributed import Client
    client = Client("tcp://scheduler:8786")
    ddf = dd.read_parquet("s3://bucket/news/*.parquet")
    tables = analysis.dask.analyze(ddf)
    docs, hits = dask.compute(tables["documents"], tables["hits"])   # one pass over the data
    tables["hits"].to_parquet("out/hits/")                            # or write each table
"""
from __future__ import annotations

import pandas as pd

__all__ = ["analyze"]

_TABLES = ("documents", "sentences", "quotes", "hits", "sources", "targets")


def _analyze_partition(part: pd.DataFrame, lexicon, actors, cues) -> dict[str, pd.DataFrame]:
    from .pipeline import analyze as _analyze

    res = _analyze(part, lexicon=lexicon, actors=actors, cues=cues, progress=False)
    return res.tables()


def _meta_tables(meta: pd.DataFrame, lexicon, actors, cues) -> dict[str, pd.DataFrame]:
    row = {c: None for c in meta.columns}
    row.update({"doc_id": "meta", "text": '"The regime fell," Smith said. The talks, officials said, went on in Russia.'})
    sample = _analyze_partition(pd.DataFrame([row]), lexicon, actors, cues)
    return {k: v.iloc[:0] for k, v in sample.items()}


def analyze(ddf, lexicon=None, actors=None, cues=None) -> dict:
    """Analyse a dask DataFrame with a ``text`` column (and ``doc_id``, metadata).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One row per document.  Give it a ``doc_id`` column so ids are unique across partitions.
    lexicon, actors, cues : optional
        As in :func:`analysis.analyze_text` (objects are shipped to the workers once per task).

    Returns
    -------
    dict of str -> dask.dataframe.DataFrame
        ``documents, sentences, quotes, hits, sources, targets``; computing them all together
        (``dask.compute(*tables.values())``) analyses each partition once.  The rows equal those of
        :func:`analysis.analyze` on the same documents, partition order kept.
    """
    import dask
    import dask.dataframe as dd

    if "text" not in ddf.columns:
        raise ValueError(f"dask DataFrame has no 'text' column (columns: {', '.join(map(str, ddf.columns))})")
    if "doc_id" not in ddf.columns:
        raise ValueError("dask DataFrame needs a 'doc_id' column (ids must be unique across partitions)")
    metas = _meta_tables(ddf._meta, lexicon, actors, cues)
    parts = [dask.delayed(_analyze_partition)(p, lexicon, actors, cues) for p in ddf.to_delayed()]
    out = {}
    for name in _TABLES:
        pieces = [dask.delayed(lambda d, n=name: d[n])(p) for p in parts]
        out[name] = dd.from_delayed(pieces, meta=metas[name], verify_meta=False)
    return out
