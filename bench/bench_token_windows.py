"""The quote finder's token windows: one regex pass per window, or one tokenization per document?

Issue 17 asked for one tokenization per document shared by every stage.  The quote finder reads
tokens through ``_Finder.toks(lo, hi)``: the ``_TOK_RE`` tokens of ``text[lo:hi]``.  This script
records every window the finder asks for on the first ``--docs`` AllSides articles and times, in
CPU time (best of ``--repeat`` interleaved rounds):

* ``windows``: what the finder does, one regex pass per window
  (:func:`analysis.attribution._tokens.window_tokens`);
* ``whole text, then slices``: one ``_TOK_RE`` pass over every document building the token list
  (offsets and strings), then every window sliced from it with two bisections -- exact, because a
  window differs from the whole text only in the run of non-space characters its start falls in
  and in its last run, which are matched again (checked against the windows on every call).

It prints how much of the text the windows cover (with and without their overlaps) and both
times.  The document's own word tokens (``Document.tokens``, :data:`analysis.document.WORD_RE`)
are other tokens (no punctuation tokens; ``U.S`` and ``3.5`` are one word there, ``Mr.`` loses its
dot), so they cannot stand in for ``_TOK_RE``'s.

Run: ``.venv/bin/python bench/bench_token_windows.py [--docs 400] [--repeat 5] [--datasets PATH]``
"""
from __future__ import annotations

import bisect
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis.attribution import finder as finder_module  # noqa: E402
from analysis.attribution._tokens import _FAST, window_tokens  # noqa: E402
from analysis.attribution.patterns import _TOK_RE  # noqa: E402
from analysis.datasets import read_allsides  # noqa: E402
from analysis.document import parse  # noqa: E402
from bench_pipeline import allsides_options, interleaved  # noqa: E402

_SPACED_TOK_RE = re.compile(rf"(\s*)({_FAST}{_TOK_RE.pattern})", _TOK_RE.flags)


class WholeTextTokens:
    """Every ``_TOK_RE`` token of a text from one pass, and any window's tokens sliced from them."""

    def __init__(self, text: str) -> None:
        self.text = text
        tokens: list[tuple[int, int, str]] = []
        run_firsts: list[int] = []  # index of the first token of each run of non-space characters
        pos = 0
        for gap, tok in _SPACED_TOK_RE.findall(text):
            if gap or not pos:
                run_firsts.append(len(tokens))
            pos += len(gap)
            tokens.append((pos, pos + len(tok), tok))
            pos += len(tok)
        self.tokens, self.run_firsts = tokens, run_firsts
        self.starts = [t[0] for t in tokens]

    def window(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        lo, hi = max(lo, 0), min(hi, len(self.text))
        if lo >= hi:
            return []
        starts, firsts, tokens = self.starts, self.run_firsts, self.tokens
        j = bisect.bisect_left(starts, hi)
        if j == 0:
            return window_tokens(self.text, lo, hi)
        last = firsts[bisect.bisect_right(firsts, j - 1) - 1]  # the last run before hi: matched again
        i = bisect.bisect_left(starts, lo)
        head = []
        if i > 0 and tokens[i - 1][1] > lo:  # lo inside a token: its run is matched again from lo
            k = bisect.bisect_left(firsts, i)
            if k == len(firsts) or firsts[k] >= last:
                return window_tokens(self.text, lo, hi)
            i = firsts[k]
            head = [t for t in window_tokens(self.text, lo, hi) if t[0] < starts[i]]
        if i >= last:
            return window_tokens(self.text, lo, hi)
        return head + tokens[i:last] + window_tokens(self.text, starts[last], hi)


def recorded_windows(docs, res) -> list[tuple[str, int, int]]:
    calls: list[tuple[str, int, int]] = []
    original = finder_module._Finder.toks

    def record(self, lo, hi):
        calls.append((self.text, lo, hi))
        return original(self, lo, hi)

    finder_module._Finder.toks = record
    try:
        for d in docs:
            finder_module.find_quotes(d, actors=res.actors, cues=res.cues)
    finally:
        finder_module._Finder.toks = original
    return calls


def main(argv=None) -> int:
    args, root = allsides_options(argv, __doc__.splitlines()[0], repeat=5)
    if root is None:
        return 0
    from analysis.pipeline import _resources

    texts = [t for t in read_allsides(root / "allsides_article_bias").head(args.docs)["text"] if t.strip()]
    res = _resources()
    docs = [parse(t, quotes=False) for t in texts]
    calls = recorded_windows(docs, res)
    whole = {id(d.text): WholeTextTokens(d.text) for d in docs}
    assert all(whole[id(t)].window(lo, hi) == window_tokens(t, lo, hi) for t, lo, hi in calls)

    covered = 0
    by_text: dict[int, list[tuple[int, int]]] = {}
    for t, lo, hi in calls:
        by_text.setdefault(id(t), []).append((lo, min(hi, len(t))))
    for spans in by_text.values():
        end = -1
        for lo, hi in sorted(spans):
            covered += max(0, hi - max(lo, end))
            end = max(end, hi)
    n_chars = sum(len(t) for t in texts)
    summed = sum(max(0, min(hi, len(t)) - lo) for t, lo, hi in calls)

    def run_windows():
        for t, lo, hi in calls:
            window_tokens(t, lo, hi)

    per_doc = [(d.text, [(lo, hi) for t, lo, hi in calls if t is d.text]) for d in docs]

    def run_whole():  # as the finder would: one document at a time, its tokens dropped after it
        for text, windows in per_doc:
            if windows:
                tokenized = WholeTextTokens(text)
                for lo, hi in windows:
                    tokenized.window(lo, hi)

    cpu = time.process_time
    best = {name: sec for name, (sec, _) in interleaved(
        {"windows": (run_windows, cpu), "whole text, then slices": (run_whole, cpu)}, args.repeat).items()}
    print(f"AllSides: {len(texts)} articles, {n_chars:,} characters; the finder asks for {len(calls):,} token windows "
          f"covering {covered / n_chars:.1%} of the text ({summed / n_chars:.1%} counted with their overlaps)")
    print(f"CPU time, best of {args.repeat} interleaved rounds; both give the same tokens for every window")
    for name, sec in best.items():
        print(f"  {name:<26}{sec:8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
