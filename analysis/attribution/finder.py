"""The per-document pass that wires the stages together, and :func:`find_quotes`.

In: a :class:`analysis.document.Document`, an actor table and a cue table.
Out: a list of :class:`analysis.attribution.rows.Quote`.
``_Finder`` holds the per-document state (paragraph/sentence starts, quote spans, attributions,
speaker history, name cache) and the position helpers; its stage methods come from the stage
modules, in the order :meth:`_Finder.run` calls them.
"""
from __future__ import annotations

import bisect

import pandas as pd

from .._gc import gc_paused
from ..actors import ActorTable, speaker_words
from .cues import CueHit, CueTable
from .marks import QuoteMarks
from .mentions import Mentions
from ._tokens import window_tokens
from .records import _Att, _QSpan, _Speaker
from .rows import Quote, Rows
from .rules import Rules
from .spans import Spans
from .speakers import Speakers, _vague_re
from .inverted import RightSubjects
from .subjects import Subjects
from .unlinked import UnlinkedQuotes


class _Finder(QuoteMarks, Mentions, Subjects, RightSubjects, Speakers, Rules, UnlinkedQuotes, Spans, Rows):
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
        self.np_cuts: list[int] = []  # starts of subjects that end a reported clause but speak for nobody
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
        return window_tokens(self.text, lo, hi)

    def words(self, s: int, e: int) -> int:
        return self.doc.words_between(s, e) if e > s else 0

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
                self.co_speakers(att)
                self.atts.append(att)
                if att.speaker.name:
                    self.history.append(att.speaker)
        self.resolve_unlinked()
        return self.emit()


_NEVER_SPEECH = {"titled", "so-called", "known as", "read"}


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
    with gc_paused(len(doc.text)):  # long documents: the collector's passes grow with the heap
        return _Finder(doc, actors, cues).run()
