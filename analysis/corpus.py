"""Load a corpus of news articles into a tidy DataFrame.

Two shapes of input are read:

* a **folder** of articles, one per file: ``.md`` files with YAML front matter (``doc_id``,
  ``outlet``, ``date``, ``title``, ``url``, ``language``, ``caption``, ``credit``, ``synthetic`` and any
  extra keys) followed by the body verbatim, or ``.txt`` files holding only the body;
* a **table file**: CSV, TSV, JSONL (``.jsonl``/``.ndjson``) or Parquet with a text column.

Every loader returns one row per article with the columns ``doc_id, outlet, date, title, url, text``
first, then every other metadata column.  Text is kept exactly as stored (after decoding), so offsets
computed later index into it.

Bad input raises :class:`CorpusError` with a one-line message that names the file (and the line or
row).  Documents with no text are kept (with empty ``text``) and listed in a warning, so that no row is
ever lost silently; the analysis marks them ``status='empty'``.

Encodings and odd input (the same rules for every format):

* **UTF-8** is the default; a UTF-8 byte-order mark is removed.  **UTF-16/UTF-32** files with a
  byte-order mark are recognised and decoded.
* Text that is **not valid UTF-8** (e.g. Latin-1 or Windows-1252 archives) is an error naming the
  file, line and byte, with the encoding to pass (``encoding='latin-1'``, or ``'cp1252'`` when the
  byte is one of Windows' curly quotes or dashes; ``--encoding`` on the command line).  Nothing is
  guessed: a wrong guess would silently turn quote marks into other characters.
* **Binary files** (NUL bytes) are an error.
* **HTML pasted as text** is kept verbatim, so offsets still index the text as stored, and the
  documents that look like HTML (three tags or more) are listed in a warning: their tags, attribute
  values and entities are analysed as words and quote marks, so convert them to plain text first.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.md").write_text("---\\ndoc_id: a\\noutlet: Wire\\n---\\nBody text.", encoding="utf-8")
>>> df = load_corpus(d)
>>> df.loc[0, ["doc_id", "outlet", "text"]].tolist()
['a', 'Wire', 'Body text.']
"""
from __future__ import annotations

import codecs
import datetime as _dt
import io
import itertools
import json
import math
import re
import warnings
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import yaml

from ._csv import CSVFormatError, csv_records

__all__ = ["CorpusError", "load_corpus", "iter_corpus", "read_article", "check_encoding", "looks_like_html",
           "BASE_COLUMNS"]

#: Columns every corpus frame starts with.
BASE_COLUMNS = ["doc_id", "outlet", "date", "title", "url", "text"]
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq"}
ARTICLE_SUFFIXES = {".md", ".txt"}


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file (and line or row)."""


# ---------------------------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------------------------


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY = "this looks like a binary file, not text (UTF-16 text without a byte-order mark needs encoding='utf-16')"


def check_encoding(encoding: str | None) -> None:
    """Raise :class:`CorpusError` unless ``encoding`` is ``None`` or a codec Python knows.

    Examples
    --------
    >>> check_encoding("latin-1")
    >>> check_encoding("latin-9x")
    Traceback (most recent call last):
    ...
    analysis.corpus.CorpusError: unknown encoding 'latin-9x' (use a Python codec name such as 'latin-1', 'cp1252' or 'utf-16')
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CorpusError(f"unknown encoding {encoding!r} (use a Python codec name such as 'latin-1', "
                              "'cp1252' or 'utf-16')") from None


def _not_utf8(where: str, line: int, byte: int, offset: int) -> str:
    # bytes 0x80-0x9f are curly quotes and dashes in Windows-1252 but control characters in Latin-1
    codec = "cp1252" if 0x80 <= byte <= 0x9F else "latin-1"
    return (f"{where}: line {line}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); re-save it as UTF-8, "
            f"or pass encoding='{codec}' (command line: --encoding {codec}) if that is its encoding")


def _codec_of(head: bytes, where: str, encoding: str | None) -> str:
    """The codec to read a file whose first bytes are ``head``: forced, announced by a BOM, or UTF-8."""
    if encoding:
        return encoding
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    if b"\x00" in head:
        raise CorpusError(f"{where}: contains NUL bytes; {_BINARY}")
    return "utf-8"


def decode_bytes(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode ``data`` as UTF-8 (a BOM is removed), or UTF-16/32 when a BOM says so.

    ``encoding`` forces a codec (e.g. ``"latin-1"`` for old archives).  Anything else that is not
    valid UTF-8 raises :class:`CorpusError` naming the line and byte, instead of guessing; so do
    binary files (NUL bytes).

    Examples
    --------
    >>> decode_bytes("caf\\u00e9".encode("utf-16"), "x.txt")
    'café'
    >>> decode_bytes(b"caf\\xe9", "x.txt")
    Traceback (most recent call last):
    ...
    analysis.corpus.CorpusError: x.txt: line 1: not valid UTF-8 (byte 0xe9 at offset 3); re-save it as UTF-8, or pass encoding='latin-1' (command line: --encoding latin-1) if that is its encoding
    """
    check_encoding(encoding)
    codec = _codec_of(data, where, encoding)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        if codec == "utf-8":
            line = data.count(b"\n", 0, exc.start) + 1
            raise CorpusError(_not_utf8(where, line, data[exc.start], exc.start)) from None
        raise CorpusError(f"{where}: not valid {codec} text ({exc.reason} at byte {exc.start})") from None
    if "\x00" in text:
        raise CorpusError(f"{where}: contains NUL characters; {_BINARY}")
    return text


def _numbered_lines(path: Path, encoding: str | None) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a text file read lazily; lines end at ``\\n`` only.

    UTF-8 is decoded line by line so that an error names the exact line; other codecs (forced, or
    announced by a BOM) are read through a text stream.
    """
    where = str(path)
    with open(path, "rb") as fh:
        codec = _codec_of(fh.read(1 << 16), where, encoding)
    if codec not in ("utf-8", "utf-8-sig"):
        with open(path, encoding=codec, newline="\n") as fh:
            i = 0
            try:
                for i, line in enumerate(fh, 1):
                    yield i, line
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{where}: line {i + 1}: not valid {codec} text ({exc.reason})") from None
        return
    offset = 0
    with open(path, "rb") as fh:
        for i, raw in enumerate(fh, 1):
            if i == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, offset = raw[len(codecs.BOM_UTF8):], len(codecs.BOM_UTF8)
            try:
                yield i, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise CorpusError(_not_utf8(where, i, raw[exc.start], offset + exc.start)) from None
            offset += len(raw)


def _json_object(line: str, where: str, i: int) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{where}: line {i}: invalid JSON: {exc.msg}") from None
    if not isinstance(obj, dict):
        raise CorpusError(f"{where}: line {i}: each line must be a JSON object")
    return obj


def _csv_problem(lines: Iterable[str], sep: str, where: str, exc: Exception) -> CorpusError:
    """The error for a CSV pandas could not parse, naming the line where the bad record starts."""
    try:
        for _ in csv_records(lines, delimiter=sep):
            pass
    except CSVFormatError as err:
        return CorpusError(f"{where}: line {err.line}: {err.reason}")
    return CorpusError(f"{where}: cannot read table: {_first_line(exc)}")


_HTML_TAG_RE = re.compile(
    r"<(?:!doctype\s+html|/?(?:html|head|body|div|p|span|a|br|hr|img|script|style|table|tr|td|th|ul|ol|li"
    r"|h[1-6]|strong|em|b|i|u|figure|figcaption|article|section|header|footer|nav|iframe|blockquote)\b[^<>]{0,1000}?/?)>",
    re.IGNORECASE,
)


def looks_like_html(text: str, min_tags: int = 3) -> bool:
    """Whether ``text`` holds at least ``min_tags`` HTML tags (``<p>``, ``</div>``, ``<a href=...>``, ...).

    Examples
    --------
    >>> looks_like_html('<p>The <a href="x">regime</a> fell.</p>')
    True
    >>> looks_like_html("Growth was <3% while x > y.")
    False
    """
    if "<" not in text:
        return False
    return sum(1 for _ in itertools.islice(_HTML_TAG_RE.finditer(text), min_tags)) >= min_tags


def _clean_value(v):
    """Normalise a metadata value: dates to ISO strings, NaN/'' to None."""
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, str) and not v.strip():
        return None
    return v


# ---------------------------------------------------------------------------------------------
# One article file
# ---------------------------------------------------------------------------------------------


def _split_front_matter(raw: str, where: str) -> tuple[dict, str]:
    if not raw.startswith("---"):
        return {}, raw
    first_nl = raw.find("\n")
    if first_nl == -1 or raw[:first_nl].strip() != "---":
        return {}, raw
    # find the closing '---' line
    pos = first_nl + 1
    close = -1
    while pos <= len(raw):
        nl = raw.find("\n", pos)
        line = raw[pos : (len(raw) if nl == -1 else nl)]
        if line.rstrip("\r") in ("---", "..."):
            close = pos
            body_start = len(raw) if nl == -1 else nl + 1
            break
        if nl == -1:
            break
        pos = nl + 1
    if close == -1:
        raise CorpusError(f"{where}: line 1: front matter opened with '---' is never closed")
    header = raw[first_nl + 1 : close]
    try:
        meta = yaml.safe_load(header)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        n_header_lines = max(1, header.count("\n") + (0 if header.endswith("\n") else 1))
        line = min(mark.line, n_header_lines - 1) + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CorpusError(f"{where}: line {line}: malformed YAML front matter: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError(f"{where}: line 2: front matter must be a mapping of key: value lines")
    return meta, raw[body_start:]


def read_article(path: str | Path, encoding: str | None = None) -> dict:
    """Read one ``.md``/``.txt`` article into a dict of metadata plus ``text``.

    ``doc_id`` defaults to the file stem.  A ``.md`` file without front matter is read as a plain
    body with a warning.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.md"
    >>> _ = p.write_text("---\\ntitle: Hi\\ndate: 2022-03-31\\n---\\nBody.", encoding="utf-8")
    >>> a = read_article(p)
    >>> a["doc_id"], a["date"], a["text"]
    ('x', '2022-03-31', 'Body.')
    """
    path = Path(path)
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{where}: cannot read: {exc.strerror}") from None
    raw = decode_bytes(data, where, encoding)
    meta: dict = {}
    body = raw
    if path.suffix.lower() == ".md":
        meta, body = _split_front_matter(raw, where)
        if not meta and not raw.startswith("---"):
            warnings.warn(f"{where}: no front matter; using the file name as doc_id", stacklevel=2)
    meta = {str(k): _clean_value(v) for k, v in meta.items()}
    if "text" in meta:
        raise CorpusError(f"{where}: front matter must not have a 'text' key (the body is the text)")
    meta.setdefault("doc_id", path.stem)
    if meta["doc_id"] is None:
        meta["doc_id"] = path.stem
    meta["doc_id"] = str(meta["doc_id"])
    meta["text"] = body
    meta["source_path"] = where
    return meta


# ---------------------------------------------------------------------------------------------
# Whole corpora
# ---------------------------------------------------------------------------------------------


def _finish(rows: list[dict] | pd.DataFrame, where: str, id_hint: str = "row") -> pd.DataFrame:
    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    for col in BASE_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[BASE_COLUMNS + [c for c in df.columns if c not in BASE_COLUMNS]].copy()
    df["doc_id"] = df["doc_id"].astype(str)
    dup = df["doc_id"][df["doc_id"].duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        idx = [int(i) for i in df.index[df["doc_id"] == first]]
        label = ", ".join(_locate(df, i, id_hint) for i in idx[:3])
        raise CorpusError(f"{where}: duplicate doc_id {first!r} ({label})")
    empty = df["text"].isna() | (df["text"].astype(str).str.strip() == "")
    if empty.any():
        names = [_locate(df, i, id_hint) for i in df.index[empty]]
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        warnings.warn(f"{where}: {len(names)} document(s) with no text kept with status 'empty': {shown}", stacklevel=3)
    df["text"] = df["text"].where(~df["text"].isna(), "").astype(str)
    html = [_locate(df, i, id_hint) for i, text in zip(df.index, df["text"]) if looks_like_html(text)]
    if html:
        shown = ", ".join(html[:10]) + (f" and {len(html) - 10} more" if len(html) > 10 else "")
        warnings.warn(f"{where}: {len(html)} document(s) look like HTML, analysed as stored (tags and entities "
                      f"included): {shown}; convert them to plain text first", stacklevel=3)
    return df.reset_index(drop=True)


def _locate(df: pd.DataFrame, i: int, id_hint: str) -> str:
    if "source_path" in df.columns and isinstance(df.at[i, "source_path"], str):
        return df.at[i, "source_path"]
    return f"{id_hint} {i + 2 if id_hint == 'line' else i + 1}"


def _read_table(path: Path, text_col: str, id_col: str, encoding: str | None, **kw) -> pd.DataFrame:
    where = str(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        df = pd.DataFrame([_json_object(line, where, i) for i, line in _numbered_lines(path, encoding) if line.strip()])
    elif suffix in (".parquet", ".pq"):
        try:
            df = pd.read_parquet(path)
        except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            raise CorpusError(f"{where}: cannot read Parquet: {_first_line(exc)}") from None
    else:
        text = decode_bytes(path.read_bytes(), where, encoding)
        sep = "\t" if suffix == ".tsv" else kw.get("sep", ",")
        try:
            df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""])
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise _csv_problem(io.StringIO(text, newline=""), sep, where, exc) from None
    return _normalise_table(df, where, text_col, id_col)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _normalise_table(df: pd.DataFrame, where: str, text_col: str, id_col: str, offset: int = 0) -> pd.DataFrame:
    if text_col not in df.columns:
        cols = ", ".join(map(str, df.columns[:12]))
        raise CorpusError(f"{where}: no text column {text_col!r} (columns: {cols}); pass text_col=")
    if id_col != "doc_id" and id_col not in df.columns:
        cols = ", ".join(map(str, df.columns[:12]))
        raise CorpusError(f"{where}: no id column {id_col!r} (columns: {cols}); pass id_col=")
    df = df.rename(columns={text_col: "text"})
    if id_col != "doc_id":
        if "doc_id" in df.columns:
            df = df.drop(columns=["doc_id"])
        df = df.rename(columns={id_col: "doc_id"})
    elif "doc_id" not in df.columns:
        df["doc_id"] = [f"doc{offset + i:06d}" for i in range(len(df))]
    df = df.astype(object).where(df.notna(), None)
    for col in df.columns:
        if col != "text":
            df[col] = [_clean_value(v) for v in df[col]]
    return df


def load_corpus(
    path: str | Path,
    *,
    text_col: str = "text",
    id_col: str = "doc_id",
    encoding: str | None = None,
    pattern: str | None = None,
) -> pd.DataFrame:
    """Load a corpus folder or table file into a DataFrame.

    Parameters
    ----------
    path : str or Path
        A folder of ``.md``/``.txt`` articles (``README.md`` is skipped), or a ``.csv``, ``.tsv``,
        ``.jsonl``/``.ndjson`` or ``.parquet`` file.
    text_col, id_col : str
        Names of the text and identifier columns in a table file (renamed to ``text``/``doc_id``).
        Rows without an identifier get ``doc000000``, ``doc000001``, ...
    encoding : str, optional
        Force a text encoding such as ``"latin-1"`` or ``"cp1252"`` (default: UTF-8, or UTF-16/32
        when the file starts with a byte-order mark).  See the module notes on encodings.
    pattern : str, optional
        Glob for a folder (default: every ``*.md`` and ``*.txt``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, date, title, url, text`` then every other metadata column
        (``source_path`` for folder input).

    Raises
    ------
    CorpusError
        Unreadable, binary or non-UTF-8 files (without ``encoding``), an unknown encoding,
        malformed front matter, CSV or JSON, a table without the text column (or without the
        ``id_col`` asked for), duplicate ``doc_id`` values.

    Warns
    -----
    UserWarning
        Documents with empty or missing text (kept, and analysed as ``status='empty'``) and
        documents that look like HTML (kept verbatim; convert them to plain text first).
    """
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such file or folder")
    check_encoding(encoding)
    if p.is_dir():
        if pattern:
            files = sorted(f for f in p.glob(pattern) if f.is_file())
        else:
            files = sorted(
                f for f in p.iterdir()
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and f.name.lower() != "readme.md"
                and not f.name.startswith(".")
            )
        if not files:
            raise CorpusError(f"{p}: no .md or .txt articles found")
        return _finish([read_article(f, encoding) for f in files], str(p))
    suffix = p.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return _finish([read_article(p, encoding)], str(p))
    if suffix in TABLE_SUFFIXES:
        return _finish(_read_table(p, text_col, id_col, encoding), str(p), "line" if suffix in (".csv", ".tsv") else "row")
    raise CorpusError(f"{p}: unsupported file type {suffix!r} (use a folder, .csv, .tsv, .jsonl or .parquet)")


def iter_corpus(
    path: str | Path,
    *,
    chunksize: int = 500,
    text_col: str = "text",
    id_col: str = "doc_id",
    encoding: str | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield the corpus in chunks of at most ``chunksize`` documents, with bounded memory.

    CSV/TSV and JSONL are streamed line by line, Parquet by row groups, folders file by file; every
    chunk has the columns of :func:`load_corpus`.  Duplicate ``doc_id`` values are checked across
    chunks (the set of ids seen is kept, a few bytes per document).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> _ = f.write_text('{"doc_id": "a", "text": "One."}\\n{"doc_id": "b", "text": "Two."}\\n')
    >>> [len(c) for c in iter_corpus(f, chunksize=1)]
    [1, 1]
    """
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such file or folder")
    check_encoding(encoding)
    seen: set[str] = set()
    offset = 0
    for chunk, hint in _raw_chunks(p, chunksize, text_col, id_col, encoding):
        if "doc_id" not in chunk.columns or chunk["doc_id"].isna().all():
            chunk["doc_id"] = [f"doc{offset + i:06d}" for i in range(len(chunk))]
        df = _finish(chunk, str(p), hint)
        dups = seen.intersection(df["doc_id"])
        if dups:
            raise CorpusError(f"{p}: duplicate doc_id {sorted(dups)[0]!r} (seen in an earlier chunk)")
        seen.update(df["doc_id"])
        offset += len(df)
        yield df


def _raw_chunks(p: Path, chunksize: int, text_col: str, id_col: str, encoding: str | None):
    where = str(p)
    if p.is_dir():
        full = load_corpus(p, encoding=encoding)
        for i in range(0, len(full), chunksize):
            yield full.iloc[i : i + chunksize].reset_index(drop=True), "row"
        return
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        rows: list[dict] = []
        start = 0
        for i, line in _numbered_lines(p, encoding):
            if not line.strip():
                continue
            rows.append(_json_object(line, where, i))
            if len(rows) >= chunksize:
                yield _normalise_table(pd.DataFrame(rows), where, text_col, id_col, start), "row"
                start += len(rows)
                rows = []
        if rows:
            yield _normalise_table(pd.DataFrame(rows), where, text_col, id_col, start), "row"
    elif suffix in (".csv", ".tsv"):
        sep = "\t" if suffix == ".tsv" else ","
        with open(p, "rb") as fh:
            codec = _codec_of(fh.read(1 << 16), where, encoding)
        start = 0
        try:
            with pd.read_csv(p, sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                             chunksize=chunksize, encoding=codec) as reader:
                for chunk in reader:
                    yield _normalise_table(chunk, where, text_col, id_col, start), "line"
                    start += len(chunk)
        except UnicodeDecodeError as exc:
            for _ in _numbered_lines(p, encoding):  # raises naming the line of the first bad byte
                pass
            raise CorpusError(f"{where}: not valid {codec} text ({exc.reason})") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            with open(p, encoding=codec, newline="") as fh:
                raise _csv_problem(fh, sep, where, exc) from None
    elif suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        start = 0
        try:
            for batch in pq.ParquetFile(p).iter_batches(batch_size=chunksize):
                chunk = batch.to_pandas()
                yield _normalise_table(chunk, where, text_col, id_col, start), "row"
                start += len(chunk)
        except CorpusError:
            raise
        except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            raise CorpusError(f"{where}: cannot read Parquet: {_first_line(exc)}") from None
    elif suffix in ARTICLE_SUFFIXES:
        yield pd.DataFrame([read_article(p, encoding)]), "row"
    else:
        raise CorpusError(f"{p}: unsupported file type {suffix!r} (use a folder, .csv, .tsv, .jsonl or .parquet)")
