"""Who gets to speak, for how many words, in which camp: sources table and balance metrics.

All counts come from the document's quotes (:mod:`analysis.quotes`) and its voice map, so a word
is counted once even when a direct quote is nested in a paraphrase of the same speaker.

Definitions
-----------
attributed words
    words in the ``quoted`` and ``paraphrase`` voices (scare quotes and captions excluded).
share
    a speaker's attributed words / all attributed words.  Unattributed quotes (no speaker found)
    form one row with ``speaker=None`` so that shares sum to 1.
vague sources
    ``critics``, ``three diplomats`` ...: one row per distinct vague mention (lower-cased), with
    ``vague=True`` and ``camp=None``.
camp evenness
    normalised Shannon entropy of attributed words over camps: ``H / ln(K)`` where ``H`` is
    the entropy of the camp shares (speakers without a camp left out) and ``K`` the number of
    camps *at stake*: camps of the actors mentioned anywhere in the text outside captions, plus
    the camps heard.  1 means every camp at stake is heard equally; 0 means one camp (or none)
    is heard; NaN when the text has no attributed words.  ``camp_evenness_heard`` is Pielou's
    evenness over the camps actually heard (``K`` = camps heard).
quote counts
    rows of :func:`analysis.quotes.find_quotes`: a quote split by its attribution counts twice
    (``n_utterances`` counts distinct ``group_id``).  Words several speakers say together ("Clinton
    and Sanders said ...": one row each) are split evenly between them.  Negated rows (``negated``: "did not say
    whether ...") count nowhere: not in quotes, words, shares nor evenness.

Examples
--------
>>> from analysis.document import parse
>>> doc = parse('"We will win," Trump said. Clinton said polls were wrong.')
>>> sources_table(doc)[["speaker", "camp", "n_quotes", "n_words", "share"]].values.tolist()
[['Donald Trump', 'us_republican', 1, 3, 0.5], ['Hillary Clinton', 'us_democrat', 1, 3, 0.5]]
>>> round(balance_metrics(doc)["camp_evenness"], 3)
1.0
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict

import pandas as pd

from .._frames import frame_from_rows
from ..actors import ActorTable

__all__ = ["sources_table", "source_rows", "balance_metrics", "camp_shares", "corpus_balance", "cue_class_shares", "SOURCE_COLUMNS"]

#: Columns of :func:`sources_table`, in order.
SOURCE_COLUMNS = ("speaker", "camp", "n_quotes", "n_words", "share", "vague", "n_direct", "n_indirect", "cues")
#: Column types of the sources table.
SOURCE_DTYPES = {"vague": bool}

_ATTRIBUTED_VOICES = ("quoted", "paraphrase")


def _shared_spans(doc) -> list[tuple[int, int, list]]:
    """``(start, end, speakers)`` of spans several speakers say together ("Clinton and Sanders said")."""
    by_span: dict = defaultdict(list)
    for q in doc.quotes:
        if q.kind in ("direct", "indirect") and not q.negated and q.speaker is not None \
                and q.speaker not in by_span[(q.start, q.end)]:
            by_span[(q.start, q.end)].append(q.speaker)
    return [(s, e, spk) for (s, e), spk in by_span.items() if len(spk) > 1]


def _speaker_words(doc) -> dict:
    """Attributed words per speaker (None = unattributed), read off the voice map; words several speakers
    say together are split evenly between them (so a speaker's count may be fractional)."""
    out: dict = defaultdict(int)
    shared = _shared_spans(doc)
    for seg in doc.voices:
        if seg.voice in _ATTRIBUTED_VOICES:
            n = doc.words_between(seg.start, seg.end)
            group = next((spk for s, e, spk in shared if s <= seg.start and seg.end <= e and seg.speaker in spk), None)
            if group is None:
                out[seg.speaker] += n
            else:
                for spk in group:
                    out[spk] += n / len(group)
    if shared:  # whole numbers stay ints, so the column keeps its type unless a split left a fraction
        return defaultdict(int, {k: int(v) if float(v).is_integer() else v for k, v in out.items()})
    return out


def sources_table(doc) -> pd.DataFrame:
    """One row per source: ``speaker, camp, n_quotes, n_words, share, vague, n_direct, n_indirect, cues``.

    ``cues`` lists the cues used for the speaker (lower-cased, most frequent first, ``"; "``
    separated).  Rows are sorted by ``n_words`` (descending); the unattributed row, if any, comes
    last.

    Examples
    --------
    >>> from analysis.document import parse
    >>> doc = parse("Critics say the plan is flawed. Officials said it was fine.")
    >>> sources_table(doc)[["speaker", "vague", "n_words", "cues"]].values.tolist()
    [['critics', True, 4, 'say'], ['officials', True, 3, 'said']]
    """
    return frame_from_rows(source_rows(doc), SOURCE_COLUMNS, SOURCE_DTYPES)


def source_rows(doc, *, words=None) -> list[tuple]:
    """The rows of :func:`sources_table` as plain tuples, already in table order (no pandas).

    ``words`` takes ``_speaker_words(doc)`` when the caller has it already (the pipeline does)."""
    words = _speaker_words(doc) if words is None else words
    total = sum(words.values())
    info: dict = {}
    for q in doc.quotes:
        if q.kind not in ("direct", "indirect") or q.negated:
            continue
        row = info.setdefault(q.speaker, {"camp": None, "vague": False, "n_direct": 0, "n_indirect": 0,
                                          "cues": defaultdict(int)})
        row["camp"] = row["camp"] or q.camp
        row["vague"] = row["vague"] or bool(q.vague)
        row["n_direct" if q.kind == "direct" else "n_indirect"] += 1
        if q.cue:
            row["cues"][" ".join(q.cue.lower().split())] += 1
    for spk in words:
        info.setdefault(spk, {"camp": None, "vague": False, "n_direct": 0, "n_indirect": 0, "cues": defaultdict(int)})
    rows = []
    for spk, r in info.items():
        n_words = words.get(spk, 0)
        cues = "; ".join(c for c, _ in sorted(r["cues"].items(), key=lambda kv: (-kv[1], kv[0]))) or None
        rows.append((spk, r["camp"], r["n_direct"] + r["n_indirect"], n_words,
                     n_words / total if total else float("nan"), r["vague"], r["n_direct"], r["n_indirect"], cues))
    rows.sort(key=lambda r: (r[0] is None, -r[3], -r[2], "" if r[0] is None else str(r[0])))
    return rows


def _mentioned_camps(doc, actors: ActorTable, mentions=None) -> set:
    caps = list(doc.captions)
    starts = [s for s, _ in caps]
    camps = set()
    for s, e, actor in actors.matches(doc.text) if mentions is None else mentions:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and caps[i][0] <= s < caps[i][1]:
            continue
        inf = actors.info(actor)
        if inf is not None and inf.camp:
            camps.add(inf.camp)
    return camps


def camp_shares(doc, actors: ActorTable | None = None) -> pd.DataFrame:
    """Attributed words per camp: ``camp, n_words, share, share_known, n_speakers, mentioned``.

    ``share`` is over all attributed words; ``share_known`` over words whose speaker has a camp.
    Camps whose actors are mentioned (outside captions) but never heard appear with 0 words --
    who is talked about but not heard.  The row with ``camp=None`` holds speakers without a camp
    (vague, unknown and unattributed).

    Examples
    --------
    >>> from analysis.document import parse
    >>> doc = parse("Lavrov said NATO must leave. NATO did not comment.")
    >>> camp_shares(doc)[["camp", "n_words", "share", "mentioned"]].values.tolist()
    [['russia', 3, 1.0, True], ['west', 0, 0.0, True]]
    """
    actors = ActorTable.default() if actors is None else actors
    words = _speaker_words(doc)
    total = sum(words.values())
    camp_of: dict = {}
    for q in doc.quotes:
        if q.kind in ("direct", "indirect") and q.speaker is not None and not q.negated:
            camp_of.setdefault(q.speaker, q.camp)
            if q.camp and not camp_of[q.speaker]:
                camp_of[q.speaker] = q.camp
    by_camp: dict = defaultdict(int)
    speakers: dict = defaultdict(set)
    for spk, n in words.items():
        camp = camp_of.get(spk)
        by_camp[camp] += n
        if spk is not None:
            speakers[camp].add(spk)
    mentioned = _mentioned_camps(doc, actors)
    for c in mentioned:
        by_camp.setdefault(c, 0)
    known = sum(n for c, n in by_camp.items() if c is not None)
    rows = []
    for camp, n in by_camp.items():
        rows.append((camp, n, n / total if total else float("nan"),
                     (n / known if known else float("nan")) if camp is not None else float("nan"),
                     len(speakers.get(camp, ())), camp in mentioned))
    df = pd.DataFrame(rows, columns=["camp", "n_words", "share", "share_known", "n_speakers", "mentioned"])
    if len(df):
        df["_unk"] = df["camp"].isna()
        df = df.sort_values(["_unk", "n_words", "camp"], ascending=[True, False, True], kind="stable") \
            .drop(columns="_unk").reset_index(drop=True)
    return df


def _evenness(counts: list[int], k: int) -> float:
    if k < 2:
        return float("nan")  # evenness over fewer than two camps is undefined (it was 0 up to 0.1.0)
    tot = sum(counts)
    if tot <= 0:
        return 0.0  # attributed words, but no speaker with a camp
    ps = [c / tot for c in counts if c > 0]
    if len(ps) < 2:
        return 0.0
    h = -sum(p * math.log(p) for p in ps)
    return h / math.log(k)


def balance_metrics(doc, actors: ActorTable | None = None, *, mentions=None, words=None, voice_counts=None) -> dict:
    """Attribution balance of one document as a flat dict (see the module docstring).

    Keys: ``n_quotes, n_direct, n_indirect, n_scare, n_utterances, n_sources, n_vague_sources,
    attributed_words, attributed_share, top_source, top_source_share, n_camps_heard,
    n_camps_mentioned, camp_evenness, camp_evenness_heard, direct_indirect_ratio,
    evaluative_cue_share, n_words, share_narrator, share_paraphrase, share_quoted,
    share_scare_quote, share_caption``.  Ratios with a zero denominator are NaN
    (``direct_indirect_ratio`` when there is no indirect quote).  ``mentions`` takes the result of
    ``actors.matches(doc.text)`` when the caller has it already (the pipeline does), to skip a rescan;
    ``words`` and ``voice_counts`` likewise take ``_speaker_words(doc)`` and ``doc.voice_word_counts()``.

    Examples
    --------
    >>> from analysis.document import parse
    >>> m = balance_metrics(parse('Lavrov claimed the West failed. "We warned them," he said.'))
    >>> m["n_direct"], m["n_indirect"], m["top_source"], m["evaluative_cue_share"]
    (1, 1, 'Sergey Lavrov', 0.5)
    """
    actors = ActorTable.default() if actors is None else actors
    quotes = list(doc.quotes)
    att = [q for q in quotes if q.kind in ("direct", "indirect") and not q.negated]
    n_direct = sum(q.kind == "direct" for q in att)
    n_indirect = len(att) - n_direct
    n_scare = sum(q.kind == "scare" for q in quotes)
    words = _speaker_words(doc) if words is None else words
    attributed = sum(words.values())
    vc = doc.voice_word_counts() if voice_counts is None else voice_counts
    n_words = sum(vc.values())
    body_words = n_words - vc.get("caption", 0)
    named = {k: v for k, v in words.items() if k is not None}
    top = max(named.items(), key=lambda kv: (kv[1], kv[0])) if named else (None, 0)
    camp_of: dict = {}
    vague = set()
    for q in att:
        if q.speaker is not None:
            if q.camp:
                camp_of[q.speaker] = q.camp
            if q.vague:
                vague.add(q.speaker)
    by_camp: dict = defaultdict(int)
    for spk, n in named.items():
        if camp_of.get(spk):
            by_camp[camp_of[spk]] += n
    heard = [c for c, n in by_camp.items() if n > 0]
    mentioned = _mentioned_camps(doc, actors, mentions) | set(heard)
    cued = [q for q in att if q.cue_class and q.cue_class != "punctuation"]

    def ratio(a, b):
        return a / b if b else float("nan")

    out = {
        "n_quotes": len(att), "n_direct": n_direct, "n_indirect": n_indirect, "n_scare": n_scare,
        "n_utterances": len({q.group_id for q in att}),
        "n_sources": len({q.speaker for q in att if q.speaker is not None}), "n_vague_sources": len(vague),
        "attributed_words": attributed, "attributed_share": ratio(attributed, body_words),
        "top_source": top[0], "top_source_share": ratio(top[1], attributed) if named else float("nan"),
        "n_camps_heard": len(heard), "n_camps_mentioned": len(mentioned),
        "camp_evenness": float("nan") if attributed == 0 else _evenness(list(by_camp.values()), len(mentioned)),
        "camp_evenness_heard": float("nan") if attributed == 0 else _evenness(list(by_camp.values()), len(heard)),
        "direct_indirect_ratio": ratio(n_direct, n_indirect),
        "evaluative_cue_share": ratio(sum(q.cue_class == "evaluative" for q in cued), len(cued)),
        "n_words": n_words,
    }
    for v in ("narrator", "paraphrase", "quoted", "scare_quote", "caption"):
        out[f"share_{v}"] = ratio(vc.get(v, 0), n_words)
    return out


# ---------------------------------------------------------------------------------------------
# Corpus level (tables of analysis.analyze(): documents, quotes, sources, targets with doc_id)
# ---------------------------------------------------------------------------------------------

def _group_map(res, by: str) -> pd.Series:
    docs = res.documents
    if by not in docs.columns:
        raise ValueError(f"documents table has no column {by!r}; available: {', '.join(map(str, docs.columns))}")
    if "status" in docs.columns:
        docs = docs[docs["status"].astype(str) == "ok"]
    return docs.set_index("doc_id", drop=False)[by].rename(by)  # by="doc_id": every document its own group


def cue_class_shares(res, by: str = "outlet") -> pd.DataFrame:
    """Reporting-cue classes per group: ``<by>, cue_class, n, share`` (share within the group).

    Counts direct and indirect quotes with a verbal cue (``punctuation`` and cue-less continuation
    quotes left out).  ``res`` is an :class:`analysis.pipeline.CorpusAnalysis` (or anything with
    ``documents`` and ``quotes`` tables carrying ``doc_id``).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"]})
    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "kind": ["direct", "indirect", "indirect"],
    ...                   "cue_class": ["neutral", "evaluative", "neutral"]})
    >>> cue_class_shares(SimpleNamespace(documents=docs, quotes=q)).values.tolist()
    [['X', 'evaluative', 1, 0.5], ['X', 'neutral', 1, 0.5], ['Y', 'neutral', 1, 1.0]]
    """
    groups = _group_map(res, by)
    q = res.quotes
    cols = [by, "cue_class", "n", "share"]
    if q is None or len(q) == 0:
        return pd.DataFrame(columns=cols)
    q = q[q["kind"].isin(["direct", "indirect"]) & q["cue_class"].notna() & (q["cue_class"] != "punctuation")]
    if "negated" in q.columns:
        q = q[~q["negated"].astype(bool)]
    q = q[q["doc_id"].isin(groups.index)]
    if len(q) == 0:
        return pd.DataFrame(columns=cols)
    g = q.assign(**{by: q["doc_id"].map(groups)}).groupby([by, "cue_class"], dropna=False).size().rename("n").reset_index()
    g["share"] = g["n"] / g.groupby(by)["n"].transform("sum")
    return g[cols].sort_values([by, "cue_class"], kind="stable").reset_index(drop=True)


def corpus_balance(res, by: str = "outlet") -> pd.DataFrame:
    """Attribution balance per group of documents (e.g. per outlet), pooled over its documents.

    Columns: ``<by>, n_docs, n_quotes, n_direct, n_indirect, n_scare, n_sources, n_vague_sources,
    attributed_words, attributed_share, top_source, top_source_share, n_camps_heard,
    n_camps_mentioned, camp_evenness, evaluative_cue_share``.  Pooled means the words of all
    documents of the group are added up before taking shares; camps at stake are the camps of actors
    mentioned outside captions (``targets`` table) plus the camps heard.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "n_words": [100, 100],
    ...                      "words_caption": [0, 0], "n_quotes": [2, 1], "n_direct": [1, 1], "n_indirect": [1, 0],
    ...                      "n_scare": [0, 0]})
    >>> src = pd.DataFrame({"doc_id": ["a", "b"], "speaker": ["Lavrov", "Blinken"], "camp": ["russia", "west"],
    ...                     "n_words": [30, 30], "vague": [False, False]})
    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "kind": ["direct", "indirect", "direct"],
    ...                   "cue_class": ["neutral", "evaluative", "neutral"]})
    >>> r = corpus_balance(SimpleNamespace(documents=docs, sources=src, quotes=q, targets=None))
    >>> r[["outlet", "n_docs", "attributed_share", "camp_evenness", "evaluative_cue_share"]].round(3).values.tolist()
    [['X', 2, 0.3, 1.0, 0.333]]
    """
    groups = _group_map(res, by)
    docs = res.documents[res.documents["doc_id"].isin(groups.index)]
    src = res.sources if res.sources is not None else pd.DataFrame(columns=["doc_id", "speaker", "camp", "n_words", "vague"])
    quotes = res.quotes if getattr(res, "quotes", None) is not None else pd.DataFrame(columns=["doc_id", "kind", "cue_class"])
    targets = getattr(res, "targets", None)
    rows = []
    for g, gdocs in docs.groupby(by, dropna=False, sort=True):
        ids = set(gdocs["doc_id"])
        s = src[src["doc_id"].isin(ids)]
        q = quotes[quotes["doc_id"].isin(ids)]
        attributed = float(s["n_words"].sum()) if len(s) else 0.0
        named = s[s["speaker"].notna()]
        by_spk = named.groupby("speaker")["n_words"].sum().sort_values(ascending=False) if len(named) else pd.Series(dtype=float)
        by_camp = named[named["camp"].notna()].groupby("camp")["n_words"].sum() if len(named) else pd.Series(dtype=float)
        heard = set(by_camp[by_camp > 0].index)
        mentioned = set(heard)
        if targets is not None and len(targets) and "camp" in targets.columns:
            t = targets[targets["doc_id"].isin(ids) & targets["camp"].notna()]
            if "voice" in t.columns:
                t = t[t["voice"] != "caption"]
            mentioned |= set(t["camp"])
        n_words = float(gdocs["n_words"].sum()) if "n_words" in gdocs.columns else float("nan")
        body = n_words - float(gdocs["words_caption"].sum()) if "words_caption" in gdocs.columns else n_words
        cued = q[q["kind"].isin(["direct", "indirect"]) & q["cue_class"].notna() & (q["cue_class"] != "punctuation")] \
            if len(q) else q
        if "negated" in cued.columns:
            cued = cued[~cued["negated"].astype(bool)]
        vague = named[named["vague"].astype(bool)] if len(named) and "vague" in named.columns else named.iloc[0:0]

        def total(col):
            return int(gdocs[col].sum()) if col in gdocs.columns else int(0)

        rows.append({
            by: g, "n_docs": len(gdocs), "n_quotes": total("n_quotes"), "n_direct": total("n_direct"),
            "n_indirect": total("n_indirect"), "n_scare": total("n_scare"),
            "n_sources": int(named["speaker"].nunique()) if len(named) else 0,
            "n_vague_sources": int(vague["speaker"].nunique()) if len(vague) else 0,
            "attributed_words": attributed,
            "attributed_share": attributed / body if body and body == body else float("nan"),
            "top_source": by_spk.index[0] if len(by_spk) else None,
            "top_source_share": float(by_spk.iloc[0]) / attributed if len(by_spk) and attributed else float("nan"),
            "n_camps_heard": len(heard), "n_camps_mentioned": len(mentioned),
            "camp_evenness": float("nan") if attributed == 0 else _evenness(list(by_camp.values), len(mentioned)),
            "evaluative_cue_share": float((cued["cue_class"] == "evaluative").mean()) if len(cued) else float("nan"),
        })
    return pd.DataFrame(rows)
