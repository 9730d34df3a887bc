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
row); with ``on_error="skip"`` a malformed record (an unclosed quote, a wrong number of fields, a
line that is not JSON, a duplicate id, an unreadable article) is left out instead, named in a warning
and listed in ``df.attrs["rejected"]``.  Documents with no text are kept (with empty ``text``) and
listed in a warning, so that no row is ever lost silently; the analysis marks them
``status='empty'``.  Texts that cannot be used (a lone surrogate, bytes that are not UTF-8, a list or
a dict) are kept with the reason in ``load_error`` and analysed as ``status='error: <reason>'``.  Ids
are ``str``; a record without one gets :func:`generated_id` of its position.

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
import csv
import datetime as _dt
import itertools
import json
import math
import re
import warnings
from pathlib import Path
from typing import Iterator

import pandas as pd
import yaml


__all__ = ["CorpusError", "load_corpus", "iter_corpus", "read_article", "check_encoding", "looks_like_html",
           "coerce_text", "generated_id", "BASE_COLUMNS", "ON_ERROR", "REJECTED_COLUMNS"]

#: Columns every corpus frame starts with.
BASE_COLUMNS = ["doc_id", "outlet", "date", "title", "url", "text"]
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq"}
ARTICLE_SUFFIXES = {".md", ".markdown", ".txt"}
#: Files in a corpus folder taken to be companion resources (such as ``corpus/actors.csv``): skipped
#: without a note.  Sub-folders and any other file (``.html``, ``.docx``, ...) are named in a warning.
COMPANION_SUFFIXES = {".csv", ".tsv", ".json", ".yaml", ".yml", ".cff", ".bib"}


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


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases: ``*name`` could expand a few hundred bytes into gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter; "
                                              "write the value out", event.start_mark)
        return super().compose_node(parent, index)


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
        meta = yaml.load(header, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader without aliases
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
    if path.suffix.lower() in (".md", ".markdown"):
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


# ---------------------------------------------------------------------------------------------
# Rows: ids, texts, rejected records
# ---------------------------------------------------------------------------------------------

#: What ``on_error`` accepts: ``"stop"`` (a malformed record is an error) or ``"skip"`` (it is left
#: out, listed in the ``rejected`` rows and in a warning).
ON_ERROR = ("stop", "skip")
#: Columns of the table of rejected records (``--on-error skip``).
REJECTED_COLUMNS = ["file", "line", "reason"]


def generated_id(n: int) -> str:
    """The ``doc_id`` given to the record at 0-based position ``n`` of its file when it has none.

    Examples
    --------
    >>> generated_id(0), generated_id(41)
    ('doc000000', 'doc000041')
    """
    return f"doc{n:06d}"


def _has_surrogate(s: str) -> int:
    """Offset of the first lone surrogate in ``s``, or -1."""
    try:
        s.encode("utf-8")
        return -1
    except UnicodeEncodeError as exc:
        return exc.start


def coerce_text(value) -> tuple[str | None, str | None]:
    """``(text, problem)`` for a value of a text column: a usable ``str`` (or ``None`` when missing), or why not.

    ``bytes`` are decoded as UTF-8; a lone surrogate (a broken ``\\ud83d`` JSON escape), bytes that are
    not UTF-8 and values that are not text (lists, dicts, numbers) give ``(None, problem)``: the
    document is kept with ``status = "error: <problem>"`` instead of being stringified or ending the run.

    Examples
    --------
    >>> coerce_text("fine"), coerce_text(None), coerce_text(b"caf\\xc3\\xa9")
    (('fine', None), (None, None), ('café', None))
    >>> coerce_text(["a", "b"])
    (None, 'text is a list, not a string')
    >>> coerce_text("lone \\ud83d here")
    (None, 'text has a lone surrogate U+D83D at offset 5 (a broken \\\\u escape?)')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, None
    if isinstance(value, str):
        at = _has_surrogate(value)
        if at >= 0:
            return None, f"text has a lone surrogate U+{ord(value[at]):04X} at offset {at} (a broken \\u escape?)"
        return value, None
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        try:
            return data.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            return None, f"text is bytes that are not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    try:
        if pd.isna(value):
            return None, None
    except (TypeError, ValueError):
        pass
    return None, f"text is a {type(value).__name__}, not a string"


def _clean_meta(v):
    v = _clean_value(v)
    if isinstance(v, str) and _has_surrogate(v) >= 0:  # kept readable: '\ud83d' becomes the six characters \ud83d
        return v.encode("utf-8", "backslashreplace").decode("utf-8")
    return v


def _missing_id(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _id_str(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(_clean_meta(v) if isinstance(v, str) else v)


class _Rows:
    """Reads the records of one file as dicts, keeping count of what was read and rejected."""

    def __init__(self, where: str, text_col: str, id_col: str, on_error: str):
        if on_error not in ON_ERROR:
            raise CorpusError(f"on_error must be 'stop' or 'skip', got {on_error!r}")
        self.where, self.text_col, self.id_col, self.on_error = where, text_col, id_col, on_error
        self.n = 0            # records seen (accepted or rejected): the generated-id counter
        self.rejected: list[dict] = []
        self.seen: dict[str, str] = {}  # doc_id -> where it was first seen

    def reject(self, loc: str | None, line: int | None, reason: str) -> None:
        """A record that cannot be read: an error (``stop``) or a row of :attr:`rejected` (``skip``)."""
        self.n += 1
        if self.on_error == "stop":
            raise CorpusError(f"{self.where}: {loc}: {reason}" if loc else f"{self.where}: {reason}")
        self.rejected.append({"file": self.where, "line": line, "reason": reason})

    def record(self, obj: dict, loc: str, line: int | None) -> dict | None:
        """The corpus row of a raw record (text and id renamed and checked), or ``None`` if rejected."""
        n = self.n
        row = {}
        for k, v in obj.items():
            k = str(k)
            if k == self.text_col:
                text, problem = coerce_text(v)
                row["text"] = text
                if problem:
                    row["load_error"] = problem
            elif k == self.id_col:
                row["doc_id"] = v
            elif k in ("text", "doc_id", "load_error", "_loc"):
                continue  # replaced by the text/id columns asked for
            else:
                row[k] = _clean_meta(v)
        doc_id = row.get("doc_id")
        doc_id = generated_id(n) if _missing_id(doc_id) else _id_str(doc_id)
        first = self.seen.get(doc_id)
        if first is not None:
            self.reject(None, line, f"duplicate doc_id {doc_id!r} ({first}, {loc})")
            return None
        self.n += 1
        self.seen[doc_id] = loc
        row["doc_id"] = doc_id
        row["_loc"] = loc
        return row


def _rejected_note(rows: _Rows) -> None:
    if rows.rejected:
        shown = ", ".join(f"line {r['line']}" if r["line"] else r["file"] for r in rows.rejected[:10])
        more = f" and {len(rows.rejected) - 10} more" if len(rows.rejected) > 10 else ""
        warnings.warn(f"{rows.where}: {len(rows.rejected)} record(s) rejected (on_error='skip'): {shown}{more}; "
                      f"first reason: {rows.rejected[0]['reason']}", stacklevel=3)


def _finish(rows: list[dict], where: str, table: bool = True) -> pd.DataFrame:
    """The corpus frame of checked rows: base columns first, notes on empty, broken and HTML documents."""
    locs = [r.pop("_loc", None) or f"row {i + 1}" for i, r in enumerate(rows)]
    df = pd.DataFrame(rows) if rows else pd.DataFrame(columns=BASE_COLUMNS)
    for col in BASE_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[BASE_COLUMNS + [c for c in df.columns if c not in BASE_COLUMNS]]
    if table:  # cells as read (str or None); articles keep the types of their front matter
        df = df.astype(object).where(df.notna(), None)
    df["doc_id"] = df["doc_id"].astype(str)

    def note(mask, what: str) -> None:
        names = [loc for loc, m in zip(locs, mask) if m]
        if names:
            shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
            warnings.warn(f"{where}: {len(names)} document(s) {what}: {shown}" + (
                "; convert them to plain text first" if "HTML" in what else ""), stacklevel=4)

    broken = df["load_error"].notna().tolist() if "load_error" in df.columns else [False] * len(df)
    texts = df["text"].tolist()
    note([t is None and not b or (isinstance(t, str) and not t.strip()) for t, b in zip(texts, broken)],
         "with no text kept with status 'empty'")
    note(broken, "whose text cannot be analysed kept with status 'error: ...'")
    df["text"] = ["" if t is None else t for t in texts]
    note([looks_like_html(t) for t in df["text"]], "look like HTML, analysed as stored (tags and entities included)")
    return df.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Table files record by record
# ---------------------------------------------------------------------------------------------


def _id_shape(s: str) -> str:
    """Letters -> 'a', digits -> '9', runs collapsed: 'a12' and 'b7' share the shape 'a9'."""
    out = []
    for ch in s:
        c = "a" if ch.isalpha() else "9" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _csv_rows(p: Path, rows: _Rows, sep: str, encoding: str | None) -> Iterator[dict]:
    """Records of a CSV/TSV file, strictly parsed, each with the line it starts on.

    Besides unclosed quotes, stray quotes and wrong field counts, a quoted field running over lines
    that look like records of their own (the id column holds a value shaped like the ids seen so
    far, e.g. ``a3`` after ``a1``, and the line has the header's number of fields) is rejected: it is
    the mark of a quote opened and never closed, which would otherwise swallow those records.
    """
    where = str(p)
    with open(p, "rb") as fh:
        codec = _codec_of(fh.read(1 << 16), where, encoding)
    consumed: list[str] = []

    def lines(fh):
        for ln in fh:
            consumed.append(ln)
            yield ln

    try:
        with open(p, encoding=codec, newline="") as fh:
            reader = csv.reader(lines(fh), delimiter=sep, strict=True)
            header = None
            id_idx = None
            shapes: set[str] = set()
            lengths = [10 ** 9, 0]
            line = 1
            while True:
                start = line
                consumed.clear()
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    line = start + len(consumed)
                    reason = f"bad CSV: {exc}"
                    if "unexpected end of data" in reason:
                        reason += " (a quote is never closed)"
                    if header is None:
                        raise CorpusError(f"{where}: line {start}: {reason}") from None
                    rows.reject(f"line {start}", start, reason)
                    continue
                line = start + len(consumed)
                if not fields or all(not f.strip() for f in fields):
                    continue
                if header is None:
                    header = [f.lstrip("\ufeff") for f in fields]
                    dup = sorted({h for h in header if header.count(h) > 1})
                    if dup:
                        raise CorpusError(f"{where}: line {start}: bad CSV: duplicate column(s) {', '.join(map(repr, dup))}")
                    _check_columns(header, where, rows.text_col, rows.id_col)
                    id_idx = header.index(rows.id_col) if rows.id_col in header else None
                    continue
                if len(fields) != len(header):
                    rows.reject(f"line {start}", start,
                                f"bad CSV: expected {len(header)} fields (header at line 1), got {len(fields)}")
                    continue
                if len(consumed) > 1 and id_idx is not None and shapes:
                    swallowed = []
                    for k, ln in enumerate(consumed[1:], start + 1):
                        if sep not in ln:
                            continue
                        if id_idx == 0:  # quick look at the first field before parsing the line
                            v = ln.split(sep, 1)[0].strip()
                            if not (lengths[0] <= len(v) <= lengths[1]) or _id_shape(v) not in shapes:
                                continue
                        try:
                            f = next(csv.reader([ln], delimiter=sep))
                        except (csv.Error, StopIteration):
                            continue
                        v = f[id_idx].strip() if len(f) == len(header) else ""
                        if v and not any(c.isspace() for c in v) and lengths[0] <= len(v) <= lengths[1] \
                                and _id_shape(v) in shapes:
                            swallowed.append(f"line {k} ({rows.id_col} {v!r})")
                    if swallowed:
                        rows.reject(f"line {start}", start,
                                    f"bad CSV: a quoted field opened on line {start} runs over "
                                    f"{', '.join(swallowed[:3])} that look like records of their own: "
                                    "a quote is probably never closed")
                        continue
                rec = rows.record(dict(zip(header, (None if f == "" else f for f in fields))), f"line {start}", start)
                if rec is None:
                    continue
                if id_idx is not None and fields[id_idx].strip() and len(shapes) < 64:
                    v = fields[id_idx].strip()
                    shapes.add(_id_shape(v))
                    lengths[0], lengths[1] = min(lengths[0], len(v)), max(lengths[1], len(v))
                yield rec
    except UnicodeDecodeError as exc:
        for _ in _numbered_lines(p, encoding):  # raises naming the line of the first bad byte
            pass
        raise CorpusError(f"{where}: not valid {codec} text ({exc.reason})") from None
    if header is None:
        raise CorpusError(f"{where}: cannot read table: the file is empty (no header row)")


def _check_columns(columns, where: str, text_col: str, id_col: str) -> None:
    if text_col not in columns:
        cols = ", ".join(map(str, list(columns)[:12]))
        raise CorpusError(f"{where}: no text column {text_col!r} (columns: {cols}); pass text_col=")
    if id_col != "doc_id" and id_col not in columns:
        cols = ", ".join(map(str, list(columns)[:12]))
        raise CorpusError(f"{where}: no id column {id_col!r} (columns: {cols}); pass id_col=")


def _jsonl_rows(p: Path, rows: _Rows, encoding: str | None) -> Iterator[dict]:
    where = str(p)
    seen_text = seen_id = checked = False
    first: list[str] = []
    pending: list[dict] = []  # the text (and id) column must be in the first records, not only somewhere later

    def check() -> None:
        present = first + [c for c, ok in ((rows.text_col, seen_text), (rows.id_col, seen_id)) if ok and c not in first]
        _check_columns(present, where, rows.text_col, rows.id_col)

    for i, line in _numbered_lines(p, encoding):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.reject(f"line {i}", i, f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            rows.reject(f"line {i}", i, "each line must be a JSON object")
            continue
        first = first or [str(k) for k in obj]
        seen_text = seen_text or rows.text_col in obj
        seen_id = seen_id or rows.id_col in obj
        rec = rows.record(obj, f"line {i}", i)
        if rec is None:
            continue
        if checked:
            yield rec
            continue
        pending.append(rec)
        if seen_text and (seen_id or rows.id_col == "doc_id") or len(pending) >= 500:
            check()
            checked = True
            yield from pending
            pending = []
    if pending:
        check()
        yield from pending


def _parquet_rows(p: Path, rows: _Rows, batch_size: int) -> Iterator[dict]:
    import pyarrow.parquet as pq

    where = str(p)
    n = 0
    try:
        f = pq.ParquetFile(p)
        _check_columns(f.schema_arrow.names, where, rows.text_col, rows.id_col)
        for batch in f.iter_batches(batch_size=batch_size):
            for obj in batch.to_pylist():
                n += 1
                rec = rows.record(obj, f"row {n}", n)
                if rec is not None:
                    yield rec
    except CorpusError:
        raise
    except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise CorpusError(f"{where}: cannot read Parquet: {_first_line(exc)}") from None


def _holds_articles(folder: Path) -> bool:
    """Whether a sub-folder holds article files (a README.md alone does not count); one level only."""
    try:
        return any(f.suffix.lower() in ARTICLE_SUFFIXES and f.name.lower() != "readme.md" and not f.name.startswith(".")
                   for f in folder.iterdir())
    except OSError:
        return True


def _folder_files(p: Path, pattern: str | None) -> list[Path]:
    """The article files of a folder; what is left out is named in a warning: sub-folders that hold
    articles (they are not read: corpora are one level) and files of other types (data files such as
    ``actors.csv`` next to the articles are skipped silently)."""
    if pattern:
        return sorted(f for f in p.glob(pattern) if f.is_file())
    files, folders, others = [], [], []
    for f in sorted(p.iterdir()):
        if f.name.startswith(".") or f.name.lower() == "readme.md":
            continue
        if f.is_dir():
            if _holds_articles(f):  # a folder of articles may be meant to be read: say it is not
                folders.append(f.name + "/")
        elif f.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(f)
        elif f.suffix.lower() not in COMPANION_SUFFIXES:
            others.append(f.name)
    skipped = folders + others
    if skipped and files:
        shown = ", ".join(skipped[:10]) + (f" and {len(skipped) - 10} more" if len(skipped) > 10 else "")
        warnings.warn(f"{p}: skipped {len(folders)} sub-folder(s) and {len(others)} file(s) that are not "
                      f".md/.markdown/.txt articles: {shown}", stacklevel=4)
    return files


def _folder_rows(files: list[Path], rows: _Rows, encoding: str | None) -> Iterator[dict]:
    for f in files:
        try:
            obj = read_article(f, encoding)
        except CorpusError as exc:
            if rows.on_error == "stop":
                raise
            m = re.search(r": line (\d+): ", str(exc))
            reason = str(exc).split(f"{f}: ", 1)[-1]
            rows.rejected.append({"file": str(f), "line": int(m.group(1)) if m else None, "reason": reason})
            continue
        rec = rows.record(obj, str(f), None)
        if rec is not None:
            yield rec


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _records(p: Path, rows: _Rows, encoding: str | None, pattern: str | None, batch_size: int) -> Iterator[dict]:
    """Every row of the corpus at ``p`` (a folder or a file), checked, in input order."""
    if p.is_dir():
        files = _folder_files(p, pattern)
        if not files:
            raise CorpusError(f"{p}: no .md or .txt articles found")
        yield from _folder_rows(files, rows, encoding)
        return
    suffix = p.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        yield from _folder_rows([p], rows, encoding)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _jsonl_rows(p, rows, encoding)
    elif suffix in (".csv", ".tsv"):
        yield from _csv_rows(p, rows, "\t" if suffix == ".tsv" else ",", encoding)
    elif suffix in (".parquet", ".pq"):
        yield from _parquet_rows(p, rows, batch_size)
    else:
        raise CorpusError(f"{p}: unsupported file type {suffix!r} (use a folder, .csv, .tsv, .jsonl or .parquet)")


def load_corpus(
    path: str | Path,
    *,
    text_col: str = "text",
    id_col: str = "doc_id",
    encoding: str | None = None,
    pattern: str | None = None,
    on_error: str = "stop",
) -> pd.DataFrame:
    """Load a corpus folder or table file into a DataFrame.

    Parameters
    ----------
    path : str or Path
        A folder of ``.md``/``.markdown``/``.txt`` articles (``README.md`` and hidden files are
        skipped; sub-folders and other files are skipped with a warning naming them), or a ``.csv``,
        ``.tsv``, ``.jsonl``/``.ndjson`` or ``.parquet`` file.
    text_col, id_col : str
        Names of the text and identifier columns in a table file (renamed to ``text``/``doc_id``).
        A record without an identifier gets ``doc`` + its 0-based position in the file in six
        digits (``doc000000``, ``doc000001``, ...; see :func:`generated_id`); ids are always ``str``.
    encoding : str, optional
        Force a text encoding such as ``"latin-1"`` or ``"cp1252"`` (default: UTF-8, or UTF-16/32
        when the file starts with a byte-order mark).  See the module notes on encodings.
    pattern : str, optional
        Glob for a folder (default: every ``*.md``, ``*.markdown`` and ``*.txt``).
    on_error : {"stop", "skip"}
        What a malformed record does (an unclosed quote, a wrong number of fields, a line that is
        not JSON, a duplicate ``doc_id``, an unreadable article): ``"stop"`` raises
        :class:`CorpusError` naming the file and line; ``"skip"`` leaves it out, warns, and lists it
        in ``df.attrs["rejected"]`` (dicts with ``file``, ``line``, ``reason``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, date, title, url, text`` then every other metadata column
        (``source_path`` for folder input; ``load_error`` when a text could not be used).

    Raises
    ------
    CorpusError
        Unreadable, binary or non-UTF-8 files (without ``encoding``), an unknown encoding,
        malformed front matter, CSV or JSON, a table without the text column (or without the
        ``id_col`` asked for), duplicate ``doc_id`` values (with ``on_error="stop"``).

    Warns
    -----
    UserWarning
        Documents with empty or missing text (kept, and analysed as ``status='empty'``), texts that
        cannot be used (a lone surrogate, undecodable bytes, a list: kept, analysed as
        ``status='error: ...'``), documents that look like HTML (kept verbatim; convert them to
        plain text first), rejected records, skipped files.
    """
    p = Path(path)
    if not p.exists():
        raise CorpusError(f"{p}: no such file or folder")
    check_encoding(encoding)
    rows = _Rows(str(p), text_col, id_col, on_error)
    records = list(_records(p, rows, encoding, pattern, 10_000))
    _rejected_note(rows)
    df = _finish(records, str(p), not (p.is_dir() or p.suffix.lower() in ARTICLE_SUFFIXES))
    df.attrs["rejected"] = rows.rejected
    return df


def iter_corpus(
    path: str | Path,
    *,
    chunksize: int = 500,
    text_col: str = "text",
    id_col: str = "doc_id",
    encoding: str | None = None,
    on_error: str = "stop",
) -> Iterator[pd.DataFrame]:
    """Yield the corpus in chunks of at most ``chunksize`` documents, with bounded memory.

    CSV/TSV and JSONL are streamed record by record, Parquet by row groups, folders file by file;
    every chunk has the columns of :func:`load_corpus`.  Duplicate ``doc_id`` values are checked
    across chunks (the set of ids seen is kept, a few bytes per document).  With ``on_error="skip"``
    each chunk's ``attrs["rejected"]`` lists the records rejected since the previous chunk (a last
    chunk with no rows carries the ones after the last document).

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
    rows = _Rows(str(p), text_col, id_col, on_error)
    reported = 0

    def chunk_of(batch: list[dict]) -> pd.DataFrame:
        nonlocal reported
        df = _finish(batch, str(p), not (p.is_dir() or p.suffix.lower() in ARTICLE_SUFFIXES))
        df.attrs["rejected"] = rows.rejected[reported:]
        reported = len(rows.rejected)
        return df

    batch: list[dict] = []
    for rec in _records(p, rows, encoding, None, chunksize):
        batch.append(rec)
        if len(batch) >= chunksize:
            yield chunk_of(batch)
            batch = []
    _rejected_note(rows)
    if batch or len(rows.rejected) > reported:
        yield chunk_of(batch)
