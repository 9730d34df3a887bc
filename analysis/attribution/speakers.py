"""Stage 5, speakers: a subject noun phrase read as a speaker.

Reads from the context: ``text``, ``W``, ``actors``, the name registry (:mod:`.mentions`), ``history`` (the
speakers heard so far) and ``atts`` (the attributions made so far).  Writes nothing on the context (an
entity's introduction span is computed on first use and kept on the ``_Entity``).
Functions: :func:`speaker_of` a noun phrase from :mod:`.subjects`: a ``_Speaker`` (name, camp, kind,
gender, mention offsets, vague) or None; :func:`resolve_pronoun`, :func:`_participle_subject`.
Rules here: actor-table names, vague sources ("critics", "officials familiar with ..."), unnamed
persons, pronouns resolved to the last fitting speaker (none when they open what an organisation
said: ``pronoun-in-non-person-report``), definite descriptions ("the minister")
resolved to an earlier entity, a participle's subject carried from the sentence's previous attribution.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..actors import speaker_words
from .context import DocContext
from .mentions import _intro_span, _is_name_tok, _person_like, _title_camp, _written_in_lower_case, name_info
from .patterns import (_CONNECTORS, _INDEF_HEADS, _PARTITIVE_PRONOUNS, _POSS_TOK_RE, _QUANT_PHRASE, _VAGUE_POST_RE,
                       word_list)
from .records import _Att, _Entity, _Speaker
from .subjects import _speaker_noun, subject_np


def _lower_first_word(s: str) -> str:
    """``More than six in 10`` -> ``more than six in 10`` (a sentence-initial capital only)."""
    first, _, rest = s.partition(" ")
    return (first.lower() if first[1:].islower() or len(first) == 1 else first) + (" " + rest if rest else "")


def _lower_first(s: str) -> str:
    first = s.split(" ", 1)[0].lower()
    w = speaker_words()
    if first in w.determiners or first in w.vague or first.isdigit() or first in w.pronouns:
        return s[:1].lower() + s[1:]
    return s


_DEFINITE = {"the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your"}


_QUANT_PHRASE_RE = re.compile(_QUANT_PHRASE, re.IGNORECASE)


#: heads that name a state body: "the government" is resolved only to an organisation whose name or
#: introduction says so, never carried over from the latest organisation that spoke
_STATE_HEADS = word_list("state_heads")

_DOC_NOUNS = word_list("document_nouns")


def interpret(ctx: DocContext, toks, a: int, b: int) -> _Speaker | None:
    text, W = ctx.text, ctx.W
    s, e = toks[a][0], toks[b][1]
    head = toks[b][2]
    hl = head.lower()
    if a == b and hl in W.pronouns:
        return resolve_pronoun(ctx, hl, s, e)
    if a == b and hl in _INDEF_HEADS:
        return _Speaker(hl, None, "vague", None, s, e, vague=True)
    phrase = text[s:e]
    first = toks[a][2]
    if len(first) > 4 and first[:1].isupper() and first.lower().endswith(("ing", "ed")) \
            and ctx.sent_bounds(s)[1] == s and ctx.actors.lookup(first) is None \
            and _written_in_lower_case(ctx, first.lower()):
        return None  # "Asked whether ..., he demurred", "Holding signs, the protesters chanted": a participle
    if _QUANT_PHRASE_RE.fullmatch(phrase):  # 26 percent, more than six in 10, half of respondents
        return _Speaker(_lower_first_word(" ".join(phrase.split())), None, "vague", None, s, e, vague=True)
    if b == a + 2 and hl in _PARTITIVE_PRONOUNS and toks[a + 1][2].lower() == "of":
        return _Speaker(_lower_first(phrase), None, "vague", None, s, e, vague=True)  # one of them
    actor, camp = ctx.actors.resolve(phrase)
    if actor is not None:
        inf = ctx.actors.info(actor)
        return _Speaker(actor, camp, inf.kind, inf.gender, s, e)
    if not _is_name_tok(ctx, head) and any(toks[k][2] in ("and", "&") and (toks[k - 1][2].islower() or toks[k - 1][2].lower() in W.pronouns
                                           or (k - 1 == a and toks[a][2].endswith("s")
                                               and _speaker_noun(ctx, toks[a][2].lower()[:-1])))
           for k in range(a + 1, b)):
        # a coordinated subject of common nouns or pronouns: an unnamed group (her advisers and allies)
        return _Speaker(_lower_first(" ".join(phrase.split())), None, "vague", None, s, e, vague=True)
    for k in range(a + 1, b):
        if toks[k][2] in ("of", "at", "from") or (toks[k][2] == "and" and _is_name_tok(ctx, toks[k - 1][2])):
            left = toks[k - 1][2]
            if left.lower() in W.roles and (toks[k + 1][2].lower() in ("one", "another", "some")
                                            or toks[a][2].lower() in ("a", "an", "one", "another", "some")):
                # the country director of one aid group, one expert at a think tank: unnamed people
                return _unnamed(ctx, phrase, s, e, left)
            if (_is_name_tok(ctx, left) and k - 1 > a and _is_name_tok(ctx, toks[k - 2][2])) or left.lower() in W.roles:
                sp = interpret(ctx, toks, a, k - 1)  # Jeffrey Lewis of the James Martin Center -> Jeffrey Lewis
                if sp is not None:
                    sp.m_e = e
                    return sp
            break
    core = [t[2] for t in toks[a:b + 1]]
    # possessive name + noun: "Trump's response"
    if _is_vague(ctx, core, phrase):
        return _unnamed(ctx, phrase, s, e, core[-1])
    # trailing proper name
    k = b
    while k > a and (_is_name_tok(ctx, toks[k - 1][2]) or (toks[k - 1][2].lower() in _CONNECTORS and k - 2 >= a
                                                            and _is_name_tok(ctx, toks[k - 2][2]))):
        k -= 1
    if _is_name_tok(ctx, head):
        return _named_speaker(ctx, toks, a, b, k, s, e)
    return _common_noun_speaker(ctx, toks, a, s, e, phrase, hl)


def _named_speaker(ctx: DocContext, toks, a: int, b: int, k: int, s: int, e: int) -> _Speaker | None:
    """The speaker of a phrase ending in a name (tokens ``k..b``; ``a..k`` a title or role before it)."""
    text, W = ctx.text, ctx.W
    info = name_info(ctx, " ".join(t[2] for t in toks[k:b + 1]), s)
    if info is not None:
        name, kind, gender, camp, title = info
        pre = " ".join(t[2].lower() for t in toks[a:k])
        if gender is None:
            for w in pre.split():
                if W.roles.get(w):
                    gender = W.roles[w]
        if camp is None and pre:
            camp = _title_camp(ctx, text[toks[a][0]:toks[k][0]])
        if kind == "unknown" and (name in ctx.person_names or (pre and any(w in W.roles for w in pre.split()))):
            kind = "person"
        return _Speaker(name, camp, kind, gender, s, e)
    name = " ".join(t[2] for t in toks[k:b + 1])
    if name.lower() in W.determiners or name.lower() in W.boundary:
        return None
    if name.endswith(("'s", "\u2019s")):  # tokens joined by spaces: no newline before the end
        name = name[:-2]
    if len(name.split()) > 1 and name.split()[-1].lower() in W.roles:  # a title: UN Secretary-General
        return _Speaker(name, _title_camp(ctx, name), "person", W.roles[name.split()[-1].lower()], s, e)
    return _Speaker(name, None, "unknown", None, s, e)


def _common_noun_speaker(ctx: DocContext, toks, a: int, s: int, e: int, phrase: str, hl: str) -> _Speaker:
    """The speaker of a phrase headed by the common noun ``hl``: a role, an organisation, a vague group."""
    W = ctx.W
    sing = hl[:-1] if hl.endswith("s") and hl[:-1] in W.roles else hl
    det = toks[a][2].lower()
    if hl in W.roles:
        gender = W.roles.get(hl)
        plural = sing != hl or hl.endswith(("men", "people"))
        if plural or det in ("a", "an", "one", "another", "some", "two", "three", "several", "many"):
            return _unnamed(ctx, phrase, s, e, hl)
        if det in ("the", "this", "that") or det.endswith(("'s", "\u2019s")) or det in ("his", "her", "their", "its"):
            ent = resolve_description(ctx, sing, gender, s, "person")
            if ent is not None:
                return _Speaker(ent.name, ent.camp, "person", ent.gender, s, e)
        return _Speaker(_lower_first(" ".join(phrase.split())), None, "person", gender, s, e)
    if hl in W.org_nouns:
        if det == "the":
            ent = resolve_description(ctx, hl, None, s, "org")
            if ent is not None:
                return _Speaker(ent.name, ent.camp, ent.kind, None, s, e)
        if hl not in _DOC_NOUNS and hl.endswith("s") and not hl.endswith("ss") and det not in _DEFINITE \
                and not _POSS_TOK_RE.search(det):  # unnamed organisations: aid agencies, some rights groups
            return _Speaker(_lower_first(" ".join(phrase.split())), None, "vague", None, s, e, vague=True)
        return _Speaker(_lower_first(" ".join(phrase.split())), None, "document" if hl in _DOC_NOUNS else "organisation", None, s, e)
    bare_plural = det not in W.determiners and hl not in _DOC_NOUNS and (
        hl.endswith(("men", "people")) or (hl.endswith("s") and not hl.endswith("ss")))
    if hl in W.vague or bare_plural:  # a plural without determiner is an unnamed group: investigators said
        return _Speaker(_lower_first(" ".join(phrase.split())), None, "vague", None, s, e, vague=True)
    return _Speaker(_lower_first(" ".join(phrase.split())), None, "unknown", None, s, e)


def _unnamed(ctx: DocContext, phrase: str, s: int, e: int, head: str) -> _Speaker:
    """A vague source: one unnamed person when the head is a singular role (``a senior officer``,
    kind ``person``, so that a later *he* can refer to it), otherwise an unnamed group."""
    W = ctx.W
    name = _lower_first(" ".join(phrase.split()))
    hl = head.lower()
    singular = hl in W.roles and not hl.endswith(("men", "people")) and not (hl.endswith("s") and hl[:-1] in W.roles)
    if singular and name.split()[0].lower() in ("a", "an", "one", "another", "the"):
        return _Speaker(name, None, "person", W.roles[hl], s, e, vague=True)
    return _Speaker(name, None, "vague", None, s, e, vague=True)


def _is_vague(ctx: DocContext, core: list[str], phrase: str) -> bool:
    W = ctx.W
    if _VAGUE_POST_RE.search(phrase) and not any(t.lower() in W.first_names for t in core):
        return True
    first = core[0].lower()
    if first in ("the", "this", "that", "his", "her", "their", "its", "our") or core[0].endswith(("'s", "\u2019s")):
        return False
    head = core[-1].lower()
    plural = head.endswith("s") or head.endswith(("men", "people")) or head in ("some", "many", "others", "few", "most", "several")
    if not plural and first not in ("a", "an", "one", "another"):
        return False
    if any(_is_name_tok(ctx, t) and t.lower() not in W.vague and t.lower() not in W.determiners
           and t.lower() not in W.title_words and t.lower() not in W.roles for t in core):
        return False
    m = ctx.vague_re.fullmatch(" ".join(phrase.split()))
    return m is not None


def resolve_pronoun(ctx: DocContext, pl: str, s: int, e: int) -> _Speaker:
    g = ctx.W.pronouns.get(pl)
    if g in ("m", "f"):
        if ctx.text[s:e].lower() in ("he", "she") and _in_non_person_report(ctx, s):
            return _Speaker(None, None, "pronoun", g, s, e)
        best = None
        pi = ctx.para_of(s)
        for sp in reversed(ctx.history[-200:]):
            if sp.kind == "person" and sp.name and (sp.gender == g or (
                    sp.gender is None and sp.m_s is not None and ctx.para_of(sp.m_s) >= pi - 1)):
                best = sp  # the latest speaker of that gender, or of unknown gender in this or the last paragraph
                break
        if best is None:
            for sp in reversed(ctx.history[-200:]):
                if sp.kind == "person" and sp.gender is None and sp.name:
                    best = sp
                    break
        if best is None:  # a speaker named like a person whose kind is unknown: "Dorothy Woods said she ..."
            for sp in reversed(ctx.history[-200:]):
                if sp.kind == "unknown" and sp.name and _person_like(ctx, sp.name):
                    best = sp
                    break
        # a compatible person introduced as a sentence subject after that speaker, in the last two sentences
        # or paragraphs (a long quote may stand between: Rahimi spoke to us. "... ." she said)
        si = ctx.sent_of(s)
        i = bisect.bisect_left(ctx.person_pos, s)
        for p in reversed(ctx.persons[max(0, i - 20):i]):
            if p.sent < si - 2 and ctx.para_of(p.pos) < pi - 2:
                break
            if p.subject and p.gender in (g, None) and (best is None or (best.m_s is not None and p.pos > best.m_s)) \
                    and (best is None or p.name != best.name):
                return _Speaker(p.name, p.camp, "person", p.gender or g, s, e)
        if best is not None:
            return replace(best, kind="person", gender=best.gender or g, m_s=s, m_e=e)
        for p in reversed(ctx.persons[max(0, i - 400):i]):
            if p.gender == g:
                return _Speaker(p.name, p.camp, "person", p.gender, s, e)
        for p in reversed(ctx.persons[max(0, i - 400):i]):
            if p.gender is None:
                return _Speaker(p.name, p.camp, "person", None, s, e)
        return _Speaker(None, None, "pronoun", g, s, e)
    if g in ("p", "o"):
        kinds = ("organisation", "group", "country") + (("vague",) if g == "p" else ())
        for sp in reversed(ctx.history[-50:]):
            if sp.kind in kinds and sp.name:
                return replace(sp, m_s=s, m_e=e)
        return _Speaker(None, None, "pronoun", None, s, e)
    return _Speaker(None, None, "pronoun", None, s, e)


# a possessive inside a mention: "Clinton's campaign"
_POSSESSOR_RE = re.compile(r"\w['\u2019]s\s")


# rule: pronoun-in-non-person-report
def _in_non_person_report(ctx: DocContext, s: int) -> bool:
    """Whether the pronoun at ``s`` opens what an organisation or group reported in the same sentence ("Fox
    News said that he believes ..."; not an aside, a vague source, a document, a country or "Clinton's campaign"),
    right after its cue (and "that"), and no person reported it too: "he" is then someone of Fox News or
    someone named long before, and no antecedent is safe."""
    si = ctx.sent_of(s)
    text = ctx.text
    opened = None
    for x in reversed(ctx.atts):
        if x.sent < si:
            break
        if x.sent != si or x.cue_s is None or x.cue_s >= s or not any(cs <= s < ce for cs, ce in x.contents):
            continue
        sp = x.speaker
        if x.side == "participle" or sp.m_s is None or not sp.name \
                or sp.kind not in ("organisation", "group") or _POSSESSOR_RE.search(text, sp.m_s, sp.m_e) \
                or any(w in ctx.by_surname for w in text[sp.m_s:sp.m_e].split()):
            # a speaker carried over ("..., and confirmed that he"), a person or what may be one ("Northam
            # said he ..."), a vague group or a document speaking of the person in the news ("Analysts say
            # she ...", "The indictment alleges he ...", "The White House said he ...") or an organisation of
            # someone ("Clinton's campaign responded that she", "the Trump campaign said he") reports it:
            # the usual resolution stands
            return False
        between = text[x.cue_e:s]
        if any(cs <= s and not text[cs:s].strip() for cs, _ in x.contents) and "," not in between \
                and not any(w[:1].isupper() for w in between.split()):
            opened = x  # (not an aside, "The documents indicate, he said, that", nor after a name)
    return opened is not None


def resolve_description(ctx: DocContext, head: str, gender: str | None, pos: int, kind: str) -> _Entity | None:
    pat = re.compile(rf"\b{re.escape(head)}", re.IGNORECASE)
    text = ctx.text

    def intro_has(ent: _Entity) -> bool:
        if len(ent.intro) == 3:  # computed on first use: most registered names are never described
            ent.intro = _intro_span(ctx, ent.pos, ent.end, ent.intro[1], ent.intro[2])
        return pat.search(text, ent.intro[0], ent.intro[1]) is not None

    if kind == "person":
        i = bisect.bisect_left(ctx.person_pos, pos)
        cands = [p for p in reversed(ctx.persons[max(0, i - 300):i]) if gender is None or p.gender in (None, gender)]
        for p in cands:
            if intro_has(p):
                return p
        return cands[0] if cands else None
    i = bisect.bisect_left(ctx.org_pos, pos)
    for o in reversed(ctx.orgs[max(0, i - 300):i]):
        if pat.search(o.name) or intro_has(o):
            return o
    # rule: state-description-own-subject
    state = head in _STATE_HEADS  # "UNHCR said ... The government described ...": a government is no agency
    for sp in reversed(ctx.history[-20:]):
        if state and head not in (sp.name or "").lower():
            continue
        if sp.kind in ("organisation", "group") and sp.name and sp.m_s is not None and ctx.para_of(pos) - ctx.para_of(sp.m_s) <= 3:
            return _Entity(sp.m_s, sp.m_e, sp.name, sp.kind, None, sp.camp, (0, 0), False, 0)
    return None


def speaker_of(ctx: DocContext, np) -> _Speaker | None:
    """Interpret a noun-phrase result of :func:`.subjects.left_np`/:func:`.inverted.right_np`."""
    a, b, toks, ca, cb = np
    sp = interpret(ctx, toks, ca, cb)
    if sp is not None:
        sp.m_s, sp.m_e = toks[a][0], toks[b][1]
    return sp


def _participle_subject(ctx: DocContext, si: int, ss: int, pos: int):
    """``(speaker, np)`` of a cue with no subject of its own ("..., adding", "... and added"):
    the speaker of the sentence's previous attribution, else the sentence subject's noun phrase."""
    prev_att = _prev_att_in_sentence(ctx, si, pos)
    if prev_att is not None:
        return replace(prev_att.speaker), None
    return None, subject_np(ctx, ss, pos)


def _prev_att_in_sentence(ctx: DocContext, si: int, pos: int) -> _Att | None:
    for x in reversed(ctx.atts):
        if x.sent < si:
            return None
        if x.sent == si and x.cue_s is not None and x.cue_s < pos:
            return x
    return None
