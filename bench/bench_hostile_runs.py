"""Time ``analyze_text`` on one unit repeated to n and to 10 n characters, for ~90 hostile units (issue 20).

Each unit (a letter, a period, a quote mark, a cue phrase, a name, ...) is repeated to ``--small``
and to ``--big`` characters and timed in a child process that is killed after ``--timeout``
seconds.  Linear time gives a ratio near big/small (10 by default; less while start-up costs
dominate); a row whose ratio exceeds 2.5x that (and whose large run takes > 0.3 s) is flagged
``<<<``, as is a run killed on the timeout.  This is the audit behind ``tests/test_pathological.py``.

Run: ``.venv/bin/python bench/bench_hostile_runs.py [--small 20000] [--big 200000] [--timeout 40] [UNIT_NAME ...]``
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

UNITS = {
    "a": "a", "dot": ".", "space": " ", "nl": "\n", "nlnl": "\n\n", "NATO": "NATO ", "lavrov": "Lavrov said that ",
    "dq": '"', "sq": "'", "curly": "\u201c", "curlyc": "\u201d", "said": "said ", "hesaid": "He said ", "Mr": "Mr. ",
    "US": "U.S. ", "comma": ", ", "hyphen": "-", "emdash": "\u2014", "paren": "(", "A": "A ", "The": "The ",
    "Smith": "Smith ", "JohnSmith": "John Smith, ", "saidcolon": 'said: "', "according": "According to ",
    "asked": "asked ", "told": "told ", "socalled": "so-called ", "poss": "'s ", "quoteword": '"word" ',
    "qsaid": '"Yes," he said. ', "Caps": "Aa ", "Capsdot": "Aa. ", "ellipsis": "... ", "apos": "\u2019",
    "dash2": "--", "colon": ": ", "semicolon": "; ", "DR": "(D-Calif.) ", "Sen": "Sen. ", "that": "that ",
    "q_open": '"a ', "sq_open": "'a ", "told_reporters": "told reporters ", "aword": "aaaaaaaaaa ",
    "CapsRun": "Bb Cc Dd ", "who": ", who ", "the": "the ", "sources": "sources familiar with ",
    "percent": "5 percent of ", "Democrat": "Republican of ", "caps_nosp": "AbAb", "comma_nosp": ",", "he": "he ",
    "hyph_word": "a-b-", "qq": "''", "bt": "``", "dot_dq": '."', "amp": "& ", "digits": "1", "digitsdot": "1.",
    "party": "D-", "xml": "<a>", "tab": "\t", "cr": "\r", "u2029": "\u2029", "quoteS": '"S', "questmark": "?",
    "excl": "!", "ell": "\u2026", "Capdot": "A.", "lowdotCap": "ab.Cd", "saidQ": ' said "', "colon_nosp": ":",
    "but": "but good ", "not": "not good ", "very": "very ", "excl3": "good!!! ", "smiley": ":) ",
    "kindof": "kind of ", "never": "never so ", "least": "at least ", "caps": "GOOD ", "without": "without doubt ",
    "nodot": "no. ", "sc_q": 'so-called "reform" ', "sq_words": "'a' ", "quote_open_said": '"a, " said ',
    "ap_s": "Smith's ", "initials": "J. K. ", "he_told": "He told him ", "acc": "according to officials, ",
}


def _run(text: str, out) -> None:
    import analysis

    analysis.analyze_text("Warm up. He said so.")
    t0 = time.perf_counter()
    analysis.analyze_text(text)
    out.put(time.perf_counter() - t0)


def timed(text: str, timeout: float) -> float | None:
    """Seconds ``analyze_text(text)`` takes in a fresh child, or None when killed at ``timeout``."""
    out = mp.Queue()
    child = mp.Process(target=_run, args=(text, out))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return out.get()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", type=int, default=20_000, help="characters of the small run")
    ap.add_argument("--big", type=int, default=200_000, help="characters of the big run")
    ap.add_argument("--timeout", type=float, default=40.0, help="seconds before a run is killed")
    ap.add_argument("units", nargs="*", help=f"unit names (default all {len(UNITS)})")
    args = ap.parse_args(argv)
    flagged = 0
    print(f"{'unit':<16}{'small s':>9}{'big s':>9}{'ratio':>8}   (linear: {args.big / args.small:.0f})")
    for name in args.units or list(UNITS):
        unit = UNITS[name]
        a = timed(unit * (args.small // len(unit)), args.timeout)
        b = timed(unit * (args.big // len(unit)), args.timeout)
        ratio = b / a if a and b else float("nan")
        bad = b is None or (ratio > 2.5 * args.big / args.small and b > 0.3)
        flagged += bad
        fmt = lambda t: f"{t:9.3f}" if t is not None else "   killed"  # noqa: E731
        print(f"{name:<16}{fmt(a)}{fmt(b)}{ratio:8.1f}{'  <<<' if bad else ''}", flush=True)
    print(f"\n{flagged} unit(s) flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
