"""Faster equivalents of two patterns the finder scans with: token windows and name runs.

The finder's token windows: ``_TOK_RE``'s tokens of ``text[lo:hi]``, matched a little faster.

In: a text and a window.  Out: ``[(start, end, token)]``, the same list as
``[(m.start(), m.end(), m.group()) for m in _TOK_RE.finditer(text, lo, hi)]``.

The pattern tried here is ``_TOK_RE`` with one branch in front: a run of ASCII lower-case letters
followed by a space or one of ``, ; : ! ? ) " ”``.  Such a run is a whole token of ``_TOK_RE``
wherever it starts: no abbreviation or initial starts in lower case, the initialism branch needs a
"." second, and the word branch stops where the run does (none of those characters is a word
character, an apostrophe or a hyphen); at the window's end the lookahead fails and the
``_TOK_RE`` branches decide, as before.  Trying it first skips the ~50 abbreviation branches for the
commonest token (-13% CPU time on the finder's 16,879 windows of 400 AllSides articles); the
abbreviations themselves are matched as a prefix trie (another -16%).  It is used
only while ``_TOK_RE`` is the pattern it was checked against; otherwise ``_TOK_RE`` itself is.

Why not one tokenization of the whole document, sliced per window: on 400 AllSides articles the
windows cover 28.5% of the text (37% counted with their overlaps), so one ``_TOK_RE`` pass over
every text, sliced exactly per window, costs more (0.25 s) than all the windows together (0.09 s;
``bench/bench_token_windows.py``).
"""
from __future__ import annotations

import re

from ..actors import trie_pattern
from .patterns import _ABBR, _CAP, _CONN, _TOK_RE

# The _TOK_RE pattern the fast branch was checked against (tests/test_attribution_tokens.py).
_CHECKED_TOK_PATTERN = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Jr|Sr|St|Adm|Maj|Cmdr|Supt|Insp|Det|Atty|Amb|Pres"
    r"|Sec|Hon|Pvt|Cpl|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|No)\.(?=\s)"
    r"|(?:[A-Za-z]\.){2,}"
    r"|[A-Z]\.(?=\s+[A-Z])"
    r"|[^\W_]+(?:['\u2019\-][^\W_]+)*(?:(?<=s)['\u2019](?![\w']))?"
    r"|''|``|\S"
)

_FAST = r"[a-z]+(?=[\s,;:!?)\"\u201d])|" if _TOK_RE.pattern == _CHECKED_TOK_PATTERN else ""

# The abbreviations as a prefix trie ("(?:A(?:dm|mb|pr|tty|ug)|C(?:apt|...") instead of ~50 alternatives
# tried one by one at every token that is not a plain lower-case word (-16% on the windows).  The same
# matches: the alternation is followed by "\.(?=\s)" and no abbreviation holds a ".", so at most one
# of them can be followed by "." at a given place, whichever order they are tried in.
_TRIE_TOK = _TOK_RE.pattern.replace(f"(?:{_ABBR})", trie_pattern(_ABBR.split("|")), 1) if _FAST else _TOK_RE.pattern

_WINDOW_TOK_RE = re.compile(_FAST + _TRIE_TOK, _TOK_RE.flags)


def window_tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of every ``_TOK_RE`` token of ``text[lo:hi]`` (``hi`` bounds the lookaheads too).

    Examples
    --------
    >>> t = "Sen. Jo Smith, the U.S. envoy, said. Mr. X spoke"
    >>> [w for _, _, w in window_tokens(t, 0, 29)]
    ['Sen.', 'Jo', 'Smith', ',', 'the', 'U.S.', 'envoy']
    >>> window_tokens(t, 0, len(t)) == [(m.start(), m.end(), m.group()) for m in _TOK_RE.finditer(t)]
    True
    """
    return [(m.start(), m.end(), m.group()) for m in _WINDOW_TOK_RE.finditer(text, lo, hi)]


def name_run_pattern(original: re.Pattern) -> re.Pattern:
    """The name-run pattern of the mention registry, rewritten so that ``re`` can skip to capitals.

    ``original`` opens with a look-behind (no letter, digit, apostrophe, dot or hyphen before the
    run), which makes ``re`` try it at every character of the text.  The rewrite matches the capital
    first and looks behind after it; the abbreviations (``Mr.``, ``Sen.``) are grouped by their
    capital, each group guarded by a look-behind on it, in their original order.  Same matches
    (tests/test_attribution_tokens.py), 2.1x faster on news.  A pattern other than the one this was
    written for comes back unchanged.

    Examples
    --------
    >>> from analysis.attribution.mentions import _NAME_RUN_RE
    >>> t = "Sen. Mitch McConnell met Mrs. May and U.S. envoy J. Doe of the Bank of England."
    >>> [m.span() for m in name_run_pattern(_NAME_RUN_RE).finditer(t)] == [m.span() for m in _NAME_RUN_RE.finditer(t)]
    True
    """
    abbreviations = _ABBR.split("|")
    expected = rf"(?<![\w'\u2019.\-]){_CAP}(?:[ \t](?:{_CONN}[ \t]){{0,2}}{_CAP})*"
    if (original.pattern != expected or original.flags != re.compile("").flags
            or _CAP != r"(?:(?:" + _ABBR + r")\.|[A-Z]\.|[A-Z](?:[\w'\u2019\-]*\w)?)"
            or not all(re.fullmatch("[A-Z][A-Za-z]+", a) for a in abbreviations)):
        return original
    by_capital: dict[str, list[str]] = {}
    for a in abbreviations:
        by_capital.setdefault(a[0], []).append(a[1:])
    rest_of_abbreviation = "|".join(f"(?<={c})(?:{'|'.join(rest)})" for c, rest in by_capital.items())
    rest_of_cap = rf"(?:(?:{rest_of_abbreviation})\.|\.|(?:[\w'\u2019\-]*\w)?)"
    return re.compile(rf"[A-Z](?<![\w'\u2019.\-][A-Z]){rest_of_cap}(?:[ \t](?:{_CONN}[ \t]){{0,2}}{_CAP})*")
