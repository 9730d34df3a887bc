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

import numpy as np
import pandas as pd

from .document import VOICES, Document

__all__ = ["OWN_VOICES", "HIT_COLUMNS", "find_hits", "framing_rates", "sentence_hit_counts"]

#: Voices whose wording is the outlet's own (narration, distancing quotes, paraphrase of sources).
OWN_VOICES = ("narrator", "scare_quote", "paraphrase")
#: Columns of the hits table.
HIT_COLUMNS = ["start", "end", "match", "term", "category", "weight", "voice", "speaker", "sent_id"]


def _lexicon(lexicon):
    if lexicon is None:
        from .lexicon import Lexicon

        return Lexicon.default()
    return lexicon


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
        ``doc.sentences`` (NaN for a hit outside any sentence).

    Examples
    --------
    >>> from analysis.document import parse
    >>> find_hits(parse("The puppet regime fell; the militants left."))["term"].tolist()
    ['puppet regime', 'militant']
    """
    lex = _lexicon(lexicon)
    raw = lex.find(doc.text)
    rows = []
    sent_starts = [s for s, _ in doc.sentences]
    import bisect

    for h in raw:
        seg = doc.voice_of_span(h.start, h.end)
        i = bisect.bisect_right(sent_starts, h.start) - 1
        sent_id = i if i >= 0 and doc.sentences[i][1] >= h.end else None
        rows.append((h.start, h.end, h.match, h.term, h.category, h.weight, seg.voice, seg.speaker, sent_id))
    df = pd.DataFrame(rows, columns=HIT_COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "weight": "float64", "sent_id": "Float64"}).astype(
        {"sent_id": "Int64"}
    )


def _per_1000(n: float, words: int) -> float:
    return 1000.0 * n / words if words else float("nan")


def framing_rates(doc: Document, hits: pd.DataFrame, categories=None) -> dict[str, float]:
    """Document-level framing metrics (rates are hits per 1,000 words).

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
    words = doc.voice_word_counts()
    body_words = sum(n for v, n in words.items() if v != "caption")
    own_words = sum(words[v] for v in OWN_VOICES)
    body = hits[hits["voice"] != "caption"]
    own = body[body["voice"].isin(OWN_VOICES)]
    out: dict[str, float] = {
        "n_hits": int(len(body)),
        "n_own_hits": int(len(own)),
        "framing_rate": _per_1000(len(body), body_words),
        "own_framing_rate": _per_1000(len(own), own_words),
        "source_framing_rate": _per_1000(int((body["voice"] == "quoted").sum()), words["quoted"]),
        "weighted_framing_rate": _per_1000(float(body["weight"].sum()), body_words),
    }
    for voice in VOICES:
        if voice == "caption":
            continue
        out[f"framing_rate_{voice}"] = _per_1000(int((body["voice"] == voice).sum()), words[voice])
    if categories is None:
        categories = _lexicon(None).categories["category"].tolist()
    by_cat = body["category"].value_counts()
    own_cat = own["category"].value_counts()
    for cat in categories:
        out[f"rate_{cat}"] = _per_1000(int(by_cat.get(cat, 0)), body_words)
        out[f"own_rate_{cat}"] = _per_1000(int(own_cat.get(cat, 0)), own_words)
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
