"""Stage 6, attribution rules: a cue, its speaker and the side its content is on.

Reads from the context: ``hits`` (from :func:`analysis.attribution.finder.find_cue_hits`), the quote spans
(:mod:`.marks`), the name registry; calls :mod:`.subjects` and :mod:`.inverted` (the subject),
:mod:`.speakers` (the speaker) and :mod:`.spans` (what was said).
Writes: appends ``_Att`` records to ``ctx.atts`` (with their contents, ``(start, end)`` spans, and
linked quote spans, whose ``att`` and ``kind`` it sets), their named speakers to ``ctx.history``, cues
that name rather than report to ``ctx.naming`` and subjects that speak for nobody to ``ctx.np_cuts``.
Quote spans no cue reached are left to :mod:`.unlinked`.
Functions: :func:`attribute_cues` (the stage), :func:`attribute` (one cue).
Rules here: see :data:`RULES` -- each named with a stable id.
"""
from __future__ import annotations

import re
from collections import namedtuple

from .context import DocContext
from .cues import CueHit
from .inverted import right_np
from .marks import _quote_before
from .mentions import name_info
from .patterns import _POSS_PRON, word_list
from .records import _Att, _QSpan, _Speaker
from .spans import _ADVERBIAL_OPENERS, _TIME_WORDS, _adverbial_only, _after_start, _anonymity_request, _clause_after, _clause_before, _comma_outside_quotes, _content_end, _keep_contents, _quote_after
from .speakers import _participle_subject, resolve_pronoun, speaker_of
from .subjects import left_np


# nothing after an attribution but the end of its sentence: "Trump said."
# the contexts a cue marked ``requires`` needs (rule cue-requires-context / cue-requires-that)
_THAT_NEXT_RE = re.compile(r"\s*(?:,\s*)?that\b")
_QUOTE_NEXT_RE = re.compile(r"[^.!?;]{0,80}?[\"\u201c\u201e'\u2018`]")
_QUOTE_BEFORE_RE = re.compile(r"[\"\u201d'\u2019]\W{0,3}\s+(?:\S+\s+){0,7}$")
_BARE_ATTRIBUTION_END_RE = re.compile(r"\s*[.!?]?[\"'\u201d\u2019]?\s*$")


_REL_OPENS_RE = re.compile(r",\s+(?:which|who|whom)\s+$", re.I)


# rule: negated-speech
# "did not say", "would not immediately comment", "never claimed", "declined to say", "refused to say":
# the speaker said nothing (an adverb may stand between; "not only said" is speech)
_NEGATED_RE = re.compile(r"(?:\b(?:not|never)|n[\'\u2019]t)\s+(?:(?!only\b)[a-z]+ly\s+)?$|"
                         r"\b(?:declin|refus)(?:e|es|ed|ing)\s+to\s+(?:[a-z]+ly\s+)?$", re.I)


#: heads of subjects that cannot speak: "the evidence says otherwise", "the figures show", "history
#: proves".  Documents and reports (``document_nouns`` in attribution_words.csv: report, study, poll ...) stay sources.
_NON_SOURCE_HEADS = word_list("inanimate_heads")


# "Whatever Moscow calls them, ...", "what you might call a stalemate": a concessive or rhetorical
# clause names, it reports nothing
_CONCESSIVE_RE = re.compile(r"\bwhatever\s+(?:[\w'\u2019\-]+\s+){1,4}$|\bwhat\s+(?:you|one)\s+(?:[\w'\u2019\-]+\s+){0,2}$",
                            re.I)


# "Hillary Clinton and Bernie Sanders said": a name of one to four capitalised words, then "and", right
# before the subject (each word a whole run of word characters, so no backtracking blow-up)
_CO_NAME_RE = re.compile(r"(?<![\w,])([A-Z][\w'\u2019\-.]*(?:\s+[A-Z][\w'\u2019\-.]*){0,3})\s+and\s+$")


_CLOSERS = "\"'\u201d\u2019\u00bb\u203a"


# a determiner, possessive or "in one" right before an -ed cue, and a lower-case word after it: "in one emailed statement"
_MODIFIER_BEFORE_RE = re.compile(r"(?<![\w'\u2019\-])(?:a|an|the|his|its|our|my|your|their|"
                                 r"(?:in|on|by|with|from|at|for|of)\s+one)\s+$", re.I)
# "All that said,": a discourse marker at the start of the sentence or clause
_THAT_SAID_RE = re.compile(r"(?:^|[,;:\u2014]\s*|\.\s+|\n\s*)(?:all\s+)?(?:that|this)\s+$", re.I)


# "As" (or "But as", "And as") opening the sentence before the subject: "As the Times reported, ..."
_AS_OPENS_RE = re.compile(r"\s*(?:(?:but|and|yet)\s+)?as\s+", re.I)


# where something was written or said: "for Salon this week", "on CNN on Sunday", "in The Atlantic"
_VENUE_RE = re.compile(r"(?:for|in|on|to)\s+(?:the\s+)?[A-Z][\w'\u2019.&\-]*(?:\s+[A-Z][\w'\u2019.&\-]*){0,3}"
                       r"(?:\s+(?:(?:this|last)\s+[a-z]+|on\s+[A-Z][a-z]+day|[A-Z][a-z]+day))?\s*")


#: idioms of a cue lemma and the words after it that report no speech (``not_speech_idioms``): lemma -> rests
_IDIOMS: dict[str, list[str]] = {}
for _idiom in sorted(word_list("not_speech_idioms")):
    for _lemma_len in (2, 1):  # "call out" + "sick", "plead" + "guilty"
        _lemma, _rest = " ".join(_idiom.split()[:_lemma_len]), " ".join(_idiom.split()[_lemma_len:])
        if _lemma_len == 1 or _lemma == "call out":  # (the one two-word lemma among them)
            _IDIOMS.setdefault(_lemma, []).append(_rest)
            break
_IDIOM_LEMMAS = frozenset(_IDIOMS)


def _idiom_after(text: str, h: CueHit, se: int) -> bool:
    """Whether the words right after cue ``h`` complete an idiom of ``not_speech_idioms`` with its lemma."""
    nxt = " ".join(text[h.end:min(se, h.end + 40)].lower().split())
    return any(nxt == r or nxt.startswith((r + " ", r + ",", r + ".", r + ";")) for r in _IDIOMS[h.lemma])
_NOUN_AFTER_RE = re.compile(r"\s+(?!(?:that|to|by|as|it|him|her|them|me|us|on|in|at|for|with|about|from|and|or|but)\b)"
                            r"[a-z][\w\-]*(?![\w\-])")


#: One attribution rule: a stable ``id`` (what a ``rule`` column will name), the stage module that
#: implements it (a ``# rule: <id>`` comment marks the place) and a one-line description.
Rule = namedtuple("Rule", ["id", "stage", "description"])

#: Every attribution rule, in the order a cue meets them.  ``docs/methods.md`` ("Attribution rules") is
#: generated from this table by :func:`rules_markdown`; a test keeps the two, and the code markers, in step.
RULES = (
    # a cue and its speaker
    Rule("cue-requires-context", "rules", "a cue marked `requires` in cues.csv counts only when a colon, full stop, "
         "quote mark or (for `requires=that`) \"that\" follows it, or a quote ends just before it"),
    Rule("question-quote-before", "rules", "'\"... ?\" Obama continued, pointing': a quote closed after \"?\" or \"!\" "
         "right before the cue's sentence (the sentence splitter ends a sentence there) gives a `requires` cue its context"),
    Rule("anonymity-not-speech", "spans", "\"who asked not to be identified\", \"spoke on condition of anonymity\", "
         "\"speaking on background\": a cue (not \"according to\") whose clause asks not to be named after at most two "
         "words (`anonymity_phrases` in attribution_words.csv), with no \"that\" after, reports nothing; such a clause "
         "is no content"),
    Rule("that-said-marker", "rules", "\"All that said, ...\", \"That said, ...\": \"said\" after (all) that/this "
         "opening a clause and before a comma is the narrator's concession, not speech"),
    Rule("participle-modifier", "rules", "\"in one emailed statement\", \"his stated goal\": an -ed cue between a "
         "determiner, possessive (not \"her\") or \"in/on/by ... one\" and a lower-case word is an adjective, not a cue"),
    Rule("not-speech-idiom", "rules", "\"called out sick\", \"calling in sick\": a cue whose lemma and next words "
         "make an idiom of `not_speech_idioms` (attribution_words.csv) reports nothing (a plea, \"pleaded guilty\", "
         "is speech: PolNeAR annotates it)"),
    Rule("according-to-right", "rules", "\"according to X\": the source is the noun phrase after the cue"),
    Rule("participle-carries-speaker", "rules", "\", adding ...\": a participle cue after a comma takes the "
         "sentence's previous speaker, else the sentence subject"),
    Rule("opening-adverbial-subject", "rules", "\"This past week, Jeb Bush ..., saying\": a participle or coordinated "
         "cue that found no sentence subject, or one inside an opening adverbial, looks for it after the opening "
         "adverbials and their commas (`adverbial-not-content`, a time phrase of at most six words with `time_openers` "
         "of attribution_words.csv, a state after a place: \"at a rally in Beaumont, Tex., Mr. Trump\"); not before "
         "\"by\" (\"and accused by\": a passive)"),
    Rule("subject-left", "rules", "the speaker is the cue's subject, the noun phrase before it"),
    Rule("coordinated-carries-speaker", "rules", "\"... and added\": a cue coordinated with an earlier verb takes the "
         "speaker as a participle does"),
    Rule("inverted-subject", "rules", "'\"...,\" said X': an invertible cue with no subject before it takes the noun "
         "phrase after it"),
    Rule("anonymity-clause-subject", "rules", "\"Officials asked not to be identified because ..., said that\", \"A "
         "person familiar with the matter, speaking on condition of anonymity, said\": with no subject before the comma "
         "and none after the cue, the subject of the request not to be named (`anonymity-not-speech`) speaks"),
    Rule("nominal-possessive", "rules", "\"his claim that\": the possessive before a nominal cue is resolved as a pronoun"),
    Rule("naming-not-speech", "rules", "\"call\" and naming cues whose subject is no named speaker name something; "
         "they report nothing"),
    Rule("inanimate-subject", "rules", "a subject headed by evidence, data, figures, numbers, statistics, history, "
         "facts, record, math, reality, truth or sign speaks for nobody (reports, studies, polls and statements do)"),
    Rule("time-not-speaker", "rules", "a speaker mention made only of time words (\"Friday\", \"this week\") names "
         "nobody: the row stays, with no speaker (as an unresolved pronoun)"),
    Rule("concessive-call", "rules", "\"Whatever Moscow calls them, ...\", \"what you might call a stalemate\": \"call\" after "
         "\"whatever\", or after \"what you/one\", names; it reports nothing"),
    Rule("role-names-camp", "mentions", "a person's camp comes from an actor of the table named in their role, right "
         "before the name (\"RNC chairman X\") or in an appositive with a role word after it (\"X, a NATO spokesman,\"): "
         "an organisation, a country, or a party committee (`role_camp_groups` in attribution_words.csv; not "
         "\"Western\" of \"Western Union\"); not a capital (`role_place_aliases`), an actor after in/near/to/under, "
         "inside a longer name or before another person's possessive"),
    Rule("party-appositive", "mentions", "\"Joe Sestak, a Democrat now running for the Senate,\": an appositive "
         "\"a (conservative, longtime ...) Democrat/Republican\" right after a person's name gives the party's camp like "
         "\"D-Tenn.\" (not \"a former Democrat\", \"a Republican-turned-independent\"; `party_modifiers` in "
         "attribution_words.csv)"),
    Rule("state-description-own-subject", "speakers", "\"the government\" (administration, regime, cabinet) "
         "resolves to an organisation that its name or introduction calls so, never to the latest organisation heard"),
    Rule("pronoun-in-non-person-report", "speakers", "\"Fox News said that he believes ...\": he/she opening (after "
         "the cue and \"that\") what an organisation or group reported in the same sentence is resolved to nobody rather "
         "than to an earlier person; not after an aside, a name, a vague source, a document, a country or an "
         "organisation of someone (\"Clinton's campaign\", \"the Trump campaign\")"),
    Rule("lowercase-subject-not-speaker", "rules", "a lower-case subject of unknown kind without a determiner, or "
         "one in a reduced relative clause, speaks for nobody"),
    # the subject noun phrase: before the cue (subjects) and after it (inverted)
    Rule("time-before-relative", "subjects", "\"a report on Tuesday that called for\": a time phrase between a noun "
         "and a relative that/who/which is skipped; the noun is the subject"),
    Rule("partitive-subject", "subjects", "\"one of them said\": an indefinite head, \"of\" and them/us/those/these "
         "are one subject"),
    Rule("pronoun-subject", "subjects", "a subject pronoun before the cue is the whole subject; an object pronoun "
         "(him, her, them, me, us) is none"),
    Rule("possessive-not-subject", "subjects", "\"Trump's claims\": a possessive right before the cue ends no subject "
         "(the cue is a noun)"),
    Rule("indefinite-opens-clause", "subjects", "an indefinite head (`indefinite_heads` in attribution_words.csv: "
         "some, many, others ...) is a subject only first in its clause, after punctuation or a boundary word"),
    Rule("function-word-not-subject", "subjects", "a determiner, boundary word or skipped word cannot end a subject"),
    Rule("left-of-the-name", "subjects", "\"Jeffrey Lewis of the James Martin Center\": a determiner after of/at/for "
         "that follows a name or role stays inside the subject"),
    Rule("relative-that-not-determiner", "subjects", "\"a threat that critics said\": \"that\"/\"this\" before a plural "
         "or a name opens a relative clause; the subject starts after it"),
    Rule("left-name-connector", "subjects", "a connector between capitalised words (\"Bank of England\"), or \"and\" "
         "between a role and a capitalised word, stays inside the subject"),
    Rule("left-of-phrase", "subjects", "\"the country director of one aid group\": \"of\"/\"at\" after a name or role "
         "joins two noun phrases into one subject"),
    Rule("left-function-word-ends", "subjects", "a boundary word, pronoun or skipped word in lower case (or opening the "
         "clause) ends the subject; capitalised mid-sentence it is part of a name (\"Will Estrada\")"),
    Rule("left-lowercase-run", "subjects", "more than four lower-case words in a row end the subject (which spans at "
         "most 14 tokens)"),
    Rule("pronoun-and-name", "subjects", "\"he and Mr. Allen said\": a subject pronoun and \"and\" before a named "
         "subject are part of it"),
    Rule("domain-name-token", "context", "\"Anna Galland, director of MoveOn.org, said\", \"Realtor.com announced\": "
         "a full stop between a word and a domain suffix (`domain_suffixes` in attribution_words.csv: com, org ...) "
         "ends no sentence; the finder's tokens read the domain as one word"),
    Rule("abbreviation-before-comma", "commas", "\"Robert F. Kennedy Jr., the candidate, said\": a full stop "
         "written between a word and a comma ends no sentence; the name before it keeps its stop"),
    Rule("state-before-comma", "commas", "\"Peter King, R-N.Y., who ...,\" and \"Jenky, of Peoria, Ill., said\": the full "
         "stop of a US state abbreviation (`state_abbreviations` in attribution_words.csv) or party-state marker before a "
         "comma ends no sentence; the place before a state and the state itself name no speaker"),
    Rule("right-skips-time", "inverted", "'said on Tuesday X': time words after the cue are skipped"),
    Rule("right-pronoun", "inverted", "a subject pronoun after the cue is the speaker; an object pronoun (him, her, "
         "them, me, us) is none"),
    Rule("right-vague-source", "inverted", "a vague source after the cue (\"officials familiar with the talks\") is "
         "taken whole when it holds no name"),
    Rule("right-determiner-ends", "inverted", "a determiner after the first word ends the noun phrase"),
    Rule("right-name-connector", "inverted", "a connector between capitalised words (\"Bank of England\") stays inside "
         "the noun phrase"),
    Rule("right-role-complement", "inverted", "\"director of the survey center\": of/for/at after a role, organisation "
         "or vague head takes up to five words of complement, then the phrase ends"),
    Rule("right-function-word-ends", "inverted", "a boundary word, or a pronoun or skipped word after the first word, "
         "ends the noun phrase"),
    Rule("right-lowercase-after-name-ends", "inverted", "a lower-case word after a capitalised one ends the noun "
         "phrase, unless it is a role or organisation noun"),
    Rule("right-verb-ends", "inverted", "\"The campaign shrugged off ...\": an -ed word before a determiner, pronoun, "
         "particle or punctuation is a verb and ends the noun phrase"),
    Rule("right-head-can-speak", "inverted", "the phrase after the cue speaks only when its head is capitalised, a "
         "role, organisation or vague noun, or a determiner opens it"),
    Rule("right-vague-postmodifier", "inverted", "\"one Democrat familiar with the discussion\": a vague post-modifier "
         "is part of the speaker's mention"),
    Rule("right-appositive-name", "inverted", "\"the club's chairman, Tom Ellis\": a name after a comma that follows a "
         "common noun is the speaker"),
    Rule("right-name-description", "inverted", "\"Anna Berg, the bank's chief economist,\": a description after a "
         "name is part of its mention; the name is the speaker"),
    # what was said
    Rule("coordinated-speakers", "rules", "\"Hillary Clinton and Bernie Sanders said\": a person named before "
         "\"and\" and the subject speak the same words, one row each (words split evenly in the balance)"),
    Rule("as-lead-in", "rules", "\"As Law wrote for Salon this week, the women ...\": after a subject opened by "
         "\"As\" and a cue followed only by where it was said (for/in/on/to and a name, a time), what was said starts "
         "after the comma"),
    Rule("relative-clause-content", "rules", "\"The deal, which he claimed was rigged, collapsed\": the reported "
         "clause ends with the relative clause"),
    Rule("nominal-needs-that-or-quote", "rules", "a nominal cue (\"claim\", \"call for\") reports only a \"that\" "
         "clause or a quote right after it"),
    Rule("bare-attribution-quote-before", "rules", "'\"... missing.\" Trump said.': an attribution that reports "
         "nothing else takes the quote before it, even across the sentence end"),
    Rule("cue-requires-quote", "rules", "a cue with `requires=quote` and no quote before or after it (nor a colon) "
         "is dropped"),
    Rule("cue-requires-that", "rules", "a cue with `requires=that` and no quote, colon or \"that\" after it is dropped"),
    Rule("according-to-own-clause", "spans", "\"She added that A, and B, according to X\": X reports B, never the "
         "earlier speaker's clause"),
    Rule("partial-quote-clause", "spans", "'This is a \"raw time,\" Axelrod said': the clause around a partial quote "
         "before the cue is reported too"),
    Rule("clause-before-cue", "spans", "\"Prices, the bank said, ...\": the clause before the subject, ending with a "
         "comma or dash, is reported (two words at least, one for an aside)"),
    Rule("adverbial-not-content", "spans", "\"On Friday, X said, ...\", \"Despite her hardships, he said\": a "
         "left part of at most six words with no comma, quote, pronoun subject or finite verb that opens with a "
         "preposition or is a time expression (a time word, with determiners or numbers) is not what was said"),
    Rule("lead-in-before-quote", "spans", "'As one diplomat put it to me, \"...\"': what was said starts at the quote"),
    Rule("np-object-verb", "spans", "\"The policy Smith criticized remains\": a verb that takes a noun phrase "
         "(cue_complements.csv `np`) followed by a finite verb reports nothing"),
    Rule("object-before-that", "spans", "\"warned allies in a letter that ...\": after a verb whose complement is "
         "`object_that` (cue_complements.csv), up to 12 words may stand before \"that\""),
    Rule("hearer-before-clause", "spans", "\"told reporters the talks failed\": after a verb whose complement is "
         "`hearer`, a pronoun or short noun phrase is the hearer; the reported clause starts after it"),
    Rule("answer-not-content", "spans", "\"did not respond to a request for comment\": what a verb of complement "
         "`answer` (respond, reply) answers, or how, is not what was said (when negated, \"that\", a quote or a colon "
         "counts only in its first phrase, up to a comma)"),
    Rule("particle-after-cue", "spans", "\"tweeted out these headlines\": the particle \"out\" right after the cue "
         "belongs to the verb, not to what was said"),
    Rule("coordinated-cue-ends-content", "spans", "\"he said A, and added that B\", \"he asked, and then explained "
         "...\": a comma, and/but (and up to two adverbs) and another cue (not a belief: epistemic) end the reported "
         "clause"),
    Rule("date-adjunct", "spans", "'said Sunday, March 15, 2020, that ...': a date after the cue is skipped like a "
         "day name"),
    Rule("according-to-aside", "spans", "\"according to Andy Smith, director of ...\": words right after the "
         "source still describe it; the report starts after the next comma"),
    Rule("inverted-no-after", "spans", "'\"...,\" said X, ...': after an inverted speaker, what follows is not "
         "what was said"),
    Rule("place-adjunct", "spans", "'\"...,\" a protester shouted outside the embassy': where or when it was said "
         "is not what was said, unless \"that\" or a double quote mark follows (`that-or-quote-mark`), or a \"that\" "
         "before it opens a clause of four words or more (\"said that in hindsight the plan was rushed\")"),
    Rule("circumstance-after-quote", "spans", "'\"...,\" Perez said Sunday on NBC.': words after the cue are "
         "circumstance, unless a comma clause, a pronoun, \"that\" or a quote follows (`that-or-quote-opens`)"),
    Rule("according-to-trailing", "spans", "\"..., according to officials in Tashkent.\": words after the source "
         "name it further"),
    Rule("negated-speech", "rules", "\"did not say whether\", \"declined to say\", \"never claimed\": a cue right after "
         "a negation or declined/refused to is kept with `negated=True` and left out of the balance"),
    Rule("directive-class", "spans", "\"asked them to leave\": ask/tell with \"to <verb>\" give cue_class "
         "`directive`"),
    Rule("no-content-no-attribution", "spans", "an attribution with neither a reported clause nor a linked quote "
         "is dropped"),
    # quotes no cue reached
    Rule("wh-word-not-content", "spans", "'explains why, \"...\"': a clause whose only word outside the linked "
         "quote is a wh-word is no content (the quote is); without a quote (\"So why, he asked, ...\") it stays"),
    Rule("attribution-not-content", "spans", "'testifies and \"...,\" the indictment recounts': a clause after the cue "
         "that is only another finite cue and its subject (at most four words outside quotes, no auxiliary, possessive "
         "or \"to\"), or opens with them and a comma ('He hoped, Costa said, that'), is that attribution, not content"),
    Rule("naming-scare", "unlinked", "titled \"...\", so-called \"...\": a short quote right after a naming cue is a "
         "scare quote"),
    Rule("quote-in-reported-clause", "unlinked", "a quote inside a reported clause is a partial direct quote of "
         "that clause's speaker"),
    Rule("dash-attribution", "unlinked", "'\"...\" - Anna Berg, the bank's chief economist': a name after a dash "
         "attributes the quote (cue = the dash, cue_class `punctuation`)"),
    Rule("colon-attribution", "unlinked", "'Name: \"...\"' and 'Lavrov's verdict: \"...\"': the subject before a "
         "colon attributes the quote (cue = the colon)"),
    Rule("possessive-lead-in", "unlinked", "'Obama's \"if you like your plan\" promise': a named possessive "
         "attributes the quote (no cue)"),
    Rule("continuation", "unlinked", "a quote opening a paragraph or sentence continues the previous attribution's "
         "speaker (same or previous paragraph; no cue)"),
    Rule("short-unlinked-scare", "unlinked", "an unattributed quote of five words or fewer that is not a whole "
         "sentence is a scare quote; longer ones are unattributed direct quotes"),
    # predicates the rules share
    Rule("that-or-quote-opens", "spans", "\"that\", or a paired quote that is not a title, in the span"),
    Rule("that-or-quote-mark", "spans", "\"that\", or a double quote mark character, in the span"),
    Rule("opens-clause", "subjects", "a common-noun subject opens its clause: first in the sentence, or after "
         "punctuation, a quote mark or a subordinator as written, or but/and/yet/so"),
    Rule("conjunct-opens-clause", "subjects", "the first conjunct of a coordinated subject opens its clause: first, "
         "or after a clause opener in any case (not and/yet/so)"),
    Rule("capitalised-needs-opener", "subjects", "a capitalised common-noun subject inside a sentence needs a "
         "clause opener (case-sensitive, no conjunction) before it, otherwise it is a name"),
)


def rules_markdown() -> str:
    """The Markdown table of :data:`RULES`, as ``docs/methods.md`` shows it.

    Examples
    --------
    >>> print(rules_markdown().splitlines()[0])
    | id | stage | rule |
    """
    lines = ["| id | stage | rule |", "|---|---|---|"]
    lines += [f"| `{r.id}` | `{r.stage}` | {r.description.replace('|', chr(92) + '|')} |" for r in RULES]
    return "\n".join(lines) + "\n"


_NEVER_SPEECH = word_list("never_speech")


def attribute_cues(ctx: DocContext) -> None:
    """Attribute every cue of ``ctx.hits``, in text order: each attribution goes to ``ctx.atts`` (its named
    speaker to ``ctx.history``, which later pronouns resolve against); naming cues that report nothing
    go to ``ctx.naming`` (the quotes after them are scare quotes, see :mod:`.unlinked`)."""
    for h in ctx.hits:
        if h.cue_class == "ignore":
            continue
        if h.cue_class == "naming" and h.lemma in _NEVER_SPEECH:
            ctx.naming.append(h)
            continue
        att = attribute(ctx, h)
        if att is None and h.cue_class == "naming":
            ctx.naming.append(h)  # "a book titled ...": a label, not speech
            continue
        if att is not None:
            co_speakers(ctx, att)
            ctx.atts.append(att)
            if att.speaker.name:
                ctx.history.append(att.speaker)


def attribute(ctx: DocContext, h: CueHit) -> _Att | None:
    """The attribution of cue ``h`` (speaker, reported clauses, linked quotes), or None when the rules
    say it reports nothing: find the speaker and side, then the clauses before and after the cue."""
    text = ctx.text
    si, ss, se = ctx.sent_bounds(h.start)
    pi = ctx.para_of(h.start)
    form = h.text.lower()
    first_word = form.split()[0]
    lo = max(ss, h.start - 240)
    prev = text[lo:h.start].rstrip().rstrip(_CLOSERS).rstrip()
    prev_char = prev[-1:] if prev else ""
    if h.requires is not None and not _required_context(ctx, h, ss, se):
        return None
    if _no_speech_act(ctx, h, form, ss, se):
        return None
    side, speaker, nominal, rule = _speaker_and_side(ctx, h, si, ss, se, lo, prev, prev_char, first_word)
    np_span = (speaker.m_s, speaker.m_e) if speaker is not None and speaker.m_s is not None else None
    if side == "participle" and np_span is None:
        return None
    qa = _quote_after(ctx, h, np_span, side, pi, se)
    # rule: time-not-speaker
    if speaker is not None and speaker.name and speaker.kind != "person" and _all_time_words(ctx, speaker.name):
        speaker = _Speaker(None, None, "pronoun", None, speaker.m_s, speaker.m_e)  # "Friday" said: nobody named
    if _speaks_for_nobody(ctx, h, speaker, side, np_span, qa, ss):
        return None
    att = _Att(h, h.text, h.start, h.end, h.cue_class, speaker, si, pi)
    att.side = side
    att.rule = rule
    att.negated = _NEGATED_RE.search(text, max(ss, h.start - 40), h.start) is not None
    generic = speaker.kind in ("unknown", "document", "organisation") and not (speaker.name or "")[:1].isupper()
    att.np_s = np_span[0] if (side == "left" and np_span and not generic) else None
    anchor = h.end if side != "right" else max(h.end, np_span[1])
    after_s = _after_start(ctx, h, anchor, se, att)
    if side == "left" and np_span is not None:
        after_s = _after_as_lead_in(ctx, np_span, anchor, after_s, ss, se)
    after_e = _content_end(ctx, after_s, se, h)
    # rule: relative-clause-content
    if side == "left" and np_span is not None and _REL_OPENS_RE.search(text, max(ss, np_span[0] - 12), np_span[0]):
        # 'The deal, which he claimed was rigged, collapsed': the reported clause ends with the relative one
        comma = _comma_outside_quotes(ctx, after_s, after_e)
        if comma is not None:
            after_e = comma
    has_colon = text[anchor:anchor + 3].lstrip().startswith(":")
    # rule: nominal-needs-that-or-quote
    if nominal:
        starts = text[h.end:h.end + 12].lstrip()
        if not (starts.startswith("that ") or (qa is not None and qa.open_s - h.end < 3) or h.lemma in ("call for", "call on", "push for")):
            return None
    qb = None
    if side in ("left", "right") and not nominal:
        # '"... missing." Trump said.': an attribution that reports nothing else takes the quote
        # before it even when the quote ended its sentence
        # rule: bare-attribution-quote-before
        bare = _BARE_ATTRIBUTION_END_RE.match(text, max(h.end, np_span[1]), se) is not None
        qb = _quote_before(ctx, min(h.start, np_span[0]), pi, sentence_end_ok=bare)
    # rule: cue-requires-quote
    if h.requires == "quote" and qa is None and qb is None and not has_colon:
        return None
    # rule: cue-requires-that
    if h.requires == "that" and qa is None and qb is None and not has_colon \
            and not _THAT_NEXT_RE.match(text[h.end:h.end + 12]):
        return None
    if qb is not None and qb.att is None:
        _link(ctx, qb, att)
    if qa is not None and qa.att is None:
        _link(ctx, qa, att)
    before = None
    if side in ("left", "right") and not nominal:
        before = _clause_before(ctx, h, side, np_span, si, ss, qb)
    after, after_s, after_e, object_gap = _clause_after(ctx, h, side, anchor, after_s, after_e, ss, se, qa, att.negated)
    return _keep_contents(ctx, h, att, before, after, anchor, after_s, after_e, qb, has_colon, object_gap)


def _no_speech_act(ctx: DocContext, h: CueHit, form: str, ss: int, se: int) -> bool:
    """Whether the cue word is used for something other than reporting speech (checked first)."""
    text = ctx.text
    if h.lemma != "according to" and _anonymity_request(ctx, h.end, se):
        return True  # "who asked not to be identified", "spoke on condition of anonymity": no speech act
    # rule: not-speech-idiom
    if h.lemma in _IDIOM_LEMMAS and _idiom_after(text, h, se):
        return True  # "called out sick": absent from work, no speech reported
    # rule: that-said-marker
    if form == "said" and text.startswith(",", h.end) and _THAT_SAID_RE.search(text, max(ss, h.start - 12), h.start):
        return True  # "All that said, ...", "That said, ...": the narrator's concession, nobody speaks
    # rule: participle-modifier
    return (form.endswith("ed") and " " not in form
            and _MODIFIER_BEFORE_RE.search(text, max(ss, h.start - 12), h.start) is not None
            and _NOUN_AFTER_RE.match(text, h.end, se) is not None)  # "in an emailed statement": an adjective


def _after_as_lead_in(ctx: DocContext, np_span, anchor: int, after_s: int, ss: int, se: int) -> int:
    """Where what was said starts after "As X wrote for Y, ..." (rule as-lead-in): after the venue's comma."""
    text = ctx.text
    # rule: as-lead-in
    if _AS_OPENS_RE.fullmatch(text, ss, np_span[0]) and "," not in text[anchor:after_s]:
        comma = text.find(",", after_s, min(se, after_s + 80))
        if comma > 0 and _VENUE_RE.fullmatch(text, after_s, comma):
            after_s = comma + 1  # "As Law wrote for Salon this week, the women ...": what was said follows the comma
            while after_s < se and text[after_s].isspace():
                after_s += 1
    return after_s


def _required_context(ctx: DocContext, h: CueHit, ss: int, se: int) -> bool:
    """Whether a cue marked ``requires`` has the context it needs."""
    text = ctx.text
    # rule: cue-requires-context
    nxt = text[h.end:min(se, h.end + 120)]
    lo = max(ss, h.start - 80)
    # rule: question-quote-before
    if lo == ss and _QUESTION_QUOTE_END_RE.search(text, max(0, ss - 4), ss):
        lo = max(0, h.start - 80)  # '"... ?" Obama continued, ...': the quote ended the sentence before
    return bool(nxt.lstrip().startswith((":", ".")) or _QUOTE_NEXT_RE.match(nxt)
                or (h.requires == "that" and _THAT_NEXT_RE.match(nxt))
                or _QUOTE_BEFORE_RE.search(text[lo:h.start]))


# a quote closed after "?" or "!" right before a sentence start, on the same line
_QUESTION_QUOTE_END_RE = re.compile(r"[?!][\"\u201d][ \t]*$")


def _speaks_for_nobody(ctx: DocContext, h: CueHit, speaker: _Speaker | None, side: str | None, np_span, qa, ss: int) -> bool:
    """Whether the rules say cue ``h`` with this speaker reports nothing: no speaker, a naming cue, an
    inanimate or lower-case subject, a concessive "call".  Keeps a "call" before a quote in ``ctx.naming``
    and an inanimate subject's start in ``ctx.np_cuts`` (it still ends a reported clause)."""
    # rule: naming-not-speech
    if speaker is None or ((h.lemma == "call" or h.cue_class == "naming") and (speaker.kind in ("unknown", "document") or
                                                  (speaker.kind == "organisation" and not (speaker.name or "")[:1].isupper()))):
        if qa is not None and h.lemma == "call":
            ctx.naming.append(h)
        return True
    # rule: inanimate-subject
    if speaker.kind != "person" and speaker.name and speaker.name.split()[-1].lower() in _NON_SOURCE_HEADS:
        if side == "left" and np_span is not None:
            ctx.np_cuts.append(np_span[0])  # "..., but the evidence says otherwise": still ends a clause
        return True
    # rule: concessive-call
    if h.lemma == "call" and side == "left" and _CONCESSIVE_RE.search(ctx.text, max(ss, h.start - 60), h.start):
        return True
    # rule: lowercase-subject-not-speaker
    if speaker.kind == "unknown" and speaker.name and not any(c.isupper() for c in speaker.name) \
            and (speaker.name.split()[0] not in ctx.W.determiners or _reduced_relative(ctx, h, speaker, side, qa)):
        return True
    return False


_TIME_EXTRA = word_list("time_extra")


def _all_time_words(ctx: DocContext, name: str) -> bool:
    """Whether every word of ``name`` is a time word ("Friday", "this week", "earlier this month")."""
    words = name.lower().split()
    return all(w in ctx.W.time or w in _TIME_EXTRA or w in ("this", "last", "next", "on", "early", "late") for w in words) \
        and any(w in ctx.W.time for w in words)


def co_speakers(ctx: DocContext, att: _Att) -> None:
    """Add to ``att.co`` a person named before "and" right before its subject ("Clinton and Sanders said")."""
    sp = att.speaker
    # rule: coordinated-speakers
    if att.side != "left" or sp.kind != "person" or sp.m_s is None:
        return
    _, ss, _ = ctx.sent_bounds(sp.m_s)
    k = ctx.text.rfind(" and ", sp.m_s, sp.m_e)
    end = sp.m_s if k < 0 else k + 5  # the mention may hold the whole coordination
    m = _CO_NAME_RE.search(ctx.text, max(ss, sp.m_s - 60), end)
    if m is None or ctx.text[m.end(1) - 2:m.end(1)] in ("'s", "\u2019s"):
        return  # "Ben and Jerry's": one company
    info = name_info(ctx, m.group(1), m.start(1))
    if info is None:
        return
    name, kind, gender, camp, _title = info
    if name != sp.name and (kind == "person" or name in ctx.person_names):
        att.co.append(_Speaker(name, camp, "person", gender, m.start(1), m.end(1)))


def _speaker_and_side(ctx: DocContext, h: CueHit, si: int, ss: int, se: int, lo: int, prev: str, prev_char: str,
                      first_word: str):
    """``(side, speaker, nominal, rule)`` of cue ``h``: where its speaker is ("left", "right", "participle"
    or None), the speaker (or None), whether the cue is a noun ("his claim that") and the id of the rule
    that found the speaker."""
    side = None
    rule = None
    speaker = None
    np = None
    nominal = False
    # rule: according-to-right
    if h.lemma == "according to":
        np = right_np(ctx, h.end, min(se, h.end + 250))
        side, rule = "right", "according-to-right"
    # rule: participle-carries-speaker
    elif first_word.endswith("ing") and prev_char == ",":
        side, rule = "participle", "participle-carries-speaker"
        speaker, np = _participle_speaker(ctx, si, ss, h)
    else:
        lo_small = max(ss, h.start - 100)
        # rule: subject-left
        np, status = left_np(ctx, lo_small, h.start, first_word)
        if lo_small > lo and ((np is not None and np[0] == 0) or
                              (np is None and status == "invertible" and prev.endswith(","))):
            np, status = left_np(ctx, lo, h.start, first_word)
        # rule: coordinated-carries-speaker
        if status == "coordinated":
            side, rule = "participle", "coordinated-carries-speaker"
            speaker, np = _participle_speaker(ctx, si, ss, h)
        elif np is not None:
            side, rule = "left", "subject-left"
            nominal = status == "nominal"
        # rule: inverted-subject
        elif status == "invertible" and not first_word.endswith("ing"):
            r = right_np(ctx, h.end, min(se, h.end + 200))
            if r is not None and _inversion_ok(ctx, r, h):
                np = r
                side, rule = "right", "inverted-subject"
        # rule: anonymity-clause-subject
        if np is None and status == "invertible" and prev_char == "," \
                and (np := _anonymity_subject(ctx, ss, h.start)) is not None:
            side, rule = "left", "anonymity-clause-subject"
    if np is not None:
        if nominal:
            a, b, toks, ca, cb = np
            pl = toks[cb][2].lower()
            # rule: nominal-possessive
            if pl in _POSS_PRON:
                rule = "nominal-possessive"
                speaker = resolve_pronoun(ctx, _POSS_PRON[pl], toks[a][0], toks[b][1])
            else:
                speaker = speaker_of(ctx, np)
        else:
            speaker = speaker_of(ctx, np)
    return side, speaker, nominal, rule


def _anonymity_subject(ctx: DocContext, ss: int, pos: int):
    """The subject of a request not to be named that fills the sentence up to the comma before the cue at
    ``pos``: "Officials asked not to be identified because the talks are private, said that ..." (a relative
    clause without "who"), "A person familiar with the matter, speaking on condition of anonymity, said":
    the noun phrase before the request's verb (an -ed or -ing form), or None."""
    comma = ctx.text.rfind(",", ss, pos)
    toks = ctx.toks(ss, comma) if comma > ss else []
    for k in range(1, min(len(toks), 12)):
        t = toks[k]
        if t[2].endswith(("ed", "ing")) and t[2].islower() and _anonymity_request(ctx, t[0], comma):
            np, status = left_np(ctx, ss, toks[k - 1][0] if toks[k - 1][2] == "," else t[0], t[2])
            if np is not None and status == "np":
                return np
    return None


_BY_AFTER_RE = re.compile(r"\s+by\b")


def _participle_speaker(ctx: DocContext, si: int, ss: int, h: CueHit):
    """:func:`.speakers._participle_subject`, looked for again after an opening adverbial when it found no
    subject or one inside that adverbial ("This past week, Jeb Bush ..., saying": not "this past week")."""
    speaker, np = _participle_subject(ctx, si, ss, h.start)
    if speaker is None and not _BY_AFTER_RE.match(ctx.text, h.end):  # (not "and accused by ...": a passive)
        s2 = _after_opening_adverbial(ctx, ss, h.start)
        if s2 > ss and (np is None or np[2][np[0]][0] < s2):
            speaker, np = _participle_subject(ctx, si, s2, h.start)
    return speaker, np


#: words that make a time phrase with time words and determiners ("This past week", "This spring")
_OPENING_TIME = word_list("time_openers") | _TIME_WORDS
_STATE_ABBREVIATIONS = word_list("state_abbreviations")


# rule: opening-adverbial-subject
def _after_opening_adverbial(ctx: DocContext, ss: int, pos: int) -> int:
    """Where the sentence subject may start for a cue at ``pos`` with no subject of its own: after the opening
    adverbials and their commas ("On Friday, the senator ..., adding", "This past week, Jeb Bush ..., saying",
    "The day before, at a rally in Beaumont, Tex., Mr. Trump ..., claiming"; :func:`.spans._adverbial_only`, a
    time phrase of at most six words, or a US state after a place), else ``ss``."""
    text = ctx.text
    W = ctx.W
    s = ss
    while s < pos and (text[s].isspace() or text[s] in _CLOSERS or text[s] in "\"\u201c"):
        s += 1
    start = ss
    for n in range(3):
        comma = text.find(",", s, min(pos, s + 80))
        if comma < 0:
            break
        words = text[s:comma].split()
        first = words[0].lower() if words else ""
        if n and len(words) == 1 and (first.rstrip(".") in _STATE_ABBREVIATIONS or (
                len(first) <= 6 and first.endswith(".") and words[0][:1].isupper())):
            pass  # "in Beaumont, Tex.,": the state of the place before (AP's or another style's: "Tex.")
        elif not (first in _ADVERBIAL_OPENERS or first in W.determiners or first in W.time or first in _OPENING_TIME):
            break  # (most sentences open with their subject: checked cheaply first)
        elif not (_adverbial_only(ctx, s, comma) or _time_phrase(ctx, s, comma)):
            break
        start = s = comma + 1
        while s < pos and text[s].isspace():
            s += 1
    return start


def _time_phrase(ctx: DocContext, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is a time phrase of at most six words ("This past week", "Earlier in the day")."""
    W = ctx.W
    words = [t[2].lower() for t in ctx.toks(s, e)]
    timed = [w in W.time or w in _OPENING_TIME for w in words]
    return 0 < len(words) <= 6 and any(timed) and all(
        x or w in W.determiners or w in ("in", "of", "on", "at") or w[:1].isdigit() for x, w in zip(timed, words))


def _reduced_relative(ctx: DocContext, h: CueHit, speaker: _Speaker, side: str | None, qa) -> bool:
    """Whether ``[clause], a NOUN VERBed ...`` is a participle modifying a summary noun, not speech:
    ``..., a move criticised by the UN``; ``..., a reversal announced on 23 March``.  The noun is
    indefinite and names no kind of speaker, it follows a comma, the cue is an ``-ed`` form and
    no quote follows."""
    if side != "left" or qa is not None or not h.text.lower().endswith("ed") or speaker.m_s is None:
        return False
    if speaker.name.split()[0] not in ("a", "an"):
        return False
    return ctx.text[max(0, speaker.m_s - 3):speaker.m_s].rstrip().endswith(",")

_INVERSION_END = re.compile(r"\s*(?:[.,;:!?)\u2014\u2013\"\u201c\u201d'\u2019(]|$|(?:on|in|at|during|after|before|while|when|"
                            r"who|as|of|to|about|last|this|earlier|later|yesterday|today|tonight|[A-Z][a-z]+day)\b)")


def _inversion_ok(ctx: DocContext, np, h: CueHit) -> bool:
    a, b, toks, ca, cb = np
    if toks[a][2].lower() in ("that", "this", "it", "there", "these", "those"):
        return False
    return _INVERSION_END.match(ctx.text, toks[b][1]) is not None


def _link(ctx: DocContext, q: _QSpan, att: _Att) -> None:
    q.att = att
    q.kind = "direct"
    att.quotes.append(q)
