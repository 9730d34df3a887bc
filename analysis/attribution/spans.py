"""Stage 7, content spans: where the reported clause of an attribution starts and ends.

Reads from the context: ``text``, ``W``, the quote spans, ``hits``/``hit_starts``/``hit_at``.  Writes nothing.
Functions (called by :mod:`.rules`): ``(start, end)`` offsets of the content (:func:`_after_start`,
:func:`_content_end`, :func:`_trim`), the quote span after a cue (:func:`_quote_after`), the words
outside quotes (:func:`_outside_quotes_words`).
Rules here: skip the hearer of "told X", adjuncts and "that", stop at a terminal mark, a
subordinate clause, a new quote or ``_MAX_CONTENT`` characters.
"""
from __future__ import annotations

import bisect
import re

from .cues import CueHit, complement_lemmas
from .patterns import _LEAD_RE, _MAX_CONTENT, _THAT_RE
from .records import _Att, _QSpan
from .context import DocContext
from .marks import quote_at


# verbs with an object before "that" ("warned allies in a letter that ...")
_TELL_LEMMAS = complement_lemmas("object_that")


# verbs whose hearer comes before the reported clause ("told reporters the talks failed")
_HEARER_SKIP = complement_lemmas("hearer")


_ADJUNCT_RE = re.compile(
    r"\s*,?\s*(?:(?:on|last|this|late|early|earlier|next)\s+(?:[A-Z][a-z]+day|week|weekend|month|year|morning|afternoon|evening|night)\b"
    r"|(?:yesterday|today|tonight|recently|earlier|later|again|also|repeatedly|publicly|privately|then)\b"
    r"|(?:[A-Z][a-z]+day)\b"
    r"|in\s+(?:a|an|his|her|their|its|the|one|two)\s+(?:[\w\-]+\s+){0,3}?(?:statement|interview|tweet|speech|post|letter|e-?mail|op-ed|"
    r"memo|video|address|report|press\s+conference|news\s+conference|briefing|appearance|message|remarks|testimony|"
    r"filing|call|conversation|release|broadcast|podcast|column|book|essay|editorial|blog\s+post|Facebook\s+post)"
    r"(?:\s+(?:on|with|to|at|for|released|posted|published|issued)\s+[^,.;:\"\u201c\u201d]{1,40}?(?=[,:;]|\s+that\b|$))?)"
)


_TERMINAL_RE = re.compile(r"[!?;]|(?<![A-Z])\.(?!\w)")


_TRAIL_CHAR = re.compile(r"[\s,;:\-\u2014\u2013.]").match  # (text, pos): trailing punctuation or space at pos


_COMMA_NEXT_RE = re.compile("(,[\"'\u201d\u2019\u00bb\u203a]*)\\s+")


_PREP_START_RE = re.compile(r"\s*,?\s*(?:in|on|at|during|after|before|from|with|to|over|of|through|since|last|this|earlier|later)\b", re.I)


_SUBORD_STOP_RE = re.compile(r",\s+(?:because|although|though|while|whereas|since|even\s+though|unless|until|despite|"
                             r"as|when|after|before)\b(?!\s+(?:that|if|whether)\b)")


def _trim(ctx: DocContext, s: int, e: int) -> tuple[int, int]:
    text = ctx.text
    m = _LEAD_RE.match(text, s, e)
    if m:
        s = m.end()
    while s < e and text[s].isspace():
        s += 1
    while e > s and _TRAIL_CHAR(text, e - 1):  # drop trailing spaces and punctuation (a regex
        e -= 1                                  # search for "[...]+$" was n**2 on inner runs)
    return s, e


def _quote_after(ctx: DocContext, h: CueHit, np_span, side, pi: int, se: int) -> _QSpan | None:
    anchor = h.end if side != "right" or np_span is None else max(h.end, np_span[1])
    i = bisect.bisect_left(ctx.q_open, anchor)
    if i >= len(ctx.qspans):
        return None
    q = ctx.qspans[i]
    gap = ctx.text[anchor:q.open_s]
    if q.para == pi + 1 and re.fullmatch(r"[ \t]*:\s*", gap):
        return q  # X said:\n\n"..."
    if q.para != pi:
        return None
    if re.fullmatch(r"\s*[.:]\s*", gap) and side in ("left", "participle", "right") and h.cue_class != "naming" \
            and h.lemma != "according to":
        j = bisect.bisect_left(ctx.hit_starts, q.close_e)
        own = j < len(ctx.hits) and ctx.hits[j].start - q.close_e < 40 and \
            ctx.para_of(ctx.hits[j].start) == q.para_end and ctx.hits[j].cue_class not in ("naming", "ignore")
        if "." in gap and own:
            return None
        return q  # X agreed. "..."  /  X added: "..."
    if len(gap) > 120 or _TERMINAL_RE.search(gap):
        return None
    if sum(1 for _ in re.finditer(r"[^\W_]+", gap)) > 8:
        return None
    j = bisect.bisect_left(ctx.hit_starts, anchor)
    if j < len(ctx.hits) and ctx.hits[j].start < q.open_s and ctx.hits[j].cue_class not in ("ignore",):
        if ctx.hits[j].cue_class == "naming":
            return None
        return None
    return q


def _after_start(ctx: DocContext, h: CueHit, anchor: int, se: int, att: _Att) -> int:
    text = ctx.text
    pos = anchor
    window = text[pos:min(se, pos + 160)]
    m = _THAT_RE.search(window)
    if m:
        gap = window[:m.start()]
        ok = not gap.strip() or re.fullmatch(r"\s*,\s*", gap) is not None
        if not ok:
            g = 0
            while True:
                ma = _ADJUNCT_RE.match(gap, g)
                if not ma or ma.end() == g:
                    break
                g = ma.end()
            ok = not gap[g:].strip(" ,")
        if not ok and not re.search(r"[,;:.!?\"\u201c\u201d]", gap):
            n_gap = len(gap.split())
            # rule: object-before-that
            if h.lemma in _TELL_LEMMAS:
                ok = n_gap <= 12
            elif _PREP_START_RE.match(gap):
                ok = n_gap <= 10
        if ok:
            pos += m.end()
            while pos < se and text[pos].isspace():
                pos += 1
            return pos
    # hearer of tell/assure/remind: a pronoun or a short noun phrase ("reporters", "the Associated Press")
    # rule: hearer-before-clause
    if h.lemma in _HEARER_SKIP:
        toks = ctx.toks(pos, min(se, pos + 80))
        k = 0
        stop = ("that", "to", "about", "whether", "if", "on", "in", "at", "during", "after", "before", "when", "how", "why")
        while k < len(toks) and k < 5 and toks[k][2][:1].isalnum() and toks[k][2].lower() not in stop:
            tl = toks[k][2].lower()
            if k > 0 and (tl in ctx.W.determiners or tl in ctx.W.pronouns or tl in ctx.W.skip or tl in ctx.W.boundary):
                break
            k += 1
            if tl in ctx.W.pronouns:
                break
        if 0 < k < len(toks) and toks[k][2].lower() != "to":
            pos = toks[k - 1][1]
    while True:
        m = _ADJUNCT_RE.match(text, pos, se)
        if not m or m.end() == pos:
            break
        pos = m.end()
    while pos < se and (text[pos].isspace() or text[pos] in ",:"):
        pos += 1
    return pos


def _content_end(ctx: DocContext, s: int, se: int, h: CueHit) -> int:
    text = ctx.text
    e = min(se, s + _MAX_CONTENT)
    hit_at = ctx.hit_at
    for m in _COMMA_NEXT_RE.finditer(text, max(0, s - 4), e):
        hit = hit_at.get(m.end())
        if hit is not None and (hit.text.split()[0].lower().endswith("ing") or hit.lemma == "according to"):
            e = max(s, m.end(1))  # ", adding ...", ", according to ...": a new reported clause starts
            break
    for m in _SUBORD_STOP_RE.finditer(text, s, e):
        if quote_at(ctx, m.start()) is None:
            e = m.start()
            break
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:\u2014\u2013-"):
        e -= 1
    return e


def _outside_quotes_words(ctx: DocContext, s: int, e: int, att: _Att) -> int:
    n = ctx.words(s, e)
    for q in att.quotes:
        if q.open_s >= s and q.close_e <= e:
            n -= ctx.words(q.s, q.e)
    rest = ctx.text[s:e]
    if re.fullmatch(r"\W*that\W*", rest):
        return 0
    return n - (1 if re.match(r"\s*that\b", rest) else 0)
