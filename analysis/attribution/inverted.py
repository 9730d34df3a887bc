"""Stage 4b, inverted subjects: the noun phrase that starts right after a position.

Reads from the context: ``text``, ``W``, ``vague_re``, tokens (``ctx.toks``).  Writes nothing.
Functions: :func:`right_np` of a character range (after a cue such as ``said`` or ``according to``,
after a dash, a possessive): ``(a, b, toks, core_a, core_b)`` as
:func:`analysis.attribution.subjects.left_np` gives, or None.
Rules here: time words skipped, a pronoun or a vague source ("officials familiar with the talks") taken
whole, the phrase ends at a boundary word, a verb or punctuation; "of/for/at" phrases after a role
belong to it; an appositive name after a common noun ("the club's chairman, Tom Ellis") is the speaker.
"""
from __future__ import annotations

from .context import DocContext
from .mentions import _is_name_tok
from .patterns import _CONNECTORS, _POSS_PRON, _POSS_TOK_RE, _QUOTE_CHARS, _VAGUE_POST_RE

_VERB_PARTICLES = {"off", "up", "out", "down", "back", "away", "over", "on", "in", "at", "to", "by", "with", "for",
                   "from", "into", "about", "against", "that", "as"}


def right_np(ctx: DocContext, lo: int, hi: int):
    """The noun phrase starting at ``lo`` (after spaces and time words): ``(a, b, toks, core_a, core_b)``
    or None."""
    W = ctx.W
    toks = ctx.toks(lo, hi)
    if not toks:
        return None
    i = 0
    # rule: right-skips-time
    while i < len(toks) and (toks[i][2].lower() in W.time or toks[i][2].lower() in ("on", "last", "this")) \
            and i + 1 < len(toks) and (toks[i][2].lower() in W.time or toks[i + 1][2].lower() in W.time):
        i += 1
    if i >= len(toks):
        return None
    t0 = toks[i][2]
    # rule: right-pronoun
    if t0.lower() in W.pronouns:
        return (i, i, toks, i, i) if t0.lower() not in ("him", "her", "them", "me", "us") else None
    # rule: right-vague-source
    vm = ctx.vague_re.match(ctx.text, toks[i][0], hi)
    if vm:
        ve = vm.end()
        b = max(k for k in range(i, len(toks)) if toks[k][1] <= ve) if any(toks[k][1] <= ve for k in range(i, len(toks))) else None
        if b is not None and not any(_is_name_tok(ctx, t[2]) and t[2].lower() not in W.vague and t[2].lower() not in W.determiners
                                     and t[2].lower() not in W.title_words for t in toks[i:b + 1]):
            return (i, b, toks, i, b)
    b = _right_np_end(ctx, toks, i)
    if b is None:
        return None
    return _right_np_extent(ctx, toks, i, b, hi)


def _right_np_end(ctx: DocContext, toks, i: int) -> int | None:
    """The last token of the noun phrase that starts at token ``i`` (at most 12 tokens), or None."""
    W = ctx.W
    j = i
    b = None
    lower_run = 0
    seen_cap = False
    while j < len(toks) and j - i < 12:
        t = toks[j][2]
        tl = t.lower()
        if not t[:1].isalnum():
            break
        # rule: right-determiner-ends
        if tl in W.determiners:
            if j > i:
                break
            j += 1
            continue
        if tl in _CONNECTORS and j > i:
            # rule: right-name-connector
            if b is not None and toks[b][2][:1].isupper() and j + 1 < len(toks) and toks[j + 1][2][:1].isupper():
                j += 1
                continue
            # rule: right-role-complement
            if tl in ("of", "for", "at") and b is not None and (toks[b][2].lower() in W.roles or toks[b][2].lower() in W.org_nouns
                                                                  or toks[b][2].lower() in W.vague):
                b = _role_complement_end(W, toks, j, b)
            break
        # rule: right-function-word-ends
        if tl in W.boundary or (tl in W.pronouns and j > i) or tl in W.skip and j > i:
            break
        if t[:1].islower():
            # rule: right-lowercase-after-name-ends
            if seen_cap and tl not in W.roles and tl not in W.org_nouns:
                break
            # rule: right-verb-ends
            if j > i and len(tl) > 4 and tl.endswith("ed") and tl not in W.roles and tl not in W.org_nouns \
                    and _verb_follows(ctx, toks, j):
                break  # "The campaign shrugged off ...": a verb ends the noun phrase
            lower_run += 1
            if lower_run > 4:
                break
        else:
            seen_cap = not _POSS_TOK_RE.search(t)
            lower_run = 0
        b = j
        j += 1
    return b


def _role_complement_end(W, toks, j: int, b: int) -> int:
    """The last token of the complement of a role, organisation or vague head ``toks[b]`` introduced by
    "of/for/at" at ``j`` ("director | of the survey center"), up to six tokens; ``b`` when there is none."""
    k = j + 1
    last = None
    while k < len(toks) and k - j < 6:
        tt = toks[k][2]
        if not tt[:1].isalnum() or (tt.lower() in W.boundary and tt.lower() not in _CONNECTORS):
            break
        if tt.lower() in _CONNECTORS and not (k + 1 < len(toks) and toks[k + 1][2][:1].isupper()):
            break
        if tt[:1].isalnum() and tt.lower() not in W.determiners and tt.lower() not in _CONNECTORS:
            last = k
        k += 1
    return b if last is None else last


def _right_np_extent(ctx: DocContext, toks, i: int, b: int, hi: int):
    """:func:`right_np` for the phrase ``toks[i..b]``: None when its head cannot speak, else the phrase
    with a vague post-modifier ("familiar with the talks") or an appositive name taken in."""
    W = ctx.W
    head = toks[b][2]
    hl = head.lower()
    # rule: right-head-can-speak
    if not (head[:1].isupper() or hl in W.roles or hl in W.org_nouns or hl in W.vague
            or (toks[i][2].lower() in W.determiners and b > i)):
        return None
    # rule: right-vague-postmodifier
    m = _VAGUE_POST_RE.match(ctx.text, toks[b][1], hi)
    if m:
        k = b
        while k + 1 < len(toks) and toks[k + 1][1] <= m.end():
            k += 1
        return (i, k, toks, i, k)
    # appositive: "the club's chairman, Tom Ellis." / "Anna Berg, the bank's chief economist"
    if b + 2 < len(toks) and toks[b + 1][2] == ",":
        k = b + 2
        while k < len(toks) and k - b < 7 and (_is_name_tok(ctx, toks[k][2]) or toks[k][2].lower() in _CONNECTORS):
            k += 1
        end_ok = k >= len(toks) or toks[k][2] in (",", ".", ";", ")", "(") or toks[k][2] in _QUOTE_CHARS
        # rule: right-appositive-name
        if k > b + 2 and end_ok and _is_name_tok(ctx, toks[k - 1][2]) and not _is_name_tok(ctx, head):
            return (i, k - 1, toks, b + 2, k - 1)
        # rule: right-name-description
        if _is_name_tok(ctx, head) and toks[b + 2][2].lower() in W.determiners | {"a", "an", "the"} | set(_POSS_PRON) \
                or (_is_name_tok(ctx, head) and _POSS_TOK_RE.search(toks[b + 2][2])):
            k = b + 2
            while k < len(toks) and k - b < 14 and toks[k][2] not in (",", ".", ";", ":", "(", ")") and toks[k][2] not in _QUOTE_CHARS:
                k += 1
            if k >= len(toks) or toks[k][2] in (",", ".", ";"):
                return (i, k - 1, toks, i, b)
    return (i, b, toks, i, b)


def _verb_follows(ctx: DocContext, toks, j: int) -> bool:
    """Whether the word after ``toks[j]`` (an ``-ed`` word) makes it a verb, not a modifier of a noun
    ("shrugged off the comments", "praised the bill"; not "the elected officials")."""
    if j + 1 >= len(toks):
        return True
    nxt = toks[j + 1][2]
    nl = nxt.lower()
    return not nxt[:1].isalnum() or nl in ctx.W.determiners or nl in ctx.W.pronouns or nl in _VERB_PARTICLES
