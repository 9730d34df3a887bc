"""Stage 2, mentions: the document's name registry.

Reads from the context: ``text``, ``actors``, ``W``, ``para_caption``, the quote spans (:mod:`.marks`).
Writes: ``ctx.persons``/``ctx.person_pos``, ``ctx.orgs``/``ctx.org_pos``, ``ctx.by_surname``,
``ctx.person_names``, ``ctx.party_camp``: every named person and organisation in narration with its
kind, gender, camp and the text that introduced it (``_Entity``); caches ``name_cache``,
``lower_case_words`` and ``word_runs``.
Functions: :func:`build_registry` (the stage); :func:`name_info` and :func:`surname` read a name at a
position for the later stages.
Rules here: splitting "X and Y", a name is a person when a role introduces it, party letters and
party words give a camp ("a Democrat" in an appositive too: ``party-appositive``), titles and roles
name an actor (``role-names-camp``), a later surname resolves to the full name.
"""
from __future__ import annotations

import bisect
import re

from ..actors import _WORD_OR_HYPHEN
from ._tokens import name_run_pattern
from .context import DocContext
from .marks import quote_at
from .patterns import _APPOSITIVE_RE, _CAP, _CONN, _CONNECTORS, _NAME_WORD, _POSS_TOK_RE, _STATE, _TOK_RE, word_list
from .records import _Entity


_NAME_RUN_RE = re.compile(rf"(?<![\w'\u2019.\-]){_CAP}(?:[ \t](?:{_CONN}[ \t]){{0,2}}{_CAP})*")
_NAME_RUN_SCAN_RE = name_run_pattern(_NAME_RUN_RE)  # the same matches, found 2x faster


_WORD_RUN_RE = re.compile(r"[\w\-]+")


_PERSON_NAME_RE = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}")


# party markers after and before a politician's name (see _party_near)
_PARTY_ACTORS = {"D": "Democratic Party", "R": "Republican Party"}


_PARTY_AFTER_RE = re.compile(rf"\s*(?:\(\s*([DR]){_STATE}\s*\)|,\s*([DR]){_STATE}\s*[,.]|,\s*(Democrat|Republican)\s+(?:of|from)\s)")


# \b(?:[DR]-[A-Z]|Democrat|Republican|GOP\b), opening with the capital and looking back after it, so that re skips
# to capitals (searched over every whole text: 4x faster)
_PARTY_WORD_RE = re.compile(r"[DRG](?<!\w[DRG])(?:(?<=[DR])-[A-Z]|(?<=D)emocrat|(?<=R)epublican|(?<=G)OP\b)")


# rule: party-appositive
# "Joe Sestak, a Democrat now running for the Senate,", "X, a conservative Republican who ...": an indefinite
# appositive naming the party (not "a Republican-turned-independent", "a Democratic-leaning", "a former Democrat")
_PARTY_APPOSITIVE_RE = re.compile(r",[ \t]+an?[ \t]+(?:(?:" + "|".join(sorted(word_list("party_modifiers")))
                                  + r")[ \t]+)?(Democrat|Republican)(?:ic)?(?![\w\-\u2010-\u2014])")


_PARTY_BEFORE_RE = re.compile(r"\b(Democratic|Republican|GOP)\s+((?:[\w.\-]+\s+){0,3})$")


_OFFICE_WORDS = word_list("office_words")

#: the actors of kind ``group`` whose name in a role gives its holder a camp: the US parties' national
#: committees ("RNC chairman X", "X, chairman of the Democratic National Committee"); other groups are
#: adjectives or loose collectives in a role ("Western Union spokesman", "Taliban-era minister")
_ROLE_CAMP_GROUPS = word_list("role_camp_groups")

#: capitals that stand for their country in the actor table: in a role mostly a place ("the Washington
#: director of MoveOn.org", "ambassador to Moscow"), so they give no camp there
_ROLE_PLACE_ALIASES = word_list("role_place_aliases")

# the appositive after a name, up to the next comma (at most 100 characters): "Piet Jansen, a NATO spokesman,"
_ROLE_AFTER_RE = re.compile(r",[ \t]+([^,;:!?()\"\u201c\u201d\n]{1,100})")

_ROLE_AFTER_STOP = {"who", "whom", "whose", "which", "that", "and", "but", "when", "where", "said", "says"}

_MISSING = object()


def build_registry(ctx: DocContext) -> None:
    """Named persons and organisations in narration (outside captions and quotes), in order."""
    text = ctx.text
    ctx.persons = []
    ctx.orgs = []
    ctx.person_pos = []
    ctx.org_pos = []
    ctx.by_surname = {}
    ctx.person_names = set()
    ctx.lower_case_words = {}
    ctx.party_camp = {}  # name -> camp of the party its mention gives ("(D-Tenn.)")
    ctx.has_party_words = _PARTY_WORD_RE.search(text) is not None  # most texts name no US party: skip the checks
    ctx.party_letter_camps = {key: _camp_of_alias(ctx, alias) for key, alias in _PARTY_ACTORS.items()}
    by_surname, lookup, para_caption = ctx.by_surname, ctx.actors.lookup, ctx.para_caption
    for m in _NAME_RUN_SCAN_RE.finditer(text):
        run = m.group()
        if " " not in run and "\t" not in run:
            key = run[:-2] if run.endswith(("'s", "\u2019s")) else run
            if key not in by_surname and lookup(key) is None:
                continue  # a lone capitalised word that names nobody known (sentence starts, places)
        if para_caption[ctx.para_of(m.start())] or quote_at(ctx, m.start()) is not None:
            continue
        for part_s, part in _split_and(m.start(), run):
            _register(ctx, part_s, part)


def _split_and(start: int, run: str):
    if " and " not in run:
        yield start, run
        return
    off = 0
    for piece in run.split(" and "):
        yield start + off, piece
        off += len(piece) + 5


def _register(ctx: DocContext, s: int, run: str) -> None:
    info = name_info(ctx, run, s)
    if (info is None or info[1] != "person") and " of " in run:
        # Professor Liang Wenhao of the Institute of Eurasian Affairs: a person, then an organisation
        head, _, tail = run.partition(" of ")
        head_info = name_info(ctx, head, s)
        if head_info is not None and head_info[1] == "person":
            _register(ctx, s, head)
            _register(ctx, s + len(head) + 4, tail)
            return
    if info is None:
        return
    name, kind, gender, camp, title = info
    e = s + len(run)
    si, ss, se = ctx.sent_bounds(s)
    first = _TOK_RE.search(ctx.text, ss, min(se, s + 1))
    subject = first is not None and first.start() >= s - 1
    if kind == "unknown" and (name in ctx.person_names or _described_as_person(ctx, s, e, ss, se)):
        kind = "person"
    personish = kind == "person" or (kind == "unknown" and _person_like(ctx, name))
    if personish and camp is None and ctx.has_party_words and " " in name and name not in ctx.party_camp:
        k = run.rfind(name.split()[0])
        party = _party_near(ctx, s, e, ss, se, s + k if k >= 0 else s)
        if party is not None:
            ctx.party_camp[name] = party
    if personish and camp is None and name not in ctx.party_camp:
        role = _role_camp(ctx, s, e, ss, se)
        if role is not None:
            ctx.party_camp[name] = role
    ent = _Entity(s, e, name, kind, gender, camp, ("lazy", ss, se), subject, si)
    if personish:
        # a later surname alone means this name, known to the actor table or not; when no given name is
        # recognised in a two-word name, the family name may come first (Liang Wenhao -> Liang)
        parts = name.split()
        keys = parts[-1:] if len(parts) > 1 else []
        if len(parts) == 2 and parts[0].lower() not in ctx.W.first_names:
            keys.append(parts[0])
        for key in keys:
            pos_list, ents = ctx.by_surname.setdefault(key, ([], []))
            pos_list.append(s)
            ents.append(ent)
    if kind == "person":
        ctx.persons.append(ent)
        ctx.person_pos.append(s)
        ctx.person_names.add(name)
    elif kind in ("organisation", "group", "country"):
        ctx.orgs.append(ent)
        ctx.org_pos.append(s)


def _camp_of_alias(ctx: DocContext, alias: str) -> str | None:
    actor = ctx.actors.lookup(alias)
    info = ctx.actors.info(actor) if actor is not None else None
    return info.camp if info is not None and info.camp else None


def _party_near(ctx: DocContext, s: int, e: int, ss: int, se: int, name_s: int) -> str | None:
    """Camp of the party a name's mention gives, by US convention: ``Steve Cohen (D-Tenn.)``,
    ``Steve Cohen, D-Tenn.,``, ``Steve Cohen, Democrat of Tennessee,``, ``Democratic Rep. Steve Cohen``,
    ``GOP strategist Ana Navarro``; the camp is that of the party's entry in the actor table
    ("Democratic Party", "Republican Party"), so a table without them gives none."""
    text = ctx.text
    m = _PARTY_AFTER_RE.match(text, e, se)
    if m is not None:
        key = (m.group(1) or m.group(2) or m.group(3))[0]
    elif (m := _PARTY_APPOSITIVE_RE.match(text, e, se)) is not None:
        key = m.group(1)[0]  # "Joe Sestak, a Democrat now running for ..."
    else:
        m = _PARTY_BEFORE_RE.search(text, max(ss, s - 60), name_s)
        if m is None:
            return None
        W = ctx.W
        if not all(w.lower() in W.roles or w.lower() in W.title_words or w.endswith(".") or w.lower() in _OFFICE_WORDS
                   for w in m.group(2).split()):
            return None
        key = "R" if m.group(1) == "GOP" else m.group(1)[0]
    return ctx.party_letter_camps.get(key)


# rule: role-names-camp
def _role_camp(ctx: DocContext, s: int, e: int, ss: int, se: int) -> str | None:
    """Camp of an actor named in the role of the person ``text[s:e]``: in the role words right before
    the name (``RNC chairman Michael Steele``) or in an appositive right after it that opens with a
    determiner, role or capitalised word and holds a role word (``Piet Jansen, a NATO spokesman,``;
    ``Michael Steele, chairman of the Republican National Committee,``); only actors of the table give
    one (:func:`_role_actor_camp`), never a guess."""
    W = ctx.W
    # the word before the name first, from a short window (most names have no role word before them);
    # tokens never hold whitespace, so a last token that starts after a space is the long window's too
    lo = max(ss, s - 24)
    toks = ctx.toks(lo, s)
    if toks and toks[-1][2].lower() not in W.roles and any(c.isspace() for c in ctx.text[lo:toks[-1][0]]):
        toks = []
    else:
        toks = ctx.toks(max(ss, s - 70), s)
    k = len(toks) - 1
    if k >= 0 and toks[k][2].lower() in W.roles:
        lo = toks[k][0]
        while k > 0 and len(toks) - k < 6:
            t = toks[k - 1][2]
            if not (t[:1].isupper() or t.lower() in W.roles or t.lower() in W.title_words or t.lower() in ("of", "for")):
                break
            k -= 1
            lo = toks[k][0]
        camp = _role_actor_camp(ctx, ctx.text[lo:s])
        if camp is not None:
            return camp
    m = _ROLE_AFTER_RE.match(ctx.text, e, se)
    if m is None:
        return None
    words = m.group(1).split()
    for i, w in enumerate(words):
        if w.endswith("ing") and w.islower() and not (i + 1 < len(words) and words[i + 1].lower() in W.roles):
            words = words[:i]  # "a Democrat now running for the United States Senate": the role ends at the verb
            break
    if not words:
        return None
    first = words[0].lower()
    if len(words) > 9 or not any(w.lower() in W.roles for w in words) \
            or any(w.lower() in _ROLE_AFTER_STOP for w in words) \
            or not (first in W.determiners or first in W.roles or first in W.title_words or words[0][:1].isupper()):
        return None  # "Bob Corker, accused the president of ...": a verb, not a role
    return _role_actor_camp(ctx, " ".join(words))


def _role_actor_camp(ctx: DocContext, role: str) -> str | None:
    """:func:`_title_camp` of a role, without the actors that describe something else: a capital
    (``_ROLE_PLACE_ALIASES``), a place or host after "in", "near", "to", "under" (``a lawyer in
    Washington``, ``ambassador to Russia``), the end of a longer name (``Marriage Equality USA``,
    ``Mr. Trump's National Security Council``) and what
    stands before a possessive (``U.S. President Donald Trump's former campaign chairman``)."""
    poss = [p.end() for p in _POSS_WORD_RE.finditer(role)]
    for s, e, actor in ctx.actors.matches(role):
        if poss and e < poss[-1] - 2:
            continue
        before = role[:s].split()
        if role[s:e].lower() in _ROLE_PLACE_ALIASES or (before and (
                before[-1].lower() in ("in", "near", "to", "under") or (before[-1][:1].isupper() and len(before) > 1))):
            continue
        camp = _actor_role_camp(ctx, actor, role[s:e])
        if camp is not None:
            return camp
    return None


_POSS_WORD_RE = re.compile(r"['\u2019]s\b")


def _person_like(ctx: DocContext, name: str) -> bool:
    """Whether a name of unknown kind is shaped like a personal name: two or three capitalised words, no
    acronym (``Navy SEAL Ty Woods``), possessive (``Schlafly's Final Column``), function, title or organisation
    word (``Broaddrick Sunday``, ``Retired General``), and no word before the last that the text also writes in
    lower case (``Neither Johnson``, ``See Sexton``)."""
    if not _PERSON_NAME_RE.fullmatch(name):
        return False
    W = ctx.W
    words = name.lower().split()
    if any(w in W.time or w in W.skip or w in W.boundary or w in W.determiners or w in W.connectives
           or w in W.pronouns or w in W.roles or w in W.title_words or w in W.honorifics or w in W.org_nouns
           or _POSS_TOK_RE.search(w) for w in words):
        return False
    for w in words[:-1]:
        if _written_in_lower_case(ctx, w):
            return False
    return True


def _word_runs(ctx: DocContext) -> set[str]:
    """Every maximal run of ``[\\w-]`` in the text: one pass, not one ``text.find`` per word (kept on the
    context after the first call)."""
    if ctx.word_runs is None:
        ctx.word_runs = set(_WORD_RUN_RE.findall(ctx.text))
    return ctx.word_runs


def _written_in_lower_case(ctx: DocContext, w: str) -> bool:
    """Whether the text holds ``w`` (lower case) as a whole word: not inside a longer word or
    a hyphenated compound (neither side touches a word character or a hyphen)."""
    hit = ctx.lower_case_words.get(w)
    if hit is None:
        # a whole-word occurrence is a whole run of [\w-]: in a news article the first few words are
        # looked for with text.find (an article asks for 7 on average), later ones and those of a long
        # text in the set of every run (one pass)
        if ctx.word_runs is not None or len(ctx.lower_case_words) >= 16 or len(ctx.text) >= 20_000:
            if _WORD_RUN_RE.fullmatch(w):
                hit = ctx.lower_case_words[w] = w in _word_runs(ctx)
                return hit
            # a word with other characters ("o'neill", "u.s."): each of its runs of [\w-] is a whole run
            # wherever the word stands whole, so a missing run rules it out without scanning the text
            # (one text.find per such word made a long text quadratic)
            runs = _word_runs(ctx)
            if not all(r in runs for r in _WORD_RUN_RE.findall(w)):
                ctx.lower_case_words[w] = False
                return False
        text, n = ctx.text, len(w)
        i = text.find(w)
        while i >= 0 and (i and _WORD_OR_HYPHEN(text[i - 1]) or _WORD_OR_HYPHEN(text[i + n:i + n + 1])):
            i = text.find(w, i + 1)
        hit = ctx.lower_case_words[w] = i >= 0
    return hit


def _described_as_person(ctx: DocContext, s: int, e: int, ss: int, se: int) -> bool:
    """Whether a role noun introduces the name ``text[s:e]``: right before it (``Kyrgyz lawmaker
    Nurlan Abdykadyrov``) or heading an appositive after it (``Dilnoza Karimova, an analyst at
    ...``; ``Helena Marsh, senior researcher at ...``)."""
    roles = ctx.W.roles
    before = ctx.toks(max(ss, s - 30), s)
    if before and before[-1][2].lower() in roles:
        return True
    m = _APPOSITIVE_RE.match(ctx.text, e, se)
    return m is not None and any(w.lower() in roles for w in m.group(1).split())


def _intro_span(ctx: DocContext, s: int, e: int, ss: int, se: int) -> tuple[int, int]:
    """The words that introduce a name: the role words right before it (``economist Tom Ellis``,
    ``Afghanistan's acting foreign minister, Amir Khan Muttaqi``) and an appositive after it
    (``Anna Berg, the bank's chief economist,``)."""
    W = ctx.W
    text = ctx.text
    lo = s
    toks = ctx.toks(max(ss, s - 70), s)
    k = len(toks) - 1
    if k >= 0 and toks[k][2] == ",":
        k -= 1
        if k < 0 or toks[k][2].lower() not in W.roles:
            k = -1
    n = 0
    while k >= 0 and n < 6:
        t = toks[k][2]
        tl = t.lower()
        if tl in W.determiners:
            lo = toks[k][0]
            break
        if not (tl in W.roles or tl in W.title_words or tl in ("of", "for") or _POSS_TOK_RE.search(t)):
            break
        lo = toks[k][0]
        k -= 1
        n += 1
    hi = e
    m = re.match(r",\s+(?:the|a|an|his|her|their|its|[A-Z][\w\-]*['\u2019]s)\b[^,;:.!?\"\u201c\u201d]{0,80}", text[e:min(se, e + 100)])
    if m:
        hi = e + m.end()
    return lo, hi


def name_info(ctx: DocContext, run: str, pos: int):
    """(canonical, kind, gender, camp, title) for a capitalised run, or None when it is not a name."""
    cached = ctx.name_cache.get(run, _MISSING)
    if cached is not _MISSING:
        return cached
    ctx.cacheable = True
    info = _name_info(ctx, run, pos)
    if ctx.cacheable and len(ctx.name_cache) < 50000:
        ctx.name_cache[run] = info
    return info


def _name_info(ctx: DocContext, run: str, pos: int):
    W = ctx.W
    toks = run.split()
    if not toks:
        return None
    if len(toks) == 1:
        return _one_word_name_info(ctx, toks[0], pos)
    last = toks[-1]  # without a possessive ending (a token of run.split(): no newline before its end)
    if last.endswith(("'s", "\u2019s")):
        last = last[:-2]
    elif last.endswith(("'", "\u2019")):
        last = last[:-1]
    toks = toks[:-1] + [last] if last else toks[:-1]
    if not toks:
        return None
    gender = None
    k = 0
    fn = next((i for i, t in enumerate(toks[:-1]) if t.lower() in W.first_names), None)
    title_toks = []
    while k < len(toks) - 1:
        tl = toks[k].lower()
        if fn is not None and k == fn:
            break
        if tl in W.honorifics:
            gender = gender or W.honorifics[tl]
        elif tl in W.title_words or tl in W.roles or tl in W.determiners or tl in W.connectives \
                or tl in W.boundary or tl in W.time or tl in W.pronouns or tl in W.skip:
            if tl in W.roles and W.roles[tl]:
                gender = gender or W.roles[tl]
        else:
            break
        title_toks.append(toks[k])
        k += 1
    if fn is not None and fn > k and len(toks) - fn in (2, 3) and any(
            t.lower() in W.honorifics or t.lower() in W.roles or t.lower() in W.title_words or _POSS_TOK_RE.search(t)
            or ctx.actors.lookup(t) for t in toks[k:fn]):
        # after title words, the name starts at the given name: Special Representative for Afghanistan Thomas
        # West, Florida Gov. Rick Scott, CNN's Jake Tapper (but Christine Todd Whitman, Trayvon Martin Foundation)
        title_toks.extend(toks[k:fn])
        k = fn
    while k < len(toks) and toks[k].lower() in _CONNECTORS:
        k += 1
    rest = toks[k:]
    if not rest:
        return None
    name = " ".join(rest)
    title = " ".join(title_toks)
    actor = ctx.actors.lookup(name)
    if actor is not None:
        inf = ctx.actors.info(actor)
        return actor, inf.kind, inf.gender or gender, inf.camp, title
    camp = _title_camp(ctx, title) if title else None
    if fn is not None and fn == k and len(rest) > 1:
        return name, "person", W.first_names[rest[0].lower()] or gender, camp, title
    lower_rest = {t.lower() for t in rest}
    if len(rest) > 1 and lower_rest & W.org_nouns:
        return name, "organisation", None, camp, title
    has_honorific = any(t.lower() in W.honorifics for t in title_toks)
    has_role = any(t.lower() in W.roles for t in title_toks)
    if len(rest) == 1:
        ctx.cacheable = False
        ent = surname(ctx, rest[0], pos)
        if ent is not None:
            kind = "person" if has_honorific or has_role else ent.kind
            return ent.name, kind, ent.gender or gender, ent.camp, title
        if has_honorific or has_role:
            return name, "person", gender, camp, title
        return None
    if has_honorific or has_role:
        return name, "person", gender, camp, title
    if all(t[0].isupper() for t in rest) and len(rest) in (2, 3) and all(t.lower() not in W.org_nouns for t in rest):
        return name, "unknown", gender, camp, title
    return None


def _one_word_name_info(ctx: DocContext, word: str, pos: int):
    """:func:`name_info` of a one-word name: an actor, or the surname of a person named earlier."""
    W = ctx.W
    tok = _POSS_TOK_RE.sub("", word) if word[-1:] in "s'\u2019" else word
    tl = tok.lower()
    if tl in W.determiners or tl in W.boundary or tl in W.pronouns or tl in W.connectives or tl in W.skip:
        return None
    actor = ctx.actors.lookup(tok)
    if actor is not None:
        inf = ctx.actors.info(actor)
        return actor, inf.kind, inf.gender, inf.camp, ""
    ctx.cacheable = False
    ent = surname(ctx, tok, pos)
    if ent is not None:
        return ent.name, ent.kind, ent.gender, ent.camp, ""
    return None


def _title_camp(ctx: DocContext, title: str) -> str | None:
    """Camp of the first organisation, country or party committee (``_ROLE_CAMP_GROUPS``) named in a title."""
    for s, e, actor in ctx.actors.matches(title):
        camp = _actor_role_camp(ctx, actor, title[s:e])
        if camp is not None:
            return camp
    return None


def _actor_role_camp(ctx: DocContext, actor: str, alias: str) -> str | None:
    """Camp of ``actor`` (written ``alias``) named in a role: an organisation's or country's, or a party
    committee's (``_ROLE_CAMP_GROUPS``); never that of a person or another group (``Western``)."""
    inf = ctx.actors.info(actor)
    if inf and inf.camp and (inf.kind in ("organisation", "country")
                             or (inf.kind == "group" and alias.lower() in _ROLE_CAMP_GROUPS)):
        return inf.camp
    return None


def surname(ctx: DocContext, tok: str, pos: int) -> _Entity | None:
    """The latest name before ``pos`` that ends with ``tok`` (``Lavrov`` -> ``Sergey Lavrov``), or starts with it
    when it has two words and no known given name (``Liang`` -> ``Liang Wenhao``); a person when there is one,
    else a two- or three-word name of unknown kind (``Marsh`` -> ``Helena Marsh``)."""
    lst = ctx.by_surname.get(tok)
    if not lst:
        return None
    earlier = lst[1][:bisect.bisect_left(lst[0], pos)]
    return next((ent for ent in reversed(earlier) if ent.kind == "person"), earlier[-1] if earlier else None)


def _is_name_tok(ctx: DocContext, t: str) -> bool:
    return t[:1].isupper() and t.lower() not in ctx.W.pronouns
