"""The per-document context every attribution stage reads and writes.

In: a :class:`analysis.document.Document`, an actor table and a cue table.
Out: one :class:`DocContext`: the text, its paragraph and sentence starts and caption flags, and the
fields the stages fill in as they run, in this order (see :func:`analysis.attribution.finder.find_quotes`):

* :mod:`.marks` writes ``qspans``/``q_open`` (the quote spans);
* :mod:`.mentions` writes the name registry (``persons``, ``orgs``, ``by_surname``, ``party_camp`` ...)
  and reads/writes ``name_cache``;
* :mod:`.finder` writes ``hits``/``hit_starts``/``hit_at`` (the cues outside quotes and captions);
* :mod:`.rules` appends to ``atts``, ``history`` (the speakers heard so far), ``naming`` and ``np_cuts``;
* :mod:`.unlinked` appends to ``atts`` and sets the kind of the quote spans no cue reached;
* :mod:`.rows` reads everything and numbers the groups (``last_group``).

The position helpers (:meth:`DocContext.sent_of`, :meth:`~DocContext.para_of`,
:meth:`~DocContext.sent_bounds`, :meth:`~DocContext.toks`, :meth:`~DocContext.words`) are the only
methods; the stages are plain functions that take the context as first argument.  ``toks`` reads a
domain name ("MoveOn.org") as one token (rule ``domain-name-token``; ``domain_dots``, found once).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..actors import ActorTable, SpeakerWords, speaker_words
from .cues import CueHit, CueTable
from ._tokens import window_tokens
from .patterns import _vague_re, word_list
from .records import _Att, _Entity, _QSpan, _Speaker


# rule: domain-name-token
# the full stop of a domain name ("MoveOn.org", "Realtor.com"): one literal "." first, so re skips to full stops
_DOMAIN_DOT_RE = re.compile(r"\.(?:" + "|".join(sorted(word_list("domain_suffixes"))) + r")(?![\w\-])")


def _join_domains(text: str, toks: list, dots: set[int]) -> list:
    """``toks`` with every domain name whose full stop is in ``dots`` joined into one token:
    "Realtor", ".", "com" -> "Realtor.com"; "www", ".", "cnn", ".", "com" -> "www.cnn.com"."""
    out: list = []
    for t in toks:
        if len(out) > 1 and out[-1][0] in dots and out[-1][1] == t[0] and out[-2][1] == out[-1][0]:
            start = out[-2][0]
            del out[-2:]
            while len(out) > 1 and out[-1][2] == "." and out[-1][1] == start and out[-2][1] == out[-1][0] \
                    and out[-2][2][:1].isalnum():
                start = out[-2][0]  # "www." before "cnn.com"
                del out[-2:]
            t = (start, t[1], text[start:t[1]])
        out.append(t)
    return out


@dataclass(slots=True, eq=False, repr=False)
class DocContext:
    """The state of one pass of the quote finder over one document.

    Examples
    --------
    >>> from analysis.document import parse
    >>> from analysis.actors import ActorTable
    >>> from analysis.attribution.cues import CueTable
    >>> ctx = DocContext(parse("One. Two, he said.", quotes=False), ActorTable.default(), CueTable.default())
    >>> ctx.sent_bounds(7), [t[2] for t in ctx.toks(5, 18)]
    ((1, 5, 18), ['Two', ',', 'he', 'said', '.'])
    """

    doc: object
    actors: ActorTable
    cues: CueTable
    # the document, read only
    text: str = field(init=False)
    W: SpeakerWords = field(init=False)  # pronouns, roles, vague-source words (speaker_words.csv)
    vague_re: re.Pattern = field(init=False)  # a vague source ("officials familiar with the talks")
    paras: list = field(init=False)  # (start, end) of each paragraph
    para_starts: list = field(init=False)
    para_caption: list = field(init=False)  # whether each paragraph overlaps a caption
    sents: list = field(init=False)  # (start, end) of each sentence
    sent_starts: list = field(init=False)
    # marks: quote spans, by opening mark
    qspans: list[_QSpan] = field(default_factory=list)
    q_open: list[int] = field(default_factory=list)
    # mentions: the name registry
    persons: list[_Entity] = field(default_factory=list)
    orgs: list[_Entity] = field(default_factory=list)
    person_pos: list[int] = field(default_factory=list)
    org_pos: list[int] = field(default_factory=list)
    by_surname: dict = field(default_factory=dict)  # surname -> (positions, entities)
    person_names: set[str] = field(default_factory=set)
    party_camp: dict[str, str] = field(default_factory=dict)  # name -> camp of the party its mention gives
    has_party_words: bool = False  # the text names a US party at all (most do not: the checks are skipped)
    party_letter_camps: dict = field(default_factory=dict)  # "D"/"R" -> camp
    name_cache: dict = field(default_factory=dict)  # capitalised run -> name_info
    cacheable: bool = True  # the name_info being computed depends on no position
    lower_case_words: dict[str, bool] = field(default_factory=dict)
    windows: dict = field(default_factory=dict)  # window end -> (start, tokens) of the widest window (toks)
    word_runs: set[str] | None = None  # every maximal run of [\w-] in the text, computed on first use
    # cues outside quotes and captions
    hits: list[CueHit] = field(default_factory=list)
    hit_starts: list[int] = field(default_factory=list)
    hit_at: dict[int, CueHit] = field(default_factory=dict)
    # rules and unlinked: attributions, speakers heard, naming cues, subjects that speak for nobody
    atts: list[_Att] = field(default_factory=list)
    history: list[_Speaker] = field(default_factory=list)
    naming: list[CueHit] = field(default_factory=list)
    np_cuts: list[int] = field(default_factory=list)  # starts of subjects that end a reported clause
    # rows
    last_group: int = 0
    domain_dots: list[int] = field(init=False)  # full stops of domain names (rule domain-name-token)

    def __post_init__(self) -> None:
        doc = self.doc
        self.text = doc.text
        self.W = speaker_words()
        self.vague_re = _vague_re(self.W)
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
        self.domain_dots = [m.start() for m in _DOMAIN_DOT_RE.finditer(self.text)
                            if m.start() and self.text[m.start() - 1].isalnum()]

    # ------------------------------------------------------------------ positions
    def sent_of(self, pos: int) -> int:
        """Index of the sentence that starts at or before ``pos`` (0 when none does)."""
        return max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)

    def para_of(self, pos: int) -> int:
        """Index of the paragraph that starts at or before ``pos`` (0 when none does)."""
        return max(bisect.bisect_right(self.para_starts, pos) - 1, 0)

    def sent_bounds(self, pos: int) -> tuple[int, int, int]:
        """``(sentence index, start, end)`` around ``pos``; in a gap between sentences, the rest of
        the paragraph (index -1 when the document has no sentences)."""
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
        """``(start, end, token)`` of the tokens in ``text[lo:hi]``, a domain name as one token (callers
        must not change the list).

        Stages ask for many windows that end at the same place (a name, a cue) and start at or after a
        window asked for before; the widest window per end is kept.  A narrower window's tokens are
        the kept ones from the first that starts at or after ``lo``, when no kept token runs across
        ``lo``: every ``_TOK_RE`` token starts with a non-space character and looks back no further
        than its own start, so a scan from ``lo`` finds the same tokens, and a domain name joined
        whole after ``lo`` is joined alike.  Otherwise (a word cut by ``lo``) the window is tokenized
        afresh.  Up to 64 ends are kept (a stage asks again right away or not at all), so a long
        document's memory stays flat.
        """
        got = self.windows.get(hi)
        if got is not None:
            wide_lo, toks = got
            if lo == wide_lo:
                return toks
            if lo > wide_lo:
                k = 0
                n = len(toks)
                while k < n and toks[k][0] < lo:
                    k += 1
                if k == 0 or toks[k - 1][1] <= lo:
                    return toks[k:]
        toks = window_tokens(self.text, lo, hi)
        dots = self.domain_dots
        if dots:
            i = bisect.bisect_left(dots, lo)
            if i < len(dots) and dots[i] < hi:
                toks = _join_domains(self.text, toks, set(dots[i:bisect.bisect_left(dots, hi)]))
        if got is None or lo < got[0]:
            if len(self.windows) >= 64:  # the same end is asked for again soon or not at all: keep memory flat
                self.windows.clear()
            self.windows[hi] = (lo, toks)
        return toks

    def words(self, s: int, e: int) -> int:
        """Words in ``text[s:e]``."""
        return self.doc.words_between(s, e) if e > s else 0
