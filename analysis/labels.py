"""Human names for the codes of the analysis tables: one mapping used by every chart and table.

The tables use short codes (``scare_quote``, ``us_democrat``, ``own_framing_rate``, ...) so they
are easy to filter and join; a reader should never see them.  :func:`label` turns one code into
its human name and :func:`relabel` does it for a whole display table (column names and the values
of code columns such as ``voice`` or ``camp``).  Every figure of :mod:`analysis.plots` goes through
these functions for its titles, axis labels, legends and tick labels.

Kinds of code
-------------
``"voice"``
    the voices of a text (``narrator``, ``paraphrase``, ``quoted``, ``scare_quote``, ``caption``).
``"camp"``
    the camps of the actor table (``analysis/data/actors.csv``) and of ``camp_lean``.
``"category"``
    the framing-lexicon categories: the ``label`` column of ``analysis/data/lexicon_categories.csv``.
``"cue_class"``
    the classes of reporting cues (``analysis/data/cues.csv``).
``"metric"``
    the columns of the ``documents`` table and of the :mod:`analysis.compare` and
    :mod:`analysis.validation` outputs that a chart or table shows.
``"column"``
    grouping and identifier columns (``outlet``, ``camp_lean``, ``bias_text``, ``doc_id``, ...).

A code of no known kind is made readable (``"some_code"`` -> ``"Some code"``), so a chart never
shows snake_case even for a column of the user's own corpus.

Examples
--------
>>> label("scare_quote")
'Scare quotes'
>>> label("ngo", "camp"), label("bias_text")
('NGOs', 'AllSides rating')
>>> label("my_own_column")
'My own column'
"""
from __future__ import annotations

import csv
import math
import numbers
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["KINDS", "CODE_COLUMNS", "label", "labels", "known", "relabel", "readable", "readable_table",
           "ReadableTable"]

_DATA = Path(__file__).resolve().parent / "data"

#: The kinds of code :func:`label` knows, in the order it looks a code up when ``kind`` is None.
KINDS = ("voice", "camp", "category", "cue_class", "metric", "column")

_VOICES = {
    "narrator": "Outlet's own narration",
    "paraphrase": "Paraphrase",
    "quoted": "Verbatim quotes",
    "scare_quote": "Scare quotes",
    "caption": "Caption / credit",
    "own": "Outlet's own voices",
}

_CAMPS = {
    "west": "West",
    "russia": "Russia",
    "china": "China",
    "iran": "Iran",
    "pakistan": "Pakistan",
    "taliban": "Taliban",
    "central_asia": "Central Asia",
    "us_democrat": "US Democrats",
    "us_republican": "US Republicans",
    "international_org": "International organisations",
    "ngo": "NGOs",
    "civil_society": "Civil society",
    "neutral": "Neutral",
    "unknown": "Unknown camp",
}

_CUE_CLASSES = {
    "neutral": "Neutral (said, told)",
    "evaluative": "Evaluative (admitted, claimed)",
    "directive": "Directive (urged, demanded)",
    "emotive": "Emotive (slammed, lashed out)",
    "epistemic": "Epistemic (believes, suggested)",
    "evidential": "Evidential (showed, confirmed)",
    "commissive": "Commissive (promised, vowed)",
    "naming": "Naming (called, dubbed)",
}

_RATE = "Loaded terms per 1,000 words"
_SENT = "Sentiment (VADER compound, −1 to 1)"
_METRICS = {
    "own_framing_rate": f"{_RATE}, outlet's own voices",
    "source_framing_rate": f"{_RATE}, quoted sources",
    "framing_rate": f"{_RATE}, all voices",
    "weighted_framing_rate": "Weighted loaded terms per 1,000 words, all voices",
    "n_hits": "Loaded terms found",
    "n_own_hits": "Loaded terms in the outlet's own voices",
    "compound_mean": f"{_SENT}, mean of sentences",
    "compound_weighted": f"{_SENT}, mean weighted by sentence length",
    "share_positive": "Share of positive sentences",
    "share_negative": "Share of negative sentences",
    "n_chars": "Characters",
    "n_words": "Words",
    "n_body_words": "Words outside captions",
    "n_paragraphs": "Paragraphs",
    "n_sentences": "Sentences",
    "n_quotes": "Quotes",
    "n_direct": "Direct quotes",
    "n_indirect": "Indirect quotes (paraphrases)",
    "n_scare": "Scare quotes",
    "n_utterances": "Utterances",
    "n_sources": "Sources quoted",
    "n_vague_sources": "Vague sources (\"officials said\")",
    "attributed_words": "Words attributed to sources",
    "attributed_share": "Share of words attributed to sources",
    "top_source": "Most-quoted source",
    "top_source_share": "Share of attributed words, most-quoted source",
    "n_camps_heard": "Camps heard",
    "n_camps_mentioned": "Camps mentioned",
    "camp_evenness": "Camp evenness (1 = every camp at stake heard equally)",
    "camp_evenness_heard": "Camp evenness among camps heard",
    "direct_indirect_ratio": "Direct / indirect quotes",
    "evaluative_cue_share": "Share of evaluative reporting verbs",
    # analysis.report.lexicon_change
    "own_rate_before": f"{_RATE}, outlet's own voices, base lexicon",
    "own_rate_after": f"{_RATE}, outlet's own voices, extended lexicon",
    "hits_before": "Loaded terms found, base lexicon",
    "hits_after": "Loaded terms found, extended lexicon",
    # compare / validation outputs
    "mean": "Mean",
    "ci_low": "CI low",
    "ci_high": "CI high",
    "n_docs": "Documents",
    "n_missing": "Documents missing the value",
    "n_boot": "Bootstrap resamples",
    "diff": "Difference",
    "p_value": "p-value",
    "p_holm": "p-value (Holm-adjusted)",
    "z": "z-score",
    "delta": "Log-odds ratio",
    "count_a": "Count in A",
    "count_b": "Count in B",
    "n_a": "Documents in A",
    "n_b": "Documents in B",
    "stat_a": "Statistic in A",
    "stat_b": "Statistic in B",
    "n_perm": "Permutations",
    "statistic": "Statistic",
    "n": "Count",
    "estimate": "Estimate",
    "n_units": "Units",
    "accuracy": "Accuracy",
    "share": "Share",
    "f1_mean": "F1 (mean over folds)",
    "f1_sd": "F1 (SD over folds)",
    "macro_f1": "Macro F1",
    "f1_positive": "F1 (biased class)",
    "precision": "Precision",
    "precision_mean": "Precision (mean over folds)",
    "recall": "Recall",
    "recall_mean": "Recall (mean over folds)",
    "r_ours": "Pearson r, this package's VADER",
    "r_reference": "Pearson r, reference VADER",
    "pearson_r": "Pearson r",
    "pearson_p": "Pearson p-value",
    "spearman_rho": "Spearman ρ",
    "spearman_p": "Spearman p-value",
    "speaker_acc": "Speaker accuracy",
    # columns of docs/validation.md (analysis.validation.figures_by_area)
    "n_texts": "Texts",
    "n_identical": "Identical to the reference",
    "pearson_r_ours": "Pearson r, this package's VADER",
    "pearson_r_reference": "Pearson r, reference VADER",
    "n_targets": "Targets",
    "n_articles": "Articles",
    "auc_rate": "Sentence AUC, hit rate",
    "auc_weighted": "Sentence AUC, weighted hit rate",
    "f1_new_mean": "F1 on SG2 not in SG1 (mean over folds)",
    "diff_ci95_low": "Gain, 95% CI low",
    "diff_ci95_high": "Gain, 95% CI high",
    "mean_lex_density": "Mean lexical-bias density",
    "mean_framing_rate": f"Mean {_RATE[:1].lower()}{_RATE[1:]}, all voices",
    "mean_own_framing_rate": f"Mean {_RATE[:1].lower()}{_RATE[1:]}, outlet's own voices",
    "lex_span_recall": "Lexical-bias spans with a hit",
    "n_lex_spans": "Lexical-bias spans",
    "coverage": "Coverage",
}

_COLUMNS = {
    "doc_id": "Document",
    "outlet": "Outlet",
    "camp_lean": "Camp lean",
    "bias_text": "AllSides rating",
    "bias": "AllSides rating",
    "date": "Date",
    "period": "Period",
    "title": "Title",
    "group": "Group",
    "metric": "Measure",
    "voice": "Voice",
    "camp": "Camp",
    "category": "Category",
    "cue_class": "Cue class",
    "speaker": "Speaker",
    "actor": "Actor",
    "word": "Word",
    "term": "Term",
    "model": "Model",
    "set": "Data set",
    "author": "Author",
    "language": "Language",
    "dataset": "Data set",
    "split": "Split",
    "kind": "Kind",
    "cue": "Reporting cue",
    "match": "Matched words",
    "text": "Text",
    "side": "Side",
    "rank": "Rank",
    "unit_type": "Unit type",
    "unit_id": "Unit",
    "code": "Code",
    # the codes of a coding sheet (analysis.coding.CODES)
    "quote_kind": "Quote kind",
    "speaker_camp": "Speaker's camp",
    "loaded": "Framing language",
    "tone": "Tone",
    "tone_band": "Tone band",
}

#: Columns whose *values* are codes, and the kind of code they hold (used by :func:`relabel`).
CODE_COLUMNS = {
    "voice": "voice",
    "camp": "camp",
    "camp_lean": "camp",
    "category": "category",
    "cue_class": "cue_class",
    "metric": "metric",
    "code": "column",
}


def readable(code) -> str:
    """A readable form of any code: underscores become spaces, first letter upper case.

    Parameters
    ----------
    code : object
        Missing values (None, NaN, ``pd.NA``) read ``"(missing)"``.

    Returns
    -------
    str

    Examples
    --------
    >>> readable("some_code"), readable("RT"), readable(None)
    ('Some code', 'RT', '(missing)')
    """
    if code is None or code is pd.NA or (isinstance(code, float) and math.isnan(code)):
        return "(missing)"
    text = " ".join(str(code).replace("_", " ").split())
    return text[:1].upper() + text[1:] if text else text


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    path = _DATA / "lexicon_categories.csv"
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except OSError:  # pragma: no cover - the file ships with the package
        return {}
    return {r["category"]: (r.get("label") or "").strip() or readable(r["category"]) for r in rows if r.get("category")}


def _derived_metric(code: str) -> str | None:
    """Names of the per-voice and per-category columns (``framing_rate_quoted``, ``own_rate_fear_appeal``)."""
    for prefix, head in (("framing_rate_", _RATE), ("compound_", _SENT), ("share_", "Share of words"),
                         ("words_", "Words")):
        if code.startswith(prefix) and code[len(prefix):] in _VOICES:
            return f"{head}, {_voice_in(code[len(prefix):])}"
    for prefix, scope in (("own_rate_", "outlet's own voices"), ("rate_", "all voices")):
        if code.startswith(prefix) and code[len(prefix):] in _categories():
            return f"{_categories()[code[len(prefix):]]}: {_RATE.lower()}, {scope}"
    base, bracket, qualifier = code.partition("[")
    snake = "_" in base and base.islower() and base.replace("_", "").isalnum()
    if bracket and qualifier.endswith("]") and (base in _METRICS or snake):  # validation columns: "f1_mean[tfidf]"
        return f"{_METRICS.get(base) or readable(base)} [{qualifier[:-1].replace('_', ' ')}]"
    return None


def _voice_in(voice: str) -> str:
    name = _VOICES[voice]
    return name[:1].lower() + name[1:]


def _table(kind: str) -> dict[str, str]:
    return {"voice": _VOICES, "camp": _CAMPS, "category": _categories(), "cue_class": _CUE_CLASSES,
            "metric": _METRICS, "column": _COLUMNS}[kind]


def label(code, kind: str | None = None) -> str:
    """The human name of a code.

    Parameters
    ----------
    code : object
        A voice, camp, lexicon category, cue class, metric or column code.  Anything else (a
        group label such as an outlet name, a number) is returned readable: underscores become
        spaces and the first letter is upper case; a missing value reads ``"(missing)"``.
    kind : {"voice", "camp", "category", "cue_class", "metric", "column"}, optional
        Where to look the code up.  Without it the kinds are tried in the order of :data:`KINDS`
        (``"neutral"`` is then the camp, not the cue class).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        An unknown ``kind``.

    Examples
    --------
    >>> label("narrator"), label("us_democrat")
    ("Outlet's own narration", 'US Democrats')
    >>> label("own_framing_rate")
    "Loaded terms per 1,000 words, outlet's own voices"
    >>> label("framing_rate_quoted")
    'Loaded terms per 1,000 words, verbatim quotes'
    >>> label("delegitimising"), label("neutral", "cue_class")
    ('Delegitimising labels', 'Neutral (said, told)')
    >>> label("some_code")
    'Some code'
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"label: kind must be one of {', '.join(KINDS)} or None, got {kind!r}")
    if not isinstance(code, str):
        return readable(code)
    for k in (kind,) if kind else KINDS:
        table = _table(k)
        if code in table:
            return table[code]
        if k == "metric":
            derived = _derived_metric(code)
            if derived is not None:
                return derived
    return readable(code)


def known(code, kind: str | None = None) -> bool:
    """Whether ``code`` has a human name of its own (rather than the :func:`readable` fallback).

    Examples
    --------
    >>> known("russia"), known("RT"), known("framing_rate_quoted", "metric")
    (True, False, True)
    """
    if not isinstance(code, str):
        return False
    for k in (kind,) if kind else KINDS:
        if code in _table(k) or (k == "metric" and _derived_metric(code) is not None):
            return True
    return False


def labels(codes, kind: str | None = None) -> list[str]:
    """:func:`label` of each code, in order.

    Examples
    --------
    >>> labels(["west", "ngo"], "camp")
    ['West', 'NGOs']
    """
    return [label(c, kind) for c in codes]


def relabel(df: pd.DataFrame, columns=None) -> pd.DataFrame:
    """A copy of ``df`` ready to display: human column names and human values in code columns.

    The values of the columns listed in :data:`CODE_COLUMNS` (``voice``, ``camp``, ``camp_lean``,
    ``category``, ``cue_class``, ``metric``) are replaced by their :func:`label`; every column name
    is replaced by its :func:`label` (as a metric or column name).  Other values (outlet names,
    numbers) are left as they are.  Use it on a table you are about to show, not on one you will
    keep computing with.

    Parameters
    ----------
    df : DataFrame
    columns : list of str, optional
        Only these columns are renamed and mapped (default: all).

    Returns
    -------
    DataFrame

    Raises
    ------
    TypeError
        ``df`` is not a DataFrame.
    ValueError
        A name in ``columns`` is not a column of ``df``.

    Examples
    --------
    >>> t = pd.DataFrame({"camp": ["ngo", "west"], "voice": ["quoted", "scare_quote"], "n_words": [10, 3]})
    >>> relabel(t).to_dict("list")
    {'Camp': ['NGOs', 'West'], 'Voice': ['Verbatim quotes', 'Scare quotes'], 'Words': [10, 3]}
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"relabel: expected a pandas DataFrame, got {type(df).__name__}")
    if columns is None:
        columns = list(df.columns)
    else:
        columns = [columns] if isinstance(columns, str) else list(columns)
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise ValueError(f"relabel: column {missing[0]!r} not in the table (columns: {list(df.columns)})")
    out = df.copy()
    for col in columns:
        kind = CODE_COLUMNS.get(col) if isinstance(col, str) else None
        if kind is not None:
            out[col] = [v if not isinstance(v, str) else label(v, kind) for v in out[col]]
    return out.rename(columns={c: _column_name(c) for c in columns})


def _column_name(col) -> str:
    if not isinstance(col, str):
        return readable(col)
    if col in _COLUMNS:
        return _COLUMNS[col]
    return label(col, "metric")


# ---------------------------------------------------------------------------------------------
# tables to show: readable headers and values, rounded numbers, no row numbers
# ---------------------------------------------------------------------------------------------
_MISSING_NUMBER = "n/a"


class ReadableTable:
    """A table ready to show in a notebook or report (made by :func:`readable_table`).

    Jupyter and nbconvert show it as an HTML table (``_repr_html_``), ``print`` and ``repr`` as plain
    text; :meth:`to_frame` gives the shown cells as a DataFrame of strings.  Every header and cell
    goes through :func:`analysis.escaping.escape_html`, so markup in an outlet name, a speaker or an
    article's text stays text.

    Examples
    --------
    >>> t = readable_table(pd.DataFrame({"outlet": ["<b>RT</b>"], "n_quotes": [3]}))
    >>> print(t)
    Outlet    Quotes
    <b>RT</b>      3
    >>> "&lt;b&gt;RT&lt;/b&gt;" in t._repr_html_()
    True
    """

    def __init__(self, frame: pd.DataFrame, numeric: list[bool], cells: list[list], codes: bool = False):
        self._codes = codes
        self._frame = frame
        self._numeric = numeric
        self._cells = cells  # per row, per column: str or list of str (shown on separate lines)

    def to_frame(self) -> pd.DataFrame:
        """The shown cells (strings) under the shown headers."""
        return self._frame.copy()

    def __len__(self) -> int:
        return len(self._frame)

    def __repr__(self) -> str:
        if self._frame.empty:
            return "(no rows) " + ", ".join(map(str, self._frame.columns))
        return self._frame.to_string(index=False)

    def _repr_html_(self) -> str:
        from .escaping import escape_html

        def align(numeric: bool) -> str:
            return "right" if numeric else "left"

        # text columns with long cells get some width, so that a name is not broken over three lines
        # and a sentence not over twenty
        longest = [0 if n or self._frame.empty else int(self._frame.iloc[:, j].str.len().max())
                   for j, n in enumerate(self._numeric)]
        width = ["; min-width: 20em" if m > 60 else "; min-width: 8em" if m > 12 else "" for m in longest]
        head = "".join(f'<th style="text-align: {align(n)}{w}">{escape_html(c)}</th>'
                       for c, n, w in zip(self._frame.columns, self._numeric, width))
        rows = []
        for row in self._cells:
            tds = []
            for cell, n in zip(row, self._numeric):
                text = "<br>".join(escape_html(x) for x in cell) if isinstance(cell, list) else escape_html(cell)
                tds.append(f'<td style="text-align: {align(n)}">{text}</td>')
            rows.append("<tr>" + "".join(tds) + "</tr>")
        body = "".join(rows) if rows else f'<tr><td colspan="{max(1, len(self._numeric))}">(no rows)</td></tr>'
        kind = "an-table-codes" if self._codes else "an-table"  # headers as in a file, or readable
        return (f'<table class="dataframe {kind}"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")


def _is_missing(v) -> bool:
    try:
        return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))
    except (TypeError, ValueError):  # pragma: no cover - exotic scalars
        return False


def _cell(v, fmt: str, max_chars: int, digits: int, plain: bool = False):
    """One cell as shown: str, or a list of str for list-like values (one per line)."""
    if isinstance(v, (list, tuple)):
        return [str(x) if isinstance(x, (list, tuple)) else _cell(x, fmt, max_chars, digits, plain) for x in v]
    if _is_missing(v):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d") if v == v.normalize() else str(v)
    if isinstance(v, numbers.Integral):
        return str(int(v)) if plain else f"{int(v):,}"
    if isinstance(v, numbers.Real):
        return fmt.format(float(v)) if fmt != "{}" else f"{float(v):,.{digits}f}"
    text = " ".join(str(v).split()) if isinstance(v, str) else str(v)
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def _is_offset(code) -> bool:
    return isinstance(code, str) and (code in ("start", "end") or code.endswith(("_start", "_end")))


def _column_format(values: pd.Series, digits: int) -> tuple[bool, str]:
    """(numeric?, format of its floats): floats that are all whole numbers read as integers."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values) or not values.notna().any():
        return False, "{}"  # an empty column (a coding sheet's code columns) is left blank, not "n/a"
    if pd.api.types.is_float_dtype(values):
        finite = values[values.notna() & (values.abs() != float("inf"))]
        if len(finite) and bool((finite == finite.round()).all()) and bool((finite.abs() < 1e15).all()):
            return True, "{:,.0f}"
        return True, "{:,.%df}" % digits
    return True, "{:,}"


def readable_table(df, digits: int = 2, *, max_chars: int = 200, names: dict | None = None,
                   codes: bool = False) -> ReadableTable:
    """A table to show: human headers and code values, rounded numbers, no row numbers.

    Notebooks and reports show tables through this function, while the tables they keep computing
    with and the files they save (CSV, Parquet) keep the codes, which are what users type in their
    own code.  What it does to a copy of ``df``:

    * a meaningful index (named, or not integers: a pivot's groups, a summary's metric names) becomes
      the first column(s); a plain row number is dropped;
    * :func:`relabel`: headers by :func:`label`, code values of the columns in :data:`CODE_COLUMNS`
      by their human name; column names of a pivot whose columns are codes (``columns.name`` in
      :data:`CODE_COLUMNS`: cue classes, voices, camps) by their human name;
    * ``names`` renames headers after that (e.g. ``{"count_a": "n in Fox"}``, keys are the codes);
      with ``codes=True`` headers and values are shown as they are (a preview of a file whose
      column names the user types, such as a coding sheet);
    * numbers are rounded to ``digits`` decimals (floats that are all whole numbers are shown as
      integers, thousands separated by commas), missing numbers read ``n/a`` and missing text is left
      blank, ``True``/``False`` read ``yes``/``no``, lists are shown one item per line, text longer
      than ``max_chars`` is cut with ``…``.

    Parameters
    ----------
    df : DataFrame or Series
    digits : int, default 2
        Decimals of non-integer numbers.
    max_chars : int, default 200
        Longest text shown in a cell.
    names : dict, optional
        Header for a column code, overriding its :func:`label`.
    codes : bool, default False
        Keep the column names and code values as they are (only numbers, missing values and
        long texts are formatted).

    Returns
    -------
    ReadableTable
        Shown as HTML in Jupyter and reports (every value escaped with
        :func:`analysis.escaping.escape_html`), as text by ``print``.

    Raises
    ------
    TypeError
        ``df`` is not a DataFrame or Series.

    Examples
    --------
    >>> t = pd.DataFrame({"voice": ["scare_quote"], "n_words": [3.0], "share": [0.123456]})
    >>> print(readable_table(t))
           Voice Words Share
    Scare quotes     3  0.12
    >>> pivot = pd.DataFrame({"neutral": [0.5], "emotive": [0.25]},
    ...                      index=pd.Index(["RT"], name="outlet")).rename_axis(columns="cue_class")
    >>> readable_table(pivot).to_frame().columns.tolist()
    ['Outlet', 'Neutral (said, told)', 'Emotive (slammed, lashed out)']
    """
    if isinstance(df, pd.Series):
        df = df.to_frame(df.name if df.name is not None else "value")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"readable_table: expected a pandas DataFrame or Series, got {type(df).__name__}")
    frame = df.copy()
    col_kind = CODE_COLUMNS.get(frame.columns.name) if isinstance(frame.columns.name, str) and not codes else None
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" · ".join(readable(x) for x in c) for c in frame.columns]
    elif col_kind is not None:
        frame.columns = [label(c, col_kind) if isinstance(c, str) and known(c, col_kind) else c for c in frame.columns]
    frame.columns.name = None
    index = frame.index
    meaningful = any(n is not None for n in index.names) or not pd.api.types.is_integer_dtype(index)
    if meaningful:
        names_in = [n if n is not None else ("" if index.nlevels == 1 else f"level_{i}")
                    for i, n in enumerate(index.names)]
        frame.index = frame.index.set_names(names_in)
        frame = frame.reset_index()
    else:
        frame = frame.reset_index(drop=True)
    if not codes:
        frame = relabel(frame)
    if names:
        shown = {_column_name(k) if not codes and isinstance(k, str) and k in df.columns else k: v
                 for k, v in names.items()}
        frame = frame.rename(columns={k: str(v) for k, v in shown.items()})
    numeric, cells = [], [[] for _ in range(len(frame))]
    offsets = [_is_offset(c) for c in (list(index.names) if meaningful else []) + list(df.columns)]
    for j in range(frame.shape[1]):
        col = frame.iloc[:, j]
        is_num, fmt = _column_format(col, int(digits))
        plain = j < len(offsets) and offsets[j]  # character offsets read as the index they are: 1046, not 1,046
        if plain and fmt == "{:,.0f}":
            fmt = "{:.0f}"
        numeric.append(is_num)
        for i, v in enumerate(col.tolist()):
            c = _cell(v, fmt, int(max_chars), int(digits), plain)
            cells[i].append(_MISSING_NUMBER if is_num and c == "" else c)
    shown = pd.DataFrame([[("; ".join(c) if isinstance(c, list) else c) for c in row] for row in cells],
                         columns=[str(c) for c in frame.columns])
    return ReadableTable(shown, numeric, cells, codes=codes)
