"""Stage 8, rows: :class:`Quote` rows, the voice map and the quote table.

Reads from the context: ``text``, ``qspans``, ``atts``, ``np_cuts``, ``party_camp``.
Writes: ``ctx.last_group`` (and the ``group`` of each attribution: the numbering of utterances).
Functions: :func:`emit` (the stage) returns a list of :class:`Quote` (ordered by start, outer before
nested); :func:`voice_spans` for the voice map, :func:`quote_rows` and :func:`quotes_frame` for the
table (columns :data:`QUOTE_COLUMNS`) work on any list of quotes.
Rules here: an indirect content is cut at a later speaker's clause and never cuts through a quote,
overlapping spans are made to nest (``_nest``), the same span claimed twice is kept once, the pieces
of one attribution share ``group_id``.
"""
from __future__ import annotations

import bisect
import heapq
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable

import pandas as pd

from .._csv import read_csv_text
from .._frames import frame_from_rows
from .context import DocContext
from .marks import quote_at


#: Columns of :func:`quotes_frame`, in order (the first 12 are the public contract).
QUOTE_COLUMNS = ("quote_id", "kind", "start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue",
                 "cue_class", "camp", "vague", "cue_start", "cue_end", "n_words", "group_id", "negated", "rule", "confidence")


#: Column types of the quotes table (offsets of an absent speaker or cue are NA).
QUOTE_DTYPES = {"speaker_start": "Int64", "speaker_end": "Int64", "cue_start": "Int64", "cue_end": "Int64", "vague": bool,
               "negated": bool}


#: Voice painted on the voice map for each quote kind.
VOICE_OF_KIND = {"direct": "quoted", "scare": "scare_quote", "indirect": "paraphrase"}


@dataclass
class Quote:
    """One direct, indirect or scare quote.  ``text == doc.text[start:end]``.

    ``speaker_start``/``speaker_end`` locate the speaker mention linked to the cue (``None`` if
    none); ``cue_start``/``cue_end`` the cue; ``group_id`` is shared by the fragments of one
    utterance (split quotes, asides); ``negated`` marks speech the text says did not happen ("did not
    say whether ...", rule ``negated-speech``): the row is kept, the balance leaves it out.  ``rule`` is
    the id (in :data:`analysis.attribution.rules.RULES`) of the rule that produced the row and
    ``confidence`` that rule's precision on PolNeAR train (:func:`rule_confidence`).
    """

    quote_id: int
    kind: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    cue_class: str | None = None
    camp: str | None = None
    vague: bool = False
    n_words: int = 0
    group_id: int = 0
    negated: bool = False
    rule: str | None = None
    confidence: float = float("nan")


_CONFIDENCE_COLUMNS = ["rule", "kind", "n", "correct", "confidence", "source"]


@lru_cache(maxsize=1)
def rule_confidence() -> dict[tuple[str, str], float]:
    """``{(rule, kind): confidence}`` from ``analysis/data/rule_confidence.csv``.

    Written by ``bench/bench_rule_precision.py`` from PolNeAR train; the rule ``*`` holds the overall
    precision of a kind, which rows of a rule without an estimate get (see docs/methods.md).

    Examples
    --------
    >>> 0.0 <= rule_confidence()[("*", "indirect")] <= 1.0
    True
    """
    where = "analysis/data/rule_confidence.csv"
    header, rows = read_csv_text(resources.files("analysis").joinpath("data/rule_confidence.csv").read_text(encoding="utf-8"))
    if header != _CONFIDENCE_COLUMNS:
        raise ValueError(f"{where}: columns must be {', '.join(_CONFIDENCE_COLUMNS)}; got {', '.join(header)}")
    out = {}
    for line, (rule, kind, _n, _correct, conf, _source) in rows:
        try:
            value = float(conf)
        except ValueError:
            value = float("nan")
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{where}:{line}: confidence must be a number in [0, 1]; got {conf!r}")
        out[(rule, kind)] = value
    return out


def _confidence(rule: str | None, kind: str) -> float:
    """The confidence of a row of ``kind`` made by ``rule``: the rule's estimate, else its kind's, else NaN."""
    table = rule_confidence()
    value = table.get((rule, kind)) if rule else None
    return table.get(("*", kind), math.nan) if value is None else value


def voice_spans(quotes: Iterable[Quote]) -> list[tuple[int, int, str, str | None]]:
    """``(start, end, voice, speaker)`` spans for :meth:`Document.set_voice_map`.

    Direct quotes are ``quoted``, scare quotes ``scare_quote`` (no speaker), indirect ones
    ``paraphrase``; negated speech ("did not say whether ...") stays the narrator's.

    Examples
    --------
    >>> voice_spans([Quote(0, "direct", 1, 5, "abcd", speaker="A"), Quote(1, "scare", 9, 12, "xyz")])
    [(1, 5, 'quoted', 'A'), (9, 12, 'scare_quote', None)]
    """
    out = []
    for q in quotes:
        voice = VOICE_OF_KIND.get(q.kind)
        if voice is None:
            raise ValueError(f"quote {q.quote_id}: unknown kind {q.kind!r}")
        if q.negated:
            continue
        out.append((q.start, q.end, voice, None if q.kind == "scare" else q.speaker))
    return out


def quote_rows(quotes: Iterable[Quote]) -> list[tuple]:
    """Quotes as plain tuples in :data:`QUOTE_COLUMNS` order (the no-pandas path of :func:`quotes_frame`)."""
    return [tuple(getattr(q, c) for c in QUOTE_COLUMNS) for q in quotes]


def quotes_frame(quotes: Iterable[Quote], *, rows: list[tuple] | None = None, columns=QUOTE_COLUMNS) -> pd.DataFrame:
    """Quotes as a tidy DataFrame with columns :data:`QUOTE_COLUMNS`.

    ``rows`` (from :func:`quote_rows`, possibly with leading keys named in ``columns``) replaces
    ``quotes`` when given.

    Examples
    --------
    >>> quotes_frame([]).columns.tolist()[:6]
    ['quote_id', 'kind', 'start', 'end', 'text', 'speaker']
    """
    return frame_from_rows(quote_rows(quotes) if rows is None else rows, columns, QUOTE_DTYPES)


def emit(ctx: DocContext) -> list[Quote]:
    text = ctx.text
    rows = []  # (start, end, kind, att, qspan)
    for att in ctx.atts:
        if att.group <= 0:
            ctx.last_group += 1
            att.group = ctx.last_group
    for q in ctx.qspans:
        if q.kind is None:
            continue
        rows.append([q.s, q.e, q.kind, q.att, q.att.group if q.att is not None else None, q.rule])
    # indirect contents, trimmed so they never cut through a quote nor run into a later speaker's clause
    spans = [(q.open_s, q.close_e) for q in ctx.qspans if q.kind is not None]
    span_starts = [sp[0] for sp in spans]
    np_starts = sorted([a.np_s for a in ctx.atts if a.np_s is not None] + ctx.np_cuts)
    for att in ctx.atts:
        for cs, ce in att.contents:
            k = bisect.bisect_right(np_starts, cs)
            k_end = k + 4
            while k < len(np_starts) and np_starts[k] < ce and k < k_end:
                comma = text.rfind(",", cs, np_starts[k])
                while comma > cs and quote_at(ctx, comma) is not None:
                    comma = text.rfind(",", cs, comma)
                if comma > cs:
                    ce = comma
                    break
                k += 1
            cs, ce = _clip(cs, ce, spans, span_starts)
            if ce > cs and ctx.words(cs, ce) >= 1:
                rows.append([cs, ce, "indirect", att, att.group, None])
    # fix partial overlaps between indirect spans (later one starts where the earlier ends)
    _nest([r for r in rows if r[2] == "indirect"], text)
    # "Clinton and Sanders said": the same span once more for each further speaker
    rows += [[r[0], r[1], r[2], replace(r[3], speaker=co, co=[]), r[4], r[5]]
             for r in rows if r[3] is not None and r[3].co and r[2] != "scare" for co in r[3].co]
    rows = [r for r in rows if r[1] > r[0]]
    rows.sort(key=lambda r: (r[0], -r[1], r[2], r[3] is None or r[3].speaker is None or r[3].speaker.name is None))
    dedup = []
    for r in rows:
        if dedup and dedup[-1][0] == r[0] and dedup[-1][1] == r[1] and dedup[-1][2] == r[2]:
            # the same span twice (two cues claiming one clause): keep the first, best-resolved --
            # unless two different named speakers report it ("Marsh added that ..., according to X")
            names = [x[3].speaker.name if x[3] is not None and x[3].speaker is not None else None
                     for x in (dedup[-1], r)]
            if None in names or names[0] == names[1]:
                continue
        dedup.append(r)
    rows = dedup
    out = []
    next_group = ctx.last_group
    renum: dict = {}
    for r in rows:
        s, e, kind, att, group, rule = r
        rule = rule or (att.rule if att is not None else None)
        if group is None:
            next_group += 1
            group = next_group
        sp = att.speaker if att is not None and kind != "scare" else None
        out.append(Quote(
            quote_id=len(out), kind=kind, start=s, end=e, text=text[s:e],
            speaker=sp.name if sp else None,
            speaker_start=sp.m_s if sp else None, speaker_end=sp.m_e if sp else None,
            cue=att.cue_text if att is not None and kind != "scare" else None,
            cue_start=att.cue_s if att is not None and kind != "scare" else None,
            cue_end=att.cue_e if att is not None and kind != "scare" else None,
            cue_class=att.cue_class if att is not None and kind != "scare" else None,
            camp=((sp.camp or ctx.party_camp.get(sp.name)) if sp and not sp.vague else None),
            vague=bool(sp.vague) if sp else False,
            n_words=ctx.words(s, e), group_id=renum.setdefault(group, len(renum) + 1),
            negated=bool(att is not None and att.negated and kind != "scare"),
            rule=rule, confidence=_confidence(rule, kind),
        ))
    return out


def _nest(spans: list[list], text: str) -> None:
    """Trim ``[start, end, ...]`` spans in place so that any two nest or are disjoint.

    A span that starts inside an earlier one and ends after it starts where that one ends (past
    whitespace and ``,;:``), so the voice map can give every character to the innermost span.
    Spans trimmed to nothing end up with ``start == end``.
    """
    queue = [(sp[0], -sp[1], i) for i, sp in enumerate(spans)]
    heapq.heapify(queue)
    open_spans: list[list] = []  # accepted spans that still reach past the current start
    while queue:
        _, _, i = heapq.heappop(queue)
        y = spans[i]
        open_spans = [x for x in open_spans if x[1] > y[0]]
        cut = max((x[1] for x in open_spans if x[0] < y[0] and x[1] < y[1]), default=None)
        if cut is None:
            open_spans.append(y)
            continue
        y[0] = cut
        while y[0] < y[1] and (text[y[0]].isspace() or text[y[0]] in ",;:"):
            y[0] += 1
        heapq.heappush(queue, (y[0], -y[1], i))  # its start moved: check it again in order


def _clip(cs: int, ce: int, spans, starts) -> tuple[int, int]:
    """Trim ``[cs, ce)`` so that it never cuts through a quote span (spans sorted, disjoint)."""
    i = max(bisect.bisect_right(starts, cs) - 1, 0)
    while i < len(spans) and spans[i][0] < ce:
        qs, qe = spans[i]
        i += 1
        if qe <= cs:
            continue
        if qs < cs < qe and qe < ce:
            cs = qe
        elif qs < ce < qe and qs > cs:
            ce = qs
        elif qs <= cs and ce <= qe:
            return cs, cs
    return cs, ce
