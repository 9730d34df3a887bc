"""Stage 7, content spans: which clauses a cue reports, and where they start and end.

Reads from the context: ``text``, ``W``, the quote spans, ``hits``/``hit_starts``/``hit_at``, ``atts`` (the
earlier attributions of the sentence).  Writes nothing on the context; :func:`_keep_contents` stores the
chosen clauses on the attribution it is given (``att.contents``, ``att.cue_class``).
Functions (called by :mod:`.rules` for one cue): :func:`_clause_before` and :func:`_clause_after` (the
clauses before the subject and after the cue that the cue may report), :func:`_keep_contents` (the choice
between them); below them, the offsets of a clause (:func:`_after_start`, :func:`_content_end`,
:func:`_trim`), the quote span after a cue (:func:`_quote_after`), the words outside quotes
(:func:`_outside_quotes_words`) and the predicate :func:`_that_or_quote_in`.
Rules here: skip the hearer of "told X", adjuncts and "that", stop at a terminal mark, a
subordinate clause, a new quote or ``_MAX_CONTENT`` characters; the "what was said" rules of
:data:`analysis.attribution.rules.RULES` whose stage is ``spans``.
"""
from __future__ import annotations

import bisect
import re

from ..actors import trie_pattern
from .context import DocContext
from .cues import CueHit, complement_lemmas
from .marks import quote_at
from .patterns import _APPOSITIVE_RE, _LEAD_RE, _MAX_CONTENT, _THAT_RE, word_list
from .records import _Att, _QSpan
from .speakers import _prev_att_in_sentence


_TIME_WORDS = word_list("time_extra") | {"last", "next", "earlier", "later"}


# a request not to be named (``anonymity_phrases`` in attribution_words.csv) after at most two words of a
# clause: "asked not to be identified", "spoke on condition of anonymity", "speaking on background"
_ANONYMITY_RE = re.compile(r"(?:[a-z][\w'\u2019\-]*\s+){0,2}?(?<![\w\-])(?:"
                           + trie_pattern(sorted(word_list("anonymity_phrases"))) + r")(?![\w\-])(?!\s+of\b)")


# the gaps and openings the span rules test (compiled once: these run for every cue)
_COLON_GAP_RE = re.compile(r"[ \t]*:\s*")
_STOP_GAP_RE = re.compile(r"\s*[.:]\s*")
_COMMA_GAP_RE = re.compile(r"\s*,\s*")
_GAP_PUNCT_RE = re.compile(r"[,;:.!?\"\u201c\u201d]")
_WORD_RUN_RE = re.compile(r"[^\W_]+")
_THAT_ONLY_RE = re.compile(r"\W*that\W*")
_THAT_OPENS_RE = re.compile(r"\s*that\b")
_WH_OPENS_RE = re.compile(r"\s*(?:whether|if|why|how|what|when|who|about)\b")
_CLAUSE_STOP_RE = re.compile(r"[,;:.!?\"\u201c\u201d(\u2014\u2013]")


# rule: anonymity-not-speech
def _anonymity_request(ctx: DocContext, s: int, e: int) -> bool:
    """Whether the clause at ``s`` (up to its first comma, stop, dash or quote mark; 160 characters at most)
    asks not to be named after at most two words ("asked not to be identified", "described it on condition of
    anonymity", "speaking on background") and says nothing: no "that" after the request.  Such a cue is no
    speech act, and such a clause is not what was said."""
    text = ctx.text
    while s < e and text[s].isspace():
        s += 1
    e = min(e, s + 160)
    stop = _CLAUSE_STOP_RE.search(text, s, e)
    if stop is not None:
        e = stop.start()
    m = _ANONYMITY_RE.match(text, s, e)
    return m is not None and not _THAT_RE.search(text, m.end(), e) and "that" not in text[s:m.start()].split()


# verbs with an object before "that" ("warned allies in a letter that ...")
_TELL_LEMMAS = complement_lemmas("object_that")


# verbs whose hearer comes before the reported clause ("told reporters the talks failed")
_HEARER_SKIP = complement_lemmas("hearer")


# rule: date-adjunct (the month-day-year branch)
_ADJUNCT_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:on|last|this|late|early|earlier|next)\s+(?:[A-Z][a-z]+day|week|weekend|month|year|morning|afternoon|evening|night)\b"
    r"|(?:yesterday|today|tonight|recently|earlier|later|again|also|repeatedly|publicly|privately|then)\b"
    r"|(?:[A-Z][a-z]+day)\b"
    r"|(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|"
    r"Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+\d{1,2}(?:,\s+\d{4})?(?!\d)"
    r"|in\s+(?:a|an|his|her|their|its|the|one|two)\s+(?:[\w\-]+\s+){0,3}?(?:statement|interview|tweet|speech|post|letter|e-?mail|op-ed|"
    r"memo|video|address|report|press\s+conference|news\s+conference|briefing|appearance|message|remarks|testimony|"
    r"filing|call|conversation|release|broadcast|podcast|column|book|essay|editorial|blog\s+post|Facebook\s+post)"
    r"(?:\s+(?:on|with|to|at|for|released|posted|published|issued)\s+[^,.;:\"\u201c\u201d]{1,40}?(?=[,:;]|\s+that\b|$))?)"
)


_TERMINAL_RE = re.compile(r"[!?;]|(?<![A-Z])\.(?!\w)")


_TRAIL_CHAR = re.compile(r"[\s,;:\-\u2014\u2013.]").match  # (text, pos): trailing punctuation or space at pos


_COMMA_NEXT_RE = re.compile("(,[\"'\u201d\u2019\u00bb\u203a]*)\\s+")


_PREP_START_RE = re.compile(r"\s*,?\s*(?:in|on|at|during|after|before|from|with|to|over|of|through|since|last|this|earlier|later)\b", re.I)


# "and", "but", then an adverb or two, before a coordinated cue: ", and then explained", ", but later said"
_CONJ_NEXT_RE = re.compile(r"(?:and|but)\s+(?:(?:then|also|later|quickly|again|[a-z]+ly)\s+){0,2}")


_SUBORD_STOP_RE = re.compile(r",\s+(?:because|although|though|while|whereas|since|even\s+though|unless|until|despite|"
                             r"as|when|after|before)\b(?!-)(?!\s+(?:that|if|whether)\b)")  # ("after-inflation" is no subordinator)


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
    if q.para == pi + 1 and _COLON_GAP_RE.fullmatch(gap):
        return q  # X said:\n\n"..."
    if q.para != pi:
        return None
    if _STOP_GAP_RE.fullmatch(gap) and side in ("left", "participle", "right") and h.cue_class != "naming" \
            and h.lemma != "according to":
        j = bisect.bisect_left(ctx.hit_starts, q.close_e)
        own = j < len(ctx.hits) and ctx.hits[j].start - q.close_e < 40 and \
            ctx.para_of(ctx.hits[j].start) == q.para_end and ctx.hits[j].cue_class not in ("naming", "ignore")
        if "." in gap and own:
            return None
        return q  # X agreed. "..."  /  X added: "..."
    if len(gap) > 120 or _TERMINAL_RE.search(gap):
        return None
    if len(_WORD_RUN_RE.findall(gap)) > 8:
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
        ok = not gap.strip() or _COMMA_GAP_RE.fullmatch(gap) is not None
        if not ok:
            g = 0
            while True:
                ma = _ADJUNCT_RE.match(gap, g)
                if not ma or ma.end() == g:
                    break
                g = ma.end()
            ok = not gap[g:].strip(" ,")
        if not ok and not _GAP_PUNCT_RE.search(gap):
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
    # rule: particle-after-cue
    m = _OUT_PARTICLE_RE.match(text, pos, se)
    if m is not None and pos == anchor:
        pos = m.end()  # "tweeted out these headlines": the particle belongs to the verb
    while True:
        m = _ADJUNCT_RE.match(text, pos, se)
        if not m or m.end() == pos:
            break
        pos = m.end()
    while pos < se and (text[pos].isspace() or text[pos] in ",:"):
        pos += 1
    return pos


_OUT_PARTICLE_RE = re.compile(r"\s+out(?=\s+(?!of\b|loud\b|that\b)[a-z])")


def _content_end(ctx: DocContext, s: int, se: int, h: CueHit) -> int:
    text = ctx.text
    e = min(se, s + _MAX_CONTENT)
    hit_at = ctx.hit_at
    for m in _COMMA_NEXT_RE.finditer(text, max(0, s - 4), e):
        hit = hit_at.get(m.end())
        if hit is not None and (hit.text.split()[0].lower().endswith("ing") or hit.lemma == "according to"):
            e = max(s, m.end(1))  # ", adding ...", ", according to ...": a new reported clause starts
            break
        # rule: coordinated-cue-ends-content
        c = _CONJ_NEXT_RE.match(text, m.end(), e)
        if c is not None and c.end() in hit_at and hit_at[c.end()].cue_class not in ("ignore", "naming", "epistemic") \
                and hit_at[c.end()].requires is None:  # ("claims he stopped, but wanted to ...": still the claim)
            e = max(s, m.end(1))  # "..., and added that ...": the coordinated cue reports what follows
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
    if _THAT_ONLY_RE.fullmatch(rest):
        return 0
    return n - (1 if _THAT_OPENS_RE.match(rest) else 0)


# respond/reply: what they answer ("to a request for comment") or how ("by issuing demands", "angrily")
# is not what they said
_ANSWER_LEMMAS = complement_lemmas("answer")


# verbs that take a noun phrase, never a clause: "The plan he praised was bold" -- "was bold" is the
# narrator's, the plan the object the relative clause lost
_NP_OBJECT_LEMMAS = complement_lemmas("np")


_FINITE_START_RE = re.compile(r"(?:is|was|are|were|has|have|had|will|would|can|could|may|might|must|should|does|did|"
                              r"remains?|remained|seems?|seemed|appears?|appeared|turned|proved|became|becomes)\b")


_NOT_AN_ANSWER_RE = re.compile(r"(?:to|by|with|within|until|and|or|in\s+kind|quickly|[a-z]+ly\b(?!\s+that\b))\b", re.I)


#: a few words (a hearer, a time) and a comma or colon before a quote: "to me last year, "
_LEAD_IN_RE = re.compile(r"(?:(?!and\b|but\b|that\b)[\w'\u2019\-]+\s+){0,3}(?!and\b|but\b|that\b)[\w'\u2019\-]+\s*[,:]\s*")


# 'asked him to resign': up to four words, then 'to' and a verb.  Each word is a whole run of word
# characters (the old ``(?:\s*[\w'’\-]+){1,4}`` could split one run four ways: n**4 steps on a long word).
_DIRECTIVE_RE = re.compile(r"\s*[\w'\u2019\-]+(?:\s+[\w'\u2019\-]+){0,3}\s+to\s+[a-z]")


_CLAUSE_JOIN_RE = re.compile(r"(?:,\s+(?:and|but|while)|;)\s+")


_REL_ASIDE_RE = re.compile(r",[ \t]+(?:who|which|whose|whom)\b")


_NONBLANK_RE = re.compile(r"[^\s\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`]")


# a prepositional phrase right after the cue (no "that" followed) says where or when, not what
_PLACE_ADJUNCT_RE = re.compile(r"(?:at|in|on|outside|inside|near|amid|during|after|before|from|with|over|through|since|"
                               r"across|behind|beside|within|aboard|alongside|following|ahead\s+of)\s", re.I)


# rule: that-or-quote-mark
# (not :func:`_that_or_quote_in`: a quoted title after a place adjunct must keep the clause, as in 'saying Monday
# on CNN's "Piers Morgan Live" there's no point ...'; the other way round the circumstance and answer rules would
# report 'on "Fox News Sunday."' -- either merge changes the AllSides outputs of bench/compare_outputs.py)
_THAT_OR_QUOTE_RE = re.compile(r"\bthat\b|[\"\u201c\u201d]")


# a comma after the cue, then words that go on with what was said (not a participle or an adjunct)
_CONTINUATION_RE = re.compile(r"\s*,\s+(?!(?:while|as|when|whenever|after|before|because|although|though|since|until|unless|"
                              r"if|with|without|in|on|at|during|from|not|and|but|then|according|amid|despite)\b)"
                              r"(?![\w'\u2019\-]+ing\b)\w")


# a quoted title: one to four capitalised words ("Today", "Meet the Press,", "Morning Joe")
_TITLE_RE = re.compile(r"[A-Z0-9][\w'\u2019\-.&]*(?:\s+(?:[A-Z0-9][\w'\u2019\-.&]*|the|of|and|a|an|in|on|for|to)){0,3},?")


_PRONOUN_START_RE = re.compile(r"(?:he|she|they|we|i|you|it|him|her|them|us|me)\b", re.I)


def _clause_before(ctx: DocContext, h: CueHit, side: str, np_span, si: int, ss: int, qb: _QSpan | None):
    """``(start, end)`` of the clause before the subject (or the cue) that the cue reports, or None."""
    text = ctx.text
    before = None
    cut = np_span[0] if side == "left" else h.start
    if side == "right" and h.lemma != "according to" and np_span[0] < h.start:
        cut = np_span[0]
    before_lo = max(ss, cut - _MAX_CONTENT)
    # rule: according-to-own-clause
    if side == "right" and h.lemma == "according to":
        # "She added that A, and B, according to X": X reports B -- never the earlier speaker
        # and verb, and not the clause that speaker alone is credited with
        earlier = _earlier_content_start(ctx, si, h.start)
        if earlier > before_lo:
            before_lo = earlier
            last = None
            for m in _CLAUSE_JOIN_RE.finditer(text, before_lo, cut):
                if quote_at(ctx, m.start()) is None:
                    last = m
            if last is not None:
                before_lo = last.end()
    q_cross = quote_at(ctx, before_lo)
    if q_cross is not None and q_cross.open_s < before_lo:
        before_lo = max(before_lo, q_cross.close_e)
    prev_text = text[before_lo:cut].rstrip()
    # rule: partial-quote-clause
    if qb is not None and qb.open_s > before_lo:
        # This is a "raw time," Axelrod said: the clause around the partial quote is reported too
        bs, _ = _trim(ctx, before_lo, qb.open_s)
        if bs < qb.open_s and _NONBLANK_RE.search(text, bs, qb.open_s):
            before = (bs, qb.close_e)
    # rule: clause-before-cue
    elif prev_text.endswith((",", "\u2014", "\u2013")) and (qb is None or qb.close_e <= before_lo):
        bs, be = _trim(ctx, before_lo, len(prev_text) + before_lo)
        aside = text[h.end:h.end + 2].startswith(",")
        if be > bs and ctx.words(bs, be) >= (1 if aside else 2) and not _adverbial_only(ctx, bs, be):
            before = (bs, be)
    return before


# prepositions (and "as for") that open an adverbial phrase: "On Friday", "At its heart", "Despite her hardships"
_ADVERBIAL_OPENERS = {"on", "at", "in", "of", "for", "from", "with", "without", "by", "about", "after", "before",
                      "during", "since", "until", "despite", "amid", "among", "under", "over", "through", "throughout",
                      "against", "toward", "towards", "following", "like", "unlike", "beyond", "besides", "within",
                      "regarding", "as", "into", "upon", "inside", "outside", "near", "across", "behind"}


# a subject pronoun or a finite verb makes a clause of the phrase ("After he left", "In short, prices are")
_CLAUSE_WORDS = {"he", "she", "they", "we", "i", "you", "it", "is", "was", "are", "were", "has", "have", "had", "will",
                 "would", "can", "could", "may", "might", "must", "should", "does", "did", "do"}


# rule: adverbial-not-content
def _adverbial_only(ctx: DocContext, s: int, e: int) -> bool:
    """Whether ``text[s:e]``, left of a subject and its cue, is only a short adverbial: at most six words,
    no comma or quote mark, no subject pronoun or finite verb, and it opens with a preposition ("On Friday",
    "Of Obama", "Despite her hardships") or is a time expression ("Last week").  The speaker did not say it."""
    if e - s > 80 or any(c in ",\"\u201c\u201d" for c in ctx.text[s:e]):
        return False
    toks = [t[2].lower() for t in ctx.toks(s, e)]
    if not toks or len(toks) > 6 or any(t in _CLAUSE_WORDS for t in toks):
        return False
    W = ctx.W
    if toks[0] in _ADVERBIAL_OPENERS and len(toks) > 1:
        return True
    timed = [t in W.time or t in _TIME_WORDS or t[:1].isdigit() for t in toks]
    return any(timed) and all(x or t in W.determiners for x, t in zip(timed, toks))  # ("That" is no time)


def _clause_after(ctx: DocContext, h: CueHit, side: str | None, anchor: int, after_s: int, after_e: int, ss: int, se: int,
                  qa: _QSpan | None, negated: bool = False):
    """``(after, after_s, after_e, object_gap)``: the clause after the cue that it reports (or None), the
    bounds it was looked for in, and whether the cue is a noun-phrase verb in a relative clause."""
    text = ctx.text
    # rule: lead-in-before-quote
    if h.requires == "quote" and qa is not None and after_s < qa.open_s and _LEAD_IN_RE.fullmatch(text, after_s, qa.open_s):
        after_s = qa.open_s  # As one diplomat put it to me last year, "...": what was said starts at the quote
    after = None
    if after_e > after_s and ctx.words(after_s, after_e) >= 1:
        after = (after_s, after_e)
    # rule: np-object-verb
    object_gap = after is not None and h.lemma in _NP_OBJECT_LEMMAS and _FINITE_START_RE.match(text, after_s)
    if object_gap:
        after = None  # 'The policy Smith criticized remains in place': the relative clause ends at the cue
    # rule: answer-not-content
    # (negated, "did not respond to requests for comment, later posted ...": only its first phrase counts)
    answer_e = (_comma_outside_quotes(ctx, after_s, after_e) or after_e) if negated else after_e
    if after is not None and h.lemma in _ANSWER_LEMMAS and _NOT_AN_ANSWER_RE.match(text, after_s) \
            and ":" not in text[after_s:answer_e] and not _that_or_quote_in(ctx, after_s, answer_e):
        after = None  # 'did not respond to a request for comment', 'responded by issuing demands'
    # rule: according-to-aside
    if after is not None and h.lemma == "according to" and (
            "," not in text[anchor:after_s] or _source_aside(ctx, anchor, se)):
        # "according to a transcript of the show", "According to the FBI summary, Mills ...", "according to
        # Andy Smith, director of the survey center, ...": words right after the source's name, or an
        # appositive or relative clause, still describe it; what it reports starts after the next comma
        after = None
        comma = _comma_outside_quotes(ctx, after_s, after_e)
        if comma is not None:
            after_s = comma + 1
            while after_s < se and text[after_s].isspace():
                after_s += 1
            after_e = _content_end(ctx, after_s, se, h)
            if after_e > after_s and ctx.words(after_s, after_e) >= 1:
                after = (after_s, after_e)
    # rule: inverted-no-after
    if side == "right" and h.lemma != "according to" and _NONBLANK_RE.search(text, max(ss, h.start - _MAX_CONTENT), h.start):
        after = None  # '"...," said X, ...': what follows the speaker is not what was said
    # rule: place-adjunct
    if after and h.lemma != "according to" and _PLACE_ADJUNCT_RE.match(text, after_s) \
            and not _THAT_OR_QUOTE_RE.search(text, after_s, after_e) \
            and not (_THAT_OR_QUOTE_RE.search(text, anchor, after_s) and ctx.words(after_s, after_e) >= 4):
        # (a "that" before the phrase opens a clause of some length: "said that in hindsight the plan was rushed";
        # "wants that in particular" is an object)
        after = None  # '"...," a protester shouted outside the embassy': where it was said, not what
    return after, after_s, after_e, object_gap


def _keep_contents(ctx: DocContext, h: CueHit, att: _Att, before, after, anchor: int, after_s: int, after_e: int,
                   qb: _QSpan | None, has_colon: bool, object_gap) -> _Att | None:
    """Choose between the clauses before and after the cue, store them on ``att``; ``att`` or None."""
    text = ctx.text
    # '"...," Perez said Sunday on NBC.': the quote is what was said, the words after the cue circumstance
    # (dropped below, after the choice between the clauses before and after the cue); they are said when
    # the sentence goes on after a comma ('"Only you," she said, would use ...'), when a pronoun opens a
    # clause or an object ('..., he claimed they had never met'), or when a quote or "that" follows
    # rule: circumstance-after-quote
    circumstance = after is not None and qb is not None and qb.att is att and h.lemma != "according to" \
        and not has_colon and not _CONTINUATION_RE.match(text, anchor) \
        and not _PRONOUN_START_RE.match(text, after_s) and not _that_or_quote_in(ctx, anchor, after_e)
    followed_by_comma = text[anchor:after_s].strip().startswith(",") or text[h.end:h.end + 2].startswith(",")
    # rule: according-to-trailing
    if before and after and h.lemma == "according to" and not followed_by_comma:
        after = None  # "..., according to officials in Tashkent.": the words after the source name it further
    if before and after and followed_by_comma:
        contents = [before, after]
    elif after and not (before and followed_by_comma):
        contents = [after]
    elif before:
        contents = [before]
    else:
        contents = []
    if circumstance:
        contents = [c for c in contents if c != after]
        after = None
    if object_gap:
        contents = []  # 'The "reforms" she touted have stalled': nor is the noun before it a clause she reported
    for cs, ce in contents:
        if _outside_quotes_words(ctx, cs, ce, att) >= 1 and not _anonymity_request(ctx, cs, ce) \
                and not _wh_word_only(ctx, cs, ce, att) and not _attribution_only(ctx, h, cs, ce):
            att.contents.append((cs, ce))
    # rule: directive-class
    if h.lemma in ("ask", "tell") and after and _DIRECTIVE_RE.match(text, after[0] - 1, after[1]) \
            and not _WH_OPENS_RE.match(text[h.end:h.end + 10]):
        att.cue_class = "directive"
    # rule: no-content-no-attribution
    if not att.contents and not att.quotes:
        return None
    return att


_WH_WORDS = {"why", "how", "what", "whether", "when", "where", "who", "which"}


# rule: wh-word-not-content
def _wh_word_only(ctx: DocContext, s: int, e: int, att: _Att) -> bool:
    """Whether ``text[s:e]`` holds a linked quote and its only word outside it is a wh-word: 'explains why,
    "..."' (the quote is what was said; "why" is no clause).  "So why, he asked, ..." keeps its row."""
    text = ctx.text
    parts, pos = [], s
    for q in att.quotes:
        if s <= q.open_s and q.close_e <= e:
            parts.append(text[pos:q.open_s])
            pos = q.close_e
    if not parts:
        return False  # no quote inside
    parts.append(text[pos:e])
    words = _WORD_RUN_RE.findall(" ".join(parts))
    return len(words) == 1 and words[0].lower() in _WH_WORDS


def _words_outside_quotes(ctx: DocContext, s: int, e: int) -> int:
    """Words in ``text[s:e]`` that are not inside a quote span that lies wholly in it."""
    n = ctx.words(s, e)
    i = bisect.bisect_left(ctx.q_open, s)
    while i < len(ctx.qspans) and ctx.qspans[i].open_s < e:
        q = ctx.qspans[i]
        if q.close_e <= e:
            n -= ctx.words(q.s, q.e)
        i += 1
    return n


# rule: attribution-not-content
def _attribution_only(ctx: DocContext, h: CueHit, s: int, e: int) -> bool:
    """Whether ``text[s:e]``, after the cue ``h``, is only another cue with a short subject before it: in 'the
    character testifies and "...," the indictment recounts', "the indictment recounts" is an attribution, not
    what was said; nor is 'Costa said, that ...' after "He hoped" (the aside of another cue).  The left part of
    an aside stays: "He hoped, the aide said, that ..." keeps "He hoped"."""
    if s < h.end:
        return False
    j = bisect.bisect_right(ctx.hit_starts, s)
    while j < len(ctx.hits) and ctx.hits[j].start < e:
        k = ctx.hits[j]
        aside = ctx.text.startswith(",", k.end)
        if k.start != h.start and (k.end >= e or aside) and k.cue_class not in ("ignore", "naming") \
                and k.requires is None and not k.text.lower().endswith("ing") and _words_outside_quotes(ctx, s, k.start) <= 4:
            words = [t[2] for t in ctx.toks(s, k.start) if t[2][:1].isalnum() and quote_at(ctx, t[0]) is None]
            if words and words[0].lower() in ("and", "but", "as"):
                words = words[1:]  # 'testifies and "...," the indictment recounts'
            return _subject_words(ctx, words)
        j += 1
    return False


_SUBJECT_PRONOUNS = ("he", "she", "they", "we", "i")


def _subject_words(ctx: DocContext, words: list[str]) -> bool:
    """Whether ``words`` can be the whole subject of a finite cue: a subject pronoun alone, a name (capitalised
    words, no possessive) or a determiner and up to two words ending on a kind of speaker or a document noun ("the
    aide", "the indictment").  "nothing was agreed", "Trump made further demands", "the fraud claims" and "their
    claims" are no subject and cue."""
    if not words:
        return False
    low = [w.lower() for w in words]
    if low[0] in _SUBJECT_PRONOUNS:
        return len(words) == 1
    if words[-1].endswith(("'s", "\u2019s", "s'")):
        return False
    if all(w[:1].isupper() for w in words):
        return True
    W = ctx.W
    return low[0] in W.determiners and len(words) <= 3 and low[-1] not in W.determiners and (
        low[-1] in W.roles or low[-1] in W.vague or low[-1] in W.org_nouns or low[-1] in _DOCUMENT_NOUNS)


_DOCUMENT_NOUNS = word_list("document_nouns")


def _source_aside(ctx: DocContext, pos: int, se: int) -> bool:
    """Whether a source's name ending at ``pos`` is followed by an appositive that names a role
    (``, director of ...``) or a relative clause (``, who ...``)."""
    if _REL_ASIDE_RE.match(ctx.text, pos, se):
        return True
    m = _APPOSITIVE_RE.match(ctx.text, pos, se)
    if m is None or not any(w.lower() in ctx.W.roles for w in m.group(1).split()[:5]):
        return False
    comma = _comma_outside_quotes(ctx, m.start() + 1, se)  # an appositive is short and closed by a comma
    return comma is not None and len(ctx.text[m.start() + 1:comma].split()) <= 8


def _comma_outside_quotes(ctx: DocContext, s: int, e: int) -> int | None:
    """Offset of the first comma in ``text[s:e]`` that is not inside a quote, or None."""
    i = ctx.text.find(",", s, e)
    while i >= 0 and quote_at(ctx, i) is not None:
        i = ctx.text.find(",", i + 1, e)
    return i if i >= 0 else None


# rule: that-or-quote-opens
def _that_or_quote_in(ctx: DocContext, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` holds the word "that" or opens a quote (any quote mark the finder pairs)
    other than a title (``told NBC's "Today" show``: a few words, each capitalised)."""
    if _THAT_RE.search(ctx.text, s, e):
        return True
    i = bisect.bisect_left(ctx.q_open, s)
    while i < len(ctx.qspans) and ctx.qspans[i].open_s < e:
        q = ctx.qspans[i]
        if not _TITLE_RE.fullmatch(ctx.text, q.s, q.e):
            return True
        i += 1
    return False


def _earlier_content_start(ctx: DocContext, si: int, pos: int) -> int:
    """Where the content of the latest attribution of sentence ``si`` whose cue comes before
    ``pos`` starts (its cue end when it reports nothing after the cue), or -1 when there is none."""
    att = _prev_att_in_sentence(ctx, si, pos)
    if att is None:
        return -1
    later = [cs for cs, _ in att.contents if cs >= att.cue_e]
    return min(later) if later else att.cue_e
