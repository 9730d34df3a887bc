"""Coding sheets out, human codes in: agreement between coders and the tool's accuracy on your corpus.

A study that publishes automated measures has to show that they agree with human coders on its own
material. This module draws a stratified random sample of units from a
:class:`analysis.pipeline.CorpusAnalysis`, writes a coding sheet (CSV and XLSX) that coders fill in
blind, reads the coded sheets back, and reports

* **inter-coder reliability**: Krippendorff's alpha (nominal; interval for tone), Cohen's kappa for
  two coders and percent agreement, computed with :class:`nltk.metrics.agreement.AnnotationTask`,
  each with a bootstrap 95% interval;
* **the tool against the coders' consensus**: precision, recall and F1 per class (Pearson and
  Spearman correlation for tone), per stratum and overall, each with a stratified bootstrap 95%
  interval.

Units and codes (the full codebook is :func:`codebook`, written into every sheet):

* quote units (rows of ``quotes``): ``quote_kind`` (nominal: direct, indirect, scare, none) and
  ``speaker_camp`` (nominal: a camp of the actor table, or none);
* hit units (rows of ``hits``): ``loaded`` (nominal: yes, no; precision only, since every unit is a
  hit) and ``voice`` (nominal: narrator, paraphrase, quoted, scare_quote, caption);
* sentence units (rows of ``sentences``): ``tone`` (interval: -2, -1, 0, 1, 2).

The workflow::

    key = coding.draw_sample(res, n={"quotes": 20, "hits": 20, "sentences": 20}, seed=1)
    coding.write_coding_sheet(key, "coding/")      # coding_sheet.csv/.xlsx, codebook.csv, coding_key.csv
    # ... each coder fills in a copy of coding_sheet.xlsx ...
    val = coding.agreement("coding/coding_key.csv", ["coder_a.xlsx", "coder_b.xlsx"])
    val.reliability, val.accuracy

Examples
--------
>>> sample_size(0.2)          # units for a 95% interval of a proportion no wider than 0.2
97
>>> sample_size(0.2, population=40)   # a stratum of 40 units: finite-population correction
29
"""
from __future__ import annotations

import csv
import io
import math
import re
import statistics
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "CODES",
    "Code",
    "CodingError",
    "CodingResult",
    "accuracy_plot",
    "agreement",
    "codebook",
    "draw_sample",
    "read_codes",
    "reliability",
    "reliability_plot",
    "sample_size",
    "write_coding_sheet",
]


class CodingError(ValueError):
    """A problem with a sample, a key or a coded sheet; the message is one line naming file and row."""


@dataclass(frozen=True)
class Code:
    """One code of the codebook: the sheet column ``name`` coded for units of ``unit_type``."""

    name: str
    unit_type: str
    level: str
    values: tuple
    label: str
    question: str
    machine: str
    precision_only: bool = False


_VOICES = ("narrator", "paraphrase", "quoted", "scare_quote", "caption")
#: The codes, in sheet order. ``speaker_camp`` takes the camps of the actor table (see :func:`codebook`).
CODES = (
    Code("quote_kind", "quote", "nominal", ("direct", "indirect", "scare", "none"), "Quote kind",
         "What is the marked span?", "kind"),
    Code("speaker_camp", "quote", "nominal", (), "Speaker's camp",
         "To which camp does the person or organisation who said the marked words belong?", "camp"),
    Code("loaded", "hit", "nominal", ("yes", "no"), "Framing language (hits confirmed)",
         "Is the marked word or phrase, as used here, framing language?", "loaded", precision_only=True),
    Code("voice", "hit", "nominal", _VOICES, "Voice of a hit", "Whose words are the marked words?", "voice"),
    Code("tone", "sentence", "interval", (-2, -1, 0, 1, 2), "Tone of a sentence",
         "What is the tone of the marked sentence?", "compound"),
)
_CODE = {c.name: c for c in CODES}
_TABLE_OF = {"quotes": "quote", "hits": "hit", "sentences": "sentence"}
_ID_PREFIX = {"quote": "Q", "hit": "H", "sentence": "S"}
_DEFAULT_STRATA = {"quotes": ("kind",), "hits": ("category",), "sentences": ("band",)}
_MARK_OPEN, _MARK_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧
#: The columns every key has, also when nothing could be sampled (a corpus without quotes, hits or sentences).
_KEY_BASE = ("unit_id", "unit_type", "doc_id", "start", "end", "span", "context_before", "context", "context_after",
             "fill_in", "stratum", "population", "sampled", "weight")
_SHEET_COLUMNS = ("unit_id", "unit_type", "doc_id", "span", "context_before", "context", "context_after", "fill_in")
_PROVENANCE = ("analysis_version", "lexicon_hash", "actors_hash", "cues_hash")
_TONE_BAND_CUT = 0.05  # VADER's convention for the machine band (as share_positive / share_negative)

_VALUE_TEXT = {
    "quote_kind": {
        "direct": "A source's verbatim words inside quote marks (a direct or partial quote), attributed to or said by a source.",
        "indirect": "Reported speech in the outlet's words: what a source is said to have said, thought or claimed "
                    "(the content of 'X said that ...', 'according to X, ...').",
        "scare": "A short phrase in quote marks that is not anyone's speech: distancing, irony, a title, a slogan or a label "
                 "the outlet flags.",
        "none": "None of these: the span is not what anyone is reported to have said (e.g. the object of 'slammed the ruling'), "
                "or its boundaries are so wrong that no kind fits.",
    },
    "speaker_camp": {
        "none": "No identifiable speaker with a camp: a vague source ('critics', 'officials'), an unattributed quote, a "
                "scare quote, a news organisation, or an actor the camp list does not cover.",
    },
    "loaded": {
        "yes": "The marked words frame rather than describe: they evaluate, label, delegitimise, dramatise, blame or "
               "take sides on truth, as defined by one of the framing categories below (in this context, whoever says them).",
        "no": "A neutral or technical use here (e.g. 'occupation' as a job, 'regime' in 'sanctions regime'), a quotation "
              "of the term as a term, or a wrong match.",
    },
    "voice": {
        "narrator": "The outlet's own words.",
        "paraphrase": "The outlet's wording of what a source said (indirect speech).",
        "quoted": "A source's verbatim words, inside quote marks.",
        "scare_quote": "A short quoted phrase that is not speech: distancing, irony, titles, slogans.",
        "caption": "Photo captions, credits, bylines, boilerplate.",
    },
    "tone": {
        -2: "Very negative: strong negative emotion or evaluation (attack, disaster, suffering).",
        -1: "Negative.",
        0: "Neutral, or mixed with no side dominating.",
        1: "Positive.",
        2: "Very positive: strong praise, success, relief.",
    },
}
_SOURCE = {
    "quote_kind": "docs/methods.md, 'Quotes and speakers' and the quotes table (kind)",
    "speaker_camp": "docs/lexicon.md, 'Actors and camps'",
    "loaded": "docs/lexicon.md, 'Taxonomy' (the 13 framing categories)",
    "voice": "docs/methods.md, 'The voice model'",
    "tone": "docs/methods.md, 'Sentence sentiment (VADER)': the tone VADER's compound score measures",
}


# ---------------------------------------------------------------------------------------------
# sample size and sampling
# ---------------------------------------------------------------------------------------------


def _z(ci: float) -> float:
    if not 0 < ci < 1:
        raise CodingError(f"ci: expected a level between 0 and 1, got {ci!r}")
    return statistics.NormalDist().inv_cdf((1 + ci) / 2)


def sample_size(width: float, *, p: float = 0.5, ci: float = 0.95, population: int | None = None) -> int:
    """Units needed for a ``ci`` interval of a proportion no wider than ``width`` (in total).

    ``n0 = z² p (1 - p) / (width / 2)²`` (normal approximation; ``p = 0.5`` is the worst case), with
    the finite-population correction ``n = n0 / (1 + (n0 - 1) / N)`` when ``population = N`` is given.

    Parameters
    ----------
    width : float
        Full width of the interval, e.g. 0.2 for ±0.1.
    p : float, default 0.5
        Expected proportion (precision, agreement).
    ci : float, default 0.95
    population : int, optional
        Size of the stratum sampled from; the result never exceeds it.

    Returns
    -------
    int

    Examples
    --------
    >>> sample_size(0.1), sample_size(0.2, p=0.8), sample_size(0.2, population=10)
    (385, 62, 10)
    """
    if not isinstance(width, (int, float)) or not 0 < width < 1:
        raise CodingError(f"width: expected an interval width between 0 and 1, got {width!r}")
    if not 0 < p < 1:
        raise CodingError(f"p: expected a proportion between 0 and 1, got {p!r}")
    n0 = _z(ci) ** 2 * p * (1 - p) / (width / 2) ** 2
    if population is None:
        return math.ceil(n0 - 1e-9)
    if population <= 0:
        return 0
    return min(int(population), math.ceil(n0 / (1 + (n0 - 1) / population) - 1e-9))


def _band(compound) -> str | None:
    if compound is None or compound != compound:
        return None
    return "negative" if compound <= -_TONE_BAND_CUT else "positive" if compound >= _TONE_BAND_CUT else "neutral"


def _units_table(result, table: str) -> pd.DataFrame:
    frame = getattr(result, table, None)
    if not isinstance(frame, pd.DataFrame):
        raise CodingError(f"draw_sample: expected a CorpusAnalysis with a {table!r} table, got {type(result).__name__}")
    df = frame.copy()
    if table == "sentences":
        if len(df):
            df = df[(df["voice"] != "caption") & (df["n_words"] > 0)].copy()
        df["band"] = [_band(c) for c in df["compound"]] if len(df) else pd.Series(dtype=object)
    return df.reset_index(drop=True)


def _allocate(sizes: dict[str, int], total: int) -> dict[str, int]:
    """Equal allocation of ``total`` units over strata, capped by each stratum's size (round robin)."""
    alloc = dict.fromkeys(sizes, 0)
    left = total
    while left > 0:
        open_ = [s for s in sorted(sizes) if alloc[s] < sizes[s]]
        if not open_:
            break
        for s in open_:
            if left == 0:
                break
            alloc[s] += 1
            left -= 1
    return alloc


def _stratum_labels(df: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    def one(v):
        return "(none)" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v)

    if not columns:
        return pd.Series(["all"] * len(df), index=df.index, dtype=object)
    return pd.Series([" / ".join(one(v) for v in row) for row in df[list(columns)].itertuples(index=False)],
                     index=df.index, dtype=object)


def _clean_text(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


class _Contexts:
    """Sentence context of a span: the sentences it overlaps (span marked ⟦ ⟧), the ones before and after."""

    def __init__(self, sentences: pd.DataFrame, texts: dict | None):
        self.texts = texts or {}
        self.by_doc = {}
        if len(sentences):
            for doc_id, g in sentences.sort_values(["doc_id", "start"]).groupby("doc_id", sort=False):
                self.by_doc[str(doc_id)] = (g["start"].to_numpy(int), g["end"].to_numpy(int), g["text"].astype(str).tolist())

    def _slice(self, doc_id: str, lo: int, hi: int, starts, ends, texts) -> str:
        full = self.texts.get(doc_id)
        if isinstance(full, str):
            return full[lo:hi]
        buf = [" "] * (hi - lo)
        for s, e, t in zip(starts, ends, texts):
            if e <= lo or s >= hi:
                continue
            for k, ch in enumerate(t[: e - s]):
                if lo <= s + k < hi:
                    buf[s + k - lo] = ch
        return "".join(buf)

    def __call__(self, doc_id, start: int, end: int) -> tuple[str, str, str]:
        doc_id = str(doc_id)
        if doc_id not in self.by_doc:
            full = self.texts.get(doc_id)
            if isinstance(full, str):
                marked = full[max(0, start - 300):start] + _MARK_OPEN + full[start:end] + _MARK_CLOSE + full[end:end + 300]
                return "", _clean_text(marked), ""
            raise CodingError(f"draw_sample: document {doc_id!r} has no sentences to take the context from")
        starts, ends, texts = self.by_doc[doc_id]
        inside = np.flatnonzero((starts < max(end, start + 1)) & (ends > start))
        if not len(inside):
            inside = np.array([max(0, int(np.searchsorted(starts, start, side="right")) - 1)])
        first, last = int(inside[0]), int(inside[-1])
        lo, hi = min(int(starts[first]), start), max(int(ends[last]), end)
        body = self._slice(doc_id, lo, hi, starts, ends, texts)
        a, b = start - lo, end - lo
        marked = body[:a] + _MARK_OPEN + body[a:b] + _MARK_CLOSE + body[b:]
        before = texts[first - 1] if first > 0 else ""
        after = texts[last + 1] if last + 1 < len(texts) else ""
        return _clean_text(before), _clean_text(marked), _clean_text(after)


def _machine_codes(table: str, row: dict) -> dict:
    def missing(v):
        return v is None or v is pd.NA or (isinstance(v, float) and v != v)

    if table == "quotes":
        camp = row.get("camp")
        return {"machine_quote_kind": row.get("kind"), "machine_speaker_camp": "none" if missing(camp) else str(camp),
                "speaker": None if missing(row.get("speaker")) else row.get("speaker"), "cue": row.get("cue")}
    if table == "hits":
        return {"machine_loaded": "yes", "machine_voice": row.get("voice"), "match": row.get("match"),
                "term": row.get("term"), "category": row.get("category")}
    return {"machine_tone": float(row["compound"]), "band": row.get("band")}


def draw_sample(result, *, units=("quotes", "hits", "sentences"), n=None, width: float | None = 0.2,
                strata: dict | None = None, seed: int = 0, p: float = 0.5, ci: float = 0.95,
                texts=None) -> pd.DataFrame:
    """Draw a stratified random sample of units to code; returns the **key** (one row per unit).

    Units are rows of the ``quotes`` and ``hits`` tables and sentences (captions and word-less
    sentences left out). Each table is split into strata by the columns of ``strata`` (default:
    quotes by ``kind``, hits by ``category``, sentences by ``band``, the VADER band of the compound:
    negative ≤ −0.05 < neutral < 0.05 ≤ positive) and a simple random sample is drawn without
    replacement in each stratum with ``numpy.random.default_rng(seed)``. Each unit carries its
    stratum's size ``population``, the number drawn ``sampled`` and the weight
    ``population / sampled`` that makes overall estimates refer to all units of the corpus.

    Parameters
    ----------
    result : analysis.pipeline.CorpusAnalysis
    units : sequence of {"quotes", "hits", "sentences"}
    n : int or dict, optional
        Units per table (a dict gives one number per table), spread equally over the strata (a
        stratum smaller than its share is taken whole, the rest goes to the others). Wins over ``width``.
    width : float, default 0.2
        Without ``n``: every stratum gets :func:`sample_size` ``(width, p=p, ci=ci, population=N_h)``
        units, so that each per-stratum precision has a ``ci`` interval no wider than ``width``.
    strata : dict, optional
        Table name -> columns to stratify by, e.g. ``{"quotes": ["kind", "camp"], "hits":
        ["category", "voice"]}``; any column of the table (``rule`` when the quotes table has one).
        An empty list means one stratum.
    seed : int, default 0
    p, ci : float
        Passed to :func:`sample_size`.
    texts : DataFrame or dict, optional
        The corpus (``doc_id`` and ``text`` columns) or ``{doc_id: text}``; without it the context
        is rebuilt from the sentences table (white space between sentences becomes one space).

    Returns
    -------
    pandas.DataFrame
        ``unit_id, unit_type, doc_id, start, end, span, context_before, context, context_after,
        fill_in, stratum, population, sampled, weight`` and the machine codes
        ``machine_<code>`` (plus ``speaker``, ``cue``, ``match``, ``term``, ``category``, ``band``
        and the stratum columns). Units are shuffled within each table; ``unit_id`` is ``Q0001``,
        ``H0001``, ``S0001``, ... in sheet order. Write it with :func:`write_coding_sheet`.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(analysis.load_corpus("corpus"), progress=False)
    >>> key = draw_sample(res, n=12, seed=1)
    >>> key.groupby("unit_type").size().to_dict()
    {'hit': 12, 'quote': 12, 'sentence': 12}
    >>> key.loc[0, "unit_id"], "\u27e6" in key.loc[0, "context"]
    ('Q0001', True)
    """
    units = (units,) if isinstance(units, str) else tuple(units)
    bad = [u for u in units if u not in _TABLE_OF]
    if bad or not units:
        raise CodingError(f"units: expected some of quotes, hits, sentences, got {', '.join(map(str, bad)) or 'none'}")
    strata = {**_DEFAULT_STRATA, **(strata or {})}
    if isinstance(texts, pd.DataFrame):
        if not {"doc_id", "text"} <= set(texts.columns):
            raise CodingError("texts: expected a DataFrame with doc_id and text columns")
        texts = dict(zip(texts["doc_id"].astype(str), texts["text"]))
    contexts = _Contexts(getattr(result, "sentences", pd.DataFrame()), texts)
    rng = np.random.default_rng(seed)
    frames = []
    for table in units:
        df = _units_table(result, table)
        cols = tuple([strata[table]] if isinstance(strata[table], str) else strata[table])
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise CodingError(f"strata: the {table} table has no column {missing[0]!r} (columns: {', '.join(map(str, df.columns))})")
        labels = _stratum_labels(df, cols)
        sizes = labels.value_counts().to_dict()
        want = n.get(table) if isinstance(n, dict) else n
        if want is not None:
            if not isinstance(want, (int, np.integer)) or isinstance(want, bool) or want < 0:
                raise CodingError(f"n: expected a whole number of units, got {want!r}")
            alloc = _allocate(sizes, int(want))
        elif width is not None:
            alloc = {s: sample_size(width, p=p, ci=ci, population=k) for s, k in sizes.items()}
        else:
            raise CodingError("draw_sample: give n (units per table) or width (target interval width)")
        picked = []
        for s in sorted(sizes):
            idx = np.flatnonzero(labels.to_numpy() == s)
            take = rng.choice(idx, size=alloc[s], replace=False) if alloc[s] else []
            picked += [(int(i), s) for i in take]
        order = rng.permutation(len(picked)) if picked else []
        unit_type = _TABLE_OF[table]
        rows = []
        for k, j in enumerate(order, start=1):
            i, s = picked[j]
            rec = df.iloc[i].to_dict()
            before, context, after = contexts(rec["doc_id"], int(rec["start"]), int(rec["end"]))
            row = {
                "unit_id": f"{_ID_PREFIX[unit_type]}{k:04d}", "unit_type": unit_type, "doc_id": str(rec["doc_id"]),
                "start": int(rec["start"]), "end": int(rec["end"]),
                "span": _clean_text(str(rec.get("text") if table != "hits" else rec.get("match"))),
                "context_before": before, "context": context, "context_after": after,
                "fill_in": ", ".join(c.name for c in CODES if c.unit_type == unit_type),
                "stratum": s, "population": sizes[s], "sampled": alloc[s], "weight": sizes[s] / alloc[s],
            }
            row.update(_machine_codes(table, rec))
            row.update({f"stratum_{c}": rec.get(c) for c in cols})
            row.update({c: rec[c] for c in _PROVENANCE if c in rec})
            rows.append(row)
        frames.append(pd.DataFrame(rows))
    frames = [f for f in frames if len(f.columns)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(_KEY_BASE))


# ---------------------------------------------------------------------------------------------
# codebook and sheets
# ---------------------------------------------------------------------------------------------


def _camps(actors=None) -> list[str]:
    from .actors import ActorTable

    table = actors if actors is not None else ActorTable.default()
    return sorted(table.camps)


def codebook(actors=None, lexicon=None) -> pd.DataFrame:
    """The codebook: one row per code and value, with what it means and where it is defined.

    Columns ``unit_type, code, level, question, value, meaning, source``. ``speaker_camp`` lists the
    camps of ``actors`` (default: the shipped actor table) with example actors; ``loaded`` is
    followed by the definitions of the framing categories of ``lexicon`` (default: the shipped one),
    which the coder judges the marked words against.

    Examples
    --------
    >>> cb = codebook()
    >>> cb.loc[cb["code"] == "quote_kind", "value"].tolist()
    ['direct', 'indirect', 'scare', 'none']
    >>> "west" in set(cb.loc[cb["code"] == "speaker_camp", "value"])
    True
    """
    from .actors import ActorTable
    from .lexicon import Lexicon

    actors = actors if actors is not None else ActorTable.default()
    lexicon = lexicon if lexicon is not None else Lexicon.default()
    frame = actors.to_frame()
    rows = []
    for code in CODES:
        base = {"unit_type": code.unit_type, "code": code.name, "level": code.level, "question": code.question,
                "source": _SOURCE[code.name]}
        if code.name == "speaker_camp":
            for camp in _camps(actors):
                names = frame.loc[frame["camp"] == camp, "actor"].drop_duplicates().head(6).tolist()
                rows.append({**base, "value": camp, "meaning": "Speakers such as " + ", ".join(names) + "."})
            rows.append({**base, "value": "none", "meaning": _VALUE_TEXT["speaker_camp"]["none"]})
            continue
        for value in code.values:
            rows.append({**base, "value": value, "meaning": _VALUE_TEXT[code.name][value]})
        if code.name == "loaded":
            for cat in lexicon.categories.itertuples(index=False):
                rows.append({**base, "value": f"(category) {cat.category}", "meaning": f"{cat.label}: {cat.definition}"})
    return pd.DataFrame(rows, columns=["unit_type", "code", "level", "question", "value", "meaning", "source"])


_INSTRUCTIONS = (
    "How to code: read each row's context; the unit to code is the text between \u27e6 and \u27e7. Fill in only the "
    "codes listed in 'fill_in' for that row (grey cells do not apply), using the values of the codebook sheet. "
    "Leave a cell blank when you cannot decide; write anything else in 'comment'. Code on your own, without the "
    "tool's output (it is in the key file, which coders do not open). Do not change unit_id; you may sort, "
    "filter, add columns and save as .xlsx or .csv."
)


def _sheet_frame(key: pd.DataFrame) -> pd.DataFrame:
    types = list(dict.fromkeys(key["unit_type"]))
    codes = [c.name for c in CODES if c.unit_type in types]
    sheet = key.reindex(columns=list(_SHEET_COLUMNS)).copy()
    for c in codes:
        sheet[c] = None
    sheet["comment"] = None
    return sheet


_CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(v):
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe (OWASP)."""
    return "'" + v if isinstance(v, str) and v.startswith(_CSV_RISKY) else v


def _xlsx_cell(ws, row: int, col: int, value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, float) and value != value:
        value = None
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula, even when it starts with = + - @
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
    return cell


def _write_xlsx(sheet: pd.DataFrame, book: pd.DataFrame, path: Path, camps: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "units"
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    wrap = Alignment(wrap_text=True, vertical="top")
    columns = list(sheet.columns)
    for j, name in enumerate(columns, start=1):
        _xlsx_cell(ws, 1, j, name).font = bold
    widths = {"context": 70, "context_before": 35, "context_after": 35, "span": 30, "comment": 30, "fill_in": 18}
    for j, name in enumerate(columns, start=1):
        ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = widths.get(name, 14)
    validations = {}
    for code in CODES:
        if code.name in columns:
            values = camps + ["none"] if code.name == "speaker_camp" else [str(v) for v in code.values]
            formula = '"' + ",".join(values) + '"'
            if len(formula) <= 255:
                dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
                ws.add_data_validation(dv)
                validations[code.name] = dv
    for i, rec in enumerate(sheet.itertuples(index=False), start=2):
        for j, name in enumerate(columns, start=1):
            cell = _xlsx_cell(ws, i, j, getattr(rec, name))
            if name.startswith("context"):
                cell.alignment = wrap
            code = _CODE.get(name)
            if code is not None:
                if code.unit_type != rec.unit_type:
                    cell.fill = grey
                elif name in validations:
                    validations[name].add(cell.coordinate)
    ws.freeze_panes = "B2"
    cb = wb.create_sheet("codebook")
    _xlsx_cell(cb, 1, 1, _INSTRUCTIONS).alignment = wrap
    cb.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(book.columns))
    cb.row_dimensions[1].height = 75
    for j, name in enumerate(book.columns, start=1):
        _xlsx_cell(cb, 2, j, name).font = bold
        cb.column_dimensions[cb.cell(row=2, column=j).column_letter].width = {"meaning": 90, "question": 40, "source": 40}.get(name, 14)
    for i, rec in enumerate(book.itertuples(index=False), start=3):
        for j, v in enumerate(rec, start=1):
            _xlsx_cell(cb, i, j, v if not isinstance(v, (int, np.integer)) else int(v)).alignment = wrap
    wb.save(path)


def write_coding_sheet(key: pd.DataFrame, out_dir, *, formats=("csv", "xlsx"), actors=None, lexicon=None) -> dict[str, Path]:
    """Write the coding sheet, the codebook and the key of a sample from :func:`draw_sample`.

    Files written into ``out_dir`` (created if missing):

    * ``coding_sheet.csv`` (UTF-8 with a byte-order mark, so spreadsheets show ⟦ ⟧ right) and
      ``coding_sheet.xlsx``: one row per unit with its context and empty code columns, no machine code.
      The XLSX has a ``units`` sheet (drop-down lists of the allowed values, grey cells where a code
      does not apply) and a ``codebook`` sheet. Every text is stored as text, never as a formula
      (cells starting with ``=``, ``+``, ``-`` or ``@`` are written as strings with a quote prefix;
      in the CSV such cells get a leading apostrophe);
    * ``codebook.csv``: :func:`codebook`;
    * ``coding_key.csv``: the key (machine codes, strata, weights); keep it from the coders.

    Returns
    -------
    dict
        ``{"sheet_csv": path, "sheet_xlsx": path, "codebook": path, "key": path}`` (the formats written).

    Examples
    --------
    >>> import tempfile, analysis
    >>> res = analysis.analyze(analysis.load_corpus("corpus"), progress=False)
    >>> files = write_coding_sheet(draw_sample(res, n=3, units="hits"), tempfile.mkdtemp())
    >>> sorted(files)
    ['codebook', 'key', 'sheet_csv', 'sheet_xlsx']
    >>> list(pd.read_csv(files["sheet_csv"]).columns[-4:])
    ['fill_in', 'loaded', 'voice', 'comment']
    """
    if not isinstance(key, pd.DataFrame) or "unit_id" not in key.columns or not len(key):
        raise CodingError("write_coding_sheet: expected the non-empty key from draw_sample")
    bad = [f for f in formats if f not in ("csv", "xlsx")]
    if bad:
        raise CodingError(f"formats: expected csv and/or xlsx, got {bad[0]!r}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise CodingError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    sheet, book = _sheet_frame(key), codebook(actors, lexicon)
    written = {}
    if "csv" in formats:
        path = out / "coding_sheet.csv"
        sheet.apply(lambda column: column.map(_csv_safe)).to_csv(path, index=False, encoding="utf-8-sig")
        written["sheet_csv"] = path
    if "xlsx" in formats:
        path = out / "coding_sheet.xlsx"
        _write_xlsx(sheet, book, path, _camps(actors))
        written["sheet_xlsx"] = path
    written["codebook"] = out / "codebook.csv"
    book.to_csv(written["codebook"], index=False, encoding="utf-8")
    written["key"] = out / "coding_key.csv"
    key.to_csv(written["key"], index=False, encoding="utf-8")
    return written


# ---------------------------------------------------------------------------------------------
# reading coded sheets back
# ---------------------------------------------------------------------------------------------


def _read_key(key) -> pd.DataFrame:
    if isinstance(key, pd.DataFrame):
        frame = key.copy()
    else:
        path = Path(key)
        if not path.is_file():
            raise CodingError(f"{path}: key file not found")
        frame = pd.read_csv(path, dtype={"unit_id": str, "doc_id": str}, keep_default_na=True)
    need = {"unit_id", "unit_type", "weight", "stratum"}
    missing = sorted(need - set(frame.columns))
    if missing:
        where = "key" if isinstance(key, pd.DataFrame) else str(key)
        raise CodingError(f"{where}: not a coding key (no {missing[0]!r} column)")
    frame["unit_id"] = frame["unit_id"].astype(str).str.strip()
    return frame


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list]], str]:
    """Header and ``(row number, cells)`` of a sheet file; ``what`` is "row" or "line"."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one error line
            raise CodingError(f"{path}: not a readable .xlsx file ({type(exc).__name__})") from None
        try:
            ws = wb["units"] if "units" in wb.sheetnames else wb.worksheets[0]
            rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            wb.close()
        what = "row"
    elif suffix in (".csv", ".tsv", ".txt"):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows; only ids and codes matter
        first = text.split("\n", 1)[0]
        delim = "\t" if suffix == ".tsv" else max(",;\t", key=first.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        rows = []
        try:
            for cells in reader:
                rows.append((reader.line_num, cells))
        except csv.Error as exc:
            raise CodingError(f"{path}: line {reader.line_num}: {exc}") from None
        what = "line"
    else:
        raise CodingError(f"{path}: unsupported sheet type {suffix!r} (use the .xlsx or .csv coding sheet)")
    for k, (_, cells) in enumerate(rows[:10]):
        names = [_norm_header(c) for c in cells]
        if "unit_id" in names:
            return names, rows[k + 1:], what
    raise CodingError(f"{path}: no 'unit_id' column in the first rows; is this a coding sheet?")


def _norm_header(v) -> str:
    return re.sub(r"[\s\-]+", "_", str(v).strip().lower()) if v is not None else ""


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


_YES_NO = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no", "false": "no", "0": "no"}


def _codebook_camps(key) -> set | None:
    """The ``speaker_camp`` values of the ``codebook.csv`` written next to a key file, if there is one."""
    if isinstance(key, pd.DataFrame):
        return None
    path = Path(key).with_name("codebook.csv")
    if not path.is_file():
        return None
    try:
        book = pd.read_csv(path, dtype=str)
        return set(book.loc[book["code"] == "speaker_camp", "value"].dropna()) or None
    except (KeyError, ValueError, OSError):
        return None


def _parse_value(code: Code, v, where: str, camps: set | None = None):
    if code.level == "interval":
        if isinstance(v, bool):
            raise CodingError(f"{where}: {code.name} {v!r} is not one of {', '.join(map(str, code.values))}")
        try:
            x = float(str(v).strip().replace("\u2212", "-").replace("+", ""))
        except ValueError:
            x = math.nan
        if x != x or x != int(x) or int(x) not in code.values:
            raise CodingError(f"{where}: {code.name} {v!r} is not one of {', '.join(map(str, code.values))}")
        return int(x)
    if isinstance(v, bool):
        s = "yes" if v else "no"
    elif isinstance(v, float) and v == int(v):
        s = str(int(v))
    else:
        s = str(v)
    s = re.sub(r"[\s\-]+", "_", s.strip().strip("'").casefold())
    if code.name == "loaded":
        s = _YES_NO.get(s, s)
    if code.name == "voice" and s == "scare":
        s = "scare_quote"
    if code.values and s not in code.values:
        raise CodingError(f"{where}: {code.name} {v!r} is not one of {', '.join(map(str, code.values))}")
    if not code.values and camps is not None and s not in camps:
        raise CodingError(f"{where}: {code.name} {v!r} is not one of the codebook's camps: {', '.join(sorted(camps))}")
    if not code.values and not re.fullmatch(r"[a-z0-9_]+", s):
        raise CodingError(f"{where}: {code.name} {v!r} is not a camp name (lower-case letters, digits, _) or none")
    return s


def read_codes(path, key, *, coder: str | None = None, camps=None) -> pd.DataFrame:
    """Read one coder's filled-in sheet (``.xlsx`` or ``.csv``) into a long table of codes.

    Tolerant of what spreadsheets do to a file: rows sorted or filtered, columns moved, columns
    added, blank cells (= not coded), a title row above the header, values in another case or with
    spaces, ``TRUE``/``FALSE`` for yes/no, ``1.0`` for 1, a re-saved CSV with ``;`` or tabs or in the
    Windows code page. Anything else (an unknown or repeated ``unit_id``, a value outside the
    codebook, a code column missing) raises a one-line :class:`CodingError` naming the file and row.

    Parameters
    ----------
    path : str or path-like
    key : DataFrame or path
        The key of the sample (``coding_key.csv``).
    coder : str, optional
        Name of the coder; default the file name without suffix.
    camps : collection of str, optional
        The allowed ``speaker_camp`` values; default those of the ``codebook.csv`` next to the key
        file (any lower-case identifier when there is none).

    Returns
    -------
    pandas.DataFrame
        ``coder, unit_id, unit_type, code, value`` for every non-blank code.
    """
    path = Path(path)
    if not path.is_file():
        raise CodingError(f"{path}: coded sheet not found")
    camps = set(camps) if camps is not None else _codebook_camps(key)
    key = _read_key(key)
    coder = coder or path.stem
    header, rows, what = _read_rows(path)
    col = {}
    for j, name in enumerate(header):
        col.setdefault(name, j)
    types = dict(zip(key["unit_id"], key["unit_type"]))
    needed = [c for c in CODES if c.unit_type in set(types.values())]
    for c in needed:
        if c.name not in col:
            raise CodingError(f"{path}: no {c.name!r} column (the coding sheet has one for every code)")
    out, seen, misplaced = [], {}, 0
    for number, cells in rows:
        def cell(name):
            j = col.get(name)
            return cells[j] if j is not None and j < len(cells) else None

        uid = cell("unit_id")
        if _blank(uid):
            if any(not _blank(cell(c.name)) for c in needed):
                raise CodingError(f"{path}: {what} {number}: codes but no unit_id")
            continue
        uid = str(int(uid)) if isinstance(uid, float) and uid == int(uid) else str(uid).strip()
        if uid not in types:
            raise CodingError(f"{path}: {what} {number}: unit_id {uid!r} is not in the key (a sheet of another sample?)")
        if uid in seen:
            raise CodingError(f"{path}: {what} {number}: unit_id {uid!r} appears twice (first at {what} {seen[uid]})")
        seen[uid] = number
        for c in needed:
            v = cell(c.name)
            if _blank(v):
                continue
            if c.unit_type != types[uid]:
                misplaced += 1
                continue
            out.append((coder, uid, types[uid], c.name, _parse_value(c, v, f"{path}: {what} {number}", camps)))
    if misplaced:
        warnings.warn(f"{path}: {misplaced} code(s) entered for units they do not apply to (grey cells) were ignored",
                      stacklevel=2)
    if not out:
        warnings.warn(f"{path}: no codes filled in", stacklevel=2)
    return pd.DataFrame(out, columns=["coder", "unit_id", "unit_type", "code", "value"])


# ---------------------------------------------------------------------------------------------
# reliability (nltk) and accuracy
# ---------------------------------------------------------------------------------------------


def _task(triples, level: str):
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, interval_distance

    return AnnotationTask(triples, distance=interval_distance if level == "interval" else binary_distance)


def _pairable(triples):
    by_unit: dict = {}
    for c, u, v in triples:
        by_unit.setdefault(u, []).append((c, v))
    return {u: cv for u, cv in by_unit.items() if len(cv) >= 2}


def _reliability_point(units: dict, level: str) -> tuple[float, float, float]:
    """(alpha, percent agreement, Cohen's kappa) of ``{unit: [(coder, value), ...]}`` (pairable units)."""
    if not units:
        return math.nan, math.nan, math.nan
    triples = [(c, u, v) for u, cv in units.items() for c, v in cv]
    values = {v for _, _, v in triples}
    # alpha is undefined (0/0) when the pairable values show no variation; nltk would return 1
    alpha = _task(triples, level).alpha() if len(values) > 1 else math.nan
    agree = []
    for cv in units.values():
        vals = [v for _, v in cv]
        pairs = [(a, b) for i, a in enumerate(vals) for b in vals[i + 1:]]
        agree.append(sum(a == b for a, b in pairs) / len(pairs))
    coders = {c for c, _, _ in triples}
    kappa = math.nan
    if len(coders) == 2:
        both = [(c, u, v) for u, cv in units.items() for c, v in cv if len({x for x, _ in cv}) == 2]
        if both:
            try:
                kappa = _task(both, "nominal").kappa()
            except ZeroDivisionError:  # expected agreement 1: kappa undefined
                kappa = math.nan
    return float(alpha), float(np.mean(agree)), float(kappa)


def _reliability_resampled(units: dict, level: str, counts: np.ndarray) -> np.ndarray:
    """(alpha, percent agreement, kappa) for many resamples at once, shape ``(B, 3)``.

    ``counts[b, u]`` is how often pairable unit ``u`` (in ``sorted(units)`` order) is drawn in resample
    ``b``. The same formulas as :meth:`nltk.metrics.agreement.AnnotationTask.alpha` and ``kappa``
    (Krippendorff 2011: coincidences within units), written as matrix products so that a thousand
    resamples take milliseconds; ``counts`` of ones give the point estimates (checked in the tests).
    """
    keys = sorted(units)
    values = sorted({v for cv in units.values() for _, v in cv})
    col = {v: j for j, v in enumerate(values)}
    n_uv = np.zeros((len(keys), len(values)))
    for i, u in enumerate(keys):
        for _, v in units[u]:
            n_uv[i, col[v]] += 1
    x = np.array(values, dtype=float) if level == "interval" else None
    delta = (x[:, None] - x[None, :]) ** 2 if x is not None else 1.0 - np.eye(len(values))
    m_u = n_uv.sum(axis=1)
    d_u = np.einsum("uv,vw,uw->u", n_uv, delta, n_uv) / (m_u - 1)  # observed disagreement per unit
    agree_u = (np.sum(n_uv * (n_uv - 1), axis=1)) / (m_u * (m_u - 1))  # share of agreeing ordered pairs
    n_c = counts @ n_uv
    n = n_c.sum(axis=1)
    de = np.einsum("bv,vw,bw->b", n_c, delta, n_c)
    alpha = 1.0 - _ratio((n - 1) * (counts @ d_u), de)
    agreement = (counts @ agree_u) / counts.sum(axis=1)
    kappa = np.full(len(counts), np.nan)
    coders = sorted({c for cv in units.values() for c, _ in cv})
    if len(coders) == 2:
        both = np.array([len({c for c, _ in units[u]}) == 2 for u in keys], dtype=float)
        first, second = np.zeros_like(n_uv), np.zeros_like(n_uv)
        for i, u in enumerate(keys):
            for c, v in units[u]:
                (first if c == coders[0] else second)[i, col[v]] = 1.0
        wb = counts * both
        n_items = wb.sum(axis=1)
        ao = _ratio(wb @ np.sum(first * second, axis=1), n_items)
        ae = np.sum(_ratio(wb @ first, n_items[:, None]) * _ratio(wb @ second, n_items[:, None]), axis=1)
        kappa = _ratio(ao - ae, np.where(1.0 - ae > 1e-12, 1.0 - ae, 0.0))  # expected agreement 1: undefined
    return np.column_stack([alpha, agreement, kappa])


def _interval(reps, ci: float) -> tuple[float, float]:
    reps = np.asarray([r for r in reps if r == r], dtype=float)
    if len(reps) < 10:
        return math.nan, math.nan
    lo, hi = np.quantile(reps, [(1 - ci) / 2, (1 + ci) / 2])
    return float(lo), float(hi)


def reliability(codes: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Inter-coder reliability of every code in a long table of codes (from :func:`read_codes`).

    Krippendorff's alpha with :meth:`nltk.metrics.agreement.AnnotationTask.alpha` (nominal distance;
    ``tone`` also with the interval distance ``(a - b)²``), over the units coded by at least two
    coders (units coded once are not pairable and left out, as in Krippendorff 2011); percent
    agreement (the share of agreeing coder pairs per unit, averaged over units); and, for exactly
    two coders, Cohen's kappa (:meth:`nltk.metrics.agreement.AnnotationTask.kappa`) over the units
    both coded. Intervals are percentile bootstrap intervals over units (``n_boot`` resamples of the
    pairable units with replacement; the resampled figures use the same formulas in matrix form,
see the tests; resamples in which a figure is undefined are left out). ``alpha`` is NaN when the codes show no variation at all (it
    is 0/0 then); read percent agreement instead.

    Returns
    -------
    pandas.DataFrame
        ``unit_type, code, label, level, n_coders, n_units, n_values, alpha, alpha_low, alpha_high,
        agreement, agreement_low, agreement_high, kappa, kappa_low, kappa_high``.

    Examples
    --------
    Krippendorff's (2011) example: four coders, twelve units, missing values.

    >>> data = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    ...         "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    ...         "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    ...         "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]}
    >>> codes = pd.DataFrame([(c, f"u{i}", "sentence", "tone", v) for c, vs in data.items()
    ...                       for i, v in enumerate(vs) if v is not None],
    ...                      columns=["coder", "unit_id", "unit_type", "code", "value"])
    >>> reliability(codes, n_boot=0)[["level", "alpha"]].round(3).values.tolist()
    [['interval', 0.849], ['nominal', 0.743]]
    """
    rng = np.random.default_rng(seed)
    rows = []
    for code in CODES:
        sub = codes[codes["code"] == code.name]
        if not len(sub):
            continue
        triples = list(zip(sub["coder"], sub["unit_id"], sub["value"]))
        units = _pairable(triples)
        levels = ("interval", "nominal") if code.level == "interval" else ("nominal",)
        keys = sorted(units)
        for level in levels:
            alpha, agree, kappa = _reliability_point(units, level)
            reps = np.empty((0, 3))
            if n_boot and keys:
                draws = rng.integers(0, len(keys), (n_boot, len(keys)))
                counts = np.zeros((n_boot, len(keys)))
                np.add.at(counts, (np.arange(n_boot)[:, None], draws), 1.0)
                reps = _reliability_resampled(units, level, counts)
            (a_lo, a_hi), (g_lo, g_hi), (k_lo, k_hi) = (_interval(reps[:, j], ci) for j in range(3))
            label = code.label + (" (interval)" if level == "interval" else " (nominal)" if code.level == "interval" else "")
            rows.append({
                "unit_type": code.unit_type, "code": code.name, "label": label, "level": level,
                "n_coders": sub["coder"].nunique(), "n_units": len(units), "n_values": sum(len(v) for v in units.values()),
                "alpha": alpha, "alpha_low": a_lo, "alpha_high": a_hi,
                "agreement": agree, "agreement_low": g_lo, "agreement_high": g_hi,
                "kappa": kappa, "kappa_low": k_lo, "kappa_high": k_hi,
            })
    cols = ["unit_type", "code", "label", "level", "n_coders", "n_units", "n_values", "alpha", "alpha_low", "alpha_high",
            "agreement", "agreement_low", "agreement_high", "kappa", "kappa_low", "kappa_high"]
    return pd.DataFrame(rows, columns=cols)


def _consensus(codes: pd.DataFrame, key: pd.DataFrame, adjudication: pd.DataFrame | None) -> pd.DataFrame:
    rows = []
    adj = {}
    if adjudication is not None:
        adj = {(u, c): v for u, c, v in zip(adjudication["unit_id"], adjudication["code"], adjudication["value"])}
    info = key.set_index("unit_id")
    for (uid, name), g in codes.groupby(["unit_id", "code"], sort=True):
        code = _CODE[name]
        vals = g["value"].tolist()
        if code.level == "interval":
            value = float(np.mean(vals))
        else:
            counts = pd.Series(vals).value_counts()
            value = counts.index[0] if len(counts) == 1 or counts.iloc[0] > counts.iloc[1] else None
        if (uid, name) in adj:
            value = adj[(uid, name)]
        k = info.loc[uid]
        rows.append({"unit_id": uid, "unit_type": code.unit_type, "code": name, "n_coders": len(vals),
                     "values": " | ".join(map(str, vals)), "agree": len(set(vals)) == 1, "consensus": value,
                     "machine": k.get(f"machine_{name}"), "stratum": k["stratum"], "weight": float(k["weight"])})
    return pd.DataFrame(rows, columns=["unit_id", "unit_type", "code", "n_coders", "values", "agree", "consensus",
                                       "machine", "stratum", "weight"])


def _tone_band(x) -> str | None:
    """Band of a consensus tone (mean of -2..2 codes): negative ≤ -0.5 < neutral < 0.5 ≤ positive."""
    if x is None or x != x:
        return None
    return "negative" if x <= -0.5 else "positive" if x >= 0.5 else "neutral"


def _ratio(num, den):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _class_metrics(pred: np.ndarray, gold: np.ndarray, w: np.ndarray, classes, precision_only: bool) -> dict:
    """Weighted precision, recall, F1 per class, over the last axis (one row per bootstrap resample).

    ``classes`` are ``(value in pred/gold, name)`` pairs; an undefined figure (no unit predicted or
    coded as the class) is NaN.
    """
    out = {}
    for v, c in classes:
        p, g = pred == v, gold == v
        tp = np.sum(w * (p & g), axis=-1)
        prec = _ratio(tp, np.sum(w * p, axis=-1))
        out[(c, "precision")] = prec
        if not precision_only:
            rec = _ratio(tp, np.sum(w * g, axis=-1))
            out[(c, "recall")] = rec
            with np.errstate(invalid="ignore"):
                out[(c, "f1")] = np.where(prec + rec > 0, 2 * prec * rec / np.where(prec + rec > 0, prec + rec, 1), 0.0)
            out[(c, "f1")] = np.where(np.isnan(prec) | np.isnan(rec), np.nan, out[(c, "f1")])
    if not precision_only:
        out[("all", "accuracy")] = _ratio(np.sum(w * (pred == gold), axis=-1), np.sum(w, axis=-1))
        f1s = np.stack([out[(c, "f1")] for _, c in classes], axis=-1)
        n_ok = np.sum(~np.isnan(f1s), axis=-1)
        out[("all", "macro_f1")] = _ratio(np.nansum(f1s, axis=-1), n_ok)
    return out


def _wcorr(x: np.ndarray, y: np.ndarray, w: np.ndarray):
    if x.shape[-1] < 3:
        return np.full(x.shape[:-1], np.nan)
    w = w / np.sum(w, axis=-1, keepdims=True)
    dx = x - np.sum(w * x, axis=-1, keepdims=True)
    dy = y - np.sum(w * y, axis=-1, keepdims=True)
    vx, vy = np.sum(w * dx ** 2, axis=-1), np.sum(w * dy ** 2, axis=-1)
    return _ratio(np.sum(w * dx * dy, axis=-1), np.sqrt(vx * vy) * (vx > 1e-15) * (vy > 1e-15))


def _corr_metrics(pred: np.ndarray, gold: np.ndarray, w: np.ndarray) -> dict:
    """Weighted Pearson r and Spearman rho (Pearson of average ranks) over the last axis."""
    from scipy.stats import rankdata

    return {("all", "pearson_r"): _wcorr(pred, gold, w),
            ("all", "spearman_rho"): _wcorr(rankdata(pred, axis=-1), rankdata(gold, axis=-1), w)}


def _accuracy(cons: pd.DataFrame, *, n_boot: int, seed: int, ci: float) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for code in CODES:
        sub = cons[(cons["code"] == code.name)].dropna(subset=["consensus", "machine"])
        if not len(sub):
            continue
        specs = []
        if code.level == "interval":
            specs.append((code.name, sub["machine"].astype(float).to_numpy(), sub["consensus"].astype(float).to_numpy(),
                          None, _corr_metrics))
            pred = [_band(x) for x in sub["machine"].astype(float)]
            gold = [_tone_band(x) for x in sub["consensus"].astype(float)]
            names = ["negative", "neutral", "positive"]
            precision_only = False
            name = "tone_band"
        else:
            pred, gold = sub["machine"].astype(str).tolist(), sub["consensus"].astype(str).tolist()
            names = sorted(set(pred) | set(gold)) if not code.precision_only else sorted(set(pred))
            precision_only, name = code.precision_only, code.name
        # classes as integers: the bootstrap compares int arrays, not arrays of strings
        index = {v: i for i, v in enumerate(sorted(set(pred) | set(gold) | set(names)))}
        classes = [(index[c], c) for c in names]
        specs.append((name, np.array([index[v] for v in pred]), np.array([index[v] for v in gold]), classes,
                      lambda p, g, w, cl=classes, po=precision_only: _class_metrics(p, g, w, cl, po)))
        strata = sub["stratum"].astype(str).to_numpy(object)
        weights = sub["weight"].astype(float).to_numpy()
        groups = [("all", np.arange(len(sub)))] + [(s, np.flatnonzero(strata == s)) for s in sorted(set(strata))]
        for name, pred, gold, classes, fn in specs:
            lookup = {c: v for v, c in classes or ()}
            for stratum, idx in groups:
                if stratum != "all" and len(groups) == 2:
                    continue  # one stratum: its figures are the overall ones
                w = weights[idx] if stratum == "all" else np.ones(len(idx))
                point = {k: float(v) for k, v in fn(pred[idx], gold[idx], w).items()}
                reps = {}
                if n_boot and len(idx) > 1:
                    # every resample at once: units drawn with replacement within each stratum
                    draw = np.concatenate([s[rng.integers(0, len(s), (n_boot, len(s)))]
                                           for s in (idx[strata[idx] == x] for x in sorted(set(strata[idx])))], axis=1)
                    wd = weights[draw] if stratum == "all" else np.ones(draw.shape)
                    reps = fn(pred[draw], gold[draw], wd)
                for (cls, metric), est in point.items():
                    lo, hi = _interval(reps.get((cls, metric), ()), ci)
                    n_cls = int(np.sum(gold[idx] == lookup[cls])) if cls != "all" else len(idx)
                    rows.append({"unit_type": code.unit_type, "code": name, "stratum": stratum, "class": cls,
                                 "metric": metric, "estimate": est, "ci_low": lo, "ci_high": hi,
                                 "n_units": len(idx), "support": n_cls})
    return pd.DataFrame(rows, columns=["unit_type", "code", "stratum", "class", "metric", "estimate", "ci_low",
                                       "ci_high", "n_units", "support"])


@dataclass
class CodingResult:
    """What :func:`agreement` returns: the key, the codes, and the three result tables."""

    key: pd.DataFrame
    codes: pd.DataFrame
    reliability: pd.DataFrame
    consensus: pd.DataFrame
    accuracy: pd.DataFrame

    def reliability_plot(self, **kwargs):
        """:func:`reliability_plot` of :attr:`reliability`."""
        return reliability_plot(self.reliability, **kwargs)

    def accuracy_plot(self, code: str, **kwargs):
        """:func:`accuracy_plot` of :attr:`accuracy` for one code."""
        return accuracy_plot(self.accuracy, code, **kwargs)

    def report(self) -> str:
        """The reliability and accuracy figures in a paragraph a methods section can adapt (Markdown)."""
        n_units = self.key.groupby("unit_type").size()
        from .escaping import escape_markdown

        coders = sorted(self.codes["coder"].unique())  # from file names or a column: escaped
        parts = [f"{len(coders)} coder{'s' if len(coders) != 1 else ''} ({', '.join(map(escape_markdown, coders))}) coded a stratified random sample of "
                 + ", ".join(f"{n_units[t]} {t}s" for t in ("quote", "hit", "sentence") if t in n_units)
                 + " with the codebook, on a coding sheet that does not show the tool's codes."]
        if not (self.reliability["n_units"] > 0).any():
            parts.append("No unit was coded by two coders, so there is no reliability figure.")
        for r in self.reliability[self.reliability["n_units"] > 0].itertuples(index=False):
            parts.append(f"{r.label}: Krippendorff's α = {_fmt(r.alpha)} [{_fmt(r.alpha_low)}, {_fmt(r.alpha_high)}]"
                         f" ({r.n_units} units, {r.n_values} codes), percent agreement {_fmt(r.agreement)}"
                         + (f", Cohen's κ = {_fmt(r.kappa)}" if r.kappa == r.kappa else "") + ".")
        acc = self.accuracy[self.accuracy["stratum"] == "all"]
        for code, metric, cls, text in (("loaded", "precision", "yes", "Precision of the lexicon hits"),
                                        ("quote_kind", "accuracy", "all", "Quote kind accuracy"),
                                        ("speaker_camp", "accuracy", "all", "Speaker camp accuracy"),
                                        ("voice", "accuracy", "all", "Voice accuracy"),
                                        ("tone", "pearson_r", "all", "Correlation of VADER compound with coded tone")):
            row = acc[(acc["code"] == code) & (acc["metric"] == metric) & (acc["class"] == cls)]
            if len(row):
                r = row.iloc[0]
                parts.append(f"{text} against the coders' consensus: {_fmt(r.estimate)} "
                             f"[{_fmt(r.ci_low)}, {_fmt(r.ci_high)}] (n = {r.n_units}).")
        return " ".join(parts)


def _fmt(x) -> str:
    if x is None or x != x:
        return "n/a"
    s = f"{x:.2f}"
    return s.replace("0.", ".", 1) if abs(x) < 1 else s


def agreement(key, sheets, *, coders=None, adjudication=None, n_boot: int = 1000, seed: int = 0,
              ci: float = 0.95) -> CodingResult:
    """Read coded sheets and compute inter-coder reliability and the tool's accuracy against them.

    Parameters
    ----------
    key : DataFrame or path
        The key written by :func:`write_coding_sheet` (``coding_key.csv``).
    sheets : sequence of paths
        One filled-in coding sheet per coder (``.xlsx`` or ``.csv``), read with :func:`read_codes`.
    coders : sequence of str, optional
        Coder names (default: the file names).
    adjudication : path, optional
        A sheet of resolved codes (e.g. after discussing disagreements); its non-blank codes replace
        the consensus of those units.
    n_boot : int, default 1000
        Bootstrap resamples for every interval (0: no intervals).
    seed : int, default 0
    ci : float, default 0.95

    Returns
    -------
    CodingResult
        ``reliability`` (see :func:`reliability`); ``consensus`` (per unit and code: the coders'
        values, whether they all agree, the consensus -- the majority value, ``None`` on a tie, the
        mean for ``tone`` -- and the machine code); ``accuracy`` (tidy: ``unit_type, code, stratum,
        class, metric, estimate, ci_low, ci_high, n_units, support``) with precision, recall and F1
        per class, accuracy and macro-F1 (precision only for ``loaded``: a sample of hits cannot
        show what the lexicon missed), and for ``tone`` Pearson's r and Spearman's rho of VADER's
        compound with the consensus plus the bands (``tone_band``). Rows with ``stratum = "all"``
        weight each unit by ``population / sampled`` of its stratum, so they estimate the figure for
        all units of the corpus; intervals resample units within strata.

    Examples
    --------
    >>> val = agreement("corpus/coding_example/coding_key.csv",
    ...                 ["corpus/coding_example/coder_a.xlsx", "corpus/coding_example/coder_b.csv"], n_boot=0)
    >>> sorted(val.reliability["code"].unique())
    ['loaded', 'quote_kind', 'speaker_camp', 'tone', 'voice']
    """
    key = _read_key(key)
    sheets = [sheets] if isinstance(sheets, (str, Path)) else list(sheets)
    if not sheets:
        raise CodingError("agreement: give at least one coded sheet")
    if coders is not None and len(coders) != len(sheets):
        raise CodingError(f"coders: {len(coders)} names for {len(sheets)} sheets")
    names = list(coders) if coders is not None else [Path(s).stem for s in sheets]
    if len(set(names)) != len(names):
        raise CodingError(f"agreement: two sheets have the same coder name {names!r}; pass coders=")
    codes = pd.concat([read_codes(s, key, coder=c) for s, c in zip(sheets, names)], ignore_index=True)
    adj = read_codes(adjudication, key, coder="adjudication") if adjudication is not None else None
    rel = reliability(codes, n_boot=n_boot, seed=seed, ci=ci)
    cons = _consensus(codes, key, adj)
    acc = _accuracy(cons, n_boot=n_boot, seed=seed, ci=ci)
    return CodingResult(key, codes, rel, cons, acc)


# ---------------------------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------------------------


def reliability_plot(table: pd.DataFrame, *, title: str | None = None, ax=None, figsize=None):
    """Krippendorff's alpha per code with its bootstrap interval and the field's thresholds.

    Dashed lines mark Krippendorff's (2004) thresholds: α ≥ .800 for conclusions, .667 ≤ α < .800
    for tentative conclusions only.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["Quote kind"], "alpha": [0.8], "alpha_low": [0.7], "alpha_high": [0.9],
    ...                   "n_units": [20]})
    >>> reliability_plot(t).axes[0].get_xlabel()
    "Krippendorff's alpha (95% bootstrap interval)"
    """
    from .plots import _finish, _has_rows, _height, _no_data, _themed
    from .plots import _figure

    title = title or "Agreement between coders"
    if not _has_rows(table, ["label", "alpha", "alpha_low", "alpha_high", "n_units"], "reliability_plot", "table"):
        return _no_data(title, ax)
    from .highlight import PALETTE

    with _themed():
        fig, ax = _figure(ax, figsize or (8, _height(len(table), base=2.0)))
        t = table.reset_index(drop=True)
        ys = np.arange(len(t))
        est = t["alpha"].astype(float).to_numpy()
        lo, hi = t["alpha_low"].astype(float).to_numpy(), t["alpha_high"].astype(float).to_numpy()
        ok = ~np.isnan(lo) & ~np.isnan(hi) & ~np.isnan(est)
        ax.errorbar(est[ok], ys[ok], xerr=[est[ok] - lo[ok], hi[ok] - est[ok]], fmt="o", color=PALETTE[0],
                    capsize=4, lw=1.5)
        ax.plot(est[~ok & ~np.isnan(est)], ys[~ok & ~np.isnan(est)], "o", color=PALETTE[0])
        low = np.nanmin(np.concatenate([lo[ok], est[~np.isnan(est)], [0.0]])) if len(t) else 0.0
        for x, text, ha in ((0.667, "tentative .667 ", "right"), (0.8, " reliable .800", "left")):
            ax.axvline(x, color="#555555", ls="--", lw=1)
            ax.text(x, -0.75, text, ha=ha, va="center", fontsize=8, color="#555555")
        labels = [f"{lab}  (n = {n})" for lab, n in zip(t["label"], t["n_units"])]
        for y, e in zip(ys, est):
            ax.text(1.02, y, "undefined" if e != e else f"{e:.2f}".replace("0.", ".", 1), va="center", fontsize=9,
                    transform=ax.get_yaxis_transform())
        ax.set_yticks(ys, labels)
        ax.set_ylim(len(t) - 0.5, -1)
        ax.set_xlim(min(-0.05, low - 0.05), 1.05)
        ax.set_xticks([t for t in np.arange(-1.0, 1.01, 0.2) if t >= min(-0.05, low - 0.05) - 1e-9])
        ax.set_xlabel("Krippendorff's alpha (95% bootstrap interval)")
        ax.set_title(title)
        return _finish(fig)


_METRIC_NAMES = {"precision": "Precision", "recall": "Recall", "f1": "F1", "accuracy": "Accuracy",
                 "macro_f1": "Macro F1", "pearson_r": "Pearson r", "spearman_rho": "Spearman rho"}


def _human(v: str) -> str:
    return str(v).replace("_", " ")


def accuracy_plot(table: pd.DataFrame, code: str, *, by: str = "class", metrics=None, labels: dict | None = None,
                  title: str | None = None, ax=None, figsize=None):
    """The tool against the coders: one row per class (or stratum), a point and interval per metric.

    Parameters
    ----------
    table : DataFrame
        :attr:`CodingResult.accuracy`.
    code : str
        ``quote_kind``, ``speaker_camp``, ``loaded``, ``voice``, ``tone`` or ``tone_band``.
    by : {"class", "stratum"}
        ``"class"``: the overall figures per class; ``"stratum"``: per stratum (e.g. per lexicon
        category for ``loaded``).
    metrics : sequence of str, optional
        Default precision, recall and F1 (precision for ``loaded``; r and rho for ``tone``).
    labels : dict, optional
        Row labels to show instead of the raw values (e.g. category -> category label).

    Examples
    --------
    >>> t = pd.DataFrame({"code": ["voice"] * 2, "stratum": ["all"] * 2, "class": ["quoted"] * 2,
    ...                   "metric": ["precision", "recall"], "estimate": [0.9, 0.8], "ci_low": [0.8, 0.6],
    ...                   "ci_high": [1.0, 0.9], "n_units": [10, 10], "support": [5, 5]})
    >>> [t.get_text() for t in accuracy_plot(t, "voice").axes[0].get_yticklabels()]
    ['quoted  (n = 5)']
    """
    from .highlight import PALETTE
    from .plots import _figure, _finish, _has_rows, _height, _no_data, _themed

    cols = ["code", "stratum", "class", "metric", "estimate", "ci_low", "ci_high", "n_units", "support"]
    spec = _CODE.get(code)
    title = title or f"{spec.label if spec else _human(code).capitalize()}: the tool against the coders"
    if not _has_rows(table, cols, "accuracy_plot", "table"):
        return _no_data(title, ax)
    if by not in ("class", "stratum"):
        raise ValueError(f"accuracy_plot: by must be 'class' or 'stratum', got {by!r}")
    t = table[table["code"] == code]
    if metrics is None:
        metrics = ("pearson_r", "spearman_rho") if code == "tone" else ("precision",) if (spec and spec.precision_only) \
            else ("precision", "recall", "f1")
    t = t[t["metric"].isin(metrics)]
    t = t[t["stratum"] == "all"] if by == "class" else t[t["stratum"] != "all"]
    if not len(t):
        return _no_data(title, ax)
    row_col = "class" if by == "class" else "stratum"
    rows = sorted(t[row_col].astype(str).unique())
    labels = labels or {}
    with _themed():
        fig, ax = _figure(ax, figsize or (8, _height(len(rows), base=2.0)))
        offsets = np.linspace(-0.2, 0.2, len(metrics)) if len(metrics) > 1 else [0.0]
        for k, (metric, off) in enumerate(zip(metrics, offsets)):
            m = t[t["metric"] == metric].set_index(row_col)
            ys, est, lo, hi = [], [], [], []
            for i, r in enumerate(rows):
                if r in m.index and m.loc[r, "estimate"] == m.loc[r, "estimate"]:
                    rec = m.loc[r]
                    ys.append(i + off)
                    est.append(float(rec["estimate"]))
                    lo.append(float(rec["ci_low"]) if rec["ci_low"] == rec["ci_low"] else float(rec["estimate"]))
                    hi.append(float(rec["ci_high"]) if rec["ci_high"] == rec["ci_high"] else float(rec["estimate"]))
            est_a = np.array(est)
            ax.errorbar(est_a, ys, xerr=[est_a - np.array(lo), np.array(hi) - est_a], fmt="o", capsize=3,
                        color=PALETTE[k % len(PALETTE)], label=_METRIC_NAMES.get(metric, _human(metric)))
        n_of = t.groupby(row_col)["support" if by == "class" else "n_units"].max()
        ax.set_yticks(range(len(rows)), [f"{labels.get(r, _human(r))}  (n = {int(n_of[r])})" for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        low = min(0.0, float(np.nanmin(t["ci_low"].fillna(t["estimate"]))))
        ax.set_xlim(low - 0.03, 1.05)
        what = _METRIC_NAMES.get(metrics[0], _human(metrics[0])) if len(metrics) == 1 else "Estimate"
        ax.set_xlabel(f"{what} (95% bootstrap interval)")
        ax.set_title(title)
        if len(metrics) > 1:
            ax.legend(bbox_to_anchor=(1.02, 1), loc="upper left", frameon=False)
        return _finish(fig)
