"""Readers for public annotated data sets, given a local path.

Each reader takes the data-set folder (by default ``default_root() / "<name>"``) and returns tidy
pandas DataFrames.  The data sets are *not* part of this package: download them yourself and cite
the papers named in each reader's docstring when you report results.

Offsets in every frame are Python ``str`` indices into the text column of the same (or the
referenced) frame, so ``text[start:end]`` is the span.  Missing values are ``NaN``/``None``/``<NA>``,
never empty strings.  Bad input raises a one-line ``FileNotFoundError`` or ``ValueError`` naming the
file (and line or row).

Readers
-------
read_babe, read_babe_lexicon
    BABE sentence-level bias labels (Spinde et al. 2021) and its bias-word lexicon.
read_basil
    BASIL lexical/informational bias spans in 300 articles (Fan et al. 2019).
read_polnear
    PolNeAR attribution relations (source, cue, content) in 2016 election news (Newell et al. 2018).
read_allsides
    AllSides-labelled full articles (Baly et al. 2020).
read_ukraine_news_bias
    Crowd-sourced sentence bias on the 2014 Ukraine crisis (Faerber et al. 2020).
read_newsmtsc
    Target-dependent sentiment in news sentences (Hamborg & Donnay 2021).
read_vader_groundtruth
    The four VADER validation sets (Hutto & Gilbert 2014).

Helpers :func:`parse_brat` and :func:`parse_brat_fragments` read brat standoff annotations.

Examples
--------
>>> parse_brat_fragments("10 20;25 30")
((10, 20), (25, 30))
"""
from __future__ import annotations

import ast
import json
import math
import os
import re
import warnings
from pathlib import Path
from typing import Iterable, NamedTuple

import pandas as pd

_REPO = Path(__file__).resolve().parents[1]

__all__ = [
    "default_root",
    "BratSpan",
    "BratEvent",
    "parse_brat_fragments",
    "parse_brat",
    "BasilData",
    "PolnearData",
    "read_babe",
    "read_babe_lexicon",
    "read_basil",
    "read_polnear",
    "read_allsides",
    "read_ukraine_news_bias",
    "read_newsmtsc",
    "read_vader_groundtruth",
    "VADER_SETS",
    "NEWSMTSC_LABELS",
]


def default_root() -> Path | None:
    """Return the folder holding the shared data sets, or ``None`` when it is absent.

    Looks at the ``ANALYSIS_DATASETS`` environment variable first, then ``../shared/datasets``
    next to the repository.

    Returns
    -------
    pathlib.Path or None
        The first candidate folder that exists.

    Examples
    --------
    >>> root = default_root()
    >>> root is None or root.is_dir()
    True
    """
    env = os.environ.get("ANALYSIS_DATASETS")
    candidates = [Path(env)] if env else []
    candidates.append(_REPO.parent / "shared" / "datasets")
    for cand in candidates:
        if cand.is_dir():
            return cand
    return None


# --------------------------------------------------------------------------------------------
# path helpers
# --------------------------------------------------------------------------------------------

def _dataset_dir(path: str | os.PathLike | None, name: str) -> Path:
    """Resolve the folder of data set ``name`` (``path`` or ``default_root() / name``)."""
    if path is None:
        root = default_root()
        if root is None:
            raise FileNotFoundError(
                f"no path given for data set {name!r} and no shared data-set folder found "
                "(pass path=... or set ANALYSIS_DATASETS)"
            )
        path = root / name
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{name} data-set folder not found: {path}")
    return path


def _first_existing(base: Path, candidates: Iterable[str], what: str) -> Path:
    """Return ``base / c`` for the first candidate that exists, else a FileNotFoundError."""
    candidates = list(candidates)
    for cand in candidates:
        p = base / cand if cand else base
        if p.exists():
            return p
    raise FileNotFoundError(f"{what} not found: {base / candidates[0]}")


def _read_json(file: Path):
    try:
        with open(file, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{file}:{exc.lineno}: invalid JSON: {exc.msg}") from None


def _iso_dates(values: list, where: list) -> pd.Series:
    """Parse ``YYYY-MM-DD`` strings (None/'' -> NaT); raise naming where the first bad value is."""
    s = pd.Series([v if v else None for v in values], dtype="object")
    out = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    bad = out.isna() & s.notna()
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise ValueError(f"{where[i]}: date {s.iloc[i]!r} is not YYYY-MM-DD")
    return out


def _none_if_empty(value):
    """Return ``None`` for '' / 'None' / whitespace-only strings, else the value unchanged."""
    if value is None:
        return None
    if isinstance(value, str) and (not value.strip() or value == "None"):
        return None
    return value


# --------------------------------------------------------------------------------------------
# brat standoff
# --------------------------------------------------------------------------------------------

class BratSpan(NamedTuple):
    """One brat text-bound annotation (a ``T`` line).

    Attributes
    ----------
    id : str
        Annotation id, e.g. ``"T3"``.
    type : str
        Entity type, e.g. ``"Content"``.
    fragments : tuple of (int, int)
        ``(start, end)`` character offsets, in file order (discontinuous spans have several).
    text : str
        The annotated text as written in the file: fragment texts joined by one space.

    Examples
    --------
    >>> s = BratSpan("T1", "Cue", ((4, 8),), "said")
    >>> s.start, s.end
    (4, 8)
    """

    id: str
    type: str
    fragments: tuple
    text: str

    @property
    def start(self) -> int:
        """Smallest fragment start."""
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        """Largest fragment end."""
        return max(e for _, e in self.fragments)


class BratEvent(NamedTuple):
    """One brat event (an ``E`` line).

    Attributes
    ----------
    id : str
        Event id, e.g. ``"E1"``.
    type : str
        Trigger type, e.g. ``"Attribution"``.
    trigger : str
        Id of the trigger ``T`` annotation.
    args : tuple of (str, str)
        ``(role, T id)`` pairs in file order, e.g. ``(("Content", "T3"), ("Cue", "T2"))``.

    Examples
    --------
    >>> BratEvent("E1", "Attribution", "T4", (("Cue", "T2"),)).args[0]
    ('Cue', 'T2')
    """

    id: str
    type: str
    trigger: str
    args: tuple


_FRAG_RE = re.compile(r"^\d+ \d+(?:;\d+ \d+)*$")
_IGNORED_PREFIXES = ("#", "A", "M", "R", "N", "*")


def parse_brat_fragments(spec: str) -> tuple:
    """Parse a brat offset field ``"start end[;start end...]"`` into ``(start, end)`` pairs.

    Parameters
    ----------
    spec : str
        The offsets part of a ``T`` line, e.g. ``"10 20;25 30"``.

    Returns
    -------
    tuple of (int, int)
        Fragments in the order written.

    Raises
    ------
    ValueError
        If the field is not well formed or a fragment has ``end < start``.

    Examples
    --------
    >>> parse_brat_fragments("0 5")
    ((0, 5),)
    >>> parse_brat_fragments("10 20;25 30")
    ((10, 20), (25, 30))
    """
    if not _FRAG_RE.match(spec):
        raise ValueError(f"malformed brat offsets {spec!r}")
    frags = []
    for part in spec.split(";"):
        a, b = part.split(" ")
        start, end = int(a), int(b)
        if end < start:
            raise ValueError(f"brat fragment end < start in {spec!r}")
        frags.append((start, end))
    return tuple(frags)


def parse_brat(ann: str, name: str = "<string>") -> tuple[dict, list]:
    """Parse brat standoff text (the content of an ``.ann`` file).

    ``T`` lines become :class:`BratSpan`, ``E`` lines :class:`BratEvent`.  Span texts that contain
    newlines continue on the following lines; the offsets say how long the text is, so these
    continuation lines are re-joined exactly.  Notes (``#``), attributes (``A``/``M``), relations
    (``R``), normalisations (``N``) and equivalences (``*``) are skipped.

    Parameters
    ----------
    ann : str
        The ``.ann`` content.
    name : str, optional
        File name used in error messages.

    Returns
    -------
    spans : dict of str to BratSpan
        Keyed by ``T`` id, in file order.
    events : list of BratEvent
        In file order.

    Raises
    ------
    ValueError
        ``"<name>:<line>: ..."`` for a malformed line, a duplicate id, a span text whose length
        does not match its offsets, or an event argument naming an unknown ``T`` id.

    Examples
    --------
    >>> ann = "T1\\tSource 0 3\\tHer\\nT2\\tContent 10 14;20 23\\tthat not\\nE1\\tAttribution:T3 Source:T1 Content:T2\\nT3\\tAttribution 4 8\\tsaid\\n"
    >>> spans, events = parse_brat(ann)
    >>> spans["T2"].fragments, spans["T2"].start, spans["T2"].end
    (((10, 14), (20, 23)), 10, 23)
    >>> events[0].trigger, events[0].args
    ('T3', (('Source', 'T1'), ('Content', 'T2')))
    >>> parse_brat("T1\\tCue 0 x\\tsaid", name="a.ann")
    Traceback (most recent call last):
    ...
    ValueError: a.ann:1: malformed brat offsets '0 x'
    """
    lines = ann.split("\n")
    spans: dict[str, BratSpan] = {}
    events: list[BratEvent] = []
    event_lines: list[int] = []
    i, n = 0, len(lines)
    while i < n:
        lineno = i + 1
        line = lines[i].removesuffix("\r")
        i += 1
        if not line.strip():
            continue
        head = line[0]
        if head == "T":
            parts = line.split("\t", 2)
            if len(parts) < 2 or " " not in parts[1]:
                raise ValueError(f"{name}:{lineno}: malformed brat T line {line[:60]!r}")
            tid = parts[0]
            etype, spec = parts[1].split(" ", 1)
            try:
                frags = parse_brat_fragments(spec)
            except ValueError as exc:
                raise ValueError(f"{name}:{lineno}: {exc}") from None
            text = parts[2] if len(parts) == 3 else ""
            expected = sum(e - s for s, e in frags) + len(frags) - 1
            while len(text) < expected and i < n:  # span text containing newlines
                text += "\n" + lines[i].removesuffix("\r")
                i += 1
            if len(parts) == 3 and len(text) != expected:
                raise ValueError(
                    f"{name}:{lineno}: span {tid} text has {len(text)} characters, "
                    f"offsets {spec!r} imply {expected}"
                )
            if tid in spans:
                raise ValueError(f"{name}:{lineno}: duplicate annotation id {tid}")
            spans[tid] = BratSpan(tid, etype, frags, text)
        elif head == "E":
            parts = line.split("\t")
            items = parts[1].split() if len(parts) >= 2 else []
            if not items or any(item.count(":") != 1 for item in items):
                raise ValueError(f"{name}:{lineno}: malformed brat E line {line[:60]!r}")
            etype, trigger = items[0].split(":")
            args = tuple(tuple(item.split(":")) for item in items[1:])
            events.append(BratEvent(parts[0], etype, trigger, args))
            event_lines.append(lineno)
        elif line.startswith(_IGNORED_PREFIXES):
            continue
        else:
            raise ValueError(f"{name}:{lineno}: unrecognised brat line {line[:60]!r}")
    for ev, lineno in zip(events, event_lines):
        for role, tid in ((ev.type, ev.trigger), *ev.args):
            if tid not in spans:
                raise ValueError(f"{name}:{lineno}: event {ev.id} refers to unknown span {tid} ({role})")
    return spans, events


# --------------------------------------------------------------------------------------------
# BABE
# --------------------------------------------------------------------------------------------

_BABE_COLUMNS = ["text", "news_link", "outlet", "topic", "type", "label_bias", "label_opinion", "biased_words"]
_BABE_BIAS = {"Biased": 1.0, "Non-biased": 0.0, "No agreement": math.nan}


def read_babe(path: str | os.PathLike | None = None, subset: str = "SG2") -> pd.DataFrame:
    """Read BABE (Bias Annotations By Experts) sentence labels.

    Cite: Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021). *Neural
    Media Bias Detection Using Distant Supervision With BABE -- Bias Annotations By Experts.*
    Findings of EMNLP 2021.  Licence: GNU AGPL-3.0 (upstream repository).

    Parameters
    ----------
    path : path-like, optional
        The BABE folder holding ``final_labels_<subset>.csv`` (directly or in ``data/``), or the
        CSV file itself.  Default ``default_root() / "babe"``.
    subset : {"SG2", "SG1"}
        ``"SG2"`` is BABE proper (3,674 sentences, 5 experts); ``"SG1"`` the 1,700 MBIC sentences
        relabelled by 8 experts.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in file order:

        ``text`` (str), ``outlet`` (str), ``topic`` (str, as given: spellings such as
        ``"gun control"``/``"gun-control"`` are not merged), ``type`` (outlet leaning
        ``left``/``center``/``right``; NaN where blank), ``label_bias`` (float: 1.0 Biased,
        0.0 Non-biased, NaN "No agreement"), ``label_opinion`` (str; NaN for "No agreement"),
        ``biased_words`` (list of str, empty list when none), ``news_link`` (str; NaN where blank).

    Raises
    ------
    FileNotFoundError
        If the CSV file is absent.
    ValueError
        For an unknown ``subset``, missing columns, an unknown ``label_bias`` value or an
        unparseable ``biased_words`` cell (naming the file and data row).

    Examples
    --------
    >>> babe = read_babe()  # doctest: +SKIP
    >>> len(babe), int(babe.label_bias.sum()), int(babe.label_bias.isna().sum())  # doctest: +SKIP
    (3674, 1810, 1)
    """
    if subset not in ("SG1", "SG2"):
        raise ValueError(f"BABE subset must be 'SG1' or 'SG2', got {subset!r}")
    base = _dataset_dir(path, "babe")
    fname = f"final_labels_{subset}.csv"
    file = base if base.is_file() else _first_existing(base, [fname, f"data/{fname}"], "BABE file")
    df = pd.read_csv(file, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = [c for c in _BABE_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{file}: missing column(s) {', '.join(missing)}")
    labels = []
    for i, v in enumerate(df["label_bias"]):
        if v not in _BABE_BIAS:
            raise ValueError(f"{file}: data row {i + 1}: unknown label_bias {v!r}")
        labels.append(_BABE_BIAS[v])
    words = []
    for i, cell in enumerate(df["biased_words"]):
        try:
            value = ast.literal_eval(cell) if cell.strip() else []
        except (ValueError, SyntaxError):
            value = None
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ValueError(f"{file}: data row {i + 1}: biased_words is not a list of strings: {cell[:60]!r}")
        words.append(value)
    out = pd.DataFrame({
        "text": df["text"],
        "outlet": df["outlet"].map(_none_if_empty),
        "topic": df["topic"].map(_none_if_empty),
        "type": df["type"].map(_none_if_empty),
        "label_bias": pd.Series(labels, dtype="float64"),
        "label_opinion": df["label_opinion"].map(lambda v: None if v == "No agreement" else _none_if_empty(v)),
        "biased_words": pd.Series(words, dtype="object"),
        "news_link": df["news_link"].map(_none_if_empty),
    })
    return out


def read_babe_lexicon(path: str | os.PathLike | None = None) -> pd.Series:
    """Read BABE's bias-word lexicon (``bias_word_lexicon.xlsx``).

    The sheet has a single column and no header: its first cell is itself a word, so it is kept.
    Cells are stripped; blank cells and repeated words are dropped (the upstream file repeats 8
    words), keeping first-occurrence order.

    Cite: Spinde et al. (2021), see :func:`read_babe`.  Licence: GNU AGPL-3.0.

    Parameters
    ----------
    path : path-like, optional
        The BABE folder (holding the file directly or in ``data/``) or the ``.xlsx`` file.
        Default ``default_root() / "babe"``.

    Returns
    -------
    pandas.Series
        Named ``"word"``, str values, default integer index (2,122 unique words upstream).

    Raises
    ------
    FileNotFoundError
        If the file is absent.

    Examples
    --------
    >>> words = read_babe_lexicon()  # doctest: +SKIP
    >>> words.iloc[0]  # doctest: +SKIP
    'slavishness'
    """
    base = _dataset_dir(path, "babe")
    fname = "bias_word_lexicon.xlsx"
    file = base if base.is_file() else _first_existing(base, [fname, f"data/{fname}"], "BABE lexicon")
    raw = pd.read_excel(file, header=None, dtype=str)
    if raw.shape[1] < 1:
        raise ValueError(f"{file}: empty sheet")
    words = [w.strip() for w in raw.iloc[:, 0].dropna() if str(w).strip()]
    return pd.Series(list(dict.fromkeys(words)), name="word", dtype="str")


# --------------------------------------------------------------------------------------------
# BASIL
# --------------------------------------------------------------------------------------------

class BasilData(NamedTuple):
    """What :func:`read_basil` returns: three tidy frames (unpack or use attributes).

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per article.
    spans : pandas.DataFrame
        One row per phrase-level annotation.
    sentences : pandas.DataFrame
        One row per sentence: where each of BASIL's sentences sits in ``articles.text``.

    Examples
    --------
    >>> BasilData._fields
    ('articles', 'spans', 'sentences')
    """

    articles: pd.DataFrame
    spans: pd.DataFrame
    sentences: pd.DataFrame


_BASIL_SENT_RE = re.compile(r"^p(\d+)$")


def _basil_article(art: dict, article_id: str, file: Path):
    """Build our text from BASIL body paragraphs; return (text, sentence rows)."""
    paras = art.get("body-paragraphs")
    if not isinstance(paras, list):
        raise ValueError(f"{file}: 'body-paragraphs' missing or not a list")
    pieces: list[str] = []
    rows = []
    pos = 0
    sent_id = 0
    for p_idx, para in enumerate(paras):
        if p_idx:
            pieces.append("\n\n")
            pos += 2
        for s_idx, sent in enumerate(para):
            if s_idx:
                pieces.append(" ")
                pos += 1
            pieces.append(sent)
            rows.append((article_id, sent_id, p_idx, pos, pos + len(sent)))
            pos += len(sent)
            sent_id += 1
    return "".join(pieces), rows


def read_basil(path: str | os.PathLike | None = None) -> BasilData:
    """Read BASIL: 100 events x 3 outlets, with lexical and informational bias spans.

    Our article ``text`` is the body paragraphs joined by ``"\\n\\n"``, the sentences inside a
    paragraph joined by ``" "`` (the title is *not* part of ``text``).  BASIL's ``start``/``end``
    index into one *sentence*: the annotation ``id`` ``"p<N>"`` names the N-th sentence of the
    article counting from 0 across all paragraphs (not the N-th paragraph), and ``id`` ``"title"``
    means the title.  They are converted to offsets into our ``text`` (or into ``title`` when
    ``field == "title"``) and checked: ``text[start:end] == txt``.  A span whose given offsets do
    not match is searched for in its sentence, then in the whole field; spans found by search get
    ``located == "search"``, spans not found get ``located == "missing"`` and ``<NA>`` offsets, and
    a warning gives both counts.  In the upstream 2nd release all 1,726 spans match exactly.

    Cite: Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R., & Wang, L. (2019).
    *In Plain Sight: Media Bias Through the Lens of Factual Reporting.* EMNLP-IJCNLP 2019.
    Licence: none stated in the upstream repository (github.com/launchnlp/BASIL).

    Parameters
    ----------
    path : path-like, optional
        Folder holding ``articles/<year>/*.json`` and ``annotations/<year>/*_ann.json``.
        Default ``default_root() / "basil"``.

    Returns
    -------
    BasilData
        ``(articles, spans, sentences)``, a named tuple:

        ``articles``: ``article_id`` (file stem ``<event_id>_<n>``), ``event_id`` (triplet uuid),
        ``uuid``, ``outlet`` (``fox``/``nyt``/``hpo``, lower-cased), ``year`` (int, from the
        folder), ``date`` (datetime64), ``title``, ``url``, ``main_event``, ``main_entities``
        (list of str), ``relative_stance`` (article-level annotation, NaN if absent), ``text``.

        ``spans``: ``article_id``, ``span_index`` (order in the annotation file), ``field``
        (``"body"`` or ``"title"``), ``sentence_id`` (Int64; ``<NA>`` for title spans), ``start``,
        ``end`` (Int64 offsets into ``text``, or into ``title`` for title spans), ``txt``,
        ``bias`` (``lex``/``inf``), ``polarity`` (``neg``/``pos``), ``target``, ``aim``
        (``dir``/``ind_general``/``ind_pro``/``ind_anti``), ``quote`` (bool), ``speaker``
        (NaN when not a quote), ``indirect_target``, ``indirect_sentiment``, ``notes``,
        ``located`` (``"exact"``/``"search"``/``"missing"``).

        ``sentences``: ``article_id``, ``sentence_id`` (the N of ``p<N>``), ``paragraph_id``,
        ``start``, ``end`` (into ``text``).

    Raises
    ------
    FileNotFoundError
        If the folder or its ``articles``/``annotations`` sub-folders are absent, or an
        annotation file has no article file.
    ValueError
        For invalid JSON or missing fields, naming the file.

    Examples
    --------
    >>> articles, spans, sentences = read_basil()  # doctest: +SKIP
    >>> row = spans.iloc[0]; text = articles.set_index("article_id").text[row.article_id]  # doctest: +SKIP
    >>> text[row.start:row.end] == row.txt  # doctest: +SKIP
    True
    """
    base = _dataset_dir(path, "basil")
    art_dir = _first_existing(base, ["articles"], "BASIL articles folder")
    ann_dir = _first_existing(base, ["annotations"], "BASIL annotations folder")
    art_files = sorted(art_dir.glob("*/*.json"))
    if not art_files:
        raise FileNotFoundError(f"no BASIL article JSON files under {art_dir}")
    articles, sentences, spans = [], [], []
    by_id: dict[str, tuple[str, str, list]] = {}
    for file in art_files:
        art = _read_json(file)
        article_id = file.stem
        year = file.parent.name
        try:
            text, sent_rows = _basil_article(art, article_id, file)
            outlet = str(art["source"]).lower()
            title = art["title"]
            event_id = art["triplet-uuid"]
        except KeyError as exc:
            raise ValueError(f"{file}: missing field {exc.args[0]!r}") from None
        ann_file = ann_dir / year / f"{article_id}_ann.json"
        ann = _read_json(ann_file) if ann_file.exists() else {}
        stance = (ann.get("article-level-annotations") or {}).get("relative_stance")
        articles.append({
            "article_id": article_id,
            "event_id": event_id,
            "uuid": art.get("uuid"),
            "outlet": outlet,
            "year": int(year) if year.isdigit() else None,
            "date": art.get("date"),
            "title": title,
            "url": _none_if_empty(art.get("url")),
            "main_event": _none_if_empty(art.get("main-event")),
            "main_entities": list(art.get("main-entities") or []),
            "relative_stance": _none_if_empty(stance),
            "text": text,
        })
        sentences.extend(sent_rows)
        by_id[article_id] = (text, title, sent_rows)
        for k, a in enumerate(ann.get("phrase-level-annotations", [])):
            spans.append(_basil_span(a, k, article_id, text, title, sent_rows, ann_file))
    known = {f.stem for f in art_files}
    for ann_file in sorted(ann_dir.glob("*/*_ann.json")):
        if ann_file.stem.removesuffix("_ann") not in known:
            raise FileNotFoundError(f"{ann_file}: no matching article file in {art_dir}")

    art_df = pd.DataFrame(articles)
    art_df["date"] = _iso_dates(art_df["date"].tolist(), [str(f) for f in art_files])
    art_df["year"] = art_df["year"].astype("Int64")
    span_cols = ["article_id", "span_index", "field", "sentence_id", "start", "end", "txt", "bias",
                 "polarity", "target", "aim", "quote", "speaker", "indirect_target",
                 "indirect_sentiment", "notes", "located"]
    span_df = pd.DataFrame(spans, columns=span_cols)
    for col in ("sentence_id", "start", "end"):
        span_df[col] = span_df[col].astype("Int64")
    span_df["quote"] = span_df["quote"].astype(bool)
    sent_df = pd.DataFrame(sentences, columns=["article_id", "sentence_id", "paragraph_id", "start", "end"])
    n_search = int((span_df["located"] == "search").sum())
    n_missing = int((span_df["located"] == "missing").sum())
    if n_search or n_missing:
        warnings.warn(
            f"BASIL: {n_search} span(s) located by text search, {n_missing} not located "
            "(see the 'located' column)", stacklevel=2)
    return BasilData(art_df, span_df, sent_df)


def _basil_span(a: dict, k: int, article_id: str, text: str, title: str, sent_rows: list, file: Path) -> tuple:
    try:
        ref, start, end, txt = a["id"], a["start"], a["end"], a["txt"]
    except KeyError as exc:
        raise ValueError(f"{file}: phrase annotation {k + 1}: missing field {exc.args[0]!r}") from None
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValueError(f"{file}: phrase annotation {k + 1}: start/end must be integers, got {start!r}, {end!r}")
    quote = str(a.get("quote", "")).lower()
    if quote not in ("yes", "no"):
        raise ValueError(f"{file}: phrase annotation {k + 1}: quote must be yes/no, got {a.get('quote')!r}")
    field, sent_id, located = "body", None, "missing"
    g_start = g_end = None
    m = _BASIL_SENT_RE.match(str(ref))
    if ref == "title":
        field = "title"
        if title[start:end] == txt:
            g_start, g_end, located = start, end, "exact"
        elif txt in title:
            g_start = title.index(txt)
            g_end, located = g_start + len(txt), "search"
    else:
        if m is None:
            raise ValueError(f"{file}: phrase annotation {k + 1}: unknown id {ref!r}")
        sent_id = int(m.group(1))
        if sent_id < len(sent_rows):
            s0, s1 = sent_rows[sent_id][3], sent_rows[sent_id][4]
            sentence = text[s0:s1]
            if sentence[start:end] == txt and 0 <= start <= end:
                g_start, g_end, located = s0 + start, s0 + end, "exact"
            elif txt and txt in sentence:
                g_start = s0 + sentence.index(txt)
                g_end, located = g_start + len(txt), "search"
        if located == "missing" and txt and txt in text:
            g_start = text.index(txt)
            g_end, located = g_start + len(txt), "search"
    return (article_id, k, field, sent_id, g_start, g_end, txt, _none_if_empty(a.get("bias")),
            _none_if_empty(a.get("polarity")), _none_if_empty(a.get("target")),
            _none_if_empty(a.get("aim")), quote == "yes", _none_if_empty(a.get("speaker")),
            _none_if_empty(a.get("indirect-target-name")),
            _none_if_empty(a.get("indirect-ally-opponent-sentiment")),
            _none_if_empty(a.get("notes")), located)


# --------------------------------------------------------------------------------------------
# PolNeAR
# --------------------------------------------------------------------------------------------

class PolnearData(NamedTuple):
    """What :func:`read_polnear` returns: two tidy frames (unpack or use attributes).

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per (article, annotator).
    attributions : pandas.DataFrame
        One row per attribution relation (brat ``E`` line).

    Examples
    --------
    >>> PolnearData._fields
    ('articles', 'attributions')
    """

    articles: pd.DataFrame
    attributions: pd.DataFrame


_POLNEAR_SPLITS = ("train", "dev", "test")
_ANN_RE = re.compile(r"^(?P<doc>.+)_(?P<annotator>[0-9a-f]{4})$")
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_OPENING_QUOTES = '"\u201c\u201e\u00ab'
_CLOSING_QUOTES = '"\u201d\u00bb'


def _has_quote_marks(text: str, fragments: list) -> bool:
    """True if the fragments contain a double-quote character or are wrapped by quote marks.

    Wrapped: an opening mark (``"``, ``\u201c``, ``\u201e``, ``\u00ab``) directly before the first
    fragment, or a closing mark (``"``, ``\u201d``, ``\u00bb``) directly after the last one, possibly
    after up to two punctuation characters (``.,;:!?``).
    """
    if not fragments:
        return False
    if any(ch in _DOUBLE_QUOTES for s, e in fragments for ch in text[s:e]):
        return True
    start = min(s for s, _ in fragments)
    end = max(e for _, e in fragments)
    if start > 0 and text[start - 1] in _OPENING_QUOTES:
        return True
    for ch in text[end:end + 3]:
        if ch in _CLOSING_QUOTES:
            return True
        if ch not in ".,;:!?":
            break
    return False


def _role_columns(prefix: str, spans: list, doc_text: str) -> dict:
    if not spans:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None,
                f"{prefix}_fragments": []}
    frags = [f for sp in spans for f in sp.fragments]
    return {
        f"{prefix}_start": min(s for s, _ in frags),
        f"{prefix}_end": max(e for _, e in frags),
        f"{prefix}_text": " ".join(doc_text[s:e] for s, e in frags),
        f"{prefix}_fragments": frags,
    }


def read_polnear(path: str | os.PathLike | None = None, split: str = "train",
                 first_annotator_only: bool = True) -> PolnearData:
    """Read PolNeAR (Political News Attribution Relations) texts and brat attributions.

    Each ``E`` line of an ``.ann`` file is one attribution: a trigger (``Attribution`` or
    ``Attribution-no-source``) with ``Source``, ``Cue`` and ``Content`` arguments, any of which
    may be missing.  Spans may be discontinuous (``T5 Content 10 20;25 30``) and a relation may
    have a second content (role ``Content2``); all fragments are kept, in file order, as lists of
    ``(start, end)`` plus their overall min/max.  ``Discuss``/``Discard`` spans not linked by an
    event, notes and other brat lines are not returned.  Every span text in the file is checked
    against the article text (a mismatch raises ``ValueError``).

    Some articles were annotated by several annotators (file suffix ``_xxxx``; 16 train and 2 dev
    articles have 5-6 files).  With ``first_annotator_only=True`` (default) only the
    alphabetically first annotator id is kept for each article, so ``articles`` has one row per
    text; otherwise there is one row set per annotator.

    Cite: Newell, E., Margolin, D., & Ruths, D. (2018). *An Attribution Relations Corpus for
    Political News.* LREC 2018.  Licence: none stated in the upstream repository
    (github.com/networkdynamics/PolNeAR).

    Parameters
    ----------
    path : path-like, optional
        PolNeAR folder holding ``data/<split>/{text,attributions}`` and ``data/metadata.tsv``
        (the ``data/`` level may be omitted).  Default ``default_root() / "polnear"``.
    split : {"train", "dev", "test"}
        Develop and tune on ``train``/``dev`` only; the test split is normally not present and
        asking for it then raises a ``FileNotFoundError`` saying so.
    first_annotator_only : bool
        Keep one annotator per article (see above).

    Returns
    -------
    PolnearData
        ``(articles, attributions)``, a named tuple:

        ``articles``: ``doc_id`` (file stem), ``annotator`` (4-hex id; NaN for a text without any
        ``.ann`` file), ``n_annotators`` (``.ann`` files available for the text), ``publisher``, ``date`` (datetime64), ``author``, ``title``,
        ``text`` (read as is: offsets index into it), ``split``; metadata fields are NaN when the
        article is not in ``metadata.tsv``.

        ``attributions``: ``doc_id``, ``annotator``, ``ann_file``, ``attribution_id`` (``E`` id),
        ``kind`` (``Attribution``/``Attribution-no-source``), then for each of ``source``,
        ``cue``, ``content``: ``<role>_start``, ``<role>_end`` (Int64, min/max over fragments,
        ``<NA>`` when the role is absent), ``<role>_text`` (fragment texts joined by one space,
        brat's convention; equal to ``text[start:end]`` for a single fragment),
        ``<role>_fragments`` (list of ``(start, end)``); and ``has_quote_marks`` (bool: the
        content contains a double-quote character or is directly wrapped by one).

    Raises
    ------
    FileNotFoundError
        If the split folder, a text file or ``metadata.tsv`` is absent.
    ValueError
        For an unknown split, a malformed ``.ann`` line, or span text that disagrees with the
        article text (naming file and line).

    Examples
    --------
    >>> articles, attributions = read_polnear(split="train")  # doctest: +SKIP
    >>> len(articles)  # doctest: +SKIP
    840
    """
    if split not in _POLNEAR_SPLITS:
        raise ValueError(f"PolNeAR split must be one of {', '.join(_POLNEAR_SPLITS)}; got {split!r}")
    base = _dataset_dir(path, "polnear")
    data = base / "data" if (base / "data").is_dir() else base
    split_dir = data / split
    if not split_dir.is_dir():
        hint = " (the test split is held out; develop on 'train' or 'dev')" if split == "test" else ""
        raise FileNotFoundError(f"PolNeAR split folder not found: {split_dir}{hint}")
    text_dir = _first_existing(split_dir, ["text"], "PolNeAR text folder")
    ann_dir = _first_existing(split_dir, ["attributions"], "PolNeAR attributions folder")
    meta_file = _first_existing(data, ["metadata.tsv"], "PolNeAR metadata")
    meta = pd.read_csv(meta_file, sep="\t", dtype=str, keep_default_na=False)
    if "filename" not in meta.columns:
        raise ValueError(f"{meta_file}: missing column 'filename'")
    meta = meta.drop_duplicates("filename").set_index("filename")

    by_doc: dict[str, list[tuple[str, Path]]] = {}
    for file in sorted(ann_dir.glob("*.ann")):
        m = _ANN_RE.match(file.stem)
        if m is None:
            raise ValueError(f"{file}: file name does not end in _<annotator id>")
        by_doc.setdefault(m["doc"], []).append((m["annotator"], file))

    articles, rows = [], []
    for doc_id in sorted(set(by_doc) | {f.stem for f in text_dir.glob("*.txt")}):
        text_file = text_dir / f"{doc_id}.txt"
        if not text_file.exists():
            raise FileNotFoundError(f"PolNeAR text file not found: {text_file}")
        with open(text_file, encoding="utf-8", newline="") as fh:
            doc_text = fh.read()
        files = sorted(by_doc.get(doc_id, []))
        md = meta.loc[doc_id] if doc_id in meta.index else None
        chosen = files[:1] if first_annotator_only else files
        for annotator, file in chosen or [(None, None)]:
            articles.append({
                "doc_id": doc_id,
                "annotator": annotator,
                "n_annotators": len(files),
                "publisher": _none_if_empty(md["publisher"]) if md is not None else None,
                "date": _none_if_empty(md["publication_date"]) if md is not None else None,
                "author": _none_if_empty(md["author"]) if md is not None else None,
                "title": _none_if_empty(md["title"]) if md is not None else None,
                "text": doc_text,
                "split": split,
            })
            if file is not None:
                rows.extend(_polnear_rows(file, doc_id, annotator, doc_text))

    art_df = pd.DataFrame(articles, columns=["doc_id", "annotator", "n_annotators", "publisher", "date",
                                             "author", "title", "text", "split"])
    art_df["date"] = _iso_dates(art_df["date"].tolist(),
                                [f"{meta_file} ({d}, publication_date)" for d in art_df["doc_id"]])
    cols = ["doc_id", "annotator", "ann_file", "attribution_id", "kind"]
    for role in ("source", "cue", "content"):
        cols += [f"{role}_start", f"{role}_end", f"{role}_text", f"{role}_fragments"]
    cols.append("has_quote_marks")
    att_df = pd.DataFrame(rows, columns=cols)
    for role in ("source", "cue", "content"):
        for c in (f"{role}_start", f"{role}_end"):
            att_df[c] = att_df[c].astype("Int64")
    att_df["has_quote_marks"] = att_df["has_quote_marks"].astype(bool)
    return PolnearData(art_df, att_df)


def _polnear_rows(file: Path, doc_id: str, annotator: str, doc_text: str) -> list[dict]:
    with open(file, encoding="utf-8", newline="") as fh:
        spans, events = parse_brat(fh.read(), name=str(file))
    n = len(doc_text)
    for sp in spans.values():
        if any(e > n for _, e in sp.fragments):
            raise ValueError(f"{file}: span {sp.id} offsets {sp.fragments} run past the end of the text ({n})")
        if " ".join(doc_text[s:e] for s, e in sp.fragments) != sp.text:
            raise ValueError(f"{file}: span {sp.id} text {sp.text[:40]!r} does not match the article at {sp.fragments}")
    rows = []
    for ev in events:
        roles: dict[str, list[BratSpan]] = {}
        for role, tid in ev.args:
            roles.setdefault(role.rstrip("0123456789"), []).append(spans[tid])
        row = {"doc_id": doc_id, "annotator": annotator, "ann_file": file.name,
               "attribution_id": ev.id, "kind": ev.type}
        row.update(_role_columns("source", roles.get("Source", []), doc_text))
        row.update(_role_columns("cue", roles.get("Cue", []), doc_text))
        row.update(_role_columns("content", roles.get("Content", []), doc_text))
        row["has_quote_marks"] = _has_quote_marks(doc_text, row["content_fragments"])
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# AllSides (Baly et al. 2020)
# --------------------------------------------------------------------------------------------

def read_allsides(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read the AllSides-labelled article JSONs of Baly et al. (2020).

    The bias labels are the AllSides rating of the *outlet*, not a judgement of the article.

    Cite: Baly, R., Da San Martino, G., Glass, J., & Nakov, P. (2020). *We Can Detect Your Bias:
    Predicting the Political Ideology of News Articles.* EMNLP 2020.  Licence: Apache-2.0.

    Parameters
    ----------
    path : path-like, optional
        Folder holding ``data/jsons/<ID>.json`` and optionally ``data/splits/{media,random}/
        {train,valid,test}.tsv`` (the ``data/`` level may be omitted).
        Default ``default_root() / "allsides_article_bias"``.

    Returns
    -------
    pandas.DataFrame
        One row per JSON file, sorted by ``ID``: ``ID``, ``outlet`` (the ``source`` field, e.g.
        ``"CNN (Web News)"``), ``source_url``, ``date`` (datetime64; NaT where blank),
        ``authors`` (NaN where blank), ``title``, ``url``, ``topic``, ``bias_text``
        (``left``/``center``/``right``), ``bias`` (int 0/1/2), ``text`` (``content_original``,
        the newspaper3k text), ``split_media`` and ``split_random`` (``train``/``valid``/``test``
        membership in the upstream splits; NaN when the split files are absent or do not list
        the ID).

    Raises
    ------
    FileNotFoundError
        If the JSON folder is absent or empty.
    ValueError
        For invalid JSON or a missing field, naming the file.

    Examples
    --------
    >>> df = read_allsides()  # doctest: +SKIP
    >>> df.bias_text.value_counts().to_dict()  # doctest: +SKIP
    {'right': 599, 'left': 402, 'center': 299}
    """
    base = _dataset_dir(path, "allsides_article_bias")
    data = base / "data" if (base / "data").is_dir() else base
    json_dir = _first_existing(data, ["jsons"], "AllSides JSON folder")
    files = sorted(json_dir.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no AllSides JSON files in {json_dir}")
    rows = []
    for file in files:
        d = _read_json(file)
        try:
            rows.append({
                "ID": d["ID"],
                "outlet": d["source"],
                "source_url": _none_if_empty(d.get("source_url")),
                "date": _none_if_empty(d.get("date")),
                "authors": _none_if_empty(d.get("authors")),
                "title": d["title"],
                "url": _none_if_empty(d.get("url")),
                "topic": _none_if_empty(d.get("topic")),
                "bias_text": d["bias_text"],
                "bias": int(d["bias"]),
                "text": d["content_original"],
            })
        except KeyError as exc:
            raise ValueError(f"{file}: missing field {exc.args[0]!r}") from None
    df = pd.DataFrame(rows)
    df["date"] = _iso_dates(df["date"].tolist(), [str(f) for f in files])
    for scheme in ("media", "random"):
        membership: dict[str, str] = {}
        for part in ("train", "valid", "test"):
            tsv = data / "splits" / scheme / f"{part}.tsv"
            if tsv.exists():
                ids = pd.read_csv(tsv, sep="\t", dtype=str, usecols=[0]).iloc[:, 0]
                membership.update(dict.fromkeys(ids, part))
        df[f"split_{scheme}"] = df["ID"].map(membership)
    return df


# --------------------------------------------------------------------------------------------
# Ukraine news bias (Faerber et al. 2020)
# --------------------------------------------------------------------------------------------

_UKRAINE_DIMENSIONS = {
    "subjectivity": ("subjectivity", None),
    "hidden_assumptions": ("hidden_assumptions", None),
    "framing_russia": ("framing", "russia"),
    "framing_ukraine": ("framing", "ukraine"),
    "framing_west": ("framing", "west"),
    "bias_pro_russia": ("bias", "pro-russia"),
    "bias_pro_west": ("bias", "pro-west"),
}


def read_ukraine_news_bias(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read the sentence labels of the Ukraine-crisis news-bias data set.

    90 English articles on the 2014 Ukraine crisis from 33 countries, 2,057 sentences, each
    judged by 5 crowd workers (more for the bias question).  Per dimension the upstream files give
    three aggregate scores (see their ``Codebook.md``): ``avg`` (mean vote), ``maj`` (majority
    vote) and ``intensified`` (majority, except that a non-neutral answer chosen by at least two
    workers wins over a neutral majority).  The codebook does not state the answer scales; in the
    data, subjectivity and hidden-assumption judgements take 0-3, framing -2..2 (negative to
    positive portrayal of the government) and bias 0-3.  No outlet or country per article is given.

    Cite: Faerber, M., Burkard, V., Jatowt, A., & Lim, S. (2020). *A Multidimensional Dataset
    Based on Crowdsourcing for Analyzing and Detecting News Bias.* CIKM 2020,
    doi:10.1145/3340531.3412876 (data: doi:10.5281/zenodo.3885351).  Licence: none stated in the
    GitHub repository; the Zenodo record is listed as CC BY-NC.

    Parameters
    ----------
    path : path-like, optional
        Folder holding ``all-data-as-json/article_<n>.json`` (or the JSON files directly).
        Default ``default_root() / "ukraine_news_bias"``.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, ordered by article number then position: ``article_id``
        (``"article_0"``...), ``sentence_id`` (``"sent_0"``...), ``position`` (0-based position in
        the article), ``text``, and for each dimension ``subjectivity``, ``hidden_assumptions``,
        ``framing_russia``, ``framing_ukraine``, ``framing_west``, ``bias_pro_russia``,
        ``bias_pro_west`` the float columns ``<dimension>_avg``, ``<dimension>_maj`` and
        ``<dimension>_intensified``.

    Raises
    ------
    FileNotFoundError
        If no ``article_*.json`` file is found.
    ValueError
        For invalid JSON or a missing score, naming the file and sentence.

    Examples
    --------
    >>> df = read_ukraine_news_bias()  # doctest: +SKIP
    >>> len(df), df.article_id.nunique()  # doctest: +SKIP
    (2057, 90)
    """
    base = _dataset_dir(path, "ukraine_news_bias")
    folder = base / "all-data-as-json" if (base / "all-data-as-json").is_dir() else base
    files = list(folder.glob("article_*.json"))
    if not files:
        raise FileNotFoundError(f"no article_*.json files found in {folder}")

    def number(f: Path) -> tuple:
        tail = f.stem.removeprefix("article_")
        return (0, int(tail), "") if tail.isdigit() else (1, 0, tail)

    rows = []
    for file in sorted(files, key=number):
        d = _read_json(file)
        article_id = d.get("id", file.stem)
        sentences = d.get("sentences")
        if not isinstance(sentences, list):
            raise ValueError(f"{file}: 'sentences' missing or not a list")
        article_rows = []
        for k, s in enumerate(sentences):
            try:
                row = {"article_id": article_id, "sentence_id": s["id"],
                       "position": int(s["position_in_article"]), "text": s["content"]}
                for col, (dim, sub) in _UKRAINE_DIMENSIONS.items():
                    score = s[dim]["score"]
                    if sub is not None:
                        score = score[sub]
                    for agg in ("avg", "maj", "intensified"):
                        v = score[agg]
                        row[f"{col}_{agg}"] = math.nan if v is None else float(v)
            except (KeyError, TypeError) as exc:
                raise ValueError(f"{file}: sentence {k + 1}: missing field {exc}") from None
            article_rows.append(row)
        rows.extend(sorted(article_rows, key=lambda r: r["position"]))
    columns = ["article_id", "sentence_id", "position", "text"] + [
        f"{col}_{agg}" for col in _UKRAINE_DIMENSIONS for agg in ("avg", "maj", "intensified")]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------
# NewsMTSC (Hamborg & Donnay 2021)
# --------------------------------------------------------------------------------------------

NEWSMTSC_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
"""NewsMTSC polarity codes and their label names."""

_NEWSMTSC_SPLITS = ("train", "devtest_rw", "devtest_mt")


def read_newsmtsc(path: str | os.PathLike | None = None, split: str = "devtest_rw") -> pd.DataFrame:
    """Read NewsMTSC target-dependent sentiment (one row per target).

    Cite: Hamborg, F., & Donnay, K. (2021). *NewsMTSC: A Dataset for (Multi-)Target-dependent
    Sentiment Classification in Political News Articles.* EACL 2021.  Licence: MIT for the
    "newly developed files" (upstream LICENSE); the data readme asks for this citation.

    Parameters
    ----------
    path : path-like, optional
        Folder holding ``<split>.jsonl`` (or the ``.jsonl`` file itself).
        Default ``default_root() / "newsmtsc"``.
    split : {"devtest_rw", "devtest_mt", "train"}
        ``devtest_rw`` is the real-world test split (1,067 sentences / 1,146 targets),
        ``devtest_mt`` sentences with at least two targets, ``train`` the training split.

    Returns
    -------
    pandas.DataFrame
        One row per target, in file order: ``sentence_id`` (``primary_gid``), ``target_id``
        (``Input.gid``), ``corpus`` (``allsides``/``polusa``, from the id prefix), ``sentence``
        (``sentence_normalized``), ``target_start``, ``target_end`` (``sentence[start:end] ==
        mention``), ``mention``, ``polarity`` (float 2.0/4.0/6.0), ``label``
        (``negative``/``neutral``/``positive``), ``further_mentions`` (list of ``(start, end)``
        coreferent mentions found automatically upstream; empty list when none).

    Raises
    ------
    FileNotFoundError
        If the file is absent.
    ValueError
        For an unknown split, invalid JSON, an unknown polarity, or a mention that does not sit
        at its offsets (naming file and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = tempfile.TemporaryDirectory()
    >>> line = ('{"primary_gid": "polusa_1", "sentence_normalized": "Critics slammed Smith.", '
    ...         '"targets": [{"Input.gid": "polusa_1", "from": 16, "to": 21, "mention": "Smith", "polarity": 2.0}]}')
    >>> _ = (pathlib.Path(tmp.name) / "devtest_rw.jsonl").write_text(line + "\\n", encoding="utf-8")
    >>> df = read_newsmtsc(tmp.name)
    >>> df[["corpus", "target_start", "target_end", "mention", "polarity", "label"]].to_dict("records")
    [{'corpus': 'polusa', 'target_start': 16, 'target_end': 21, 'mention': 'Smith', 'polarity': 2.0, 'label': 'negative'}]
    >>> tmp.cleanup()
    """
    if split not in _NEWSMTSC_SPLITS:
        raise ValueError(f"NewsMTSC split must be one of {', '.join(_NEWSMTSC_SPLITS)}; got {split!r}")
    base = _dataset_dir(path, "newsmtsc")
    file = base if base.is_file() else _first_existing(base, [f"{split}.jsonl"], "NewsMTSC file")
    rows = []
    with open(file, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{file}:{lineno}: invalid JSON: {exc.msg}") from None
            try:
                gid, sentence = d["primary_gid"], d["sentence_normalized"]
                for t in d["targets"]:
                    start, end, mention, pol = int(t["from"]), int(t["to"]), t["mention"], float(t["polarity"])
                    if pol not in NEWSMTSC_LABELS:
                        raise ValueError(f"{file}:{lineno}: unknown polarity {pol}")
                    if sentence[start:end] != mention:
                        raise ValueError(f"{file}:{lineno}: mention {mention!r} is not at {start}:{end}")
                    rows.append({
                        "sentence_id": gid,
                        "target_id": t.get("Input.gid"),
                        "corpus": gid.split("_", 1)[0],
                        "sentence": sentence,
                        "target_start": start,
                        "target_end": end,
                        "mention": mention,
                        "polarity": pol,
                        "label": NEWSMTSC_LABELS[pol],
                        "further_mentions": [(int(m["from"]), int(m["to"])) for m in t.get("further_mentions", [])],
                    })
            except (KeyError, TypeError) as exc:
                raise ValueError(f"{file}:{lineno}: missing or bad field {exc}") from None
    cols = ["sentence_id", "target_id", "corpus", "sentence", "target_start", "target_end", "mention",
            "polarity", "label", "further_mentions"]
    df = pd.DataFrame(rows, columns=cols)
    df["target_start"] = df["target_start"].astype("int64")
    df["target_end"] = df["target_end"].astype("int64")
    df["polarity"] = df["polarity"].astype("float64")
    return df


# --------------------------------------------------------------------------------------------
# VADER ground truth (Hutto & Gilbert 2014)
# --------------------------------------------------------------------------------------------

VADER_SETS = ("tweets", "nytEditorialSnippets", "movieReviewSnippets", "amazonReviewSnippets")
"""Names of the four VADER validation sets (file prefix of ``<set>_GroundTruth.txt``)."""


def read_vader_groundtruth(path: str | os.PathLike | None = None,
                           sets: Iterable[str] | str | None = None) -> pd.DataFrame:
    """Read the VADER ground-truth files (``<set>_GroundTruth.txt``).

    Each line is ``id<TAB>mean<TAB>text`` with CRLF endings and no header.  Lines are split with
    ``split("\\t", 2)`` so a tab inside the text is kept, and only the line terminator is removed:
    the text is exactly what the raters (and vaderSentiment's parity check) saw, quotes and
    surrounding spaces included.

    Cite: Hutto, C. J., & Gilbert, E. (2014). *VADER: A Parsimonious Rule-based Model for
    Sentiment Analysis of Social Media Text.* ICWSM-14.  Licence: MIT.

    Parameters
    ----------
    path : path-like, optional
        Folder holding the ground-truth files.  Default ``default_root() / "vader_groundtruth"``.
    sets : str or iterable of str, optional
        Which of :data:`VADER_SETS` to read (default all four, in that order).

    Returns
    -------
    pandas.DataFrame
        ``set``, ``id`` (str, e.g. ``"1_2"``), ``mean`` (float, human mean rating -4..+4),
        ``text`` (str); file order within each set.  Upstream sizes: tweets 4,200,
        nytEditorialSnippets 5,190, movieReviewSnippets 10,605, amazonReviewSnippets 3,708.

    Raises
    ------
    FileNotFoundError
        If a requested file is absent.
    ValueError
        For an unknown set name, or a line without three fields or with a non-numeric mean
        (naming file and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = tempfile.TemporaryDirectory()
    >>> _ = (pathlib.Path(tmp.name) / "tweets_GroundTruth.txt").write_bytes(
    ...     b'1\\t2.5\\tI "love" it \\r\\n2\\t-1.0\\tmeh')
    >>> read_vader_groundtruth(tmp.name, sets="tweets").to_dict("records")
    [{'set': 'tweets', 'id': '1', 'mean': 2.5, 'text': 'I "love" it '}, {'set': 'tweets', 'id': '2', 'mean': -1.0, 'text': 'meh'}]
    >>> tmp.cleanup()
    """
    if sets is None:
        sets = VADER_SETS
    elif isinstance(sets, str):
        sets = [sets]
    sets = list(sets)
    unknown = [s for s in sets if s not in VADER_SETS]
    if unknown:
        raise ValueError(f"unknown VADER set(s) {', '.join(map(repr, unknown))}; choose from {', '.join(VADER_SETS)}")
    base = _dataset_dir(path, "vader_groundtruth")
    rows = []
    for name in sets:
        file = _first_existing(base, [f"{name}_GroundTruth.txt"], "VADER ground-truth file")
        with open(file, encoding="utf-8", newline="") as fh:
            content = fh.read()
        lines = content.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for lineno, line in enumerate(lines, 1):
            line = line.removesuffix("\r")
            parts = line.split("\t", 2)
            if len(parts) != 3:
                raise ValueError(f"{file}:{lineno}: expected id<TAB>mean<TAB>text, got {line[:60]!r}")
            try:
                mean = float(parts[1])
            except ValueError:
                raise ValueError(f"{file}:{lineno}: mean rating {parts[1]!r} is not a number") from None
            rows.append((name, parts[0], mean, parts[2]))
    return pd.DataFrame(rows, columns=["set", "id", "mean", "text"])
