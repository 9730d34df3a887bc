"""One pass over a text or a corpus: parse once, then every scorer reads the same Document.

:func:`analyze_text` returns a :class:`DocumentAnalysis` (one article); :func:`analyze` returns a
:class:`CorpusAnalysis` whose tables are the per-document tables stacked with a ``doc_id`` column:

* ``documents`` – one row per input document: metadata, ``status`` and every summary metric;
* ``sentences`` – sentence offsets, text, majority voice and speaker, framing hits and VADER scores;
* ``quotes`` – direct, indirect and scare quotes with speaker, cue, cue class and camp;
* ``hits`` – loaded-language hits with category, voice and speaker;
* ``sources`` – one row per speaker: quotes, words, share, camp, tone;
* ``targets`` – mentions of actors from the actor table with the sentiment of their clause.

Resources (lexicon, actor table, cue table, the VADER lexicon) are loaded once per process.

Examples
--------
>>> res = analyze_text('"The regime must go," Smith said.')
>>> res.quotes[["kind", "speaker", "text"]].values.tolist()
[['direct', 'Smith', 'The regime must go,']]
>>> res.hits[["match", "voice", "speaker"]].values.tolist()
[['regime', 'quoted', 'Smith']]
"""
from __future__ import annotations

import bisect
import math
import os
import signal
import sys
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator

import pandas as pd

from . import attribution as _attribution
from . import framing as _framing
from . import quotes as _quotes
from ._frames import frame_from_rows
from ._gc import gc_paused
from ._views import VIEWS
from ._version import __version__
from .document import VOICES, Document, parse

__all__ = [
    "Resources",
    "DocumentAnalysis",
    "CorpusAnalysis",
    "analyze_text",
    "analyze",
    "analyze_iter",
    "analyze_record",
    "read_tables",
    "MANIFEST",
    "TABLES",
    "SENTENCE_COLUMNS",
    "SOURCE_COLUMNS",
    "TARGET_COLUMNS",
]

TABLES = ("documents", "sentences", "quotes", "hits", "sources")
SENTENCE_COLUMNS = [
    "sent_id", "start", "end", "text", "voice", "speaker", "paragraph", "n_words", "n_hits",
    "framing_rate", "neg", "neu", "pos", "compound",
]
#: Columns of the sources table: :data:`analysis.attribution.SOURCE_COLUMNS` plus the speaker's tone.
SOURCE_COLUMNS = [*_attribution.SOURCE_COLUMNS, "compound_mean"]
TARGET_COLUMNS = ["actor", "camp", "start", "end", "mention", "sent_id", "voice", "compound"]

# name -> (columns, column types) of the row tables, in the order the CLI writes them
_TABLE_SCHEMAS = {
    "sentences": (SENTENCE_COLUMNS, {"start": "int64", "end": "int64", "n_words": "int64", "n_hits": "int64",
                                     "framing_rate": "float64", "neg": "float64", "neu": "float64",
                                     "pos": "float64", "compound": "float64"}),
    "quotes": (list(_quotes.QUOTE_COLUMNS), _quotes.QUOTE_DTYPES),
    "hits": (_framing.HIT_COLUMNS, _framing.HIT_DTYPES),
    "sources": (SOURCE_COLUMNS, {**_attribution.SOURCE_DTYPES, "compound_mean": "float64"}),
    "targets": (TARGET_COLUMNS, {"start": "int64", "end": "int64", "sent_id": "int64", "compound": "float64"}),
}


# ---------------------------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------------------------


@dataclass
class Resources:
    """The compiled resources a pass needs; built once per process and reused.

    Parameters are ``None`` for the shipped defaults, or a :class:`analysis.lexicon.Lexicon`,
    :class:`analysis.actors.ActorTable` and cue table (or a path to their CSV).
    """

    lexicon: object = None
    actors: object = None
    cues: object = None

    def __post_init__(self) -> None:
        from .actors import ActorTable
        from .lexicon import Lexicon
        from .sentiment import default_analyzer

        if self.lexicon is None:
            self.lexicon = Lexicon.default()
        elif isinstance(self.lexicon, (str, os.PathLike)):
            self.lexicon = Lexicon.from_csv(self.lexicon)
        if self.actors is None:
            self.actors = ActorTable.default()
        elif isinstance(self.actors, (str, os.PathLike)):
            self.actors = ActorTable.from_csv(self.actors)
        if isinstance(self.cues, (str, os.PathLike)):
            from .quotes import CueTable

            self.cues = CueTable.from_csv(self.cues)
        self.sentiment = default_analyzer()
        self.categories = self.lexicon.categories["category"].tolist()

    @property
    def provenance(self) -> dict[str, str]:
        """Code version and content hashes of the lexicon, actor and cue tables in use.

        Recorded in every row of every corpus table, so a figure can be traced to what made it.
        """
        from .quotes import CueTable

        cues = CueTable.default() if self.cues is None else self.cues
        return {"analysis_version": __version__, "lexicon_hash": self.lexicon.hash,
                "actors_hash": self.actors.hash, "cues_hash": cues.hash}


_PROVENANCE = ("analysis_version", "lexicon_hash", "actors_hash", "cues_hash")


_DEFAULT_RESOURCES: Resources | None = None


def _resources(lexicon=None, actors=None, cues=None) -> Resources:
    global _DEFAULT_RESOURCES
    if lexicon is None and actors is None and cues is None:
        if _DEFAULT_RESOURCES is None:
            _DEFAULT_RESOURCES = Resources()
        return _DEFAULT_RESOURCES
    if isinstance(lexicon, Resources):
        return lexicon
    return Resources(lexicon, actors, cues)


# ---------------------------------------------------------------------------------------------
# One document
# ---------------------------------------------------------------------------------------------


def _lazy_table(name: str, doc: str) -> cached_property:
    """A :class:`DocumentAnalysis` attribute: the ``name`` table built from its rows on first access."""
    columns, dtypes = _TABLE_SCHEMAS[name]

    def build(self) -> pd.DataFrame:
        return frame_from_rows(getattr(self._records, name), columns, dtypes)

    build.__name__, build.__doc__ = name, doc
    return cached_property(build)


class DocumentAnalysis:
    """Everything measured on one text; each table's rows carry offsets into :attr:`text`.

    Every scorer runs when the text is analysed, but each table (and the summary) is turned into a
    DataFrame only when it is first read, then kept: a loop over :func:`analyze_text` that reads
    ``quotes`` only pays for that one table.  Tables can be replaced by assignment
    (``a.hits = a.hits[a.hits.voice == "narrator"]``); pickling keeps the tables already built and
    the rows of the others.

    Attributes
    ----------
    document : Document
    voices, sentences, quotes, hits, sources, targets : pandas.DataFrame
    summary : pandas.Series
        Document metrics (framing rates, sentiment, balance, voice shares, provenance).
    doc_id : str or None
    lexicon : Lexicon
        The framing lexicon used (for :meth:`highlight`).

    Examples
    --------
    >>> a = analyze_text('"The regime must go," Smith said.')
    >>> a.quotes["speaker"].tolist(), list(a.hits.columns[:4])
    (['Smith'], ['start', 'end', 'match', 'term'])
    """

    def __init__(self, document: Document, voices: pd.DataFrame | None = None,
                 sentences: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                 hits: pd.DataFrame | None = None, sources: pd.DataFrame | None = None,
                 targets: pd.DataFrame | None = None, summary: pd.Series | None = None,
                 doc_id: str | None = None, lexicon: object = None, *, records: _Records | None = None) -> None:
        self.document = document
        self.doc_id = doc_id
        self.lexicon = lexicon
        self._records = records
        given = {"voices": voices, "sentences": sentences, "quotes": quotes, "hits": hits,
                 "sources": sources, "targets": targets, "summary": summary}
        missing = [name for name, value in given.items() if value is None and name != "voices"]
        if missing and records is None:
            raise TypeError(f"DocumentAnalysis needs the tables {', '.join(missing)} or records=")
        for name, value in given.items():
            if value is not None:  # stored where the lazy attribute would cache it
                self.__dict__[name] = value

    # each table is built once, on first access (functools.cached_property stores it in __dict__)
    @cached_property
    def voices(self) -> pd.DataFrame:
        """``start, end, voice, speaker``: the voice map as contiguous segments covering the text."""
        return self.document.voices_frame()

    sentences = _lazy_table("sentences", "One row per sentence (:data:`SENTENCE_COLUMNS`): voice, speaker, "
                                         "framing hits, VADER scores.")
    quotes = _lazy_table("quotes", "Direct, indirect and scare quotes with speaker, cue, cue class and camp.")
    hits = _lazy_table("hits", "Loaded-language hits with category, voice and speaker.")
    sources = _lazy_table("sources", "One row per speaker (:data:`SOURCE_COLUMNS`): quotes, words, share, camp, tone.")
    targets = _lazy_table("targets", "Mentions of actors with the sentiment of their clause (:data:`TARGET_COLUMNS`).")

    @cached_property
    def summary(self) -> pd.Series:
        """Document metrics (framing rates, sentiment, balance, voice shares, provenance)."""
        return pd.Series(self._records.summary, name=self.doc_id)

    @property
    def text(self) -> str:
        """The analysed text; every ``start``/``end`` offset in the tables indexes into it."""
        return self.document.text

    def highlight(self, **kwargs) -> str:
        """HTML of the text with hits, quotes and speakers marked (see :func:`analysis.highlight`)."""
        return VIEWS["highlight"](self, **kwargs)  # registered by analysis.highlight, the layer above

    def _repr_html_(self) -> str:
        return self.highlight()

    def __repr__(self) -> str:
        s = self._records.summary if self._records is not None and "summary" not in self.__dict__ else self.summary
        return (
            f"<DocumentAnalysis {self.doc_id or ''} words={s.get('n_words')} quotes={s.get('n_quotes')} "
            f"hits={s.get('n_hits')} own_framing_rate={s.get('own_framing_rate', float('nan')):.2f}>"
        )


# Per-document work produces plain tuples; tables are built from them once (per document, on first
# access, in analyze_text; per corpus in analyze), so a corpus run pays no pandas overhead per document.


@dataclass
class _Records:
    summary: dict
    sentences: list[tuple]
    quotes: list[tuple]
    hits: list[tuple]
    sources: list[tuple]
    targets: list[tuple]


def _sentence_rows(doc: Document, hits: list[tuple], memo) -> tuple[list[tuple], list[tuple]]:
    """Sentence rows (:data:`SENTENCE_COLUMNS`) and the voice pieces used for sentiment by voice."""
    text = doc.text
    n = len(doc.sentences)
    counts = [0] * n
    for h in hits:
        if h[8] is not None and h[6] != "caption":
            counts[h[8]] += 1
    rows = []
    scorer = memo.scores  # each distinct text of the document is scored once
    pieces: list[tuple[str, str | None, int, float]] = []  # (voice, speaker, n_words, compound)
    voices, voice_starts = doc.voices, doc._voice_starts
    for i, (s, e) in enumerate(doc.sentences):
        seg = voices[max(bisect.bisect_right(voice_starts, s) - 1, 0)]
        single = seg.end >= e  # the sentence is in one voice segment: that segment is its voice and its only piece
        if not single:
            seg = doc.voice_of_span(s, e)
        nw = doc.words_between(s, e)
        sentence = text[s:e]
        sc = scorer(sentence)
        rows.append((
            i, s, e, sentence, seg.voice, seg.speaker, doc.sentence_paragraph[i], nw, counts[i],
            1000.0 * counts[i] / nw if nw else float("nan"), sc["neg"], sc["neu"], sc["pos"], sc["compound"],
        ))
        # sentiment by voice: a sentence in one voice counts whole; a mixed sentence is scored per piece
        segs = None if single else _segments_in(doc, s, e)
        if single or len(segs) == 1:
            pieces.append((seg.voice, seg.speaker, nw, sc["compound"]))
        else:
            for a, b, voice, speaker in segs:
                pw = doc.words_between(a, b)
                if pw:
                    pieces.append((voice, speaker, pw, scorer(text[a:b])["compound"]))
    return rows, pieces


def _segments_in(doc: Document, s: int, e: int) -> list[tuple[int, int, str, str | None]]:
    starts = doc._voice_starts
    i = max(bisect.bisect_right(starts, s) - 1, 0)
    out = []
    while i < len(doc.voices) and doc.voices[i].start < e:
        v = doc.voices[i]
        a, b = max(s, v.start), min(e, v.end)
        if b > a and (not out or out[-1][2] != v.voice or out[-1][3] != v.speaker):
            out.append((a, b, v.voice, v.speaker))
        elif b > a:
            out[-1] = (out[-1][0], b, v.voice, v.speaker)
        i += 1
    return [seg for seg in out if doc.text[seg[0]:seg[1]].strip()] or [(s, e, doc.voice_of_span(s, e).voice, None)]


def _sentiment_summary(sentences: list[tuple], pieces) -> dict[str, float]:
    from .sentiment import _aggregate_lists, _mean  # aggregate_sentences' formula and np.mean, to the bit

    body = [r for r in sentences if r[4] != "caption"]
    mean, weighted, positive, negative, _ = _aggregate_lists([r[13] for r in body], [float(r[7]) for r in body])
    out: dict[str, float] = {
        "compound_mean": mean,
        "compound_weighted": weighted,
        "share_positive": positive,
        "share_negative": negative,
    }
    by_voice: dict[str, list[float]] = {}
    for voice, _, _, comp in pieces:
        by_voice.setdefault(voice, []).append(comp)
    for voice in VOICES:
        if voice == "caption":
            continue
        vals = by_voice.get(voice)
        out[f"compound_{voice}"] = _mean(vals) if vals else float("nan")
    own = [c for v in ("narrator", "scare_quote", "paraphrase") for c in by_voice.get(v, ())]
    out["compound_own"] = _mean(own) if own else float("nan")
    return out


def _speaker_tone(pieces) -> dict[str, float]:
    acc: dict[str, list[float]] = {}
    for voice, speaker, _, comp in pieces:
        if speaker is not None and voice in ("quoted", "paraphrase"):
            acc.setdefault(speaker, []).append(comp)
    from .sentiment import _mean  # np.mean, to the bit

    return {k: _mean(v) for k, v in acc.items()}


def _target_rows(doc: Document, res: Resources, mentions: list[tuple[int, int, str]], memo) -> list[tuple]:
    sent_starts = [s for s, _ in doc.sentences]
    rows = []
    for start, end, actor in mentions:
        i = bisect.bisect_right(sent_starts, start) - 1
        if i < 0 or doc.sentences[i][1] < end:
            continue
        s, e = doc.sentences[i]
        seg = doc.voice_of_span(start, end)
        if seg.voice == "caption":
            continue
        info = res.actors.info(actor)
        comp = memo.target(doc.text[s:e], start - s, end - s)  # = sentiment.target_sentiment
        rows.append((actor, info.camp if info is not None else None, start, end, doc.text[start:end], i, seg.voice, comp))
    return rows


def _document_records(doc: Document, res: Resources) -> _Records:
    """Run every scorer on a parsed :class:`Document`, returning plain rows and the summary dict."""
    from .attribution import balance_metrics, source_rows
    from .attribution.balance import _speaker_words
    from .framing import framing_rates, hit_rows
    from .quotes import quote_rows
    from .sentiment import _DocumentScores

    memo = _DocumentScores(res.sentiment)  # sentence rows, voice pieces and targets share scores
    hits = hit_rows(doc, res.lexicon)
    sentences, pieces = _sentence_rows(doc, hits, memo)
    tone = _speaker_tone(pieces)
    words = _speaker_words(doc)  # shared by the source rows and the balance metrics
    sources = [(*r, tone.get(r[0], float("nan"))) for r in source_rows(doc, words=words)]
    mentions = res.actors.matches(doc.text)
    counts = doc.voice_word_counts()
    summary: dict[str, object] = {
        "n_chars": len(doc.text),
        "n_words": doc.n_words,
        "n_body_words": doc.n_words - counts["caption"],
        "n_paragraphs": len(doc.paragraphs),
        "n_sentences": len(doc.sentences),
    }
    for voice in VOICES:
        summary[f"words_{voice}"] = counts[voice]
    summary.update(balance_metrics(doc, res.actors, mentions=mentions, words=words, voice_counts=counts))
    summary.update(framing_rates(doc, hits, res.categories))
    summary.update(_sentiment_summary(sentences, pieces))
    summary["status"] = "ok" if doc.text.strip() else "empty"
    summary.update(res.provenance)
    return _Records(summary, sentences, quote_rows(doc.quotes), hits, sources, _target_rows(doc, res, mentions, memo))


def analyze_document(
    doc: Document,
    res: Resources,
    doc_id: str | None = None,
) -> DocumentAnalysis:
    """Run every scorer on an already parsed :class:`Document`."""
    rec = _document_records(doc, res)
    return DocumentAnalysis(doc, doc_id=doc_id, lexicon=res.lexicon, records=rec)


def analyze_text(
    text: str,
    lexicon=None,
    actors=None,
    cues=None,
    *,
    captions: Iterable[str] = (),
    doc_id: str | None = None,
) -> DocumentAnalysis:
    """Analyse one text: parse it once, then find quotes, framing hits, sentiment and sources.

    Parameters
    ----------
    text : str
        The article body, verbatim.
    lexicon : Lexicon or path, optional
        Framing lexicon (default: the shipped one).
    actors : ActorTable or path, optional
        Actor/camp table (default: the shipped one).
    cues : CueTable or path, optional
        Reporting-cue table (default: the shipped one).
    captions : iterable of str
        Known caption/credit strings, labelled ``caption`` wherever they occur.
    doc_id : str, optional
        Identifier recorded in the summary.

    Returns
    -------
    DocumentAnalysis

    Examples
    --------
    >>> a = analyze_text("Critics say the so-called reform is a sham.")
    >>> a.summary["status"], int(a.summary["n_hits"]) >= 1
    ('ok', True)
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze_text() needs a str, got {type(text).__name__}")
    res = _resources(lexicon, actors, cues)
    with _gc_paused(len(text)):
        doc = parse(text, captions=captions, actors=res.actors, cues=res.cues)
        return analyze_document(doc, res, doc_id=doc_id)


#: Documents at least this long are analysed with Python's cyclic garbage collector paused
#: (:mod:`analysis._gc`): every document (the collector runs between documents; -2.3% CPU time on 400
#: AllSides articles, and long ones no longer grow superlinearly).  ``find_quotes`` called on its own
#: pauses it from :data:`analysis._gc.GC_PAUSE_CHARS` characters.
GC_PAUSE_CHARS = 0


def _gc_paused(n_chars: int):
    """:func:`analysis._gc.gc_paused` at this module's :data:`GC_PAUSE_CHARS` (results are the same either way)."""
    return gc_paused(n_chars, GC_PAUSE_CHARS)


def analyze_record(record, lexicon=None, actors=None, cues=None) -> DocumentAnalysis:
    """Analyse one corpus row (a dict or a row of :func:`analysis.load_corpus`).

    Uses its ``text``, its ``doc_id`` and its ``caption``/``credit`` strings (labelled as captions);
    missing values are ignored.

    Examples
    --------
    >>> a = analyze_record({"doc_id": "x", "text": "By Jane Doe\\nThe regime fell.", "caption": None})
    >>> a.doc_id, a.hits["voice"].tolist()
    ('x', ['narrator'])
    """
    rec = dict(record.items()) if hasattr(record, "items") else dict(record)
    text = rec.get("text")
    if not isinstance(text, str):
        text = ""
    doc_id = rec.get("doc_id")
    if doc_id is None and hasattr(record, "name") and isinstance(record.name, str):
        doc_id = record.name
    return analyze_text(text, lexicon, actors, cues, captions=_captions_of(rec), doc_id=doc_id)


# ---------------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------------


@dataclass
class CorpusAnalysis:
    """Tables for a whole corpus; every table has a ``doc_id`` column.

    ``documents`` has one row per input document (in input order) with its metadata, ``status``
    (``ok``, ``empty`` or ``error: ...``) and every summary metric, so every input row is accounted for.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    hits: pd.DataFrame
    sources: pd.DataFrame
    targets: pd.DataFrame
    #: Records left out of the input (``file, line, reason``), when read back by :func:`read_tables`.
    rejected: pd.DataFrame | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        """The five main tables (plus ``targets``) by name."""
        return {
            "documents": self.documents, "sentences": self.sentences, "quotes": self.quotes,
            "hits": self.hits, "sources": self.sources, "targets": self.targets,
        }

    def __repr__(self) -> str:
        st = self.documents["status"].value_counts().to_dict() if len(self.documents) else {}
        return f"<CorpusAnalysis documents={len(self.documents)} status={st} hits={len(self.hits)} quotes={len(self.quotes)}>"


#: The file ``python -m analysis score`` writes last into its output folder: the run id and, for every
#: table, its file name, size and SHA-256.  :func:`read_tables` reads a folder only through it.
MANIFEST = "manifest.json"


def read_tables(path) -> CorpusAnalysis:
    """Read back the tables ``python -m analysis score`` wrote into the folder ``path``.

    The folder's ``manifest.json`` (written last by the CLI) names the run and every table with its
    size and SHA-256; a folder without it (an interrupted run, or tables copied by hand), a table
    missing, or a table whose size or hash differs (tables of two runs mixed) raises ``ValueError``
    with a one-line message, instead of returning tables that do not belong together.  ``doc_id`` is
    read as ``str`` in every table.

    Parameters
    ----------
    path : str or Path
        The ``--out`` folder of a ``score`` run (CSV or Parquet).

    Returns
    -------
    CorpusAnalysis
        The six tables, plus ``rejected`` (records ``--on-error skip`` left out).

    Examples
    --------
    >>> import tempfile
    >>> from analysis.cli import main
    >>> out = tempfile.mkdtemp()
    >>> main(["score", "corpus/000_rt_lavrov_nato_central_asia.md", "--out", out, "--quiet"])
    0
    >>> read_tables(out).documents["doc_id"].tolist()
    ['000_rt_lavrov_nato_central_asia']
    """
    import hashlib
    import json
    from pathlib import Path

    folder = Path(path)
    mpath = folder / MANIFEST
    if not folder.is_dir():
        raise ValueError(f"{folder}: no such folder")
    if not mpath.is_file():
        raise ValueError(f"{folder}: no {MANIFEST}: not a complete output of 'python -m analysis score' "
                         "(an interrupted run, or tables from elsewhere); run score again")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        entries = manifest["tables"]
        run_id = manifest["run_id"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{mpath}: unreadable manifest ({exc})") from None
    frames = {}
    for name in (*("documents", *_TABLE_SCHEMAS), "rejected"):
        entry = entries.get(name)
        if entry is None:
            if name == "rejected":
                continue
            raise ValueError(f"{mpath}: the {name} table is not listed; run score again")
        f = folder / entry["file"]
        if not f.is_file():
            raise ValueError(f"{f}: missing from run {run_id}: the output is incomplete; run score again")
        digest = hashlib.sha256()
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if f.stat().st_size != entry["bytes"] or digest.hexdigest() != entry["sha256"]:
            raise ValueError(f"{f}: does not belong to run {run_id} (its size or hash differs from {MANIFEST}): "
                             "the folder mixes tables of different runs; run score again")
        if f.suffix == ".parquet":
            df = pd.read_parquet(f)
        else:
            df = pd.read_csv(f, dtype={"doc_id": str, "file": str}, keep_default_na=False, na_values=[""])
        if "doc_id" in df.columns:
            df["doc_id"] = df["doc_id"].astype(str)
        frames[name] = df
    return CorpusAnalysis(**frames)


_META_SKIP = {"text", "load_error"}


def _row_meta(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in _META_SKIP}


def _captions_of(row: dict) -> list[str]:
    out = []
    for key in ("caption", "credit"):
        v = row.get(key)
        if isinstance(v, str) and v.strip():
            out.append(v)
    return out


class _TimeLimitExceeded(BaseException):
    """Raised by the alarm of ``time_limit`` (a BaseException, so no ``except Exception`` in a stage swallows it)."""


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _TimeLimitExceeded


def _can_time_documents() -> bool:
    """Whether a per-document time limit can be enforced here: ``signal.setitimer`` in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


_WARNED_NO_TIMER = False


def _warn_no_timer() -> None:
    global _WARNED_NO_TIMER
    if not _WARNED_NO_TIMER:
        _WARNED_NO_TIMER = True
        warnings.warn("time_limit is not enforced here: it needs signal.setitimer (Linux, macOS) and the main "
                      "thread; run with n_jobs > 1, or from the main thread, to have it", RuntimeWarning, stacklevel=4)


def _time_limit_status(time_limit: float) -> str:
    return f"error: time limit exceeded ({time_limit:g}s)"


def _analyze_row(row: dict, res: Resources, time_limit: float | None = None) -> dict[str, object]:
    """One corpus row -> ``{"documents": dict, table name: rows with doc_id first}`` (no pandas).

    A text that cannot be used (``load_error`` from the reader, or not a ``str``), a failing stage and
    a document over ``time_limit`` seconds give a ``documents`` row with ``status = "error: ..."``.
    """
    from .corpus import coerce_text

    doc_id = str(row.get("doc_id"))
    meta = _row_meta(row)
    text, problem = coerce_text(row.get("text"))
    problem = row.get("load_error") or problem
    if problem:
        return {"documents": {**meta, "status": f"error: {problem}", **res.provenance}}
    timed = bool(time_limit) and _can_time_documents()
    if time_limit and not timed:
        _warn_no_timer()
    previous = None
    try:
        if timed:
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, float(time_limit))
        with _gc_paused(len(text or "")):
            rec = _document_records(parse(text or "", captions=_captions_of(row), actors=res.actors, cues=res.cues), res)
            # the parsed document is freed here, before the collector runs again: it walks only the rows kept
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _TimeLimitExceeded:
        return {"documents": {**meta, "status": _time_limit_status(time_limit), **res.provenance}}
    except Exception as exc:  # noqa: BLE001 - recorded per document, never lost
        msg = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        summary = {"status": f"error: {msg}", **res.provenance}
        return {"documents": {**meta, **summary}}
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
    out: dict[str, object] = {"documents": {**meta, **rec.summary}}
    for name in _TABLE_SCHEMAS:
        rows = getattr(rec, name)
        if rows:
            out[name] = [(doc_id, *r) for r in rows]
    return out


_WORKER_RES: Resources | None = None
_WORKER_TIME_LIMIT: float | None = None


def _die_with_parent(parent: int) -> None:
    """End this worker process when ``parent`` ends, however it ends (SIGKILL included).

    Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, so the kernel kills the worker with its parent.
    Everywhere (the fallback on other systems, and a second guard on Linux): a daemon thread that
    checks ``os.getppid()`` every half second and exits when the worker has been re-parented.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="analysis-parent-watchdog", daemon=True).start()


def _init_worker(lexicon, actors, cues, parent: int | None = None, time_limit: float | None = None) -> None:
    global _WORKER_RES, _WORKER_TIME_LIMIT
    if parent is not None:
        _die_with_parent(parent)
    # the parent deals with Ctrl-C and SIGTERM (and ends the workers); a worker just stops with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):  # not the parent's handler (inherited by fork): SIGTERM just ends a worker
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    warnings.filterwarnings("ignore")
    _WORKER_RES = _resources(lexicon, actors, cues)
    _WORKER_TIME_LIMIT = time_limit


def _work_chunk(rows: list[dict]) -> list[dict]:
    assert _WORKER_RES is not None
    return [_analyze_row(r, _WORKER_RES, _WORKER_TIME_LIMIT) for r in rows]


def _chunks(seq: list, size: int) -> Iterator[list]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _collect(results: list[dict]) -> CorpusAnalysis:
    """Stack per-document results from :func:`analyze_iter` into the corpus tables."""
    docs = pd.DataFrame([r["documents"] for r in results])
    if "doc_id" in docs.columns:
        docs["doc_id"] = docs["doc_id"].astype(str)
    tables = {
        name: frame_from_rows([row for r in results for row in r.get(name, ())], ["doc_id", *columns], dtypes)
        for name, (columns, dtypes) in _TABLE_SCHEMAS.items()
    }
    for table in tables.values():
        table["doc_id"] = table["doc_id"].astype(str)
    if results:  # every table records the code and lexicon that made it (one run, one set of resources)
        first = results[0]["documents"]
        for table in tables.values():
            for key in _PROVENANCE:
                table[key] = first.get(key)
    return CorpusAnalysis(documents=docs, **tables)


def _concat(parts: list[CorpusAnalysis]) -> CorpusAnalysis:
    """The tables of consecutive batches stacked (a single batch is returned as it is)."""
    if len(parts) == 1:
        return parts[0]
    out = {}
    for name in ("documents", *_TABLE_SCHEMAS):
        frames = [getattr(p, name) for p in parts]
        nonempty = [f for f in frames if len(f)] or frames[:1]
        out[name] = pd.concat(nonempty, ignore_index=True)
        if name != "documents":  # the dtypes of an empty batch must not widen a full one
            out[name] = out[name].astype(frames[0].dtypes.to_dict()) if not len(out[name]) else out[name]
    return CorpusAnalysis(**out)


def _progress(iterable, total: int, enabled: bool, desc: str = "documents"):
    if not enabled:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="doc", file=sys.stderr)


def _stop_pool(ex: ProcessPoolExecutor) -> None:
    """End a pool now (an error, Ctrl-C or SIGTERM in the parent): cancel what waits, kill the workers."""
    processes = list(getattr(ex, "_processes", {}).values())
    ex.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        try:
            p.kill()
        except (OSError, ValueError, AttributeError):
            pass
    for p in processes:
        try:
            p.join(5)
        except (OSError, ValueError, AssertionError):
            pass


def analyze_iter(
    rows: Iterable[dict],
    *,
    lexicon=None,
    actors=None,
    cues=None,
    n_jobs: int = 1,
    chunksize: int = 16,
    time_limit: float | None = None,
) -> Iterator[dict]:
    """Analyse dict rows lazily, yielding per-document result dicts in input order.

    The building block of :func:`analyze` and of the streaming CLI.  With ``n_jobs > 1`` documents
    are sent to worker processes in chunks of ``chunksize``; each worker loads the resources once,
    and ends with its parent process however the parent ends (see :func:`analyze`).  ``time_limit``
    is as in :func:`analyze`.
    """
    time_limit = _check_time_limit(time_limit)
    if n_jobs is None or n_jobs == 0:
        n_jobs = 1
    if n_jobs < 0:
        n_jobs = max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    if n_jobs == 1:
        res = _resources(lexicon, actors, cues)
        for row in rows:
            yield _analyze_row(row, res, time_limit)
        return
    import multiprocessing as mp

    if lexicon is None and actors is None and cues is None:
        _resources()  # load once in the parent: forked workers inherit it
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    ex = ProcessPoolExecutor(n_jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(lexicon, actors, cues, os.getpid(), time_limit))
    try:
        pending = []
        it = iter(rows)
        done = False
        while not done or pending:
            while not done and len(pending) < 4 * n_jobs:
                chunk = []
                for row in it:
                    chunk.append(row)
                    if len(chunk) >= chunksize:
                        break
                if not chunk:
                    done = True
                    break
                pending.append(ex.submit(_work_chunk, chunk))
            if pending:
                fut = pending.pop(0)
                yield from fut.result()
    except BaseException:  # an error, Ctrl-C, SIGTERM or an abandoned generator: the workers end now
        _stop_pool(ex)
        raise
    ex.shutdown(wait=True)


def _check_time_limit(time_limit) -> float | None:
    if time_limit is None:
        return None
    try:
        value = float(time_limit)
    except (TypeError, ValueError):
        raise ValueError(f"time_limit must be a number of seconds, got {time_limit!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    return value


def _corpus_rows(corpus) -> tuple[Iterator[dict], int]:
    """Rows of :func:`analyze`'s input (lazily), with ids checked: str, generated when missing, unique."""
    from .corpus import generated_id

    if isinstance(corpus, pd.DataFrame):
        if "text" not in corpus.columns:
            raise ValueError(f"corpus has no 'text' column (columns: {', '.join(map(str, corpus.columns))})")
        if corpus.columns.duplicated().any():
            dup = sorted({str(c) for c in corpus.columns[corpus.columns.duplicated()]})
            raise ValueError(f"corpus has duplicate column(s) {', '.join(map(repr, dup))}")
        raw = corpus["doc_id"].tolist() if "doc_id" in corpus.columns else [None] * len(corpus)
        ids = [generated_id(i) if _missing(v) else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
               for i, v in enumerate(raw)]
        _check_unique(ids)
        columns = [str(c) for c in corpus.columns if c != "doc_id"]

        def rows() -> Iterator[dict]:
            for doc_id, values in zip(ids, corpus.drop(columns=["doc_id"], errors="ignore").itertuples(
                    index=False, name=None)):
                yield {"doc_id": doc_id, **dict(zip(columns, values))}

        return rows(), len(corpus)
    texts = list(corpus)
    return ({"doc_id": generated_id(i), "text": t} for i, t in enumerate(texts)), len(texts)


def _missing(v) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v)) or (isinstance(v, str) and not v.strip())
    except (TypeError, ValueError):
        return False


def _check_unique(ids: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, doc_id in enumerate(ids):
        if doc_id in seen:
            rows = [j + 1 for j, d in enumerate(ids) if d == doc_id]
            shown = ", ".join(map(str, rows[:5])) + (" ..." if len(rows) > 5 else "")
            raise ValueError(f"duplicate doc_id {doc_id!r} (rows {shown} of the corpus, counting from 1)")
        seen[doc_id] = i


#: Documents whose per-document rows are turned into DataFrames at a time in :func:`analyze`
#: (plain tuples cost several times the memory of the finished tables).
_BATCH = 500


def analyze(
    corpus: pd.DataFrame | Iterable[str],
    lexicon=None,
    actors=None,
    cues=None,
    *,
    n_jobs: int = 1,
    progress: bool = True,
    chunksize: int = 16,
    time_limit: float | None = None,
) -> CorpusAnalysis:
    """Analyse a corpus in one pass per document.

    Parameters
    ----------
    corpus : DataFrame or iterable of str
        A frame from :func:`analysis.load_corpus` (needs ``text``; ``doc_id`` and metadata are
        carried over; ``caption``/``credit`` strings are labelled as captions), or plain texts.
        Ids become ``str`` in every table (an integer id ``7`` is ``"7"``); a row without one gets
        ``doc`` + its 0-based position in six digits (``doc000000``); duplicate ids are an error.
    lexicon, actors, cues : optional
        As in :func:`analyze_text`.
    n_jobs : int, default 1
        Worker processes (-1: all cores).  Output is identical to ``n_jobs=1`` and in input order.
        Workers end with the calling process, however it ends (on Linux through
        ``PR_SET_PDEATHSIG``, elsewhere within half a second through a watchdog thread).
    progress : bool, default True
        Show a progress bar on stderr.
    chunksize : int
        Documents per task sent to a worker.
    time_limit : float, optional
        Seconds allowed per document.  A document that takes longer is kept in ``documents`` with
        ``status = "error: time limit exceeded (Ns)"`` and no rows elsewhere; the others are not
        affected.  Enforced with ``signal.setitimer``, so it needs a Unix system and, with
        ``n_jobs=1``, the main thread (workers always run documents in their main thread);
        elsewhere a ``RuntimeWarning`` says it is not enforced and the run goes on without it.

    Returns
    -------
    CorpusAnalysis

    Raises
    ------
    ValueError
        No ``text`` column, duplicate ``doc_id`` values (naming the id and its rows), a bad
        ``time_limit``.

    Examples
    --------
    >>> r = analyze(["The regime fell.", ""], progress=False)
    >>> r.documents[["doc_id", "status", "n_hits"]].values.tolist()
    [['doc000000', 'ok', 1], ['doc000001', 'empty', 0]]
    """
    time_limit = _check_time_limit(time_limit)
    rows, total = _corpus_rows(corpus)
    results = _progress(
        analyze_iter(rows, lexicon=lexicon, actors=actors, cues=cues, n_jobs=n_jobs, chunksize=chunksize,
                     time_limit=time_limit),
        total=total, enabled=progress,
    )
    parts, batch = [], []
    for r in results:
        batch.append(r)
        if len(batch) >= _BATCH:
            parts.append(_collect(batch))
            batch = []
    if batch or not parts:
        parts.append(_collect(batch))
    return _concat(parts)
