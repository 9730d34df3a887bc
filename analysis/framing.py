"""Loaded framing language: lexicon hits split by voice, and rates per 1,000 words.

Every hit carries the voice of the characters it covers (from the document's voice map) and, when it
sits in quoted or paraphrased material, the speaker.  The central measure is the **outlet's own rate**:
hits in the ``narrator``, ``scare_quote`` and ``paraphrase`` voices per 1,000 words in those voices,
kept apart from what sources said (``quoted``).  Captions, credits and bylines are never counted.

Examples
--------
>>> from analysis.document import parse
>>> doc = parse("Washington's global 'war of terror' failed.")
>>> hits = find_hits(doc)
>>> hits[["match", "category", "voice"]].values.tolist()
[['war of terror', 'dysphemism_euphemism', 'scare_quote']]
"""
from __future__ import annotations

import bisect

import numpy as np
import pandas as pd

from ._frames import frame_from_rows
from .document import VOICES, Document

__all__ = ["OWN_VOICES", "HIT_COLUMNS", "find_hits", "hit_rows", "hits_frame", "framing_rates", "sentence_hit_counts"]

#: Voices whose wording is the outlet's own (narration, distancing quotes, paraphrase of sources).
OWN_VOICES = ("narrator", "scare_quote", "paraphrase")
#: Columns of the hits table.
HIT_COLUMNS = ["start", "end", "match", "term", "category", "weight", "voice", "speaker", "sent_id"]
#: Column types of the hits table (``sent_id`` is nullable: a hit can straddle two sentences).
HIT_DTYPES = {"start": "int64", "end": "int64", "weight": "float64", "sent_id": "Int64"}


def _lexicon(lexicon):
    if lexicon is None:
        from .lexicon import Lexicon

        return Lexicon.default()
    return lexicon


def hit_rows(doc: Document, lexicon=None) -> list[tuple]:
    """Lexicon hits of ``doc`` as plain tuples in :data:`HIT_COLUMNS` order (no pandas).

    The fast path behind :func:`find_hits`; :func:`analysis.analyze` stacks these rows for a whole
    corpus and builds one table at the end.

    Examples
    --------
    >>> from analysis.document import parse
    >>> hit_rows(parse("The regime fell."))
    [(4, 10, 'regime', 'regime', 'delegitimising', 1.0, 'narrator', None, 0)]
    """
    lex = _lexicon(lexicon)
    sentences = doc.sentences
    sent_starts = [s for s, _ in sentences]
    rows = []
    for h in lex.find(doc.text):
        seg = doc.voice_of_span(h.start, h.end)
        i = bisect.bisect_right(sent_starts, h.start) - 1
        sent_id = i if i >= 0 and sentences[i][1] >= h.end else None
        rows.append((h.start, h.end, h.match, h.term, h.category, h.weight, seg.voice, seg.speaker, sent_id))
    return rows


def hits_frame(rows: list[tuple], columns=HIT_COLUMNS) -> pd.DataFrame:
    """The hits table from :func:`hit_rows` tuples (``columns`` may add leading keys such as ``doc_id``).

    Examples
    --------
    >>> hits_frame([]).dtypes["sent_id"]
    Int64Dtype()
    """
    return frame_from_rows(rows, columns, HIT_DTYPES)


def find_hits(doc: Document, lexicon=None) -> pd.DataFrame:
    """Find lexicon terms in ``doc`` and label each with its voice, speaker and sentence.

    Parameters
    ----------
    doc : Document
        A parsed document (its voice map decides each hit's voice).
    lexicon : Lexicon, optional
        Defaults to :meth:`analysis.lexicon.Lexicon.default`.

    Returns
    -------
    pandas.DataFrame
        ``start, end, match, term, category, weight, voice, speaker, sent_id``;
        ``doc.text[start:end] == match`` on every row.  ``sent_id`` is the index into
        ``doc.sentences`` (NA for a hit outside any sentence).

    Examples
    --------
    >>> from analysis.document import parse
    >>> find_hits(parse("The puppet regime fell; the militants left."))["term"].tolist()
    ['puppet regime', 'militant']
    """
    return hits_frame(hit_rows(doc, lexicon))


def _per_1000(n: float, words: int) -> float:
    return 1000.0 * n / words if words else float("nan")


def framing_rates(doc: Document, hits, categories=None) -> dict[str, float]:
    """Document-level framing metrics (rates are hits per 1,000 words).

    ``hits`` is the table of :func:`find_hits` or the rows of :func:`hit_rows`.

    Returns a dict with:

    * ``n_hits`` – hits outside captions; ``framing_rate`` – per 1,000 non-caption words;
    * ``own_framing_rate`` – hits in the outlet's own voices (:data:`OWN_VOICES`) per 1,000 words in
      those voices; ``source_framing_rate`` – hits in ``quoted`` per 1,000 quoted words;
    * ``framing_rate_<voice>`` for each voice but caption (per 1,000 words in that voice);
    * ``rate_<category>`` (all non-caption voices) and ``own_rate_<category>`` for every category of
      the lexicon's taxonomy (0 when absent, so columns are stable across documents);
    * ``weighted_framing_rate`` – sum of hit weights per 1,000 non-caption words.

    Examples
    --------
    >>> from analysis.document import parse
    >>> doc = parse("The regime fell. " * 10)
    >>> r = framing_rates(doc, find_hits(doc))
    >>> r["n_hits"], r["framing_rate"]
    (10, 333.3333333333333)
    """
    if isinstance(hits, pd.DataFrame):
        triples = zip(hits["voice"].tolist(), hits["category"].tolist(), hits["weight"].tolist())
    else:  # rows from hit_rows()
        triples = ((h[6], h[4], h[5]) for h in hits)
    if categories is None:
        categories = _lexicon(None).categories["category"].tolist()
    words = doc.voice_word_counts()
    body_words = sum(n for v, n in words.items() if v != "caption")
    own_words = sum(words[v] for v in OWN_VOICES)
    by_voice = dict.fromkeys(VOICES, 0)
    by_cat: dict[str, int] = {}
    own_cat: dict[str, int] = {}
    weight = 0.0
    for voice, category, w in triples:
        if voice == "caption":
            continue
        by_voice[voice] += 1
        by_cat[category] = by_cat.get(category, 0) + 1
        weight += w
        if voice in OWN_VOICES:
            own_cat[category] = own_cat.get(category, 0) + 1
    n_body = sum(by_voice.values())
    n_own = sum(by_voice[v] for v in OWN_VOICES)
    out: dict[str, float] = {
        "n_hits": n_body,
        "n_own_hits": n_own,
        "framing_rate": _per_1000(n_body, body_words),
        "own_framing_rate": _per_1000(n_own, own_words),
        "source_framing_rate": _per_1000(by_voice["quoted"], words["quoted"]),
        "weighted_framing_rate": _per_1000(weight, body_words),
    }
    for voice in VOICES:
        if voice == "caption":
            continue
        out[f"framing_rate_{voice}"] = _per_1000(by_voice[voice], words[voice])
    for cat in categories:
        out[f"rate_{cat}"] = _per_1000(by_cat.get(cat, 0), body_words)
        out[f"own_rate_{cat}"] = _per_1000(own_cat.get(cat, 0), own_words)
    return out


def sentence_hit_counts(n_sentences: int, hits: pd.DataFrame) -> np.ndarray:
    """Number of hits in each sentence (array of length ``n_sentences``).

    Examples
    --------
    >>> sentence_hit_counts(3, pd.DataFrame({"sent_id": pd.array([0, 2, 2], dtype="Int64")})).tolist()
    [1, 0, 2]
    """
    ids = hits["sent_id"].dropna().astype(int).to_numpy()
    return np.bincount(ids, minlength=n_sentences)[:n_sentences] if n_sentences else np.zeros(0, dtype=int)
