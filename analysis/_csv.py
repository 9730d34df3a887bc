"""Strict CSV reading with the line each record starts on, for one-line errors naming file and line.

The resource tables (lexicon, actors, cues) and the error reports of :mod:`analysis.corpus` use it:
pandas reports a broken record as "row N" of its own counting, the csv module as the line where it
gave up; here every error names the line on which the bad record *starts*.

Examples
--------
>>> header, records = read_csv_text('term,source\\nregime,"a note\\nover two lines"\\n\\nsham,s\\n')
>>> header, records
(['term', 'source'], [(2, ['regime', 'a note\\nover two lines']), (5, ['sham', 's'])])
>>> read_csv_text('a,b\\n1,2\\n"3,4\\n')
Traceback (most recent call last):
...
analysis._csv.CSVFormatError: line 3: bad CSV: unexpected end of data (a quote is never closed)
"""
from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ._frames import content_hash

__all__ = ["CSVFormatError", "csv_records", "read_csv_text", "read_csv_file", "read_csv_frame", "CsvTable"]


class CSVFormatError(ValueError):
    """A malformed CSV record or file; ``line`` is the 1-based line where the bad record starts."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def csv_records(lines: Iterable[str], *, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, fields)`` for every non-blank record of ``lines``; the first one is the header.

    ``lines`` is an iterable of text lines with their line endings (a file opened with
    ``newline=""``).  Raises :class:`CSVFormatError` for a quote that is never closed, a stray quote
    inside a field, or a record whose number of fields differs from the header's.
    """
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    width = header_line = None
    line = 1
    while True:
        start = line
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = str(exc)
            if "unexpected end of data" in reason:
                reason += " (a quote is never closed)"
            raise CSVFormatError(start, f"bad CSV: {reason}") from None
        line = reader.line_num + 1
        if not fields or all(not f.strip() for f in fields):
            continue
        if width is None:
            width, header_line = len(fields), start
        elif len(fields) != width:
            raise CSVFormatError(
                start, f"bad CSV: expected {width} fields (header at line {header_line}), got {len(fields)}"
            )
        yield start, fields


def read_csv_text(text: str, *, delimiter: str = ",") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (stripped names) and ``(line, fields)`` records of CSV ``text``.

    Raises :class:`CSVFormatError` as :func:`csv_records`, and for a text without a header row.
    """
    records = csv_records(io.StringIO(text, newline=""), delimiter=delimiter)
    first = next(records, None)
    if first is None:
        raise CSVFormatError(1, "bad CSV: the file is empty (no header row)")
    return [name.strip() for name in first[1]], list(records)


def read_csv_file(path: str | Path, *, delimiter: str = ",") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """:func:`read_csv_text` of a UTF-8 file (a BOM is removed); for small tables read whole.

    Text that is not UTF-8 raises :class:`CSVFormatError` naming the line of the first bad byte.
    """
    data = Path(path).read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CSVFormatError(line, f"bad CSV: not UTF-8 text (byte 0x{data[exc.start]:02x}: {exc.reason}); "
                                   "re-save the file as UTF-8") from None
    return read_csv_text(text, delimiter=delimiter)


def read_csv_frame(path: str | Path) -> tuple[pd.DataFrame, list[int]]:
    """:func:`read_csv_file` as a DataFrame of strings, plus the line each row starts on.

    Raises :class:`CSVFormatError` as :func:`read_csv_file`, and for repeated column names.
    """
    header, records = read_csv_file(path)
    dup = sorted({name for name in header if header.count(name) > 1})
    if dup:
        raise CSVFormatError(1, f"bad CSV: duplicate column(s) {', '.join(map(repr, dup))}")
    frame = pd.DataFrame([fields for _, fields in records], columns=header, dtype=object)
    return frame, [line for line, _ in records]



class CsvTable:
    """Constructors and provenance shared by the CSV-backed resource tables (actors, reporting cues).

    A subclass validates its frame in ``__init__(frame, *, origin, lines)``, keeps it as ``_frame``
    and names itself in ``_what`` (used in error messages).
    """

    _what = "table"
    _frame: pd.DataFrame
    _hash: str | None = None

    @classmethod
    def from_csv(cls, path: str | os.PathLike):
        """Read the table from a CSV file (UTF-8, header row).

        Errors name the file and the line the row starts on (``actors.csv:7: ...``); malformed CSV
        (an unclosed quote, a row with too many fields, bytes that are not UTF-8) is reported the
        same way, and a missing file is a ``FileNotFoundError``.
        """
        path = os.fspath(path)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{cls._what} not found: {path}")
        try:
            frame, lines = read_csv_frame(path)
        except CSVFormatError as exc:
            raise ValueError(f"{path}:{exc.line}: {exc.reason}") from None
        return cls(frame, origin=path, lines=lines)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame):
        """Build a table from a DataFrame with the CSV's columns (validated like a file)."""
        return cls(frame, origin="<DataFrame>")

    def to_frame(self) -> pd.DataFrame:
        """The table as a DataFrame (a copy; columns as in the CSV)."""
        return self._frame.copy()

    @property
    def hash(self) -> str:
        """Order-independent content hash of the table (12 hex digits), recorded in every output table."""
        if self._hash is None:
            self._hash = content_hash(self._frame)
        return self._hash
