"""Quotes, reported speech and scare quotes: who is speaking, for how many words, by which verb.

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
* ``camp`` comes from the actor table (or an actor named in the speaker's title, such as
  ``NATO spokesman X`` or ``UN Secretary-General``); otherwise ``None`` -- never a guess.
* Attributions without a verb: ``"..." — Anna Berg, the bank's chief economist`` and
  ``Name: "..."`` get ``cue`` = the dash or colon and ``cue_class='punctuation'``.

Reporting cues come from :class:`CueTable` (``analysis/data/cues.csv``).

Examples
--------
>>> from analysis.document import parse
>>> doc = parse('"We will appeal," said the club\\'s chairman, Tom Ellis. Critics say the ruling was fair.')
>>> [(q.kind, q.speaker, q.cue, q.text) for q in doc.quotes]
[('direct', 'Tom Ellis', 'said', 'We will appeal,'), ('indirect', 'critics', 'say', 'the ruling was fair')]
"""
from __future__ import annotations

import bisect
import heapq
import os
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable

import pandas as pd

from ._csv import CsvTable
from ._frames import frame_from_rows
from .actors import _WORD_OR_HYPHEN, ActorTable, speaker_words, trie_pattern

__all__ = ["Quote", "CueTable", "CueHit", "find_quotes", "voice_spans", "quotes_frame", "quote_rows", "QUOTE_COLUMNS",
           "QUOTE_DTYPES", "VOICE_OF_KIND"]

#: Columns of :func:`quotes_frame`, in order (the first 12 are the public contract).
QUOTE_COLUMNS = ("quote_id", "kind", "start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue",
                 "cue_class", "camp", "vague", "cue_start", "cue_end", "n_words", "group_id")

#: Column types of the quotes table (offsets of an absent speaker or cue are NA).
QUOTE_DTYPES = {"speaker_start": "Int64", "speaker_end": "Int64", "cue_start": "Int64", "cue_end": "Int64", "vague": bool}

#: Voice painted on the voice map for each quote kind.
VOICE_OF_KIND = {"direct": "quoted", "scare": "scare_quote", "indirect": "paraphrase"}


# =============================================================================================
# Reporting cues
# =============================================================================================


@dataclass(frozen=True)
class CueHit:
    """One reporting cue found in a text (``text`` as written, ``lemma`` and ``cue_class`` from the table)."""

    start: int
    end: int
    text: str
    lemma: str
    cue_class: str
    requires: str | None


_CLASS_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: The classes a cue table row may have (docs/lexicon.md, "Reporting-cue classes"): the eight of the
#: shipped table, ``ignore`` (never a cue) and nothing else, so a typo cannot make a class of its own.
CUE_CLASSES = ("neutral", "evaluative", "emotive", "epistemic", "evidential", "directive", "commissive", "naming",
               "ignore")
_CUE_BAD_CHAR_RE = re.compile(r"[^\w\s'\u2019\-.]|[\d_]")


def _misspellings(form: str, lemma: str) -> set[str]:
    """Cheap, deterministic misspellings of a one-word cue form (see :class:`CueTable`)."""
    out: set[str] = set()
    if lemma.endswith("e") and form == lemma[:-1] + "ing":
        out.add(lemma + "ing")  # e-retention: urgeing, argueing
    m = re.match(r"^(.*?)([b-df-hj-np-tv-z])\2(ed|ing)$", form)
    if m:
        out.add(m.group(1) + m.group(2) + m.group(3))  # lost doubling: admited, admiting
    if len(form) >= 5 and form.isalpha():
        for i in range(1, len(form) - 1):  # adjacent transposition, first letter kept
            a, b = form[i], form[i + 1]
            if a != b:
                out.add(form[:i] + b + a + form[i + 2:])
    out.discard(form)
    return out


class CueTable(CsvTable):
    """Reporting verbs and phrases with their class (``neutral``, ``evaluative``, ``directive`` ...).

    One row per surface form (``said``, ``says``, ``calling for``).  Columns: ``cue`` (the form,
    matched case-insensitively at word boundaries; spaces match any whitespace), ``lemma``,
    ``cue_class``, ``requires`` (empty, ``quote``: the cue only counts when it introduces a quote
    or a colon, e.g. ``continued:``; ``that``: only with a following ``that``/quote/colon, e.g.
    ``found that``) and ``source``.  Two classes are special: ``naming`` (``titled``,
    ``dubbed``, ``so-called``: the quoted words after them are a label, i.e. a scare quote) and
    ``ignore`` (never a cue; blocks a misspelling).

    **Misspellings** such as ``urgeing`` still hit: at load time each one-word form gets a few
    generated variants -- silent-e kept before *-ing* (``urgeing``), a lost consonant doubling
    (``admited``) and adjacent-letter transpositions after the first letter for forms of five
    letters or more (``cliams``).  Variants equal to a real form or an ``ignore`` row are dropped.
    This keeps matching a single compiled trie regex (no per-token edit distance).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per form, with the columns :attr:`COLUMNS` (``lemma`` and ``requires`` optional).
    origin : str
        Name of the table in error messages (the file path for :meth:`from_csv`).
    lines : list of int, optional
        File line of each row, so that errors read ``origin:line`` (set by :meth:`from_csv`);
        otherwise they read ``origin row i``.

    Examples
    --------
    >>> cues = CueTable.default()
    >>> [(h.text, h.lemma, h.cue_class) for h in cues.finditer("He said so, urgeing calm, according to aides.")]
    [('said', 'say', 'neutral'), ('urgeing', 'urge', 'directive'), ('according to', 'according to', 'neutral')]
    >>> cues.lookup("Warned").cue_class
    'emotive'
    """

    COLUMNS = ("cue", "lemma", "cue_class", "requires", "source")

    _what = "cue table"

    def __init__(self, frame: pd.DataFrame, *, origin: str = "<DataFrame>", lines: list[int] | None = None) -> None:
        self._origin = origin
        self._frame = self._validate(frame, origin, lines)
        self._forms: dict[str, tuple[str, str, str | None]] = {}
        for row in self._frame.itertuples(index=False):
            req = row.requires if isinstance(row.requires, str) and row.requires else None
            self._forms[row.cue.lower()] = (row.lemma, row.cue_class, req)
        self._variants: dict[str, str] = {}
        for form, (lemma, cls, _) in self._forms.items():
            if cls == "ignore" or " " in form:
                continue
            for v in _misspellings(form, lemma.split()[0] if lemma else form):
                if v not in self._forms:
                    self._variants.setdefault(v, form)
        keys = [k for k, v in self._forms.items() if v[1] != "ignore"] + list(self._variants)
        pat = trie_pattern(sorted(set(keys)), space=r"\s+")
        body = rf"(?<![\w'’\-])(?:{pat})(?![\w\-]|['’]\w)"
        # matched on the lower-cased text (twice as fast); IGNORECASE only when lower() changes lengths
        self._pattern = re.compile(body) if pat else None
        self._pattern_i = re.compile(body, re.IGNORECASE) if pat else None

    @staticmethod
    def _validate(frame: pd.DataFrame, origin: str, lines: list[int] | None = None) -> pd.DataFrame:
        """The checked rows of ``frame``; errors name ``origin`` and the row's file line (or position)."""
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{origin}: expected a pandas DataFrame, got {type(frame).__name__}")
        missing = [c for c in ("cue", "cue_class", "source") if c not in frame.columns]
        if missing:
            raise ValueError(f"{origin}: missing column(s) {', '.join(missing)}; expected {', '.join(CueTable.COLUMNS)}")
        rows, seen = [], {}
        for i, rec in enumerate(frame.to_dict("records")):
            where = f"{origin}:{lines[i]}" if lines is not None else f"{origin} row {i}"
            cue = _cell(rec.get("cue"))
            if cue is None:
                raise ValueError(f"{where}: empty cue")
            cue = " ".join(cue.split())
            bad = _CUE_BAD_CHAR_RE.search(cue)
            if bad or not cue[0].isalpha():
                raise ValueError(f"{where}: bad cue {cue!r}: a cue is a literal word or phrase (letters, spaces, "
                                 "hyphens, apostrophes, periods) starting with a letter, not a pattern")
            cls = _cell(rec.get("cue_class"))
            if cls is None or not _CLASS_RE.match(cls):
                raise ValueError(f"{where}: cue_class must be a lower-case identifier, got {cls!r}")
            if cls not in CUE_CLASSES:
                raise ValueError(f"{where}: unknown cue_class {cls!r} (allowed: {', '.join(CUE_CLASSES)})")
            lemma = _cell(rec.get("lemma")) or (cue.lower() if cls != "ignore" else "")
            req = (_cell(rec.get("requires")) or "").lower() or None
            if req not in (None, "quote", "that"):
                raise ValueError(f"{where}: requires must be empty, 'quote' or 'that', got {req!r}")
            if _cell(rec.get("source")) is None:
                raise ValueError(f"{where}: empty source for cue {cue!r} (say where the entry comes from)")
            key = cue.lower()
            if key in seen:
                raise ValueError(f"{where}: duplicate cue {cue!r} (already defined at {seen[key]})")
            seen[key] = where
            rows.append((cue, lemma, cls, req, _cell(rec.get("source"))))
        if not rows and origin != "<merged>":
            raise ValueError(f"{origin}: no cues (only a header): an empty cue table would turn attribution off")
        return pd.DataFrame(rows, columns=list(CueTable.COLUMNS))

    @classmethod
    def default(cls) -> "CueTable":
        """The shipped table (``analysis/data/cues.csv``), loaded once and cached."""
        return _default_cue_table()

    def merge(self, other: "CueTable") -> "CueTable":
        """A new table with ``other``'s rows added; ``other`` wins for forms both define.

        Examples
        --------
        >>> extra = pd.DataFrame([{"cue": "opined", "lemma": "opine", "cue_class": "evaluative", "source": "me"}])
        >>> CueTable.default().merge(CueTable.from_frame(extra)).lookup("opined").cue_class
        'evaluative'
        """
        keys = set(other._frame["cue"].str.lower())
        mine = self._frame[~self._frame["cue"].str.lower().isin(keys)]
        return CueTable(pd.concat([mine, other._frame], ignore_index=True), origin="<merged>")

    @property
    def classes(self) -> list[str]:
        """Distinct cue classes (sorted)."""
        return sorted(set(self._frame["cue_class"]))

    def __len__(self) -> int:
        return len(self._frame)

    def __repr__(self) -> str:
        return f"CueTable({len(self._frame)} forms, {len(self._variants)} misspelling variants, from {self._origin})"

    def lookup(self, text: str) -> CueHit | None:
        """The table entry for one cue as written (case-insensitive; misspellings resolve), or None."""
        key = " ".join(text.split()).lower()
        key = self._variants.get(key, key)
        entry = self._forms.get(key)
        if entry is None or entry[1] == "ignore":
            return None
        return CueHit(0, len(text), text, entry[0], entry[1], entry[2])

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[CueHit]:
        """All cue occurrences in ``text[start:end]`` (longest form wins), as :class:`CueHit`."""
        if self._pattern is None:
            return []
        end = len(text) if end is None else end
        out = []
        forms, variants = self._forms, self._variants
        low = text[start:end].lower()
        if len(low) == end - start:
            matches = ((m.start() + start, m.end() + start) for m in self._pattern.finditer(low))
        else:
            matches = (m.span() for m in self._pattern_i.finditer(text, start, end))
        for ms, me in matches:
            written = text[ms:me]
            key = " ".join(written.split()).lower()
            key = variants.get(key, key)
            lemma, cls, req = forms[key]
            out.append(CueHit(ms, me, written, lemma, cls, req))
        return out


def _cell(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = str(value).strip()
    return s or None


@lru_cache(maxsize=1)
def _default_cue_table() -> CueTable:
    path = resources.files("analysis").joinpath("data/cues.csv")
    with resources.as_file(path) as p:
        return CueTable.from_csv(p)


# =============================================================================================
# Quote rows
# =============================================================================================


@dataclass
class Quote:
    """One direct, indirect or scare quote.  ``text == doc.text[start:end]``.

    ``speaker_start``/``speaker_end`` locate the speaker mention linked to the cue (``None`` if
    none); ``cue_start``/``cue_end`` the cue; ``group_id`` is shared by the fragments of one
    utterance (split quotes, asides).
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


def voice_spans(quotes: Iterable[Quote]) -> list[tuple[int, int, str, str | None]]:
    """``(start, end, voice, speaker)`` spans for :meth:`Document.set_voice_map`.

    Direct quotes are ``quoted``, scare quotes ``scare_quote`` (no speaker), indirect ones
    ``paraphrase``.

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


# =============================================================================================
# Quote marks
# =============================================================================================

_DQ_RE = re.compile("'''(?!')|''|``|\u2018\u2018|\u2019\u2019|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02\u301d\u301e]")
_SQ_RE = re.compile("['\u2018\u2019\u201b\u2039\u203a]")
_DQ_OPEN = {"\u201c", "\u201e", "\u201f", "\u00ab", "\u301d", "``", "\u2018\u2018"}
_DQ_CLOSE = {"\u201d", "\u00bb", "\u301e", "\u2019\u2019"}
_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u201e\u201f\u00ab\u00bb\u2039\u203a\uff02\u301d\u301e`"
_LEFT_CTX = "([{\u2014\u2013-/:;" + _QUOTE_CHARS
_RIGHT_CTX = ",.;:!?)]}\u2014\u2013-\u2026" + _QUOTE_CHARS
_ELISION_RE = re.compile(r"(?:\d0s|\d\ds|em|til|cause|cos|n|tis|twas|bout|round|s|re|ve|ll|d|m|t)\b", re.IGNORECASE)


@dataclass
class _QSpan:
    open_s: int
    s: int
    e: int
    close_e: int
    closed: bool
    double: bool
    para: int
    para_end: int
    n_words: int = 0
    att: "_Att | None" = None
    kind: str | None = None
    group: int | None = None


# =============================================================================================
# Speakers and attributions
# =============================================================================================


@dataclass
class _Speaker:
    name: str | None
    camp: str | None
    kind: str  # person, organisation, country, group, vague, pronoun, unknown
    gender: str | None
    m_s: int | None
    m_e: int | None
    vague: bool = False


@dataclass
class _Att:
    cue: CueHit | None
    cue_text: str | None
    cue_s: int | None
    cue_e: int | None
    cue_class: str | None
    speaker: _Speaker
    sent: int
    para: int
    contents: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    group: int = 0
    side: str | None = None
    np_s: int | None = None


@dataclass
class _Entity:
    pos: int
    end: int
    name: str
    kind: str
    gender: str | None
    camp: str | None
    intro: tuple  # (start, end) of the text around the first mention, or a str
    subject: bool
    sent: int


_ABBR = ("Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Jr|Sr|St|Adm|Maj|Cmdr|Supt|Insp|Det|Atty|Amb|Pres"
         "|Sec|Hon|Pvt|Cpl|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|No")
_TOK_RE = re.compile(
    rf"(?:{_ABBR})\.(?=\s)"
    r"|(?:[A-Za-z]\.){2,}"
    r"|[A-Z]\.(?=\s+[A-Z])"
    r"|[^\W_]+(?:['\u2019\-][^\W_]+)*(?:(?<=s)['\u2019](?![\w']))?"
    r"|''|``|\S"
)
_CAP = r"(?:(?:" + _ABBR + r")\.|[A-Z]\.|[A-Z](?:[\w'\u2019\-]*\w)?)"
_CONN = r"(?:of|for|and|the|de|del|da|di|van|von|der|den|bin|ibn|al|el|la|le|du|y)"
_NAME_RUN_RE = re.compile(rf"(?<![\w'\u2019.\-]){_CAP}(?:[ \t](?:{_CONN}[ \t]){{0,2}}{_CAP})*")
_CONNECTORS = {"of", "for", "and", "the", "de", "del", "da", "di", "van", "von", "der", "den", "bin", "ibn", "al",
               "el", "la", "le", "du", "y", "&"}
_BE = {"is", "was", "are", "were", "be", "been", "being", "'s", "’s"}
_TELL_LEMMAS = {"tell", "inform", "assure", "remind", "reassure", "warn", "ask", "urge", "email", "emailed"}
_HEARER_SKIP = {"tell", "inform", "assure", "remind", "reassure"}
# respond/reply: what they answer ("to a request for comment") or how ("by issuing demands", "angrily")
# is not what they said
_ANSWER_LEMMAS = {"respond", "reply"}
# verbs that take a noun phrase, never a clause: "The plan he praised was bold" -- "was bold" is the
# narrator's, the plan the object the relative clause lost
_NP_OBJECT_LEMMAS = {"applaud", "berate", "blame", "chide", "criticize", "credit", "praise", "ridicule", "scold",
                     "thank", "tout", "trumpet", "welcome", "hail", "dismiss", "reject", "portray", "characterize",
                     "describe", "cite", "quote", "condemn", "decry", "denounce", "deplore", "mock", "slam", "blast",
                     "sneer", "scoff", "lash out", "rail", "bemoan", "lament"}
_FINITE_START_RE = re.compile(r"(?:is|was|are|were|has|have|had|will|would|can|could|may|might|must|should|does|did|"
                              r"remains?|remained|seems?|seemed|appears?|appeared|turned|proved|became|becomes)\b")
_NOT_AN_ANSWER_RE = re.compile(r"(?:to|by|with|within|until|and|or|in\s+kind|quickly|[a-z]+ly\b(?!\s+that\b))\b", re.I)
_ADJUNCT_RE = re.compile(
    r"\s*,?\s*(?:(?:on|last|this|late|early|earlier|next)\s+(?:[A-Z][a-z]+day|week|weekend|month|year|morning|afternoon|evening|night)\b"
    r"|(?:yesterday|today|tonight|recently|earlier|later|again|also|repeatedly|publicly|privately|then)\b"
    r"|(?:[A-Z][a-z]+day)\b"
    r"|in\s+(?:a|an|his|her|their|its|the|one|two)\s+(?:[\w\-]+\s+){0,3}?(?:statement|interview|tweet|speech|post|letter|e-?mail|op-ed|"
    r"memo|video|address|report|press\s+conference|news\s+conference|briefing|appearance|message|remarks|testimony|"
    r"filing|call|conversation|release|broadcast|podcast|column|book|essay|editorial|blog\s+post|Facebook\s+post)"
    r"(?:\s+(?:on|with|to|at|for|released|posted|published|issued)\s+[^,.;:\"\u201c\u201d]{1,40}?(?=[,:;]|\s+that\b|$))?)"
)
_THAT_RE = re.compile(r"\bthat\b")
_TERMINAL_RE = re.compile(r"[!?;]|(?<![A-Z])\.(?!\w)")
_LEAD_RE = re.compile(r"(?:[\s,;:\-\u2014\u2013]|(?:however|but|and|so|yet|still|meanwhile|moreover|furthermore|instead|"
                      r"nevertheless|nonetheless|also|besides|indeed|thus|hence|therefore|now|overall|separately|"
                      r"additionally|likewise|similarly|otherwise)\b,?)+", re.IGNORECASE)
_TRAIL_CHAR = re.compile(r"[\s,;:\-\u2014\u2013.]").match  # (text, pos): trailing punctuation or space at pos
_WORD_RUN_RE = re.compile(r"[\w\-]+")
_GAP_BEFORE_RE = re.compile(r"[\s,;:\-\u2014\u2013]*")
_DASH_AFTER_RE = re.compile(r"[ \t]*(?:\u2014|\u2013|--|-)[ \t]*(?=[A-Z])")
_VAGUE_POST = (r"(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|involved\s+in|"
               r"knowledgeable\s+about|in|at|inside|within|from|of|on)")


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


_VAGUE_RE_CACHE: dict[int, tuple[object, re.Pattern]] = {}


def _vague_re(W) -> re.Pattern:
    """The vague-source pattern for a speaker-word table, compiled once per table (it is large)."""
    hit = _VAGUE_RE_CACHE.get(id(W))
    if hit is not None and hit[0] is W:
        return hit[1]
    vague_heads = sorted(W.vague | {r for r in W.roles if r.endswith("s") and r[:-1] in W.roles})
    pattern = re.compile(
        r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|most|other|few|a\s+few|"
        r"numerous|various|multiple|dozens\s+of|a\s+number\s+of|\d+)\s+)?"
        r"(?:(?:[A-Za-z\-]+|[A-Z]\.[A-Z]\.)\s+){0,3}?"
        rf"(?:{trie_pattern(vague_heads)})"
        rf"(?:\s+{_VAGUE_POST}\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\w\-]+(?:\s+[\w\-]+)?)?\b",
        re.IGNORECASE,
    )
    _VAGUE_RE_CACHE[id(W)] = (W, pattern)
    return pattern


class _Finder:
    """One pass over a Document: quote marks, cues, speakers, attributions."""

    def __init__(self, doc, actors: ActorTable, cues: CueTable) -> None:
        self.doc = doc
        self.text = doc.text
        self.actors = actors
        self.cues = cues
        self.W = speaker_words()
        self.paras = list(doc.paragraphs)
        self.para_starts = [s for s, _ in self.paras]
        caps = list(doc.captions)
        cap_starts = [s for s, _ in caps]
        self.para_caption = []
        for s, e in self.paras:
            i = bisect.bisect_right(cap_starts, e - 1) - 1
            self.para_caption.append(i >= 0 and caps[i][1] > s and caps[i][0] < e)
        self.sents = list(doc.sentences)
        self.sent_starts = [s for s, _ in self.sents]
        self.qspans: list[_QSpan] = []
        self.atts: list[_Att] = []
        self.history: list[_Speaker] = []
        self.naming: list[CueHit] = []
        self._group = 0
        self._name_cache: dict = {}
        self._cacheable = True
        self.vague_re = _vague_re(self.W)

    # ------------------------------------------------------------------ positions
    def sent_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)

    def para_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.para_starts, pos) - 1, 0)

    def sent_bounds(self, pos: int) -> tuple[int, int, int]:
        if not self.sents:
            p = self.paras[self.para_of(pos)] if self.paras else (0, len(self.text))
            return -1, p[0], p[1]
        i = self.sent_of(pos)
        s, e = self.sents[i]
        if pos >= e:  # in a gap between sentences: use the paragraph
            p = self.paras[self.para_of(pos)]
            return i, max(p[0], e), p[1]
        return i, s, e

    def toks(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _TOK_RE.finditer(self.text, lo, hi)]

    def words(self, s: int, e: int) -> int:
        return self.doc.words_between(s, e) if e > s else 0

    # ------------------------------------------------------------------ quote marks
    def pair_quotes(self) -> None:
        text = self.text
        dmarks = []
        dpos = set()
        for pi, (ps, pe) in enumerate(self.paras):
            if self.para_caption[pi]:
                dmarks.append([])
                continue
            ms = []
            for m in _DQ_RE.finditer(text, ps, pe):
                a, b = m.span()
                if b - a == 3:  # ''' = a single and a double mark: ,''' closes 'x' then ''; '''x opens '' then 'x
                    nxt = text[b] if b < pe else " "
                    a, b = (a + 1, b) if (nxt.isspace() or nxt in _RIGHT_CTX) else (a, b - 1)
                ms.append((a, b))
            for s, e in ms:
                dpos.update(range(s, e))
            dmarks.append(ms)
        doubles = self._pair(dmarks, self._classify_double, allow_unclosed=True, double=True)
        d_open = [q.open_s for q in doubles]

        def inside_double(pos: int) -> bool:
            i = bisect.bisect_right(d_open, pos) - 1
            return i >= 0 and doubles[i].open_s <= pos < doubles[i].close_e

        smarks = []
        for pi, (ps, pe) in enumerate(self.paras):
            if self.para_caption[pi]:
                smarks.append([])
                continue
            smarks.append([(m.start(), m.end()) for m in _SQ_RE.finditer(text, ps, pe)
                           if m.start() not in dpos and not inside_double(m.start())])
        singles = self._pair(smarks, self._classify_single, allow_unclosed=False, double=False)
        spans = sorted(doubles + singles, key=lambda q: (q.open_s, -q.close_e))
        kept: list[_QSpan] = []
        for q in spans:
            if kept and q.open_s < kept[-1].close_e:
                continue  # nested inside (or overlapping) an earlier quote: part of it
            kept.append(q)
        for q in kept:
            q.n_words = self.words(q.s, q.e)
        self.qspans = kept
        self.q_open = [q.open_s for q in kept]

    def _classify_double(self, ms: int, me: int, ps: int, pe: int) -> str | None:
        text = self.text
        mark = text[ms:me]
        prev = text[ms - 1] if ms > ps else " "
        nxt = text[me] if me < pe else " "
        left = prev.isspace() or prev in _LEFT_CTX
        right = nxt.isspace() or nxt in _RIGHT_CTX
        if mark in _DQ_OPEN:
            return "close" if (right and not left) else "open"
        if mark in _DQ_CLOSE:
            return "open" if (left and not right) else "close"
        if left and not right:
            return "open"
        if right and not left:
            return "close"
        return "either"

    def _classify_single(self, ms: int, me: int, ps: int, pe: int) -> str | None:
        text = self.text
        mark = text[ms]
        prev = text[ms - 1] if ms > ps else " "
        nxt = text[me] if me < pe else " "
        if prev.isalnum() and nxt.isalnum():
            return None  # apostrophe: don't, Washington's
        opener = (mark in "'\u2018\u201b\u2039" and (prev.isspace() or prev in _LEFT_CTX)
                  and (nxt.isalnum() or nxt in "\"\u201c") and not _ELISION_RE.match(text, me, min(pe, me + 6)))
        closer = (mark in "'\u2019\u203a" and not prev.isspace() and (prev.isalnum() or prev in ".,!?;:\u2026-\u2014)%\"\u201d")
                  and (nxt.isspace() or nxt in _RIGHT_CTX))
        if opener and not closer:
            return "open"
        if closer and not opener:
            if prev in "sS" and nxt == " ":
                k = me
                while k < pe and text[k] == " ":
                    k += 1
                if k < pe and (text[k].islower() or text[k].isdigit()):
                    return "weak"  # players' union: possibly a plural possessive
            return "close"
        return None

    def _pair(self, marks_by_para, classify, *, allow_unclosed: bool, double: bool) -> list[_QSpan]:
        text = self.text
        out: list[_QSpan] = []
        open_at = None  # (mark_start, mark_end, para)
        last_end = None

        def make(o, cs, ce, pi, closed):
            s, e = o[1], cs
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s or not any(ch.isalnum() for ch in text[s:e]):
                return
            out.append(_QSpan(o[0], s, e, ce, closed, double, o[2], pi))

        for pi, marks in enumerate(marks_by_para):
            ps, pe = self.paras[pi]
            if self.para_caption[pi]:
                if open_at is not None and allow_unclosed:
                    make(open_at, last_end, last_end, self.para_of(last_end - 1) if last_end else pi, False)
                open_at = None
                continue
            k = 0
            if open_at is not None:
                if marks and not text[ps:marks[0][0]].strip() and classify(marks[0][0], marks[0][1], ps, pe) in ("open", "either"):
                    k = 1  # the reopening mark of a quote that runs over paragraphs
                else:
                    if allow_unclosed:
                        make(open_at, last_end, last_end, pi - 1, False)
                    open_at = None
            types = [classify(s, e, ps, pe) for s, e in marks]
            for j in range(k, len(marks)):
                t = types[j]
                if t is None:
                    continue
                ms, me = marks[j]
                if open_at is None:
                    if t in ("open", "either"):
                        open_at = (ms, me, pi)
                    continue
                if t == "weak":
                    # players' union: skip this apostrophe when a real closing mark follows before any opener
                    later = False
                    for tt in types[j + 1:j + 40]:
                        if tt == "open":
                            break
                        if tt in ("close", "either"):
                            later = True
                            break
                    if later:
                        continue
                    t = "close"
                if t in ("close", "either"):
                    make(open_at, ms, me, pi, True)
                    open_at = None
                elif t == "open":
                    open_at = (ms, me, pi)  # the earlier mark was never closed: drop it
            last_end = pe
        if open_at is not None and allow_unclosed and last_end is not None:
            make(open_at, last_end, last_end, len(marks_by_para) - 1, False)
        return out

    def quote_at(self, pos: int) -> _QSpan | None:
        i = bisect.bisect_right(self.q_open, pos) - 1
        if i >= 0 and self.qspans[i].open_s <= pos < self.qspans[i].close_e:
            return self.qspans[i]
        return None

    # ------------------------------------------------------------------ entity registry
    def build_registry(self) -> None:
        """Named persons and organisations in narration (outside captions and quotes), in order."""
        text, W = self.text, self.W
        self.persons: list[_Entity] = []
        self.orgs: list[_Entity] = []
        self.person_pos: list[int] = []
        self.org_pos: list[int] = []
        self.by_surname: dict[str, tuple[list[int], list[_Entity]]] = {}
        self.person_names: set[str] = set()
        self._lower_case_words: dict[str, bool] = {}
        self.party_camp: dict[str, str] = {}  # name -> camp of the party its mention gives ("(D-Tenn.)")
        self._party_words = _PARTY_WORD_RE.search(text) is not None  # most texts name no US party: skip the checks
        self._party_camps = {key: self._camp_of_alias(alias) for key, alias in _PARTY_ACTORS.items()}
        by_surname, lookup, para_caption = self.by_surname, self.actors.lookup, self.para_caption
        for m in _NAME_RUN_RE.finditer(text):
            run = m.group()
            if " " not in run and "\t" not in run:
                key = run[:-2] if run.endswith(("'s", "\u2019s")) else run
                if key not in by_surname and lookup(key) is None:
                    continue  # a lone capitalised word that names nobody known (sentence starts, places)
            if para_caption[self.para_of(m.start())] or self.quote_at(m.start()) is not None:
                continue
            for part_s, part in self._split_and(m.start(), run):
                self._register(part_s, part)

    @staticmethod
    def _split_and(start: int, run: str):
        if " and " not in run:
            yield start, run
            return
        off = 0
        for piece in run.split(" and "):
            yield start + off, piece
            off += len(piece) + 5

    def _register(self, s: int, run: str) -> None:
        info = self.name_info(run, s)
        if (info is None or info[1] != "person") and " of " in run:
            # Professor Liang Wenhao of the Institute of Eurasian Affairs: a person, then an organisation
            head, _, tail = run.partition(" of ")
            head_info = self.name_info(head, s)
            if head_info is not None and head_info[1] == "person":
                self._register(s, head)
                self._register(s + len(head) + 4, tail)
                return
        if info is None:
            return
        name, kind, gender, camp, title = info
        e = s + len(run)
        si, ss, se = self.sent_bounds(s)
        first = _TOK_RE.search(self.text, ss, min(se, s + 1))
        subject = first is not None and first.start() >= s - 1
        if kind == "unknown" and (name in self.person_names or self._described_as_person(s, e, ss, se)):
            kind = "person"
        personish = kind == "person" or (kind == "unknown" and self._person_like(name))
        if personish and camp is None and self._party_words and " " in name and name not in self.party_camp:
            k = run.rfind(name.split()[0])
            party = self._party_near(s, e, ss, se, s + k if k >= 0 else s)
            if party is not None:
                self.party_camp[name] = party
        ent = _Entity(s, e, name, kind, gender, camp, ("lazy", ss, se), subject, si)
        if personish:
            # a later surname alone means this name, known to the actor table or not; when no given name is
            # recognised in a two-word name, the family name may come first (Liang Wenhao -> Liang)
            parts = name.split()
            keys = parts[-1:] if len(parts) > 1 else []
            if len(parts) == 2 and parts[0].lower() not in self.W.first_names:
                keys.append(parts[0])
            for key in keys:
                pos_list, ents = self.by_surname.setdefault(key, ([], []))
                pos_list.append(s)
                ents.append(ent)
        if kind == "person":
            self.persons.append(ent)
            self.person_pos.append(s)
            self.person_names.add(name)
        elif kind in ("organisation", "group", "country"):
            self.orgs.append(ent)
            self.org_pos.append(s)

    def _camp_of_alias(self, alias: str) -> str | None:
        actor = self.actors.lookup(alias)
        info = self.actors.info(actor) if actor is not None else None
        return info.camp if info is not None and info.camp else None

    def _party_near(self, s: int, e: int, ss: int, se: int, name_s: int) -> str | None:
        """Camp of the party a name's mention gives, by US convention: ``Steve Cohen (D-Tenn.)``,
        ``Steve Cohen, D-Tenn.,``, ``Steve Cohen, Democrat of Tennessee,``, ``Democratic Rep. Steve Cohen``,
        ``GOP strategist Ana Navarro``; the camp is that of the party's entry in the actor table
        ("Democratic Party", "Republican Party"), so a table without them gives none."""
        text = self.text
        m = _PARTY_AFTER_RE.match(text, e, se)
        if m is not None:
            key = (m.group(1) or m.group(2) or m.group(3))[0]
        else:
            m = _PARTY_BEFORE_RE.search(text, max(ss, s - 60), name_s)
            if m is None:
                return None
            W = self.W
            if not all(w.lower() in W.roles or w.lower() in W.title_words or w.endswith(".") or w.lower() in _OFFICE_WORDS
                       for w in m.group(2).split()):
                return None
            key = "R" if m.group(1) == "GOP" else m.group(1)[0]
        return self._party_camps.get(key)

    def _person_like(self, name: str) -> bool:
        """Whether a name of unknown kind is shaped like a personal name: two or three capitalised words, no
        acronym (``Navy SEAL Ty Woods``), possessive (``Schlafly's Final Column``), function, title or organisation
        word (``Broaddrick Sunday``, ``Retired General``), and no word before the last that the text also writes in
        lower case (``Neither Johnson``, ``See Sexton``)."""
        if not _PERSON_NAME_RE.fullmatch(name):
            return False
        W = self.W
        words = name.lower().split()
        if any(w in W.time or w in W.skip or w in W.boundary or w in W.determiners or w in W.connectives
               or w in W.pronouns or w in W.roles or w in W.title_words or w in W.honorifics or w in W.org_nouns
               or _POSS_TOK_RE.search(w) for w in words):
            return False
        for w in words[:-1]:
            if self._written_in_lower_case(w):
                return False
        return True

    @cached_property
    def _word_runs(self) -> set[str]:
        """Every maximal run of ``[\\w-]`` in the text: one pass, not one ``text.find`` per word."""
        return set(_WORD_RUN_RE.findall(self.text))

    def _written_in_lower_case(self, w: str) -> bool:
        """Whether the text holds ``w`` (lower case) as a whole word: not inside a longer word or
        a hyphenated compound (neither side touches a word character or a hyphen)."""
        hit = self._lower_case_words.get(w)
        if hit is None:
            if _WORD_RUN_RE.fullmatch(w):  # then a whole-word occurrence is a whole run of [\w-]
                hit = self._lower_case_words[w] = w in self._word_runs
                return hit
            text, n = self.text, len(w)
            i = text.find(w)
            while i >= 0 and (i and _WORD_OR_HYPHEN(text[i - 1]) or _WORD_OR_HYPHEN(text[i + n:i + n + 1])):
                i = text.find(w, i + 1)
            hit = self._lower_case_words[w] = i >= 0
        return hit

    def _described_as_person(self, s: int, e: int, ss: int, se: int) -> bool:
        """Whether a role noun introduces the name ``text[s:e]``: right before it (``Kyrgyz lawmaker
        Nurlan Abdykadyrov``) or heading an appositive after it (``Dilnoza Karimova, an analyst at
        ...``; ``Helena Marsh, senior researcher at ...``)."""
        roles = self.W.roles
        before = self.toks(max(ss, s - 30), s)
        if before and before[-1][2].lower() in roles:
            return True
        m = _APPOSITIVE_RE.match(self.text, e, se)
        return m is not None and any(w.lower() in roles for w in m.group(1).split())

    def _intro_span(self, s: int, e: int, ss: int, se: int) -> tuple[int, int]:
        """The words that introduce a name: the role words right before it (``economist Tom Ellis``,
        ``Afghanistan's acting foreign minister, Amir Khan Muttaqi``) and an appositive after it
        (``Anna Berg, the bank's chief economist,``)."""
        W = self.W
        text = self.text
        lo = s
        toks = self.toks(max(ss, s - 70), s)
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

    def name_info(self, run: str, pos: int):
        """(canonical, kind, gender, camp, title) for a capitalised run, or None when it is not a name."""
        cached = self._name_cache.get(run, _MISSING)
        if cached is not _MISSING:
            return cached
        self._cacheable = True
        info = self._name_info(run, pos)
        if self._cacheable and len(self._name_cache) < 50000:
            self._name_cache[run] = info
        return info

    def _name_info(self, run: str, pos: int):
        W = self.W
        toks = run.split()
        if not toks:
            return None
        if len(toks) == 1:
            tok = _POSS_TOK_RE.sub("", toks[0]) if toks[0][-1:] in "s'\u2019" else toks[0]
            tl = tok.lower()
            if tl in W.determiners or tl in W.boundary or tl in W.pronouns or tl in W.connectives or tl in W.skip:
                return None
            actor = self.actors.lookup(tok)
            if actor is not None:
                inf = self.actors.info(actor)
                return actor, inf.kind, inf.gender, inf.camp, ""
            self._cacheable = False
            ent = self.surname(tok, pos)
            if ent is not None:
                return ent.name, ent.kind, ent.gender, ent.camp, ""
            return None
        last = re.sub(r"(?:['\u2019]s|['\u2019])$", "", toks[-1])
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
                or self.actors.lookup(t) for t in toks[k:fn]):
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
        actor = self.actors.lookup(name)
        if actor is not None:
            inf = self.actors.info(actor)
            return actor, inf.kind, inf.gender or gender, inf.camp, title
        camp = self._title_camp(title) if title else None
        if fn is not None and fn == k and len(rest) > 1:
            return name, "person", W.first_names[rest[0].lower()] or gender, camp, title
        lower_rest = {t.lower() for t in rest}
        if len(rest) > 1 and lower_rest & W.org_nouns:
            return name, "organisation", None, camp, title
        has_honorific = any(t.lower() in W.honorifics for t in title_toks)
        has_role = any(t.lower() in W.roles for t in title_toks)
        if len(rest) == 1:
            self._cacheable = False
            ent = self.surname(rest[0], pos)
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

    def _title_camp(self, title: str) -> str | None:
        for s, e, actor in self.actors.matches(title):
            inf = self.actors.info(actor)
            if inf and inf.kind in ("organisation", "country") and inf.camp:
                return inf.camp
        return None

    def surname(self, tok: str, pos: int) -> _Entity | None:
        """The latest name before ``pos`` that ends with ``tok`` (``Lavrov`` -> ``Sergey Lavrov``), or starts with it
        when it has two words and no known given name (``Liang`` -> ``Liang Wenhao``); a person when there is one,
        else a two- or three-word name of unknown kind (``Marsh`` -> ``Helena Marsh``)."""
        lst = self.by_surname.get(tok) if hasattr(self, "by_surname") else None
        if not lst:
            return None
        earlier = lst[1][:bisect.bisect_left(lst[0], pos)]
        return next((ent for ent in reversed(earlier) if ent.kind == "person"), earlier[-1] if earlier else None)

    # ------------------------------------------------------------------ noun phrases
    def _is_name_tok(self, t: str) -> bool:
        return t[:1].isupper() and t.lower() not in self.W.pronouns

    def left_np(self, lo: int, hi: int, cue_form: str):
        """Subject of a cue ending just before ``hi``.

        Returns ``(np, status)``: ``np`` is ``(a, b, toks, core_a, core_b)`` -- the mention spans
        tokens ``a..b``, the part to interpret is ``core_a..core_b`` -- or None; ``status`` is
        ``np``, ``nominal`` (a possessor: *his* call for, *Trump's* claim), ``passive``,
        ``invertible`` (nothing or a quote/comma before the cue: look right) or ``none``.
        """
        W = self.W
        toks = self.toks(lo, hi)
        quant = self._quantity_subject(toks, lo, hi)
        if quant is not None:
            return quant, "np"
        i = len(toks) - 1
        be_seen = False
        prev_time = False
        if i >= 0:
            tl = toks[i][2].lower()
            if tl in _POSS_PRON:
                return (i, i, toks, i, i), "nominal"
            if _POSS_TOK_RE.search(toks[i][2]) and self._is_name_tok(toks[i][2]):
                a = i
                while a > 0 and self._is_name_tok(toks[a - 1][2]) and toks[a - 1][2].lower() not in W.determiners:
                    a -= 1
                return (a, i, toks, a, i), "nominal"
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
        if i < 0:
            return None, "invertible"
        t = toks[i][2]
        tl = t.lower()
        if be_seen and not cue_form.endswith("ing"):
            return None, "passive"
        if t == ")":
            j = self._skip_paren_left(toks, i)
            if j is not None and j >= 0:
                a = self._collect_left(toks, j)
                if a is not None:
                    return (a, i, toks, a, j), "np"
            return None, "none"
        if t == ",":
            ap = self._appositive(toks, i)
            if ap is not None:
                return ap, "np"
            return None, "invertible"
        if t in _QUOTE_CHARS or t in ("''", ":", "\u2014", "\u2013", "-", "(", ";"):
            return None, "invertible"
        if tl in ("who", "that", "which"):
            j = i - 1
            if j >= 0 and toks[j][2] == ",":
                j -= 1
            j2 = self._skip_paren_left(toks, j) if j >= 0 else None
            if j2 is None or j2 < 0:
                return None, "none"
            a = self._collect_left(toks, j2)
            if a is None:
                return None, "none"
            return self._clause_subject(toks, a, j, j2, person=True)
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
            a = self._collect_left(toks, j)
            return ((a, j, toks, a, j) if a is not None else None), ("np" if a is not None else "none")
        if i >= 1 and self._is_name_tok(t) and toks[i - 1][2].lower() in ("a", "an") \
                and self.text[toks[i - 1][0] - 1:toks[i - 1][0]].isspace() \
                and not (i >= 2 and toks[i - 2][2].lower() in _CONNECTORS):
            return None, "none"  # a Washington think tank: a name after "a" modifies a noun, it does not speak
        a = self._collect_left(toks, i)
        if a is None:
            return None, "none"
        a = self._extend_vague_left(toks, a)
        return self._clause_subject(toks, a, i, i)

    def _quantity_subject(self, toks, lo: int, hi: int):
        """A share of a group opening its clause right before the cue: ``More than six in 10 said``,
        ``26 percent said``, ``Nearly half of respondents said``, ``A majority of voters said`` (survey
        respondents: an unnamed group).  ``(a, b, toks, a, b)`` or None."""
        text = self.text
        if not toks or not _QUANT_HINT_RE.search(text, max(lo, hi - 60), hi):
            return None
        m = _QUANT_SUBJ_RE.search(text, max(lo, hi - 90), hi)
        if m is None:
            return None
        s, e = m.span(1)
        # it opens its clause: the sentence starts there, or punctuation or a conjunction comes before
        ss = self.sent_bounds(s)[1]
        before = text[max(ss, s - 12):s].rstrip()
        if text[ss:s].strip() and not (before.endswith((",", ";", ":", "(", "\u2014", '"', "\u201c"))
                                      or _CLAUSE_WORD_END_RE.search(before)):
            return None
        a = next((k for k, t in enumerate(toks) if t[0] >= s), None)
        b = next((k for k in range(len(toks) - 1, -1, -1) if toks[k][1] <= e), None)
        if a is None or b is None or b < a:
            return None
        return (a, b, toks, a, b)

    def _clause_subject(self, toks, a: int, b: int, core_b: int, person: bool = False):
        """The subject of a cue whose left noun phrase ``a..b`` may be an object inside the subject.

        ``one Western diplomat who attended meetings in Tunxi said``: the antecedent of ``who``;
        ``officials in Washington said``, ``The meeting in Tunxi showed``: the noun phrase before
        the preposition.  With ``person`` (the cue follows a relative ``who``), a phrase before the
        preposition that is not headed by a role or a name gives way to the nearest personal name
        before it (``Farzana Rahimi, a member of a network in Kabul who asked``).  Returns
        ``(np, status)`` like :meth:`left_np`.
        """
        W = self.W
        k = a - 1
        if k < 1 or not toks[k][2].isalpha() or not toks[k][2].islower() or toks[k][2] in W.determiners:
            return (a, b, toks, a, core_b), "np"
        for w in range(k, max(0, k - 10), -1):
            tw = toks[w][2]
            if not tw[:1].isalnum():
                break
            if tw.lower() == "who":
                a2 = self._collect_left(toks, w - 1)
                if a2 is not None:
                    return (a2, b, toks, a2, w - 1), "np"
                break
        if toks[k][2] == "of" and all(self._is_name_tok(t[2]) for t in toks[a:core_b + 1]):
            # the Chinese city of Tunxi: the name completes a definite description
            a2 = self._collect_left(toks, k - 1)
            if a2 is not None and toks[a2][2].lower() == "the":
                return self._clause_subject(toks, a2, b, k - 1, person)
        if toks[k][2] not in _PP_PREPS:
            return (a, b, toks, a, core_b), "np"
        head = toks[k - 1][2]
        if person and not (self._is_name_tok(head) or head.lower() in W.roles):
            name = self._person_before(toks, k - 1)
            return ((name[0], b, toks, name[0], name[1]), "np") if name else ((a, b, toks, a, core_b), "np")
        h = k - 1
        if h >= 1 and toks[h][2].endswith(("ing", "ed")) and toks[h - 1][2].lower() not in W.determiners \
                and (self._is_name_tok(toks[h - 1][2]) or self._speaker_noun(toks[h - 1][2])):
            h -= 1  # ministers meeting in Tunxi argued
        a2 = self._collect_left(toks, h)
        if a2 is None:
            return (a, b, toks, a, core_b), "np"
        return (a2, b, toks, a2, h), "np"

    def _speaker_noun(self, word: str) -> bool:
        """Whether a common noun names a kind of speaker: a role, a vague source or an organisation."""
        w = word.lower()
        return w in self.W.roles or w in self.W.vague or w in self.W.org_nouns

    def _person_before(self, toks, j: int) -> tuple[int, int] | None:
        """``(start, end)`` token indices of the nearest personal name at or before token ``j`` in the
        same sentence that is not the object of a preposition (``Farzana Rahimi, a teacher in Kabul``,
        ``Nicky Driscoll, 24, from Manchester``), or None."""
        end = None
        for k in range(j, max(-1, j - 30), -1):
            t = toks[k][2]
            if t in (".", ";", "!", "?") or t in _QUOTE_CHARS:
                break
            in_name = self._is_name_tok(t) and t[:1].isalpha()
            if in_name and end is None:
                end = k
            if end is None or (in_name and k > 0):
                continue
            first = k if in_name else k + 1  # the run toks[first..end] is complete
            before = toks[first - 1][2].lower() if first > 0 else ""
            if before not in _PP_PREPS and before != "of":
                info = self.name_info(" ".join(x[2] for x in toks[first:end + 1]), toks[first][0])
                if info is not None and (info[1] == "person" or (info[1] == "unknown" and self._person_like(info[0]))):
                    return first, end
            end = None
        return None

    def _extend_vague_left(self, toks, a: int) -> int:
        """``people close to | the negotiations``: extend the NP over a vague head and its post-modifier."""
        W = self.W
        for n_prep in (2, 3):
            h = a - n_prep - 1
            if h < 0:
                continue
            prep = " ".join(t[2].lower() for t in toks[h + 1:a])
            if prep in _VAGUE_PREPS and (toks[h][2].lower() in W.vague or toks[h][2].lower() in W.roles):
                a2 = self._collect_left(toks, h)
                return a2 if a2 is not None else h
        return a

    @staticmethod
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

    def _appositive(self, toks, i):
        """``NAME, description, said`` / ``a spokeswoman, NAME, said`` / ``NAME, however, said``."""
        W = self.W
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
                        and _PARTY_STATE_RE.fullmatch(toks[k - 1][2] + ".")):
                    break  # (the full stop of "R-Ky." ends no sentence)
            k -= 1
        if not commas or commas[0] == i - 1:
            return None
        for c in commas:  # Lavrov, who met Amir Khan Muttaqi, on Thursday, urged: the relative clause is an aside
            if c + 1 < i and toks[c + 1][2].lower() in ("who", "which"):
                j = c - 1
                if j >= 2 and toks[j][2].isdigit() and toks[j - 1][2] == ",":
                    j -= 2  # Jacob Shiansky, 24, who ...
                j = self._skip_paren_left(toks, j)
                a1 = self._collect_left(toks, j) if j is not None and j >= 0 else None
                if a1 is not None:
                    return (a1, i - 1, toks, a1, j)
                break
        # a spokeswoman, Anna Richardson White, said
        c = commas[0]
        seg = toks[c + 1:i]
        if seg and _PARTY_STATE_RE.fullmatch(self.text, seg[0][0], seg[-1][1]):
            # Sen. Mitch McConnell, R-Ky., said: the party and state describe the name before them
            j = self._skip_paren_left(toks, c - 1)
            a1 = self._collect_left(toks, j) if j is not None and j >= 0 else None
            return (a1, i - 1, toks, a1, j) if a1 is not None else None
        if 0 < len(seg) < 6 and not _PARTY_OF_RE.fullmatch(" ".join(t[2] for t in seg)) \
                and self._is_name_tok(seg[-1][2]) and all(self._is_name_tok(t[2]) or t[2].lower() in _CONNECTORS
                                                                       or t[2].endswith(".") for t in seg):
            j = self._skip_paren_left(toks, c - 1)
            a1 = self._collect_left(toks, j) if j is not None and j >= 0 else None
            start = a1 if (a1 is not None and toks[j][2].lower() in W.roles) else c + 1
            return (start, i - 1, toks, c + 1, i - 1)
        for c in commas:
            j = self._skip_paren_left(toks, c - 1)
            if j is None or j < 0:
                continue
            a1 = self._collect_left(toks, j)
            if a1 is None:
                continue
            head = toks[j][2]
            hl = head.lower()
            if (self._is_name_tok(head) and hl not in W.boundary) or hl in W.roles or hl in W.org_nouns or hl in W.vague \
                    or (a1 == j and hl in W.pronouns):
                return (a1, i - 1, toks, a1, j)
        return None

    def _collect_left(self, toks, i):
        W = self.W
        t = toks[i][2]
        tl = t.lower()
        if not t[:1].isalnum():
            return None
        if tl in _PARTITIVE_PRONOUNS and i >= 2 and toks[i - 1][2].lower() == "of" and toks[i - 2][2].lower() in _INDEF_HEADS:
            return i - 2  # one of them said
        if tl in W.pronouns:
            return i if W.pronouns[tl] is not None and tl not in ("him", "her", "them", "me", "us") else None
        if re.search(r"['\u2019]s?$", t) and not t.endswith("s'"):
            if re.search(r"['\u2019]s$", t):
                return None  # possessive head: the cue is a noun (Trump's claims)
        if tl in _INDEF_HEADS:
            return i if (i == 0 or not toks[i - 1][2][:1].isalnum() or toks[i - 1][2].lower() in W.boundary) else None
        if tl in W.determiners or tl in W.boundary or tl in W.skip:
            return None
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
                if j >= 2 and toks[j - 1][2].lower() in ("of", "at", "for") and \
                        (self._is_name_tok(toks[j - 2][2]) or toks[j - 2][2].lower() in W.roles):
                    j -= 1  # Jeffrey Lewis of the James Martin Center
                    continue
                head_l = toks[i][2].lower()
                if tl in ("that", "this") and (toks[i][2][:1].isupper() or head_l.endswith(("men", "people"))
                                                or (head_l.endswith("s") and not head_l.endswith("ss"))):
                    relative = True  # a threat that critics said: "that" does not determine a plural or a name
                    break
                start = j
                break
            if (tl in _CONNECTORS or tl == "at") and j < i:
                if j > 0 and (toks[j - 1][2][:1].isupper() or (tl == "and" and toks[j - 1][2].lower() in W.roles)) \
                        and toks[j + 1][2][:1].isupper():
                    j -= 1
                    continue
                if tl in ("of", "at") and j > 0 and (self._is_name_tok(toks[j - 1][2]) or toks[j - 1][2].lower() in W.roles):
                    j -= 1
                    lower_run = 0  # a new noun phrase: the country director | of one international aid group
                    continue
                break
            if j < i and func and (tl in W.boundary or tl in W.pronouns or tl in W.skip):
                break
            if t[:1].islower():
                lower_run += 1
                if lower_run > 4:
                    break
            else:
                lower_run = 0
            start = j
            j -= 1
        head = toks[i][2]
        hl = head.lower()
        first = toks[start][2].lower()
        if head[:1].isupper() or head[:1].isdigit():
            if start == i and hl in W.determiners:
                return None
            if start >= 2 and toks[start - 1][2] == "and" and toks[start - 2][2].lower() in _SUBJECT_PRONOUNS:
                return start - 2  # he and Mr. Allen said: the pronoun's referent speaks too
            return start
        if hl in W.roles or hl in W.org_nouns or hl in W.vague:
            return self._coordinated_left(toks, start)
        if (first in W.determiners and start < i) or relative:
            return self._coordinated_left(toks, start)
        bare = self._bare_plural_subject(toks, start, i)
        return self._coordinated_left(toks, start, bare)

    def _bare_plural_subject(self, toks, start: int, i: int) -> int | None:
        """``start`` when ``start..i`` is a plural noun phrase without determiner opening its clause:
        ``Hacking specialists say``, ``But cement makers argue`` (an unnamed group), else None."""
        hl = toks[i][2].lower()
        W = self.W
        if not (hl.endswith(("men", "people")) or (hl.endswith("s") and not hl.endswith(("ss", "us", "is")))) \
                or hl in _NOT_PLURAL or hl in W.skip or hl in W.boundary or hl in W.determiners or hl in W.pronouns \
                or hl in W.time or hl in W.connectives:
            return None
        if i - start > 2 or not all(t[2].islower() for t in toks[start + 1:i + 1]):
            return None
        if not toks[start][2].islower() and start != 0 and toks[start - 1][2] not in _CLAUSE_OPENERS:
            return None  # a capitalised word inside a sentence: a name, handled elsewhere
        if start == 0 or toks[start - 1][2] in _CLAUSE_OPENERS or toks[start - 1][2].lower() in ("but", "and", "yet", "so"):
            return start
        return None

    def _coordinated_left(self, toks, start: int, default: int | None = -1) -> int | None:
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
        if wl in self.W.pronouns:
            if wl in ("him", "her", "them", "me", "us", "it") or self.W.pronouns[wl] is None:
                return keep
            a1 = j
        elif (w.islower() or j == 0 or toks[j - 1][2] in _CLAUSE_OPENERS) and (
                self._speaker_noun(wl) or (wl.endswith("s") and self._speaker_noun(wl[:-1]))):
            a1 = self._collect_left(toks, j)
            # a short noun phrase: the head, or up to two lower-case modifiers after a determiner,
            # possessive or the clause start (never "Smith met analysts and ...")
            if a1 is None or j - a1 > 2 or not all(t[2].islower() for t in toks[a1 + 1:j]) or (
                    a1 < j and not toks[a1][2].islower() and toks[a1][2].lower() not in self.W.determiners):
                return keep
        else:
            return keep
        if a1 == 0 or toks[a1 - 1][2] in _CLAUSE_OPENERS or toks[a1 - 1][2].lower() in _CLAUSE_OPENERS:
            return a1
        return keep

    def right_np(self, lo: int, hi: int):
        """NP starting at ``lo`` (after spaces): (a, b, toks) or None."""
        W = self.W
        toks = self.toks(lo, hi)
        if not toks:
            return None
        i = 0
        while i < len(toks) and (toks[i][2].lower() in W.time or toks[i][2].lower() in ("on", "last", "this")) \
                and i + 1 < len(toks) and (toks[i][2].lower() in W.time or toks[i + 1][2].lower() in W.time):
            i += 1
        if i >= len(toks):
            return None
        t0 = toks[i][2]
        if t0.lower() in W.pronouns:
            return (i, i, toks, i, i) if t0.lower() not in ("him", "her", "them", "me", "us") else None
        vm = self.vague_re.match(self.text, toks[i][0], hi)
        if vm:
            ve = vm.end()
            b = max(k for k in range(i, len(toks)) if toks[k][1] <= ve) if any(toks[k][1] <= ve for k in range(i, len(toks))) else None
            if b is not None and not any(self._is_name_tok(t[2]) and t[2].lower() not in W.vague and t[2].lower() not in W.determiners
                                         and t[2].lower() not in W.title_words for t in toks[i:b + 1]):
                return (i, b, toks, i, b)
        j = i
        b = None
        lower_run = 0
        seen_cap = False
        while j < len(toks) and j - i < 12:
            t = toks[j][2]
            tl = t.lower()
            if not t[:1].isalnum():
                if t in (".",) and b is not None and toks[b][2][-1:] == ".":
                    break
                break
            if tl in W.determiners:
                if j > i:
                    break
                j += 1
                continue
            if tl in _CONNECTORS and j > i:
                if b is not None and toks[b][2][:1].isupper() and j + 1 < len(toks) and toks[j + 1][2][:1].isupper():
                    j += 1
                    continue
                if tl in ("of", "for", "at") and b is not None and (toks[b][2].lower() in W.roles or toks[b][2].lower() in W.org_nouns
                                                                      or toks[b][2].lower() in W.vague):
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
                    if last is not None:
                        b = last
                break
            if tl in W.boundary or (tl in W.pronouns and j > i) or tl in W.skip and j > i:
                break
            if t[:1].islower():
                if seen_cap and tl not in W.roles and tl not in W.org_nouns:
                    break
                if j > i and len(tl) > 4 and tl.endswith("ed") and tl not in W.roles and tl not in W.org_nouns \
                        and self._verb_follows(toks, j):
                    break  # "The campaign shrugged off ...": a verb ends the noun phrase
                lower_run += 1
                if lower_run > 4:
                    break
            else:
                seen_cap = not _POSS_TOK_RE.search(t)
                lower_run = 0
            b = j
            j += 1
        if b is None:
            return None
        head = toks[b][2]
        hl = head.lower()
        if not (head[:1].isupper() or hl in W.roles or hl in W.org_nouns or hl in W.vague
                or (toks[i][2].lower() in W.determiners and b > i)):
            return None
        # vague post-modifier: "one Democrat familiar with the discussion"
        m = _VAGUE_POST_RE.match(self.text, toks[b][1], hi)
        if m:
            k = b
            while k + 1 < len(toks) and toks[k + 1][1] <= m.end():
                k += 1
            return (i, k, toks, i, k)
        # appositive: "the club's chairman, Tom Ellis." / "Anna Berg, the bank's chief economist"
        if b + 2 < len(toks) and toks[b + 1][2] == ",":
            k = b + 2
            while k < len(toks) and k - b < 7 and (self._is_name_tok(toks[k][2]) or toks[k][2].lower() in _CONNECTORS):
                k += 1
            end_ok = k >= len(toks) or toks[k][2] in (",", ".", ";", ")", "(") or toks[k][2] in _QUOTE_CHARS
            if k > b + 2 and end_ok and self._is_name_tok(toks[k - 1][2]) and not self._is_name_tok(head):
                return (i, k - 1, toks, b + 2, k - 1)
            if self._is_name_tok(head) and toks[b + 2][2].lower() in W.determiners | {"a", "an", "the"} | set(_POSS_PRON) \
                    or (self._is_name_tok(head) and _POSS_TOK_RE.search(toks[b + 2][2])):
                k = b + 2
                while k < len(toks) and k - b < 14 and toks[k][2] not in (",", ".", ";", ":", "(", ")") and toks[k][2] not in _QUOTE_CHARS:
                    k += 1
                if k >= len(toks) or toks[k][2] in (",", ".", ";"):
                    return (i, k - 1, toks, i, b)
        return (i, b, toks, i, b)

    def _verb_follows(self, toks, j: int) -> bool:
        """Whether the word after ``toks[j]`` (an ``-ed`` word) makes it a verb, not a modifier of a noun
        ("shrugged off the comments", "praised the bill"; not "the elected officials")."""
        if j + 1 >= len(toks):
            return True
        nxt = toks[j + 1][2]
        nl = nxt.lower()
        return not nxt[:1].isalnum() or nl in self.W.determiners or nl in self.W.pronouns or nl in _VERB_PARTICLES

    def subject_np(self, ss: int, hi: int):
        """The sentence subject: the first NP of the sentence (after connectives/intro phrases)."""
        text = self.text
        m = _LEAD_RE.match(text, ss, hi)
        lo = m.end() if m else ss
        while lo < hi and (text[lo] in _QUOTE_CHARS or text[lo].isspace()):
            lo += 1
        m = _DATELINE_RE.match(text, lo, hi)
        if m:
            lo = m.end()
        toks = self.toks(lo, min(hi, lo + 200))
        if len(toks) > 2 and toks[0][2].lower() == "here" and toks[1][2].lower() in _BE:
            return self.right_np(toks[2][0], hi)  # Here was the minister ..., declaring: the subject follows the verb
        c = next((k for k, t in enumerate(toks[:10]) if t[2] == ","), None)
        if toks and (toks[0][2].lower() in self.W.boundary or (toks[0][2].lower() in ("here", "there") and c is not None) or
                     (c is not None and c <= 5 and all(t[2].lower() in self.W.time or t[2].lower() in _TIME_EXTRA
                                                       or t[2].lower() in self.W.determiners or t[2][:1].isdigit()
                                                       for t in toks[:c]))):
            if c is None:
                return None
            lo = toks[c][1]
        return self.right_np(lo, hi)

    # ------------------------------------------------------------------ interpretation
    def interpret(self, toks, a: int, b: int) -> _Speaker | None:
        text, W = self.text, self.W
        s, e = toks[a][0], toks[b][1]
        head = toks[b][2]
        hl = head.lower()
        if a == b and hl in W.pronouns:
            return self.resolve_pronoun(hl, s, e)
        if a == b and hl in _INDEF_HEADS:
            return _Speaker(hl, None, "vague", None, s, e, vague=True)
        phrase = text[s:e]
        first = toks[a][2]
        if len(first) > 4 and first[:1].isupper() and first.lower().endswith(("ing", "ed")) \
                and self.sent_bounds(s)[1] == s and self.actors.lookup(first) is None \
                and self._written_in_lower_case(first.lower()):
            return None  # "Asked whether ..., he demurred", "Holding signs, the protesters chanted": a participle
        if _QUANT_PHRASE_RE.fullmatch(phrase):  # 26 percent, more than six in 10, half of respondents
            return _Speaker(_lower_first_word(" ".join(phrase.split())), None, "vague", None, s, e, vague=True)
        if b == a + 2 and hl in _PARTITIVE_PRONOUNS and toks[a + 1][2].lower() == "of":
            return _Speaker(_lower_first(phrase), None, "vague", None, s, e, vague=True)  # one of them
        actor, camp = self.actors.resolve(phrase)
        if actor is not None:
            inf = self.actors.info(actor)
            return _Speaker(actor, camp, inf.kind, inf.gender, s, e)
        if not self._is_name_tok(head) and any(toks[k][2] in ("and", "&") and (toks[k - 1][2].islower() or toks[k - 1][2].lower() in W.pronouns
                                               or (k - 1 == a and toks[a][2].endswith("s")
                                                   and self._speaker_noun(toks[a][2].lower()[:-1])))
               for k in range(a + 1, b)):
            # a coordinated subject of common nouns or pronouns: an unnamed group (her advisers and allies)
            return _Speaker(_lower_first(" ".join(phrase.split())), None, "vague", None, s, e, vague=True)
        for k in range(a + 1, b):
            if toks[k][2] in ("of", "at", "from") or (toks[k][2] == "and" and self._is_name_tok(toks[k - 1][2])):
                left = toks[k - 1][2]
                if left.lower() in W.roles and (toks[k + 1][2].lower() in ("one", "another", "some")
                                                or toks[a][2].lower() in ("a", "an", "one", "another", "some")):
                    # the country director of one aid group, one expert at a think tank: unnamed people
                    return self._unnamed(phrase, s, e, left)
                if (self._is_name_tok(left) and k - 1 > a and self._is_name_tok(toks[k - 2][2])) or left.lower() in W.roles:
                    sp = self.interpret(toks, a, k - 1)  # Jeffrey Lewis of the James Martin Center -> Jeffrey Lewis
                    if sp is not None:
                        sp.m_e = e
                        return sp
                break
        core = [t[2] for t in toks[a:b + 1]]
        # possessive name + noun: "Trump's response"
        if self._is_vague(core, phrase):
            return self._unnamed(phrase, s, e, core[-1])
        # trailing proper name
        k = b
        while k > a and (self._is_name_tok(toks[k - 1][2]) or (toks[k - 1][2].lower() in _CONNECTORS and k - 2 >= a
                                                                and self._is_name_tok(toks[k - 2][2]))):
            k -= 1
        if self._is_name_tok(head):
            info = self.name_info(" ".join(t[2] for t in toks[k:b + 1]), s)
            if info is not None:
                name, kind, gender, camp, title = info
                pre = " ".join(t[2].lower() for t in toks[a:k])
                if gender is None:
                    for w in pre.split():
                        if W.roles.get(w):
                            gender = W.roles[w]
                if camp is None and pre:
                    camp = self._title_camp(text[toks[a][0]:toks[k][0]])
                if kind == "unknown" and (name in self.person_names or (pre and any(w in W.roles for w in pre.split()))):
                    kind = "person"
                return _Speaker(name, camp, kind, gender, s, e)
            name = " ".join(t[2] for t in toks[k:b + 1])
            if name.lower() in W.determiners or name.lower() in W.boundary:
                return None
            name = re.sub(r"(?:['\u2019]s)$", "", name)
            if len(name.split()) > 1 and name.split()[-1].lower() in W.roles:  # a title: UN Secretary-General
                return _Speaker(name, self._title_camp(name), "person", W.roles[name.split()[-1].lower()], s, e)
            return _Speaker(name, None, "unknown", None, s, e)
        sing = hl[:-1] if hl.endswith("s") and hl[:-1] in W.roles else hl
        det = toks[a][2].lower()
        if hl in W.roles:
            gender = W.roles.get(hl)
            plural = sing != hl or hl.endswith(("men", "people"))
            if plural or det in ("a", "an", "one", "another", "some", "two", "three", "several", "many"):
                return self._unnamed(phrase, s, e, hl)
            if det in ("the", "this", "that") or det.endswith(("'s", "\u2019s")) or det in ("his", "her", "their", "its"):
                ent = self.resolve_description(sing, gender, s, "person")
                if ent is not None:
                    return _Speaker(ent.name, ent.camp, "person", ent.gender, s, e)
            return _Speaker(_lower_first(" ".join(phrase.split())), None, "person", gender, s, e)
        if hl in W.org_nouns:
            if det == "the":
                ent = self.resolve_description(hl, None, s, "org")
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

    def _unnamed(self, phrase: str, s: int, e: int, head: str) -> _Speaker:
        """A vague source: one unnamed person when the head is a singular role (``a senior officer``,
        kind ``person``, so that a later *he* can refer to it), otherwise an unnamed group."""
        W = self.W
        name = _lower_first(" ".join(phrase.split()))
        hl = head.lower()
        singular = hl in W.roles and not hl.endswith(("men", "people")) and not (hl.endswith("s") and hl[:-1] in W.roles)
        if singular and name.split()[0].lower() in ("a", "an", "one", "another", "the"):
            return _Speaker(name, None, "person", W.roles[hl], s, e, vague=True)
        return _Speaker(name, None, "vague", None, s, e, vague=True)

    def _is_vague(self, core: list[str], phrase: str) -> bool:
        W = self.W
        if _VAGUE_POST_RE.search(phrase) and not any(t.lower() in W.first_names for t in core):
            return True
        first = core[0].lower()
        if first in ("the", "this", "that", "his", "her", "their", "its", "our") or re.search(r"['\u2019]s$", core[0]):
            return False
        head = core[-1].lower()
        plural = head.endswith("s") or head.endswith(("men", "people")) or head in ("some", "many", "others", "few", "most", "several")
        if not plural and first not in ("a", "an", "one", "another"):
            return False
        if any(self._is_name_tok(t) and t.lower() not in W.vague and t.lower() not in W.determiners
               and t.lower() not in W.title_words and t.lower() not in W.roles for t in core):
            return False
        m = self.vague_re.fullmatch(" ".join(phrase.split()))
        return m is not None

    def resolve_pronoun(self, pl: str, s: int, e: int) -> _Speaker:
        g = self.W.pronouns.get(pl)
        if g in ("m", "f"):
            best = None
            pi = self.para_of(s)
            for sp in reversed(self.history[-200:]):
                if sp.kind == "person" and sp.name and (sp.gender == g or (
                        sp.gender is None and sp.m_s is not None and self.para_of(sp.m_s) >= pi - 1)):
                    best = sp  # the latest speaker of that gender, or of unknown gender in this or the last paragraph
                    break
            if best is None:
                for sp in reversed(self.history[-200:]):
                    if sp.kind == "person" and sp.gender is None and sp.name:
                        best = sp
                        break
            if best is None:  # a speaker named like a person whose kind is unknown: "Dorothy Woods said she ..."
                for sp in reversed(self.history[-200:]):
                    if sp.kind == "unknown" and sp.name and self._person_like(sp.name):
                        best = sp
                        break
            # a compatible person introduced as a sentence subject after that speaker, in the last two sentences
            # or paragraphs (a long quote may stand between: Rahimi spoke to us. "... ." she said)
            si = self.sent_of(s)
            i = bisect.bisect_left(self.person_pos, s)
            for p in reversed(self.persons[max(0, i - 20):i]):
                if p.sent < si - 2 and self.para_of(p.pos) < pi - 2:
                    break
                if p.subject and p.gender in (g, None) and (best is None or (best.m_s is not None and p.pos > best.m_s)) \
                        and (best is None or p.name != best.name):
                    return _Speaker(p.name, p.camp, "person", p.gender or g, s, e)
            if best is not None:
                return replace(best, kind="person", gender=best.gender or g, m_s=s, m_e=e)
            for p in reversed(self.persons[max(0, i - 400):i]):
                if p.gender == g:
                    return _Speaker(p.name, p.camp, "person", p.gender, s, e)
            for p in reversed(self.persons[max(0, i - 400):i]):
                if p.gender is None:
                    return _Speaker(p.name, p.camp, "person", None, s, e)
            return _Speaker(None, None, "pronoun", g, s, e)
        if g in ("p", "o"):
            kinds = ("organisation", "group", "country") + (("vague",) if g == "p" else ())
            for sp in reversed(self.history[-50:]):
                if sp.kind in kinds and sp.name:
                    return replace(sp, m_s=s, m_e=e)
            return _Speaker(None, None, "pronoun", None, s, e)
        return _Speaker(None, None, "pronoun", None, s, e)

    def resolve_description(self, head: str, gender: str | None, pos: int, kind: str) -> _Entity | None:
        pat = re.compile(rf"\b{re.escape(head)}", re.IGNORECASE)
        text = self.text

        def intro_has(ent: _Entity) -> bool:
            if len(ent.intro) == 3:  # computed on first use: most registered names are never described
                ent.intro = self._intro_span(ent.pos, ent.end, ent.intro[1], ent.intro[2])
            return pat.search(text, ent.intro[0], ent.intro[1]) is not None

        if kind == "person":
            i = bisect.bisect_left(self.person_pos, pos)
            cands = [p for p in reversed(self.persons[max(0, i - 300):i]) if gender is None or p.gender in (None, gender)]
            for p in cands:
                if intro_has(p):
                    return p
            return cands[0] if cands else None
        i = bisect.bisect_left(self.org_pos, pos)
        for o in reversed(self.orgs[max(0, i - 300):i]):
            if pat.search(o.name) or intro_has(o):
                return o
        for sp in reversed(self.history[-20:]):
            if sp.kind in ("organisation", "group") and sp.name and sp.m_s is not None and self.para_of(pos) - self.para_of(sp.m_s) <= 3:
                return _Entity(sp.m_s, sp.m_e, sp.name, sp.kind, None, sp.camp, (0, 0), False, 0)
        return None

    # ------------------------------------------------------------------ attribution
    def run(self) -> list[Quote]:
        self.pair_quotes()
        self.build_registry()
        hits = []
        for h in self.cues.finditer(self.text):
            if self.quote_at(h.start) is None and not self.para_caption[self.para_of(h.start)]:
                hits.append(h)
        self.hits = hits
        self.hit_starts = [h.start for h in hits]
        self.hit_at = {h.start: h for h in hits}
        for h in hits:
            if h.cue_class == "ignore":
                continue
            if h.cue_class == "naming" and h.lemma in _NEVER_SPEECH:
                self.naming.append(h)
                continue
            att = self.attribute(h)
            if att is None and h.cue_class == "naming":
                self.naming.append(h)  # "a book titled ...": a label, not speech
                continue
            if att is not None:
                self.atts.append(att)
                if att.speaker.name:
                    self.history.append(att.speaker)
        self.resolve_unlinked()
        return self.emit()

    def _participle_subject(self, si: int, ss: int, pos: int):
        """``(speaker, np)`` of a cue with no subject of its own ("..., adding", "... and added"):
        the speaker of the sentence's previous attribution, else the sentence subject's noun phrase."""
        prev_att = self._prev_att_in_sentence(si, pos)
        if prev_att is not None:
            return replace(prev_att.speaker), None
        return None, self.subject_np(ss, pos)

    def _prev_att_in_sentence(self, si: int, pos: int) -> _Att | None:
        for x in reversed(self.atts):
            if x.sent < si:
                return None
            if x.sent == si and x.cue_s is not None and x.cue_s < pos:
                return x
        return None

    def speaker_of(self, np) -> _Speaker | None:
        """Interpret a noun-phrase result of :meth:`left_np`/:meth:`right_np`."""
        a, b, toks, ca, cb = np
        sp = self.interpret(toks, ca, cb)
        if sp is not None:
            sp.m_s, sp.m_e = toks[a][0], toks[b][1]
        return sp

    def attribute(self, h: CueHit) -> _Att | None:
        text = self.text
        si, ss, se = self.sent_bounds(h.start)
        pi = self.para_of(h.start)
        form = h.text.lower()
        first_word = form.split()[0]
        lo = max(ss, h.start - 240)
        prev = text[lo:h.start].rstrip().rstrip(_CLOSERS).rstrip()
        prev_char = prev[-1:] if prev else ""
        if h.requires is not None:
            nxt = text[h.end:min(se, h.end + 120)]
            if not (nxt.lstrip().startswith((":", ".")) or re.match(r"[^.!?;]{0,80}?[\"\u201c\u201e'\u2018`]", nxt)
                    or (h.requires == "that" and re.match(r"\s*(?:,\s*)?that\b", nxt))
                    or re.search(r"[\"\u201d'\u2019]\W{0,3}\s+(?:\S+\s+){0,7}$", text[max(ss, h.start - 80):h.start])):
                return None
        side = None
        speaker = None
        np = None
        nominal = False
        if h.lemma == "according to":
            np = self.right_np(h.end, min(se, h.end + 250))
            side = "right"
        elif first_word.endswith("ing") and prev_char == ",":
            side = "participle"
            speaker, np = self._participle_subject(si, ss, h.start)
        else:
            lo_small = max(ss, h.start - 100)
            np, status = self.left_np(lo_small, h.start, first_word)
            if lo_small > lo and ((np is not None and np[0] == 0) or
                                  (np is None and status == "invertible" and prev.endswith(","))):
                np, status = self.left_np(lo, h.start, first_word)
            if status == "coordinated":
                side = "participle"
                speaker, np = self._participle_subject(si, ss, h.start)
            elif np is not None:
                side = "left"
                nominal = status == "nominal"
            elif status == "invertible" and not first_word.endswith("ing"):
                r = self.right_np(h.end, min(se, h.end + 200))
                if r is not None and self._inversion_ok(r, h):
                    np = r
                    side = "right"
        if np is not None:
            if nominal:
                a, b, toks, ca, cb = np
                pl = toks[cb][2].lower()
                if pl in _POSS_PRON:
                    speaker = self.resolve_pronoun(_POSS_PRON[pl], toks[a][0], toks[b][1])
                else:
                    speaker = self.speaker_of(np)
            else:
                speaker = self.speaker_of(np)
        np_span = (speaker.m_s, speaker.m_e) if speaker is not None and speaker.m_s is not None else None
        if side == "participle" and np_span is None:
            return None
        qa = self._quote_after(h, np_span, side, pi, se)
        if speaker is None or ((h.lemma == "call" or h.cue_class == "naming") and (speaker.kind in ("unknown", "document") or
                                                      (speaker.kind == "organisation" and not (speaker.name or "")[:1].isupper()))):
            if qa is not None and h.lemma == "call":
                self.naming.append(h)
            return None
        if speaker.kind == "unknown" and speaker.name and not any(c.isupper() for c in speaker.name) \
                and (speaker.name.split()[0] not in self.W.determiners or self._reduced_relative(h, speaker, side, qa)):
            return None
        att = _Att(h, h.text, h.start, h.end, h.cue_class, speaker, si, pi)
        att.side = side
        generic = speaker.kind in ("unknown", "document", "organisation") and not (speaker.name or "")[:1].isupper()
        att.np_s = np_span[0] if (side == "left" and np_span and not generic) else None
        anchor = h.end if side != "right" else max(h.end, np_span[1])
        after_s = self._after_start(h, anchor, se, att)
        after_e = self._content_end(after_s, se, h)
        if side == "left" and np_span is not None and _REL_OPENS_RE.search(text, max(ss, np_span[0] - 12), np_span[0]):
            # 'The deal, which he claimed was rigged, collapsed': the reported clause ends with the relative one
            comma = self._comma_outside_quotes(after_s, after_e)
            if comma is not None:
                after_e = comma
        has_colon = text[anchor:anchor + 3].lstrip().startswith(":")
        if nominal:
            starts = text[h.end:h.end + 12].lstrip()
            if not (starts.startswith("that ") or (qa is not None and qa.open_s - h.end < 3) or h.lemma in ("call for", "call on", "push for")):
                return None
        qb = None
        if side in ("left", "right") and not nominal:
            # '"... missing." Trump said.': an attribution that reports nothing else takes the quote
            # before it even when the quote ended its sentence
            bare = _BARE_ATTRIBUTION_END_RE.match(text, max(h.end, np_span[1]), se) is not None
            qb = self._quote_before(min(h.start, np_span[0]), pi, sentence_end_ok=bare)
        if h.requires == "quote" and qa is None and qb is None and not has_colon:
            return None
        if h.requires == "that" and qa is None and qb is None and not has_colon \
                and not re.match(r"\s*(?:,\s*)?that\b", text[h.end:h.end + 12]):
            return None
        if qb is not None and qb.att is None:
            self._link(qb, att)
        if qa is not None and qa.att is None:
            self._link(qa, att)
        before = None
        if side in ("left", "right") and not nominal:
            cut = np_span[0] if side == "left" else h.start
            if side == "right" and h.lemma != "according to" and np_span[0] < h.start:
                cut = np_span[0]
            before_lo = max(ss, cut - _MAX_CONTENT)
            if side == "right" and h.lemma == "according to":
                # "She added that A, and B, according to X": X reports B -- never the earlier speaker
                # and verb, and not the clause that speaker alone is credited with
                earlier = self._earlier_content_start(si, h.start)
                if earlier > before_lo:
                    before_lo = earlier
                    last = None
                    for m in _CLAUSE_JOIN_RE.finditer(text, before_lo, cut):
                        if self.quote_at(m.start()) is None:
                            last = m
                    if last is not None:
                        before_lo = last.end()
            q_cross = self.quote_at(before_lo)
            if q_cross is not None and q_cross.open_s < before_lo:
                before_lo = max(before_lo, q_cross.close_e)
            prev_text = text[before_lo:cut].rstrip()
            if qb is not None and qb.open_s > before_lo:
                # This is a "raw time," Axelrod said: the clause around the partial quote is reported too
                bs, _ = self._trim(before_lo, qb.open_s)
                if bs < qb.open_s and _NONBLANK_RE.search(text, bs, qb.open_s):
                    before = (bs, qb.close_e)
            elif prev_text.endswith((",", "\u2014", "\u2013")) and (qb is None or qb.close_e <= before_lo):
                bs, be = self._trim(before_lo, len(prev_text) + before_lo)
                aside = text[h.end:h.end + 2].startswith(",")
                if be > bs and self.words(bs, be) >= (1 if aside else 2):
                    before = (bs, be)
        if h.requires == "quote" and qa is not None and after_s < qa.open_s and _LEAD_IN_RE.fullmatch(text, after_s, qa.open_s):
            after_s = qa.open_s  # As one diplomat put it to me last year, "...": what was said starts at the quote
        after = None
        if after_e > after_s and self.words(after_s, after_e) >= 1:
            after = (after_s, after_e)
        object_gap = after is not None and h.lemma in _NP_OBJECT_LEMMAS and _FINITE_START_RE.match(text, after_s)
        if object_gap:
            after = None  # 'The policy Smith criticized remains in place': the relative clause ends at the cue
        if after is not None and h.lemma in _ANSWER_LEMMAS and _NOT_AN_ANSWER_RE.match(text, after_s) \
                and ":" not in text[after_s:after_e] and not self._that_or_quote_in(after_s, after_e):
            after = None  # 'did not respond to a request for comment', 'responded by issuing demands'
        if after is not None and h.lemma == "according to" and (
                "," not in text[anchor:after_s] or self._source_aside(anchor, se)):
            # "according to a transcript of the show", "According to the FBI summary, Mills ...", "according to
            # Andy Smith, director of the survey center, ...": words right after the source's name, or an
            # appositive or relative clause, still describe it; what it reports starts after the next comma
            after = None
            comma = self._comma_outside_quotes(after_s, after_e)
            if comma is not None:
                after_s = comma + 1
                while after_s < se and text[after_s].isspace():
                    after_s += 1
                after_e = self._content_end(after_s, se, h)
                if after_e > after_s and self.words(after_s, after_e) >= 1:
                    after = (after_s, after_e)
        if side == "right" and h.lemma != "according to" and _NONBLANK_RE.search(text, max(ss, h.start - _MAX_CONTENT), h.start):
            after = None  # '"...," said X, ...': what follows the speaker is not what was said
        if after and h.lemma != "according to" and _PLACE_ADJUNCT_RE.match(text, after_s) \
                and not _THAT_OR_QUOTE_RE.search(text, after_s, after_e):
            after = None  # '"...," a protester shouted outside the embassy': where it was said, not what
        # '"...," Perez said Sunday on NBC.': the quote is what was said, the words after the cue circumstance
        # (dropped below, after the choice between the clauses before and after the cue); they are said when
        # the sentence goes on after a comma ('"Only you," she said, would use ...'), when a pronoun opens a
        # clause or an object ('..., he claimed they had never met'), or when a quote or "that" follows
        circumstance = after is not None and qb is not None and qb.att is att and h.lemma != "according to" \
            and not has_colon and not _CONTINUATION_RE.match(text, anchor) \
            and not _PRONOUN_START_RE.match(text, after_s) and not self._that_or_quote_in(anchor, after_e)
        followed_by_comma = text[anchor:after_s].strip().startswith(",") or text[h.end:h.end + 2].startswith(",")
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
            if self._outside_quotes_words(cs, ce, att) >= 1:
                att.contents.append((cs, ce))
        if h.lemma in ("ask", "tell") and after and _DIRECTIVE_RE.match(text, after[0] - 1, after[1]) \
                and not re.match(r"\s*(?:whether|if|why|how|what|when|who|about)\b", text[h.end:h.end + 10]):
            att.cue_class = "directive"
        if not att.contents and not att.quotes:
            return None
        return att

    def _source_aside(self, pos: int, se: int) -> bool:
        """Whether a source's name ending at ``pos`` is followed by an appositive that names a role
        (``, director of ...``) or a relative clause (``, who ...``)."""
        if _REL_ASIDE_RE.match(self.text, pos, se):
            return True
        m = _APPOSITIVE_RE.match(self.text, pos, se)
        if m is None or not any(w.lower() in self.W.roles for w in m.group(1).split()[:5]):
            return False
        comma = self._comma_outside_quotes(m.start() + 1, se)  # an appositive is short and closed by a comma
        return comma is not None and len(self.text[m.start() + 1:comma].split()) <= 8

    def _comma_outside_quotes(self, s: int, e: int) -> int | None:
        """Offset of the first comma in ``text[s:e]`` that is not inside a quote, or None."""
        i = self.text.find(",", s, e)
        while i >= 0 and self.quote_at(i) is not None:
            i = self.text.find(",", i + 1, e)
        return i if i >= 0 else None

    def _that_or_quote_in(self, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` holds the word "that" or opens a quote (any quote mark the finder pairs)
        other than a title (``told NBC's "Today" show``: a few words, each capitalised)."""
        if _THAT_RE.search(self.text, s, e):
            return True
        i = bisect.bisect_left(self.q_open, s)
        while i < len(self.qspans) and self.qspans[i].open_s < e:
            q = self.qspans[i]
            if not _TITLE_RE.fullmatch(self.text, q.s, q.e):
                return True
            i += 1
        return False

    def _earlier_content_start(self, si: int, pos: int) -> int:
        """Where the content of the latest attribution of sentence ``si`` whose cue comes before
        ``pos`` starts (its cue end when it reports nothing after the cue), or -1 when there is none."""
        att = self._prev_att_in_sentence(si, pos)
        if att is None:
            return -1
        later = [cs for cs, _ in att.contents if cs >= att.cue_e]
        return min(later) if later else att.cue_e

    def _reduced_relative(self, h: CueHit, speaker: _Speaker, side: str | None, qa) -> bool:
        """Whether ``[clause], a NOUN VERBed ...`` is a participle modifying a summary noun, not speech:
        ``..., a move criticised by the UN``; ``..., a reversal announced on 23 March``.  The noun is
        indefinite and names no kind of speaker, it follows a comma, the cue is an ``-ed`` form and
        no quote follows."""
        if side != "left" or qa is not None or not h.text.lower().endswith("ed") or speaker.m_s is None:
            return False
        if speaker.name.split()[0] not in ("a", "an"):
            return False
        return self.text[max(0, speaker.m_s - 3):speaker.m_s].rstrip().endswith(",")

    _INVERSION_END = re.compile(r"\s*(?:[.,;:!?)\u2014\u2013\"\u201c\u201d'\u2019(]|$|(?:on|in|at|during|after|before|while|when|"
                                r"who|as|of|to|about|last|this|earlier|later|yesterday|today|tonight|[A-Z][a-z]+day)\b)")

    def _inversion_ok(self, np, h: CueHit) -> bool:
        a, b, toks, ca, cb = np
        if toks[a][2].lower() in ("that", "this", "it", "there", "these", "those"):
            return False
        return self._INVERSION_END.match(self.text, toks[b][1]) is not None

    def _link(self, q: _QSpan, att: _Att) -> None:
        q.att = att
        q.kind = "direct"
        att.quotes.append(q)

    def _trim(self, s: int, e: int) -> tuple[int, int]:
        text = self.text
        m = _LEAD_RE.match(text, s, e)
        if m:
            s = m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and _TRAIL_CHAR(text, e - 1):  # drop trailing spaces and punctuation (a regex
            e -= 1                                  # search for "[...]+$" was n**2 on inner runs)
        return s, e

    def _quote_before(self, pos: int, pi: int, sentence_end_ok: bool = False) -> _QSpan | None:
        i = bisect.bisect_right(self.q_open, pos) - 1
        if i < 0:
            return None
        q = self.qspans[i]
        if q.close_e > pos or q.para_end != pi:
            return None
        if _GAP_BEFORE_RE.fullmatch(self.text, q.close_e, pos) is None:
            return None
        if not sentence_end_ok and (self.text[q.e - 1:q.e] == "." or self.text[q.close_e:q.close_e + 1] == "."):
            return None  # '"We won." He said ...': the quote ended its sentence
        return q

    def _last_quote_ending_before(self, pos: int, lo: int) -> _QSpan | None:
        i = bisect.bisect_right(self.q_open, pos) - 1
        while i >= 0:
            q = self.qspans[i]
            if q.close_e <= pos:
                return q if q.close_e > lo else None
            i -= 1
        return None

    def _quote_after(self, h: CueHit, np_span, side, pi: int, se: int) -> _QSpan | None:
        anchor = h.end if side != "right" or np_span is None else max(h.end, np_span[1])
        i = bisect.bisect_left(self.q_open, anchor)
        if i >= len(self.qspans):
            return None
        q = self.qspans[i]
        gap = self.text[anchor:q.open_s]
        if q.para == pi + 1 and re.fullmatch(r"[ \t]*:\s*", gap):
            return q  # X said:\n\n"..."
        if q.para != pi:
            return None
        if re.fullmatch(r"\s*[.:]\s*", gap) and side in ("left", "participle", "right") and h.cue_class != "naming" \
                and h.lemma != "according to":
            j = bisect.bisect_left(self.hit_starts, q.close_e)
            own = j < len(self.hits) and self.hits[j].start - q.close_e < 40 and \
                self.para_of(self.hits[j].start) == q.para_end and self.hits[j].cue_class not in ("naming", "ignore")
            if "." in gap and own:
                return None
            return q  # X agreed. "..."  /  X added: "..."
        if len(gap) > 120 or _TERMINAL_RE.search(gap):
            return None
        if sum(1 for _ in re.finditer(r"[^\W_]+", gap)) > 8:
            return None
        j = bisect.bisect_left(self.hit_starts, anchor)
        if j < len(self.hits) and self.hits[j].start < q.open_s and self.hits[j].cue_class not in ("ignore",):
            if self.hits[j].cue_class == "naming":
                return None
            return None
        return q

    def _after_start(self, h: CueHit, anchor: int, se: int, att: _Att) -> int:
        text = self.text
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
        if h.lemma in _HEARER_SKIP:
            toks = self.toks(pos, min(se, pos + 80))
            k = 0
            stop = ("that", "to", "about", "whether", "if", "on", "in", "at", "during", "after", "before", "when", "how", "why")
            while k < len(toks) and k < 5 and toks[k][2][:1].isalnum() and toks[k][2].lower() not in stop:
                tl = toks[k][2].lower()
                if k > 0 and (tl in self.W.determiners or tl in self.W.pronouns or tl in self.W.skip or tl in self.W.boundary):
                    break
                k += 1
                if tl in self.W.pronouns:
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

    def _content_end(self, s: int, se: int, h: CueHit) -> int:
        text = self.text
        e = min(se, s + _MAX_CONTENT)
        hit_at = self.hit_at
        for m in _COMMA_NEXT_RE.finditer(text, max(0, s - 4), e):
            hit = hit_at.get(m.end())
            if hit is not None and (hit.text.split()[0].lower().endswith("ing") or hit.lemma == "according to"):
                e = max(s, m.end(1))  # ", adding ...", ", according to ...": a new reported clause starts
                break
        for m in _SUBORD_STOP_RE.finditer(text, s, e):
            if self.quote_at(m.start()) is None:
                e = m.start()
                break
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:\u2014\u2013-"):
            e -= 1
        return e

    def _outside_quotes_words(self, s: int, e: int, att: _Att) -> int:
        n = self.words(s, e)
        for q in att.quotes:
            if q.open_s >= s and q.close_e <= e:
                n -= self.words(q.s, q.e)
        rest = self.text[s:e]
        if re.fullmatch(r"\W*that\W*", rest):
            return 0
        return n - (1 if re.match(r"\s*that\b", rest) else 0)

    # ------------------------------------------------------------------ quotes without a cue
    def resolve_unlinked(self) -> None:
        text = self.text
        events = []  # (pos, para, speaker, att)
        for att in self.atts:
            events.append((att.cue_s if att.cue_s is not None else 0, att.para, att))
        events.sort(key=lambda x: x[0])
        ev_pos = [e[0] for e in events]
        cont: list = []  # continuation quotes resolved so far: (pos, att), increasing pos
        # indirect content spans for containment
        contents = sorted(((cs, ce, att) for att in self.atts for cs, ce in att.contents), key=lambda x: x[0])
        c_starts = [c[0] for c in contents]
        naming_ends = sorted(h.end for h in self.naming)
        for q in self.qspans:
            if q.att is not None:
                continue
            # (d) naming: titled "...", so-called "...", a placard reading "..."
            k = bisect.bisect_right(naming_ends, q.open_s) - 1
            if k >= 0 and q.open_s - naming_ends[k] <= 12 and re.fullmatch(r"[\s:,]*(?:(?:it|him|her|them|the|a|an)\s+)?",
                                                                        text[naming_ends[k]:q.open_s]) \
                    and q.n_words <= 12:
                q.kind = "scare"
                continue
            # (a) inside a reported clause
            i = bisect.bisect_right(c_starts, q.open_s) - 1
            host = None
            while i >= 0 and i >= bisect.bisect_right(c_starts, q.open_s) - 6:
                cs, ce, att = contents[i]
                if cs <= q.open_s < ce:
                    host = att
                    break
                i -= 1
            if host is not None:
                self._link(q, host)
                continue
            si, ss, se = self.sent_bounds(q.open_s)
            # (b) dash attribution: "..." — Anna Berg, the bank's chief economist
            m = _DASH_AFTER_RE.match(text, q.close_e)
            if m:
                r = self.right_np(m.end(), min(len(text), m.end() + 200))
                if r is not None:
                    sp = self.speaker_of(r)
                    if sp is not None and (sp.kind != "unknown" or (sp.name and sp.name[:1].isupper())):
                        cs = m.start() + (len(m.group()) - len(m.group().lstrip()))
                        dash = m.group().strip()
                        att = _Att(None, dash, cs, cs + len(dash), "punctuation", sp, si, q.para)
                        self._link(q, att)
                        self.atts.append(att)
                        continue
            # (c) colon lead-in: Name: "..."
            before = text[max(ss, q.open_s - 200):q.open_s].rstrip()
            if before.endswith(":"):
                colon = max(ss, q.open_s - 200) + len(before) - 1
                res, status = self.left_np(max(ss, colon - 200), colon, "")
                mp = _POSS_COLON_RE.search(text, max(ss, colon - 80), colon)
                if mp:  # Lavrov's verdict: "..."
                    res = self.right_np(mp.start(1), mp.end(1))
                elif res is None or status == "passive":
                    res = self.subject_np(ss, colon)  # Anna Berg was blunt: "..."
                sp = None
                if res is not None:
                    sp = self.speaker_of(res)
                    if sp is not None and sp.kind in ("unknown", "document") and not (sp.name and sp.name[:1].isupper()):
                        sp = None
                if sp is not None:
                    att = _Att(None, ":", colon, colon + 1, "punctuation", sp, si, q.para)
                    self._link(q, att)
                    self.atts.append(att)
                    continue
            # (c2) possessive lead-in: Obama's "if you like your plan" promise
            m = _POSS_LEAD_RE.search(text, max(ss, q.open_s - 80), q.open_s)
            if m:
                r = self.left_np(max(ss, q.open_s - 120), m.end(1), "")[0]
                sp = self.speaker_of(r) if r is not None else None
                if sp is not None and sp.kind in ("person", "organisation", "group", "country") and sp.name:
                    att = _Att(None, None, None, None, None, sp, si, q.para)
                    self._link(q, att)
                    self.atts.append(att)
                    continue
            # (e) continuation of the previous speaker
            starts_para = q.open_s <= self.paras[q.para][0]  # paragraph and sentence spans start at a non-space
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
                        and q.para - prev_att.para <= 1 and (q.n_words > 5 or starts_para or self._whole_sentence(q, ss, se)):
                    sp = prev_att.speaker
                    att = _Att(None, None, None, None, None, sp, si, q.para)
                    att.group = -1
                    self._link(q, att)
                    self.atts.append(att)
                    cont.append((q.open_s, att))
                    continue
            # (f) short phrase in the narrator's voice: scare quote; (g) otherwise unattributed speech
            if q.n_words <= 5 and not self._whole_sentence(q, ss, se):
                q.kind = "scare"
            else:
                q.kind = "direct"

    def _whole_sentence(self, q: _QSpan, ss: int, se: int) -> bool:
        """Whether the quote is its sentence, closing with its own ``.``/``!``/``?`` (``"We lost."``)."""
        return q.open_s <= ss + 1 and q.close_e >= se - 1 and self.text[q.e - 1:q.e] in ".!?"

    # ------------------------------------------------------------------ output
    def emit(self) -> list[Quote]:
        text = self.text
        rows = []  # (start, end, kind, att, qspan)
        for att in self.atts:
            if att.group <= 0:
                self._group += 1
                att.group = self._group
        for q in self.qspans:
            if q.kind is None:
                continue
            rows.append([q.s, q.e, q.kind, q.att, q.att.group if q.att is not None else None])
        # indirect contents, trimmed so they never cut through a quote nor run into a later speaker's clause
        spans = [(q.open_s, q.close_e) for q in self.qspans if q.kind is not None]
        span_starts = [sp[0] for sp in spans]
        np_starts = sorted(a.np_s for a in self.atts if a.np_s is not None)
        for att in self.atts:
            for cs, ce in att.contents:
                k = bisect.bisect_right(np_starts, cs)
                k_end = k + 4
                while k < len(np_starts) and np_starts[k] < ce and k < k_end:
                    comma = text.rfind(",", cs, np_starts[k])
                    while comma > cs and self.quote_at(comma) is not None:
                        comma = text.rfind(",", cs, comma)
                    if comma > cs:
                        ce = comma
                        break
                    k += 1
                cs, ce = self._clip(cs, ce, spans, span_starts)
                if ce > cs and self.words(cs, ce) >= 1:
                    rows.append([cs, ce, "indirect", att, att.group])
        # fix partial overlaps between indirect spans (later one starts where the earlier ends)
        self._nest([r for r in rows if r[2] == "indirect"], text)
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
        next_group = self._group
        renum: dict = {}
        for r in rows:
            s, e, kind, att, group = r
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
                camp=((sp.camp or self.party_camp.get(sp.name)) if sp and not sp.vague else None),
                vague=bool(sp.vague) if sp else False,
                n_words=self.words(s, e), group_id=renum.setdefault(group, len(renum) + 1),
            ))
        return out

    @staticmethod
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

    @staticmethod
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


_MISSING = object()
#: a few words (a hearer, a time) and a comma or colon before a quote: "to me last year, "
_LEAD_IN_RE = re.compile(r"(?:(?!and\b|but\b|that\b)[\w'\u2019\-]+\s+){0,3}(?!and\b|but\b|that\b)[\w'\u2019\-]+\s*[,:]\s*")
_DEFINITE = {"the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your"}
_PP_PREPS = {"in", "at", "from", "on", "near", "inside", "outside", "across", "within", "around", "throughout"}
_PARTITIVE_PRONOUNS = {"them", "us", "those", "these"}
_PARTICLES = {"on", "up", "out", "back", "ahead", "forward", "down", "over"}
#: two or three capitalised words or initials, no acronym (Navy SEAL Ty Woods): the shape of a personal name
_NAME_WORD = r"(?:[A-Z]\.|[A-Z](?=[\w'\u2019\-]*[a-z])[\w'\u2019\-]+)"  # an initial, or a capitalised word with a lower-case letter
# a share of a group as a subject (survey respondents): "more than six in 10", "26 percent", "half of voters"
_NUM_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_QUANT_PHRASE = (
    r"(?:(?:(?:more|fewer|less)\s+than|nearly|almost|about|around|roughly|only|just|over|under|at\s+least)\s+)?"
    rf"(?:\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|{_NUM_WORD}\s+(?:in|out\s+of)\s+{_NUM_WORD}|half|"
    r"(?:a|the)\s+(?:third|quarter|fourth|fifth|majority|minority|plurality)|(?:two|three|four)[\s\-](?:thirds|quarters|fourths|fifths))"
    r"(?:\s+of\s+(?:the\s+|those\s+|all\s+)?(?:[A-Za-z][\w\-]*\s+){0,2}?[A-Za-z][\w\-]*)?"
)
_QUANT_PHRASE_RE = re.compile(_QUANT_PHRASE, re.IGNORECASE)
# ... right before the cue (its clause start is checked in _Finder._quantity_subject)
_QUANT_SUBJ_RE = re.compile(rf"(?<![\w\-])({_QUANT_PHRASE})(?:\s+(?:also|still|now|too|again|already|even|[a-z]+ly))?\s*$",
                            re.IGNORECASE)
_CLAUSE_WORD_END_RE = re.compile(r"\b(?:that|and|but|while|with|after|when|as)$", re.IGNORECASE)
_QUANT_HINT_RE = re.compile(r"\d|percent|half|third|quarter|fifth|majority|minority|plurality", re.IGNORECASE)
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i"}
# nothing after an attribution but the end of its sentence: "Trump said."
_BARE_ATTRIBUTION_END_RE = re.compile(r"\s*[.!?]?[\"'\u201d\u2019]?\s*$")
# words ending in -s that are not plural nouns (a bare plural subject is an unnamed group)
_NOT_PLURAL = {"perhaps", "sometimes", "always", "nevertheless", "besides", "afterwards", "towards", "unless", "thus",
               "yes", "plus", "minus", "across", "whereas", "overseas", "news", "politics", "economics",
               "grassroots", "series", "species", "means", "headquarters", "its", "his", "hers", "ours", "theirs", "yours",
               "was", "has", "does", "goes", "says", "this", "as", "less", "nonetheless", "regardless", "elsewhere"}
# tokens after which a subject can open a clause
_CLAUSE_OPENERS = {",", ";", ":", "\"", "\u201c", "\u201d", "\u2014", "\u2013", "(", "''", "``", "that", "while", "as",
                   "because", "but", "although", "though", "when", "if", "since", "whereas"}
# 'asked him to resign': up to four words, then 'to' and a verb.  Each word is a whole run of word
# characters (the old ``(?:\s*[\w'’\-]+){1,4}`` could split one run four ways: n**4 steps on a long word).
_DIRECTIVE_RE = re.compile(r"\s*[\w'\u2019\-]+(?:\s+[\w'\u2019\-]+){0,3}\s+to\s+[a-z]")
_CLAUSE_JOIN_RE = re.compile(r"(?:,\s+(?:and|but|while)|;)\s+")
_PERSON_NAME_RE = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}")
#: an appositive after a name, up to its first preposition or punctuation: ", a senior analyst| at ..."
_APPOSITIVE_RE = re.compile(r",[ \t]+((?:(?!(?:at|of|for|in|on|with|from|and|who|which|said|says)\b)"
                            r"[\w\-'\u2019]+[ \t]*){1,6})")
# party markers after and before a politician's name (see _Finder._party_near)
_PARTY_ACTORS = {"D": "Democratic Party", "R": "Republican Party"}
_STATE = r"-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?"  # the state after a party letter: "-Ky.", "-N.Y.", "-New Mexico"
_PARTY_AFTER_RE = re.compile(rf"\s*(?:\(\s*([DR]){_STATE}\s*\)|,\s*([DR]){_STATE}\s*[,.]|,\s*(Democrat|Republican)\s+(?:of|from)\s)")
_PARTY_WORD_RE = re.compile(r"\b(?:[DR]-[A-Z]|Democrat|Republican|GOP\b)")
_PARTY_STATE_RE = re.compile(rf"[DRI]{_STATE}")
_PARTY_BEFORE_RE = re.compile(r"\b(Democratic|Republican|GOP)\s+((?:[\w.\-]+\s+){0,3})$")
_OFFICE_WORDS = {"state", "presidential", "former", "u.s.", "us", "congressional", "senate", "house", "vice"}
# "Steve Cohen, Democrat of Tennessee, said": a party and a state, not a name
_PARTY_OF_RE = re.compile(r"(?:Democrat|Republican|Independent|Libertarian)s?\s+(?:of|from)\s+.+")
_VERB_PARTICLES = {"off", "up", "out", "down", "back", "away", "over", "on", "in", "at", "to", "by", "with", "for",
                   "from", "into", "about", "against", "that", "as"}
_REL_OPENS_RE = re.compile(r",\s+(?:which|who|whom)\s+$", re.I)
_REL_ASIDE_RE = re.compile(r",[ \t]+(?:who|which|whose|whom)\b")
_COMMA_NEXT_RE = re.compile("(,[\"'\u201d\u2019\u00bb\u203a]*)\\s+")
_MAX_CONTENT = 1500  # characters: a reported clause never runs longer (bounds work in run-on "sentences")
_NONBLANK_RE = re.compile(r"[^\s\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`]")
_VAGUE_POST_RE = re.compile(r"\s+(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|involved\s+in|"
                            r"knowledgeable\s+about|aware\s+of)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\w\-]+(?:\s+[a-z][\w\-]*)?")
_NEVER_SPEECH = {"titled", "so-called", "known as", "read"}
_TIME_EXTRA = {"ago", "day", "days", "weeks", "months", "years", "hours", "minutes", "later", "earlier", "few", "after", "before",
               "meanwhile", "then", "now", "since", "moments", "shortly", "soon", "previously", "long"}
_POSS_COLON_RE = re.compile(r"(?<![\w'\u2019])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})['\u2019]s(?:\s+[a-z\-]+){1,2}\s*$")
_VAGUE_PREPS = {"close to", "familiar with", "with knowledge of", "briefed on", "involved in", "knowledgeable about",
                "with direct knowledge", "close with", "briefed about", "aware of"}
_DATELINE_RE = re.compile(r"[A-Z][A-Za-z .,'\-]{1,40}?\s*(?:\([A-Za-z .]{1,20}\)\s*)?[\-\u2013\u2014]{1,2}\s+")
# a prepositional phrase right after the cue (no "that" followed) says where or when, not what
_PLACE_ADJUNCT_RE = re.compile(r"(?:at|in|on|outside|inside|near|amid|during|after|before|from|with|over|through|since|"
                               r"across|behind|beside|within|aboard|alongside|following|ahead\s+of)\s", re.I)
_THAT_OR_QUOTE_RE = re.compile(r"\bthat\b|[\"\u201c\u201d]")
# a comma after the cue, then words that go on with what was said (not a participle or an adjunct)
_CONTINUATION_RE = re.compile(r"\s*,\s+(?!(?:while|as|when|whenever|after|before|because|although|though|since|until|unless|"
                              r"if|with|without|in|on|at|during|from|not|and|but|then|according|amid|despite)\b)"
                              r"(?![\w'\u2019\-]+ing\b)\w")
# a quoted title: one to four capitalised words ("Today", "Meet the Press,", "Morning Joe")
_TITLE_RE = re.compile(r"[A-Z0-9][\w'\u2019\-.&]*(?:\s+(?:[A-Z0-9][\w'\u2019\-.&]*|the|of|and|a|an|in|on|for|to)){0,3},?")
_PRONOUN_START_RE = re.compile(r"(?:he|she|they|we|i|you|it|him|her|them|us|me)\b", re.I)
_PREP_START_RE = re.compile(r"\s*,?\s*(?:in|on|at|during|after|before|from|with|to|over|of|through|since|last|this|earlier|later)\b", re.I)
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a"
_SUBORD_STOP_RE = re.compile(r",\s+(?:because|although|though|while|whereas|since|even\s+though|unless|until|despite|"
                             r"as|when|after|before)\b(?!\s+(?:that|if|whether)\b)")
_POSS_LEAD_RE = re.compile(r"(?<![\w'\u2019])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*['\u2019]s)\s*$")
_POSS_PRON = {"his": "he", "her": "she", "their": "they", "its": "it"}
_POSS_TOK_RE = re.compile(r"['\u2019]s$|s['\u2019]$")
_INDEF_HEADS = {"one", "another", "some", "many", "others", "both", "several", "most", "few", "all", "someone", "somebody",
                "anyone", "everyone", "everybody", "nobody", "no one"}
_DOC_NOUNS = {"poll", "survey", "study", "report", "statement", "document", "memo", "letter", "data", "analysis", "review",
              "audit", "investigation", "probe", "filing", "complaint", "lawsuit", "ruling", "indictment", "article",
              "editorial", "book", "video", "ad", "advertisement", "release", "post", "tweet", "message", "email",
              "polls", "surveys", "studies", "reports"}


def find_quotes(doc, actors: ActorTable | None = None, cues: CueTable | pd.DataFrame | None = None) -> list[Quote]:
    """Find direct, indirect and scare quotes in a parsed document.

    Parameters
    ----------
    doc : Document
        From :func:`analysis.document.parse` (``parse`` calls this function itself).
    actors : ActorTable, optional
        Actor/alias/camp table; the shipped :meth:`ActorTable.default` when ``None``.
    cues : CueTable or DataFrame, optional
        Reporting cues; the shipped :meth:`CueTable.default` when ``None``.

    Returns
    -------
    list of Quote
        Ordered by start offset (outer spans before the spans nested in them); ``quote_id`` is the
        position in this list.

    Examples
    --------
    >>> from analysis.document import parse
    >>> doc = parse("Prices, the central bank said, will keep rising. It was a 'soft landing'.")
    >>> [(q.kind, q.speaker, q.text) for q in doc.quotes]
    [('indirect', 'the central bank', 'Prices'), ('indirect', 'the central bank', 'will keep rising'), ('scare', None, 'soft landing')]
    """
    if actors is None:
        actors = ActorTable.default()
    elif isinstance(actors, pd.DataFrame):
        actors = ActorTable.from_frame(actors)
    if cues is None:
        cues = CueTable.default()
    elif isinstance(cues, pd.DataFrame):
        cues = CueTable.from_frame(cues)
    if not isinstance(actors, ActorTable):
        raise TypeError(f"actors must be an ActorTable or DataFrame, got {type(actors).__name__}")
    if not isinstance(cues, CueTable):
        raise TypeError(f"cues must be a CueTable or DataFrame, got {type(cues).__name__}")
    if not doc.text:
        return []
    return _Finder(doc, actors, cues).run()
