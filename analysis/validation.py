"""Every accuracy figure of the project as a function; ``docs/validation.md`` is generated from them.

Each function reads one public annotated data set from ``root`` (the shared data-set folder,
default :func:`analysis.datasets.default_root`), returns a tidy DataFrame (or a dict of them), is
deterministic, has a ``limit``/``quick`` parameter for a fast subset, and raises a one-line
:class:`FileNotFoundError` naming the missing data folder.  The ``bench/`` scripts are thin
command-line wrappers that print these tables; :func:`summary` runs them all and returns one tidy
table (``area, dataset, split, metric, value, target, command``) that :func:`write_validation_md`
turns into ``docs/validation.md``; :func:`check_validation_md` compares that file with a fresh run.

Functions
---------
vader_parity, vader_correlation
    Exact parity of :mod:`analysis.sentiment` with vaderSentiment 3.3.2 on the four VADER
    ground-truth sets, and the Pearson r of compound with the human means (Hutto & Gilbert 2014).
babe_lexicon
    Word-level precision/recall of lexicon hits against BABE's ``biased_words`` and the ROC AUC
    of the sentence hit rate (Spinde et al. 2021).
newsmtsc_targets
    Target sentiment macro-F1 on NewsMTSC ``devtest_rw``: whole-sentence VADER vs the clause
    method (Hamborg & Donnay 2021).
babe_classification
    5-fold stratified CV F1 of sentence bias classification on BABE SG2: TF-IDF + logistic
    regression, and the same plus our features.
basil_framing
    Per-article framing rates against the density of BASIL's lexical-bias spans, per-outlet
    means, and lexical-bias span recall (Fan et al. 2019).
polnear_attribution
    Quote content coverage, speaker and cue accuracy against PolNeAR train/dev (Newell et al.
    2018), with the rules of ``bench/bench_polnear.py``.
summary, write_validation_md, check_validation_md
    All of the above as one table, the Markdown report, and its drift check.

A note on BABE's splits: SG1 (1,700 sentences) is the development split the lexicon was tuned
on, and 1,693 of the 3,673 labelled sentences of SG2 (BABE proper) are SG1 sentences.  Figures on
SG2 are therefore reported on all of SG2 *and* on ``SG2_new``: the 1,980 labelled SG2 sentences
whose text is not in SG1, the only part of BABE the lexicon has never seen.

Examples
--------
>>> normalize_word("Regime's")
'regime'
>>> vader_parity("/nonexistent")
Traceback (most recent call last):
...
FileNotFoundError: vader_groundtruth data folder not found: /nonexistent/vader_groundtruth (pass root=... or set ANALYSIS_DATASETS)
"""
from __future__ import annotations

import collections
import csv
import datetime as _dt
import io
import math
import os
import platform
import re
import time
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

__all__ = [
    "SUMMARY_COLUMNS",
    "HEADLINE_METRICS",
    "headline_figures",
    "figures_by_area",
    "DATASET_INFO",
    "FUNCTION_WORDS",
    "normalize_word",
    "words_of",
    "load_babe",
    "score_babe_lexicon",
    "vader_parity",
    "vader_correlation",
    "babe_lexicon",
    "newsmtsc_targets",
    "newsmtsc_bootstrap",
    "babe_features",
    "babe_classification",
    "basil_framing",
    "polnear_attribution",
    "summary",
    "machine_description",
    "write_validation_md",
    "read_validation_md",
    "check_validation_md",
]

#: Columns of :func:`summary`.
SUMMARY_COLUMNS = ["area", "dataset", "split", "metric", "value", "target", "command"]

#: Licence, citation and upstream of each data set used here (printed in ``docs/validation.md``).
DATASET_INFO: dict[str, dict[str, str]] = {
    "vader_groundtruth": {
        "title": "VADER ground truth (tweets, NYT editorial snippets, movie and Amazon reviews)",
        "licence": "MIT",
        "citation": "Hutto, C. J., & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for "
                    "Sentiment Analysis of Social Media Text. ICWSM-14.",
        "upstream": "github.com/cjhutto/vaderSentiment",
    },
    "babe": {
        "title": "BABE: Bias Annotations By Experts (SG1 1,700 and SG2 3,674 sentences)",
        "licence": "AGPL-3.0",
        "citation": "Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021). "
                    "Neural Media Bias Detection Using Distant Supervision With BABE - Bias Annotations "
                    "By Experts. Findings of EMNLP 2021.",
        "upstream": "github.com/Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE",
    },
    "newsmtsc": {
        "title": "NewsMTSC: target-dependent sentiment in news sentences",
        "licence": "MIT (newly developed files)",
        "citation": "Hamborg, F., & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent "
                    "Sentiment Classification in Political News Articles. EACL 2021.",
        "upstream": "github.com/fhamborg/NewsMTSC",
    },
    "basil": {
        "title": "BASIL: 100 events x Fox/NYT/HuffPost with lexical and informational bias spans",
        "licence": "none stated upstream",
        "citation": "Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R., & Wang, L. (2019). "
                    "In Plain Sight: Media Bias Through the Lens of Factual Reporting. EMNLP-IJCNLP 2019.",
        "upstream": "github.com/launchnlp/BASIL",
    },
    "polnear": {
        "title": "PolNeAR: attribution relations in 2016 US election news",
        "licence": "none stated upstream",
        "citation": "Newell, E., Margolin, D., & Ruths, D. (2018). An Attribution Relations Corpus for "
                    "Political News. LREC 2018.",
        "upstream": "github.com/networkdynamics/PolNeAR",
    },
}

_CMD = {
    "vader": "python bench/bench_sentiment.py",
    "babe_lexicon": "python bench/bench_babe_lexicon.py",
    "newsmtsc": "python bench/bench_target_sentiment.py",
    "babe_classification": "python bench/bench_babe_classification.py",
    "basil": "python bench/bench_basil.py",
    "polnear": "python bench/bench_polnear.py",
}

# ---------------------------------------------------------------------------------------------
# data folders
# ---------------------------------------------------------------------------------------------


def _root(root) -> Path:
    if root is None:
        from .datasets import default_root

        root = default_root()
        if root is None:
            raise FileNotFoundError(
                "no shared data-set folder found (pass root=... or set ANALYSIS_DATASETS)")
    return Path(root)


def _data_dir(root, name: str) -> Path:
    """``root / name``, or a one-line FileNotFoundError naming the missing folder."""
    folder = _root(root) / name
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{name} data folder not found: {folder} (pass root=... or set ANALYSIS_DATASETS)")
    return folder


#: Sizes of the quick subsets (``quick=True``): texts per VADER set, BABE sentences, NewsMTSC targets
#: (of train and of devtest_rw), BABE CV sentences / folds / C grid, BASIL events, PolNeAR articles.
_QUICK = {"vader": 500, "babe_lexicon": 500, "newsmtsc": 300, "newsmtsc_boot": 200, "babe_classification": 300,
          "babe_cv_splits": 3, "babe_c_grid": (1.0, 10.0), "basil": 5, "polnear": 20}


def _quick_limit(quick: bool, limit, key: str) -> int | None:
    """``limit`` if given, else the quick-subset size for ``key`` when ``quick``, else None."""
    if limit is not None:
        return _check_limit(limit)
    return _QUICK[key] if quick else None


def _check_limit(limit, name: str = "limit") -> int | None:
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, (int, np.integer)) or limit < 1:
        raise ValueError(f"{name} must be a positive int or None, got {limit!r}")
    return int(limit)


# ---------------------------------------------------------------------------------------------
# VADER
# ---------------------------------------------------------------------------------------------

_SCORE_KEYS = ("neg", "neu", "pos", "compound")


def _reference_vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        raise ModuleNotFoundError(
            "the VADER figures compare with the reference implementation: pip install vaderSentiment==3.3.2"
        ) from None
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=4)
def _vader_scored(folder: str, limit: int | None) -> pd.DataFrame:
    from .datasets import read_vader_groundtruth
    from .sentiment import SentimentAnalyzer

    gt = read_vader_groundtruth(folder)
    if limit is not None:
        gt = gt.groupby("set", sort=False).head(limit).reset_index(drop=True)
    ours, ref = SentimentAnalyzer(), _reference_vader()
    o = [ours.polarity_scores(t) for t in gt["text"]]
    r = [ref.polarity_scores(t) for t in gt["text"]]
    out = gt[["set", "id", "mean"]].copy()
    for k in _SCORE_KEYS:
        out[f"ours_{k}"] = [d[k] for d in o]
        out[f"ref_{k}"] = [d[k] for d in r]
    out["identical"] = [a == b for a, b in zip(o, r)]
    return out


def _vader_table(root, limit) -> pd.DataFrame:
    limit = _check_limit(limit)
    folder = _data_dir(root, "vader_groundtruth")
    return _vader_scored(str(folder), limit).copy()


def vader_parity(root=None, limit: int | None = None, *, quick: bool = False) -> pd.DataFrame:
    """Exact parity of :mod:`analysis.sentiment` with vaderSentiment 3.3.2 per ground-truth set.

    A text counts as identical when all four scores (``neg``, ``neu``, ``pos``, ``compound``) are
    ``==`` to the reference's.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``vader_groundtruth/``).
    limit : int, optional
        Score only the first ``limit`` texts of each set.
    quick : bool
        Without ``limit``: the first 500 texts of each set.

    Returns
    -------
    pandas.DataFrame
        One row per set (tweets, nytEditorialSnippets, movieReviewSnippets, amazonReviewSnippets)
        and a final ``all`` row: ``set``, ``n_texts``, ``n_identical``, ``share_identical``,
        ``max_abs_diff_compound``.

    Raises
    ------
    FileNotFoundError
        If ``root/vader_groundtruth`` is absent.

    Examples
    --------
    >>> vader_parity(limit=500)  # doctest: +SKIP
                        set  n_texts  n_identical  share_identical  max_abs_diff_compound
    0                tweets      500          500              1.0                    0.0
    ...
    """
    t = _vader_table(root, _quick_limit(quick, limit, "vader"))
    t["diff"] = (t["ours_compound"] - t["ref_compound"]).abs()
    rows = []
    for name, g in list(t.groupby("set", sort=False)) + [("all", t)]:
        rows.append({"set": name, "n_texts": len(g), "n_identical": int(g["identical"].sum()),
                     "share_identical": float(g["identical"].mean()),
                     "max_abs_diff_compound": float(g["diff"].max())})
    return pd.DataFrame(rows)


def vader_correlation(root=None, limit: int | None = None, *, quick: bool = False) -> pd.DataFrame:
    """Pearson r of VADER compound with the human mean rating, per ground-truth set.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``vader_groundtruth/``).
    limit : int, optional
        Only the first ``limit`` texts of each set.
    quick : bool
        Without ``limit``: the first 500 texts of each set.

    Returns
    -------
    pandas.DataFrame
        ``set``, ``n_texts``, ``r_ours`` (our compound), ``r_reference`` (vaderSentiment's).

    Raises
    ------
    FileNotFoundError
        If ``root/vader_groundtruth`` is absent.

    Examples
    --------
    >>> vader_correlation("/nonexistent")
    Traceback (most recent call last):
    ...
    FileNotFoundError: vader_groundtruth data folder not found: /nonexistent/vader_groundtruth (pass root=... or set ANALYSIS_DATASETS)
    >>> vader_correlation()  # doctest: +SKIP
                        set  n_texts    r_ours  r_reference
    0                tweets     4200  0.88...      0.88...
    ...
    """
    t = _vader_table(root, _quick_limit(quick, limit, "vader"))
    rows = []
    for name, g in t.groupby("set", sort=False):
        rows.append({"set": name, "n_texts": len(g),
                     "r_ours": float(np.corrcoef(g["ours_compound"], g["mean"])[0, 1]),
                     "r_reference": float(np.corrcoef(g["ref_compound"], g["mean"])[0, 1])})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# BABE: word-level agreement of the lexicon
# ---------------------------------------------------------------------------------------------

#: Function words dropped on both sides of the headline BABE word-level figures.
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every no all both either neither
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    who whom whose which what where when why how there here
    of in on at by for with from to into onto upon about above below over under between among through
    during before after against without within along across around off out up down than as like
    is am are was were be been being do does did done have has had having will would shall should
    can could may might must ought
    and or but nor so yet if then else because while although though unless since until whether
    not n't very just also too only even still already""".split()
)
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_WORD = re.compile(r"\w+")
BABE_SUBSETS = ("SG1", "SG2", "SG2_new")


def normalize_word(word: str) -> str:
    """Lower-case, straighten apostrophes, strip edge punctuation and a final possessive.

    Examples
    --------
    >>> [normalize_word(w) for w in ("Regime\u2019s", '"anti-vaxxers,"', "Democrats'")]
    ['regime', 'anti-vaxxers', 'democrats']
    """
    w = word.lower().replace("\u2019", "'").replace("\u2018", "'")
    w = _EDGE.sub("", w)
    if w.endswith("'s"):
        w = w[:-2]
    return _EDGE.sub("", w)


def words_of(items: Iterable[str], content_only: bool) -> list[str]:
    """Normalised whitespace-separated words of ``items`` (function words dropped if ``content_only``).

    Examples
    --------
    >>> words_of(["the radical left", "Regime's"], content_only=True)
    ['radical', 'left', 'regime']
    >>> words_of(["the radical left"], content_only=False)
    ['the', 'radical', 'left']
    """
    out = []
    for item in items:
        for tok in str(item).split():
            w = normalize_word(tok)
            if w and not (content_only and w in FUNCTION_WORDS):
                out.append(w)
    return out


def load_babe(root=None, subset: str = "SG2", limit: int | None = None) -> pd.DataFrame:
    """BABE sentences labelled Biased / Non-biased ("No agreement" dropped), in file order.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``babe/``).
    subset : {"SG1", "SG2", "SG2_new"}
        ``SG2_new`` is SG2 without the sentences whose text is in SG1 (the lexicon's dev split).
    limit : int, optional
        Only the first ``limit`` sentences.

    Returns
    -------
    pandas.DataFrame
        ``text``, ``outlet``, ``biased`` (int 1/0), ``biased_list`` (list of str), ``in_sg1`` (bool).

    Raises
    ------
    FileNotFoundError
        If ``root/babe`` is absent.

    Examples
    --------
    >>> load_babe("/nonexistent")
    Traceback (most recent call last):
    ...
    FileNotFoundError: babe data folder not found: /nonexistent/babe (pass root=... or set ANALYSIS_DATASETS)
    """
    if subset not in BABE_SUBSETS:
        raise ValueError(f"BABE subset must be one of {', '.join(BABE_SUBSETS)}; got {subset!r}")
    limit = _check_limit(limit)
    folder = _data_dir(root, "babe")
    df = _read_babe_cached(str(folder), "SG1" if subset == "SG1" else "SG2")
    if subset != "SG1":
        sg1 = _babe_sg1_texts(str(folder))
        df = df.assign(in_sg1=df["text"].isin(sg1))
        if subset == "SG2_new":
            df = df[~df["in_sg1"]]
    else:
        df = df.assign(in_sg1=True)
    df = df.reset_index(drop=True)
    return df.head(limit).copy() if limit is not None else df.copy()


@lru_cache(maxsize=4)
def _read_babe_raw(folder: str, subset: str) -> pd.DataFrame:
    from .datasets import read_babe

    return read_babe(folder, subset=subset)


@lru_cache(maxsize=2)
def _babe_sg1_texts(folder: str) -> frozenset:
    """Every SG1 sentence, labelled or not (all of them were visible while the lexicon was tuned)."""
    return frozenset(_read_babe_raw(folder, "SG1")["text"])


@lru_cache(maxsize=4)
def _read_babe_cached(folder: str, subset: str) -> pd.DataFrame:
    raw = _read_babe_raw(folder, subset)
    raw = raw[raw["label_bias"].notna()].reset_index(drop=True)
    return pd.DataFrame({"text": raw["text"], "outlet": raw["outlet"],
                         "biased": raw["label_bias"].astype(int), "biased_list": raw["biased_words"]})


def score_babe_lexicon(df: pd.DataFrame, lexicon=None, content_only: bool = True) -> dict:
    """Word-level precision/recall and sentence-level ROC AUC of ``lexicon`` on labelled sentences.

    Definitions (the headline figures use ``content_only=True``):

    * hit words of a sentence: the whitespace-separated words of every hit's matched text, each
      normalised by :func:`normalize_word` (a multiset); biased words: the sentence's
      ``biased_list``, normalised the same way;
    * ``precision`` = hit words found in the same sentence's biased-word set / all hit words
      (summed over all sentences, biased or not);
    * ``recall`` = biased words found in the same sentence's hit-word set / all biased words;
    * ``auc_rate`` / ``auc_weighted``: ROC AUC of hits (weights) per 1,000 ``\\w+`` words against
      ``biased``.

    Parameters
    ----------
    df : pandas.DataFrame
        ``text``, ``biased`` (1/0) and ``biased_list`` columns (see :func:`load_babe`).
    lexicon : Lexicon, optional
        Default: the shipped lexicon.
    content_only : bool
        Drop :data:`FUNCTION_WORDS` on both sides.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``hit_words``, ``biased_words``, ``auc_rate``, ``auc_weighted``,
        ``share_hit_biased``, ``share_hit_nonbiased`` and the counters ``fp_words``, ``tp_words``,
        ``fn_words``, ``tp_terms``, ``fp_terms`` (for error analysis).

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["The regime fell.", "Talks went well."], "biased": [1, 0],
    ...                    "biased_list": [["regime"], []]})
    >>> r = score_babe_lexicon(df)
    >>> r["precision"], r["recall"], r["auc_rate"]
    (1.0, 1.0, 1.0)
    """
    from sklearn.metrics import roc_auc_score

    from .lexicon import Lexicon

    lex = Lexicon.default() if lexicon is None else lexicon
    tp = fp = covered = total_b = 0
    fp_words: collections.Counter = collections.Counter()
    tp_words: collections.Counter = collections.Counter()
    fn_words: collections.Counter = collections.Counter()
    tp_terms: collections.Counter = collections.Counter()
    fp_terms: collections.Counter = collections.Counter()
    rate, wrate = [], []
    for text, blist in zip(df["text"], df["biased_list"]):
        hits = lex.find(text)
        bwords = words_of(blist, content_only)
        bset = set(bwords)
        hwords = []
        for h in hits:
            hw = words_of([h.match], content_only)
            hwords.extend(hw)
            good = sum(w in bset for w in hw)
            tp_terms[h.term] += good
            fp_terms[h.term] += len(hw) - good
        hset = set(hwords)
        for w in hwords:
            if w in bset:
                tp += 1
                tp_words[w] += 1
            else:
                fp += 1
                fp_words[w] += 1
        for w in bwords:
            total_b += 1
            if w in hset:
                covered += 1
            else:
                fn_words[w] += 1
        n_words = max(len(_WORD.findall(text)), 1)
        rate.append(1000 * len(hits) / n_words)
        wrate.append(1000 * sum(h.weight for h in hits) / n_words)
    y = np.asarray(df["biased"], dtype=int)
    two_classes = len(set(y.tolist())) == 2
    rate_s = pd.Series(rate, dtype=float)
    return {
        "precision": tp / max(tp + fp, 1),
        "recall": covered / max(total_b, 1),
        "hit_words": tp + fp,
        "biased_words": total_b,
        "auc_rate": float(roc_auc_score(y, rate)) if two_classes else math.nan,
        "auc_weighted": float(roc_auc_score(y, wrate)) if two_classes else math.nan,
        "share_hit_biased": float(rate_s[y == 1].gt(0).mean()) if (y == 1).any() else math.nan,
        "share_hit_nonbiased": float(rate_s[y == 0].gt(0).mean()) if (y == 0).any() else math.nan,
        "fp_words": fp_words,
        "tp_words": tp_words,
        "fn_words": fn_words,
        "tp_terms": tp_terms,
        "fp_terms": fp_terms,
    }


_BABE_LEXICON_FIGURES = ["precision", "recall", "hit_words", "biased_words", "auc_rate", "auc_weighted",
                         "share_hit_biased", "share_hit_nonbiased"]


def babe_lexicon(root=None, subset: str = "SG2", limit: int | None = None, lexicon=None, *,
                 quick: bool = False) -> pd.DataFrame:
    """Word-level precision/recall and ROC AUC of the framing lexicon on BABE.

    See :func:`score_babe_lexicon` for the definitions.  SG1 is the lexicon's development split;
    1,693 of SG2's 3,673 labelled sentences are SG1 sentences, so ``SG2_new`` (SG2 minus SG1,
    1,980 sentences) is the held-out figure.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``babe/``).
    subset : {"SG1", "SG2", "SG2_new"}
    limit : int, optional
        Only the first ``limit`` sentences (a quick subset).
    lexicon : Lexicon, optional
        Default: the shipped lexicon.
    quick : bool
        Without ``limit``: the first 500 sentences.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``tokens`` = ``content`` (function words dropped: the headline figures) and
        ``all``: ``subset``, ``tokens``, ``n_sentences``, ``n_biased``, ``precision``, ``recall``,
        ``hit_words``, ``biased_words``, ``auc_rate``, ``auc_weighted``, ``share_hit_biased``,
        ``share_hit_nonbiased``.

    Raises
    ------
    FileNotFoundError
        If ``root/babe`` is absent.

    Examples
    --------
    >>> babe_lexicon("/nonexistent", subset="SG3")
    Traceback (most recent call last):
    ...
    ValueError: BABE subset must be one of SG1, SG2, SG2_new; got 'SG3'
    >>> babe_lexicon(subset="SG2", limit=500)[["tokens", "precision", "recall"]]  # doctest: +SKIP
    """
    df = load_babe(root, subset, _quick_limit(quick, limit, "babe_lexicon"))
    rows = []
    for tokens, content_only in (("content", True), ("all", False)):
        r = score_babe_lexicon(df, lexicon, content_only=content_only)
        rows.append({"subset": subset, "tokens": tokens, "n_sentences": len(df),
                     "n_biased": int(df["biased"].sum()), **{k: r[k] for k in _BABE_LEXICON_FIGURES}})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# NewsMTSC: target sentiment
# ---------------------------------------------------------------------------------------------


def _newsmtsc_split(root, split: str, limit: int | None) -> pd.DataFrame:
    from .datasets import read_newsmtsc

    folder = _data_dir(root, "newsmtsc")
    df = read_newsmtsc(folder, split=split)
    df = df.rename(columns={"target_start": "start", "target_end": "end"})[
        ["sentence", "start", "end", "mention", "label"]]
    return df.head(limit).reset_index(drop=True) if limit is not None else df


def newsmtsc_bootstrap(test: pd.DataFrame, decay: float, thresholds: tuple[float, float],
                       n_boot: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% interval of macro-F1(clause, ``thresholds``) - macro-F1(sentence, +-0.05), resampling targets.

    Parameters
    ----------
    test : pandas.DataFrame
        ``sentence``, ``start``, ``end``, ``label`` (see :func:`analysis.sentiment.newsmtsc_targets`).
    decay : float
        Weight of neighbouring clauses.
    thresholds : (neg, pos)
        Thresholds of the clause method (tuned on train).
    n_boot, seed : int
        Bootstrap resamples and the seed of their generator.

    Returns
    -------
    (float, float)

    Examples
    --------
    >>> t = pd.DataFrame({"sentence": ["Smith praised the plan, but Jones called it a disaster."] * 2,
    ...                   "start": [0, 28], "end": [5, 33], "label": ["positive", "negative"]})
    >>> lo, hi = newsmtsc_bootstrap(t, 0.25, (-0.05, 0.05), n_boot=50)
    >>> lo <= hi
    True
    """
    from .sentiment import label_from_compound, macro_f1, target_sentiment

    y = np.array(test["label"].tolist())
    rows = list(zip(test["sentence"], test["start"], test["end"]))
    base = np.array([label_from_compound(target_sentiment(s, a, b, method="sentence")) for s, a, b in rows])
    ours = np.array([label_from_compound(target_sentiment(s, a, b, decay=decay), *thresholds)
                     for s, a, b in rows])
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n_boot):
        idx = rng.integers(0, len(y), len(y))
        diffs.append(macro_f1(y[idx], ours[idx]) - macro_f1(y[idx], base[idx]))
    return float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))


def newsmtsc_targets(root=None, limit: int | None = None, decay: float | None = None,
                     n_boot: int | None = None, seed: int = 0, *, quick: bool = False) -> pd.DataFrame:
    """Target sentiment on NewsMTSC ``devtest_rw``: whole-sentence VADER vs the clause method.

    Thresholds are tuned on ``train`` only (:func:`analysis.sentiment.tune_thresholds`); every
    figure is :func:`analysis.sentiment.evaluate_target_sentiment` on ``devtest_rw`` (macro-F1
    over negative/neutral/positive, one row per target).

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``newsmtsc/``).
    limit : int, optional
        Only the first ``limit`` targets of train and of devtest_rw (a quick subset).
    decay : float, optional
        Weight of neighbouring clauses (default :data:`analysis.sentiment.DEFAULT_DECAY`).
    n_boot, seed : int
        Paired bootstrap of the clause (tuned) minus baseline difference: resamples (default 1,000,
        200 when ``quick``; 0 skips it) and seed.
    quick : bool
        Without ``limit``: the first 300 targets of each split.

    Returns
    -------
    pandas.DataFrame
        Four rows, ``method`` x ``thresholds`` (``default`` = +-0.05, ``train-tuned``):
        ``config`` (``a`` = the baseline, ``b`` = ours, else empty), ``method``, ``thresholds``,
        ``neg_threshold``, ``pos_threshold``, ``n_train``, ``n``, ``macro_f1``, ``f1_negative``,
        ``f1_neutral``, ``f1_positive``, ``diff_vs_baseline``, ``diff_ci_low``, ``diff_ci_high``
        (the last two only on row ``b``).

    Raises
    ------
    FileNotFoundError
        If ``root/newsmtsc`` is absent.

    Examples
    --------
    >>> newsmtsc_targets("/nonexistent")
    Traceback (most recent call last):
    ...
    FileNotFoundError: newsmtsc data folder not found: /nonexistent/newsmtsc (pass root=... or set ANALYSIS_DATASETS)
    >>> newsmtsc_targets()[["method", "thresholds", "macro_f1"]]  # doctest: +SKIP
         method   thresholds  macro_f1
    0  sentence      default    0.5122
    ...
    """
    from .sentiment import DEFAULT_DECAY, evaluate_target_sentiment, tune_thresholds

    decay = DEFAULT_DECAY if decay is None else float(decay)
    limit = _quick_limit(quick, limit, "newsmtsc")
    if n_boot is None:
        n_boot = _QUICK["newsmtsc_boot"] if quick else 1000
    train = _newsmtsc_split(root, "train", limit)
    test = _newsmtsc_split(root, "devtest_rw", limit)
    thr = {"clause": tune_thresholds(train, method="clause", decay=decay),
           "sentence": tune_thresholds(train, method="sentence")}
    rows = []
    for method in ("sentence", "clause"):
        for kind in ("default", "train-tuned"):
            kw = {"decay": decay} if method == "clause" else {}
            if kind == "train-tuned":
                kw["thresholds"] = thr[method]
            r = evaluate_target_sentiment(test, method=method, **kw)
            config = {("sentence", "default"): "a", ("clause", "train-tuned"): "b"}.get((method, kind), "")
            rows.append({"config": config, "method": method, "thresholds": kind,
                         "neg_threshold": r["neg_threshold"], "pos_threshold": r["pos_threshold"],
                         "n_train": len(train), "n": r["n"], "macro_f1": r["macro_f1"],
                         "f1_negative": r["f1_negative"], "f1_neutral": r["f1_neutral"],
                         "f1_positive": r["f1_positive"]})
    out = pd.DataFrame(rows)
    base = float(out.loc[out["config"] == "a", "macro_f1"].iloc[0])
    out["diff_vs_baseline"] = out["macro_f1"] - base
    out["diff_ci_low"] = math.nan
    out["diff_ci_high"] = math.nan
    if n_boot:
        lo, hi = newsmtsc_bootstrap(test, decay, thr["clause"], n_boot=n_boot, seed=seed)
        out.loc[out["config"] == "b", ["diff_ci_low", "diff_ci_high"]] = [lo, hi]
    out.attrs["decay"] = decay
    return out


# ---------------------------------------------------------------------------------------------
# BABE: sentence bias classification
# ---------------------------------------------------------------------------------------------

#: Regularisation strengths searched by the inner CV (training folds only).
BABE_C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)

BABE_MODELS = {
    "tfidf": "TF-IDF (word 1-2 grams, sublinear tf) + logistic regression",
    "tfidf+ours": "TF-IDF + FramingVectorizer (category rates, all and own voice) + AnalysisFeatures "
                  "(attribution, voice shares, sentiment), dense features standardised",
    "tfidf+ours+lexbag": "tfidf+ours + lexicon bag (hit counts per lexicon term and per category)",
}


def _lexicon_bag(texts: list[str], lexicon=None) -> list[list[str]]:
    from .lexicon import Lexicon

    lex = Lexicon.default() if lexicon is None else lexicon
    out = []
    for t in texts:
        hits = lex.find(t)
        out.append([f"term={h.term}" for h in hits] + [f"category={h.category}" for h in hits])
    return out


def _identity(tokens):
    return tokens


def babe_features(texts: list[str], lexicon=None) -> pd.DataFrame:
    """Our features of each text, computed once: one row per text, the text itself included.

    Columns: ``text``; every :class:`analysis.sklearn.FramingVectorizer` column (category rates,
    all voices and own voices); every :class:`analysis.sklearn.AnalysisFeatures` column not already
    present (attribution, voice shares, sentiment); ``lexbag`` (list of ``term=...`` and
    ``category=...`` tokens, one per lexicon hit).

    Both transformers are stateless, so computing them once for all sentences and selecting rows
    per fold is exactly what running them inside each fold would give.

    Examples
    --------
    >>> f = babe_features(["The regime fell.", "Talks went well."])
    >>> f.loc[0, "lexbag"], float(f.loc[1, "framing_rate"])
    (['term=regime', 'category=delegitimising'], 0.0)
    """
    from .sklearn import AnalysisFeatures, FramingVectorizer

    texts = list(texts)
    fv = FramingVectorizer(lexicon=lexicon).fit(texts)
    fnames = list(fv.get_feature_names_out())
    af = AnalysisFeatures(lexicon=lexicon).fit(texts)
    anames = [n for n in af.get_feature_names_out() if n not in fnames]
    af.set_params(features=anames).fit(texts)
    out = pd.DataFrame(fv.transform(texts), columns=fnames)
    out[anames] = af.transform(texts)
    out.insert(0, "text", texts)
    out["lexbag"] = _lexicon_bag(texts, lexicon)
    return out


@lru_cache(maxsize=2)
def _babe_features_cached(folder: str, limit: int | None) -> pd.DataFrame:
    """:func:`babe_features` of SG2's labelled sentences, computed once per process (shipped lexicon)."""
    return babe_features(load_babe(Path(folder).parent, "SG2", limit)["text"].tolist())


def _babe_pipeline(model: str, dense: list[str], seed: int):
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    parts = [("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), "text")]
    if model in ("tfidf+ours", "tfidf+ours+lexbag"):
        parts.append(("ours", StandardScaler(), dense))
    if model == "tfidf+ours+lexbag":
        parts.append(("lexbag", CountVectorizer(analyzer=_identity), "lexbag"))
    return Pipeline([("features", ColumnTransformer(parts)),
                     ("clf", LogisticRegression(solver="liblinear", max_iter=5000, random_state=seed))])


def babe_classification(root=None, n_splits: int | None = None, seed: int = 0, limit: int | None = None,
                        models: Iterable[str] = tuple(BABE_MODELS), c_grid: Iterable[float] | None = None,
                        inner_splits: int = 3, features: pd.DataFrame | None = None, *,
                        quick: bool = False) -> pd.DataFrame:
    """Sentence bias classification on BABE SG2: stratified K-fold CV F1 (binary, Biased = 1).

    Models (:data:`BABE_MODELS`), each a scikit-learn ``Pipeline`` of a ``ColumnTransformer`` and
    ``LogisticRegression``:

    * ``tfidf``: ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)`` alone;
    * ``tfidf+ours``: plus ``FramingVectorizer`` and ``AnalysisFeatures`` columns through a
      ``StandardScaler``;
    * ``tfidf+ours+lexbag``: plus a bag of lexicon hits (counts per lexicon term and category).

    ``C`` is chosen per outer fold by an inner stratified ``inner_splits``-fold CV on the training
    folds only (grid :data:`BABE_C_GRID`, scoring F1); the outer test fold is never used for
    selection.  "No agreement" sentences are dropped.  Our features are computed once
    (:func:`babe_features`; the transformers are stateless) and rows are selected per fold.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``babe/``).
    n_splits, seed : int
        Outer ``StratifiedKFold(n_splits, shuffle=True, random_state=seed)`` (default 5 folds, 3
        when ``quick``); the inner CV uses the same seed.
    limit : int, optional
        Only the first ``limit`` SG2 sentences (a quick subset).
    models : iterable of str
        Keys of :data:`BABE_MODELS`.
    c_grid : iterable of float
        Values of ``C`` searched by the inner CV (one value: no search); default
        :data:`BABE_C_GRID` (1 and 10 when ``quick``).
    inner_splits : int
    features : pandas.DataFrame, optional
        Precomputed :func:`babe_features` of the same sentences (to share between calls).
    quick : bool
        Defaults for a fast run: the first 300 sentences, 3 folds, C in (1, 10).

    Returns
    -------
    pandas.DataFrame
        One row per model: ``model``, ``description``, ``n``, ``n_splits``, ``f1_mean``,
        ``f1_sd`` (sample sd over folds), ``precision_mean``, ``recall_mean``, ``f1_folds``
        (list), ``c_folds`` (the C chosen in each fold), and ``n_new``, ``f1_new_mean``,
        ``f1_new_sd``: the same F1 restricted, within each test fold, to the SG2 sentences not in
        SG1 (the lexicon's development split).

    Raises
    ------
    FileNotFoundError
        If ``root/babe`` is absent.

    Examples
    --------
    >>> babe_classification(models=["bert"])
    Traceback (most recent call last):
    ...
    ValueError: unknown model(s) ['bert']; choose from tfidf, tfidf+ours, tfidf+ours+lexbag
    >>> babe_classification(limit=600, n_splits=3, models=["tfidf"])[["model", "f1_mean"]]  # doctest: +SKIP
    """
    from sklearn.metrics import f1_score, precision_score, recall_score
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    models = list(models)
    unknown = [m for m in models if m not in BABE_MODELS]
    if unknown:
        raise ValueError(f"unknown model(s) {unknown}; choose from {', '.join(BABE_MODELS)}")
    limit = _quick_limit(quick, limit, "babe_classification")
    if n_splits is None:
        n_splits = _QUICK["babe_cv_splits"] if quick else 5
    if c_grid is None:
        c_grid = _QUICK["babe_c_grid"] if quick else BABE_C_GRID
    df = load_babe(root, "SG2", limit)
    y = df["biased"].to_numpy()
    need_ours = any(m != "tfidf" for m in models)
    if features is not None:
        if len(features) != len(df) or list(features["text"]) != list(df["text"]):
            raise ValueError("features do not belong to these sentences (recompute with babe_features)")
        X = features.reset_index(drop=True)
    elif need_ours:
        X = _babe_features_cached(str(_data_dir(root, "babe")), limit)
    else:
        X = pd.DataFrame({"text": df["text"]})
    dense = [c for c in X.columns if c not in ("text", "lexbag")]
    new = ~df["in_sg1"].to_numpy()
    outer = StratifiedKFold(n_splits, shuffle=True, random_state=seed)
    grid = {"clf__C": list(c_grid)}
    rows = []
    for model in models:
        f1s, ps, rs, cs, f1_new = [], [], [], [], []
        for tr, te in outer.split(X, y):
            pipe = _babe_pipeline(model, dense, seed)
            if len(grid["clf__C"]) > 1:
                inner = StratifiedKFold(inner_splits, shuffle=True, random_state=seed)
                search = GridSearchCV(pipe, grid, cv=inner, scoring="f1").fit(X.iloc[tr], y[tr])
                fitted, c = search.best_estimator_, search.best_params_["clf__C"]
            else:
                c = grid["clf__C"][0]
                fitted = pipe.set_params(clf__C=c).fit(X.iloc[tr], y[tr])
            pred = fitted.predict(X.iloc[te])
            f1s.append(f1_score(y[te], pred))
            ps.append(precision_score(y[te], pred, zero_division=0))
            rs.append(recall_score(y[te], pred))
            cs.append(float(c))
            m = new[te]
            f1_new.append(f1_score(y[te][m], pred[m]) if m.any() else math.nan)
        rows.append({
            "model": model, "description": BABE_MODELS[model], "n": len(y), "n_splits": n_splits,
            "f1_mean": float(np.mean(f1s)), "f1_sd": float(np.std(f1s, ddof=1)) if len(f1s) > 1 else math.nan,
            "precision_mean": float(np.mean(ps)), "recall_mean": float(np.mean(rs)),
            "f1_folds": [float(v) for v in f1s], "c_folds": cs,
            "n_new": int(new.sum()), "f1_new_mean": float(np.nanmean(f1_new)),
            "f1_new_sd": float(np.nanstd(f1_new, ddof=1)) if len(f1_new) > 1 else math.nan,
        })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# BASIL: framing rates against lexical-bias spans
# ---------------------------------------------------------------------------------------------


def _basil_data(root, limit: int | None):
    import warnings

    from .datasets import read_basil

    folder = _data_dir(root, "basil")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles, spans, _ = read_basil(folder)
    articles = articles.sort_values("article_id").reset_index(drop=True)
    if limit is not None:
        events = list(dict.fromkeys(articles["event_id"]))[:limit]
        articles = articles[articles["event_id"].isin(events)].reset_index(drop=True)
    spans = spans[spans["article_id"].isin(set(articles["article_id"]))].reset_index(drop=True)
    return articles, spans


@lru_cache(maxsize=2)
def _basil_analysed(folder: str, limit: int | None, n_jobs: int):
    """BASIL articles and spans, and our documents and hits tables (computed once per process)."""
    from .pipeline import analyze

    articles, spans = _basil_data(Path(folder).parent, limit)
    corpus = articles[["article_id", "outlet", "text"]].rename(columns={"article_id": "doc_id"})
    res = analyze(corpus, n_jobs=n_jobs, progress=False)
    return articles, spans, res.documents, res.hits[["doc_id", "start", "end"]]


def _overlaps_any(start: int, end: int, intervals: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in intervals)


def basil_framing(root=None, limit: int | None = None, n_jobs: int = 1, *,
                  quick: bool = False) -> dict[str, pd.DataFrame]:
    """Our framing rates on BASIL against its lexical-bias annotations.

    Every article's body (BASIL's paragraphs; the title is not analysed) goes through
    :func:`analysis.analyze`.  Lexical-bias density is the number of ``bias == "lex"`` spans in the
    body per 1,000 words (our word count, ``n_words``).  A lex span is *recalled* when at least one
    of our hits (any voice) overlaps it by a character.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``basil/``).
    limit : int, optional
        Only the first ``limit`` events (x 3 articles), in ``article_id`` order.
    n_jobs : int
        Passed to :func:`analysis.analyze` (results do not depend on it).
    quick : bool
        Without ``limit``: the first 5 events (15 articles).

    Returns
    -------
    dict of pandas.DataFrame
        ``articles``: ``article_id``, ``event_id``, ``outlet``, ``n_words``, ``n_hits``,
        ``n_lex_spans``, ``lex_density``, ``framing_rate``, ``own_framing_rate``;
        ``correlations``: ``measure`` (``own_framing_rate``/``framing_rate``), ``n``,
        ``pearson_r``, ``pearson_p``, ``spearman_rho``, ``spearman_p`` (each against
        ``lex_density``);
        ``outlets``: ``outlet``, ``n_articles``, mean ``lex_density``, ``framing_rate``,
        ``own_framing_rate``;
        ``recall``: ``spans`` (``all``, ``in_quote``, ``outside_quote``), ``n_spans``,
        ``n_recalled``, ``recall``.

    Raises
    ------
    FileNotFoundError
        If ``root/basil`` is absent.
    RuntimeError
        If any article fails to analyse.

    Examples
    --------
    >>> basil_framing("/nonexistent")
    Traceback (most recent call last):
    ...
    FileNotFoundError: basil data folder not found: /nonexistent/basil (pass root=... or set ANALYSIS_DATASETS)
    >>> basil_framing(limit=5)["correlations"]  # doctest: +SKIP
    """
    from scipy.stats import pearsonr, spearmanr

    limit = _quick_limit(quick, limit, "basil")
    articles, spans, docs, hits = _basil_analysed(str(_data_dir(root, "basil")), limit, n_jobs)
    bad = docs[docs["status"].astype(str).str.startswith("error")]
    if len(bad):
        raise RuntimeError(f"BASIL article {bad['doc_id'].iloc[0]} failed: {bad['status'].iloc[0]}")
    lex = spans[(spans["bias"] == "lex") & (spans["field"] == "body") & spans["start"].notna()]
    n_lex = lex.groupby("article_id").size()
    per = pd.DataFrame({
        "article_id": articles["article_id"], "event_id": articles["event_id"], "outlet": articles["outlet"],
        "n_words": docs["n_words"].astype(int).to_numpy(), "n_hits": docs["n_hits"].astype(int).to_numpy(),
    })
    per["n_lex_spans"] = per["article_id"].map(n_lex).fillna(0).astype(int)
    per["lex_density"] = 1000.0 * per["n_lex_spans"] / per["n_words"].where(per["n_words"] > 0)
    per["framing_rate"] = docs["framing_rate"].astype(float).to_numpy()
    per["own_framing_rate"] = docs["own_framing_rate"].astype(float).to_numpy()

    corr = []
    for measure in ("own_framing_rate", "framing_rate"):
        ok = per[[measure, "lex_density"]].dropna()
        pr, pp = pearsonr(ok[measure], ok["lex_density"])
        sr, sp = spearmanr(ok[measure], ok["lex_density"])
        corr.append({"measure": measure, "n": len(ok), "pearson_r": float(pr), "pearson_p": float(pp),
                     "spearman_rho": float(sr), "spearman_p": float(sp)})
    outlets = (per.groupby("outlet", sort=True)
               .agg(n_articles=("article_id", "size"), lex_density=("lex_density", "mean"),
                    framing_rate=("framing_rate", "mean"), own_framing_rate=("own_framing_rate", "mean"))
               .reset_index())

    by_doc: dict[str, list[tuple[int, int]]] = {}
    for d, s, e in zip(hits["doc_id"], hits["start"], hits["end"]):
        by_doc.setdefault(str(d), []).append((int(s), int(e)))
    recalled = np.array([_overlaps_any(int(s), int(e), by_doc.get(a, []))
                         for a, s, e in zip(lex["article_id"], lex["start"], lex["end"])], dtype=bool)
    quote = lex["quote"].to_numpy(dtype=bool)
    rec = []
    for name, mask in (("all", np.ones(len(lex), dtype=bool)), ("in_quote", quote), ("outside_quote", ~quote)):
        n = int(mask.sum())
        k = int(recalled[mask].sum())
        rec.append({"spans": name, "n_spans": n, "n_recalled": k, "recall": k / n if n else math.nan})
    return {"articles": per, "correlations": pd.DataFrame(corr), "outlets": outlets,
            "recall": pd.DataFrame(rec)}


# ---------------------------------------------------------------------------------------------
# PolNeAR: quote and speaker attribution (rules defined in bench/bench_polnear.py)
# ---------------------------------------------------------------------------------------------

_POLNEAR_BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_polnear.py"
POLNEAR_FIGURES = ["quoted_n", "quoted_coverage", "quoted_speaker_acc", "quoted_cue_acc", "unquoted_n",
                   "unquoted_coverage", "unquoted_speaker_acc", "unquoted_cue_acc", "all_coverage",
                   "direct_n", "direct_precision", "direct_precision_strict",
                   "indirect_n", "indirect_precision", "indirect_precision_strict"]


@lru_cache(maxsize=1)
def _polnear_rules():
    """The scoring rules of ``bench/bench_polnear.py``, imported from the script itself.

    The script is the single definition of the PolNeAR rules; it ships with the repository, not
    with the installed package, so this works from a checkout only.
    """
    import importlib.util

    if not _POLNEAR_BENCH.is_file():
        raise FileNotFoundError(
            f"polnear_attribution reuses the rules of {_POLNEAR_BENCH}, which is absent "
            "(it ships with the repository, not with the installed package)")
    import sys

    name = "_analysis_bench_polnear"
    spec = importlib.util.spec_from_file_location(name, _POLNEAR_BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the script runs
    try:
        spec.loader.exec_module(module)
    except Exception:
        sys.modules.pop(name, None)
        raise
    return module


def polnear_attribution(root=None, split: str = "dev", limit: int | None = None, *,
                        quick: bool = False) -> pd.DataFrame:
    """Quote and speaker attribution against PolNeAR (train or dev; never test).

    The rules (content coverage at 50 % of characters, speaker and cue accuracy, contents with and
    without quote marks, direct-quote precision; one annotator per article) are those of
    ``bench/bench_polnear.py``: its ``load_split`` and ``evaluate`` are imported and called here.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder (holding ``polnear/data``).
    split : {"train", "dev"}
    limit : int, optional
        Only the first ``limit`` articles of the split (sorted by name).
    quick : bool
        Without ``limit``: the first 20 articles.

    Returns
    -------
    pandas.DataFrame
        One row: ``split``, ``articles`` and :data:`POLNEAR_FIGURES` (``*_n`` counts, the rest
        shares); the script's timing is left out (not deterministic).

    Raises
    ------
    FileNotFoundError
        If ``root/polnear`` or the bench script is absent.

    Examples
    --------
    >>> polnear_attribution("/nonexistent")
    Traceback (most recent call last):
    ...
    FileNotFoundError: polnear data folder not found: /nonexistent/polnear (pass root=... or set ANALYSIS_DATASETS)
    """
    if split not in ("train", "dev"):
        raise ValueError(f"PolNeAR split must be 'train' or 'dev' (test is held out); got {split!r}")
    limit = _quick_limit(quick, limit, "polnear")
    folder = _data_dir(root, "polnear")
    rules = _polnear_rules()
    res = rules.evaluate(rules.load_split(folder, split, limit))
    return pd.DataFrame([{"split": split, "articles": res["articles"], **{k: res[k] for k in POLNEAR_FIGURES}}])


# ---------------------------------------------------------------------------------------------
# summary table
# ---------------------------------------------------------------------------------------------



def _row(area, dataset, split, metric, value, target=None, command=None) -> dict:
    return {"area": area, "dataset": dataset, "split": split, "metric": metric,
            "value": float(value) if value is not None else math.nan, "target": target,
            "command": command}


def _vader_rows(root, quick: bool) -> list[dict]:
    par = vader_parity(root, quick=quick)
    cor = vader_correlation(root, quick=quick).set_index("set")
    out = []
    for r in par.itertuples(index=False):
        out.append(_row("sentiment", "vader_groundtruth", r.set, "n_texts", r.n_texts, None, _CMD["vader"]))
        out.append(_row("sentiment", "vader_groundtruth", r.set, "n_identical", r.n_identical,
                        "= n_texts", _CMD["vader"]))
        if r.set in cor.index:
            c = cor.loc[r.set]
            out.append(_row("sentiment", "vader_groundtruth", r.set, "pearson_r_ours", c.r_ours,
                            "= pearson_r_reference", _CMD["vader"]))
            out.append(_row("sentiment", "vader_groundtruth", r.set, "pearson_r_reference", c.r_reference,
                            None, _CMD["vader"]))
    return out


def _babe_lexicon_rows(root, quick: bool) -> list[dict]:
    out = []
    for subset in BABE_SUBSETS:
        t = babe_lexicon(root, subset, quick=quick).set_index("tokens")
        split = {"SG1": "SG1 (dev)", "SG2": "SG2", "SG2_new": "SG2_new (not in SG1)"}[subset]
        c, a = t.loc["content"], t.loc["all"]
        for metric, value in (("n_sentences", c.n_sentences), ("precision", c.precision), ("recall", c.recall),
                              ("precision_all_tokens", a.precision), ("recall_all_tokens", a.recall),
                              ("auc_rate", c.auc_rate), ("auc_weighted", c.auc_weighted)):
            out.append(_row("framing lexicon", "babe", split, metric, value, None, _CMD["babe_lexicon"]))
    return out


def _newsmtsc_rows(root, quick: bool) -> list[dict]:
    t = newsmtsc_targets(root, quick=quick)
    out = [_row("target sentiment", "newsmtsc", "devtest_rw", "n_targets", t["n"].iloc[0], None, _CMD["newsmtsc"])]
    for r in t.itertuples(index=False):
        metric = f"macro_f1_{r.method}_{'tuned' if r.thresholds == 'train-tuned' else 'default'}"
        target = "> macro_f1_sentence_default" if r.config == "b" else None
        out.append(_row("target sentiment", "newsmtsc", "devtest_rw", metric, r.macro_f1, target, _CMD["newsmtsc"]))
    b = t[t["config"] == "b"].iloc[0]
    out.append(_row("target sentiment", "newsmtsc", "devtest_rw", "diff_ci95_low", b.diff_ci_low, "> 0",
                    _CMD["newsmtsc"]))
    out.append(_row("target sentiment", "newsmtsc", "devtest_rw", "diff_ci95_high", b.diff_ci_high, None,
                    _CMD["newsmtsc"]))
    return out


_BABE_TARGETS = {"tfidf": "about 0.71 (published TF-IDF baseline)",
                 "tfidf+ours": ">= 0.75 (fine-tuned transformer: 0.80)",
                 "tfidf+ours+lexbag": ">= 0.75 (fine-tuned transformer: 0.80)"}


def _babe_classification_rows(root, quick: bool) -> list[dict]:
    t = babe_classification(root, quick=quick)
    out = []
    split = f"SG2, {int(t['n_splits'].iloc[0])}-fold CV"
    out.append(_row("bias classification", "babe", split, "n_sentences", t["n"].iloc[0], None,
                    _CMD["babe_classification"]))
    for r in t.itertuples(index=False):
        cmd = _CMD["babe_classification"]
        out.append(_row("bias classification", "babe", split, f"f1_mean[{r.model}]", r.f1_mean,
                        _BABE_TARGETS[r.model], cmd))
        out.append(_row("bias classification", "babe", split, f"f1_sd[{r.model}]", r.f1_sd, None, cmd))
        out.append(_row("bias classification", "babe", split, f"f1_new_mean[{r.model}]", r.f1_new_mean, None, cmd))
    return out


def _basil_rows(root, quick: bool) -> list[dict]:
    r = basil_framing(root, quick=quick)
    cmd = _CMD["basil"]
    n = len(r["articles"])
    split = f"{n} articles"
    out = [_row("outlet framing", "basil", split, "n_articles", n, None, cmd)]
    for c in r["correlations"].itertuples(index=False):
        out.append(_row("outlet framing", "basil", split, f"pearson_r[{c.measure} vs lex_density]", c.pearson_r,
                        "> 0", cmd))
        out.append(_row("outlet framing", "basil", split, f"spearman_rho[{c.measure} vs lex_density]",
                        c.spearman_rho, "> 0", cmd))
    for o in r["outlets"].itertuples(index=False):
        for col in ("lex_density", "framing_rate", "own_framing_rate"):
            out.append(_row("outlet framing", "basil", split, f"mean_{col}[{o.outlet}]", getattr(o, col), None, cmd))
    for s in r["recall"].itertuples(index=False):
        out.append(_row("outlet framing", "basil", split, f"lex_span_recall[{s.spans}]", s.recall, None, cmd))
        out.append(_row("outlet framing", "basil", split, f"n_lex_spans[{s.spans}]", s.n_spans, None, cmd))
    return out


#: PolNeAR targets as printed by ``bench/bench_polnear.py`` (used when the script defines no ``TARGETS``).
POLNEAR_TARGETS = {"quoted": {"coverage": 0.90, "speaker_acc": 0.80}, "unquoted": {"coverage": 0.40},
                   "direct_precision": 0.85}


def _polnear_targets() -> dict[str, str]:
    t = getattr(_polnear_rules(), "TARGETS", None) or POLNEAR_TARGETS
    out = {}
    for group in ("quoted", "unquoted"):
        for key, val in (t.get(group) or {}).items():
            out[f"{group}_{'speaker_acc' if key == 'speaker_acc' else key}"] = f">= {val:g}"
    if "direct_precision" in t:
        out["direct_precision"] = f">= {t['direct_precision']:g}"
    return out


def _polnear_rows(root, quick: bool) -> list[dict]:
    targets = _polnear_targets()
    out = []
    for split in ("train", "dev"):
        r = polnear_attribution(root, split, quick=quick).iloc[0]
        out.append(_row("attribution", "polnear", split, "articles", r["articles"], None, _CMD["polnear"]))
        for metric in POLNEAR_FIGURES:
            out.append(_row("attribution", "polnear", split, metric, r[metric], targets.get(metric), _CMD["polnear"]))
    return out


_SECTIONS = (
    ("vader", _vader_rows),
    ("babe_lexicon", _babe_lexicon_rows),
    ("newsmtsc", _newsmtsc_rows),
    ("babe_classification", _babe_classification_rows),
    ("basil", _basil_rows),
    ("polnear", _polnear_rows),
)


def summary(root=None, quick: bool = False, sections: Iterable[str] | None = None,
            timings: dict | None = None) -> pd.DataFrame:
    """Run every validation and return one tidy table of figures.

    Parameters
    ----------
    root : path-like, optional
        The shared data-set folder.
    quick : bool
        Use the fast subsets (first 500 VADER texts per set, 500 BABE sentences, 300 NewsMTSC
        targets, 300 BABE sentences in 3-fold CV, 5 BASIL events, 20 PolNeAR articles per split):
        for tests and drift checks.
    sections : iterable of str, optional
        Run only these of ``vader``, ``babe_lexicon``, ``newsmtsc``, ``babe_classification``,
        ``basil``, ``polnear`` (default all).
    timings : dict, optional
        If given, filled with the seconds each section took (kept out of the table, which must be
        deterministic).

    Returns
    -------
    pandas.DataFrame
        :data:`SUMMARY_COLUMNS`: ``area``, ``dataset``, ``split``, ``metric``, ``value`` (float),
        ``target`` (str or None), ``command`` (the bench script that prints the figure).

    Raises
    ------
    FileNotFoundError
        If a data folder a section needs is absent.

    Examples
    --------
    >>> summary("/nonexistent", sections=["babe_lexicon"])
    Traceback (most recent call last):
    ...
    FileNotFoundError: babe data folder not found: /nonexistent/babe (pass root=... or set ANALYSIS_DATASETS)
    """
    known = [name for name, _ in _SECTIONS]
    wanted = known if sections is None else list(sections)
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise ValueError(f"unknown section(s) {unknown}; choose from {', '.join(known)}")
    rows: list[dict] = []
    for name, fn in _SECTIONS:
        if name in wanted:
            t0 = time.perf_counter()
            rows.extend(fn(root, quick))
            if timings is not None:
                timings[name] = time.perf_counter() - t0
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


# ---------------------------------------------------------------------------------------------
# docs/validation.md
# ---------------------------------------------------------------------------------------------

_BLOCK_OPEN = "```csv validation-figures"
_KEY = ["run", "area", "dataset", "split", "metric"]

_AREA_NOTES = {
    "sentiment": (
        "`analysis.sentiment` against vaderSentiment 3.3.2 on the four VADER ground-truth sets. "
        "`n_identical`: texts whose four scores (neg, neu, pos, compound) are `==` to the reference's. "
        "`pearson_r_*`: Pearson r of compound with the human mean rating."),
    "framing lexicon": (
        "Word-level agreement of lexicon hits with BABE's expert `biased_words` (definitions in "
        "`analysis.validation.score_babe_lexicon`): precision = hit words that are in the sentence's "
        "biased words / all hit words; recall = biased words covered by a hit / all biased words; "
        "function words dropped on both sides (`*_all_tokens` keep them); `auc_*`: ROC AUC of the "
        "sentence hit rate (weighted: sum of hit weights) against the Biased label. SG1 is the "
        "lexicon's development split and 1,693 of SG2's 3,673 labelled sentences are SG1 sentences, so "
        "`SG2_new` (the 1,980 SG2 sentences not in SG1) is the held-out figure."),
    "target sentiment": (
        "Sentiment toward a target on NewsMTSC devtest_rw (macro-F1 over negative/neutral/positive). "
        "`sentence`: VADER compound of the whole sentence; `clause`: the clause holding the mention, "
        "neighbouring clauses down-weighted. `default` thresholds +-0.05, `tuned` thresholds tuned on "
        "train only. `diff_ci95_*`: paired bootstrap (1,000 resamples of targets) of clause-tuned minus "
        "sentence-default."),
    "bias classification": (
        "BABE SG2 (\"No agreement\" dropped), stratified 5-fold CV (shuffle, seed 0), binary F1 with "
        "Biased = 1, mean and sample sd over folds. Logistic regression; C chosen per outer fold by a "
        "3-fold CV on the training folds only (grid 0.3, 1, 3, 10, 30, 100). `tfidf`: TF-IDF word 1-2 grams, "
        "sublinear tf. `tfidf+ours`: plus FramingVectorizer (category rates, all and own voices) and "
        "AnalysisFeatures (attribution, voice shares, sentiment), standardised. `tfidf+ours+lexbag`: "
        "plus counts of lexicon hits per term and per category. `f1_new_mean`: F1 within each test fold "
        "on the sentences not in SG1 (the lexicon's development split, which overlaps SG2), the "
        "leak-free comparison."),
    "outlet framing": (
        "BASIL (100 events x Fox/NYT/HuffPost). Each article body is analysed with `analysis.analyze`. "
        "`lex_density`: BASIL lexical-bias (`bias == 'lex'`) spans in the body per 1,000 words; "
        "`own_framing_rate`: our hits in the outlet's own voices per 1,000 own-voice words; "
        "`framing_rate`: all voices. `lex_span_recall`: share of lex spans overlapped by at least one "
        "of our hits (`in_quote`/`outside_quote` by BASIL's `quote` flag)."),
    "attribution": (
        "PolNeAR attribution relations, train and dev splits (never test), one annotator per article; "
        "rules in `bench/bench_polnear.py`. A gold content is covered when our direct and indirect quotes "
        "overlap at least 50 % of its characters; `*_speaker_acc` / `*_cue_acc`: among covered contents, "
        "the share whose best-overlapping quote's speaker mention / cue overlaps the gold Source / Cue; "
        "`quoted_*`: contents containing a double quotation mark, `unquoted_*`: the others; "
        "`direct_precision`: share of our direct quotes overlapping a gold content (`_strict`: 50 % of "
        "the quote's characters inside gold contents); `indirect_precision`: the same for our indirect "
        "quotes (paraphrases)."),
}

_AREA_DATASET = {"sentiment": "vader_groundtruth", "framing lexicon": "babe", "target sentiment": "newsmtsc",
                 "bias classification": "babe", "outlet framing": "basil", "attribution": "polnear"}


def machine_description() -> str:
    """One line describing this machine: OS, processor, CPU count, Python and key package versions.

    Examples
    --------
    >>> "CPUs" in machine_description()
    True
    """
    import sklearn

    proc = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()} ({platform.machine()}), {proc}, "
            f"{os.cpu_count()} CPUs; Python {platform.python_version()}, numpy {np.__version__}, "
            f"pandas {pd.__version__}, scikit-learn {sklearn.__version__}")


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    v = float(value)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.6g}"


def _md_value(value) -> str:
    """Figures in the human-readable tables: integers as such, else 4 decimals (2 from 10 upwards)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    v = float(value)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:.4f}" if abs(v) < 10 else f"{v:.2f}"


_TARGET_RE = re.compile(r"^\s*(>=|<=|>|<|=)\s*([^\s(]+)")


def _target_met(row, table: pd.DataFrame) -> str:
    """``yes``/``no`` for targets of the form ``>= 0.9``, ``> 0`` or ``= <other metric>`` (same
    area, data set and split); empty when there is no target or it is not of that form."""
    target = row.target
    if target is None or (isinstance(target, float) and math.isnan(target)):
        return ""
    m = _TARGET_RE.match(str(target))
    if not m:
        return ""
    op, ref = m.groups()
    try:
        bound = float(ref)
    except ValueError:
        same = table[(table["area"] == row.area) & (table["dataset"] == row.dataset)
                     & (table["split"] == row.split) & (table["metric"] == ref)]
        if len(same) != 1:
            return ""
        bound = float(same["value"].iloc[0])
    v = float(row.value)
    if math.isnan(v) or math.isnan(bound):
        return ""
    ok = {">=": v >= bound, "<=": v <= bound, ">": v > bound, "<": v < bound, "=": v == bound}[op]
    return "yes" if ok else "no"


def _md_cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _check_table(table: pd.DataFrame, what: str) -> None:
    missing = [c for c in SUMMARY_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {', '.join(missing)} (expected {', '.join(SUMMARY_COLUMNS)})")


def write_validation_md(table: pd.DataFrame, path, *, quick: pd.DataFrame | None = None,
                        date: str | _dt.date | None = None, machine: str | None = None,
                        seconds: float | None = None) -> Path:
    """Write the validation report: every figure with its data set, command, licence and citation.

    The file has a human-readable section per area and, at the end, a fenced ``csv
    validation-figures`` block with every figure (``run`` = ``full`` for ``table``, ``quick`` for
    ``quick``) that :func:`check_validation_md` parses.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`summary` output (the full run).
    path : path-like
        Where to write (parent folders are created).
    quick : pandas.DataFrame, optional
        ``summary(quick=True)`` output, embedded so a test can check the file against a fresh quick
        run without the full run's cost.
    date : str or datetime.date, optional
        The run's date (default: today).  Pass it explicitly for reproducible output.
    machine : str, optional
        Default :func:`machine_description`.
    seconds : float, optional
        How long the full run took (printed, not checked).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> t = pd.DataFrame([_row("sentiment", "vader_groundtruth", "tweets", "n_identical", 4200, "= n_texts",
    ...                        "python bench/bench_sentiment.py")])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_validation_md(t, Path(d) / "v.md", date="2026-01-01", machine="test box")
    ...     text = p.read_text(encoding="utf-8")
    ...     bad = check_validation_md(p, t)
    >>> "| tweets | n_identical | 4,200 | = n_texts |  |" in text, len(bad)
    (True, 0)
    """
    _check_table(table, "table")
    if quick is not None:
        _check_table(quick, "quick")
    if date is None:
        date = _dt.date.today()
    date = date.isoformat() if isinstance(date, _dt.date) else str(date)
    machine = machine_description() if machine is None else machine
    lines = [
        "# Validation",
        "",
        "Every accuracy figure of `analysis` against public annotated data, generated by",
        "`python bench/run_all.py --write-docs` from `analysis.validation.summary()`; do not edit by hand.",
        "Each figure names the bench script that prints it. `tests/test_validation.py` checks the quick-subset",
        "figures embedded at the end of this file against a fresh run, so the file cannot drift from the code.",
        "",
        f"- date: {date}",
        f"- machine: {machine}",
    ]
    if seconds is not None:
        lines.append(f"- full run: {seconds:.0f} s (`analysis.validation.summary(root)`)")
    lines.append("")
    for area in dict.fromkeys(table["area"]):
        part = table[table["area"] == area]
        lines += [f"## {area[0].upper()}{area[1:]}", ""]
        if area in _AREA_NOTES:
            lines += [_AREA_NOTES[area], ""]
        lines += ["| dataset | split | metric | value | target | met | command |",
                  "|---|---|---|---|---|---|---|"]
        for r in part.itertuples(index=False):
            lines.append(f"| {_md_cell(r.dataset)} | {_md_cell(r.split)} | {_md_cell(r.metric)} | "
                         f"{_md_value(r.value)} | {_md_cell(r.target)} | {_target_met(r, table)} | "
                         f"`{_md_cell(r.command)}` |")
        lines.append("")
    lines += ["## Data sets", "",
              "Read from the shared data-set folder (`ANALYSIS_DATASETS` or `../shared/datasets`); never copied "
              "into this repository. Cite the papers when reporting these figures.", ""]
    for name in dict.fromkeys(table["dataset"]):
        info = DATASET_INFO.get(name)
        if info:
            lines.append(f"- **{name}**: {info['title']}. Licence: {info['licence']}. {info['citation']} "
                         f"Upstream: {info['upstream']}.")
        else:
            lines.append(f"- **{name}**")
    lines += ["", "## Machine-readable figures", "",
              "`run` = `full` (the tables above) or `quick` (the fast subsets of `summary(quick=True)`).", "",
              _BLOCK_OPEN]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["run", *SUMMARY_COLUMNS])
    for run, t in (("full", table), ("quick", quick)):
        if t is None:
            continue
        for r in t.itertuples(index=False):
            w.writerow([run, r.area, r.dataset, r.split, r.metric, _fmt(r.value),
                        "" if r.target is None or (isinstance(r.target, float) and math.isnan(r.target)) else r.target,
                        r.command or ""])
    lines += [buf.getvalue().rstrip("\n"), "```", ""]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def read_validation_md(path) -> pd.DataFrame:
    """The machine-readable figures embedded in a validation report.

    Returns
    -------
    pandas.DataFrame
        ``run`` plus :data:`SUMMARY_COLUMNS` (``value`` float, NaN where empty).

    Raises
    ------
    FileNotFoundError
        If the file is absent.
    ValueError
        If it has no ``csv validation-figures`` block, naming the file.

    Examples
    --------
    >>> read_validation_md("/nonexistent.md")
    Traceback (most recent call last):
    ...
    FileNotFoundError: validation report not found: /nonexistent.md
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"validation report not found: {path}")
    text = path.read_text(encoding="utf-8")
    start = text.find(_BLOCK_OPEN)
    if start < 0:
        raise ValueError(f"{path}: no '{_BLOCK_OPEN}' block (regenerate with python bench/run_all.py --write-docs)")
    body_start = text.index("\n", start) + 1
    end = text.find("\n```", body_start - 1)
    if end < 0:
        raise ValueError(f"{path}: the '{_BLOCK_OPEN}' block is not closed")
    df = pd.read_csv(io.StringIO(text[body_start:end]), dtype=str, keep_default_na=False)
    expected = ["run", *SUMMARY_COLUMNS]
    if list(df.columns) != expected:
        raise ValueError(f"{path}: figures block has columns {list(df.columns)}, expected {expected}")
    df["value"] = pd.to_numeric(df["value"].replace("", np.nan), errors="raise")
    for col in ("target", "command"):
        df[col] = pd.Series([v if v else None for v in df[col]], index=df.index, dtype=object)
    return df


def check_validation_md(path, table: pd.DataFrame, run: str = "full", atol: float = 1e-4,
                        rtol: float = 1e-5) -> pd.DataFrame:
    """Compare the figures embedded in a validation report with a fresh :func:`summary` table.

    Every row of ``table`` must appear in the file's ``run`` block (same ``area``, ``dataset``,
    ``split``, ``metric``) with a value within ``atol + rtol * |value|`` (the file stores six
    significant digits), the same ``target`` and ``command``; and the block must not hold figures
    the table lacks.

    Parameters
    ----------
    path : path-like
        The report (``docs/validation.md``).
    table : pandas.DataFrame
        A fresh :func:`summary` run (``quick=True`` for ``run="quick"``).
    run : {"full", "quick"}
    atol, rtol : float

    Returns
    -------
    pandas.DataFrame
        One row per mismatch (empty when the file matches): ``area``, ``dataset``, ``split``,
        ``metric``, ``problem``, ``documented``, ``fresh``.

    Examples
    --------
    >>> import tempfile
    >>> t = pd.DataFrame([_row("sentiment", "vader_groundtruth", "tweets", "pearson_r_ours", 0.8811,
    ...                        None, "python bench/bench_sentiment.py")])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_validation_md(t, Path(d) / "v.md", date="2026-01-01", machine="test box")
    ...     bad = check_validation_md(p, t.assign(value=0.5))
    >>> bad[["metric", "problem", "documented", "fresh"]].values.tolist()
    [['pearson_r_ours', 'value differs', 0.8811, 0.5]]
    """
    if run not in ("full", "quick"):
        raise ValueError(f"run must be 'full' or 'quick', got {run!r}")
    _check_table(table, "table")
    doc = read_validation_md(path)
    doc = doc[doc["run"] == run]
    keys = _KEY[1:]
    documented = {tuple(r[k] for k in keys): r for r in doc.to_dict("records")}
    fresh = {tuple(str(r[k]) for k in keys): r for r in table.to_dict("records")}
    problems = []

    def _same(a, b) -> bool:
        a = None if a is None or (isinstance(a, float) and math.isnan(a)) or a == "" else str(a)
        b = None if b is None or (isinstance(b, float) and math.isnan(b)) or b == "" else str(b)
        return a == b

    for key, r in fresh.items():
        d = documented.get(key)
        if d is None:
            problems.append((*key, "missing from the report", None, r["value"]))
            continue
        dv, fv = d["value"], float(r["value"]) if r["value"] is not None else math.nan
        both_nan = (isinstance(dv, float) and math.isnan(dv)) and math.isnan(fv)
        if not both_nan and not (abs(dv - fv) <= atol + rtol * abs(fv)):
            problems.append((*key, "value differs", dv, fv))
        if not _same(d["target"], r["target"]):
            problems.append((*key, "target differs", d["target"], r["target"]))
        if not _same(d["command"], r["command"]):
            problems.append((*key, "command differs", d["command"], r["command"]))
    for key, d in documented.items():
        if key not in fresh:
            problems.append((*key, "not produced by the fresh run", d["value"], None))
    return pd.DataFrame(problems, columns=[*keys, "problem", "documented", "fresh"])


#: The figures a reader looks at first in each area, with a readable name (all on a 0-1 scale).
HEADLINE_METRICS: dict[str, dict[str, str]] = {
    "sentiment": {"pearson_r_ours": "Pearson r with human ratings"},
    "framing lexicon": {"precision": "Word precision vs BABE experts", "recall": "Word recall vs BABE experts",
                        "auc_rate": "Sentence AUC (hit rate vs biased label)"},
    "target sentiment": {"macro_f1_sentence_default": "Macro-F1, whole sentence",
                         "macro_f1_clause_tuned": "Macro-F1, clause of the target"},
    "bias classification": {"f1_mean[tfidf]": "F1, TF-IDF baseline", "f1_mean[tfidf+ours]": "F1, TF-IDF + our features",
                            "f1_mean[tfidf+ours+lexbag]": "F1, + lexicon bag"},
    "outlet framing": {"pearson_r[own_framing_rate vs lex_density]": "Pearson r, own framing rate vs lexical bias",
                       "spearman_rho[own_framing_rate vs lex_density]": "Spearman rho, own framing rate vs lexical bias"},
    "attribution": {"quoted_coverage": "Quoted contents found", "quoted_speaker_acc": "Speaker accuracy (quoted)",
                    "direct_precision": "Direct-quote precision", "indirect_precision": "Paraphrase precision",
                    "unquoted_coverage": "Unquoted contents found"},
}


def _check_figures(figures: pd.DataFrame, run: str) -> pd.DataFrame:
    missing = [c for c in ("run", *SUMMARY_COLUMNS) if c not in getattr(figures, "columns", [])]
    if missing:
        raise ValueError(f"figures: no {missing[0]!r} column (expected the output of read_validation_md)")
    runs = sorted(set(figures["run"]))
    if run not in runs:
        raise ValueError(f"run: {run!r} not in the figures; choose one of: {', '.join(map(repr, runs))}")
    return figures[figures["run"] == run]


#: Short names of the data sets and splits for charts (the ids stay in the tables).
_SHORT_NAMES = {"vader_groundtruth": "VADER ground truth", "babe": "BABE", "newsmtsc": "NewsMTSC",
                "basil": "BASIL", "polnear": "PolNeAR", "nytEditorialSnippets": "NYT editorials",
                "movieReviewSnippets": "movie reviews", "amazonReviewSnippets": "Amazon reviews",
                "SG2_new (not in SG1)": "SG2 not in SG1, held out", "SG1 (dev)": "SG1, development",
                "devtest_rw": "real-world test", "dev": "dev, held out"}


def headline_figures(figures: pd.DataFrame, run: str = "full") -> pd.DataFrame:
    """The :data:`HEADLINE_METRICS` rows of a validation table, with readable names.

    Parameters
    ----------
    figures : DataFrame
        :func:`read_validation_md` output (``run`` plus :data:`SUMMARY_COLUMNS`), or
        :func:`summary` output with a ``run`` column added.
    run : {"full", "quick"}, default "full"

    Returns
    -------
    pandas.DataFrame
        ``area, dataset, split, metric, measure, value`` (``measure``, and the data set and split
        names, in readable form for charts).

    Examples
    --------
    >>> t = read_validation_md("docs/validation.md")  # doctest: +SKIP
    >>> headline_figures(t).query("area == 'attribution'")["measure"].iloc[0]  # doctest: +SKIP
    'Quoted contents found'
    """
    f = _check_figures(figures, run)
    rows = []
    for area, metrics in HEADLINE_METRICS.items():
        sub = f[(f["area"] == area) & f["metric"].isin(list(metrics))]
        for r in sub.itertuples(index=False):
            rows.append({"area": area, "dataset": _SHORT_NAMES.get(r.dataset, r.dataset),
                         "split": _SHORT_NAMES.get(r.split, r.split), "metric": r.metric,
                         "measure": metrics[r.metric], "value": r.value})
    return pd.DataFrame(rows, columns=["area", "dataset", "split", "metric", "measure", "value"])


def figures_by_area(figures: pd.DataFrame, run: str = "full") -> dict[str, pd.DataFrame]:
    """Every figure of a validation table as one wide table per area (rows: data set and split).

    Parameters
    ----------
    figures : DataFrame
        :func:`read_validation_md` output.
    run : {"full", "quick"}, default "full"

    Returns
    -------
    dict of str to DataFrame
        area -> table indexed by ``(dataset, split)`` with one column per metric, in report order.
    """
    f = _check_figures(figures, run)
    out = {}
    for area in dict.fromkeys(f["area"]):
        sub = f[f["area"] == area]
        metrics = list(dict.fromkeys(sub["metric"]))
        table = sub.pivot_table(index=["dataset", "split"], columns="metric", values="value", aggfunc="first", sort=False)
        out[area] = table.reindex(columns=metrics)
    return out
