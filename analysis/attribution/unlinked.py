"""Stage 6b, quotes no cue reached: carry-over, dash and colon attributions, scare quotes.

Reads from the context: ``qspans`` (:mod:`.marks`), ``atts`` and ``naming`` (:mod:`.rules`), ``paras``.
Writes: each quote span that :mod:`.rules` linked to no cue is linked to an ``_Att`` (new ones are
appended to ``ctx.atts``) or given its kind (``scare`` or unattributed ``direct``) and ``rule``.
Functions: :func:`resolve_unlinked` (the stage).
Rules here, tried in this order (the first that applies wins): ``naming-scare``,
``quote-in-reported-clause``, ``dash-attribution``, ``colon-attribution``, ``possessive-lead-in``,
``continuation``, ``short-unlinked-scare`` (see :data:`analysis.attribution.rules.RULES`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .context import DocContext
from .inverted import right_np
from .records import _Att, _QSpan
from .rules import _link
from .speakers import speaker_of
from .subjects import left_np, subject_np

_DASH_AFTER_RE = re.compile(r"[ \t]*(?:\u2014|\u2013|--|-)[ \t]*(?=[A-Z])")
_POSS_COLON_RE = re.compile(r"(?<![\w'\u2019])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})['\u2019]s(?:\s+[a-z\-]+){1,2}\s*$")
_POSS_LEAD_RE = re.compile(r"(?<![\w'\u2019])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*['\u2019]s)\s*$")


@dataclass
class _UnlinkedState:
    """What :func:`resolve_unlinked` keeps while it walks the quote spans no cue reached."""

    events: list  # (cue position, paragraph, attribution), by position
    ev_pos: list  # the positions of ``events``
    cont: list  # (position, attribution) of the continuation quotes resolved so far, in text order
    contents: list  # (start, end, attribution) of every reported clause, by start
    c_starts: list  # the starts of ``contents``
    naming_ends: list  # ends of the naming cues ("titled", "so-called"), sorted


def resolve_unlinked(ctx: DocContext) -> None:
    """Attribute the quote spans no cue reached: the first rule that applies wins, in this order."""
    events = []  # (pos, para, att)
    for att in ctx.atts:
        events.append((att.cue_s if att.cue_s is not None else 0, att.para, att))
    events.sort(key=lambda x: x[0])
    # indirect content spans for containment
    contents = sorted(((cs, ce, att) for att in ctx.atts for cs, ce in att.contents), key=lambda x: x[0])
    state = _UnlinkedState(events=events, ev_pos=[e[0] for e in events], cont=[], contents=contents,
                      c_starts=[c[0] for c in contents], naming_ends=sorted(h.end for h in ctx.naming))
    for q in ctx.qspans:
        if q.att is not None:
            continue
        if _naming_scare(ctx, q, state) or _in_reported_clause(ctx, q, state):
            continue
        si, ss, se = ctx.sent_bounds(q.open_s)
        if _dash_attribution(ctx, q, si) or _colon_attribution(ctx, q, si, ss) \
                or _possessive_lead_in(ctx, q, si, ss) or _continuation(ctx, q, state, si, ss, se):
            continue
        # rule: short-unlinked-scare
        # (f) short phrase in the narrator's voice: scare quote; (g) otherwise unattributed speech
        q.rule = "short-unlinked-scare"
        if q.n_words <= 5 and not _whole_sentence(ctx, q, ss, se):
            q.kind = "scare"
        else:
            q.kind = "direct"


_NAMING_GAP_RE = re.compile(r"[\s:,]*(?:(?:it|him|her|them|the|a|an)\s+)?")


def _naming_scare(ctx: DocContext, q: _QSpan, state: "_UnlinkedState") -> bool:
    """(d) naming: titled "...", so-called "...", a placard reading "..." (a scare quote)."""
    text, naming_ends = ctx.text, state.naming_ends
    # rule: naming-scare
    k = bisect.bisect_right(naming_ends, q.open_s) - 1
    if k >= 0 and q.open_s - naming_ends[k] <= 12 and _NAMING_GAP_RE.fullmatch(text[naming_ends[k]:q.open_s]) \
            and q.n_words <= 12:
        q.kind, q.rule = "scare", "naming-scare"
        return True
    return False


def _in_reported_clause(ctx: DocContext, q: _QSpan, state: "_UnlinkedState") -> bool:
    """(a) a quote inside a reported clause belongs to that clause's speaker."""
    contents, c_starts = state.contents, state.c_starts
    # rule: quote-in-reported-clause
    i = bisect.bisect_right(c_starts, q.open_s) - 1
    host = None
    while i >= 0 and i >= bisect.bisect_right(c_starts, q.open_s) - 6:
        cs, ce, att = contents[i]
        if cs <= q.open_s < ce:
            host = att
            break
        i -= 1
    if host is not None:
        _link(ctx, q, host)
        q.rule = "quote-in-reported-clause"
        return True
    return False


def _dash_attribution(ctx: DocContext, q: _QSpan, si: int) -> bool:
    """(b) dash attribution: "..." — Anna Berg, the bank's chief economist."""
    text = ctx.text
    # rule: dash-attribution
    m = _DASH_AFTER_RE.match(text, q.close_e)
    if m:
        r = right_np(ctx, m.end(), min(len(text), m.end() + 200))
        if r is not None:
            sp = speaker_of(ctx, r)
            if sp is not None and (sp.kind != "unknown" or (sp.name and sp.name[:1].isupper())):
                cs = m.start() + (len(m.group()) - len(m.group().lstrip()))
                dash = m.group().strip()
                att = _Att(None, dash, cs, cs + len(dash), "punctuation", sp, si, q.para)
                _attach(ctx, q, att, "dash-attribution")
                return True
    return False


def _colon_attribution(ctx: DocContext, q: _QSpan, si: int, ss: int) -> bool:
    """(c) colon lead-in: Name: "..."; Lavrov's verdict: "..."; Anna Berg was blunt: "..."."""
    text = ctx.text
    # rule: colon-attribution
    before = text[max(ss, q.open_s - 200):q.open_s].rstrip()
    if before.endswith(":"):
        colon = max(ss, q.open_s - 200) + len(before) - 1
        res, status = left_np(ctx, max(ss, colon - 200), colon, "")
        mp = _POSS_COLON_RE.search(text, max(ss, colon - 80), colon)
        if mp:  # Lavrov's verdict: "..."
            res = right_np(ctx, mp.start(1), mp.end(1))
        elif res is None or status == "passive":
            res = subject_np(ctx, ss, colon)  # Anna Berg was blunt: "..."
        sp = None
        if res is not None:
            sp = speaker_of(ctx, res)
            if sp is not None and sp.kind in ("unknown", "document") and not (sp.name and sp.name[:1].isupper()):
                sp = None
        if sp is not None:
            att = _Att(None, ":", colon, colon + 1, "punctuation", sp, si, q.para)
            _attach(ctx, q, att, "colon-attribution")
            return True
    return False


def _possessive_lead_in(ctx: DocContext, q: _QSpan, si: int, ss: int) -> bool:
    """(c2) possessive lead-in: Obama's "if you like your plan" promise."""
    text = ctx.text
    # rule: possessive-lead-in
    m = _POSS_LEAD_RE.search(text, max(ss, q.open_s - 80), q.open_s)
    if m:
        r = left_np(ctx, max(ss, q.open_s - 120), m.end(1), "")[0]
        sp = speaker_of(ctx, r) if r is not None else None
        if sp is not None and sp.kind in ("person", "organisation", "group", "country") and sp.name:
            att = _Att(None, None, None, None, None, sp, si, q.para)
            _attach(ctx, q, att, "possessive-lead-in")
            return True
    return False


def _continuation(ctx: DocContext, q: _QSpan, state: "_UnlinkedState", si: int, ss: int, se: int) -> bool:
    """(e) a quote opening a paragraph or sentence continues the previous speaker."""
    events, ev_pos, cont = state.events, state.ev_pos, state.cont
    # rule: continuation
    starts_para = q.open_s <= ctx.paras[q.para][0]  # paragraph and sentence spans start at a non-space
    starts_sent = q.open_s <= ss
    if starts_para or starts_sent:
        j = bisect.bisect_left(ev_pos, q.open_s) - 1
        prev_att = events[j][2] if j >= 0 else None
        if cont and cont[-1][0] < q.open_s and (j < 0 or cont[-1][0] > ev_pos[j]):
            prev_att = cont[-1][1]  # the latest continuation quote (appended in text order)
            j = -1
        # prefer the latest attribution that carries a direct quote, within the window
        for jj in range(j, max(-1, j - 4), -1):
            cand = events[jj][2]
            if q.para - cand.para > 1:
                break
            if cand.quotes:
                prev_att = cand
                break
        if prev_att is not None and prev_att.speaker is not None \
                and (prev_att.speaker.name or prev_att.speaker.m_s is not None) \
                and q.para - prev_att.para <= 1 and (q.n_words > 5 or starts_para or _whole_sentence(ctx, q, ss, se)):
            sp = prev_att.speaker
            att = _Att(None, None, None, None, None, sp, si, q.para)
            att.group = -1
            _attach(ctx, q, att, "continuation")
            cont.append((q.open_s, att))
            return True
    return False


def _attach(ctx: DocContext, q: _QSpan, att: _Att, rule: str) -> None:
    """Link quote span ``q`` to the new attribution ``att``, found by rule ``rule``, and keep ``att``."""
    att.rule = rule
    _link(ctx, q, att)
    ctx.atts.append(att)


def _whole_sentence(ctx: DocContext, q: _QSpan, ss: int, se: int) -> bool:
    """Whether the quote is its sentence, closing with its own ``.``/``!``/``?`` (``"We lost."``)."""
    return q.open_s <= ss + 1 and q.close_e >= se - 1 and ctx.text[q.e - 1:q.e] in ".!?"
