"""VADER-exact sentence sentiment, document aggregation and target (actor) sentiment.

What this module gives
----------------------
* :func:`polarity_scores` / :class:`SentimentAnalyzer` -- a re-implementation of VADER
  (Hutto & Gilbert, ICWSM 2014) whose ``neg``/``neu``/``pos``/``compound`` are **identical**
  (``==``, not approximately equal) to ``vaderSentiment`` 3.3.2, including its quirks (emoji
  replacement, punctuation emphasis, ALL-CAPS differential, boosters and dampeners, negation with
  "never so/this" and "without doubt", "least", "no", the contrastive "but", "kind of", the special
  idioms and the n-gram checks, rounding).  It reads the reference's own lexicon files
  (``vader_lexicon.txt``, ``emoji_utf8_lexicon.txt``) from the installed package once per process;
  the rule word lists (negations, boosters, special cases) live in
  ``analysis/data/sentiment_vader_rules.csv``.  It does the same arithmetic in the same order, but
  lower-cases each token once, uses sets and dicts, and skips all work for tokens outside the
  lexicon, which makes it several times faster (``bench/bench_sentiment.py``).
* :func:`aggregate_sentences` -- document scores from sentence scores.  VADER's compound is
  ``x / sqrt(x**2 + 15)`` of a sum over *all* words, so on a long text it saturates towards -1 or +1
  (a 40-sentence article with a handful of mildly negative words scores like a furious tweet).
  Documents are therefore always scored from their sentences, never as one string.
* :func:`target_sentiment` / :func:`evaluate_target_sentiment` -- sentiment toward a mention (an
  actor) from the clause that contains it (neighbouring clauses down-weighted) rather than from the
  whole sentence.  On NewsMTSC ``devtest_rw`` (1,146 targets) macro-F1 rises from 0.512 (whole
  sentence, +-0.05) to 0.544 (clause, thresholds tuned on train); see
  ``bench/bench_target_sentiment.py``.  Both are far below trained target-dependent models: VADER
  only sees sentiment words, not who they are aimed at.

Framing is not sentiment
------------------------
VADER does not know framing words.  "regime", "militants", "occupation" and "so-called" carry no
valence in its lexicon, so a sentence that calls a government a regime scores exactly like the
neutral wording.  Loaded language (``analysis.framing``) and sentiment are separate measures and
must be reported separately:

>>> polarity_scores("The regime killed protesters.")["compound"]
-0.7506
>>> polarity_scores("The government killed protesters.")["compound"]
-0.7506
>>> [polarity_scores(w)["compound"] for w in ("regime", "militants", "occupation", "so-called")]
[0.0, 0.0, 0.0, 0.0]
"""
from __future__ import annotations

import bisect
import csv
import math
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ._casefold import lower_for_ignorecase

__all__ = [
    "SentimentAnalyzer",
    "polarity_scores",
    "score_many",
    "aggregate_sentences",
    "clause_spans",
    "newsmtsc_targets",
    "default_analyzer",
    "target_sentiment",
    "label_from_compound",
    "evaluate_target_sentiment",
    "tune_thresholds",
    "macro_f1",
]

_DATA = Path(__file__).resolve().parent / "data"
RULES_PATH = _DATA / "sentiment_vader_rules.csv"

# --- VADER constants (algorithm parameters of vaderSentiment 3.3.2, not word lists) -------------
C_INCR = 0.733  # ALL-CAPS emphasis
N_SCALAR = -0.74  # negation
_PUNCT = string.punctuation
_SCORE_KEYS = ("neg", "neu", "pos", "compound")


# --- resources ------------------------------------------------------------------------------------
def _read_vader_resource(name: str) -> str:
    """Text of a data file shipped inside the installed ``vaderSentiment`` package."""
    try:
        ref = resources.files("vaderSentiment").joinpath(name)
        data = ref.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:  # pragma: no cover - env problem
        raise FileNotFoundError(
            f"vaderSentiment resource {name!r} not found: install vaderSentiment==3.3.2") from exc
    # codecs.open(..., encoding='utf-8') in the reference: no newline translation, BOM kept
    return data.decode("utf-8")


def _lexicon_dict(raw: str) -> dict[str, float]:
    """Parse ``vader_lexicon.txt`` exactly as ``SentimentIntensityAnalyzer.make_lex_dict``."""
    lex: dict[str, float] = {}
    for n, line in enumerate(raw.rstrip("\n").split("\n"), start=1):
        if not line:
            continue
        parts = line.strip().split("\t")
        if len(parts) < 2:
            raise ValueError(f"vader_lexicon.txt line {n}: expected 'word<TAB>score', got {line!r}")
        lex[parts[0]] = float(parts[1])
    return lex


def _emoji_dict(raw: str) -> dict[str, str]:
    """Parse ``emoji_utf8_lexicon.txt`` exactly as ``make_emoji_dict``."""
    emojis: dict[str, str] = {}
    for n, line in enumerate(raw.rstrip("\n").split("\n"), start=1):
        parts = line.strip().split("\t")
        if len(parts) < 2:
            raise ValueError(f"emoji_utf8_lexicon.txt line {n}: expected 'emoji<TAB>text', got {line!r}")
        emojis[parts[0]] = parts[1]
    return emojis


@dataclass(frozen=True)
class _Rules:
    negate: frozenset
    booster: dict
    special: dict  # tuple of lower-case words -> valence
    booster_ngrams: dict  # tuple of words -> scalar, for multi-word boosters ("kind of")
    first_words: frozenset  # first word of every multi-word special case / booster


def _read_rules(path: Path = RULES_PATH) -> _Rules:
    negate: set[str] = set()
    booster: dict[str, float] = {}
    special: dict[tuple, float] = {}
    try:
        fh = open(path, newline="", encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: VADER rule table missing") from None
    with fh:
        reader = csv.DictReader(fh)
        for row in reader:
            line = reader.line_num
            rule, term, value = row.get("rule"), row.get("term"), row.get("value")
            if not term or not row.get("source"):
                raise ValueError(f"{path} line {line}: 'term' and 'source' are required")
            try:
                if rule == "negation":
                    negate.add(term)
                elif rule == "booster":
                    booster[term] = float(value)
                elif rule == "special_case":
                    special[tuple(term.split(" "))] = float(value)
                else:
                    raise ValueError(f"unknown rule {rule!r}")
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{path} line {line}: {exc}") from None
    ngrams = {tuple(k.split(" ")): v for k, v in booster.items() if " " in k}
    firsts = frozenset(k[0] for k in list(special) + list(ngrams) if len(k) > 1)
    return _Rules(frozenset(negate), booster, special, ngrams, firsts)


# --- the scorer -------------------------------------------------------------------------------------
class SentimentAnalyzer:
    """VADER sentence scorer, identical in output to ``vaderSentiment`` 3.3.2.

    Resources (the VADER lexicon, the emoji lexicon and the rule table) are loaded once, when the
    analyzer is built; :func:`polarity_scores` uses one shared instance per process.

    Parameters
    ----------
    lexicon : mapping of str to float, optional
        Word valences; default the ``vader_lexicon.txt`` of the installed vaderSentiment.
    emojis : mapping of str to str, optional
        Emoji to text description; default ``emoji_utf8_lexicon.txt``.

    Examples
    --------
    >>> sa = SentimentAnalyzer()
    >>> sa.polarity_scores("VADER is smart, handsome, and funny.")
    {'neg': 0.0, 'neu': 0.254, 'pos': 0.746, 'compound': 0.8316}
    >>> sa.score_many(["Not bad at all", "Today SUX!"])
         neg    neu    pos  compound
    0  0.000  0.513  0.487    0.4310
    1  0.779  0.221  0.000   -0.5461
    """

    def __init__(self, lexicon: Mapping[str, float] | None = None,
                 emojis: Mapping[str, str] | None = None) -> None:
        self.lexicon = dict(lexicon) if lexicon is not None else _lexicon_dict(
            _read_vader_resource("vader_lexicon.txt"))
        self.emojis = dict(emojis) if emojis is not None else _emoji_dict(
            _read_vader_resource("emoji_utf8_lexicon.txt"))
        self._rules = _read_rules()
        # the reference replaces emojis character by character, so only 1-char keys can match
        self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        # the packaged emoji lexicon has no ASCII keys, so ASCII text can skip the replacement
        self._ascii_emoji = any(c.isascii() for c in self._emoji_chars)
        self._lex_contains = self.lexicon.__contains__
        self._token = _TokenForms().__getitem__
        rules = self._rules
        # words that can change the valence of a lexicon word up to three words after them (or that
        # open a special idiom): a lexicon word with none of them as itself or before it, and no
        # "n't" in the text, keeps its lexicon valence (plus the ALL-CAPS emphasis)
        self._context = frozenset(rules.booster) | rules.negate | rules.first_words | {
            "no", "least", "never", "without", "so", "this"}

    # -- emoji replacement ------------------------------------------------------------------------
    def _replace_emojis(self, text: str) -> str:
        emojis = self.emojis
        out = []
        prev_space = True
        for ch in text:
            if ch in emojis:
                desc = emojis[ch]
                if not prev_space:
                    out.append(" ")
                out.append(desc)
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    # -- public API -------------------------------------------------------------------------------
    def polarity_scores(self, text: str) -> dict:
        """Return VADER ``neg``/``neu``/``pos``/``compound`` for one text.

        Parameters
        ----------
        text : str
            A sentence (VADER is designed for sentences; see :func:`aggregate_sentences`).

        Returns
        -------
        dict
            Keys ``neg``, ``neu``, ``pos`` (rounded to 3 decimals) and ``compound`` (4 decimals),
            equal to ``vaderSentiment.SentimentIntensityAnalyzer().polarity_scores(text)``.

        Examples
        --------
        >>> SentimentAnalyzer().polarity_scores("At least it isn't a horrible book.")
        {'neg': 0.0, 'neu': 0.678, 'pos': 0.322, 'compound': 0.431}
        """
        if not isinstance(text, str):
            raise TypeError(f"polarity_scores expects a str, got {type(text).__name__}")
        if (self._ascii_emoji or not text.isascii()) and not self._emoji_chars.isdisjoint(text):
            text = self._replace_emojis(text)
        text = text.strip()
        tokens = text.split()
        n = len(tokens)
        if not n:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        lower = list(map(self._token, tokens))  # VADER's lower-cased word for each token
        inlex = list(map(self._lex_contains, lower))
        if not any(inlex):
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
        booster = self._rules.booster
        # VADER tests word.isupper() on the token stripped of ASCII punctuation (or the token itself);
        # punctuation is uncased, so the token's own isupper() is the same
        upper = list(map(str.isupper, tokens))
        n_upper = sum(upper)
        is_cap_diff = 0 < n - n_upper < n
        sentiments: list = [0] * n
        valence = self._valence
        lex = self.lexicon
        context = self._context
        plain = "n't" not in text.lower()
        for i in compress(range(n), inlex):
            w = lower[i]
            if w in booster:
                continue
            if w == "kind" and i < n - 1 and lower[i + 1] == "of":
                continue
            if plain and w not in context and context.isdisjoint(lower[i - 3 if i > 3 else 0:i]):
                v = lex[w]  # what _valence computes when no rule applies
                if is_cap_diff and upper[i]:
                    v = v + C_INCR if v > 0 else v - C_INCR
                sentiments[i] = v
            else:
                sentiments[i] = valence(i, w, upper, lower, inlex, n, is_cap_diff)
        if "but" in lower:
            _but_check(lower.index("but"), sentiments)
        return _score_valence(sentiments, text)

    def score_many(self, texts: Iterable) -> pd.DataFrame:
        """Score many texts; one row per text, columns ``neg``, ``neu``, ``pos``, ``compound``.

        Missing texts (``None``/NaN) give NaN rows; a pandas Series keeps its index.

        Examples
        --------
        >>> SentimentAnalyzer().score_many(["good", None]).compound.tolist()
        [0.4404, nan]
        """
        index = texts.index if isinstance(texts, pd.Series) else None
        rows = []
        nan_row = (math.nan,) * 4
        for t in texts:
            if isinstance(t, str):
                d = self.polarity_scores(t)
                rows.append((d["neg"], d["neu"], d["pos"], d["compound"]))
            elif t is None or (isinstance(t, float) and math.isnan(t)):
                rows.append(nan_row)
            else:
                raise TypeError(f"score_many expects str or None items, got {type(t).__name__}")
        arr = np.array(rows, dtype=float).reshape(len(rows), 4)
        return pd.DataFrame(arr, columns=list(_SCORE_KEYS), index=index)

    # -- internals --------------------------------------------------------------------------------
    def _valence(self, i, w, upper, lower, inlex, n, is_cap_diff):
        lex = self.lexicon
        rules = self._rules
        booster = rules.booster
        negate = rules.negate
        valence = lex[w]
        if w == "no" and i != n - 1 and inlex[i + 1]:
            valence = 0.0
        if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") or (
                i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor")):
            valence = lex[w] * N_SCALAR
        if is_cap_diff and upper[i]:
            if valence > 0:
                valence += C_INCR
            else:
                valence -= C_INCR
        for start_i in (0, 1, 2):
            if i <= start_i:
                break
            j = i - (start_i + 1)
            if inlex[j]:
                continue
            # scalar_inc_dec
            s = 0.0
            lw = lower[j]
            if lw in booster:
                s = booster[lw]
                if valence < 0:
                    s *= -1
                if is_cap_diff and upper[j]:
                    if valence > 0:
                        s += C_INCR
                    else:
                        s -= C_INCR
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            # _negation_check
            if start_i == 0:
                if lw in negate or "n't" in lw:
                    valence = valence * N_SCALAR
            elif start_i == 1:
                w1 = lower[i - 1]
                if lw == "never" and (w1 == "so" or w1 == "this"):
                    valence = valence * 1.25
                elif lw == "without" and w1 == "doubt":
                    pass
                elif lw in negate or "n't" in lw:
                    valence = valence * N_SCALAR
            else:
                w1, w2 = lower[i - 1], lower[i - 2]
                if (lw == "never" and (w2 == "so" or w2 == "this")) or (w1 == "so" or w1 == "this"):
                    valence = valence * 1.25
                elif lw == "without" and (w2 == "doubt" or w1 == "doubt"):
                    pass
                elif lw in negate or "n't" in lw:
                    valence = valence * N_SCALAR
                valence = self._special_idioms(valence, lower, i, n)
        # _least_check ("least" is not a lexicon word)
        if i > 0 and lower[i - 1] == "least":
            if i > 1:
                if lower[i - 2] != "at" and lower[i - 2] != "very":
                    valence = valence * N_SCALAR
            else:
                valence = valence * N_SCALAR
        return valence

    def _special_idioms(self, valence, lower, i, n):
        rules = self._rules
        firsts = rules.first_words
        w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
        if not (w3 in firsts or w2 in firsts or w1 in firsts or w0 in firsts):
            return valence
        special = rules.special
        for seq in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
            if seq in special:
                valence = special[seq]
                break
        if n - 1 > i:
            seq = (w0, lower[i + 1])
            if seq in special:
                valence = special[seq]
        if n - 1 > i + 1:
            seq = (w0, lower[i + 1], lower[i + 2])
            if seq in special:
                valence = special[seq]
        ngrams = rules.booster_ngrams
        for seq in ((w3, w2, w1), (w3, w2), (w2, w1)):
            if seq in ngrams:
                valence = valence + ngrams[seq]
        return valence


class _TokenForms(dict):
    """Token (a ``str.split()`` piece) -> ``word.lower()`` of VADER's word for it.

    VADER's word is the token stripped of ``string.punctuation`` when more than two characters
    remain, else the token itself.  Computed once per distinct token and kept (up to
    :data:`_TOKEN_FORMS_MAX` tokens, then started afresh), so scoring a sentence looks its tokens
    up in C instead of stripping and lower-casing each one in Python.  The lexicon is not involved,
    so changing an analyzer's ``lexicon`` later stays correct.

    Examples
    --------
    >>> forms = _TokenForms()
    >>> forms["GREAT!!"], forms["ok."], forms[":)"]  # "ok" is two characters: the token is kept
    ('great', 'ok.', ':)')
    """

    __slots__ = ()

    def __missing__(self, token: str) -> str:
        word = token.strip(_PUNCT)
        form = (word if len(word) > 2 else token).lower()
        if len(self) >= _TOKEN_FORMS_MAX:
            self.clear()
        self[token] = form
        return form


_TOKEN_FORMS_MAX = 200_000


def _but_check(bi: int, sentiments: list) -> None:
    """The reference's contrastive-'but' rule, quirks included (list.index finds the first equal
    value, so repeated valences can be rescaled twice)."""
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments[si] = sentiment * 0.5
        elif si > bi:
            sentiments[si] = sentiment * 1.5


def _score_valence(sentiments: list, text: str) -> dict:
    """``score_valence`` of the reference.  Zeros neither change a float sum nor the pos/neg sums,
    so those loop over the non-zero valences only (same values, same order)."""
    nonzero = list(filter(None, sentiments))
    n = len(sentiments)
    if not nonzero:
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    sum_s = float(sum(nonzero))
    ep = text.count("!")
    if ep > 4:
        ep = 4
    ep_amp = ep * 0.292
    qm = text.count("?")
    qm_amp = 0
    if qm > 1:
        qm_amp = qm * 0.18 if qm <= 3 else 0.96
    punct = ep_amp + qm_amp
    if sum_s > 0:
        sum_s += punct
    elif sum_s < 0:
        sum_s -= punct
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0
    pos_sum = 0.0
    neg_sum = 0.0
    for s in nonzero:
        if s > 0:
            pos_sum += (float(s) + 1)
        else:
            neg_sum += (float(s) - 1)
    neu_count = n - len(nonzero)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {"neg": round(math.fabs(neg_sum / total), 3),
            "neu": round(math.fabs(neu_count / total), 3),
            "pos": round(math.fabs(pos_sum / total), 3),
            "compound": round(compound, 4)}


@lru_cache(maxsize=1)
def default_analyzer() -> SentimentAnalyzer:
    """The process-wide :class:`SentimentAnalyzer` (built on first use).

    Examples
    --------
    >>> default_analyzer() is default_analyzer()
    True
    """
    return SentimentAnalyzer()


def polarity_scores(text: str) -> dict:
    """VADER scores of one text, identical to ``vaderSentiment`` 3.3.2.

    Parameters
    ----------
    text : str

    Returns
    -------
    dict
        ``neg``, ``neu``, ``pos``, ``compound``.

    Examples
    --------
    >>> polarity_scores("The book was kind of good.")
    {'neg': 0.0, 'neu': 0.657, 'pos': 0.343, 'compound': 0.3832}
    """
    return default_analyzer().polarity_scores(text)


def score_many(texts: Iterable) -> pd.DataFrame:
    """:meth:`SentimentAnalyzer.score_many` with the shared analyzer.

    Examples
    --------
    >>> score_many(["I love it.", "I hate it."]).compound.tolist()
    [0.6369, -0.5719]
    """
    return default_analyzer().score_many(texts)


# --- document aggregation ------------------------------------------------------------------------
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
_AGG_COLUMNS = ["mean_compound", "weighted_compound", "share_positive", "share_negative",
                "n_sentences"]


def _aggregate_values(compound: np.ndarray, n_words: np.ndarray) -> list:
    """The values of :data:`_AGG_COLUMNS` as plain numbers (the formula of :func:`aggregate_sentences`)."""
    n = len(compound)
    if n == 0:
        return [math.nan, math.nan, math.nan, math.nan, 0]
    total = n_words.sum()
    weighted = float((compound * n_words).sum() / total) if total > 0 else math.nan
    return [float(compound.mean()), weighted, float((compound >= POSITIVE_THRESHOLD).mean()),
            float((compound <= NEGATIVE_THRESHOLD).mean()), n]


_PAIRWISE_MAX = 128  # longer lists go to numpy itself


def _numpy_sum(values, lo: int, n: int) -> float:
    """``values[lo:lo + n]`` summed in the order of numpy's pairwise float64 sum (8 running sums
    per block of up to 128 values, blocks halved recursively), so the result is numpy's to the bit."""
    if n < 8:
        res = -0.0
        for i in range(lo, lo + n):
            res += values[i]
        return res
    if n <= _PAIRWISE_MAX:
        r0, r1, r2, r3, r4, r5, r6, r7 = values[lo:lo + 8]
        stop = lo + n - n % 8
        for j in range(lo + 8, stop, 8):
            r0 += values[j]
            r1 += values[j + 1]
            r2 += values[j + 2]
            r3 += values[j + 3]
            r4 += values[j + 4]
            r5 += values[j + 5]
            r6 += values[j + 6]
            r7 += values[j + 7]
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        for j in range(stop, lo + n):
            res += values[j]
        return res
    half = n // 2
    half -= half % 8
    return _numpy_sum(values, lo, half) + _numpy_sum(values, lo + half, n - half)


def _mean(values: list) -> float:
    """``float(np.mean(values))`` of a non-empty list of floats, to the bit, without numpy's per-call cost.

    Examples
    --------
    >>> _mean([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) == float(np.mean([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]))
    True
    """
    n = len(values)
    if n > _PAIRWISE_MAX:
        return float(np.mean(values))
    return (0.0 + _numpy_sum(values, 0, n)) / n


def _aggregate_lists(compound: list, n_words: list) -> list:
    """:func:`_aggregate_values` of two lists of floats (same values to the bit, without numpy's per-call cost)."""
    n = len(compound)
    if n == 0 or n > _PAIRWISE_MAX:
        return _aggregate_values(np.array(compound, dtype=float), np.array(n_words, dtype=float))
    total = 0.0 + _numpy_sum(n_words, 0, n)
    weighted = (0.0 + _numpy_sum([c * w for c, w in zip(compound, n_words)], 0, n)) / total if total > 0 else math.nan
    positive = sum(1 for c in compound if c >= POSITIVE_THRESHOLD)
    negative = sum(1 for c in compound if c <= NEGATIVE_THRESHOLD)
    return [(0.0 + _numpy_sum(compound, 0, n)) / n, weighted, positive / n, negative / n, n]


def _aggregate_one(compound: np.ndarray, n_words: np.ndarray) -> pd.Series:
    return pd.Series(_aggregate_values(compound, n_words), index=_AGG_COLUMNS, dtype=object)


def aggregate_sentences(sentences, n_words="n_words", *, compound: str = "compound",
                        text: str = "text",
                        by: str | list[str] | None = None) -> pd.Series | pd.DataFrame:
    """Document sentiment from sentence sentiment.

    VADER's compound is ``x / sqrt(x**2 + 15)`` of the summed word valences of the *whole* input,
    so scoring a long article as one string saturates: a few dozen mildly negative words push it
    to about -0.99 whatever the balance of the text.  Score each sentence, then aggregate here.

    Parameters
    ----------
    sentences : DataFrame or array-like
        One row per sentence with a ``compound`` column and either an ``n_words`` column or a
        ``text`` column (word count = ``len(text.split())``).  Or simply the sentence compounds,
        with the word counts as ``n_words``.  Sentences with a missing compound are ignored (a
        sentence that could not be scored is not a neutral sentence).
    n_words : str or array-like
        Column holding the word counts, or the counts themselves.
    compound, text : str
        Column names.
    by : str or list of str, optional
        Group columns (e.g. ``"doc_id"``); then one row per group is returned.

    Returns
    -------
    Series or DataFrame
        ``mean_compound`` (plain mean), ``weighted_compound`` (mean weighted by sentence word
        count), ``share_positive`` (share of sentences with compound >= 0.05),
        ``share_negative`` (<= -0.05) and ``n_sentences``.  Empty input: NaN metrics, 0 sentences.

    Examples
    --------
    >>> df = pd.DataFrame({"compound": [0.5, -0.5, 0.0], "n_words": [10, 30, 10]})
    >>> aggregate_sentences(df)  # same as aggregate_sentences([0.5, -0.5, 0.0], [10, 30, 10])
    mean_compound         0.0
    weighted_compound    -0.2
    share_positive   0.333333
    share_negative   0.333333
    n_sentences             3
    dtype: object
    """
    if not isinstance(sentences, pd.DataFrame):
        if isinstance(n_words, str):
            raise ValueError("aggregate_sentences: with an array of compounds, pass the word counts "
                             "as the second argument")
        comp_arr, words_arr = np.asarray(sentences, dtype=float), np.asarray(n_words, dtype=float)
        if comp_arr.shape != words_arr.shape or comp_arr.ndim != 1:
            raise ValueError(f"aggregate_sentences: {comp_arr.shape[0] if comp_arr.ndim else 0} "
                             f"compounds but word counts of shape {words_arr.shape}")
        sentences, n_words, compound = pd.DataFrame({"compound": comp_arr, "n_words": words_arr}), \
            "n_words", "compound"
    if compound not in sentences.columns:
        raise ValueError(f"aggregate_sentences: column {compound!r} missing "
                         f"(columns: {list(sentences.columns)})")
    df = sentences
    if not isinstance(n_words, str):
        words = pd.Series(np.asarray(n_words, dtype=float), index=df.index)
    elif n_words in df.columns:
        words = df[n_words]
    elif text in df.columns:
        words = df[text].map(lambda t: len(t.split()) if isinstance(t, str) else math.nan)
    else:
        raise ValueError(f"aggregate_sentences: need a {n_words!r} or {text!r} column")
    work = pd.DataFrame({"_c": pd.to_numeric(df[compound]), "_w": pd.to_numeric(words)},
                        index=df.index)
    keys: list[str] = [] if by is None else ([by] if isinstance(by, str) else list(by))
    for k in keys:
        if k not in df.columns:
            raise ValueError(f"aggregate_sentences: group column {k!r} missing")
        work[k] = df[k]
    work = work[work["_c"].notna()]
    if work["_w"].isna().any() or (work["_w"] < 0).any():
        row = work.index[(work["_w"].isna() | (work["_w"] < 0)).to_numpy()][0]
        raise ValueError(f"aggregate_sentences: missing or negative word count at row {row!r}")

    def one(g: pd.DataFrame) -> pd.Series:
        return _aggregate_one(g["_c"].to_numpy(float), g["_w"].to_numpy(float))

    if not keys:
        return one(work)
    rows = [dict(zip(keys, k if isinstance(k, tuple) else (k,))) | one(g).to_dict()
            for k, g in work.groupby(keys, sort=True, dropna=False)]
    out = pd.DataFrame(rows, columns=keys + _AGG_COLUMNS)
    return out.astype({c: float for c in _AGG_COLUMNS[:-1]} | {"n_sentences": int})


# --- target (actor) sentiment --------------------------------------------------------------------
MARKERS_PATH = _DATA / "sentiment_clause_markers.csv"
#: weight of a clause one boundary away from the mention's clause (decay**distance).  Chosen on
#: NewsMTSC train only: 5-fold CV macro-F1 with fold-tuned thresholds was 0.520 / 0.545 / 0.544 /
#: 0.548 for decay 0 / 0.25 / 0.5 / 0.75 (sd ~0.006), whole sentence 0.534; 0.25 is within one sd
#: of the best and, unlike 0.75, also beats the sentence at the default +-0.05 band (0.540 vs 0.520).
DEFAULT_DECAY = 0.25
_PUNCT_BOUNDARY = r"[;:()\[\]“”\"]|,(?!\d)|—|\s[–-]\s|--"


@lru_cache(maxsize=1)
def _clause_markers() -> tuple[str, ...]:
    try:
        fh = open(MARKERS_PATH, newline="", encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"{MARKERS_PATH}: clause marker table missing") from None
    words = []
    with fh:
        reader = csv.DictReader(fh)
        for row in reader:
            marker = (row.get("marker") or "").strip()
            if not marker or not row.get("source"):
                raise ValueError(f"{MARKERS_PATH} line {reader.line_num}: 'marker' and 'source' required")
            words.append(marker)
    return tuple(words)


@lru_cache(maxsize=1)
def _clause_boundary() -> re.Pattern:
    # words open a clause: a zero-width cut before them; punctuation is cut out
    words = [re.escape(w) for w in _clause_markers()]
    return re.compile(_PUNCT_BOUNDARY + r"|\b(?=(?:" + "|".join(words) + r")\b)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _clause_boundary_lower() -> re.Pattern:
    """:func:`_clause_boundary` for lower-cased text: case-sensitive, the markers as a prefix trie."""
    from .actors import trie_pattern

    return re.compile(_PUNCT_BOUNDARY + r"|\b(?=" + trie_pattern(sorted({w.lower() for w in _clause_markers()}),
                                                               space=r"\ ") + r"\b)")


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Split a sentence into clauses; return ``(start, end)`` offsets of each.

    Cuts at ``; : , ( ) [ ]``, quote marks, dashes (``—``, ``--``, spaced ``-``/``–``) and before
    the conjunctions and relative pronouns of ``analysis/data/sentiment_clause_markers.csv``
    ("but", "while", "whereas", "although", "who", "which", "that", ...).  A rough, fast
    approximation of clause structure, with no parser.

    Examples
    --------
    >>> s = "Smith praised the plan, but Jones called it a disaster."
    >>> [s[a:b] for a, b in clause_spans(s)]
    ['Smith praised the plan', 'but Jones called it a disaster.']
    """
    rx = _clause_boundary()
    low = lower_for_ignorecase(sentence)
    if low is not None:
        matches = _clause_boundary_lower().finditer(low)  # the same matches, 1.5x faster
    else:
        matches = rx.finditer(sentence)
    cuts = {0, len(sentence)}
    for m in matches:
        cuts.add(m.start())
        cuts.add(m.end())
    cuts_sorted = sorted(cuts)
    spans = []
    for a, b in zip(cuts_sorted, cuts_sorted[1:]):
        piece = sentence[a:b]
        # a boundary is at most three characters long, so only a short piece can be one
        if not piece.strip() or (b - a <= 3 and rx.fullmatch(piece)):
            continue
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        spans.append((a, b))
    return spans


def _check_span(sentence: str, start: int, end: int) -> None:
    if not isinstance(sentence, str):
        raise TypeError(f"sentence must be a str, got {type(sentence).__name__}")
    if not (0 <= start < end <= len(sentence)):
        raise ValueError(f"target span ({start}, {end}) outside sentence of length {len(sentence)}")


def target_sentiment(sentence: str, start: int, end: int, method: str = "clause",
                     decay: float = DEFAULT_DECAY) -> float:
    """Sentiment toward the mention ``sentence[start:end]``, as a compound in [-1, 1].

    Parameters
    ----------
    sentence : str
    start, end : int
        Offsets of the target mention in ``sentence``.
    method : {"clause", "sentence"}
        ``"sentence"``: VADER compound of the whole sentence (the usual baseline).
        ``"clause"``: compound of the clause(s) overlapping the mention (see
        :func:`clause_spans`) plus the compounds of the other clauses weighted by
        ``decay ** distance`` (distance in clauses), clipped to [-1, 1].
    decay : float
        Weight of neighbouring clauses; 0 scores the mention's clause alone.

    Returns
    -------
    float

    Examples
    --------
    >>> s = "Smith praised the plan, but Jones called it a disaster."
    >>> target_sentiment(s, 0, 5, decay=0)  # "Smith praised the plan"
    0.4939
    >>> target_sentiment(s, 28, 33, decay=0)  # "but Jones called it a disaster."
    -0.7684
    >>> target_sentiment(s, 0, 5, method="sentence")  # both get the sentence's score
    -0.6757
    """
    _check_span(sentence, start, end)
    if method == "sentence":
        return polarity_scores(sentence)["compound"]
    if method != "clause":
        raise ValueError(f"method must be 'clause' or 'sentence', got {method!r}")
    if not 0 <= decay <= 1:
        raise ValueError(f"decay must be in [0, 1], got {decay!r}")
    spans, compounds = _scored_clauses(sentence)
    return _clause_target(spans, compounds, start, end, decay, lambda: polarity_scores(sentence)["compound"],
                          lambda: _decayed_sums(sentence, decay))


_FEW_CLAUSES = 64  # up to this many clauses a mention's score is summed clause by clause, as always


def _clause_target(spans, compounds, start: int, end: int, decay: float, whole, sums) -> float:
    """The clause method of :func:`target_sentiment` on a sentence's scored clauses.

    ``whole()`` gives the sentence's compound (used when the mention sits on boundary characters
    only); ``sums()`` its :func:`_decayed_sums_of`, needed only past :data:`_FEW_CLAUSES` clauses.
    """
    if len(spans) > _FEW_CLAUSES:
        return _target_in_many_clauses(compounds, start, end, sums(), whole)
    hit = [k for k, (a, b) in enumerate(spans) if a < end and b > start]
    if not hit:  # the mention sits on boundary characters only
        return whole()
    k0, k1 = hit[0], hit[-1]
    total = 0.0
    for k, comp in enumerate(compounds):
        dist = 0 if k0 <= k <= k1 else (k0 - k if k < k0 else k - k1)
        weight = decay ** dist if dist else 1.0
        if weight:
            total += weight * comp
    return round(min(1.0, max(-1.0, total)), 4)


def _target_in_many_clauses(compounds, start: int, end: int, sums, whole) -> float:
    """:func:`target_sentiment` in a sentence of many clauses, in time independent of their number.

    The clauses left and right of the mention's enter as decayed running sums computed once per
    sentence, so a run-on sentence with a mention every few words costs linear, not quadratic,
    time.  Same value as the clause-by-clause sum up to float rounding (1e-16) before the 4-digit
    rounding.
    """
    starts, ends, left, right = sums
    k0 = bisect.bisect_right(ends, start)     # first clause ending after the mention starts
    k1 = bisect.bisect_left(starts, end) - 1  # last clause starting before it ends
    if k0 > k1:  # the mention sits on boundary characters only
        return whole()
    total = left[k0] + sum(compounds[k0:k1 + 1]) + right[k1]
    return round(min(1.0, max(-1.0, total)), 4)


@lru_cache(maxsize=8)
def _decayed_sums(sentence: str, decay: float) -> tuple[list[int], list[int], list[float], list[float]]:
    """:func:`_decayed_sums_of` the clauses of ``sentence``, kept for its other mentions."""
    return _decayed_sums_of(*_scored_clauses(sentence), decay)


def _decayed_sums_of(spans, compounds, decay: float) -> tuple[list[int], list[int], list[float], list[float]]:
    """Clause starts and ends, and for each clause k the sums of ``decay ** distance * compound``
    over the clauses before it (``left[k]``) and after it (``right[k]``)."""
    n = len(spans)
    left = [0.0] * n
    right = [0.0] * n
    if decay:
        acc = 0.0
        for k in range(1, n):
            acc = decay * (acc + compounds[k - 1])
            left[k] = acc
        acc = 0.0
        for k in range(n - 2, -1, -1):
            acc = decay * (acc + compounds[k + 1])
            right[k] = acc
    return [a for a, _ in spans], [b for _, b in spans], left, right


class _DocumentScores:
    """VADER scores of the texts of one document, each distinct text scored once.

    Sentence rows, the voice pieces of mixed sentences and the clauses of sentences that mention an
    actor ask for scores through one instance, so a text met twice (a repeated sentence, a clause
    equal to a piece or to its sentence) is scored once.  The values are those of
    ``analyzer.polarity_scores``; callers must not change the dicts returned.

    Examples
    --------
    >>> memo = _DocumentScores(default_analyzer())
    >>> memo.scores("Not bad.") is memo.scores("Not bad.")
    True
    >>> s = "Smith praised the plan, but Jones called it a disaster."
    >>> memo.target(s, 0, 5) == target_sentiment(s, 0, 5)
    True
    """

    __slots__ = ("_score", "_scores", "_clauses", "_sums")

    def __init__(self, analyzer: "SentimentAnalyzer") -> None:
        self._score = analyzer.polarity_scores
        self._scores: dict[str, dict] = {}
        self._clauses: dict[str, tuple] = {}
        self._sums: dict[tuple[str, float], tuple] = {}

    def scores(self, text: str) -> dict:
        """``polarity_scores(text)``, computed once per distinct text."""
        got = self._scores.get(text)
        if got is None:
            got = self._scores[text] = self._score(text)
        return got

    def target(self, sentence: str, start: int, end: int, decay: float = DEFAULT_DECAY) -> float:
        """``target_sentiment(sentence, start, end, decay=decay)`` with every text scored through this memo."""
        _check_span(sentence, start, end)
        clauses = self._clauses.get(sentence)
        if clauses is None:
            spans = tuple(clause_spans(sentence))
            clauses = self._clauses[sentence] = (
                spans, tuple(self.scores(sentence[a:b])["compound"] for a, b in spans))
        spans, compounds = clauses

        def sums():
            key = (sentence, decay)
            got = self._sums.get(key)
            if got is None:
                got = self._sums[key] = _decayed_sums_of(spans, compounds, decay)
            return got

        return _clause_target(spans, compounds, start, end, decay,
                              lambda: self.scores(sentence)["compound"], sums)


@lru_cache(maxsize=256)
def _scored_clauses(sentence: str) -> tuple[tuple[tuple[int, int], ...], tuple[float, ...]]:
    """Clauses of a sentence and their compounds, kept for the sentence's other mentions."""
    spans = tuple(clause_spans(sentence))
    return spans, tuple(polarity_scores(sentence[a:b])["compound"] for a, b in spans)


_LABELS = ("negative", "neutral", "positive")
_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def label_from_compound(compound: float, neg: float = NEGATIVE_THRESHOLD,
                        pos: float = POSITIVE_THRESHOLD) -> str:
    """``"positive"`` if compound >= pos, ``"negative"`` if <= neg, else ``"neutral"``.

    Examples
    --------
    >>> [label_from_compound(c) for c in (0.3, 0.0, -0.05)]
    ['positive', 'neutral', 'negative']
    """
    if compound >= pos:
        return "positive"
    if compound <= neg:
        return "negative"
    return "neutral"


def newsmtsc_targets(records: Iterable[Mapping]) -> pd.DataFrame:
    """Flatten NewsMTSC records (one JSON object per sentence) into one row per target.

    Returns columns ``sentence``, ``start``, ``end``, ``mention``, ``label``
    (negative/neutral/positive from polarity 2.0/4.0/6.0).

    Examples
    --------
    >>> rec = {"sentence_normalized": "Critics slammed Smith.",
    ...        "targets": [{"from": 16, "to": 21, "mention": "Smith", "polarity": 2.0}]}
    >>> newsmtsc_targets([rec])[["start", "end", "mention", "label"]].values.tolist()
    [[16, 21, 'Smith', 'negative']]
    """
    rows = []
    for n, rec in enumerate(records, start=1):
        try:
            sent = rec["sentence_normalized"]
            for t in rec["targets"]:
                start, end, pol = int(t["from"]), int(t["to"]), float(t["polarity"])
                _check_span(sent, start, end)
                if pol not in _POLARITY:
                    raise ValueError(f"polarity {pol!r} not in 2.0/4.0/6.0")
                rows.append((sent, start, end, t.get("mention", sent[start:end]), _POLARITY[pol]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"NewsMTSC record {n}: {type(exc).__name__}: {exc}") from None
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "mention", "label"])


def macro_f1(y_true: Iterable[str], y_pred: Iterable[str]) -> float:
    """Macro-averaged F1 over negative/neutral/positive.

    Examples
    --------
    >>> macro_f1(["negative", "neutral", "positive"], ["negative", "neutral", "neutral"])
    0.555...
    """
    from sklearn.metrics import f1_score

    return float(f1_score(list(y_true), list(y_pred), labels=list(_LABELS), average="macro",
                          zero_division=0))


def _target_compounds(targets: pd.DataFrame, method: str, decay: float) -> np.ndarray:
    return np.array([target_sentiment(s, a, b, method=method, decay=decay)
                     for s, a, b in zip(targets["sentence"], targets["start"], targets["end"])],
                    dtype=float)


def _as_targets(records) -> pd.DataFrame:
    if isinstance(records, pd.DataFrame):
        missing = {"sentence", "start", "end", "label"} - set(records.columns)
        if missing:
            raise ValueError(f"target table lacks columns {sorted(missing)}")
        return records
    return newsmtsc_targets(records)


def _labels(compounds: np.ndarray, neg: float, pos: float) -> np.ndarray:
    return np.where(compounds >= pos, "positive", np.where(compounds <= neg, "negative", "neutral"))


def tune_thresholds(records, method: str = "clause", decay: float = DEFAULT_DECAY,
                    grid: Iterable[float] | None = None) -> tuple[float, float]:
    """Neutral-band thresholds ``(neg, pos)`` maximising macro-F1 on ``records``.

    Use training data only.  ``records``: NewsMTSC records or a :func:`newsmtsc_targets` table.

    Examples
    --------
    >>> recs = [{"sentence_normalized": s, "targets": [{"from": 0, "to": 3, "polarity": p}]}
    ...         for s, p in [("Bob is great.", 6.0), ("Bob is fine.", 4.0), ("Bob is awful.", 2.0)]]
    >>> tune_thresholds(recs)  # "fine" scores 0.2023: the neutral band must reach past it
    (-0.05, 0.25)
    """
    targets = _as_targets(records)
    comp = _target_compounds(targets, method, decay)
    y = targets["label"].tolist()
    steps = np.round(np.arange(0.05, 0.61, 0.05), 2) if grid is None else np.asarray(list(grid))
    best = (-1.0, NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD)
    for lo in steps:
        for hi in steps:
            f = macro_f1(y, _labels(comp, -float(lo), float(hi)))
            if f > best[0] + 1e-12:
                best = (f, -float(lo), float(hi))
    return best[1], best[2]


def evaluate_target_sentiment(records, method: str = "clause", decay: float = DEFAULT_DECAY,
                              thresholds: tuple[float, float] = (NEGATIVE_THRESHOLD,
                                                                 POSITIVE_THRESHOLD)) -> dict:
    """Macro-F1 of :func:`target_sentiment` against gold target polarities.

    Parameters
    ----------
    records : iterable of NewsMTSC records (dicts with ``sentence_normalized`` and ``targets``)
        or a :func:`newsmtsc_targets` table.
    method, decay : see :func:`target_sentiment`.
    thresholds : (neg, pos)
        compound <= neg is negative, >= pos positive.  Tune them with :func:`tune_thresholds`
        on training data, never on the split you report.

    Returns
    -------
    dict
        ``method``, ``n``, ``macro_f1``, ``f1_negative``, ``f1_neutral``, ``f1_positive``,
        ``neg_threshold``, ``pos_threshold``.

    Examples
    --------
    >>> rec = {"sentence_normalized": "Smith praised the plan, but Jones called it a disaster.",
    ...        "targets": [{"from": 0, "to": 5, "polarity": 6.0},
    ...                    {"from": 28, "to": 33, "polarity": 2.0}]}
    >>> evaluate_target_sentiment([rec])["macro_f1"], evaluate_target_sentiment([rec], "sentence")["macro_f1"]
    (1.0, 0.333...)
    """
    from sklearn.metrics import f1_score

    targets = _as_targets(records)
    neg, pos = thresholds
    comp = _target_compounds(targets, method, decay)
    pred = _labels(comp, neg, pos)
    y = targets["label"].tolist()
    present = [lab for lab in _LABELS if lab in set(y) or lab in set(pred)]
    per = f1_score(y, pred, labels=list(_LABELS), average=None, zero_division=0)
    return {"method": method, "n": len(y),
            "macro_f1": float(f1_score(y, pred, labels=present, average="macro", zero_division=0)),
            "f1_negative": float(per[0]), "f1_neutral": float(per[1]), "f1_positive": float(per[2]),
            "neg_threshold": float(neg), "pos_threshold": float(pos)}
