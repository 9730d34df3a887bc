"""Pathological inputs: time must grow linearly with the length of the text (issue 20).

Each reproducer is timed at a size ``n`` and at ``10 n`` in the same test; the larger run may take
at most ``_MAX_RATIO`` times the smaller (linear is 10x; the quadratic and worse cases these tests
guard against were 100x to 10,000x).  A floor keeps timer noise on tiny runs from failing a test.
A hypothesis strategy builds such runs (repeated tokens, cue words, quote marks, periods) and checks
that :func:`analysis.analyze_text` stays well within a generous bound.
"""
from __future__ import annotations

import multiprocessing
import queue
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis
from analysis.actors import ActorTable, check_regex_alias
from analysis.document import MAX_SENTENCE_CHARS, split_sentences
from analysis.highlight import highlight

_MAX_RATIO = 15.0  # allowed time(10 n) / time(n)
_FLOOR = 0.05  # seconds: below this the small run's time is all noise


def _seconds(fn, repeat: int = 2) -> float:
    """Best CPU time of ``fn`` in this process: other processes loading the machine barely move it."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def _seconds_in_child(fn, limit: float) -> float:
    """``_seconds(fn, 1)`` in a forked child, or ``inf`` when it runs past ``limit`` seconds (then the
    child is killed: a super-linear case would otherwise run for minutes or hours)."""
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows): time it here
        return _seconds(fn, repeat=1)
    out = ctx.Queue()
    child = ctx.Process(target=lambda: out.put(_seconds(fn, repeat=1)), daemon=True)
    child.start()
    try:
        return out.get(timeout=limit)
    except queue.Empty:
        return float("inf")
    finally:
        child.kill()
        child.join()


def _assert_linear(make_text, n: int, run=None, factor: int = 10) -> None:
    """``run(make_text(factor * n))`` takes at most ``_MAX_RATIO`` x ``run(make_text(n))``."""
    run = run or analysis.analyze_text
    run(make_text(max(1, n // 10)))  # warm caches (resources, compiled patterns)
    small_input, big_input = make_text(n), make_text(factor * n)
    small = _seconds(lambda: run(small_input))
    budget = _MAX_RATIO * max(small, _FLOOR)
    big = _seconds_in_child(lambda: run(big_input), limit=budget + 2.0)
    if budget < big < 2 * budget:  # near the line: measure once more (a super-linear case is far beyond)
        big = min(big, _seconds_in_child(lambda: run(big_input), limit=budget + 2.0))
    size = getattr(big_input, "text", big_input)
    assert big <= budget, (f"{len(size):,} chars took {big:.2f} s, {factor}x fewer {small:.3f} s: "
                           f"ratio {big / max(small, 1e-9):.0f} (budget {budget:.2f} s)")


# ---------------------------------------------------------------------------------------------
# the reproducers of issue 20
# ---------------------------------------------------------------------------------------------


def test_asked_then_one_long_word():
    # (?:\s*[\w'’\-]+){1,4}\s+to\s+[a-z] split the word four ways: n**4 (7 s at n=300)
    _assert_linear(lambda n: "She asked " + "a" * n + ".", 300)


def test_told_reporters_then_one_long_word():
    _assert_linear(lambda n: "He told reporters" + "a" * n, 300)


def test_repeated_paraphrase_cue():
    # 0.18 s at 10 KB, 11.8 s at 100 KB: per-mention work over the whole run-on sentence
    _assert_linear(lambda n: "Lavrov said that " * (n // 17), 6_000)


def test_repeated_actor_without_sentence_break():
    # target sentiment per mention walked every clause of the (one) sentence: 98 s at 1 MB
    _assert_linear(lambda n: "NATO " * (n // 5), 40_000)


def test_run_of_periods():
    # every position of the run was tried as a sentence end: 10 s at 30 KB, never ends at 1 MB
    _assert_linear(lambda n: "." * n, 3_000)


def test_text_without_spaces():
    # found by the audit: the word after each sentence candidate was read to the end of the text
    _assert_linear(lambda n: "ab.Cd" * (n // 5), 10_000)


class _Shown:
    """Just what highlight() reads: text, hits and quotes."""

    def __init__(self, k: int):
        unit = '"We won," Smith said. '
        self.text = unit * k
        starts = [i * len(unit) for i in range(k)]
        self.quotes = pd.DataFrame({"start": starts, "end": [s + 9 for s in starts], "kind": "direct",
                                    "speaker": "Smith"})
        self.hits = pd.DataFrame(columns=["start", "end", "category"])


def test_highlight_many_quotes():
    # every pair of quotes was compared for nesting: 170 s for a 5 MB article
    _assert_linear(_Shown, 500, run=lambda doc: highlight(doc, legend=False))


def test_highlight_nested_quote_heights_unchanged():
    doc = _Shown(2)
    doc.quotes = pd.DataFrame({"start": [0, 1, 2, 30], "end": [20, 9, 5, 40], "kind": "direct", "speaker": None})
    out = highlight(doc, legend=False)
    assert "padding-bottom:6px" in out and "padding-bottom:3px" in out and out.count("padding-bottom:0px") == 2


def test_long_runs_are_cut_into_bounded_sentences():
    text = "NATO " * 5_000
    spans = split_sentences(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
    assert "".join(text[s:e] + " " for s, e in spans) == text  # cut at spaces, nothing lost
    assert split_sentences("Short one. Another.") == [(0, 10), (11, 19)]


# ---------------------------------------------------------------------------------------------
# user regex aliases
# ---------------------------------------------------------------------------------------------


def test_nested_quantifier_alias_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("alias,pattern_type,actor,camp,kind,source\n"
                    "Smith,literal,John Smith,west,person,test\n"
                    "(a+)+b,regex,Evil,west,person,test\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{path}:3: regex alias '\(a\+\)\+b' could backtrack super-linearly"):
        ActorTable.from_csv(path)


@pytest.mark.parametrize("pattern", [r"(a+)+b", r"(?:\w+\s?)+Smith", r"(a|ab)+c", r"\w+\w*x", r"(\w)\1+",
                                     r"\w+\s?\w+"])
def test_dangerous_aliases_are_refused(pattern):
    with pytest.raises(ValueError, match="super-linearly|matches the empty string"):
        check_regex_alias(pattern, "t.csv:2")


@pytest.mark.parametrize("pattern", [r"(?:German|Germany's) (?:government|cabinet)", r"Sen(?:ator|\.)?\s+Smith",
                                     r"[A-Z]\w+\s+Smith", r"\d+\.\d+ percent", r"[A-Z]\.?\s*Obama"])
def test_ordinary_aliases_pass(pattern):
    assert check_regex_alias(pattern).pattern == pattern


def test_shipped_regex_aliases_pass():
    ActorTable.default()  # would raise on a dangerous alias


def test_regex_alias_on_one_long_word_is_linear():
    # a search tried the alias at every position of the word and scanned the rest of it from each
    table = ActorTable.from_frame(pd.DataFrame({"alias": [r"[A-Z]\w+\s+Smith"], "pattern_type": ["regex"],
                                                "actor": ["Smith"], "camp": ["west"], "kind": ["person"],
                                                "source": ["test"]}))
    _assert_linear(lambda n: "A" * n, 20_000, run=table.matches)
    assert table.matches("aSmith Ab Smith, Abc  Smith") == [(7, 15, "Smith"), (17, 27, "Smith")]


def test_word_choice_refuses_a_dangerous_regex_alias():
    from analysis.compare import word_choice

    table = pd.DataFrame({"actor": ["Evil"], "alias": ["(a+)+b"], "regex": [True]})
    with pytest.raises(ValueError, match=r"^word_choice: actor table row 0: regex alias .* super-linearly"):
        word_choice(["a" * 40], table)


def test_regex_alias_glued_to_a_word_is_linear():
    # a match glued to the previous word was retried one character on: n**2 in a run of capitals
    table = ActorTable.from_frame(pd.DataFrame({"alias": [r"[A-Z]\w*"], "pattern_type": ["regex"],
                                                "actor": ["Caps"], "camp": ["west"], "kind": ["group"],
                                                "source": ["test"]}))
    _assert_linear(lambda n: "a" + "B" * n, 20_000, run=table.matches)
    assert table.matches("aBC De") == [(4, 6, "Caps")]


# ---------------------------------------------------------------------------------------------
# generated runs
# ---------------------------------------------------------------------------------------------

_PIECES = ["a", "aaaa", ".", "...", " ", "\n", "\n\n", ",", ";", ":", "-", "\u2014", '"', "'", "\u201c", "\u201d",
           "\u2018", "\u2019", "(", ")", "NATO", "Lavrov", "Smith", "Mr.", "U.S.", "He", "She", "they", "said",
           "says", "told", "asked", "according to", "that", "reporters", "so-called", "to", "the", "?", "!",
           "Cd", "1", "''", "``"]
_OPENINGS = ["", "She asked ", "He told reporters", "Lavrov said that ", 'Officials said: "', "The so-called "]

#: an opening (often a cue), then a unit of a few pieces repeated many times, then an end: the shape
#: of every reproducer above
runs = st.builds(
    lambda opening, unit, times, end: opening + unit * times + end,
    st.sampled_from(_OPENINGS),
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3).map(lambda ws: " ".join(ws) + (" " if len(ws) > 1 else "")),
    st.integers(min_value=1, max_value=3000),
    st.sampled_from(["", ".", " to go.", '"', " said."]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs)
@example("She asked " + "a" * 300 + ".")
@example("He told reporters" + "a" * 300)
@example("." * 20_000)
@example("ab.Cd" * 10_000)
def test_generated_runs_finish_quickly(text):
    analysis.analyze_text("Warm up. He said so.")  # resources load once, outside the timing
    # ~12 µs a character is the slowest linear case measured (a cue every 17 characters)
    bound = 1.0 + 5e-5 * len(text)
    took = _seconds_in_child(lambda: analysis.analyze_text(text), limit=bound)
    assert took < bound, f"{len(text):,} chars took more than {bound:.1f} s: {text[:80]!r}..."
    res = analysis.analyze_text(text)
    assert all(0 <= s < e <= len(text) for s, e in zip(res.quotes["start"], res.quotes["end"]))
