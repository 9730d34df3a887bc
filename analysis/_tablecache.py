"""A corpus analysis done once per report run, shared by the notebooks that ask for the same one.

:meth:`analysis.report.NotebookContext.analyze` keys an :func:`analysis.analyze` result by
everything that decides it -- the package's own code and data files, the versions of the packages
that shape the tables (vaderSentiment's lexicon among them), the lexicon and actor table
(their content hashes) and the corpus frame (every column, value and dtype) -- and keeps its six
tables as Parquet files under ``<OUTPUT_DIR>/.cache/analyze-<key>/``.  A later notebook of the same
run (or a rerun on an unchanged corpus) reads them back instead of analysing the corpus again.

The cache can only ever return what a fresh run would: an entry is written only after it has been
read back and compared with the tables in memory (a frame Parquet cannot carry exactly is simply not
cached), it is moved into place in one rename, and any key component that cannot be computed (a
metadata column holding lists, say) means no caching.  Parquet files hold data, never code.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: How many analyses stay in a cache folder (the most recently used are kept).
KEEP = 3
_TABLES = ("documents", "sentences", "quotes", "hits", "sources", "targets")
_DONE = "complete"


#: Installed packages whose code or data shape the tables (VADER's lexicon comes from vaderSentiment).
_DEPENDENCIES = ("vaderSentiment", "pandas", "numpy", "pyahocorasick", "pyarrow")


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """SHA-256 over the package's ``.py`` files and shipped data and the versions of the packages that
    shape the tables: any code, data or dependency change is a new key."""
    from importlib import metadata

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _DEPENDENCIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode("utf-8"))
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none\0".encode("utf-8"))
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix in (".py", ".csv", ".yml", ".yaml", ".txt", ".json", ".tsv", ".zip", ".gz")):
        h.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def key(corpus: pd.DataFrame, lexicon, actors) -> str | None:
    """The cache key of ``analyze(corpus, lexicon, actors)``, or ``None`` when it cannot be computed."""
    try:
        rows = pd.util.hash_pandas_object(corpus, index=True).to_numpy().tobytes()
    except (TypeError, ValueError):  # unhashable cells (lists, dicts) in a metadata column
        return None
    h = hashlib.sha256()
    for part in (package_fingerprint(), getattr(lexicon, "hash", "default"), getattr(actors, "hash", "default"),
                 repr([(str(c), str(t)) for c, t in corpus.dtypes.items()])):
        h.update(str(part).encode("utf-8") + b"\0")
    h.update(rows)
    return h.hexdigest()[:24]


def read(folder: Path, k: str):
    """The cached :class:`analysis.pipeline.CorpusAnalysis` of key ``k``, or ``None``."""
    from .pipeline import CorpusAnalysis

    entry = folder / f"analyze-{k}"
    if not (entry / _DONE).is_file():
        return None
    try:
        tables = {name: pd.read_parquet(entry / f"{name}.parquet") for name in _TABLES}
    except Exception:  # noqa: BLE001 - a damaged entry is a miss (and is removed), never an error
        shutil.rmtree(entry, ignore_errors=True)
        return None
    os.utime(entry / _DONE)  # most recently used
    return CorpusAnalysis(**tables)


def write(folder: Path, k: str, result) -> bool:
    """Keep ``result`` under key ``k``; ``False`` (and nothing kept) when Parquet would change it."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for name, table in result.tables().items():
            table.to_parquet(tmp / f"{name}.parquet", index=False)
            pd.testing.assert_frame_equal(pd.read_parquet(tmp / f"{name}.parquet"), table)
        (tmp / _DONE).write_text(k, encoding="utf-8")
        os.replace(tmp, folder / f"analyze-{k}")
    except Exception:  # noqa: BLE001 - not cacheable (or another notebook was first): keep nothing
        shutil.rmtree(tmp, ignore_errors=True)
        return (folder / f"analyze-{k}" / _DONE).is_file()
    _prune(folder)
    return True


def _prune(folder: Path) -> None:
    entries = sorted((p for p in folder.glob("analyze-*") if (p / _DONE).is_file()),
                     key=lambda p: (p / _DONE).stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
