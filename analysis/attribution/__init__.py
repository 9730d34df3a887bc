"""Attribution: quotes, reported speech and scare quotes, who speaks, and the balance of sources.


:func:`find_quotes` reads a :class:`analysis.document.Document` and returns :class:`Quote` rows
of three kinds:

``direct``
    verbatim words between quote marks attributed to a speaker (full or partial quotes:
    ``"We will appeal," said the chairman``; ``called for "extreme caution"``).  ``start``/``end``
    cover the words *inside* the marks.
``indirect``
    reported speech: the clause a source is said to have said, argued, warned ... (``Lavrov said
    that <clause>``; ``<clause>, according to X``; ``<clause>, the bank said, <clause>``).
``scare``
    a short quoted phrase in the narrator's voice that is not speech: distancing, irony, titles,
    slogans (``Washington's global 'war of terror'``; a book ``titled "..."``).  No speaker.

Decisions (documented so researchers can rely on them):

* **Split quotes** (``"This ruling," the judge said, "was long overdue."``) and **asides**
  (``Prices, the bank said, will keep rising.``) are two rows that share ``group_id`` and
  speaker; counts of utterances use distinct ``group_id``.
* **Multi-paragraph quotes** (each paragraph reopens the quote, only the last closes it) are
  one row spanning the paragraphs.
* A quote paragraph **without a cue** continues the speaker of the attribution in the same or the
  previous paragraph (``cue`` is then ``None``).
* A quote inside the reported clause of an indirect quote is a partial direct quote of that
  speaker (``He argued countries should consider the "high risks"``).
* Nested quote marks inside a quote (``"The 'collective West' bears ..."``) stay part of the
  outer quote.
* **Vague sources** (``critics``, ``three diplomats``, ``officials familiar with the talks``,
  ``a source``) have ``vague=True``, ``speaker`` = the mention as written (first letter
  lower-cased when it is a determiner or quantifier) and ``camp=None``.
* ``speaker`` is the canonical actor (:class:`analysis.actors.ActorTable`), the full name
  introduced earlier for a surname (``Lavrov`` -> ``Sergey Lavrov``; also for people the actor
  table does not know, ``Marsh`` -> ``Helena Marsh``, and family-name-first two-word names,
  ``Liang`` -> ``Liang Wenhao``), the antecedent of a pronoun or definite description, or the
  mention text when nothing resolves; ``None`` for unresolved pronouns and unattributed quotes.
  A name of unknown kind counts as a person when a role introduces it (``Kyrgyz lawmaker X``,
  ``X, an analyst at ...``); an unnamed person (``a senior officer``) is a vague source that a
  later *he*/*she* can refer to.  ``speaker_start``/``speaker_end`` point at the
  mention *in the text* that is linked to the cue (the pronoun itself for ``he said``).
* The speaker is the subject of the cue, not a word inside it: ``one diplomat who attended
  meetings in Tunxi said`` (not Tunxi), ``a threat that critics said`` (critics, without
  *that*), ``Lavrov, who met Muttaqi, urged`` (Lavrov), ``one of them said``; a summary noun
  before a participle (``..., a move criticised by the UN``) and a name after *a* (``a
  Washington think tank``) speak for nobody.
* ``camp`` comes from the actor table (or an actor named in the speaker's title or role, such as
  ``NATO spokesman X``, ``X, chairman of the Republican National Committee,`` or ``UN
  Secretary-General``: organisations, countries and the US parties' committees, not ``Western``);
  otherwise ``None`` -- never a guess.
* Attributions without a verb: ``"..." — Anna Berg, the bank's chief economist`` and
  ``Name: "..."`` get ``cue`` = the dash or colon and ``cue_class='punctuation'``.

Stages, in the order data flows through them.  Each is a module of plain functions that take one
:class:`analysis.attribution.context.DocContext` as first argument: the per-document state (the
document, its paragraph and sentence starts, caption flags, the quote spans, name registry, cue hits,
attributions and speaker history) and the position helpers.  :func:`find_quotes` builds the context and
calls the stages in this order (``finder._run``); each module's docstring says what it reads from and
writes to the context.

1. :mod:`analysis.attribution.marks` -- quote marks paired into quote spans (``_QSpan``): ``pair_quotes``.
2. :mod:`analysis.attribution.mentions` -- the document's name registry: every capitalised run,
   surnames, titles, parties, who is a person: ``build_registry``.
3. :mod:`analysis.attribution.cues` -- the :class:`CueTable` and the reporting cues (``CueHit``);
   ``finder.find_cue_hits`` keeps those outside quotes and captions.
4. :mod:`analysis.attribution.subjects` -- the noun phrase that is the cue's subject (left of the
   cue, or the sentence subject); :mod:`analysis.attribution.inverted` -- the noun phrase right of a
   position ("said X", "according to X", a name after a dash).
5. :mod:`analysis.attribution.speakers` -- that noun phrase read as a speaker (``_Speaker``): actor,
   named person, vague source, pronoun or definite description resolved to an antecedent.
6. :mod:`analysis.attribution.rules` -- the attribution rules (:data:`analysis.attribution.rules.RULES`):
   where the speaker is, which side of the cue the reported clause is on, links to quote spans:
   ``attribute_cues``.
7. :mod:`analysis.attribution.spans` -- which clauses a cue reports and where they start and end
   (called by the rules).
8. :mod:`analysis.attribution.unlinked` -- quote spans no cue reached: carry-over to the previous
   speaker, dash and colon attributions, scare quotes: ``resolve_unlinked``.
9. :mod:`analysis.attribution.rows` -- :class:`Quote` rows, nesting and clipping (``emit``), the voice
   map (:func:`voice_spans`) and the quote table (:func:`quotes_frame`).

:mod:`analysis.attribution.balance` sits on top: the sources table and balance metrics computed from
a document's quotes and voice map.  :mod:`analysis.attribution.patterns` and
:mod:`analysis.attribution.records` hold the word patterns and the record types the stages share.

Reporting cues come from :class:`CueTable` (``analysis/data/cues.csv``).

Examples
--------
>>> from analysis.document import parse
>>> doc = parse('"We will appeal," said the club\\'s chairman, Tom Ellis. Critics say the ruling was fair.')
>>> [(q.kind, q.speaker, q.cue, q.text) for q in doc.quotes]
[('direct', 'Tom Ellis', 'said', 'We will appeal,'), ('indirect', 'critics', 'say', 'the ruling was fair')]
"""
from __future__ import annotations

from .balance import (SOURCE_COLUMNS, SOURCE_DTYPES, balance_metrics, camp_shares, corpus_balance, cue_class_shares,
                      source_rows, sources_table)
from .cues import CueHit, CueTable
from .finder import find_quotes
from ..document import _register_quote_stage
from .rows import QUOTE_COLUMNS, QUOTE_DTYPES, VOICE_OF_KIND, Quote, quote_rows, quotes_frame, voice_spans

_register_quote_stage(find_quotes, voice_spans)  # parse() runs this stage; the parse never imports us

__all__ = ["sources_table", "source_rows", "balance_metrics", "camp_shares", "corpus_balance", "cue_class_shares",
           "SOURCE_COLUMNS", "SOURCE_DTYPES", "Quote", "CueTable", "CueHit", "find_quotes", "voice_spans", "quotes_frame",
           "quote_rows", "QUOTE_COLUMNS", "QUOTE_DTYPES", "VOICE_OF_KIND"]
