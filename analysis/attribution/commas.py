"""Full stops and commas inside a noun phrase: where a subject walk may read on past a comma.

In: the finder's token windows (``[(start, end, token)]``, from :meth:`DocContext.toks`).
Out: answers about one comma or full stop: is this full stop an abbreviation's ("Jr.,", "Ill.,",
"R-N.Y.,"), where does the phrase a comma closes end.  Used by :mod:`.subjects` (appositives and
the left walk); reads no context.

Rules here: ``abbreviation-before-comma`` (a name suffix's full stop before a comma ends no
sentence), ``state-before-comma`` (nor does a US state abbreviation's or a party-state marker's).
"""
from __future__ import annotations

from .patterns import word_list

# the abbreviations that end a name ("Robert F. Kennedy Jr.", "Acme Inc."); not states ("Ashland, Va., toppled")
_NAME_SUFFIXES = {"Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "Esq"}


# rule: abbreviation-before-comma
def _dot_before_comma(toks, k: int) -> bool:
    """Whether token ``k`` is the full stop of a name suffix written before a comma ("Kennedy Jr., the
    candidate,"): an abbreviation's, never the end of a sentence."""
    return k + 1 < len(toks) and toks[k + 1][2] == "," and toks[k + 1][0] == toks[k][1] \
        and k > 0 and toks[k - 1][1] == toks[k][0] and toks[k - 1][2] in _NAME_SUFFIXES


# rule: state-before-comma
#: US state abbreviations (AP style, without the last full stop): "Ill.," and "N.Y.," end no sentence
_STATE_ABBREVIATIONS = word_list("state_abbreviations")


def _state_before_comma(toks, k: int) -> str | None:
    """``"state"`` when token ``k`` is the full stop of a US state abbreviation written before a comma
    ("of Peoria, Ill., said"), ``"party"`` when it ends a party-state marker ("Peter King, R-N.Y., who"),
    else None."""
    if not (k + 1 < len(toks) and toks[k + 1][2] == "," and toks[k + 1][0] == toks[k][1] and toks[k][2].endswith(".")):
        return None
    j = k
    while j > 0 and toks[j - 1][1] == toks[j][0] and k - j < 6:
        j -= 1
    word = "".join(t[2] for t in toks[j:k + 1])[:-1]
    if word[:2] in ("D-", "R-", "I-"):
        return "party" if word[2:].lower() in _STATE_ABBREVIATIONS else None
    return "state" if word.lower() in _STATE_ABBREVIATIONS else None


def _state_after_comma(toks, c: int) -> bool:
    """Whether a US state abbreviation and a comma follow the comma ``toks[c]`` (", Ill.,", ", N.Y.,")."""
    for k in range(c + 1, min(c + 6, len(toks) - 1)):
        if toks[k + 1][2] == ",":
            return _state_before_comma(toks, k) == "state"
    return False


def _before_comma(toks, c: int) -> int:
    """The last token of the phrase that the comma ``toks[c]`` closes: ``c - 1``, the abbreviation
    before an abbreviation's full stop ("Robert F. Kennedy Jr.,"), or the name before a party-state marker
    ("Peter King, R-N.Y.,")."""
    if c >= 2 and toks[c - 1][2] == "." and _state_before_comma(toks, c - 1) == "party":
        j = c - 2
        while j > 0 and toks[j - 1][1] == toks[j][0]:
            j -= 1
        if j >= 2 and toks[j - 1][2] == ",":
            return j - 2
    return c - 2 if c >= 2 and toks[c - 1][2] == "." and _dot_before_comma(toks, c - 1) else c - 1


def _with_dot(toks, j: int) -> int:
    """``j``, or the abbreviation's full stop right after it ("Jr." of "Kennedy Jr., the candidate")."""
    return j + 1 if j + 1 < len(toks) and toks[j + 1][2] == "." and _dot_before_comma(toks, j + 1) else j
