"""Actors, aliases and camps; word lists used to recognise and resolve speakers.

An **actor** is a person, organisation, country or group that can speak or be spoken about
(``Sergey Lavrov``, ``NATO``, ``the Taliban``).  Each actor belongs to at most one **camp**
(``russia``, ``west``, ``taliban``, ``us_democrat`` ...), the unit in which attribution balance
is measured.  Camps come only from the table: an actor the table does not know has camp ``None``
(never a guess).

The table lives in ``analysis/data/actors.csv``, one row per alias:

* ``alias`` -- the text to match.  ``pattern_type`` says whether it is a ``literal`` (default)
  or a ``regex`` (Python syntax, matched case-sensitively at word boundaries);
* ``pattern_type`` -- ``literal`` or ``regex``;
* ``actor`` -- canonical name (the same for all aliases of one actor);
* ``camp`` -- camp identifier, empty for none;
* ``kind`` -- ``person``, ``organisation``, ``country`` or ``group``;
* ``gender`` -- ``m``/``f`` for persons, empty otherwise or when unknown;
* ``source`` -- where the row comes from.

Literal aliases are matched **case-sensitively** (so ``US`` is not ``us``) at word boundaries;
an alias written with a lower-case first letter (``the West``) also matches its capitalised form
(``The West``).  Overlapping matches go to the longest alias (``Washington Post`` beats
``Washington``).

The module also loads ``analysis/data/speaker_words.csv``: pronouns, honorifics, role and
organisation nouns, vague-source heads, title words and a small first-name/gender list used by
:mod:`analysis.quotes` to find and resolve speakers (:func:`speaker_words`).

Examples
--------
>>> table = ActorTable.default()
>>> table.resolve("Russian Foreign Minister Sergey Lavrov")
('Sergey Lavrov', 'russia')
>>> table.find("NATO and the US met.")[["mention", "actor", "camp"]].values.tolist()
[['NATO', 'NATO', 'west'], ['US', 'United States', 'west']]
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

import pandas as pd

from ._csv import CsvTable

__all__ = ["ActorInfo", "ActorTable", "SpeakerWords", "check_regex_alias", "speaker_words", "trie_pattern"]

_KINDS = {"person", "organisation", "country", "group"}
_KIND_ALIASES = {"organization": "organisation", "org": "organisation", "state": "country"}
_IDENT_RE = re.compile(r"^[a-z][a-z0-9_]*$")
#: what follows a name that belongs to someone else of that name: "Jr.", ", Sr.", "III"
_SUFFIX = r",?[ \t]+(?:Jr|Sr)\b|[ \t]+(?:II|III|IV)\b"
_WORD_CHAR = re.compile(r"\w").match  # (text, pos): a word character at pos
_WORD_OR_HYPHEN = re.compile(r"[\w\-]").match
_RUN_OF = {_WORD_CHAR: re.compile(r"\w*").match, _WORD_OR_HYPHEN: re.compile(r"[\w\-]*").match}


try:  # the parser behind re.compile; public as sre_parse before Python 3.11
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

_ONE_CHAR_OPS = {"LITERAL", "NOT_LITERAL", "ANY", "IN", "CATEGORY"}
_REPEAT_OPS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
# characters on which two adjacent repeated items are tried for overlap (ASCII, Latin-1, general
# punctuation, and the spaces and letters of other scripts a name may hold)
_PROBE_CHARS = "".join(map(chr, range(9, 0x250))) + "\u2000\u2009\u2010\u2013\u2014\u2019\u201c\u201d\u0391\u0410\u05d0\u0627\u4e00"


def _unparse_one(item) -> str:
    """A pattern for one single-character item of a parsed regex (for the overlap probe)."""
    op, av = str(item[0]), item[1]
    if op == "LITERAL":
        return re.escape(chr(av))
    if op == "NOT_LITERAL":
        return "[^" + re.escape(chr(av)) + "]"
    if op == "ANY":
        return "(?s:.)"
    if op == "CATEGORY":
        return _CATEGORIES.get(str(av), ".")
    parts, negate = [], False  # IN: a character set
    for sop, sav in av:
        sop = str(sop)
        if sop == "NEGATE":
            negate = True
        elif sop == "LITERAL":
            parts.append(re.escape(chr(sav)))
        elif sop == "RANGE":
            parts.append(re.escape(chr(sav[0])) + "-" + re.escape(chr(sav[1])))
        elif sop == "CATEGORY":
            parts.append(_CATEGORIES.get(str(sav), ""))
        else:  # unknown member: assume it may overlap anything
            return "(?s:.)"
    return "[" + ("^" if negate else "") + "".join(parts) + "]" if parts else "(?s:.)"


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _repeat_problem(items) -> str | None:
    """Why the parsed regex ``items`` could backtrack super-linearly, or ``None``."""
    prev_repeat = None  # the repeated single-character item just before, if any
    for op, av in items:
        op = str(op)
        if op in _REPEAT_OPS:
            lo, hi, body = av
            body = list(body)
            if hi > 1 and not (len(body) == 1 and str(body[0][0]) in _ONE_CHAR_OPS):
                return "a quantifier (+, *, {m,n}) on a group or alternation (like (a+)+ or (?:a|ab)*)"
            if hi <= 1:
                why = _repeat_problem(body)
                if why:
                    return why
                if lo:
                    prev_repeat = None
                continue  # an optional item may match nothing: the repeats around it still meet
            if prev_repeat is not None:
                a, b = re.compile(_unparse_one(prev_repeat)), re.compile(_unparse_one(body[0]))
                if any(a.match(c) and b.match(c) for c in _PROBE_CHARS):
                    return "two quantified items in a row that can match the same character (like \\w+\\w*)"
            prev_repeat = body[0]
            continue
        if op not in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width items do not separate repeats
            prev_repeat = None
        if op in ("GROUPREF", "GROUPREF_EXISTS"):
            return "a backreference or a conditional group"
        if op == "SUBPATTERN":
            why = _repeat_problem(av[-1])
        elif op == "BRANCH":
            why = next((w for w in map(_repeat_problem, av[1]) if w), None)
        elif op in ("ASSERT", "ASSERT_NOT"):
            why = _repeat_problem(av[1])
        elif op == "ATOMIC_GROUP":
            why = _repeat_problem(av)
        else:
            why = None
        if why:
            return why
    return None


def check_regex_alias(pattern: str, where: str = "regex alias") -> re.Pattern:
    """Compile a user's regex alias, refusing patterns that can backtrack super-linearly.

    Allowed: any regex in which ``+``, ``*`` and ``{m,n}`` (n > 1) repeat a single character or
    character class (``\\s+``, ``[A-Z]\\w*``) and no two such repeats in a row can match the same
    character; groups, alternations and ``?`` as you like.  Refused, with a one-line
    ``ValueError`` naming ``where``: a quantifier on a group or alternation (``(a+)+b``,
    ``(?:\\w+\\s?)+``), two overlapping repeats in a row (``\\w+\\w*``), backreferences, invalid
    syntax and patterns that match the empty string.  Such patterns are the ones whose matching
    time can grow exponentially (or as a high power) with the length of the text.

    Parameters
    ----------
    pattern : str
        The alias, Python ``re`` syntax.
    where : str
        Where the alias comes from (``file:line``), for the error message.

    Returns
    -------
    re.Pattern

    Examples
    --------
    >>> bool(check_regex_alias(r"(?:German|Germany's)\\s+(?:government|cabinet)").match("German  cabinet"))
    True
    >>> check_regex_alias("(a+)+b", "actors.csv:7")
    Traceback (most recent call last):
    ...
    ValueError: actors.csv:7: regex alias '(a+)+b' could backtrack super-linearly: a quantifier (+, *, {m,n}) on a group or alternation (like (a+)+ or (?:a|ab)*); repeat single characters or classes only (see docs/lexicon.md)
    """
    try:
        compiled = re.compile(pattern)
        parsed = _sre_parse.parse(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: invalid regex alias {pattern!r}: {exc}") from None
    if compiled.match("") is not None:
        raise ValueError(f"{where}: regex alias {pattern!r} matches the empty string")
    why = _repeat_problem(list(parsed))
    if why:
        raise ValueError(f"{where}: regex alias {pattern!r} could backtrack super-linearly: {why}; "
                         "repeat single characters or classes only (see docs/lexicon.md)")
    return compiled


def _literal_prefix(pattern: str) -> str:
    r"""The characters every match of the regex ``pattern`` starts with (``""`` when it has none, or
    matches case-insensitively).

    Examples
    --------
    >>> _literal_prefix(r"(?:Russian|Russia's)\s+Defen[cs]e"), _literal_prefix(r"[A-Z]\w+ Smith"), _literal_prefix("(?i)nato")
    ('Russia', '', '')
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return ""
    if parsed.state.flags & re.IGNORECASE:
        return ""
    out = []
    for op, av in parsed:
        if str(op) != "LITERAL":
            break
        out.append(chr(av))
    return "".join(out)


def _regex_alias_spans(rx: re.Pattern, prefix: str, after_sep: re.Pattern, text: str, start: int, end: int):
    r"""``(start, end)`` of the matches of the regex alias ``rx`` (which opens with ``(?<!\w)``) in
    ``text[start:end]``, as ``rx.finditer`` gives them, without trying ``rx`` at every character.

    With a literal ``prefix`` (every match starts with it) ``rx`` is tried only where ``str.find`` sees
    the prefix after a non-word character: the same places ``rx`` could match, fewer attempts, so no
    pattern gets slower; otherwise :func:`_after_non_word` searches from non-word characters.

    Examples
    --------
    >>> rx = re.compile(r"(?<!\w)(?:N\.Y\.|NY)(?![\w])")
    >>> after = re.compile(r"\W((?:N\.Y\.|NY)(?![\w]))")
    >>> t = "NY, xNY N.Y.NY N.Y. NY"
    >>> list(_regex_alias_spans(rx, "N", after, t, 0, len(t))) == [m.span() for m in rx.finditer(t)]
    True
    """
    if not prefix:
        yield from _after_non_word(rx, after_sep, text, start, end)
        return
    find = text.find
    pos = start
    while (i := find(prefix, pos, end)) >= 0:
        m = None if i and _WORD_CHAR(text, i - 1) else rx.match(text, i, end)
        if m is None:
            pos = i + 1
            continue
        yield m.span()
        pos = m.end() if m.end() > i else i + 1


def _after_non_word(rx: re.Pattern, after_sep: re.Pattern, text: str, start: int, end: int):
    r"""``(start, end)`` of the matches of ``rx`` = ``(?<!\w)(?:A)(?!...)`` in ``text[start:end]``, as
    ``rx.finditer`` gives them, found with ``after_sep`` = ``\W((?:A)(?!...))``.

    ``rx`` opens with a look-behind, so ``re`` tries it at every character (a regex alias cost more
    than all the literal aliases together); ``after_sep`` opens with a non-word character, which
    ``re`` skips to in C, and a match of ``A`` there is one of ``rx`` one character on.  A match right
    at ``start`` (whose look-behind sees ``text[start - 1]``) is tried with ``rx`` itself; after a
    match ending at ``e`` the search resumes at ``e - 1``, so that a non-word character ending the
    match can stand before the next one.  Inside a word no attempt is made, so a pattern such as
    ``[A-Z]\w+ Smith`` stays linear on one long word.

    Examples
    --------
    >>> rx = re.compile(r"(?<!\w)(?:N\.Y\.|NY)(?![\w])")
    >>> after = re.compile(r"\W((?:N\.Y\.|NY)(?![\w]))")
    >>> t = "NY, xNY N.Y.NY N.Y. NY"
    >>> list(_after_non_word(rx, after, t, 0, len(t))) == [m.span() for m in rx.finditer(t)]
    True
    """
    m = rx.match(text, start, end)
    if m is not None and m.end() > m.start():
        yield m.span()
        pos = m.end()
    else:
        pos = start
    while (m := after_sep.search(text, max(pos - 1, start), end)) is not None:
        s, e = m.span(1)
        if e == s:  # an empty match (refused when the table is read): step on as finditer would
            pos = e + 1
            continue
        yield s, e
        pos = e


def _left_bounded(rx: re.Pattern, before, text: str, start: int, end: int):
    """``(start, end)`` of the matches of ``(?<!X)`` + ``rx`` in ``text[start:end]``, as ``finditer`` gives them,
    where ``before(text, i)`` tells whether ``text[i]`` is an ``X``.

    A pattern that opens with a lookbehind makes ``re`` try it at every position; ``rx`` alone
    starts with literals, which ``re`` skips to quickly, so the lookbehind is checked here.
    After a match glued to the previous word the search goes on past the end of that run of
    ``X`` characters (no match can start inside it): retrying one character on was quadratic
    for a regex alias such as ``[A-Z]\\w*`` in a long run of capitals."""
    run = _RUN_OF[before]
    pos = start
    while (m := rx.search(text, pos, end)) is not None:
        ms, me = m.span()
        if ms and before(text, ms - 1):  # glued to the previous word: go on after the word
            pos = run(text, ms).end() + 1
            continue
        yield ms, me
        pos = me if me > ms else ms + 1


def trie_pattern(strings: Iterable[str], space: str = r"\s+") -> str:
    """Return a regex alternation of ``strings`` factored as a prefix trie.

    Python's ``re`` tries the branches of a flat alternation one by one; a trie-shaped pattern
    shares prefixes, so matching hundreds of literals stays fast.  Spaces in the strings become
    ``space`` (any run of whitespace by default).  No anchors or boundaries are added.

    Examples
    --------
    >>> p = trie_pattern(["said", "says", "according to"])
    >>> p
    '(?:according\\\\s+to|sa(?:id|ys))'
    >>> bool(re.fullmatch(p, "according  to"))
    True
    """
    trie: dict = {}
    for s in strings:
        if not s:
            continue
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        keys = sorted(k for k in node if k)
        if not keys:
            return ""
        alts = []
        for k in keys:
            esc = space if k == " " else re.escape(k)
            alts.append(esc + build(node[k]))
        optional = "" in node
        if len(alts) == 1 and not optional:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if optional else body

    return build(trie)


def _clean(value) -> str | None:
    """A CSV/DataFrame cell as a stripped string, or None when missing/empty."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    s = str(value).strip()
    return s or None


@dataclass(frozen=True)
class ActorInfo:
    """Attributes of one actor: canonical name, camp, kind and gender (``None`` when unknown)."""

    actor: str
    camp: str | None
    kind: str
    gender: str | None


class ActorTable(CsvTable):
    """Actors with their aliases, camps, kinds and genders; finds and resolves mentions.

    Build it with :meth:`default`, :meth:`from_csv` or :meth:`from_frame`; combine tables with
    :meth:`merge` (rows of the other table win for aliases both define).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per alias, with the columns :attr:`COLUMNS` (``pattern_type`` and ``gender`` optional).
    origin : str
        Name of the table in error messages (the file path for :meth:`from_csv`).
    lines : list of int, optional
        File line of each row, so that errors read ``origin:line`` (set by :meth:`from_csv`);
        otherwise they read ``origin row i``.

    Examples
    --------
    >>> t = ActorTable.default()
    >>> t.resolve("the Association of Wartime Allies lobby group")
    ('Association of Wartime Allies', 'civil_society')
    >>> t.resolve("Lavrov's")
    ('Sergey Lavrov', 'russia')
    >>> t.resolve("a passer-by")
    (None, None)
    >>> t.info("Maria Zakharova").gender
    'f'
    """

    COLUMNS = ("alias", "pattern_type", "actor", "camp", "kind", "gender", "source")
    _REQUIRED = ("alias", "actor", "camp", "kind", "source")

    _what = "actor table"

    def __init__(self, frame: pd.DataFrame, *, origin: str = "<DataFrame>", lines: list[int] | None = None) -> None:
        self._origin = origin
        self._frame = self._validate(frame, origin, lines)
        self._info: dict[str, ActorInfo] = {}
        self._literal: dict[str, str] = {}
        self._regexes: list[tuple[re.Pattern, str]] = []
        self._regex_scans: list[tuple[re.Pattern, str, re.Pattern, str]] = []
        for row in self._frame.itertuples(index=False):
            self._info.setdefault(row.actor, ActorInfo(row.actor, _clean(row.camp), row.kind, _clean(row.gender)))
            if row.pattern_type == "regex":
                # the left word boundary is part of the pattern: inside a word the lookbehind gives up
                # at once, where a search without it tried every position of a long word and scanned
                # the rest of the word from each (n**2 for "[A-Z]\w+\s+Smith" on one 1 MB word)
                self._regexes.append((re.compile(rf"(?<!\w)(?:{row.alias})(?![\w]|{_SUFFIX})"), row.actor))
                # the same matches, found faster: from the alias's literal prefix when it has one, else from
                # the non-word character before them (see _regex_alias_spans)
                self._regex_scans.append((self._regexes[-1][0], _literal_prefix(row.alias),
                                          re.compile(rf"\W((?:{row.alias})(?![\w]|{_SUFFIX}))"), row.actor))
            else:
                self._literal[row.alias] = row.actor
                if row.alias[0].islower():
                    self._literal.setdefault(row.alias[0].upper() + row.alias[1:], row.actor)
        self._resolve_cache: dict = {}
        self._lower = {}
        for alias, actor in self._literal.items():
            if not alias.isupper():  # acronyms stay case-sensitive
                self._lower.setdefault(alias.lower(), actor)
        pat = trie_pattern(sorted(self._literal), space=r"\s+")
        # the left boundary (no word character or hyphen before) is checked in matches(), see below
        # not before a generational suffix: "Donald Trump Jr." is another person than "Donald Trump"
        self._pattern = re.compile(rf"(?:{pat})(?![\w]|['’][A-Za-z]{{2}}|{_SUFFIX})") if pat else None

    # -- construction ----------------------------------------------------------------------------
    @staticmethod
    def _validate(frame: pd.DataFrame, origin: str, lines: list[int] | None = None) -> pd.DataFrame:
        """The checked rows of ``frame``; errors name ``origin`` and the row's file line (or position)."""
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{origin}: expected a pandas DataFrame, got {type(frame).__name__}")
        missing = [c for c in ActorTable._REQUIRED if c not in frame.columns]
        if missing:
            raise ValueError(f"{origin}: missing column(s) {', '.join(missing)}; "
                             f"expected {', '.join(ActorTable.COLUMNS)}")
        rows = []
        seen_actor: dict[str, tuple] = {}
        seen_alias: dict[str, tuple] = {}
        for i, rec in enumerate(frame.to_dict("records")):
            where = f"{origin}:{lines[i]}" if lines is not None else f"{origin} row {i}"
            alias = _clean(rec.get("alias"))
            actor = _clean(rec.get("actor"))
            if alias is None:
                raise ValueError(f"{where}: empty alias")
            if actor is None:
                raise ValueError(f"{where}: empty actor for alias {alias!r}")
            ptype = (_clean(rec.get("pattern_type")) or "literal").lower()
            if ptype not in ("literal", "regex"):
                raise ValueError(f"{where}: pattern_type must be 'literal' or 'regex', got {ptype!r}")
            if ptype == "regex":
                check_regex_alias(alias, where)
            elif not any(ch.isalnum() for ch in alias):
                raise ValueError(f"{where}: alias {alias!r} has no letter or digit")
            camp = _clean(rec.get("camp"))
            if camp is not None and not _IDENT_RE.match(camp):
                raise ValueError(f"{where}: camp {camp!r} must be a lower-case identifier (a-z, 0-9, _)")
            kind = (_clean(rec.get("kind")) or "").lower()
            kind = _KIND_ALIASES.get(kind, kind)
            if kind not in _KINDS:
                raise ValueError(f"{where}: kind must be one of {', '.join(sorted(_KINDS))}, got {kind!r}")
            gender = _clean(rec.get("gender"))
            gender = gender.lower() if gender else None
            if gender not in (None, "m", "f"):
                raise ValueError(f"{where}: gender must be 'm', 'f' or empty, got {gender!r}")
            source = _clean(rec.get("source"))
            if source is None:
                raise ValueError(f"{where}: empty source for alias {alias!r} (say where the entry comes from)")
            attrs = (camp, kind, gender)
            if actor in seen_actor and seen_actor[actor][0] != attrs:
                raise ValueError(f"{where}: actor {actor!r} has camp/kind/gender {attrs} but "
                                 f"{seen_actor[actor][1]} gave {seen_actor[actor][0]}")
            seen_actor.setdefault(actor, (attrs, where))
            if ptype == "literal":
                if alias in seen_alias and seen_alias[alias][0] != actor:
                    raise ValueError(f"{where}: alias {alias!r} maps to {actor!r} but "
                                     f"{seen_alias[alias][1]} maps it to {seen_alias[alias][0]!r}")
                seen_alias.setdefault(alias, (actor, where))
            rows.append((alias, ptype, actor, camp, kind, gender, source))
        return pd.DataFrame(rows, columns=list(ActorTable.COLUMNS))

    @classmethod
    def default(cls) -> "ActorTable":
        """The shipped table (``analysis/data/actors.csv``), loaded once and cached."""
        return _default_actor_table()

    def merge(self, other: "ActorTable") -> "ActorTable":
        """A new table with ``other``'s rows added; for an alias both define, ``other`` wins.

        Examples
        --------
        >>> extra = pd.DataFrame([{"alias": "Kofi Annan", "actor": "Kofi Annan", "camp": "international_org",
        ...                        "kind": "person", "gender": "m", "source": "example"}])
        >>> ActorTable.default().merge(ActorTable.from_frame(extra)).resolve("Kofi Annan")
        ('Kofi Annan', 'international_org')
        """
        mine = self._frame[~self._frame["alias"].isin(set(other._frame["alias"]))]
        mine = mine[~mine["actor"].isin(set(other._frame["actor"]))]
        return ActorTable(pd.concat([mine, other._frame], ignore_index=True), origin="<merged>")

    def __len__(self) -> int:
        return len(self._info)

    def __repr__(self) -> str:
        return f"ActorTable({len(self._info)} actors, {len(self._frame)} aliases, from {self._origin})"

    # -- lookups ---------------------------------------------------------------------------------
    @property
    def actors(self) -> list[str]:
        """Canonical actor names."""
        return list(self._info)

    @property
    def camps(self) -> list[str]:
        """Distinct camps (sorted), without ``None``."""
        return sorted({i.camp for i in self._info.values() if i.camp})

    def info(self, actor: str | None) -> ActorInfo | None:
        """The :class:`ActorInfo` of a canonical actor name, or ``None``."""
        return self._info.get(actor) if actor else None

    def matches(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, actor)`` of alias matches in ``text[start:end]``, non-overlapping, longest first.

        This is the fast path (no pandas) used inside the quote finder.

        Examples
        --------
        >>> ActorTable.default().matches("The Washington Post said Washington's plan failed.")
        [(0, 19, 'Washington Post'), (25, 35, 'United States')]
        """
        end = len(text) if end is None else end
        found = []
        if self._pattern is not None:
            literal = self._literal
            found.extend((ms, me, literal[_norm_space(text[ms:me])]) for ms, me in
                         _left_bounded(self._pattern, _WORD_OR_HYPHEN, text, start, end))
        for rx, prefix, after_sep, actor in self._regex_scans:
            found.extend((ms, me, actor) for ms, me in _regex_alias_spans(rx, prefix, after_sep, text, start, end))
        if not self._regexes:
            return found
        found.sort(key=lambda t: (t[0], t[0] - t[1]))
        out: list[tuple[int, int, str]] = []
        for s, e, a in found:
            if out and s < out[-1][1]:
                continue
            out.append((s, e, a))
        return out

    def find(self, text: str) -> pd.DataFrame:
        """Mentions of actors in ``text`` as a tidy table ``start, end, mention, actor, camp``.

        Examples
        --------
        >>> ActorTable.default().find("Lavrov met Muttaqi.")[["start", "end", "actor", "camp"]].values.tolist()
        [[0, 6, 'Sergey Lavrov', 'russia'], [11, 18, 'Amir Khan Muttaqi', 'taliban']]
        """
        if not isinstance(text, str):
            raise TypeError(f"find() needs a str, got {type(text).__name__}")
        rows = [(s, e, text[s:e], a, self._info[a].camp) for s, e, a in self.matches(text)]
        return pd.DataFrame(rows, columns=["start", "end", "mention", "actor", "camp"])

    def lookup(self, name: str) -> str | None:
        """Canonical actor for an exact alias (case-sensitive; non-acronyms also case-insensitive)."""
        if "  " in name or "\n" in name or "\t" in name:
            name = _norm_space(name)
        actor = self._literal.get(name)
        if actor is None and not name.isupper():
            actor = self._lower.get(name.lower())
        if actor is None:
            for rx, a in self._regexes:
                if rx.fullmatch(name):
                    return a
        return actor

    def resolve(self, mention_text: str) -> tuple[str | None, str | None]:
        """``(actor, camp)`` for a mention, or ``(None, None)`` when no alias fits.

        Tries, in order: the exact alias (after stripping a possessive ``'s`` and a leading
        ``the``), then an alias that ends the mention (``Russian Foreign Minister Sergey Lavrov``)
        or is followed only by organisation nouns (``the Association of Wartime Allies lobby
        group``).
        """
        if not isinstance(mention_text, str):
            return None, None
        hit = self._resolve_cache.get(mention_text)
        if hit is not None:
            return hit
        out = self._resolve(mention_text)
        if len(self._resolve_cache) < 20000:
            self._resolve_cache[mention_text] = out
        return out

    def _resolve(self, mention_text: str) -> tuple[str | None, str | None]:
        m = _strip_possessive(mention_text.strip())
        for cand in (m, re.sub(r"^(?:the|The)\s+", "", m)):
            actor = self.lookup(cand) if cand else None
            if actor:
                return actor, self._info[actor].camp
        found = self.matches(m)
        if found:
            s, e, actor = found[-1]
            tail = m[e:].strip()
            words = speaker_words()
            if not tail or all(w.lower() in words.org_nouns for w in tail.split()):
                return actor, self._info[actor].camp
        return None, None


def _norm_space(s: str) -> str:
    return " ".join(s.split())


_POSS_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def _strip_possessive(s: str) -> str:
    return _POSS_RE.sub("", s)


@lru_cache(maxsize=1)
def _default_actor_table() -> ActorTable:
    path = resources.files("analysis").joinpath("data/actors.csv")
    with resources.as_file(path) as p:
        return ActorTable.from_csv(p)


# ---------------------------------------------------------------------------------------------
# Speaker word lists
# ---------------------------------------------------------------------------------------------

_WORD_KINDS = ("pronoun", "honorific", "role", "title_word", "org", "vague", "skip", "time", "connective",
               "determiner", "boundary", "first_name")


@dataclass(frozen=True)
class SpeakerWords:
    """Word lists used to find and resolve speakers (all keys lower-case).

    ``pronouns`` maps a pronoun to ``m``/``f`` (he/she), ``p`` (they), ``o`` (it), ``1``/``2``
    (first/second person); ``roles`` and ``first_names`` map to a gender or ``None``; the rest are
    sets.  Plural forms of role, organisation and vague nouns are added automatically.
    """

    pronouns: dict
    honorifics: dict
    roles: dict
    title_words: frozenset
    org_nouns: frozenset
    vague: frozenset
    skip: frozenset
    time: frozenset
    connectives: frozenset
    determiners: frozenset
    boundary: frozenset
    first_names: dict


def _plural(w: str) -> str:
    if w.endswith("man"):
        return w[:-3] + "men"
    if w.endswith("person"):
        return w[:-6] + "people"
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "ch", "sh")):
        return w + "es"
    return w + "s"


def load_speaker_words(path: str | os.PathLike) -> SpeakerWords:
    """Read a speaker word list CSV (``word, kind, gender, source``); errors name file and line."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"speaker word list not found: {path}")
    lists: dict[str, dict] = {k: {} for k in _WORD_KINDS}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"word", "kind", "gender", "source"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            word = (row["word"] or "").strip().lower()
            kind = (row["kind"] or "").strip()
            gender = (row["gender"] or "").strip() or None
            if not word:
                raise ValueError(f"{path}:{line}: empty word")
            if kind not in lists:
                raise ValueError(f"{path}:{line}: unknown kind {kind!r}; expected one of {', '.join(_WORD_KINDS)}")
            if not (row["source"] or "").strip():
                raise ValueError(f"{path}:{line}: empty source for {word!r}")
            lists[kind][word] = gender
    roles = dict(lists["role"])
    for w, g in list(lists["role"].items()):
        roles.setdefault(_plural(w), g)
    orgs = set(lists["org"]) | {_plural(w) for w in lists["org"]}
    vague = set(lists["vague"])
    return SpeakerWords(
        pronouns=lists["pronoun"],
        honorifics=lists["honorific"],
        roles=roles,
        title_words=frozenset(lists["title_word"]),
        org_nouns=frozenset(orgs),
        vague=frozenset(vague),
        skip=frozenset(lists["skip"]),
        time=frozenset(lists["time"]),
        connectives=frozenset(lists["connective"]),
        determiners=frozenset(lists["determiner"]),
        boundary=frozenset(lists["boundary"]),
        first_names=lists["first_name"],
    )


@lru_cache(maxsize=1)
def speaker_words() -> SpeakerWords:
    """The shipped speaker word lists (``analysis/data/speaker_words.csv``), cached.

    Examples
    --------
    >>> w = speaker_words()
    >>> w.pronouns["she"], w.first_names["hillary"], "spokeswoman" in w.roles
    ('f', 'f', True)
    """
    path = resources.files("analysis").joinpath("data/speaker_words.csv")
    with resources.as_file(path) as p:
        return load_speaker_words(p)
