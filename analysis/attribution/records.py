"""The record types the stages pass each other.

``_QSpan`` (a quote-mark span), ``_Speaker`` (who speaks, with the mention's offsets), ``_Att`` (one
attribution: cue, speaker, contents, linked quotes) and ``_Entity`` (a registered name).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .cues import CueHit


@dataclass
class _QSpan:
    open_s: int
    s: int
    e: int
    close_e: int
    closed: bool
    double: bool
    para: int
    para_end: int
    n_words: int = 0
    att: "_Att | None" = None
    kind: str | None = None
    group: int | None = None
    rule: str | None = None  # the rule that linked or classified the span without a cue (an id of RULES)


@dataclass
class _Speaker:
    name: str | None
    camp: str | None
    kind: str  # person, organisation, country, group, vague, pronoun, unknown
    gender: str | None
    m_s: int | None
    m_e: int | None
    vague: bool = False


@dataclass
class _Att:
    cue: CueHit | None
    cue_text: str | None
    cue_s: int | None
    cue_e: int | None
    cue_class: str | None
    speaker: _Speaker
    sent: int
    para: int
    contents: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    group: int = 0
    side: str | None = None
    np_s: int | None = None
    negated: bool = False
    rule: str | None = None  # the rule that found the speaker (an id of RULES)
    co: list = field(default_factory=list)  # further speakers of the same words ("Clinton and Sanders said")


@dataclass
class _Entity:
    pos: int
    end: int
    name: str
    kind: str
    gender: str | None
    camp: str | None
    intro: tuple  # (start, end) of the text around the first mention, or a str
    subject: bool
    sent: int
