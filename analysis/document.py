"""One-pass reading of a news text: paragraphs, sentences, tokens, captions and the voice map.

A text is read **once** into a :class:`Document`.  Every later scorer (quotes, framing, sentiment,
attribution) reads the offsets stored here instead of re-tokenising, and every offset is a Python
``str`` index into the text exactly as given: ``text[start:end]`` is the span, always.

The voice map labels every character with who is speaking:

* ``narrator`` -- the outlet's own words;
* ``paraphrase`` -- the outlet's wording of what a source said (indirect speech);
* ``quoted`` -- a source's verbatim words (direct or partial quote);
* ``scare_quote`` -- a short quoted phrase that is not speech (distancing, titles);
* ``caption`` -- photo captions, credits, bylines, boilerplate.

Nothing here downloads anything: sentence splitting is rule based, with the abbreviation list shipped
in ``analysis/data/abbreviations.csv`` (NLTK's Punkt needs downloaded models for ``sent_tokenize``).

Examples
--------
>>> doc = parse('Mr. Smith arrived in the U.S. on Monday. "We are glad," he said.')
>>> [doc.text[s:e] for s, e in doc.sentences]
['Mr. Smith arrived in the U.S. on Monday.', '"We are glad," he said.']
"""
from __future__ import annotations

import bisect
import csv
import heapq
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module, resources
from operator import itemgetter
from typing import Iterable, Sequence

import pandas as pd

from ._casefold import lower_for_ignorecase

__all__ = [
    "VOICES",
    "Document",
    "VoiceSegment",
    "parse",
    "split_paragraphs",
    "split_sentences",
    "tokenize",
    "detect_captions",
    "build_voice_map",
]

#: The five voices, in order of precedence when spans overlap (highest first).
VOICES = ("caption", "quoted", "scare_quote", "paraphrase", "narrator")
_PRIORITY = {v: len(VOICES) - i for i, v in enumerate(VOICES)}

# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------

#: A word token: letters/digits with inner apostrophes, hyphens or dots ("it's", "US-led", "U.S"); a dot
#: between a lower-case word and a capitalised one ends a sentence glued by scraping ("said.Despite").
WORD_RE = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+|(?!(?<=[a-z][a-z])\.[A-Z][a-z])\.[^\W_]+)*")
# WORD_RE with a shortcut after the first character: a run of ASCII lower-case letters that nothing joins
# on to (no letter or digit, apostrophe, hyphen or dot after it) is a whole token (same matches, 9% faster)
_WORD_FAST_RE = re.compile(r"[^\W_](?:(?<=[a-z])[a-z]*(?![^\W_]|['\u2019\-.])"
                           r"|[^\W_]*(?:['\u2019\-][^\W_]+|(?!(?<=[a-z][a-z])\.[A-Z][a-z])\.[^\W_]+)*)")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the word tokens in ``text[start:end]``.

    Examples
    --------
    >>> t = "US-led forces didn't stay."
    >>> [t[s:e] for s, e in tokenize(t)]
    ['US-led', 'forces', "didn't", 'stay']
    """
    end = len(text) if end is None else end
    return [m.span() for m in _WORD_FAST_RE.finditer(text, start, end)]


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of word tokens in ``text[start:end]`` (the unit of every per-1,000-words rate).

    Examples
    --------
    >>> count_words("The 'collective West' bears direct responsibility.")
    6
    """
    end = len(text) if end is None else end
    return sum(1 for _ in WORD_RE.finditer(text, start, end))


# ---------------------------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------------------------

_TERMINAL = ".!?:;\"'\u201d\u2019)…"
#: Line breaks: LF, CRLF, a bare CR (old Mac files), NEL and U+2028; U+2029 (PARAGRAPH SEPARATOR) ends a paragraph.
_LINE_BREAK_RE = re.compile("[\n\r\x85\u2028\u2029](?:(?<=\r)\n)?")  # = \r\n|[...], opening with the class: re skips to it


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into paragraphs, returned as ``(start, end)`` offsets without surrounding space.

    A blank line (or U+2029) always ends a paragraph; lines end at LF, CRLF, a bare CR, NEL or
    U+2028.  A single line break also ends one (scraped news puts
    captions, credits and paragraphs on lines of their own) unless it looks like a soft wrap: the
    line before does not end in terminal punctuation and the next line starts in lower case.

    Examples
    --------
    >>> t = "Chuck Hagel\\n(c) Getty Images\\nFirst paragraph that is\\nwrapped here.\\n\\nSecond."
    >>> [t[s:e] for s, e in split_paragraphs(t)]
    ['Chuck Hagel', '(c) Getty Images', 'First paragraph that is\\nwrapped here.', 'Second.']
    """
    paras: list[tuple[int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    pos = 0
    n = len(text)
    while pos <= n:
        brk = _LINE_BREAK_RE.search(text, pos)
        nl = -1 if brk is None else brk.start()
        line_end = n if nl == -1 else nl
        line = text[pos:line_end]
        stripped = line.strip()
        if not stripped:
            if cur_start is not None:
                paras.append((cur_start, cur_end))
                cur_start = None
        else:
            lead = len(line) - len(line.lstrip())
            s = pos + lead
            e = pos + len(line.rstrip())
            if cur_start is None:
                cur_start, cur_end = s, e
            else:
                prev_last = text[cur_end - 1]
                first = text[s]
                if prev_last not in _TERMINAL and first.islower():
                    cur_end = e  # soft wrap: same paragraph
                else:
                    paras.append((cur_start, cur_end))
                    cur_start, cur_end = s, e
        if nl == -1:
            break
        if brk.group() == "\u2029" and cur_start is not None:  # PARAGRAPH SEPARATOR: a hard break
            paras.append((cur_start, cur_end))
            cur_start = None
        pos = brk.end()
    if cur_start is not None:
        paras.append((cur_start, cur_end))
    return paras


# ---------------------------------------------------------------------------------------------
# Captions, credits, bylines and boilerplate
# ---------------------------------------------------------------------------------------------

_CREDIT_RE = re.compile(
    r"©|\(c\)\s|\bGetty\s?Images\b|\bAFP\b\s?/|/\s?AFP\b|\bReuters\s?/|/\s?Reuters\b|\bAP\s?Photo\b"
    r"|\bPhoto(?:graph)?\s?:|\bPhoto(?:graph)?\s+by\b|\bCredit\s?:|\bImage\s?:|\bPicture\s?:"
    r"|/\s?EPA\b|\bEPA\s?-|\bShutterstock\b|\bAlamy\b|/\s?TASS\b|\bTASS\s?/|/\s?Sputnik\b|\bSputnik\s?/"
    r"|\bPool\s?/|\bFile\s+photo\b|\bImages?\s+courtesy\b",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:By|Written by|Reporting by|Words by)\s+[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]+|and|&|de|van|von|al|bin))*"
    r"(?:\s*[,|\-\u2013\u2014]\s*.{0,60})?$"
)
_BOILERPLATE_RE = re.compile(
    r"^(?:Updated|Published|Last updated|Posted|Read more|Read also|Also read|Related|Advertisement"
    r"|Subscribe|Sign up|Follow (?:us|\w+ on)|Share (?:this|on)|Click here|Watch:|Listen:|Editing by"
    r"|\(Reporting by|Reporting by|Additional reporting|Copyright|All rights reserved|You can share this story)\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


# Every alternative of _CREDIT_RE contains one of these (lower-cased); testing them first skips the
# slow case-insensitive regex on the many paragraphs that cannot be credits.
_CREDIT_CUES = ("©", "(c)", "getty", "afp", "reuters", "photo", "credit", "image", "picture", "epa",
                "shutterstock", "alamy", "tass", "sputnik", "pool", "courtesy")


@lru_cache(maxsize=None)
def _credit_re_for(cues: frozenset) -> re.Pattern:
    """The alternatives of :data:`_CREDIT_RE` that contain one of ``cues`` (or no cue at all).

    A match of an alternative contains its cue, so a paragraph whose lower-cased text holds only the
    cues ``cues`` can match no other alternative (exact when
    :func:`analysis._casefold.lower_for_ignorecase` gives the lower-cased text).  "separate" holds
    "epa": two alternatives are tried instead of 23.
    """
    alternatives = _CREDIT_RE.pattern.split("|")
    try:
        for a in alternatives:  # top-level alternatives only (a "|" inside a group would not compile alone)
            re.compile(a)
    except re.error:
        return _CREDIT_RE
    keep = []
    for a in alternatives:
        literal = a.lower().replace("\\", "")
        mine = [c for c in _CREDIT_CUES if c in literal]
        if not mine or any(c in cues for c in mine):
            keep.append(a)
    return re.compile("|".join(keep), _CREDIT_RE.flags)


def _is_credit(p: str) -> bool:
    if len(p) > 400:
        return False
    low = p.lower()
    present = frozenset(c for c in _CREDIT_CUES if c in low)
    if not present:
        return False
    # letters IGNORECASE folds unlike lower() (lower_for_ignorecase gives None): every alternative
    rx = _CREDIT_RE if lower_for_ignorecase(p) is None else _credit_re_for(present)
    return rx.search(p) is not None


def detect_captions(
    text: str,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    hints: Iterable[str] = (),
) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of caption, credit, byline and boilerplate text.

    Rules, applied per paragraph (short paragraphs only; a paragraph of running prose is never a
    caption):

    * a photo credit: ``©``, "Getty Images", "AFP/", "Reuters/", "Photo:", "Credit:", ... ;
    * a byline ("By Jane Doe", "Reporting by ...") or boilerplate ("Read more:", "Advertisement");
    * a short line without final punctuation directly before or after a credit line (the photo's
      alt text, or a caption on its own line);
    * any occurrence of a ``hints`` string (e.g. the ``caption`` and ``credit`` of the corpus front
      matter).

    Examples
    --------
    >>> t = "Chuck Hagel\\n© Jason Reed-Pool/Getty ImagesUS Secretary of Defense, 2013\\nLavrov said so."
    >>> [t[s:e] for s, e in detect_captions(t)]
    ['Chuck Hagel', '© Jason Reed-Pool/Getty ImagesUS Secretary of Defense, 2013']
    """
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    texts = [text[s:e] for s, e in paragraphs]
    flags = [False] * len(paragraphs)
    credit = [_is_credit(p) for p in texts]
    for i, p in enumerate(texts):
        if credit[i] or (len(p) <= 120 and (_BYLINE_RE.match(p) or _BOILERPLATE_RE.match(p))):
            flags[i] = True
    for i, p in enumerate(texts):
        if flags[i]:
            continue
        near_credit = (i > 0 and credit[i - 1]) or (i + 1 < len(texts) and credit[i + 1])
        if near_credit and len(p.split()) <= 30 and not _SENTENCE_END_RE.search(p):
            flags[i] = True
    spans = [paragraphs[i] for i, f in enumerate(flags) if f]
    for hint in hints:
        if not isinstance(hint, str) or not hint.strip():
            continue
        hint = hint.strip()
        pos = text.find(hint)
        while pos != -1:
            spans.append((pos, pos + len(hint)))
            pos = text.find(hint, pos + len(hint))
    return _merge_spans(spans)


def _merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(never-final abbreviations, may-end-a-sentence abbreviations, sentence starters)."""
    never, maybe, starters = set(), set(), set()
    path = resources.files("analysis").joinpath("data/abbreviations.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kind = row["kind"].strip()
            tok = row["token"].strip()
            if kind == "starter":
                starters.add(tok)
            elif kind == "final":
                maybe.add(tok.lower())
            else:
                never.add(tok.lower())
    return frozenset(never), frozenset(maybe), frozenset(starters)


# a sentence end: terminal punctuation (and closers) before a space, or -- scraped text that lost
# its spaces or line breaks -- glued between a lower-case word and a capitalised one ("said.Despite")
_CANDIDATE_RE = re.compile(r"[.!?\u2026](?:(?<![.!?\u2026][.!?\u2026])(?:[.!?\u2026]*|(?<=\.)\s\.\s\.)[\"'\u201d\u2019)\]]*(?=\s)"
                           r"|(?<=[a-z][a-z][.!?])[\"'\u201d\u2019)]*(?=[\u201c\u2018]?[A-Z][a-z]))")
# The pattern opens with the punctuation character itself, so `re` skips straight to the next one (a
# pattern opening with a look-behind is tried at every character: 5.6x slower on news); the branches
# look back after it.  The first branch starts only where a run of end punctuation starts: a match
# from inside a run would also match from the run's start, and trying every position of a 1 MB run
# of dots was n**2.  The second is the glued sentence end ("said.Despite").
_OPENERS = "\"'\u201c\u2018([\u00ab"
_INITIALISM_RE = re.compile(r"^(?:[A-Za-z]\.){2,}$")


_WORD_PEEK = 64  # longer than any sentence starter of abbreviations.csv
_NEXT_WORD_RE = re.compile(rf"\s*[{re.escape(_OPENERS)}]*(\S{{0,{_WORD_PEEK}}})")
_PUNCT_TAIL_RE = re.compile(r"[.,;:!?\"'\u201d\u2019]*(?!\S)")


def _next_word(text: str, pos: int, end: int) -> str:
    """The next whitespace-delimited word after ``pos`` without its opening quotes/brackets.

    Reads at most :data:`_WORD_PEEK` characters of it (reading the whole "word" made a text without
    spaces quadratic); a longer word comes back as its first characters, plus its closing punctuation
    when only that follows, or else plus ``"\\x00"``, which no starter ends with.
    """
    m = _NEXT_WORD_RE.match(text, pos, end)
    word = m.group(1)
    if len(word) == _WORD_PEEK:
        tail = _PUNCT_TAIL_RE.match(text, m.end(), end)
        word += tail.group() if tail else "\x00"
    return word


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (one paragraph) into sentence spans.

    Handles titles and abbreviations ("Mr.", "Gen.", "Jan."), initials ("J. K. Rowling"),
    initialisms that may or may not end a sentence ("U.S."), decimals, a period inside a closing
    quote (``."``), ellipses, questions inside quotes followed by the attribution
    (``"Why?" he asked.``), and sentences glued together by scraping that lost a space or line
    break (``said.Despite``: a lower-case word, end punctuation, a capitalised word).  A span
    longer than :data:`MAX_SENTENCE_CHARS` is cut at its last space before the limit.

    Examples
    --------
    >>> t = 'Gen. J. Smith met U.S. officials. He left... "Why now?" she asked. Prices rose 3.5%.'
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Gen. J. Smith met U.S. officials.', 'He left...', '"Why now?" she asked.', 'Prices rose 3.5%.']
    >>> t = "Troops left the U.S. The war ended."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Troops left the U.S.', 'The war ended.']
    """
    end = len(text) if end is None else end
    never, maybe, starters = _abbreviations()
    out: list[tuple[int, int]] = []
    sent_start = start
    for m in _CANDIDATE_RE.finditer(text, start, end):
        cut = m.end()
        nxt = _next_word(text, cut, end)
        if not nxt:
            continue
        first = nxt[0]
        if not (first.isupper() or first.isdigit()):
            continue
        term = m.group()
        if term.startswith(".") and not term.startswith("..") and not term.startswith(". ."):
            lo = max(sent_start, m.start() - 64)  # bounded look-back: no quadratic scans
            ws = text.rfind(" ", lo, m.start())
            ws2 = text.rfind("\n", lo, m.start())
            prev = text[max(ws, ws2, lo - 1) + 1 : m.start() + 1].lstrip(_OPENERS)
            core = prev[:-1].lower()
            if core in never or (len(prev) == 2 and prev[0].isalpha() and prev[0].isupper()):
                continue
            if core == "no" and first.isdigit():
                continue
            if core in maybe or _INITIALISM_RE.match(prev):
                if nxt.rstrip(".,;:!?\"'\u201d\u2019") not in starters:
                    continue
        s = sent_start
        while s < cut and text[s].isspace():
            s += 1
        if s < cut:
            _append_capped(out, text, s, cut)
        sent_start = cut
    s, e = sent_start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        _append_capped(out, text, s, e)
    return out


MAX_SENTENCE_CHARS = 5000
"""Longest sentence span :func:`split_sentences` returns.  No sentence of the 1,300 AllSides articles
comes near it (the longest has 1,959 characters); a longer run without a sentence end (a list, a
table, scraped text that lost its punctuation) is cut at the last space before the limit, so that
work done per sentence and per mention in it stays bounded."""


def _append_capped(out: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    """Append ``(s, e)`` to ``out``, cut into pieces of at most :data:`MAX_SENTENCE_CHARS`."""
    while e - s > MAX_SENTENCE_CHARS:
        limit = s + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", s + 1, limit + 1), text.rfind("\n", s + 1, limit + 1))
        if cut <= s + MAX_SENTENCE_CHARS // 2:
            cut = limit  # no space in the second half of the window: a hard cut
        piece_end = cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        out.append((s, piece_end))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if s < e:
        out.append((s, e))


# ---------------------------------------------------------------------------------------------
# Voice map
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoiceSegment:
    """A contiguous run of characters spoken in one voice (``speaker`` for quoted/paraphrase)."""

    start: int
    end: int
    voice: str
    speaker: str | None = None


def build_voice_map(
    length: int,
    spans: Iterable[tuple[int, int, str, str | None]],
) -> list[VoiceSegment]:
    """Paint labelled spans onto ``[0, length)`` and return contiguous, covering segments.

    ``spans`` are ``(start, end, voice, speaker)``.  Where spans overlap the higher-precedence voice
    wins (caption > quoted > scare_quote > paraphrase > narrator); among equal voices the innermost
    (latest-starting) span wins.  Characters no span covers are ``narrator``.

    Examples
    --------
    >>> segs = build_voice_map(20, [(2, 15, "paraphrase", "A"), (5, 9, "quoted", "A")])
    >>> [(s.start, s.end, s.voice) for s in segs]
    [(0, 2, 'narrator'), (2, 5, 'paraphrase'), (5, 9, 'quoted'), (9, 15, 'paraphrase'), (15, 20, 'narrator')]
    """
    items = []
    for s, e, voice, speaker in spans:
        if voice not in _PRIORITY:
            raise ValueError(f"unknown voice {voice!r}; expected one of {', '.join(VOICES)}")
        s, e = max(0, int(s)), min(length, int(e))
        if e > s and voice != "narrator":
            items.append((s, e, voice, speaker))
    if not items:
        return [VoiceSegment(0, length, "narrator", None)] if length else []
    bounds = sorted({0, length, *[b for it in items for b in it[:2]]})
    items.sort(key=lambda t: t[:3])
    heap: list[tuple[int, int, int, int]] = []  # (-priority, -start, end, index)
    out: list[list] = []  # [start, end, voice, speaker], merged in place; VoiceSegments made once at the end
    j = 0
    for a, b in zip(bounds, bounds[1:]):
        while j < len(items) and items[j][0] <= a:
            s, e, voice, _ = items[j]
            heapq.heappush(heap, (-_PRIORITY[voice], -s, e, j))
            j += 1
        while heap and heap[0][2] <= a:
            heapq.heappop(heap)
        # lazily drop expired entries that are not on top
        best = None
        if heap:
            live = [h for h in heap if h[2] > a]
            if len(live) != len(heap):
                heap[:] = live
                heapq.heapify(heap)
            best = heap[0] if heap else None
        if best is None:
            voice, speaker = "narrator", None
        else:
            _, _, _, idx = best
            voice, speaker = items[idx][2], items[idx][3]
        if out and out[-1][2] == voice and out[-1][3] == speaker and out[-1][1] == a:
            out[-1][1] = b
        else:
            out.append([a, b, voice, speaker])
    return [VoiceSegment(s, e, voice, speaker) for s, e, voice, speaker in out]


# ---------------------------------------------------------------------------------------------
# Document
# ---------------------------------------------------------------------------------------------


@dataclass
class Document:
    """A text read once: paragraphs, sentences, tokens, captions, quotes and the voice map.

    Build it with :func:`parse`.  All offsets index into :attr:`text`.

    Attributes
    ----------
    text : str
        The text exactly as given.
    paragraphs : list of (start, end)
    sentences : list of (start, end)
        Sentences never cross a paragraph boundary.
    sentence_paragraph : list of int
        Index of the paragraph each sentence belongs to.
    tokens : list of (start, end)
        Word tokens (see :data:`WORD_RE`).
    captions : list of (start, end)
        Caption, credit, byline and boilerplate spans.
    quotes : list
        :class:`analysis.quotes.Quote` objects (direct, indirect and scare quotes).
    voices : list of VoiceSegment
        Contiguous segments covering the whole text.
    """

    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    sentence_paragraph: list[int]
    tokens: list[tuple[int, int]]
    captions: list[tuple[int, int]]
    quotes: list = field(default_factory=list)
    voices: list[VoiceSegment] = field(default_factory=list)
    _voice_starts: list[int] = field(default_factory=list, repr=False)
    _token_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self.voices:
            self.set_voice_map([])
        self._token_starts = list(map(itemgetter(0), self.tokens))

    # -- voice map -----------------------------------------------------------------------------
    def set_voice_map(self, spans: Iterable[tuple[int, int, str, str | None]]) -> None:
        """(Re)build the voice map from quote spans; caption spans are always added."""
        all_spans = [(s, e, "caption", None) for s, e in self.captions]
        all_spans.extend(spans)
        self.voices = build_voice_map(len(self.text), all_spans)
        self._voice_starts = [v.start for v in self.voices]

    def voice_at(self, pos: int) -> VoiceSegment:
        """The voice segment that contains character ``pos``.

        Examples
        --------
        >>> doc = parse("Plain narration here.")
        >>> doc.voice_at(3).voice
        'narrator'
        """
        if not self.voices:
            raise IndexError("empty document has no voices")
        i = bisect.bisect_right(self._voice_starts, pos) - 1
        return self.voices[max(i, 0)]

    def voice_of_span(self, start: int, end: int) -> VoiceSegment:
        """The segment covering most of ``[start, end)`` (ties go to the earlier segment)."""
        if end <= start:
            return self.voice_at(start)
        i = max(bisect.bisect_right(self._voice_starts, start) - 1, 0)
        best, best_len = self.voices[i], -1
        while i < len(self.voices) and self.voices[i].start < end:
            seg = self.voices[i]
            overlap = min(end, seg.end) - max(start, seg.start)
            if overlap > best_len:
                best, best_len = seg, overlap
            i += 1
        return best

    def words_between(self, start: int, end: int) -> int:
        """Number of word tokens starting inside ``[start, end)``."""
        return bisect.bisect_left(self._token_starts, end) - bisect.bisect_left(self._token_starts, start)

    def voice_word_counts(self) -> dict[str, int]:
        """Words per voice over the whole document (every voice present as a key)."""
        counts = {v: 0 for v in VOICES}
        starts, bisect_left = self._token_starts, bisect.bisect_left
        end, k = None, 0  # the previous segment's end and the index of its first token at or after it
        for seg in self.voices:
            if seg.start != end:  # not contiguous with the previous segment (the voice map always is)
                k = bisect_left(starts, seg.start)
            end = seg.end
            k_end = bisect_left(starts, end, k) if end >= seg.start else bisect_left(starts, end)
            counts[seg.voice] += k_end - k  # = words_between(seg.start, seg.end)
            k = k_end
        return counts

    @property
    def n_words(self) -> int:
        """Number of word tokens in the whole text, captions included."""
        return len(self.tokens)

    def voices_frame(self) -> pd.DataFrame:
        """The voice map as a tidy table: ``start, end, voice, speaker, n_words, text``."""
        rows = [
            (v.start, v.end, v.voice, v.speaker, self.words_between(v.start, v.end), self.text[v.start : v.end])
            for v in self.voices
        ]
        return pd.DataFrame(rows, columns=["start", "end", "voice", "speaker", "n_words", "text"])

    def sentence_text(self, i: int) -> str:
        """The text of sentence ``i`` (an index into :attr:`sentences`)."""
        s, e = self.sentences[i]
        return self.text[s:e]


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def parse(
    text: str,
    *,
    captions: Iterable[str] = (),
    quotes: bool = True,
    actors=None,
    cues=None,
) -> Document:
    """Read ``text`` once into a :class:`Document`.

    Parameters
    ----------
    text : str
        The article body, verbatim.  Offsets in every output index into it.
    captions : iterable of str, optional
        Known caption/credit strings (e.g. front matter ``caption`` and ``credit``); every occurrence
        is labelled ``caption`` in addition to the detected ones.
    quotes : bool, default True
        Find quotes and paraphrase (:mod:`analysis.quotes`) and build the voice map from them.  With
        ``False`` only captions and narration are labelled.
    actors, cues : optional
        Actor and reporting-cue tables passed on to quote detection (defaults are the shipped ones).

    Returns
    -------
    Document

    Examples
    --------
    >>> doc = parse("Chuck Hagel\\n© Jason Reed-Pool/Getty ImagesUS Secretary of Defense, 2013\\nLavrov spoke.")
    >>> [(v.voice, doc.text[v.start:v.end]) for v in doc.voices][-1]
    ('narrator', '\\nLavrov spoke.')
    >>> doc.voices[0].voice
    'caption'
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, got {type(text).__name__}")
    bad = None if text.isascii() else _SURROGATE_RE.search(text)
    if bad:  # e.g. from a broken "\ud83d" escape in JSON; no table (Arrow, Parquet, UTF-8 CSV) can store it
        raise ValueError(f"text has a lone surrogate U+{ord(bad.group()):04X} at offset {bad.start()}, "
                         "which is not a character; replace it (e.g. with U+FFFD) first")
    paragraphs = split_paragraphs(text)
    sentences: list[tuple[int, int]] = []
    sent_para: list[int] = []
    for i, (s, e) in enumerate(paragraphs):
        for span in split_sentences(text, s, e):
            sentences.append(span)
            sent_para.append(i)
    doc = Document(
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        sentence_paragraph=sent_para,
        tokens=tokenize(text),
        captions=detect_captions(text, paragraphs, hints=captions),
        # with quotes the voice map is built once, below (the quote finder does not read it)
        voices=[VoiceSegment(0, len(text), "narrator")] if quotes else [],
    )
    if quotes:
        find_quotes, voice_spans = _quote_stage()
        doc.quotes = find_quotes(doc, actors=actors, cues=cues)
        doc.set_voice_map(voice_spans(doc.quotes))
    return doc


#: The quote stage :func:`parse` runs: ``(find_quotes, voice_spans)``.  The attribution package, the layer
#: above, hands it over when it is imported (``_register_quote_stage``); this module imports nothing from it.
_QUOTE_STAGE: list = []


def _register_quote_stage(find_quotes, voice_spans) -> None:
    """Hand :func:`parse` the quote finder and the voice-map builder (called by :mod:`analysis.attribution`)."""
    _QUOTE_STAGE[:] = [(find_quotes, voice_spans)]


def _quote_stage():
    if not _QUOTE_STAGE:  # nothing imported the attribution package yet: load it, and it registers itself
        import_module("analysis.attribution")
    return _QUOTE_STAGE[0]
