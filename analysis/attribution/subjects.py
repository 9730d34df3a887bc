"""Stage 4, subjects: the noun phrase that is a cue's subject.

Reads from the context: ``text``, ``W``, tokens (``ctx.toks``), the name registry (:mod:`.mentions`).
Writes nothing.
Functions: :func:`left_np` (the subject before the cue) and :func:`subject_np` (the sentence subject, for
participles) return ``(a, b, toks, core_a, core_b)`` tuples -- the phrase's token range and its core;
:func:`analysis.attribution.inverted.right_np` gives the subject after a cue.
Rules here: quantity subjects ("three diplomats"), relative clauses and appositives skipped,
coordinated subjects, bare plurals, parentheses, a verb after the phrase.
"""
from __future__ import annotations

import re

from .commas import _before_comma, _dot_before_comma, _state_after_comma, _state_before_comma, _with_dot
from .context import DocContext
from .inverted import right_np
from .mentions import _is_name_tok, _person_like, name_info
from .patterns import (_CONNECTORS, _INDEF_HEADS, _LEAD_RE, _PARTITIVE_PRONOUNS, _POSS_PRON, _POSS_TOK_RE, _QUANT_PHRASE,
                       _QUOTE_CHARS, _STATE, word_list)


_BE = {"is", "was", "are", "were", "be", "been", "being", "'s", "’s"}


_PP_PREPS = {"in", "at", "from", "on", "near", "inside", "outside", "across", "within", "around", "throughout"}


_PARTICLES = {"on", "up", "out", "back", "ahead", "forward", "down", "over"}


# ... right before the cue (its clause start is checked in _quantity_subject)
# a token ending in "'", "'s" (either apostrophe): a possessive (tokens hold no whitespace, so no "$" is needed)
_POSSESSIVE_ENDS = ("'", "\u2019", "'s", "\u2019s")
_POSSESSIVE_S = ("'s", "\u2019s")

_QUANT_SUBJ_RE = re.compile(rf"(?<![\w\-])({_QUANT_PHRASE})(?:\s+(?:also|still|now|too|again|already|even|[a-z]+ly))?\s*$",
                            re.IGNORECASE)


_CLAUSE_WORD_END_RE = re.compile(r"\b(?:that|and|but|while|with|after|when|as)$", re.IGNORECASE)


# r"\d|percent|half|third|quarter|fifth|majority|minority|plurality" with IGNORECASE, spelled out (i also matches
# U+0130 and U+0131 then) and opening with the class of first characters, so that re skips to them (1.9x faster)
_QUANT_HINT_RE = re.compile(
    r"[\dFHMPQTfhmpqt](?:(?<=\d)|(?<=[pP])[eE][rR][cC][eE][nN][tT]|(?<=[hH])[aA][lL][fF]|(?<=[tT])[hH][iI\u0130\u0131][rR][dD]"
    r"|(?<=[qQ])[uU][aA][rR][tT][eE][rR]|(?<=[fF])[iI\u0130\u0131][fF][tT][hH]|(?<=[mM])[aA][jJ][oO][rR][iI\u0130\u0131][tT][yY]"
    r"|(?<=[mM])[iI\u0130\u0131][nN][oO][rR][iI\u0130\u0131][tT][yY]|(?<=[pP])[lL][uU][rR][aA][lL][iI\u0130\u0131][tT][yY])")


_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i"}


# words ending in -s that are not plural nouns (a bare plural subject is an unnamed group)
_NOT_PLURAL = word_list("not_plural")


# tokens after which a subject can open a clause
_CLAUSE_OPENERS = {",", ";", ":", "\"", "\u201c", "\u201d", "\u2014", "\u2013", "(", "''", "``", "that", "while", "as",
                   "because", "but", "although", "though", "when", "if", "since", "whereas"}
# rule: opens-clause
def _opens_clause(toks, i: int) -> bool:
    """Token ``i`` opens its clause: it is first, or follows a clause opener (as written) or a
    conjunction (but/and/yet/so, any case)."""
    return i == 0 or toks[i - 1][2] in _CLAUSE_OPENERS or toks[i - 1][2].lower() in ("but", "and", "yet", "so")


# rule: conjunct-opens-clause
def _conjunct_opens_clause(toks, i: int) -> bool:
    """The first conjunct of a coordinated subject at token ``i`` opens its clause: it is first, or follows
    a clause opener in any case ("While", "But"); unlike :func:`_opens_clause`, "and"/"yet"/"so" do not count.
    Merging the two changes PolNeAR train rows: as written only, "Though media reports and party sources
    described ..." loses "media reports"; in any case for bare plurals, "While environmentalists welcomed
    ..." becomes a reported clause."""
    return i == 0 or toks[i - 1][2] in _CLAUSE_OPENERS or toks[i - 1][2].lower() in _CLAUSE_OPENERS


_PARTY_STATE_RE = re.compile(rf"[DRI]{_STATE}")


# "Steve Cohen, Democrat of Tennessee, said": a party and a state, not a name
_PARTY_OF_RE = re.compile(r"(?:Democrat|Republican|Independent|Libertarian)s?\s+(?:of|from)\s+.+")


_TIME_EXTRA = word_list("time_extra")


_VAGUE_PREPS = word_list("vague_postmodifiers")


_DATELINE_RE = re.compile(r"[A-Z][A-Za-z .,'\-]{1,40}?\s*(?:\([A-Za-z .]{1,20}\)\s*)?[\-\u2013\u2014]{1,2}\s+")


def left_np(ctx: DocContext, lo: int, hi: int, cue_form: str):
    """Subject of a cue ending just before ``hi``.

    Returns ``(np, status)``: ``np`` is ``(a, b, toks, core_a, core_b)`` -- the mention spans
    tokens ``a..b``, the part to interpret is ``core_a..core_b`` -- or None; ``status`` is
    ``np``, ``nominal`` (a possessor: *his* call for, *Trump's* claim), ``passive``,
    ``invertible`` (nothing or a quote/comma before the cue: look right) or ``none``.
    """
    W = ctx.W
    toks = ctx.toks(lo, hi)
    quant = _quantity_subject(ctx, toks, lo, hi)
    if quant is not None:
        return quant, "np"
    i = len(toks) - 1
    if i >= 0:
        tl = toks[i][2].lower()
        if tl in _POSS_PRON:
            return (i, i, toks, i, i), "nominal"
        if _POSS_TOK_RE.search(toks[i][2]) and _is_name_tok(ctx, toks[i][2]):
            a = i
            while a > 0 and _is_name_tok(ctx, toks[a - 1][2]) and toks[a - 1][2].lower() not in W.determiners:
                a -= 1
            return (a, i, toks, a, i), "nominal"
    i, be_seen = _skip_left_adjuncts(ctx, toks, i)
    if i < 0:
        return None, "invertible"
    if be_seen and not cue_form.endswith("ing"):
        return None, "passive"
    return _np_ending_at(ctx, toks, i)


def _skip_left_adjuncts(ctx: DocContext, toks, i: int) -> tuple[int, bool]:
    """``(i, be_seen)``: the last token at or before ``i`` that is not a time phrase, a form of *be*, a
    skipped word or adverb, or "as quoted"; and whether a form of *be* was passed (a passive)."""
    W = ctx.W
    be_seen = False
    prev_time = False
    while i >= 0:
        tl = toks[i][2].lower()
        if tl in W.time and (tl != "may" or toks[i][2] == "May"):
            prev_time = True
            i -= 1
            continue
        if prev_time and tl in ("on", "last", "this", "late", "early", "earlier", "next", "in"):
            i -= 1
            prev_time = False
            continue
        prev_time = False
        if tl in _BE:
            be_seen = True
            i -= 1
            continue
        if tl in W.skip or (tl.endswith("ly") and len(tl) > 4 and toks[i][2].islower()):
            i -= 1
            continue
        if tl == "as" and i > 0 and toks[i - 1][2].lower() == "quoted":
            i -= 2
            continue
        break
    return i, be_seen


def _skip_time_left(ctx: DocContext, toks, j: int) -> int:
    """The token before a time phrase ending at ``j`` ("on Tuesday", "earlier this week", "Friday"), or ``j``
    when ``toks[j]`` ends no time phrase."""
    W = ctx.W
    k = j
    while k >= 0 and (toks[k][2].lower() in W.time or toks[k][2].lower() in _TIME_EXTRA) and toks[k][2].lower() != "may":
        k -= 1
    if k == j:
        return j
    while k >= 0 and toks[k][2].lower() in ("on", "this", "last", "late", "early", "earlier", "next", "in"):
        k -= 1
    return k


def _np_ending_at(ctx: DocContext, toks, i: int):
    """``(np, status)`` of :func:`left_np` for the subject whose last token is ``toks[i]``."""
    W = ctx.W
    t = toks[i][2]
    tl = t.lower()
    if t == ")":
        j = _skip_paren_left(toks, i)
        if j is not None and j >= 0:
            a = _collect_left(ctx, toks, j)
            if a is not None:
                return (a, i, toks, a, j), "np"
        return None, "none"
    if t == ",":
        ap = _appositive(ctx, toks, i)
        if ap is not None:
            return ap, "np"
        return None, "invertible"
    if t in _QUOTE_CHARS or t in ("''", ":", "\u2014", "\u2013", "-", "(", ";"):
        return None, "invertible"
    if tl in ("who", "that", "which"):
        j = i - 1
        if j >= 0 and toks[j][2] == ",":
            j -= 1
        j2 = _skip_paren_left(toks, j) if j >= 0 else None
        if j2 is None or j2 < 0:
            return None, "none"
        # rule: time-before-relative
        j3 = _skip_time_left(ctx, toks, j2)  # a report on Tuesday that called for: the report, not Tuesday
        a3 = _collect_left(ctx, toks, j3) if 0 <= j3 < j2 else None
        if a3 is not None and j3 - a3 < 4:  # (a short noun phrase: "a 225-page report", not a whole clause)
            j = j2 = j3
        a = _collect_left(ctx, toks, j2)
        if a is None:
            return None, "none"
        return _clause_subject(ctx, toks, a, j, j2, person=True)
    if tl in ("and", "but", "then") and i > 0:
        return None, "coordinated"
    if tl == "to" and i > 0 and toks[i - 1][2].islower():
        j = i - 2  # X wants to say; X went on to say
        if toks[i - 1][2] in _PARTICLES and j >= 0 and toks[j][2].islower():
            j -= 1
        while j >= 0 and (toks[j][2].lower() in W.skip or toks[j][2].lower() in _BE):
            j -= 1
        if j < 0:
            return None, "none"
        a = _collect_left(ctx, toks, j)
        return ((a, j, toks, a, j) if a is not None else None), ("np" if a is not None else "none")
    if i >= 1 and _is_name_tok(ctx, t) and toks[i - 1][2].lower() in ("a", "an") \
            and ctx.text[toks[i - 1][0] - 1:toks[i - 1][0]].isspace() \
            and not (i >= 2 and toks[i - 2][2].lower() in _CONNECTORS):
        return None, "none"  # a Washington think tank: a name after "a" modifies a noun, it does not speak
    a = _collect_left(ctx, toks, i)
    if a is None:
        return None, "none"
    a = _extend_vague_left(ctx, toks, a)
    return _clause_subject(ctx, toks, a, i, i)


def _quantity_subject(ctx: DocContext, toks, lo: int, hi: int):
    """A share of a group opening its clause right before the cue: ``More than six in 10 said``,
    ``26 percent said``, ``Nearly half of respondents said``, ``A majority of voters said`` (survey
    respondents: an unnamed group).  ``(a, b, toks, a, b)`` or None."""
    text = ctx.text
    if not toks or not _QUANT_HINT_RE.search(text, max(lo, hi - 60), hi):
        return None
    m = _QUANT_SUBJ_RE.search(text, max(lo, hi - 90), hi)
    if m is None:
        return None
    s, e = m.span(1)
    # it opens its clause: the sentence starts there, or punctuation or a conjunction comes before
    ss = ctx.sent_bounds(s)[1]
    before = text[max(ss, s - 12):s].rstrip()
    if text[ss:s].strip() and not (before.endswith((",", ";", ":", "(", "\u2014", '"', "\u201c"))
                                  or _CLAUSE_WORD_END_RE.search(before)):
        return None
    a = next((k for k, t in enumerate(toks) if t[0] >= s), None)
    b = next((k for k in range(len(toks) - 1, -1, -1) if toks[k][1] <= e), None)
    if a is None or b is None or b < a:
        return None
    return (a, b, toks, a, b)


def _clause_subject(ctx: DocContext, toks, a: int, b: int, core_b: int, person: bool = False):
    """The subject of a cue whose left noun phrase ``a..b`` may be an object inside the subject.

    ``one Western diplomat who attended meetings in Tunxi said``: the antecedent of ``who``;
    ``officials in Washington said``, ``The meeting in Tunxi showed``: the noun phrase before
    the preposition.  With ``person`` (the cue follows a relative ``who``), a phrase before the
    preposition that is not headed by a role or a name gives way to the nearest personal name
    before it (``Farzana Rahimi, a member of a network in Kabul who asked``).  Returns
    ``(np, status)`` like :func:`left_np`.
    """
    W = ctx.W
    k = a - 1
    if k < 1 or not toks[k][2].isalpha() or not toks[k][2].islower() or toks[k][2] in W.determiners:
        return (a, b, toks, a, core_b), "np"
    for w in range(k, max(0, k - 10), -1):
        tw = toks[w][2]
        if not tw[:1].isalnum():
            break
        if tw.lower() == "who":
            a2 = _collect_left(ctx, toks, w - 1)
            if a2 is not None:
                return (a2, b, toks, a2, w - 1), "np"
            break
    if toks[k][2] == "of" and all(_is_name_tok(ctx, t[2]) for t in toks[a:core_b + 1]):
        # the Chinese city of Tunxi: the name completes a definite description
        a2 = _collect_left(ctx, toks, k - 1)
        if a2 is not None and toks[a2][2].lower() == "the":
            return _clause_subject(ctx, toks, a2, b, k - 1, person)
    if toks[k][2] not in _PP_PREPS:
        return (a, b, toks, a, core_b), "np"
    head = toks[k - 1][2]
    if person and not (_is_name_tok(ctx, head) or head.lower() in W.roles):
        name = _person_before(ctx, toks, k - 1)
        return ((name[0], b, toks, name[0], name[1]), "np") if name else ((a, b, toks, a, core_b), "np")
    h = k - 1
    if h >= 1 and toks[h][2].endswith(("ing", "ed")) and toks[h - 1][2].lower() not in W.determiners \
            and (_is_name_tok(ctx, toks[h - 1][2]) or _speaker_noun(ctx, toks[h - 1][2])):
        h -= 1  # ministers meeting in Tunxi argued
    a2 = _collect_left(ctx, toks, h)
    if a2 is None:
        return (a, b, toks, a, core_b), "np"
    return (a2, b, toks, a2, h), "np"


def _speaker_noun(ctx: DocContext, word: str) -> bool:
    """Whether a common noun names a kind of speaker: a role, a vague source or an organisation."""
    w = word.lower()
    return w in ctx.W.roles or w in ctx.W.vague or w in ctx.W.org_nouns


def _person_before(ctx: DocContext, toks, j: int) -> tuple[int, int] | None:
    """``(start, end)`` token indices of the nearest personal name at or before token ``j`` in the
    same sentence that is not the object of a preposition (``Farzana Rahimi, a teacher in Kabul``,
    ``Nicky Driscoll, 24, from Manchester``), or None."""
    end = None
    for k in range(j, max(-1, j - 30), -1):
        t = toks[k][2]
        if t in (".", ";", "!", "?") or t in _QUOTE_CHARS:
            break
        in_name = _is_name_tok(ctx, t) and t[:1].isalpha()
        if in_name and end is None:
            end = k
        if end is None or (in_name and k > 0):
            continue
        first = k if in_name else k + 1  # the run toks[first..end] is complete
        before = toks[first - 1][2].lower() if first > 0 else ""
        if before not in _PP_PREPS and before != "of":
            info = name_info(ctx, " ".join(x[2] for x in toks[first:end + 1]), toks[first][0])
            if info is not None and (info[1] == "person" or (info[1] == "unknown" and _person_like(ctx, info[0]))):
                return first, end
        end = None
    return None


def _extend_vague_left(ctx: DocContext, toks, a: int) -> int:
    """``people close to | the negotiations``: extend the NP over a vague head and its post-modifier."""
    W = ctx.W
    for n_prep in (2, 3):
        h = a - n_prep - 1
        if h < 0:
            continue
        prep = " ".join(t[2].lower() for t in toks[h + 1:a])
        if prep in _VAGUE_PREPS and (toks[h][2].lower() in W.vague or toks[h][2].lower() in W.roles):
            a2 = _collect_left(ctx, toks, h)
            return a2 if a2 is not None else h
    return a


def _skip_paren_left(toks, j: int) -> int | None:
    """Index of the token before a parenthetical that ends at ``j`` (or ``j`` itself)."""
    if j < 0 or toks[j][2] != ")":
        return j
    k = j - 1
    while k >= 0 and j - k < 14 and toks[k][2] != "(":
        k -= 1
    if k < 0 or toks[k][2] != "(":
        return None
    return k - 1


def _appositive(ctx: DocContext, toks, i):
    """``NAME, description, said`` / ``a spokeswoman, NAME, said`` / ``NAME, however, said``."""
    W = ctx.W
    commas = []
    k = i - 1
    while k >= 0 and i - k < 40:
        t = toks[k][2]
        if t == ",":
            commas.append(k)
            if len(commas) == 3:
                break
        elif t in (".", ";", ":", "!", "?") or t in _QUOTE_CHARS or t == "''":
            if not (t == "." and k > 0 and toks[k - 1][1] == toks[k][0]
                    and (_PARTY_STATE_RE.fullmatch(toks[k - 1][2] + ".") or _dot_before_comma(toks, k)
                         or _state_before_comma(toks, k))):
                break  # (the full stop of "R-Ky.", "R-N.Y.,", "Ill.," or "Jr.," ends no sentence)
        k -= 1
    if not commas or commas[0] == i - 1:
        return None
    for c in commas:  # Lavrov, who met Amir Khan Muttaqi, on Thursday, urged: the relative clause is an aside
        if c + 1 < i and toks[c + 1][2].lower() in ("who", "which"):
            j = _before_comma(toks, c)
            if j >= 2 and toks[j][2].isdigit() and toks[j - 1][2] == ",":
                j -= 2  # Jacob Shiansky, 24, who ...
            j = _skip_paren_left(toks, j)
            a1 = _collect_left(ctx, toks, j) if j is not None and j >= 0 else None
            if a1 is not None:
                return (a1, i - 1, toks, a1, _with_dot(toks, j))
            break
    # a spokeswoman, Anna Richardson White, said
    c = commas[0]
    seg = toks[c + 1:i]
    if seg and _PARTY_STATE_RE.fullmatch(ctx.text, seg[0][0], seg[-1][1]):
        # Sen. Mitch McConnell, R-Ky., said: the party and state describe the name before them
        j = _skip_paren_left(toks, _before_comma(toks, c))
        a1 = _collect_left(ctx, toks, j) if j is not None and j >= 0 else None
        return (a1, i - 1, toks, a1, _with_dot(toks, j)) if a1 is not None else None
    if 0 < len(seg) < 6 and not _PARTY_OF_RE.fullmatch(" ".join(t[2] for t in seg)) and not _state_after_comma(toks, c) \
            and _is_name_tok(ctx, seg[-1][2]) and all(_is_name_tok(ctx, t[2]) or t[2].lower() in _CONNECTORS
                                                                   or t[2].endswith(".") for t in seg):
        j = _skip_paren_left(toks, _before_comma(toks, c))
        a1 = _collect_left(ctx, toks, j) if j is not None and j >= 0 else None
        start = a1 if (a1 is not None and toks[j][2].lower() in W.roles) else c + 1
        return (start, i - 1, toks, c + 1, i - 1)
    for c in commas:
        if _state_after_comma(toks, c):
            continue  # "Bishop Jenky, of Peoria, Ill., said": the place before a state names no speaker
        j = _skip_paren_left(toks, _before_comma(toks, c))
        if j is None or j < 0:
            continue
        a1 = _collect_left(ctx, toks, j)
        if a1 is None:
            continue
        head = toks[j][2]
        hl = head.lower()
        if (_is_name_tok(ctx, head) and hl not in W.boundary) or hl in W.roles or hl in W.org_nouns or hl in W.vague \
                or (a1 == j and hl in W.pronouns):
            return (a1, i - 1, toks, a1, _with_dot(toks, j))
    return None


def _collect_left(ctx: DocContext, toks, i):
    """Index of the first token of the subject noun phrase whose last token is ``toks[i]``, or None when
    ``toks[i]`` cannot end a subject."""
    W = ctx.W
    t = toks[i][2]
    tl = t.lower()
    if not t[:1].isalnum():
        return None
    # rule: partitive-subject
    if tl in _PARTITIVE_PRONOUNS and i >= 2 and toks[i - 1][2].lower() == "of" and toks[i - 2][2].lower() in _INDEF_HEADS:
        return i - 2  # one of them said
    # rule: pronoun-subject
    if tl in W.pronouns:
        return i if W.pronouns[tl] is not None and tl not in ("him", "her", "them", "me", "us") else None
    # rule: possessive-not-subject
    if t.endswith(_POSSESSIVE_ENDS) and not t.endswith("s'"):
        if t.endswith(_POSSESSIVE_S):
            return None  # possessive head: the cue is a noun (Trump's claims)
    # rule: indefinite-opens-clause
    if tl in _INDEF_HEADS:
        return i if (i == 0 or not toks[i - 1][2][:1].isalnum() or toks[i - 1][2].lower() in W.boundary) else None
    # rule: function-word-not-subject
    if tl in W.determiners or tl in W.boundary or tl in W.skip:
        return None
    start, relative = _walk_left(ctx, toks, i)
    return _left_start(ctx, toks, i, start, relative)


def _walk_left(ctx: DocContext, toks, i: int) -> tuple[int, bool]:
    """``(start, relative)``: walking left from the head ``toks[i]`` (at most 14 tokens), where the noun
    phrase starts, and whether a relative "that" stands before it."""
    W = ctx.W
    j = i
    lower_run = 0
    start = i
    relative = False  # the NP follows a relative "that": classified information that investigators said
    while j >= 0 and i - j < 14:
        t = toks[j][2]
        tl = t.lower()
        if not t[:1].isalnum():
            break
        # a capitalised function word mid-sentence is a name ("Will Estrada", "May Smith")
        func = t.islower() or j == 0 or not toks[j - 1][2][:1].isalnum()
        if tl in W.determiners and j < i:
            # rule: left-of-the-name
            if j >= 2 and toks[j - 1][2].lower() in ("of", "at", "for") and \
                    (_is_name_tok(ctx, toks[j - 2][2]) or toks[j - 2][2].lower() in W.roles):
                j -= 1  # Jeffrey Lewis of the James Martin Center
                continue
            head_l = toks[i][2].lower()
            # rule: relative-that-not-determiner
            if tl in ("that", "this") and (toks[i][2][:1].isupper() or head_l.endswith(("men", "people"))
                                            or (head_l.endswith("s") and not head_l.endswith("ss"))):
                relative = True  # a threat that critics said: "that" does not determine a plural or a name
                break
            start = j
            break
        if (tl in _CONNECTORS or tl == "at") and j < i:
            # rule: left-name-connector
            if j > 0 and (toks[j - 1][2][:1].isupper() or (tl == "and" and toks[j - 1][2].lower() in W.roles)) \
                    and toks[j + 1][2][:1].isupper():
                j -= 1
                continue
            # rule: left-of-phrase
            if tl in ("of", "at") and j > 0 and (_is_name_tok(ctx, toks[j - 1][2]) or toks[j - 1][2].lower() in W.roles):
                j -= 1
                lower_run = 0  # a new noun phrase: the country director | of one international aid group
                continue
            break
        # rule: left-function-word-ends
        if j < i and func and (tl in W.boundary or tl in W.pronouns or tl in W.skip):
            break
        # rule: left-lowercase-run
        if t[:1].islower():
            lower_run += 1
            if lower_run > 4:
                break
        else:
            lower_run = 0
        start = j
        j -= 1
    return start, relative


def _left_start(ctx: DocContext, toks, i: int, start: int, relative: bool) -> int | None:
    """Where the subject with head ``toks[i]``, walked back to ``start``, starts: a name as walked, a
    coordinated or bare plural subject only when it opens its clause (:func:`_coordinated_left`,
    :func:`_bare_plural_subject`)."""
    W = ctx.W
    head = toks[i][2]
    hl = head.lower()
    first = toks[start][2].lower()
    if head[:1].isupper() or head[:1].isdigit():
        if start == i and hl in W.determiners:
            return None
        # rule: pronoun-and-name
        if start >= 2 and toks[start - 1][2] == "and" and toks[start - 2][2].lower() in _SUBJECT_PRONOUNS:
            return start - 2  # he and Mr. Allen said: the pronoun's referent speaks too
        return start
    if hl in W.roles or hl in W.org_nouns or hl in W.vague:
        return _coordinated_left(ctx, toks, start)
    if (first in W.determiners and start < i) or relative:
        return _coordinated_left(ctx, toks, start)
    bare = _bare_plural_subject(ctx, toks, start, i)
    return _coordinated_left(ctx, toks, start, bare)


def _bare_plural_subject(ctx: DocContext, toks, start: int, i: int) -> int | None:
    """``start`` when ``start..i`` is a plural noun phrase without determiner opening its clause:
    ``Hacking specialists say``, ``But cement makers argue`` (an unnamed group), else None."""
    hl = toks[i][2].lower()
    W = ctx.W
    if not (hl.endswith(("men", "people")) or (hl.endswith("s") and not hl.endswith(("ss", "us", "is")))) \
            or hl in _NOT_PLURAL or hl in W.skip or hl in W.boundary or hl in W.determiners or hl in W.pronouns \
            or hl in W.time or hl in W.connectives:
        return None
    if i - start > 2 or not all(t[2].islower() for t in toks[start + 1:i + 1]):
        return None
    # rule: capitalised-needs-opener
    # (not _opens_clause: after "and", "a full hour and 20 minutes that stressed unity" would become a subject)
    if not toks[start][2].islower() and start != 0 and toks[start - 1][2] not in _CLAUSE_OPENERS:
        return None  # a capitalised word inside a sentence: a name, handled elsewhere
    if _opens_clause(toks, start):
        return start
    return None


def _coordinated_left(ctx: DocContext, toks, start: int, default: int | None = -1) -> int | None:
    """Start of a coordinated subject ending with the common-noun phrase at ``start``: ``Her
    advisers and allies``, ``They and their supporters``.  The first conjunct is a subject pronoun or a
    phrase headed by a kind of speaker, and it opens its clause (so an object -- "met the minister and
    officials said" -- is never taken in).  Otherwise ``start`` (``default`` when it is not -1)."""
    keep = start if default == -1 else default
    if start < 2 or toks[start - 1][2].lower() not in ("and", "&"):
        return keep
    j = start - 2
    w = toks[j][2]
    wl = w.lower()
    if wl in ctx.W.pronouns:
        if wl in ("him", "her", "them", "me", "us", "it") or ctx.W.pronouns[wl] is None:
            return keep
        a1 = j
    elif (w.islower() or j == 0 or toks[j - 1][2] in _CLAUSE_OPENERS) and (
            _speaker_noun(ctx, wl) or (wl.endswith("s") and _speaker_noun(ctx, wl[:-1]))):
        a1 = _collect_left(ctx, toks, j)
        # a short noun phrase: the head, or up to two lower-case modifiers after a determiner,
        # possessive or the clause start (never "Smith met analysts and ...")
        if a1 is None or j - a1 > 2 or not all(t[2].islower() for t in toks[a1 + 1:j]) or (
                a1 < j and not toks[a1][2].islower() and toks[a1][2].lower() not in ctx.W.determiners):
            return keep
    else:
        return keep
    if _conjunct_opens_clause(toks, a1):
        return a1
    return keep


def subject_np(ctx: DocContext, ss: int, hi: int):
    """The sentence subject: the first NP of the sentence (after connectives/intro phrases)."""
    text = ctx.text
    m = _LEAD_RE.match(text, ss, hi)
    lo = m.end() if m else ss
    while lo < hi and (text[lo] in _QUOTE_CHARS or text[lo].isspace()):
        lo += 1
    m = _DATELINE_RE.match(text, lo, hi)
    if m:
        lo = m.end()
    toks = ctx.toks(lo, min(hi, lo + 200))
    if len(toks) > 2 and toks[0][2].lower() == "here" and toks[1][2].lower() in _BE:
        return right_np(ctx, toks[2][0], hi)  # Here was the minister ..., declaring: the subject follows the verb
    c = next((k for k, t in enumerate(toks[:10]) if t[2] == ","), None)
    if toks and (toks[0][2].lower() in ctx.W.boundary or (toks[0][2].lower() in ("here", "there") and c is not None) or
                 (c is not None and c <= 5 and all(t[2].lower() in ctx.W.time or t[2].lower() in _TIME_EXTRA
                                                   or t[2].lower() in ctx.W.determiners or t[2][:1].isdigit()
                                                   for t in toks[:c]))):
        if c is None:
            return None
        lo = toks[c][1]
    return right_np(ctx, lo, hi)
