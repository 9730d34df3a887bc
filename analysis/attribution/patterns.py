"""Word patterns and word sets shared by several stages (each used by one stage lives with it).

In: nothing.  Out: compiled regular expressions and word sets (``_TOK_RE``, the token pattern every
stage reads tokens with; name, quantity, possessive and vague-source patterns).
"""
from __future__ import annotations

import re

from ..actors import trie_pattern


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


_INDEF_HEADS = {"one", "another", "some", "many", "others", "both", "several", "most", "few", "all", "someone", "somebody",
                "anyone", "everyone", "everybody", "nobody", "no one"}


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
