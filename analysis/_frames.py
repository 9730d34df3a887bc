"""Build typed tables from plain row tuples (the scorers' fast path avoids pandas per document)."""
from __future__ import annotations

import hashlib
import json
from typing import Mapping, Sequence

import pandas as pd


def frame_from_rows(rows: Sequence[tuple], columns: Sequence[str], dtypes: Mapping[str, object]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with ``columns``, cast to ``dtypes`` (columns not listed are inferred).

    Nullable integer columns (``"Int64"``) accept ``None`` in the rows; empty input gives an empty
    table with the same columns and types, so stacked corpora and single documents agree.

    Examples
    --------
    >>> df = frame_from_rows([(1, None), (2, 3)], ["a", "b"], {"b": "Int64"})
    >>> df["b"].tolist(), str(df["b"].dtype)
    ([<NA>, 3], 'Int64')
    >>> frame_from_rows([], ["a", "b"], {"b": "Int64"}).dtypes.astype(str).tolist()
    ['object', 'Int64']
    """
    df = pd.DataFrame(list(rows), columns=list(columns)) if len(rows) else pd.DataFrame(
        {c: pd.Series(dtype=object) for c in columns})
    casts = {c: t for c, t in dtypes.items() if c in df.columns}
    for c, t in casts.items():
        if t == "Int64" and df[c].dtype == object:
            df[c] = pd.array([None if v is None or v != v else int(v) for v in df[c]], dtype="Int64")
        elif t is bool:
            df[c] = df[c].astype(bool)
        else:
            df[c] = df[c].astype(t)
    return df


def content_hash(frame: pd.DataFrame) -> str:
    """A short, order-independent hash of a table's cells (12 hex digits), for provenance columns.

    Examples
    --------
    >>> a = pd.DataFrame({"x": ["b", "a"], "y": [1, None]})
    >>> content_hash(a) == content_hash(a.iloc[::-1]), len(content_hash(a))
    (True, 12)
    """
    rows = sorted(["" if v is None or v != v else str(v) for v in r] for r in frame.itertuples(index=False))
    blob = json.dumps({"columns": list(map(str, frame.columns)), "rows": rows}, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]
