"""Reporting cues: the :class:`CueTable` (``analysis/data/cues.csv``) and the cues it finds in a text.

In: a cue table (CSV or DataFrame: form, lemma, cue_class, source) and a text.
Out: :class:`CueHit` records (start, end, form, lemma, cue_class), longest match first at each position.
Rules here: the cue-table validation (known ``cue_class`` values only, no digits or stray characters in a
form) and the automatic misspellings of a form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from .._csv import CsvTable
from ..actors import trie_pattern
from .patterns import read_grouped_csv


@dataclass(frozen=True)
class CueHit:
    """One reporting cue found in a text (``text`` as written, ``lemma`` and ``cue_class`` from the table)."""

    start: int
    end: int
    text: str
    lemma: str
    cue_class: str
    requires: str | None


_CLASS_RE = re.compile(r"^[a-z][a-z0-9_]*$")


#: The classes a cue table row may have (docs/lexicon.md, "Reporting-cue classes"): the eight of the
#: shipped table, ``ignore`` (never a cue) and nothing else, so a typo cannot make a class of its own.
CUE_CLASSES = ("neutral", "evaluative", "emotive", "epistemic", "evidential", "directive", "commissive", "naming",
               "ignore")


_CUE_BAD_CHAR_RE = re.compile(r"[^\w\s'\u2019\-.]|[\d_]")


def _misspellings(form: str, lemma: str) -> set[str]:
    """Cheap, deterministic misspellings of a one-word cue form (see :class:`CueTable`)."""
    out: set[str] = set()
    if lemma.endswith("e") and form == lemma[:-1] + "ing":
        out.add(lemma + "ing")  # e-retention: urgeing, argueing
    m = re.match(r"^(.*?)([b-df-hj-np-tv-z])\2(ed|ing)$", form)
    if m:
        out.add(m.group(1) + m.group(2) + m.group(3))  # lost doubling: admited, admiting
    if len(form) >= 5 and form.isalpha():
        for i in range(1, len(form) - 1):  # adjacent transposition, first letter kept
            a, b = form[i], form[i + 1]
            if a != b:
                out.add(form[:i] + b + a + form[i + 2:])
    out.discard(form)
    return out


class CueTable(CsvTable):
    """Reporting verbs and phrases with their class (``neutral``, ``evaluative``, ``directive`` ...).

    One row per surface form (``said``, ``says``, ``calling for``).  Columns: ``cue`` (the form,
    matched case-insensitively at word boundaries; spaces match any whitespace), ``lemma``,
    ``cue_class``, ``requires`` (empty, ``quote``: the cue only counts when it introduces a quote
    or a colon, e.g. ``continued:``; ``that``: only with a following ``that``/quote/colon, e.g.
    ``found that``) and ``source``.  Two classes are special: ``naming`` (``titled``,
    ``dubbed``, ``so-called``: the quoted words after them are a label, i.e. a scare quote) and
    ``ignore`` (never a cue; blocks a misspelling).

    **Misspellings** such as ``urgeing`` still hit: at load time each one-word form gets a few
    generated variants -- silent-e kept before *-ing* (``urgeing``), a lost consonant doubling
    (``admited``) and adjacent-letter transpositions after the first letter for forms of five
    letters or more (``cliams``).  Variants equal to a real form or an ``ignore`` row are dropped.
    This keeps matching a single compiled trie regex (no per-token edit distance).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per form, with the columns :attr:`COLUMNS` (``lemma`` and ``requires`` optional).
    origin : str
        Name of the table in error messages (the file path for :meth:`from_csv`).
    lines : list of int, optional
        File line of each row, so that errors read ``origin:line`` (set by :meth:`from_csv`);
        otherwise they read ``origin row i``.

    Examples
    --------
    >>> cues = CueTable.default()
    >>> [(h.text, h.lemma, h.cue_class) for h in cues.finditer("He said so, urgeing calm, according to aides.")]
    [('said', 'say', 'neutral'), ('urgeing', 'urge', 'directive'), ('according to', 'according to', 'neutral')]
    >>> cues.lookup("Warned").cue_class
    'emotive'
    """

    COLUMNS = ("cue", "lemma", "cue_class", "requires", "source")

    _what = "cue table"

    def __init__(self, frame: pd.DataFrame, *, origin: str = "<DataFrame>", lines: list[int] | None = None) -> None:
        self._origin = origin
        self._frame = self._validate(frame, origin, lines)
        self._forms: dict[str, tuple[str, str, str | None]] = {}
        for row in self._frame.itertuples(index=False):
            req = row.requires if isinstance(row.requires, str) and row.requires else None
            self._forms[row.cue.lower()] = (row.lemma, row.cue_class, req)
        self._variants: dict[str, str] = {}
        for form, (lemma, cls, _) in self._forms.items():
            if cls == "ignore" or " " in form:
                continue
            for v in _misspellings(form, lemma.split()[0] if lemma else form):
                if v not in self._forms:
                    self._variants.setdefault(v, form)
        keys = [k for k, v in self._forms.items() if v[1] != "ignore"] + list(self._variants)
        pat = trie_pattern(sorted(set(keys)), space=r"\s+")
        body = rf"(?<![\w'’\-])(?:{pat})(?![\w\-]|['’]\w)"
        # matched on the lower-cased text (twice as fast); IGNORECASE only when lower() changes lengths
        self._pattern = re.compile(body) if pat else None
        self._pattern_i = re.compile(body, re.IGNORECASE) if pat else None

    @staticmethod
    def _validate(frame: pd.DataFrame, origin: str, lines: list[int] | None = None) -> pd.DataFrame:
        """The checked rows of ``frame``; errors name ``origin`` and the row's file line (or position)."""
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{origin}: expected a pandas DataFrame, got {type(frame).__name__}")
        missing = [c for c in ("cue", "cue_class", "source") if c not in frame.columns]
        if missing:
            raise ValueError(f"{origin}: missing column(s) {', '.join(missing)}; expected {', '.join(CueTable.COLUMNS)}")
        rows, seen = [], {}
        for i, rec in enumerate(frame.to_dict("records")):
            where = f"{origin}:{lines[i]}" if lines is not None else f"{origin} row {i}"
            cue = _cell(rec.get("cue"))
            if cue is None:
                raise ValueError(f"{where}: empty cue")
            cue = " ".join(cue.split())
            bad = _CUE_BAD_CHAR_RE.search(cue)
            if bad or not cue[0].isalpha():
                raise ValueError(f"{where}: bad cue {cue!r}: a cue is a literal word or phrase (letters, spaces, "
                                 "hyphens, apostrophes, periods) starting with a letter, not a pattern")
            cls = _cell(rec.get("cue_class"))
            if cls is None or not _CLASS_RE.match(cls):
                raise ValueError(f"{where}: cue_class must be a lower-case identifier, got {cls!r}")
            if cls not in CUE_CLASSES:
                raise ValueError(f"{where}: unknown cue_class {cls!r} (allowed: {', '.join(CUE_CLASSES)})")
            lemma = _cell(rec.get("lemma")) or (cue.lower() if cls != "ignore" else "")
            req = (_cell(rec.get("requires")) or "").lower() or None
            if req not in (None, "quote", "that"):
                raise ValueError(f"{where}: requires must be empty, 'quote' or 'that', got {req!r}")
            if _cell(rec.get("source")) is None:
                raise ValueError(f"{where}: empty source for cue {cue!r} (say where the entry comes from)")
            key = cue.lower()
            if key in seen:
                raise ValueError(f"{where}: duplicate cue {cue!r} (already defined at {seen[key]})")
            seen[key] = where
            rows.append((cue, lemma, cls, req, _cell(rec.get("source"))))
        if not rows and origin != "<merged>":
            raise ValueError(f"{origin}: no cues (only a header): an empty cue table would turn attribution off")
        return pd.DataFrame(rows, columns=list(CueTable.COLUMNS))

    @classmethod
    def default(cls) -> "CueTable":
        """The shipped table (``analysis/data/cues.csv``), loaded once and cached."""
        return _default_cue_table()

    def merge(self, other: "CueTable") -> "CueTable":
        """A new table with ``other``'s rows added; ``other`` wins for forms both define.

        Examples
        --------
        >>> extra = pd.DataFrame([{"cue": "opined", "lemma": "opine", "cue_class": "evaluative", "source": "me"}])
        >>> CueTable.default().merge(CueTable.from_frame(extra)).lookup("opined").cue_class
        'evaluative'
        """
        keys = set(other._frame["cue"].str.lower())
        mine = self._frame[~self._frame["cue"].str.lower().isin(keys)]
        return CueTable(pd.concat([mine, other._frame], ignore_index=True), origin="<merged>")

    @property
    def classes(self) -> list[str]:
        """Distinct cue classes (sorted)."""
        return sorted(set(self._frame["cue_class"]))

    def __len__(self) -> int:
        return len(self._frame)

    def __repr__(self) -> str:
        return f"CueTable({len(self._frame)} forms, {len(self._variants)} misspelling variants, from {self._origin})"

    def lookup(self, text: str) -> CueHit | None:
        """The table entry for one cue as written (case-insensitive; misspellings resolve), or None."""
        key = " ".join(text.split()).lower()
        key = self._variants.get(key, key)
        entry = self._forms.get(key)
        if entry is None or entry[1] == "ignore":
            return None
        return CueHit(0, len(text), text, entry[0], entry[1], entry[2])

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[CueHit]:
        """All cue occurrences in ``text[start:end]`` (longest form wins), as :class:`CueHit`."""
        if self._pattern is None:
            return []
        end = len(text) if end is None else end
        out = []
        forms, variants = self._forms, self._variants
        low = text[start:end].lower()
        if len(low) == end - start:
            matches = ((m.start() + start, m.end() + start) for m in self._pattern.finditer(low))
        else:
            matches = (m.span() for m in self._pattern_i.finditer(text, start, end))
        for ms, me in matches:
            written = text[ms:me]
            key = " ".join(written.split()).lower()
            key = variants.get(key, key)
            lemma, cls, req = forms[key]
            out.append(CueHit(ms, me, written, lemma, cls, req))
        return out


def _cell(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = str(value).strip()
    return s or None


@lru_cache(maxsize=1)
def _default_cue_table() -> CueTable:
    path = resources.files("analysis").joinpath("data/cues.csv")
    with resources.as_file(path) as p:
        return CueTable.from_csv(p)


#: Kinds of complement in ``analysis/data/cue_complements.csv`` (see docs/lexicon.md).
COMPLEMENTS = ("np", "hearer", "object_that", "answer")


@lru_cache(maxsize=None)
def complement_lemmas(kind: str) -> frozenset[str]:
    """Lemmas whose ``complement`` is ``kind`` in ``analysis/data/cue_complements.csv``.

    Parameters
    ----------
    kind : str
        One of :data:`COMPLEMENTS`: ``np`` (a noun phrase, never a clause), ``hearer`` (a hearer
        before the clause), ``object_that`` (an object before "that"), ``answer`` (what is answered).

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> sorted(complement_lemmas("answer"))
    ['reply', 'respond']
    """
    if kind not in COMPLEMENTS:
        raise ValueError(f"unknown complement {kind!r} (allowed: {', '.join(COMPLEMENTS)})")
    return _complements().get(kind, frozenset())


@lru_cache(maxsize=1)
def _complements() -> dict[str, frozenset[str]]:
    text = resources.files("analysis").joinpath("data/cue_complements.csv").read_text(encoding="utf-8")
    return read_grouped_csv(text, "analysis/data/cue_complements.csv", ("lemma", "complement", "source"), COMPLEMENTS)
