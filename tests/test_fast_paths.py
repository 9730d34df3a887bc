"""The shortcuts taken for speed give exactly what the plain definitions give.

Each hot path that replaced a simpler formulation (for throughput, see ``bench/bench_pipeline.py``)
is checked against that formulation on arbitrary text: a regular expression that opens with a
lookbehind, a whole-word search written as a regex, and so on.
"""
from __future__ import annotations

import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.actors import ActorTable, _left_bounded, _WORD_OR_HYPHEN
from analysis.document import parse
from analysis.attribution.cues import CueTable
from analysis.attribution.context import DocContext
from analysis.attribution.mentions import _written_in_lower_case

# the characters the boundaries are about, mixed with the words of the patterns below
_PIECES = ["Russian", "Russia's", "Defence", "Defense", "Ministry", "of", "the", "Lavrov", "Sergey",
           "x", "-", "'", "’", " ", "  ", "\n", ".", ",", "é", "_", "1", "neither", "Neither", "see"]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 50), st.integers(0, 400))
def test_left_bounded_equals_the_lookbehind_pattern(text, start, length):
    rx = re.compile(r"(?:Russian|Russia's|Ministry(?: of)?|x|-x)(?![\w])")
    reference = re.compile(r"(?<![\w\-])" + rx.pattern)
    start = min(start, len(text))
    end = min(len(text), start + length)
    want = [m.span() for m in reference.finditer(text, start, end)]
    assert list(_left_bounded(rx, _WORD_OR_HYPHEN, text, start, end)) == want


@settings(max_examples=200, deadline=None)
@given(texts)
def test_actor_matches_equal_the_lookbehind_patterns(text):
    """ActorTable.matches against the same table matched with the documented patterns:
    literal aliases at ``(?<![\\w-])``, regex aliases at ``(?<![\\w])`` word boundaries."""
    table = ActorTable.default()
    found = [m for m in table.matches(text)]
    literal = re.compile(r"(?<![\w\-])" + table._pattern.pattern)
    ref = [(m.start(), m.end(), table._literal[" ".join(m.group().split())]) for m in literal.finditer(text)]
    for rx, actor in table._regexes:
        ref.extend((m.start(), m.end(), actor) for m in re.compile(r"(?<![\w])" + rx.pattern).finditer(text))
    ref.sort(key=lambda t: (t[0], t[0] - t[1]))
    kept = []
    for s, e, a in ref:
        if not kept or s >= kept[-1][1]:
            kept.append((s, e, a))
    assert found == kept


def test_regex_alias_needs_a_word_boundary_on_the_left():
    table = ActorTable.default()
    text = "xRussian Defence Ministry; the Russian Defence Ministry and Russia's Ministry of Defense"
    got = [(text[s:e], a) for s, e, a in table.matches(text)]
    assert got == [("Russian Defence Ministry", "Russian Defence Ministry"),
                   ("Russia's Ministry of Defense", "Russian Defence Ministry")]


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from(["neither", "see", "of", "x", "russia's", "é", "x'x", "x.x", "of-x", "see.", "'of", "x'neither"]))
def test_written_in_lower_case_equals_the_whole_word_regex(text, word):
    doc = parse(text, quotes=False)
    want = re.search(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])", text) is not None
    for asked_before in (0, 16):  # the first words of a document are found with text.find, later ones in a set
        ctx = DocContext(doc, ActorTable.default(), CueTable.default())
        ctx.lower_case_words = {f"w{i}": False for i in range(asked_before)}
        assert _written_in_lower_case(ctx, word) is want


# lexicon words next to every kind of VADER rule word, cased and punctuated
_VADER_PIECES = ["good", "GOOD", "bad", "Bad!", "horrible", "love", "hate", "(great)", "not", "NOT", "isn't",
                 "DON'T", "no", "never", "so", "This", "very", "extremely", "kind", "of", "sort", "least",
                 "at", "without", "doubt", "but", "the", "bomb", "cut", "the", "mustard", "yeah", "right",
                 "the", "plan", "Smith", ",", "!", "?"]


@functools.lru_cache(maxsize=1)
def _fast_and_slow_vader():
    from analysis.sentiment import SentimentAnalyzer

    slow = SentimentAnalyzer()
    slow._context = frozenset(slow.lexicon) | slow._context  # every lexicon word goes through _valence
    return SentimentAnalyzer(), slow


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VADER_PIECES), max_size=14).map(" ".join))
def test_polarity_scores_shortcut_equals_the_rule_checks(text):
    fast, slow = _fast_and_slow_vader()
    assert fast.polarity_scores(text) == slow.polarity_scores(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(-1, 1), st.sampled_from([0.0, -0.0, 0.4404, -0.9998])), min_size=1, max_size=300),
       st.lists(st.integers(0, 60), min_size=300, max_size=300))
def test_mean_and_aggregate_lists_equal_numpy_to_the_bit(values, words):
    import math

    import numpy as np

    from analysis.sentiment import _aggregate_lists, _aggregate_values, _mean

    got, want = _mean(values), float(np.mean(values))
    assert got == want and math.copysign(1, got) == math.copysign(1, want)
    n_words = [float(w) for w in words[:len(values)]]
    want = _aggregate_values(np.array(values, dtype=float), np.array(n_words, dtype=float))
    got = _aggregate_lists(values, n_words)
    assert [float(x) for x in got] == [float(x) for x in want] or (
        math.isnan(got[1]) and math.isnan(want[1]) and got[:1] + got[2:] == want[:1] + want[2:])


_CLAUSE_PIECES = ["but", "BUT", "But", "which", "wh\u0131ch", "who\u017fe", "\u0130", "\u212a", "That", "that's", "yet",
                  "Smith", "plan", " ", ",", ", ", ",1", ";", ":", "(", ")", "\u201c", "\u201d", '"', "\u2014", " - ",
                  " \u2013 ", "--", "-", "\u00a0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=16).map("".join))
def test_clause_spans_equal_the_case_insensitive_pattern_piece_by_piece(sentence):
    from analysis.sentiment import _clause_boundary, clause_spans

    rx = _clause_boundary()  # the reference: IGNORECASE on the sentence, every piece checked with fullmatch
    cuts = sorted({0, len(sentence)} | {p for m in rx.finditer(sentence) for p in m.span()})
    want = []
    for a, b in zip(cuts, cuts[1:]):
        piece = sentence[a:b]
        if piece.strip() and not rx.fullmatch(piece):
            want.append((a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())))
    assert clause_spans(sentence) == want


_WORD_PIECES = ["said", "Said", "us", "U.S", "U.S.", "3.5", "it's", "it\u2019s", "US-led", "said.Despite", "e.g.", "x_y",
                "caf\u00e9", "ab2", " ", "  ", "\n", ".", ",", "'", "-", "_", "a", "Zz"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=20).map("".join), st.integers(0, 30), st.integers(0, 60))
def test_tokenize_equals_the_word_pattern(text, start, length):
    from analysis.document import WORD_RE, tokenize

    start = min(start, len(text))
    end = min(len(text), start + length)
    assert tokenize(text, start, end) == [m.span() for m in WORD_RE.finditer(text, start, end)]


_CREDIT_PIECES = ["Getty", " Images", "AFP", "/", " ", "Reuters", "AP", "Photo", ":", "graph", "by", "Credit", "Image", "s",
                  "courtesy", "EPA", "-", "separate", "TASS", "Sputnik", "Pool", "File", "photo", "\u00a9", "(c) ", "(C)",
                  "\u0131", "\u017f", "\u0130", "x", "Shutter\u017ftock", "Alamy", "Picture"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CREDIT_PIECES), min_size=1, max_size=8).map("".join))
def test_credit_check_equals_the_whole_credit_pattern(paragraph):
    from analysis.document import _CREDIT_CUES, _CREDIT_RE, _is_credit

    low = paragraph.lower()
    want = any(c in low for c in _CREDIT_CUES) and _CREDIT_RE.search(paragraph) is not None
    assert _is_credit(paragraph) is want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\r", "\n", "\x85", "\u2028", "\u2029", " ", "x"]), max_size=12).map("".join),
       st.integers(0, 12))
def test_line_break_pattern_equals_its_plain_alternation(text, pos):
    from analysis.document import _LINE_BREAK_RE

    reference = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
    assert [m.span() for m in _LINE_BREAK_RE.finditer(text, pos)] == [m.span() for m in reference.finditer(text, pos)]


@settings(max_examples=200, deadline=None)
@given(texts, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_voice_word_counts_equal_words_between_per_segment(text, bounds):
    """One bisect per segment of a contiguous voice map; any other segment list still counts each alone."""
    from analysis.document import VOICES, VoiceSegment

    doc = parse(text, quotes=False)

    def plain():
        counts = {v: 0 for v in VOICES}
        for seg in doc.voices:
            counts[seg.voice] += doc.words_between(seg.start, seg.end)
        return counts

    assert doc.voice_word_counts() == plain()  # the voice map parse builds
    # segments set by hand: gaps, overlaps, out of order, reversed
    doc.voices = [VoiceSegment(a, b, VOICES[k % len(VOICES)]) for k, (a, b) in enumerate(bounds)]
    assert doc.voice_word_counts() == plain()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab'\u2019s \n", max_size=12))
def test_possessive_endings_equal_their_regexes(token):
    """The attribution stages test token endings with str.endswith where a "...$" regex stood."""
    from analysis.attribution.subjects import _POSSESSIVE_ENDS, _POSSESSIVE_S

    for tok in token.split():  # tokens: no whitespace inside
        assert tok.endswith(_POSSESSIVE_ENDS) == bool(re.search(r"['\u2019]s?$", tok))
        assert tok.endswith(_POSSESSIVE_S) == bool(re.search(r"['\u2019]s$", tok))


_LEXICON_PIECES = ["war", " of ", "terror", "collective", " West", "West's", "so", "-called", "so called", ",", ";", "!",
                   "?", "(", ")", " ", "  ", "\n", "'", "\u2018", "\u2019", "\"", "\u03a3", "\u03c3", "A", ".", "regime",
                   "\u0130", "x", "puppet", "Anglo", "-Saxons"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LEXICON_PIECES), max_size=60).map("".join), st.integers(1, 12))
def test_lexicon_matching_in_pieces_equals_the_whole_text(text, piece_chars):
    """A long text is matched in pieces cut after a character no form holds: the same spans as in one go."""
    import analysis.lexicon as L

    matcher = L.Lexicon.default()._get_matcher()
    whole = matcher._spans(text) if text else []
    old = L._PIECE_CHARS
    try:
        L._PIECE_CHARS = piece_chars
        assert matcher.spans(text) == whole
    finally:
        L._PIECE_CHARS = old


_WINDOW_PIECES = ["Sen.", " ", "  ", "Jo", "Smith", ",", "the", "U.S.", "envoy", "said", ".", "Mr.", "X", "J.", "'s", "s'",
                  "\u2019", "''", "``", "-", "\n", "don't", "Co.", "A.B.", "é", "MoveOn", "org", "www", "cnn", "com"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WINDOW_PIECES), max_size=30).map("".join),
       st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=12))
def test_context_windows_equal_fresh_tokenization(text, windows):
    """DocContext.toks answers narrower windows from a kept wider one: the same tokens as a fresh scan."""
    from analysis.attribution._tokens import window_tokens

    doc = parse(text, quotes=False)
    ctx = DocContext(doc, ActorTable.default(), CueTable.default())
    ends = [hi for _, hi in windows]
    for lo, hi in windows + [(lo, ends[k % len(ends)]) for k, (lo, _) in enumerate(windows)]:
        lo, hi = min(lo, len(text)), min(hi, len(text))
        fresh = DocContext(doc, ActorTable.default(), CueTable.default()).toks(lo, hi)  # nothing kept yet
        assert ctx.toks(lo, hi) == fresh, (lo, hi)
        if not ctx.domain_dots:
            assert fresh == window_tokens(text, lo, hi)


_ALIAS_PIECES = ["Russian", "Russia's", " ", "Defence", "Defense", "Ministry", "x", "N.Y.", "NY", "Smith", "Jo", "-", ".",
                 ",", "\n", "é", "Jr", "RR"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALIAS_PIECES), max_size=30).map("".join), st.integers(0, 20), st.integers(0, 200))
def test_regex_alias_scans_equal_the_lookbehind_pattern(text, start, length):
    """Regex aliases are searched from their literal prefix or from a non-word character: the same matches
    as the alias pattern (which opens with a look-behind) tried everywhere."""
    import pandas as pd

    aliases = [r"(?:Russian|Russia's)\s+Defen[cs]e(?:\s+Ministry)?", r"[A-Z]\w+ Smith", r"N\.Y\.|NY", r"(?i:ministry)"]
    frame = pd.DataFrame({"alias": aliases, "actor": [f"a{k}" for k in range(len(aliases))], "camp": "x",
                          "kind": "organisation", "gender": None, "source": "test", "pattern_type": "regex"})
    table = ActorTable.from_frame(frame)
    start = min(start, len(text))
    end = min(len(text), start + length)
    from analysis.actors import _regex_alias_spans

    for (rx, actor), (_, prefix, after, _) in zip(table._regexes, table._regex_scans):
        want = [m.span() for m in rx.finditer(text, start, end)]
        assert list(_regex_alias_spans(rx, prefix, after, text, start, end)) == want, (rx.pattern, prefix)
    assert [p for _, p, _, _ in table._regex_scans] == ["Russia", "", "N", ""]


def test_written_in_lower_case_for_words_with_apostrophes_and_dots():
    """Words that are not one run of [\\w-] are ruled out by their runs in a long text, else searched."""
    filler = "Plain words here. " * 2000  # a long text: the set of runs is used
    text = filler + "Mr. O'Neill met o'neill fans from the u.s. and x.y-z people."
    doc = parse(text, quotes=False)
    ctx = DocContext(doc, ActorTable.default(), CueTable.default())
    assert _written_in_lower_case(ctx, "o'neill") is True
    assert _written_in_lower_case(ctx, "u.s.") is True
    assert _written_in_lower_case(ctx, "d'souza") is False  # "d" and "souza" are no runs of the text
    assert _written_in_lower_case(ctx, "x.y") is False  # "x.y-z": glued to a hyphen on the right
    assert _written_in_lower_case(ctx, "o'neil") is False  # inside a longer word
