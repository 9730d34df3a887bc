"""Word patterns and word sets shared by several stages (each used by one stage lives with it).

In: ``analysis/data/attribution_words.csv`` (the lexical word lists, see :func:`word_list`).
Out: compiled regular expressions and word sets (``_TOK_RE``, the token pattern every stage reads
tokens with; name, quantity, possessive and vague-source patterns) and :func:`word_list`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .._csv import CSVFormatError, read_csv_text
from ..actors import trie_pattern


#: The word lists of ``analysis/data/attribution_words.csv`` (columns ``word``, ``list``, ``source``).
WORD_LISTS = ("never_speech", "inanimate_heads", "document_nouns", "state_heads", "indefinite_heads", "not_plural",
              "time_extra", "vague_postmodifiers", "office_words", "anonymity_phrases",
              "not_speech_idioms", "role_camp_groups",
              "role_place_aliases", "state_abbreviations", "domain_suffixes", "party_modifiers", "time_openers")


def read_grouped_csv(text: str, where: str, columns: tuple[str, str, str], groups) -> dict[str, frozenset[str]]:
    """``{group: words}`` of a three-column word table (word, group, source) such as
    ``attribution_words.csv`` or ``cue_complements.csv``; a malformed file raises a one-line
    ``ValueError`` naming ``where`` and the line.

    Examples
    --------
    >>> read_grouped_csv("word,list,source\\nnews,not_plural,project\\n", "x.csv", ("word", "list", "source"), WORD_LISTS)
    {'not_plural': frozenset({'news'})}
    >>> read_grouped_csv("word,list,source\\nnews,plural,project\\n", "x.csv", ("word", "list", "source"), WORD_LISTS)
    Traceback (most recent call last):
    ...
    ValueError: x.csv:2: need a word, a list in never_speech, ... and a source; got 'news', 'plural'
    """
    try:
        header, rows = read_csv_text(text)
    except CSVFormatError as exc:
        raise ValueError(f"{where}:{exc.line}: {exc.reason}") from None
    if header != list(columns):
        raise ValueError(f"{where}:1: columns must be {', '.join(columns)}; got {', '.join(header)}")
    out: dict[str, set[str]] = {}
    for line, (word, group, source) in rows:
        if group not in groups or not word.strip() or not source.strip():
            raise ValueError(f"{where}:{line}: need a {columns[0]}, a {columns[1]} in {', '.join(groups)} and a "
                             f"{columns[2]}; got {word!r}, {group!r}")
        out.setdefault(group, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def read_word_lists(path: str | None = None) -> dict[str, frozenset[str]]:
    """Every list of ``analysis/data/attribution_words.csv`` (or of the file ``path``), read once.

    Examples
    --------
    >>> sorted(read_word_lists()["state_heads"])
    ['administration', 'cabinet', 'government', 'regime']
    """
    if path is None:
        where = "analysis/data/attribution_words.csv"
        text = resources.files("analysis").joinpath("data/attribution_words.csv").read_text(encoding="utf-8")
    else:
        where, text = str(path), Path(path).read_text(encoding="utf-8")
    return read_grouped_csv(text, where, ("word", "list", "source"), WORD_LISTS)


def word_list(name: str) -> frozenset[str]:
    """The words of list ``name`` (one of :data:`WORD_LISTS`) in ``analysis/data/attribution_words.csv``.

    Examples
    --------
    >>> sorted(word_list("never_speech"))
    ['known as', 'read', 'so-called', 'titled']
    """
    if name not in WORD_LISTS:
        raise ValueError(f"unknown word list {name!r} (allowed: {', '.join(WORD_LISTS)})")
    return read_word_lists().get(name, frozenset())


_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u201e\u201f\u00ab\u00bb\u2039\u203a\uff02\u301d\u301e`"


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


_CONNECTORS = {"of", "for", "and", "the", "de", "del", "da", "di", "van", "von", "der", "den", "bin", "ibn", "al",
               "el", "la", "le", "du", "y", "&"}


_THAT_RE = re.compile(r"\bthat\b")


_LEAD_RE = re.compile(r"(?:[\s,;:\-\u2014\u2013]|(?:however|but|and|so|yet|still|meanwhile|moreover|furthermore|instead|"
                      r"nevertheless|nonetheless|also|besides|indeed|thus|hence|therefore|now|overall|separately|"
                      r"additionally|likewise|similarly|otherwise)\b,?)+", re.IGNORECASE)


_PARTITIVE_PRONOUNS = {"them", "us", "those", "these"}


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


#: an appositive after a name, up to its first preposition or punctuation: ", a senior analyst| at ..."
_APPOSITIVE_RE = re.compile(r",[ \t]+((?:(?!(?:at|of|for|in|on|with|from|and|who|which|said|says)\b)"
                            r"[\w\-'\u2019]+[ \t]*){1,6})")


_STATE = r"-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?"  # the state after a party letter: "-Ky.", "-N.Y.", "-New Mexico"


_MAX_CONTENT = 1500  # characters: a reported clause never runs longer (bounds work in run-on "sentences")


_VAGUE_POST_RE = re.compile(r"\s+(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|involved\s+in|"
                            r"knowledgeable\s+about|aware\s+of)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\w\-]+(?:\s+[a-z][\w\-]*)?")


_POSS_PRON = {"his": "he", "her": "she", "their": "they", "its": "it"}


_POSS_TOK_RE = re.compile(r"['\u2019]s$|s['\u2019]$")


_INDEF_HEADS = word_list("indefinite_heads")


_VAGUE_POST = (r"(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|involved\s+in|"
               r"knowledgeable\s+about|in|at|inside|within|from|of|on)")


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
