"""Framing lexicons: load, validate, merge and match loaded-language phrases.

A lexicon is a CSV file with one row per entry (see ``docs/lexicon.md``)::

    term,category,pattern,weight,note,source,inflect
    regime,delegitimising,,1.0,"Delegitimises a government ...","Da San Martino et al. 2019 ...",noun

Required columns are ``term``, ``category`` and ``source``; ``pattern`` (extra surface forms separated
by ``|``), ``weight`` (float, default 1.0), ``note`` and ``inflect`` (``noun`` -- the default --,
``verb`` or ``none``) are optional.  Every category must belong to the taxonomy in force: the default
one in ``analysis/data/lexicon_categories.csv``, plus any categories a study registers.

Matching is case-insensitive, whole-word, longest-match-first and non-overlapping, and tolerates
hyphen/space variants, curly apostrophes and any run of whitespace inside a phrase.  Offsets are
Python ``str`` indices into the text exactly as given: ``text[start:end] == match``.

Examples
--------
>>> lex = Lexicon.default()
>>> text = "Washington's global 'war of terror' and the so called\\ncollective West"
>>> [(h.match, h.category) for h in lex.find(text)]
[('war of terror', 'dysphemism_euphemism'), ('so called', 'delegitimising'), ('collective West', 'bloc_othering')]
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import pandas as pd

from ._csv import CSVFormatError, read_csv_file

__all__ = [
    "CATEGORY_COLUMNS",
    "ENTRY_COLUMNS",
    "Hit",
    "INFLECTIONS",
    "Lexicon",
    "LexiconError",
    "normalize_phrase",
    "surface_variants",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_LEXICON_PATH = DATA_DIR / "lexicon.csv"
DEFAULT_CATEGORIES_PATH = DATA_DIR / "lexicon_categories.csv"

#: Columns of a lexicon table, in output order.
ENTRY_COLUMNS = ("term", "category", "pattern", "weight", "note", "source", "inflect")
_REQUIRED_ENTRY_COLUMNS = ("term", "category", "source")
#: Largest ``weight`` an entry may have (weights are relative; weighted rates stay finite).
MAX_WEIGHT = 100.0
#: Columns of a category taxonomy table (all required, none may be empty).
CATEGORY_COLUMNS = ("category", "label", "definition", "source")
#: Allowed values of the ``inflect`` column.
INFLECTIONS = ("noun", "verb", "none")

_CATEGORY_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Characters allowed in a term or pattern variant: letters/digits plus a few in-word punctuation marks.
_FORBIDDEN_IN_PHRASE = re.compile(r"[^\w\s'’‘ʼ\-‐‑‒./&]")
_VOWELS = frozenset("aeiou")
# opening quote characters as they appear in the matching form (curly single quotes become "'")
_OPENING_QUOTES = frozenset("'\"\u201c\u201e\u00ab\u2039`")


class LexiconError(ValueError):
    """A lexicon or category table is malformed; the message names the file (or frame) and line.

    Examples
    --------
    >>> issubclass(LexiconError, ValueError)
    True
    """


class Hit(NamedTuple):
    """One lexicon match: ``text[start:end] == match``.

    Examples
    --------
    >>> Hit(0, 6, "Regime", "regime", "delegitimising", 1.0).match
    'Regime'
    """

    start: int
    end: int
    match: str
    term: str
    category: str
    weight: float


# --------------------------------------------------------------------------------------------------
# Text normalisation (offset-preserving)
# --------------------------------------------------------------------------------------------------


def _build_translation() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x3100):
        ch = chr(cp)
        if ch.isspace():
            table[cp] = " "
    for ch in "\ufeff\u200b":  # BOM / zero-width space behave like spaces between words
        table[ord(ch)] = " "
    # hyphens join or separate the words of a phrase: "so-called" == "so called"
    for ch in "-\u2010\u2011\u2012\u2043\ufe63\uff0d":
        table[ord(ch)] = " "
    # curly and modifier apostrophes behave like the ASCII apostrophe
    for ch in "\u2019\u2018\u02bc\u2032\uff07":
        table[ord(ch)] = "'"
    return table


_TRANSLATION = _build_translation()
# ASCII characters to rewrite are few: str.replace on them is far faster than str.translate
_ASCII_REWRITES = tuple(chr(cp) for cp in range(128) if cp in _TRANSLATION and _TRANSLATION[cp] != chr(cp))
_RARE_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _TRANSLATION if cp >= 128) + "]")


def _lower_same_length(text: str) -> str:
    """Lower-case *text* keeping one output character per input character."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters (e.g. 'İ' -> 'i̇') lower-case to several code points; keep their first one
    fix = {ord(c): c.lower()[0] for c in set(text) if len(c.lower()) != 1}
    return text.translate(fix).lower()


def _normalize_chars(text: str) -> str:
    """Lower-case and map separators/apostrophes, one output character per input character."""
    low = _lower_same_length(text)
    for ch in _ASCII_REWRITES:
        if ch in low:
            low = low.replace(ch, _TRANSLATION[ord(ch)])
    if not low.isascii():
        for ch in set(_RARE_CHARS.findall(low)):
            low = low.replace(ch, _TRANSLATION[ord(ch)])
    return low


def _normalize_text(text: str) -> tuple[str, list[int], list[int]]:
    """Return the matching form of *text* and the data to map its offsets back.

    The matching form is lower-cased, has hyphens and whitespace replaced by a space, curly
    apostrophes by ``'``, and runs of spaces collapsed to one.  ``kept`` holds, for each collapsed
    run, the index of its surviving space in the matching form; ``removed`` the cumulative number of
    characters removed up to and including that run.
    """
    norm = _normalize_chars(text)
    pos = norm.find("  ")
    if pos < 0:
        return norm, [], []
    n = len(norm)
    kept: list[int] = []
    removed: list[int] = []
    pieces: list[str] = []
    total = 0
    prev = 0
    while pos >= 0:
        end = pos + 2
        while end < n and norm[end] == " ":
            end += 1
        pieces.append(norm[prev : pos + 1])
        kept.append(pos - total)
        total += end - pos - 1
        removed.append(total)
        prev = end
        pos = norm.find("  ", end)
    pieces.append(norm[prev:])
    return "".join(pieces), kept, removed


def normalize_phrase(phrase: str) -> str:
    """Return the matching key of a lexicon phrase (lower-case, hyphens as spaces, single spaces).

    Parameters
    ----------
    phrase : str
        A term or pattern variant as written in the lexicon.

    Returns
    -------
    str
        The normalised phrase used as an automaton key.

    Examples
    --------
    >>> normalize_phrase("  So-Called\\n  Anglo‑Saxon’s ")
    "so called anglo saxon's"
    """
    return _normalize_text(phrase)[0].strip()


# --------------------------------------------------------------------------------------------------
# Inflection
# --------------------------------------------------------------------------------------------------


def _plurals(word: str) -> list[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    return [word + "s"]


def _possessives(word: str, plurals: list[str]) -> list[str]:
    forms = [word + "'s"]
    if word.endswith("s"):
        forms.append(word + "'")
    forms.extend(p + "'" for p in plurals if p.endswith("s"))
    return forms


def _is_cvc(word: str) -> bool:
    if len(word) < 3 or not word.isalpha():
        return False
    a, b, c = word[-3], word[-2], word[-1]
    return a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in "wxy"


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word))


def _verb_forms(word: str) -> list[str]:
    forms = list(_plurals(word))
    if word.endswith("ie"):
        forms += [word + "d", word[:-2] + "ying"]
    elif word.endswith("e"):
        forms += [word + "d", word + "ing" if word.endswith(("ee", "oe", "ye")) else word[:-1] + "ing"]
    elif len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        forms += [word[:-1] + "ied", word + "ing"]
    elif word.endswith("c"):
        forms += [word + "ked", word + "king", word + "ed", word + "ing"]
    elif _is_cvc(word):
        forms += [word + word[-1] + "ed", word + word[-1] + "ing"]
        if _syllables(word) > 1:  # target/targeted, label/labelled: produce both spellings
            forms += [word + "ed", word + "ing"]
    else:
        forms += [word + "ed", word + "ing"]
    return forms


def surface_variants(phrase: str, inflect: str = "noun") -> list[str]:
    """Return the normalised surface forms generated from one term or pattern variant.

    Nouns (the default) get plurals and possessives on their last word; verbs get -s, -ed and -ing
    forms on their first word ("lash out" -> "lashed out"); ``none`` keeps the phrase as written.
    A hyphenated phrase also matches with the hyphen written as a space or left out.

    Parameters
    ----------
    phrase : str
        A term or pattern variant.
    inflect : {'noun', 'verb', 'none'}
        Which inflections to generate.

    Returns
    -------
    list of str
        Distinct normalised forms, the phrase itself first.

    Examples
    --------
    >>> surface_variants("militia")
    ['militia', 'militias', "militia's", "militias'"]
    >>> surface_variants("slam", "verb")
    ['slam', 'slams', 'slammed', 'slamming']
    >>> surface_variants("so-called", "none")
    ['so called', 'socalled']
    """
    bases = [normalize_phrase(phrase)]
    if re.search(r"\w[-\u2010\u2011\u2012]\w", phrase):
        bases.append(normalize_phrase(re.sub(r"(?<=\w)[-\u2010\u2011\u2012](?=\w)", "", phrase)))
    out: list[str] = []
    for base in bases:
        out.append(base)
        if inflect == "none" or not base:
            continue
        words = base.split(" ")
        if inflect == "verb":
            head = words[0]
            if head.isalpha():
                out.extend(" ".join([form, *words[1:]]) for form in _verb_forms(head))
        else:
            head = words[-1]
            if head.isalpha():
                plurals = _plurals(head)
                for form in plurals + _possessives(head, plurals):
                    out.append(" ".join([*words[:-1], form]))
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------------------------------
# Reading and validation
# --------------------------------------------------------------------------------------------------


def _read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Read a CSV with the csv module; return the header and (line number, fields) per record."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: lexicon file not found")
    try:
        return read_csv_file(path)
    except CSVFormatError as exc:
        raise LexiconError(f"{path}, line {exc.line}: {exc.reason}") from None


def _frame_rows(df: pd.DataFrame, name: str) -> tuple[list[str], list[tuple[str, list[object]]]]:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name}: expected a pandas DataFrame, got {type(df).__name__}")
    header = [str(c).strip() for c in df.columns]
    rows = [(f"{name}, row {idx}", list(values)) for idx, values in zip(df.index, df.itertuples(index=False))]
    return header, rows


def _cell(value: object) -> str | None:
    """Return a stripped string, or None for missing/blank cells."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def _check_columns(header: list[str], where: str, required: Iterable[str], allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    missing = [c for c in required if c not in header]
    if missing:
        raise LexiconError(f"{where}: missing required column(s) {', '.join(map(repr, missing))}")
    unknown = [c for c in header if c not in allowed]
    if unknown:
        raise LexiconError(
            f"{where}: unknown column(s) {', '.join(map(repr, unknown))} (allowed: {', '.join(allowed)})"
        )
    dup = sorted({c for c in header if header.count(c) > 1})
    if dup:
        raise LexiconError(f"{where}: duplicate column(s) {', '.join(map(repr, dup))}")


def _validate_categories(header: list[str], rows: list[tuple[str, list[object]]], where: str) -> pd.DataFrame:
    _check_columns(header, where, CATEGORY_COLUMNS, CATEGORY_COLUMNS)
    seen: dict[str, str] = {}
    out = []
    for origin, values in rows:
        rec = {col: _cell(v) for col, v in zip(header, values)}
        for col in CATEGORY_COLUMNS:
            if rec[col] is None:
                raise LexiconError(f"{origin}: empty {col!r}")
        cat = rec["category"]
        if not _CATEGORY_ID.match(cat):
            raise LexiconError(f"{origin}: bad category id {cat!r} (use lower_snake_case)")
        if cat in seen:
            raise LexiconError(f"{origin}: duplicate category {cat!r} (first defined at {seen[cat]})")
        seen[cat] = origin
        out.append([rec[c] for c in CATEGORY_COLUMNS])
    return pd.DataFrame(out, columns=list(CATEGORY_COLUMNS))


def _read_categories(source: object, name: str | None = None) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        where = name or "categories"
        header, rows = _frame_rows(source, where)
    else:
        path = Path(source)  # type: ignore[arg-type]
        where = str(path)
        header, records = _read_csv_rows(path)
        rows = [(f"{path}, line {line}", fields) for line, fields in records]
    return _validate_categories(header, rows, where)


def _merge_categories(base: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """Union of two taxonomies; a category defined in both takes *extra*'s definition."""
    keep = base[~base["category"].isin(extra["category"])]
    return pd.concat([keep, extra], ignore_index=True)


@functools.cache
def _default_categories() -> pd.DataFrame:
    return _read_categories(DEFAULT_CATEGORIES_PATH)


def _check_phrase(phrase: str, what: str, origin: str) -> str:
    bad = _FORBIDDEN_IN_PHRASE.search(phrase)
    if bad:
        raise LexiconError(
            f"{origin}: bad {what} {phrase!r}: character {bad.group()!r} not allowed "
            "(patterns are literal phrases separated by '|', not regular expressions)"
        )
    key = normalize_phrase(phrase)
    if not any(ch.isalnum() for ch in key):
        raise LexiconError(f"{origin}: bad {what} {phrase!r}: no letters or digits")
    if not (key[0].isalnum() and (key[-1].isalnum() or key[-1] == "." or key.endswith("s'"))):
        raise LexiconError(
            f"{origin}: bad {what} {phrase!r}: must start with a letter or digit and end with one "
            "(or with '.' or a plural possessive s')"
        )
    return key


def _validate_entries(
    header: list[str], rows: list[tuple[str, list[object]]], where: str, categories: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    _check_columns(header, where, _REQUIRED_ENTRY_COLUMNS, ENTRY_COLUMNS)
    known = set(categories["category"])
    out: list[list[object]] = []
    origins: list[str] = []
    for origin, values in rows:
        rec = {col: _cell(v) for col, v in zip(header, values)}
        term = rec.get("term")
        if term is None:
            raise LexiconError(f"{origin}: empty term")
        _check_phrase(term, "term", origin)
        cat = rec.get("category")
        if cat is None:
            raise LexiconError(f"{origin}: empty category for term {term!r}")
        if cat not in known:
            raise LexiconError(
                f"{origin}: unknown category {cat!r} for term {term!r} "
                f"(known: {', '.join(sorted(known))}; register new ones with categories=...)"
            )
        pattern = rec.get("pattern")
        if pattern is not None:
            variants = [v.strip() for v in pattern.split("|")]
            if any(not v for v in variants):
                raise LexiconError(f"{origin}: bad pattern {pattern!r}: empty variant between '|' separators")
            for v in variants:
                _check_phrase(v, "pattern variant", origin)
            pattern = "|".join(variants)
        raw_weight = rec.get("weight")
        if raw_weight is None:
            weight = 1.0
        else:
            try:
                weight = float(raw_weight)
            except ValueError:
                raise LexiconError(f"{origin}: non-numeric weight {raw_weight!r} for term {term!r}") from None
            if not (0 <= weight <= MAX_WEIGHT):  # NaN fails both comparisons
                raise LexiconError(f"{origin}: weight must be a number from 0 to {MAX_WEIGHT:g}, got {raw_weight!r}")
        source = rec.get("source")
        if source is None:
            raise LexiconError(f"{origin}: empty source for term {term!r} (say where the entry comes from)")
        inflect = rec.get("inflect") or "noun"
        if inflect not in INFLECTIONS:
            raise LexiconError(f"{origin}: bad inflect {inflect!r} for term {term!r} (use one of {INFLECTIONS})")
        out.append([term, cat, pattern, weight, rec.get("note"), source, inflect])
        origins.append(origin)
    frame = pd.DataFrame(out, columns=list(ENTRY_COLUMNS))
    if frame.empty:
        frame = frame.astype({"weight": float})
    return frame, origins


def _compile_forms(entries: pd.DataFrame, origins: list[str]) -> dict[str, tuple[int, bool]]:
    """Map every surface form to (entry index, explicit?); raise on duplicate terms or forms."""
    explicit: dict[str, int] = {}
    term_keys: dict[str, int] = {}
    for i, (term, pattern) in enumerate(zip(entries["term"], entries["pattern"])):
        tkey = normalize_phrase(term)
        if tkey in term_keys:
            j = term_keys[tkey]
            raise LexiconError(f"{origins[i]}: duplicate term {term!r} (first defined at {origins[j]})")
        term_keys[tkey] = i
        phrases = [term] + (pattern.split("|") if isinstance(pattern, str) else [])
        for phrase in phrases:
            key = normalize_phrase(phrase)
            j = explicit.get(key)
            if j is not None and j != i:
                raise LexiconError(
                    f"{origins[i]}: bad pattern: surface form {phrase!r} of {term!r} is already "
                    f"listed for {entries['term'].iat[j]!r} at {origins[j]}"
                )
            explicit[key] = i
    forms: dict[str, tuple[int, bool]] = {k: (i, True) for k, i in explicit.items()}
    for i, (term, pattern, inflect) in enumerate(zip(entries["term"], entries["pattern"], entries["inflect"])):
        phrases = [term] + (pattern.split("|") if isinstance(pattern, str) else [])
        for phrase in phrases:
            for form in surface_variants(phrase, inflect):
                forms.setdefault(form, (i, False))
    return forms


# --------------------------------------------------------------------------------------------------
# Matcher
# --------------------------------------------------------------------------------------------------


class _Matcher:
    """An Aho-Corasick automaton over the normalised surface forms of one lexicon."""

    def __init__(self, forms: dict[str, tuple[int, bool]]):
        automaton = ahocorasick.Automaton()
        for form, (idx, _explicit) in forms.items():
            automaton.add_word(form, (len(form), idx))
        if len(automaton):
            automaton.make_automaton()
        self.automaton = automaton
        # where a long text may be cut into pieces (see spans): characters no form holds, that
        # normalise to themselves and are neither letters, digits, spaces nor opening quotes
        in_forms = set("".join(forms))
        cuts = [c for c in _PIECE_CUTS if c not in in_forms and _normalize_chars(c) == c]
        self._cut_re = re.compile("[" + re.escape("".join(cuts)) + "]") if cuts else None

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        if not len(self.automaton) or not text:
            return []
        n = len(text)
        if n <= 2 * _PIECE_CHARS or self._cut_re is None:
            return self._spans(text)
        # a long text in pieces of about _PIECE_CHARS characters, each ending with a cut character: every
        # whole-text pass (lower(), replace, the automaton) then stays in the CPU cache, so the time per KB
        # does not grow with the text (bench/bench_scaling.py).  No match can hold a cut character, the
        # boundary checks see the same non-word character on either side of it, whitespace runs do not
        # cross it, and lower()'s final sigma looks across case-ignorable characters only (a cut
        # character is not one): the pieces give exactly the whole text's matches.
        out: list[tuple[int, int, int]] = []
        i = 0
        while i < n:
            m = self._cut_re.search(text, i + _PIECE_CHARS) if n - i > 2 * _PIECE_CHARS else None
            j = m.end() if m is not None else n
            out.extend([(s + i, e + i, k) for s, e, k in self._spans(text[i:j])] if i else self._spans(text[:j]))
            i = j
        return out

    def _spans(self, text: str) -> list[tuple[int, int, int]]:
        norm, kept, removed = _normalize_text(text)
        n = len(norm)
        cands = []
        for last, (length, idx) in self.automaton.iter(norm):
            start = last - length + 1
            if start and norm[start - 1].isalnum():
                continue
            end = last + 1
            if end < n and norm[end].isalnum():
                continue
            if norm[last] == "'" and start and norm[start - 1] in _OPENING_QUOTES:
                end = last  # "'Anglo-Saxons'": the final apostrophe closes a quote, not a possessive
            cands.append((start, end, idx))
        if not cands:
            return []
        cands.sort(key=lambda c: (c[0], c[0] - c[1]))
        chosen = _resolve_overlaps(cands)
        if kept:
            chosen = [(_to_original(s, kept, removed), _to_original(e, kept, removed), i) for s, e, i in chosen]
        return chosen


#: Texts longer than twice this many characters are matched piece by piece (:meth:`_Matcher.spans`).
_PIECE_CHARS = 1 << 16
#: The characters a piece may end with (those a lexicon's forms do not hold): not letters, digits,
#: spaces, apostrophes or quotes, and none of them is case-ignorable (Unicode) or changed by normalisation.
_PIECE_CUTS = ",;!?()"


def _resolve_overlaps(cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep the longest candidates first, then the leftmost; drop any that overlap a kept one."""
    prev_end = -1
    clean = True
    for s, e, _ in cands:
        if s < prev_end:
            clean = False
            break
        prev_end = e
    if clean:
        return cands
    starts: list[int] = []
    kept: list[tuple[int, int, int]] = []
    for cand in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        s, e, _ = cand
        pos = bisect.bisect_left(starts, s)
        if pos < len(starts) and starts[pos] < e:
            continue
        if pos and kept[pos - 1][1] > s:
            continue
        starts.insert(pos, s)
        kept.insert(pos, cand)
    return kept


def _to_original(pos: int, kept: list[int], removed: list[int]) -> int:
    k = bisect.bisect_left(kept, pos)
    return pos + removed[k - 1] if k else pos


# --------------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------------


class Lexicon:
    """A validated framing lexicon with a compiled, cached matcher.

    Build one with :meth:`default`, :meth:`from_csv` or :meth:`from_frame`; combine with
    :meth:`extend` (or ``+``) and :meth:`drop`.  A lexicon never changes after it is built: those
    methods return new lexicons.

    Examples
    --------
    >>> lex = Lexicon.default()
    >>> len(lex) >= 400, len(lex.categories) >= 8
    (True, True)
    >>> lex.find("The regime's militants")[0].term
    'regime'
    """

    def __init__(self, entries: pd.DataFrame, categories: pd.DataFrame, name: str, origins: list[str]):
        self._entries = entries.reset_index(drop=True)
        self._categories = categories.reset_index(drop=True)
        self._origins = list(origins)
        self.name = name
        self._forms = _compile_forms(self._entries, self._origins)
        self._terms = self._entries["term"].tolist()
        self._cats = self._entries["category"].tolist()
        self._weights = [float(w) for w in self._entries["weight"]]
        self._matcher: _Matcher | None = None
        self._hash: str | None = None

    # ---- construction -------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Lexicon:
        """Return the lexicon shipped in ``analysis/data/lexicon.csv`` (loaded once, then cached).

        Examples
        --------
        >>> Lexicon.default() is Lexicon.default()
        True
        """
        return _default_lexicon()

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        categories: pd.DataFrame | str | Path | None = None,
        default_categories: bool = True,
        name: str | None = None,
    ) -> Lexicon:
        """Load and validate a lexicon CSV.

        Parameters
        ----------
        path : str or Path
            UTF-8 CSV with at least the columns ``term, category, source``.
        categories : DataFrame or path, optional
            Extra categories (``category, label, definition, source``) to register for this study.
        default_categories : bool
            Start from the default taxonomy (True) or use only *categories* (False).
        name : str, optional
            Name recorded for provenance; defaults to the file stem.

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            One line naming the file and line: bad CSV, missing column, empty term or source,
            unknown category, bad pattern, non-numeric weight, duplicate term.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "study.csv"
        >>> _ = p.write_text("term,category,source\\ngas-lighting,loaded_emotive,my study\\n")
        >>> Lexicon.from_csv(p).find("Stop gaslighting us")[0].match
        'gaslighting'
        """
        path = Path(path)
        taxonomy = _taxonomy(categories, default_categories)
        header, records = _read_csv_rows(path)
        rows = [(f"{path}, line {line}", fields) for line, fields in records]
        entries, origins = _validate_entries(header, rows, str(path), taxonomy)
        if not len(entries):
            raise LexiconError(f"{path}: no entries (only a header): an empty lexicon would find nothing")
        return cls(entries, taxonomy, name or path.stem, origins)

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        name: str = "frame",
        categories: pd.DataFrame | str | Path | None = None,
        default_categories: bool = True,
    ) -> Lexicon:
        """Validate a DataFrame with lexicon columns and build a lexicon from it.

        Parameters
        ----------
        df : DataFrame
            Columns ``term, category, source`` and optionally ``pattern, weight, note, inflect``.
        name : str
            Name used in error messages (``"<name>, row <index>"``) and for provenance.
        categories, default_categories
            As in :meth:`from_csv`.

        Returns
        -------
        Lexicon

        Examples
        --------
        >>> df = pd.DataFrame({"term": ["junta"], "category": ["delegitimising"], "source": ["x"]})
        >>> Lexicon.from_frame(df, name="mini").to_frame()[["term", "weight", "inflect"]]
            term  weight inflect
        0  junta     1.0    noun
        """
        taxonomy = _taxonomy(categories, default_categories)
        header, rows = _frame_rows(df, name)
        entries, origins = _validate_entries(header, rows, name, taxonomy)
        return cls(entries, taxonomy, name, origins)

    # ---- combination --------------------------------------------------------------------------

    def extend(self, other: Lexicon | pd.DataFrame | str | Path, *, on_duplicate: str = "replace") -> Lexicon:
        """Return a new lexicon with *other*'s entries added after this one's.

        Parameters
        ----------
        other : Lexicon, DataFrame or path to a CSV
            Entries to add.  A frame or file is validated against this lexicon's taxonomy; a
            Lexicon brings its own taxonomy, merged into this one (its definitions win).
        on_duplicate : {'replace', 'error', 'keep'}
            What to do when *other* has a term this lexicon already has (compared after
            normalisation): ``'replace'`` (the default: the later entry wins), ``'error'`` (raise
            LexiconError naming both places) or ``'keep'`` (the earlier entry wins).

        Returns
        -------
        Lexicon

        Examples
        --------
        >>> base = Lexicon.default()
        >>> extra = pd.DataFrame({"term": ["regime", "gaslighter"], "category": ["name_calling"] * 2,
        ...                       "weight": [2.0, 1.0], "source": ["my study"] * 2})
        >>> merged = base.extend(extra)
        >>> len(merged) == len(base) + 1, merged.find("the regime")[0].category
        (True, 'name_calling')
        """
        if on_duplicate not in ("replace", "error", "keep"):
            raise ValueError(f"on_duplicate must be 'replace', 'error' or 'keep', got {on_duplicate!r}")
        if isinstance(other, Lexicon):
            taxonomy = _merge_categories(self._categories, other._categories)
            add, add_origins, other_name = other._entries, other._origins, other.name
        elif isinstance(other, pd.DataFrame):
            other_name = "frame"
            taxonomy = self._categories
            header, rows = _frame_rows(other, other_name)
            add, add_origins = _validate_entries(header, rows, other_name, taxonomy)
        else:
            path = Path(other)
            other_name = path.stem
            taxonomy = self._categories
            header, records = _read_csv_rows(path)
            rows = [(f"{path}, line {line}", fields) for line, fields in records]
            add, add_origins = _validate_entries(header, rows, str(path), taxonomy)
        own_keys = {normalize_phrase(t): i for i, t in enumerate(self._terms)}
        keep_rows = list(range(len(self._entries)))
        add_rows = []
        for j, term in enumerate(add["term"]):
            i = own_keys.get(normalize_phrase(term))
            if i is None:
                add_rows.append(j)
            elif on_duplicate == "error":
                raise LexiconError(
                    f"{add_origins[j]}: duplicate term {term!r} (already defined at {self._origins[i]})"
                )
            elif on_duplicate == "replace":
                keep_rows.remove(i)
                add_rows.append(j)
        entries = pd.concat(
            [self._entries.iloc[keep_rows], add.iloc[add_rows]], ignore_index=True
        )
        origins = [self._origins[i] for i in keep_rows] + [add_origins[j] for j in add_rows]
        return Lexicon(entries, taxonomy, f"{self.name}+{other_name}", origins)

    def __add__(self, other: Lexicon | pd.DataFrame) -> Lexicon:
        """``a + b`` is ``a.extend(b)``: b's entries win on duplicate terms."""
        if not isinstance(other, (Lexicon, pd.DataFrame)):
            return NotImplemented
        return self.extend(other)

    def drop(self, terms: str | Iterable[str], *, errors: str = "raise") -> Lexicon:
        """Return a new lexicon without the given terms (compared after normalisation).

        Parameters
        ----------
        terms : str or iterable of str
            Canonical terms to remove.
        errors : {'raise', 'ignore'}
            Whether a term that is not in the lexicon raises LexiconError.

        Returns
        -------
        Lexicon

        Examples
        --------
        >>> lex = Lexicon.default().drop(["regime", "militant"])
        >>> [h.term for h in lex.find("the regime's militants")]
        []
        """
        if isinstance(terms, str):
            terms = [terms]
        wanted = {normalize_phrase(t): t for t in terms}
        keys = [normalize_phrase(t) for t in self._terms]
        present = set(keys)
        missing = [t for k, t in wanted.items() if k not in present]
        if missing and errors == "raise":
            raise LexiconError(f"{self.name}: cannot drop unknown term(s) {', '.join(map(repr, missing))}")
        keep = [i for i, k in enumerate(keys) if k not in wanted]
        return Lexicon(
            self._entries.iloc[keep], self._categories, self.name, [self._origins[i] for i in keep]
        )

    # ---- inspection ---------------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """Return the entries as a DataFrame (a copy): term, category, pattern, weight, note, source, inflect.

        Examples
        --------
        >>> list(Lexicon.default().to_frame().columns)
        ['term', 'category', 'pattern', 'weight', 'note', 'source', 'inflect']
        """
        return self._entries.copy()

    @property
    def categories(self) -> pd.DataFrame:
        """The taxonomy in force: one row per category (category, label, definition, source).

        Examples
        --------
        >>> "delegitimising" in set(Lexicon.default().categories["category"])
        True
        """
        return self._categories.copy()

    @property
    def hash(self) -> str:
        """A short, stable content hash of the entries and taxonomy (order-independent), for provenance.

        Examples
        --------
        >>> lex = Lexicon.default()
        >>> len(lex.hash), lex.hash == (lex + lex).hash
        (12, True)
        """
        if self._hash is None:
            ents = sorted(
                [normalize_phrase(r[0]), *("" if v is None or v != v else str(v) for v in r)]
                for r in self._entries.itertuples(index=False)
            )
            cats = sorted(map(list, self._categories.itertuples(index=False)))
            blob = json.dumps({"entries": ents, "categories": cats}, ensure_ascii=False)
            self._hash = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]
        return self._hash

    def surface_forms(self) -> pd.DataFrame:
        """Return every form the matcher looks for: form, term, category, explicit (bool).

        Examples
        --------
        >>> sf = Lexicon.default().surface_forms()
        >>> sorted(sf.loc[sf["term"] == "so-called", "form"])
        ['so called', 'socalled']
        """
        rows = [
            (form, self._terms[i], self._cats[i], explicit) for form, (i, explicit) in self._forms.items()
        ]
        return pd.DataFrame(rows, columns=["form", "term", "category", "explicit"])

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return (
            f"<Lexicon {self.name!r}: {len(self)} entries, {len(self._categories)} categories, "
            f"hash {self.hash}>"
        )

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_matcher"] = None  # rebuilt lazily in the receiving process
        return state

    # ---- matching -----------------------------------------------------------------------------

    def _get_matcher(self) -> _Matcher:
        if self._matcher is None:
            self._matcher = _Matcher(self._forms)
        return self._matcher

    def find_spans(self, text: str) -> list[tuple[int, int, int]]:
        """Fast low-level matching: ``(start, end, entry_index)`` tuples in text order.

        ``entry_index`` indexes :meth:`to_frame` rows.  Matches are case-insensitive, whole-word,
        longest first and non-overlapping.

        Examples
        --------
        >>> lex = Lexicon.default()
        >>> s, e, i = lex.find_spans("so-called elections")[0]
        >>> (s, e), lex.to_frame()["term"][i]
        ((0, 9), 'so-called')
        """
        return self._get_matcher().spans(text)

    def find(self, text: str) -> list[Hit]:
        """Return the lexicon hits in *text* as :class:`Hit` tuples, in text order.

        Examples
        --------
        >>> text = "İİ 😀 The so called\\nCollective West's puppet"
        >>> [(h.start, h.end, h.match, h.term) for h in Lexicon.default().find(text)]
        [(9, 18, 'so called', 'so-called'), (19, 36, "Collective West's", 'collective West'), (37, 43, 'puppet', 'puppet')]
        """
        terms, cats, weights = self._terms, self._cats, self._weights
        return [Hit(s, e, text[s:e], terms[i], cats[i], weights[i]) for s, e, i in self.find_spans(text)]

    def find_frame(self, text: str) -> pd.DataFrame:
        """Return the hits as a tidy DataFrame: start, end, match, term, category, weight.

        Examples
        --------
        >>> Lexicon.default().find_frame("Anglo-Saxons and militants")[["match", "category"]]
                  match         category
        0  Anglo-Saxons    bloc_othering
        1     militants  contested_label
        """
        hits = self.find(text)
        frame = pd.DataFrame(hits, columns=list(Hit._fields))
        return frame.astype({"start": "int64", "end": "int64", "weight": "float64"})


def _taxonomy(categories: object, default_categories: bool) -> pd.DataFrame:
    base = _default_categories() if default_categories else pd.DataFrame(columns=list(CATEGORY_COLUMNS))
    if categories is None:
        if base.empty:
            raise ValueError("default_categories=False needs categories=... (a DataFrame or CSV path)")
        return base
    extra = _read_categories(categories)
    return extra if base.empty else _merge_categories(base, extra)


@functools.cache
def _default_lexicon() -> Lexicon:
    lex = Lexicon.from_csv(DEFAULT_LEXICON_PATH, name="default")
    return lex
