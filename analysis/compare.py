"""Compare outlets (or any groups of documents): rates with bootstrap CIs, permutation tests,
Fightin' Words, candidate framing terms with keyword-in-context, and word choice around actors.

Everything here takes plain inputs (a documents table, lists of texts, a dict of actor aliases) and
returns tidy :class:`pandas.DataFrame` objects. Randomness always comes from a
:class:`numpy.random.Generator` seeded from ``seed``, so every result is reproducible.

Summary of the public API
-------------------------
``group_rates``            mean of per-document metrics (or ratio of sums) per group, percentile bootstrap CI
``Ratio``                  a ratio-of-sums metric, e.g. ``Ratio("n_hits", "n_words", per=1000)``
``permutation_test``       difference a - b of a group statistic with a two-sided permutation p-value
``pairwise_permutation``   the same for every pair of groups, with a Holm-adjusted p-value
``fightin_words``          weighted log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008)
``over_time``              per-period means of document metrics with bootstrap CIs (weekly/monthly bins)
``camp_shares_over_time``  per-period share of attributed words by speaker camp
``discover_terms``         candidate framing n-grams not yet in a lexicon, with contexts to review
``kwic``                   keyword-in-context rows with exact character offsets
``word_choice``            words right before/after each actor mention ("Taliban *militants*")
``word_choice_counts``     counts and shares of those words per group and actor
"""
from __future__ import annotations

import bisect
import itertools
import math
import numbers
import re
import warnings
import zlib
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from ._casefold import lower_for_ignorecase
from .actors import _SUFFIX

__all__ = [
    "DEFAULT_PRIOR",
    "DEFAULT_TOKEN_PATTERN",
    "Ratio",
    "discover_terms",
    "fightin_words",
    "group_rates",
    "kwic",
    "pairwise_permutation",
    "permutation_test",
    "word_choice",
    "word_choice_counts",
    "over_time",
    "camp_shares_over_time",
    "local_dates",
    "WEEKLY_MAX_DAYS",
    "MONTHLY_MAX_DAYS",
]

#: scikit-learn's default ``CountVectorizer`` token pattern: runs of two or more word characters.
#: Note that it ignores one-character tokens ("a", "I", "X"); pass ``token_pattern=r"(?u)\b\w+\b"``
#: to keep them.
DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"

#: Pseudo-count used for terms missing from a ``prior`` dict in :func:`fightin_words`.
DEFAULT_PRIOR = 0.01

# Upper bound on the number of cells in one resampling matrix (chunks keep memory flat).
_CHUNK_CELLS = 4_000_000

# Words for word_choice: letters/digits, joined by inner hyphens or apostrophes ("US-led", "so-called",
# "Washington's").
_WORD_RE = re.compile(r"\w+(?:[-'\u2019]\w+)*")
# Characters that end a clause: the word_choice window never reaches across them.
_CLAUSE_BREAK_RE = re.compile(r"[.!?;:,()\[\]{}\n\r\u2014\u2013\u2026|]")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


# --------------------------------------------------------------------------------------------------
# small shared helpers
# --------------------------------------------------------------------------------------------------
class Ratio(NamedTuple):
    """A ratio-of-sums metric: ``per * sum(num) / sum(den)`` over the documents of a group.

    Use it wherever a metric name is accepted, e.g. hits per 1,000 words. The bootstrap and the
    permutation test resample *documents* and recompute the ratio of sums, which is the right
    estimator for a rate pooled over documents of different lengths (a mean of per-document rates
    would weight a 50-word brief like a 5,000-word feature).

    Parameters
    ----------
    num, den : str
        Column names of the numerator and denominator (per-document counts).
    per : float, default 1.0
        Multiplier, e.g. 1000 for "per 1,000 words".
    name : str, optional
        Label used in the ``metric`` column; default ``"{num} per {per} {den}"`` (or ``"{num}/{den}"``).

    Examples
    --------
    >>> Ratio("n_hits", "n_words", 1000).label
    'n_hits per 1000 n_words'
    >>> Ratio("n_hits", "n_words", name="rate").label
    'rate'
    """

    num: str
    den: str
    per: float = 1.0
    name: str | None = None

    @property
    def label(self) -> str:
        """The label used in output tables."""
        if self.name is not None:
            return self.name
        if self.per == 1:
            return f"{self.num}/{self.den}"
        return f"{self.num} per {self.per:g} {self.den}"


def _as_ratio(spec) -> Ratio:
    if isinstance(spec, Ratio):
        return spec
    if isinstance(spec, tuple) and 2 <= len(spec) <= 4 and all(isinstance(s, str) for s in spec[:2]):
        return Ratio(*spec)
    raise ValueError(f"ratio must be Ratio(num, den, per) or a tuple (num, den[, per]); got {spec!r}")


def _metric_specs(metric, ratio=None) -> list:
    """Normalise ``metric`` (str | Ratio | list) and ``ratio`` shorthand into a list of specs."""
    specs: list = []
    if metric is not None:
        items = [metric] if isinstance(metric, (str, Ratio)) else list(metric)
        for item in items:
            if not isinstance(item, (str, Ratio)):
                raise ValueError(f"metric must be a column name or a Ratio; got {item!r}")
            specs.append(item)
    if ratio is not None:
        if isinstance(ratio, (Ratio, tuple)):
            specs.append(_as_ratio(ratio))
        else:
            specs.extend(_as_ratio(r) for r in ratio)
    if not specs:
        raise ValueError("give at least one metric (a column name or Ratio(num, den, per))")
    labels = [s if isinstance(s, str) else s.label for s in specs]
    dup = sorted({x for x in labels if labels.count(x) > 1})
    if dup:
        raise ValueError(f"metric label(s) given twice: {dup}")
    return specs


def _spec_columns(spec) -> list[str]:
    return [spec] if isinstance(spec, str) else [spec.num, spec.den]


def _spec_label(spec) -> str:
    return spec if isinstance(spec, str) else spec.label


def _check_frame(documents, columns: Iterable[str], what: str) -> None:
    if not isinstance(documents, pd.DataFrame):
        raise TypeError(f"{what}: documents must be a pandas DataFrame, got {type(documents).__name__}")
    if len(documents) == 0:
        raise ValueError(f"{what}: the documents table is empty")
    for col in columns:
        if col not in documents.columns:
            raise ValueError(
                f"{what}: column {col!r} not found in documents (columns: {list(documents.columns)})"
            )


def _float_column(documents: pd.DataFrame, col: str, what: str) -> np.ndarray:
    values = documents[col]
    try:
        out = pd.to_numeric(values, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{what}: column {col!r} is not numeric ({exc})") from None
    return out


def _group_index(documents: pd.DataFrame, by, what: str) -> dict:
    """Map each group label to the integer positions of its rows (labels in sorted order)."""
    if by is None:
        return {"all": np.arange(len(documents))}
    labels = documents[by]
    missing = labels.isna().to_numpy()
    if missing.any():
        rows = list(documents.index[missing][:5])
        raise ValueError(
            f"{what}: column {by!r} has {int(missing.sum())} missing group label(s) (rows {rows}); "
            "fill or drop them first"
        )
    codes, uniques = pd.factorize(labels, sort=False)
    try:
        order = sorted(range(len(uniques)), key=lambda i: uniques[i])
    except TypeError:  # mixed, unorderable labels: keep first-appearance order
        order = list(range(len(uniques)))
    sort_idx = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[sort_idx], np.arange(len(uniques) + 1))
    return {uniques[i]: sort_idx[bounds[i] : bounds[i + 1]] for i in order}


def _rng(seed, key) -> np.random.Generator:
    """A generator for one (seed, group) pair: stable across runs and independent of other groups."""
    if seed is None:
        return np.random.default_rng()
    if not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a non-negative int or None, got {seed!r}")
    parts = key if isinstance(key, tuple) else (key,)
    text = "\x1f".join(str(k) for k in parts)  # str, not repr: np.int64(3) and 3 seed alike
    return np.random.default_rng([int(seed), zlib.crc32(text.encode("utf-8"))])


def _check_positive_int(value, name: str) -> int:
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")
    return int(value)


def _spec_values(documents: pd.DataFrame, spec, what: str):
    """Per-document arrays for a spec: (x,) for a column, (num, den) for a Ratio."""
    return tuple(_float_column(documents, c, what) for c in _spec_columns(spec))


def _valid(arrays: tuple, pos: np.ndarray) -> tuple[tuple, int]:
    sub = tuple(a[pos] for a in arrays)
    ok = np.logical_and.reduce([np.isfinite(a) for a in sub])
    return tuple(a[ok] for a in sub), int((~ok).sum())


def _point(spec, values: tuple) -> float:
    if isinstance(spec, str):
        return float(values[0].mean()) if len(values[0]) else math.nan
    num, den = values
    total = den.sum()
    return float(spec.per * num.sum() / total) if len(den) and total != 0 else math.nan


def _bootstrap(rng: np.random.Generator, spec, values: tuple, n_boot: int) -> np.ndarray:
    n = len(values[0])
    out = np.empty(n_boot)
    chunk = max(1, _CHUNK_CELLS // n)
    for s in range(0, n_boot, chunk):
        k = min(chunk, n_boot - s)
        idx = rng.integers(0, n, size=(k, n))
        if isinstance(spec, str):
            out[s : s + k] = values[0][idx].mean(axis=1)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                out[s : s + k] = spec.per * values[0][idx].sum(axis=1) / values[1][idx].sum(axis=1)
    return out


def _as_texts(texts, name: str) -> list[str]:
    """A list of str from a str, list or Series; a clear error for a non-string entry."""
    if isinstance(texts, str):
        return [texts]
    labels, items = _labelled(texts)
    for label, t in zip(labels, items):
        if not isinstance(t, str):
            raise ValueError(f"{name}[{label!r}] is not a string (got {type(t).__name__}: {t!r})")
    return items


def _labelled(texts) -> tuple[list, list]:
    """Document labels (Series index, else positions) and items."""
    if isinstance(texts, str):
        return [0], [texts]
    if isinstance(texts, pd.Series):
        return list(texts.index), list(texts.to_numpy())
    items = list(texts)
    return list(range(len(items))), items


# --------------------------------------------------------------------------------------------------
# 1. group rates with bootstrap CIs
# --------------------------------------------------------------------------------------------------
def group_rates(
    documents: pd.DataFrame,
    metric=None,
    by: str | None = "outlet",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int | None = 0,
    ratio=None,
) -> pd.DataFrame:
    """Mean of per-document metrics per group, with a percentile bootstrap confidence interval.

    Documents are the resampling unit: each of ``n_boot`` resamples draws ``n_docs`` documents of the
    group with replacement and recomputes the statistic (vectorised, in memory-bounded chunks).

    Parameters
    ----------
    documents : DataFrame
        One row per document, with the ``by`` column and the metric columns.
    metric : str, Ratio or list of them, optional
        Column(s) whose per-group mean is estimated, and/or :class:`Ratio` specs estimated as a ratio
        of sums (``per * sum(num) / sum(den)``), e.g. ``Ratio("n_hits", "n_words", 1000)``.
    by : str or None, default "outlet"
        Grouping column; ``None`` treats all documents as one group labelled ``"all"``.
    n_boot : int, default 2000
        Number of bootstrap resamples.
    ci : float, default 0.95
        Confidence level of the percentile interval.
    seed : int or None, default 0
        Seed. Each group gets its own generator derived from ``(seed, group label)``, so a group's
        interval does not change when other groups are added or removed, and all metrics of a group
        use the same resampled documents when they have the same missing values.
    ratio : tuple, Ratio or list of them, optional
        Shorthand for ratio metrics: ``ratio=("n_hits", "n_words", 1000)`` is the same as
        ``metric=Ratio("n_hits", "n_words", 1000)``.

    Returns
    -------
    DataFrame
        One row per metric and group (metrics in the order given, groups sorted): ``group, metric,
        n_docs, n_missing, mean, ci_low, ci_high``. ``n_docs`` counts the documents used; documents
        whose metric (numerator or denominator, for a ratio) is NaN/inf are excluded and counted in
        ``n_missing``. ``mean`` is the point estimate (the mean, or the ratio of sums). A group with
        no usable documents gets NaN estimates.

    Raises
    ------
    ValueError
        A missing or non-numeric column (named), an empty table, missing group labels.

    Examples
    --------
    >>> docs = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "share": [0.2, 0.2, 0.5, None],
    ...                      "n_hits": [1, 3, 0, 2], "n_words": [100, 300, 50, 150]})
    >>> group_rates(docs, "share", n_boot=200)
      group metric  n_docs  n_missing  mean  ci_low  ci_high
    0     A  share       2          0   0.2     0.2      0.2
    1     B  share       1          1   0.5     0.5      0.5
    >>> group_rates(docs, ratio=("n_hits", "n_words", 1000), n_boot=200)[["group", "metric", "mean"]]
      group                   metric  mean
    0     A  n_hits per 1000 n_words  10.0
    1     B  n_hits per 1000 n_words  10.0
    """
    what = "group_rates"
    specs = _metric_specs(metric, ratio)
    n_boot = _check_positive_int(n_boot, "n_boot")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci!r}")
    needed = [c for s in specs for c in _spec_columns(s)] + ([by] if by is not None else [])
    _check_frame(documents, needed, what)
    groups = _group_index(documents, by, what)
    tail = (1 - ci) / 2
    rows = []
    for spec in specs:
        arrays = _spec_values(documents, spec, what)
        for label, pos in groups.items():
            values, n_missing = _valid(arrays, pos)
            n = len(values[0])
            est, lo, hi = _point(spec, values), math.nan, math.nan
            if n:
                boots = _bootstrap(_rng(seed, label), spec, values, n_boot)
                boots = boots[np.isfinite(boots)]
                if len(boots):
                    lo, hi = (float(v) for v in np.quantile(boots, [tail, 1 - tail]))
            rows.append((label, _spec_label(spec), n, n_missing, est, lo, hi))
    return pd.DataFrame(rows, columns=["group", "metric", "n_docs", "n_missing", "mean", "ci_low", "ci_high"])


# --------------------------------------------------------------------------------------------------
# 2. permutation tests
# --------------------------------------------------------------------------------------------------
_STATISTICS = ("mean", "median")


def _group_values(documents, spec, by, label, groups, what) -> tuple:
    if label not in groups:
        raise ValueError(
            f"{what}: group {label!r} has no documents in column {by!r} (groups: {list(groups)})"
        )
    values, _ = _valid(_spec_values(documents, spec, what), groups[label])
    if len(values[0]) == 0:
        raise ValueError(f"{what}: group {label!r} has no non-missing values of {_spec_label(spec)!r}")
    return values


def _stat(spec, statistic: str, values: tuple) -> float:
    if isinstance(spec, Ratio):
        return _point(spec, values)
    return float(np.median(values[0])) if statistic == "median" else float(values[0].mean())


def _permutation_diffs(rng, spec, statistic, pooled: tuple, n_a: int, n_perm: int) -> np.ndarray:
    """Differences a - b for ``n_perm`` random relabellings of the pooled documents."""
    n = len(pooled[0])
    out = np.empty(n_perm)
    totals = [p.sum() for p in pooled]
    chunk = max(1, _CHUNK_CELLS // n)
    base = np.arange(n)
    for s in range(0, n_perm, chunk):
        k = min(chunk, n_perm - s)
        idx = rng.permuted(np.tile(base, (k, 1)), axis=1)
        ia = idx[:, :n_a]
        if isinstance(spec, Ratio):
            num_a, den_a = pooled[0][ia].sum(axis=1), pooled[1][ia].sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                out[s : s + k] = spec.per * (num_a / den_a - (totals[0] - num_a) / (totals[1] - den_a))
        elif statistic == "median":
            x = pooled[0][idx]
            out[s : s + k] = np.median(x[:, :n_a], axis=1) - np.median(x[:, n_a:], axis=1)
        else:
            sum_a = pooled[0][ia].sum(axis=1)
            out[s : s + k] = sum_a / n_a - (totals[0] - sum_a) / (n - n_a)
    return out


def permutation_test(
    documents: pd.DataFrame,
    metric,
    by: str,
    a,
    b,
    n_perm: int = 10000,
    seed: int | None = 0,
    statistic: str = "mean",
) -> pd.DataFrame:
    """Two-sided permutation test of the difference of a group statistic between groups ``a`` and ``b``.

    The documents of the two groups are pooled and randomly relabelled ``n_perm`` times (group sizes
    kept). The p-value counts relabellings at least as extreme as observed, with the +1 correction
    ``(count + 1) / (n_perm + 1)`` (Phipson & Smyth 2010), so it is never 0 and is a valid p-value.

    Parameters
    ----------
    documents : DataFrame
        One row per document.
    metric : str or Ratio
        A numeric column, or a :class:`Ratio` (the ratio of sums is recomputed for each relabelling).
    by : str
        Grouping column.
    a, b
        The two group labels; the difference is ``stat(a) - stat(b)``.
    n_perm : int, default 10000
        Number of random relabellings.
    seed : int or None, default 0
        Seed of the generator (derived from ``(seed, a, b)``).
    statistic : {"mean", "median"}, default "mean"
        Statistic of a column metric (a Ratio always uses the ratio of sums).

    Returns
    -------
    DataFrame
        One row: ``metric, a, b, n_a, n_b, stat_a, stat_b, diff, p_value, n_perm, statistic``.
        NaN metric values are excluded (``n_a``/``n_b`` count the documents used).

    Raises
    ------
    ValueError
        A missing column, a group with no documents or no usable values, ``a == b``.

    Examples
    --------
    >>> docs = pd.DataFrame({"outlet": ["A"] * 10 + ["B"] * 10, "score": range(20, 0, -1)})
    >>> res = permutation_test(docs, "score", "outlet", "A", "B", n_perm=999)
    >>> res[["a", "b", "n_a", "n_b", "diff", "p_value"]]
       a  b  n_a  n_b  diff  p_value
    0  A  B   10   10  10.0    0.001
    """
    what = "permutation_test"
    (spec,) = _metric_specs(metric)
    n_perm = _check_positive_int(n_perm, "n_perm")
    if statistic not in _STATISTICS:
        raise ValueError(f"statistic must be one of {_STATISTICS}, got {statistic!r}")
    if isinstance(spec, Ratio) and statistic != "mean":
        raise ValueError("a Ratio metric is always a ratio of sums; use statistic='mean'")
    if a == b:
        raise ValueError(f"{what}: a and b are the same group ({a!r})")
    _check_frame(documents, _spec_columns(spec) + [by], what)
    groups = _group_index(documents, by, what)
    return _permutation_row(documents, spec, by, a, b, groups, n_perm, seed, statistic, what)


def _permutation_row(documents, spec, by, a, b, groups, n_perm, seed, statistic, what) -> pd.DataFrame:
    va = _group_values(documents, spec, by, a, groups, what)
    vb = _group_values(documents, spec, by, b, groups, what)
    stat_a, stat_b = _stat(spec, statistic, va), _stat(spec, statistic, vb)
    observed = stat_a - stat_b
    pooled = tuple(np.concatenate([x, y]) for x, y in zip(va, vb))
    diffs = _permutation_diffs(_rng(seed, (a, b)), spec, statistic, pooled, len(va[0]), n_perm)
    # Tolerance so that relabellings equal to the observed split are not lost to rounding.
    tol = 1e-9 * max(1.0, abs(observed))
    count = int(np.sum(np.abs(diffs) >= abs(observed) - tol)) if np.isfinite(observed) else 0
    p_value = (count + 1) / (n_perm + 1) if np.isfinite(observed) else math.nan
    return pd.DataFrame(
        [(_spec_label(spec), a, b, len(va[0]), len(vb[0]), stat_a, stat_b, observed, p_value, n_perm,
          statistic)],
        columns=["metric", "a", "b", "n_a", "n_b", "stat_a", "stat_b", "diff", "p_value", "n_perm",
                 "statistic"],
    )


def _holm(p: np.ndarray) -> np.ndarray:
    """Holm step-down adjusted p-values (NaN stays NaN)."""
    p = np.asarray(p, dtype=float)
    out = np.full_like(p, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    m = len(ok)
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out[order] = adjusted
    return out


def pairwise_permutation(
    documents: pd.DataFrame,
    metric,
    by: str = "outlet",
    n_perm: int = 10000,
    seed: int | None = 0,
    statistic: str = "mean",
    groups=None,
) -> pd.DataFrame:
    """Permutation tests for every pair of groups, with Holm-adjusted p-values.

    Each row is exactly what :func:`permutation_test` returns for that pair (same seed), plus
    ``p_holm``: the Holm (1979) step-down adjustment over all pairs, controlling the family-wise
    error rate.

    Parameters
    ----------
    documents : DataFrame
        One row per document.
    metric : str or Ratio
        A numeric column or a :class:`Ratio`.
    by : str, default "outlet"
        Grouping column.
    n_perm, seed, statistic
        As in :func:`permutation_test`.
    groups : list, optional
        Groups to compare, in this order; default all groups, sorted. Pairs are ``(groups[i],
        groups[j])`` with ``i < j``.

    Returns
    -------
    DataFrame
        ``metric, a, b, n_a, n_b, stat_a, stat_b, diff, p_value, n_perm, statistic, p_holm``.

    Examples
    --------
    >>> docs = pd.DataFrame({"outlet": ["A"] * 10 + ["B"] * 10 + ["C"] * 10,
    ...                      "score": [*range(11, 21), *range(1, 11), *range(1, 11)]})
    >>> res = pairwise_permutation(docs, "score", n_perm=999)
    >>> res[["a", "b", "diff", "p_value", "p_holm"]]
       a  b  diff  p_value  p_holm
    0  A  B  10.0    0.001   0.003
    1  A  C  10.0    0.001   0.003
    2  B  C   0.0    1.000   1.000
    """
    what = "pairwise_permutation"
    (spec,) = _metric_specs(metric)
    n_perm = _check_positive_int(n_perm, "n_perm")
    if statistic not in _STATISTICS:
        raise ValueError(f"statistic must be one of {_STATISTICS}, got {statistic!r}")
    if isinstance(spec, Ratio) and statistic != "mean":
        raise ValueError("a Ratio metric is always a ratio of sums; use statistic='mean'")
    _check_frame(documents, _spec_columns(spec) + [by], what)
    index = _group_index(documents, by, what)
    labels = list(index) if groups is None else list(groups)
    if len(labels) < 2:
        raise ValueError(f"{what}: need at least two groups in column {by!r}, got {labels}")
    rows = [
        _permutation_row(documents, spec, by, a, b, index, n_perm, seed, statistic, what)
        for a, b in itertools.combinations(labels, 2)
    ]
    out = pd.concat(rows, ignore_index=True)
    out["p_holm"] = _holm(out["p_value"].to_numpy())
    return out


# --------------------------------------------------------------------------------------------------
# 3. Fightin' Words
# --------------------------------------------------------------------------------------------------
def _make_vectorizer(vectorizer, ngram_range, token_pattern) -> CountVectorizer:
    if vectorizer is not None:
        return clone(vectorizer)
    # Spelled out on purpose: nothing is dropped for being rare, frequent or a stop word.
    return CountVectorizer(
        lowercase=True,
        token_pattern=token_pattern,
        ngram_range=tuple(ngram_range),
        stop_words=None,
        min_df=1,
        max_df=1.0,
        max_features=None,
    )


def _prior_vector(prior, terms: np.ndarray) -> np.ndarray:
    if isinstance(prior, numbers.Real) and not isinstance(prior, bool):
        alpha = np.full(len(terms), float(prior))
    elif isinstance(prior, Mapping):
        alpha = np.array([float(prior.get(t, DEFAULT_PRIOR)) for t in terms])
    else:
        alpha = np.asarray(prior, dtype=float).ravel()
        if alpha.shape != (len(terms),):
            raise ValueError(
                f"prior array has {alpha.size} values but the vocabulary has {len(terms)} terms "
                "(align it with vectorizer.get_feature_names_out(), or pass a dict term -> alpha)"
            )
    return alpha


def fightin_words(
    texts_a,
    texts_b,
    prior="informative",
    background=None,
    ngram_range: tuple[int, int] = (1, 1),
    vectorizer=None,
    min_count: int = 1,
    *,
    token_pattern: str = DEFAULT_TOKEN_PATTERN,
    background_scale: float | None = None,
    alpha0: float | None = None,
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior ("Fightin' Words").

    Implements Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and
    Evaluation for Identifying the Content of Political Conflict", *Political Analysis* 16(4),
    372-403 (section 3.5). For term ``w`` with counts ``y_a``, ``y_b``, totals ``n_a``, ``n_b``, pseudo-count
    ``a_w`` and ``a_0 = sum(a_w)``::

        delta_w = log((y_a + a_w) / (n_a + a_0 - y_a - a_w)) - log((y_b + a_w) / (n_b + a_0 - y_b - a_w))
        var_w   = 1 / (y_a + a_w) + 1 / (y_b + a_w)
        z_w     = delta_w / sqrt(var_w)

    All logarithms are natural logs (the variance formula is only valid for natural log-odds).
    Positive ``z`` favours A, negative favours B.

    The default prior is *informative* (section 3.5.1 of the paper): each term's pseudo-count is
    proportional to its frequency in a background corpus, ``a_w = DEFAULT_PRIOR + alpha0 * c_w / n_bg``,
    by default the two corpora pooled (``c_w = y_a + y_b``, ``alpha0 = n_a + n_b``: the pooled counts
    are added once, as in the usual implementations).  Its point is the one the paper makes: a
    frequent word (``the``, ``of``) gets a large pseudo-count, so a small difference in its rate no
    longer looks significant just because the word is frequent, and a word seen only on one side a
    few times is not drowned by a tiny uniform pseudo-count.  ``prior=<float>`` gives the old
    uninformative prior (the same pseudo-count for every term; the default up to 0.1.0 was 0.01),
    under which function words tend to top the ranking of small corpora.

    Parameters
    ----------
    texts_a, texts_b : str or iterable of str
        The two corpora.
    prior : "informative", float, array or dict, default "informative"
        Dirichlet pseudo-counts ``a_w``. ``"informative"``: from the counts of ``background`` (or,
        without it, of A and B pooled), scaled to a total of ``alpha0``, plus :data:`DEFAULT_PRIOR`
        for every term. Otherwise a float (the same for every term), an array aligned with the
        vocabulary (``get_feature_names_out()`` order, i.e. sorted terms for the default vectorizer),
        or a dict/Series term -> alpha (missing terms get :data:`DEFAULT_PRIOR`). Must be > 0.
    background : str or iterable of str, optional
        Texts whose term counts form the informative prior (a reference corpus). The background is
        counted with the vocabulary of A + B (its other words are ignored) and
        ``alpha_w = prior_w + s * c_w / n_bg``, where ``c_w`` is the background count, ``n_bg`` the
        background total of in-vocabulary terms and ``s = alpha0`` (default ``n_bg``, i.e. the raw
        background counts are added, the usual choice when the background is a large reference
        corpus); ``prior_w`` is :data:`DEFAULT_PRIOR` with ``prior="informative"``. A smaller
        ``alpha0`` gives the prior less weight; ``prior_w`` keeps words absent from the background
        at a positive pseudo-count.
    ngram_range : (int, int), default (1, 1)
        n-gram sizes for the default vectorizer.
    vectorizer : CountVectorizer, optional
        Custom vectorizer; it is cloned and fitted on ``texts_a + texts_b`` (``ngram_range`` and
        ``token_pattern`` are then ignored).
    min_count : int, default 1
        Only terms with ``count_a + count_b >= min_count`` are returned. Totals and ``a_0`` are always
        computed over the full vocabulary, so filtering never changes a term's score.
    token_pattern : str
        Token regex of the default vectorizer: scikit-learn's default, which ignores one-character
        tokens; ``r"(?u)\\b\\w+\\b"`` keeps them. The default vectorizer lowercases, uses no stop
        words and ``min_df=1, max_df=1.0`` so no term is dropped for being rare or common.
    background_scale : float, optional
        Older name of ``alpha0`` for a ``background`` (``alpha0`` wins when both are given).
    alpha0 : float, optional
        Total weight (in pseudo-words) of the informative prior: default the size of its source
        (``n_a + n_b`` pooled, or ``n_bg``). Must be > 0.

    Returns
    -------
    DataFrame
        ``term, count_a, count_b, alpha, delta, var, z`` sorted by ``z`` descending (ties by term).

    Examples
    --------
    >>> fw = fightin_words(["the quick brown fox jumps over the lazy pig"],
    ...                    ["the lazy purple pig jumps over the lazier donkey"], prior=0.05)
    >>> fw.loc[fw["term"].isin(["fox", "the", "donkey"]), ["term", "count_a", "count_b", "z"]].round(6)
         term  count_a  count_b         z
    1     fox        1        0  0.689423
    7     the        2        2  0.000000
    8  donkey        0        1 -0.689423

    The default informative prior: ``the`` (4 of 18 pooled words) gets a pseudo-count of 4.01.

    >>> fightin_words(["the quick brown fox jumps over the lazy pig"],
    ...               ["the lazy purple pig jumps over the lazier donkey"]).set_index("term").loc["the", "alpha"].item()
    4.01
    """
    ta = _as_texts(texts_a, "texts_a")
    tb = _as_texts(texts_b, "texts_b")
    if not ta or not tb:
        raise ValueError("fightin_words: texts_a and texts_b must each hold at least one text")
    min_count = int(min_count)
    vec = _make_vectorizer(vectorizer, ngram_range, token_pattern)
    try:
        counts = vec.fit_transform(ta + tb).tocsr()
    except ValueError as exc:
        if "empty vocabulary" not in str(exc):
            raise
        raise ValueError(
            f"fightin_words: the texts contain no terms (token_pattern {vec.token_pattern!r}, which by "
            "default ignores one-character tokens)"
        ) from None
    terms = vec.get_feature_names_out()
    if len(terms) < 2:
        raise ValueError(f"fightin_words: need at least two distinct terms, got {list(terms)}")
    y_a = np.asarray(counts[: len(ta)].sum(axis=0), dtype=float).ravel()
    y_b = np.asarray(counts[len(ta) :].sum(axis=0), dtype=float).ravel()
    informative = isinstance(prior, str)
    if informative and prior != "informative":
        raise ValueError(f"fightin_words: prior must be 'informative', a number, an array or a dict, got {prior!r}")
    alpha = np.full(len(terms), DEFAULT_PRIOR) if informative else _prior_vector(prior, terms)
    if alpha0 is None:
        alpha0 = background_scale
    if alpha0 is not None and not (isinstance(alpha0, numbers.Real) and math.isfinite(alpha0) and alpha0 > 0):
        raise ValueError(f"fightin_words: alpha0 must be a positive number, got {alpha0!r}")
    if background is not None:
        bg = _as_texts(background, "background")
        c_bg = np.asarray(vec.transform(bg).sum(axis=0), dtype=float).ravel()
    elif informative:
        c_bg = y_a + y_b
    else:
        c_bg = None
    if c_bg is not None:
        n_bg = c_bg.sum()
        if n_bg == 0:
            raise ValueError("fightin_words: the background texts contain none of the terms of A and B")
        scale = n_bg if alpha0 is None else float(alpha0)
        alpha = alpha + scale * c_bg / n_bg
    if not np.all(np.isfinite(alpha)) or np.any(alpha <= 0):
        bad = terms[~(np.isfinite(alpha) & (alpha > 0))][:5]
        raise ValueError(f"fightin_words: prior pseudo-counts must be > 0 (e.g. for {list(bad)})")
    n_a, n_b, a_0 = y_a.sum(), y_b.sum(), alpha.sum()
    delta = np.log((y_a + alpha) / (n_a + a_0 - y_a - alpha)) - np.log(
        (y_b + alpha) / (n_b + a_0 - y_b - alpha)
    )
    var = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
    z = delta / np.sqrt(var)
    out = pd.DataFrame(
        {
            "term": terms.astype(object),
            "count_a": y_a.astype(np.int64),
            "count_b": y_b.astype(np.int64),
            "alpha": alpha,
            "delta": delta,
            "var": var,
            "z": z,
        }
    )
    out = out[(y_a + y_b) >= min_count]
    order = np.lexsort((out["term"].to_numpy(dtype=str), -out["z"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# 4. keyword in context and term discovery
# --------------------------------------------------------------------------------------------------
def _tokens(text: str, pattern: re.Pattern, lowercase: bool) -> tuple[list[str], list[int], list[int]]:
    words, starts, ends = [], [], []
    for m in pattern.finditer(text):
        words.append(m.group().lower() if lowercase else m.group())
        starts.append(m.start())
        ends.append(m.end())
    return words, starts, ends


def _find_ngrams(texts: list[str], terms: dict, pattern, lowercase, limit):
    """Occurrences of token sequences in texts: dict term -> list of (text position, start, end)."""
    found: dict = {t: [] for t in terms}
    by_len: dict[int, dict[tuple, str]] = {}
    for term, seq in terms.items():
        by_len.setdefault(len(seq), {})[seq] = term
    open_terms = set(terms)
    for pos, text in enumerate(texts):
        if limit is not None and not open_terms:
            break
        words, starts, ends = _tokens(text, pattern, lowercase)
        for i in range(len(words)):
            for n, table in by_len.items():
                if i + n > len(words):
                    continue
                term = table.get(tuple(words[i : i + n]))
                if term is None or (limit is not None and term not in open_terms):
                    continue
                found[term].append((pos, starts[i], ends[i + n - 1]))
                if limit is not None and len(found[term]) >= limit:
                    open_terms.discard(term)
    return found


def _term_tokens(term: str, pattern: re.Pattern, lowercase: bool) -> tuple[str, ...]:
    return tuple(m.group().lower() if lowercase else m.group() for m in pattern.finditer(term))


def kwic(
    texts,
    term: str,
    window: int = 60,
    *,
    token_pattern: str = DEFAULT_TOKEN_PATTERN,
    lowercase: bool = True,
) -> pd.DataFrame:
    """Keyword-in-context rows for a word or n-gram, with exact character offsets.

    The texts and the term are tokenised the way :func:`fightin_words` tokenises them (same
    ``token_pattern``, lowercased), and the term's token sequence is matched against the text's
    tokens. So ``"us led"`` finds "US-led", ``"war of terror"`` finds "war of 'terror'", and the rows
    for a term are exactly the occurrences that the Fightin' Words counts saw.

    Parameters
    ----------
    texts : str, list of str or Series
        Texts; ``doc`` is the Series index label, else the position.
    term : str
        Word or n-gram.
    window : int, default 60
        Characters of context on each side.
    token_pattern : str
        Token regex (default scikit-learn's).
    lowercase : bool, default True
        Case-insensitive matching.

    Returns
    -------
    DataFrame
        ``doc, start, end, left, match, right`` where ``match == text[start:end]``,
        ``left == text[max(0, start - window):start]`` and ``right == text[end:end + window]``.

    Examples
    --------
    >>> kwic(["The US-led mission ended.", "A mission"], "us led", window=8).to_dict("records")
    [{'doc': 0, 'start': 4, 'end': 10, 'left': 'The ', 'match': 'US-led', 'right': ' mission'}]
    """
    pattern = re.compile(token_pattern)
    labels, items = _labelled(texts)
    items = _as_texts(items, "texts")
    window = int(window)
    seq = _term_tokens(term, pattern, lowercase)
    if not seq:
        raise ValueError(f"kwic: term {term!r} has no tokens under token_pattern {token_pattern!r}")
    found = _find_ngrams(items, {term: seq}, pattern, lowercase, None)[term]
    rows = []
    for pos, start, end in found:
        text = items[pos]
        rows.append((labels[pos], start, end, text[max(0, start - window) : start], text[start:end],
                     text[end : end + window]))
    return pd.DataFrame(rows, columns=["doc", "start", "end", "left", "match", "right"])


def _lexicon_phrases(lexicon_terms) -> list[tuple[str, str]]:
    """(phrase, inflect) pairs from a list of str, a lexicon table, or an object with ``to_frame()``."""
    if hasattr(lexicon_terms, "to_frame") and not isinstance(lexicon_terms, (pd.DataFrame, pd.Series)):
        lexicon_terms = lexicon_terms.to_frame()
    if isinstance(lexicon_terms, str):
        return [(lexicon_terms, "noun")]
    if not isinstance(lexicon_terms, pd.DataFrame):
        return [(t, "noun") for t in lexicon_terms if isinstance(t, str)]
    if "term" not in lexicon_terms.columns:
        raise ValueError(
            f"discover_terms: lexicon table has no 'term' column (columns: {list(lexicon_terms.columns)})"
        )
    n = len(lexicon_terms)
    patterns = lexicon_terms["pattern"] if "pattern" in lexicon_terms.columns else [None] * n
    inflects = lexicon_terms["inflect"] if "inflect" in lexicon_terms.columns else ["noun"] * n
    out = []
    for term, pat, infl in zip(lexicon_terms["term"], patterns, inflects):
        infl = infl if isinstance(infl, str) else "noun"
        variants = [term] + (pat.split("|") if isinstance(pat, str) else [])
        out.extend((v, infl) for v in variants if isinstance(v, str))
    return out


def _surface_forms(phrase: str, inflect: str) -> list[str]:
    """The phrase plus its inflected forms from :func:`analysis.lexicon.surface_variants` when available."""
    try:
        from analysis.lexicon import surface_variants
    except ImportError:  # keep this module usable on its own
        return [phrase]
    try:
        return [phrase, *surface_variants(phrase, inflect)]
    except Exception:  # a phrase the lexicon helper rejects still counts as written
        return [phrase]


def _lexicon_sequences(lexicon_terms, pattern, lowercase) -> tuple[set, list]:
    """Token sequences of lexicon phrases (with inflected forms) and prefix sequences ('terror*')."""
    exact, prefix = set(), []
    for phrase, inflect in _lexicon_phrases(lexicon_terms):
        if phrase.rstrip().endswith("*"):
            seq = _term_tokens(phrase, pattern, lowercase)
            if seq:
                prefix.append(seq)
            continue
        for form in _surface_forms(phrase, inflect):
            seq = _term_tokens(form, pattern, lowercase)
            if seq:
                exact.add(seq)
    return exact, prefix


def _covered(seq: tuple, exact: set, prefix: list) -> bool:
    """True when the n-gram contains a lexicon term as a contiguous token subsequence."""
    n = len(seq)
    for i in range(n):
        for j in range(i + 1, n + 1):
            if seq[i:j] in exact:
                return True
    for p in prefix:
        k = len(p)
        for i in range(n - k + 1):
            if seq[i : i + k - 1] == p[:-1] and seq[i + k - 1].startswith(p[-1]):
                return True
    return False


def _snippet(text: str, start: int, end: int, window: int) -> str:
    left = text[max(0, start - window) : start]
    right = text[end : end + window]
    lead = "…" if start > window else ""
    trail = "…" if end + window < len(text) else ""
    return re.sub(r"\s+", " ", f"{lead}{left}[{text[start:end]}]{right}{trail}").strip()


#: A word after one of these (or at the start of a text) may be capitalised for the sentence's sake:
#: sentence ends, line ends, opening quotes and brackets ('he said: "We ...', '(Reuters) -').
_SENTENCE_OPENERS = frozenset(".!?…:;\n\r\u2028\u2029\x85\"'“‘«‹([{")
_SPACES = frozenset(" \t\u00a0")
#: Texts with more than this share of capitalised words (headlines, all-caps wires) tell nothing about names.
_CAPS_TEXT_SHARE = 0.6


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` may be capitalised because a sentence, line or quote opens there.

    Looks back over spaces only, so over a whole text the look-backs visit each character at most
    once (linear time).
    """
    i = start - 1
    while i >= 0 and text[i] in _SPACES:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_OPENERS


def _capitalised_shares(texts: list[str], terms: dict, pattern: re.Pattern, stop: frozenset) -> dict:
    """term -> (mid-sentence occurrences, of them written with every non-stop word capitalised).

    One pass over the tokens of ``texts`` (each position looks up the n-grams of the lengths in
    ``terms`` that start with its word), so the cost is linear in the length of the texts.
    """
    by_len: dict[int, set] = {}
    first: set = set()
    for seq in terms.values():
        by_len.setdefault(len(seq), set()).add(seq)
        first.add(seq[0])
    seq_term = {seq: t for t, seq in terms.items()}
    counts: dict = {}
    for text in texts:
        words, starts, _ = _tokens(text, pattern, False)
        if not words:
            continue
        caps = [w[:1].isupper() for w in words]
        if sum(caps) > _CAPS_TEXT_SHARE * len(words):
            continue
        lower = [w.lower() for w in words]
        for i, w in enumerate(lower):
            if w not in first or _sentence_initial(text, starts[i]):
                continue
            for n, table in by_len.items():
                seq = tuple(lower[i : i + n])
                if len(seq) < n or seq not in table:
                    continue
                c = counts.setdefault(seq_term[seq], [0, 0])
                c[0] += 1
                c[1] += all(caps[k] for k in range(i, i + n) if lower[k] not in stop)
    return counts


def _alias_sequences(actors, pattern: re.Pattern) -> set:
    """Lower-cased token sequences of the literal aliases and names of an actor table."""
    if actors is None:
        return set()
    if hasattr(actors, "to_frame") and not isinstance(actors, (pd.DataFrame, pd.Series)):
        actors = actors.to_frame()
    if isinstance(actors, pd.DataFrame):
        if "alias" not in actors.columns:
            raise ValueError(f"discover_terms: actor table has no 'alias' column (columns: {list(actors.columns)})")
        literal = (actors["pattern_type"] != "regex") if "pattern_type" in actors.columns else [True] * len(actors)
        names = [a for a, ok in zip(actors["alias"], literal) if ok]
        if "actor" in actors.columns:
            names += list(actors["actor"])
    elif isinstance(actors, str):
        names = [actors]
    else:
        names = list(actors)
    out = set()
    for name in names:
        if not isinstance(name, str):
            continue
        seq = _term_tokens(name, pattern, True)
        # a name the tokens do not cover whole ("U.S. government" is "government" to a pattern that
        # drops one-letter tokens) would leave out a common word
        if not seq or len("".join(seq)) != sum(ch.isalnum() or ch == "_" for ch in name):
            continue
        out.add(seq)
        if len(seq) > 1 and seq[0] in _ARTICLES:  # "The Kremlin" is also "Kremlin"
            out.add(seq[1:])
    return out


_ARTICLES = frozenset({"the", "a", "an"})


def _strip_stop(seq: tuple, stop: frozenset) -> tuple:
    i, j = 0, len(seq)
    while i < j and seq[i] in stop:
        i += 1
    while j > i and seq[j - 1] in stop:
        j -= 1
    return seq[i:j]


def _not_a_candidate(term: str, stop: frozenset, exact: set, prefix: list) -> bool:
    """True when an n-gram is no candidate: only stop words, or it holds a lexicon term."""
    seq = tuple(term.split(" "))
    return all(w in stop for w in seq) or _covered(seq, exact, prefix)


def _names(ranked: dict, texts: list[str], top: int, pattern, stop, name_share: float, aliases: set) -> set:
    """The proper names among the ranked candidates of both sides (see :func:`discover_terms`).

    The capitalisation of the first ``4 * top + 50`` candidates of each side is read in one pass over
    the texts; only when a side then has fewer than ``top`` candidates that are not names is the rest
    read, in a second and last pass (so the cost stays linear in the length of the texts).
    """
    names = {t for side in ranked.values() for _, t in side
             if (seq := tuple(t.split(" "))) in aliases or _strip_stop(seq, stop) in aliases}

    def judge(terms) -> None:
        todo = {t: tuple(t.split(" ")) for t in terms if t not in names}
        for term, (mid, caps) in _capitalised_shares(texts, todo, pattern, stop).items():
            if caps > name_share * mid:
                names.add(term)

    batch = 4 * top + 50
    judge(t for side in ranked.values() for _, t in side[:batch])
    short = [side for side in ranked.values()
             if len(side) > batch and sum(t not in names for _, t in side[:batch]) < top]
    if short:
        judge(t for side in ranked.values() for _, t in side[batch:])
    return names


def discover_terms(
    texts_a,
    texts_b,
    lexicon_terms=(),
    ngram_range: tuple[int, int] = (1, 3),
    top: int = 50,
    min_count: int = 3,
    prior=0.01,
    contexts: int = 2,
    context_window: int = 60,
    *,
    token_pattern: str = DEFAULT_TOKEN_PATTERN,
    stop_words=ENGLISH_STOP_WORDS,
    drop_names: bool = True,
    name_share: float = 0.5,
    actors="default",
) -> pd.DataFrame:
    """Candidate framing terms for a researcher to review: distinctive n-grams not yet in the lexicon.

    Scores all n-grams with :func:`fightin_words` and returns the ``top`` most distinctive for each
    side (largest ``z`` for A, most negative for B), skipping n-grams that

    * contain a lexicon term or one of its surface forms as a contiguous token sequence
      (case-insensitive; "western occupation" is covered by "occupation", "puppet regimes" by
      "puppet regime"; a phrase ending in ``*`` matches as a prefix, "terror*"), or
    * consist only of stop words (scikit-learn's ``ENGLISH_STOP_WORDS``, used only for this filter), or
    * are proper names (``drop_names``, on by default): n-grams that the two corpora write with every
      word that is not a stop word capitalised in more than ``name_share`` of their occurrences
      inside a sentence ("Fox News", "President Obama", "the FBI", "on Wednesday"; an occurrence
      right after a full stop, colon, line break or opening quote is not counted, since there any
      word is capitalised; texts with more than 60% capitalised words are not read), and n-grams
      that are, stop words at either end aside, an alias or name of ``actors`` ("Taliban",
      "the Kremlin"; an alias the tokens do not cover whole, such as "U.S. government", is not used).  "Taliban militants" and "collective West" stay: one of their words is
      written in lower case.  The names dropped from each side's list (in rank order, up to the
      last candidate listed) are in ``out.attrs["names_dropped"]``, a dict ``{"a": [...], "b": [...]}``,
      so a reader can see what was left out.

    Each candidate comes with up to ``contexts`` keyword-in-context snippets from its own side.
    Overlapping n-grams ("occupation", "western occupation") are all listed; mixing n-gram orders in
    one vocabulary is the usual practice but makes the counts not independent, so read ``z`` as a
    ranking, not a test.

    Parameters
    ----------
    texts_a, texts_b : iterable of str or Series
        The two corpora (Series index labels are used as ``doc`` in the spans).
    lexicon_terms : iterable of str, DataFrame or Lexicon
        Terms already in the lexicon: plain phrases, a lexicon table (``term`` and optionally
        ``pattern`` with ``|``-separated variants and ``inflect``) or any object with ``to_frame()``
        returning one (an :class:`analysis.lexicon.Lexicon`). Inflected forms ("regimes",
        "regime's") count as covered, using ``analysis.lexicon.surface_variants`` (noun inflection for
        plain phrases).
    ngram_range : (int, int), default (1, 3)
    top : int, default 50
        Candidates per side.
    min_count : int, default 3
        Minimum ``count_a + count_b``.
    prior : float, array or dict, default 0.01
        As in :func:`fightin_words`.
    contexts : int, default 2
        Snippets per candidate (first occurrences, in document order).
    context_window : int, default 60
        Characters of context on each side of a snippet.
    token_pattern : str
        As in :func:`fightin_words`.
    stop_words : set of str
        Stop words for the "only stop words" filter (and the words a name may hold in lower case).
    drop_names : bool, default True
        Leave proper names out (see above); ``False`` gives the lists of version 0.2 and earlier.
    name_share : float, default 0.5
        A term is a name when more than this share of its mid-sentence occurrences is capitalised.
    actors : ActorTable, DataFrame, iterable of str or None, default "default"
        Names to leave out whatever their case: the literal aliases and actor names of an
        :class:`analysis.actors.ActorTable` (``"default"``: the shipped table), of a table with an
        ``alias`` column, or plain names.  ``None``: the case rule only.

    Returns
    -------
    DataFrame
        ``side ('a'|'b'), rank, term, n_tokens, count_a, count_b, delta, var, z, contexts,
        context_spans``. ``contexts`` is a list of str snippets (``left[match]right``, whitespace
        collapsed for reading); ``context_spans`` the matching list of ``(doc, start, end)`` tuples with
        exact offsets into that side's texts (``text[start:end]`` is the occurrence).

    Examples
    --------
    >>> a = ["Western occupation failed.", "The occupation regime fell.", "Regime change again."]
    >>> b = ["The mission ended.", "The mission was long.", "A mission in Kabul."]
    >>> out = discover_terms(a, b, lexicon_terms=["occupation"], ngram_range=(1, 2), top=1,
    ...                      min_count=2, contexts=1, context_window=8)
    >>> out[["side", "term", "count_a", "count_b", "contexts", "context_spans"]]
      side     term  count_a  count_b                   contexts  context_spans
    0    a   regime        2        0  […upation [regime] fell.]  [(1, 15, 21)]
    1    b  mission        0        3     [The [mission] ended.]   [(0, 4, 11)]

    Names are left out, and listed in ``attrs``:

    >>> a = ["Critics told Fox News of a bloodbath.", "A bloodbath, he told Fox News."]
    >>> b = ["The plan worked, officials said.", "Officials said the plan worked."]
    >>> out = discover_terms(a, b, ngram_range=(1, 2), top=2, min_count=2, contexts=0)
    >>> out.loc[out["side"] == "a", "term"].tolist(), out.attrs["names_dropped"]["a"]
    (['bloodbath', 'told'], ['fox', 'fox news', 'news'])
    """
    pattern = re.compile(token_pattern)
    top = _check_positive_int(top, "top")
    contexts = int(contexts)
    ta = _as_texts(texts_a, "texts_a")
    tb = _as_texts(texts_b, "texts_b")
    labels_a, _ = _labelled(texts_a)
    labels_b, _ = _labelled(texts_b)
    fw = fightin_words(ta, tb, prior=prior, ngram_range=ngram_range, min_count=min_count,
                       token_pattern=token_pattern)
    exact, prefix = _lexicon_sequences(lexicon_terms, pattern, True)
    stop = frozenset(stop_words or ())
    if not isinstance(name_share, numbers.Real) or not 0 <= name_share < 1:
        raise ValueError(f"discover_terms: name_share must be a number in [0, 1), got {name_share!r}")
    aliases = set()
    if drop_names:
        if isinstance(actors, str) and actors == "default":
            from .actors import ActorTable

            actors = ActorTable.default()
        aliases = _alias_sequences(actors, pattern)
    frames = {"a": fw[fw["z"] > 0], "b": fw[fw["z"] < 0].sort_values(["z", "term"], kind="stable")}
    ranked = {}  # per side, the terms that are neither lexicon-covered nor stop words, in rank order
    for side, frame in frames.items():
        ranked[side] = [(i, term) for i, term in zip(frame.index, frame["term"])
                        if not _not_a_candidate(term, stop, exact, prefix)]
    names = _names(ranked, ta + tb, top, pattern, stop, name_share, aliases) if drop_names else set()
    dropped: dict = {}
    picked = {}
    for side, frame in frames.items():
        keep, left_out = [], dropped.setdefault(side, [])
        for i, term in ranked[side]:
            if len(keep) == top:
                break
            if term in names:
                left_out.append(term)
            else:
                keep.append(i)
        picked[side] = frame.loc[keep]
    side_a, side_b = picked["a"], picked["b"]
    parts = []
    for side, frame, texts, labels in (("a", side_a, ta, labels_a), ("b", side_b, tb, labels_b)):
        frame = frame.drop(columns="alpha").reset_index(drop=True)
        terms = {t: tuple(t.split(" ")) for t in frame["term"]}
        spans = _find_ngrams(texts, terms, pattern, True, contexts) if contexts > 0 else {}
        found = [spans.get(t, [])[:contexts] for t in frame["term"]]
        frame.insert(0, "side", side)
        frame.insert(1, "rank", np.arange(1, len(frame) + 1))
        frame.insert(3, "n_tokens", [len(seq) for seq in terms.values()])
        frame["contexts"] = [[_snippet(texts[p], s, e, context_window) for p, s, e in sl] for sl in found]
        frame["context_spans"] = [[(labels[p], s, e) for p, s, e in sl] for sl in found]
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["names_dropped"] = dropped
    return out


# --------------------------------------------------------------------------------------------------
# 5. word choice around actors
# --------------------------------------------------------------------------------------------------
def _alias_regex(alias, acronyms_case_sensitive: bool) -> re.Pattern:
    """Compile one alias: a literal str (escaped) or a compiled regex, bounded by non-word chars."""
    if isinstance(alias, re.Pattern):
        return re.compile(rf"(?<!\w)(?:{alias.pattern})(?!\w|(?-i:{_SUFFIX}))", alias.flags)
    if not isinstance(alias, str) or not alias.strip():
        raise ValueError(f"word_choice: alias must be a non-empty str or compiled regex, got {alias!r}")
    literal = alias.strip()
    body = r"\s+".join(re.escape(part) for part in literal.split())
    acronym = literal.isupper() and len(literal.replace(".", "")) <= 3
    flags = 0 if (acronym and acronyms_case_sensitive) else re.IGNORECASE
    # not before "Jr.", "Sr.", "III": someone else of that name, as in ActorTable.matches
    return re.compile(rf"(?<!\w){body}(?!\w|(?-i:{_SUFFIX}))", flags)


def _anchor(alias, rx: re.Pattern):
    """``(word, case_sensitive)``: a word every match of ``rx`` contains (the alias's longest word),
    so that a text without it need not be searched; ``None`` for a regex alias."""
    if not isinstance(alias, str):
        return None
    word = max(alias.split(), key=len)
    if not rx.flags & re.IGNORECASE:
        return word, True
    folded = lower_for_ignorecase(word)
    return (folded, False) if folded is not None else None


def _actor_aliases(actor_patterns) -> dict[str, list]:
    """dict actor -> aliases from a dict or a DataFrame with actor/alias (and optional regex) columns."""
    if isinstance(actor_patterns, pd.DataFrame):
        for col in ("actor", "alias"):
            if col not in actor_patterns.columns:
                raise ValueError(
                    f"word_choice: actor table has no {col!r} column (columns: {list(actor_patterns.columns)})"
                )
        out: dict[str, list] = {}
        use_regex = "regex" in actor_patterns.columns
        for pos, row in enumerate(actor_patterns.itertuples(index=False)):
            actor, alias = row.actor, row.alias
            if not isinstance(actor, str) or not isinstance(alias, str) or not alias.strip():
                raise ValueError(f"word_choice: actor table row {pos}: actor and alias must be non-empty str")
            is_regex = use_regex and bool(getattr(row, "regex")) and not pd.isna(getattr(row, "regex"))
            if is_regex:  # refuse patterns that backtrack super-linearly, as actor tables do
                from .actors import check_regex_alias
                check_regex_alias(alias, f"word_choice: actor table row {pos}")
            out.setdefault(actor, []).append(re.compile(alias, re.IGNORECASE) if is_regex else alias)
        return out
    if isinstance(actor_patterns, Mapping):
        out = {}
        for actor, aliases in actor_patterns.items():
            if isinstance(aliases, (str, re.Pattern)):
                aliases = [aliases]
            out[str(actor)] = list(aliases)
        return out
    raise TypeError("word_choice: actor_patterns must be a dict actor -> aliases or a DataFrame (actor, alias)")


def _mentions(text: str, regexes: list[re.Pattern]) -> list[tuple[int, int]]:
    """Non-overlapping matches of any alias: leftmost first, longest at the same start."""
    spans = sorted({(m.start(), m.end()) for rx in regexes for m in rx.finditer(text) if m.end() > m.start()},
                   key=lambda s: (s[0], -s[1]))
    out, last_end = [], -1
    for s, e in spans:
        if s >= last_end:
            out.append((s, e))
            last_end = e
    return out


def word_choice(
    texts,
    actor_patterns,
    groups=None,
    window: int = 2,
    *,
    stop_words=ENGLISH_STOP_WORDS,
    acronyms_case_sensitive: bool = True,
) -> pd.DataFrame:
    """Words right before and after each actor mention: modifiers ("collective *West*") and labels
    ("Taliban *militants*", "Western *occupation*", "US-led *mission*").

    A mention is an alias match (case-insensitive, bounded by non-word characters) widened to the
    whole hyphenated/possessive word it sits in, so "US" in "US-led mission" gives the mention
    "US-led" and the following word "mission". Words are runs of letters/digits joined by inner
    hyphens or apostrophes ("so-called" is one word). Up to ``window`` words are taken on each side;
    the window never crosses clause punctuation (``. , ; : ! ? ( ) [ ] —`` or a line break). Stop words
    (scikit-learn's ``ENGLISH_STOP_WORDS`` by default) and words without a letter are then dropped,
    so ``distance`` (1 = adjacent word) may skip numbers: "the Taliban government" gives only
    "government" (after, distance 1).

    Parameters
    ----------
    texts : str, list of str or Series
        Texts; ``doc`` is the Series index label, else the position.
    actor_patterns : dict or DataFrame
        ``{actor: [alias, ...]}`` or a table with columns ``actor, alias`` (one row per alias). A str
        alias is a **literal** (whitespace matches any whitespace); pass a compiled :mod:`re` pattern
        in the dict, or add a boolean ``regex`` column to the table, for a regular expression (a table
        regex is compiled case-insensitive; a compiled pattern keeps its own flags). Aliases written
        in capitals with at most three letters ("US", "UN", "IS", "WHO") match case-sensitively so
        that "us", "is" and "who" are not mentions (turn off with ``acronyms_case_sensitive=False``).
    groups : sequence, optional
        Group label per text (e.g. outlet); the ``group`` column is None without it.
    window : int, default 2
        Words considered on each side.
    stop_words : set of str
        Lowercase words to drop (note: scikit-learn's list contains some content words, e.g. "fire",
        "system", "serious"; pass your own set if they matter).
    acronyms_case_sensitive : bool, default True

    Returns
    -------
    DataFrame
        ``group, doc, actor, mention, start, end, side ('before'|'after'), distance, word, word_start,
        word_end`` with ``text[start:end] == mention``; ``word`` is lowercased and
        ``text[word_start:word_end]`` is its original spelling. Mentions of one actor never overlap;
        different actors may share a span.

    Examples
    --------
    >>> t = word_choice(["Taliban militants seized power", "the US-led mission"],
    ...                 {"Taliban": ["Taliban"], "US": ["US", "United States"]}, window=1)
    >>> t[["doc", "actor", "mention", "start", "end", "side", "word"]]
       doc    actor  mention  start  end   side       word
    0    0  Taliban  Taliban      0    7  after  militants
    1    1       US   US-led      4   10  after    mission
    """
    window = _check_positive_int(window, "window")
    labels, items = _labelled(texts)
    items = _as_texts(items, "texts")
    if groups is None:
        group_of = [None] * len(items)
    else:
        group_of = list(groups.to_numpy() if isinstance(groups, pd.Series) else groups)
        if len(group_of) != len(items):
            raise ValueError(f"word_choice: {len(group_of)} group labels for {len(items)} texts")
    aliases = _actor_aliases(actor_patterns)
    compiled = {actor: [(rx, _anchor(a, rx)) for a in al for rx in (_alias_regex(a, acronyms_case_sensitive),)]
                for actor, al in aliases.items()}
    stop = frozenset(w.lower() for w in (stop_words or ()))
    rows = []
    side_order = {"before": 0, "after": 1}
    for label, group, text in zip(labels, group_of, items):
        words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
        starts = [s for s, _ in words]
        ends = [e for _, e in words]
        doc_rows = []
        low = lower_for_ignorecase(text)
        for actor_pos, (actor, entries) in enumerate(compiled.items()):
            # search only aliases whose longest word occurs: the same matches, most of the scans skipped
            regexes = [rx for rx, anchor in entries
                       if anchor is None or (anchor[0] in text if anchor[1] else low is None or anchor[0] in low)]
            for ms, me in _mentions(text, regexes):
                # words touched by the match: end > ms and start < me; widen the mention over them
                first = bisect.bisect_right(ends, ms)
                last = bisect.bisect_left(starts, me) - 1
                if first <= last:
                    ms, me = min(ms, starts[first]), max(me, ends[last])
                mention = text[ms:me]
                for side, seq, edge in (
                    ("before", range(first - 1, max(-1, first - 1 - window), -1), ms),
                    ("after", range(last + 1, min(len(words), last + 1 + window)), me),
                ):
                    prev = edge
                    for distance, k in enumerate(seq, start=1):
                        ws, we = words[k]
                        gap = text[we:prev] if side == "before" else text[prev:ws]
                        if _CLAUSE_BREAK_RE.search(gap):
                            break
                        prev = ws if side == "before" else we
                        word = text[ws:we].lower()
                        if word in stop or not _HAS_LETTER_RE.search(word):
                            continue
                        doc_rows.append(((ms, actor_pos, side_order[side], distance),
                                         (group, label, actor, mention, ms, me, side, distance, word, ws, we)))
        doc_rows.sort(key=lambda r: r[0])
        rows.extend(r for _, r in doc_rows)
    return pd.DataFrame(
        rows,
        columns=["group", "doc", "actor", "mention", "start", "end", "side", "distance", "word",
                 "word_start", "word_end"],
    )


def word_choice_counts(
    table: pd.DataFrame,
    by="group",
    side: str | None = None,
    max_distance: int | None = None,
) -> pd.DataFrame:
    """Count the words of a :func:`word_choice` table per group, actor and side, with shares.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`word_choice` (needs ``actor, side, word``, ``distance`` when
        ``max_distance`` is given, and the ``by`` column(s)).
    by : str, list of str or None, default "group"
        Grouping column(s); ``None`` pools all groups.
    side : {"before", "after"}, optional
        Keep only one side (default both, as separate rows).
    max_distance : int, optional
        Keep only words at most this many words from the mention (1 = adjacent only).

    Returns
    -------
    DataFrame
        ``*by, actor, side, word, n, share`` where ``share`` is ``n`` over all words of the same
        group, actor and side (it sums to 1 within each). Sorted by group, actor, side, then ``n``
        descending and word. Missing group labels are kept as their own group.

    Examples
    --------
    >>> t = word_choice(["Taliban militants", "Taliban fighters", "Taliban militants"],
    ...                 {"Taliban": ["Taliban"]}, groups=["X", "X", "Y"], window=1)
    >>> word_choice_counts(t)
      group    actor   side       word  n  share
    0     X  Taliban  after   fighters  1    0.5
    1     X  Taliban  after  militants  1    0.5
    2     Y  Taliban  after  militants  1    1.0
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    needed = keys + ["actor", "side", "word"] + (["distance"] if max_distance is not None else [])
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"word_choice_counts: table must be a DataFrame, got {type(table).__name__}")
    for col in needed:
        if col not in table.columns:
            raise ValueError(f"word_choice_counts: column {col!r} not found (columns: {list(table.columns)})")
    if side is not None and side not in ("before", "after"):
        raise ValueError(f"side must be 'before', 'after' or None, got {side!r}")
    t = table
    if side is not None:
        t = t[t["side"] == side]
    if max_distance is not None:
        t = t[t["distance"] <= max_distance]
    cols = keys + ["actor", "side", "word"]
    if len(t) == 0:
        return pd.DataFrame(columns=cols + ["n", "share"])
    counts = t.groupby(cols, dropna=False, sort=False).size().rename("n").reset_index()
    totals = counts.groupby(keys + ["actor", "side"], dropna=False, sort=False)["n"].transform("sum")
    counts["share"] = counts["n"] / totals
    counts["_side"] = counts["side"].map({"before": 0, "after": 1})
    counts["_neg"] = -counts["n"]
    sort_cols = keys + ["actor", "_side", "_neg", "word"]
    counts = counts.sort_values(sort_cols, kind="stable", na_position="last", ignore_index=True)
    return counts.drop(columns=["_side", "_neg"])


# --------------------------------------------------------------------------------------------------
# 6. over time
# --------------------------------------------------------------------------------------------------
#: Spans of dates up to this many days get weekly bins by default in :func:`over_time`; longer spans
#: get monthly bins (about six months: a weekly series stays under ~27 points, a monthly one starts
#: at six).
WEEKLY_MAX_DAYS = 183
#: Spans longer than this many days (three years) get quarterly bins, and longer than ten years
#: yearly ones, so that a default series stays under ~40 points and its bins hold documents.
MONTHLY_MAX_DAYS = 1096
_QUARTERLY_MAX_DAYS = 3653

_ALL_DOCUMENTS = "All documents"


def local_dates(values) -> pd.Series:
    """Publication dates as naive timestamps in each value's own local time; NaT where unparseable.

    Datetimes, ``datetime.date`` objects and strings in any common format are accepted.  A
    time-zone-aware value keeps its wall-clock time (``2024-03-01T23:30-05:00`` is 1 March, the
    day the outlet printed, not 2 March in UTC); values with different offsets, and aware values
    mixed with naive ones, are fine.  Anything else becomes ``NaT``.

    Parameters
    ----------
    values : Series or sequence

    Returns
    -------
    Series of datetime64, same index as ``values`` (a RangeIndex for a plain sequence).

    Examples
    --------
    >>> local_dates(["2024-03-01T23:30:00-05:00", "2024-03-02 08:00+09:00", "n/a"]).dt.day.tolist()
    [1.0, 2.0, nan]
    """
    raw = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if pd.api.types.is_datetime64_any_dtype(raw):
        return raw.dt.tz_localize(None) if getattr(raw.dt, "tz", None) is not None else raw
    as_text = raw.map(lambda v: v.isoformat() if hasattr(v, "isoformat") else v)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            dates = pd.to_datetime(as_text, errors="coerce", format="mixed")
        except (ValueError, TypeError):  # offsets differ between rows: one value at a time
            dates = pd.to_datetime(as_text.map(_one_local_date), errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates


def _one_local_date(value):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT
    return ts.tz_localize(None) if ts is not pd.NaT and ts.tzinfo is not None else ts


def _parse_dates(documents: pd.DataFrame, date_col: str, what: str, table: str = "documents") -> pd.Series:
    """``date_col`` as naive timestamps (:func:`local_dates`); NaT where unparseable."""
    if not isinstance(documents, pd.DataFrame):
        raise TypeError(f"{what}: {table} must be a pandas DataFrame, got {type(documents).__name__}")
    if date_col not in documents.columns:
        raise ValueError(f"{what}: column {date_col!r} not found in {table} (columns: {list(documents.columns)})")
    raw = documents[date_col]
    dates = local_dates(raw)
    if len(documents) and dates.isna().all():
        example = next((v for v in raw if not (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)))),
                       None)
        hint = f" (e.g. {example!r})" if example is not None else " (every value is missing)"
        raise ValueError(f"{what}: column {date_col!r} has no parseable dates{hint}")
    return dates


def _choose_freq(dates: pd.Series, freq, what: str) -> str:
    if freq is None:
        span = (dates.max() - dates.min()).days if len(dates) else 0
        if span <= WEEKLY_MAX_DAYS:
            return "W"
        return "M" if span <= MONTHLY_MAX_DAYS else "Q" if span <= _QUARTERLY_MAX_DAYS else "Y"
    if not isinstance(freq, str):
        raise ValueError(f"{what}: freq must be a pandas period alias such as 'W' or 'M', or None; got {freq!r}")
    try:
        pd.Period("2000-01-01", freq=freq)
    except (ValueError, TypeError):
        raise ValueError(f"{what}: freq {freq!r} is not a pandas period alias (e.g. 'D', 'W', 'M', 'Q', 'Y')") from None
    return freq


def _dated(documents: pd.DataFrame, date_col: str, freq, what: str, table: str = "documents"):
    """Rows of ``documents`` with a parseable date, their bin start (``_period``) and the freq used."""
    dates = _parse_dates(documents, date_col, what, table)
    missing = int(dates.isna().sum())
    if missing:
        warnings.warn(f"{what}: {missing} of {len(documents)} rows of {table} have no parseable {date_col!r} "
                      "and are left out", UserWarning, stacklevel=3)
    keep = dates.notna().to_numpy()
    out = documents.loc[keep].copy()
    freq = _choose_freq(dates[keep], freq, what)
    out["_period"] = dates[keep].dt.to_period(freq).dt.start_time.to_numpy()
    return out, freq


def _group_labels(frame: pd.DataFrame, by, what: str) -> list[str]:
    if by is None:
        return [_ALL_DOCUMENTS] * len(frame)
    if by not in frame.columns:
        raise ValueError(f"{what}: column {by!r} not found in documents (columns: {list(frame.columns)})")
    return ["(missing)" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(v)
            for v in frame[by]]


def over_time(
    documents: pd.DataFrame,
    metrics,
    date_col: str = "date",
    by: str | None = None,
    freq: str | None = None,
    n_boot: int = 1000,
    seed: int | None = 0,
    min_docs: int = 1,
    *,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Per-period mean of document metrics, per group, with a percentile bootstrap interval.

    Documents are binned by ``date_col`` into periods (weeks or months), then each (group, period,
    metric) cell is estimated as in :func:`group_rates`: the mean of the documents' values (or a
    :class:`Ratio` of sums) with a bootstrap over documents.

    Parameters
    ----------
    documents : DataFrame
        One row per document: ``date_col``, the metric columns and ``by``.
    metrics : str, Ratio or list of them
        Column(s) to follow over time (e.g. ``"own_framing_rate"``, ``"compound_mean"``).
    date_col : str, default "date"
        Dates: datetimes, ``datetime.date`` objects or strings in any common format
        (:func:`local_dates`: time-zone-aware values keep their local wall-clock time).  Rows whose date cannot be parsed are left out and
        counted in a :class:`UserWarning`.
    by : str, optional
        Group column (e.g. ``"outlet"``); None puts every document in one group, ``"All documents"``.
        A missing group label reads ``"(missing)"``.
    freq : str, optional
        A pandas period alias (``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``).  Default: weekly
        (``"W"``, weeks starting on Monday) when the dated documents span at most
        :data:`WEEKLY_MAX_DAYS` (183) days, monthly (``"M"``) up to :data:`MONTHLY_MAX_DAYS`
        (three years), quarterly (``"Q"``) up to ten years, yearly beyond.
    n_boot : int, default 1000
    seed : int or None, default 0
        Each (group, period, metric) cell gets its own generator from ``(seed, group, period,
        metric)``, so a cell's interval does not change when other cells are added.
    min_docs : int, default 1
        Cells resting on fewer documents with a value are left out.
    ci : float, default 0.95

    Returns
    -------
    DataFrame
        ``period`` (Timestamp, start of the bin), ``group`` (str), ``metric``, ``mean``,
        ``ci_low``, ``ci_high``, ``n_docs``; sorted by metric (in the order given), group and period.
        Periods without documents have no row.  With ``n_docs == 1`` there is no interval:
        ``ci_low`` and ``ci_high`` are NaN.

    Raises
    ------
    ValueError
        ``date_col`` missing or without a single parseable date, a missing or non-numeric metric
        column, a bad ``freq``.

    Examples
    --------
    >>> docs = pd.DataFrame({"date": ["2024-01-01", "2024-01-02", "2024-01-09", None],
    ...                      "rate": [2.0, 4.0, 5.0, 1.0]})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     t = over_time(docs, "rate", n_boot=200)
    >>> t[["period", "group", "mean", "n_docs"]]
          period          group  mean  n_docs
    0 2024-01-01  All documents   3.0       2
    1 2024-01-08  All documents   5.0       1
    >>> bool(t["ci_low"].isna().iloc[1])
    True
    """
    what = "over_time"
    specs = _metric_specs(metrics)
    n_boot = _check_positive_int(n_boot, "n_boot")
    min_docs = _check_positive_int(min_docs, "min_docs")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci!r}")
    columns = ["period", "group", "metric", "mean", "ci_low", "ci_high", "n_docs"]
    if isinstance(documents, pd.DataFrame) and len(documents) == 0:
        return pd.DataFrame(columns=columns)
    _check_frame(documents, [c for s in specs for c in _spec_columns(s)] + ([by] if by else []) + [date_col], what)
    dated, _ = _dated(documents, date_col, freq, what)
    dated["_group"] = _group_labels(dated, by, what)
    tail = (1 - ci) / 2
    rows = []
    keys = dated.groupby(["_group", "_period"], sort=True).indices
    for spec in specs:
        arrays = _spec_values(dated, spec, what)
        name = _spec_label(spec)
        for (group, period), pos in keys.items():
            values, _ = _valid(arrays, np.asarray(pos))
            n = len(values[0])
            if n < min_docs or n == 0:
                continue
            est, lo, hi = _point(spec, values), math.nan, math.nan
            if n > 1:
                boots = _bootstrap(_rng(seed, (group, period.isoformat(), name)), spec, values, n_boot)
                boots = boots[np.isfinite(boots)]
                if len(boots):
                    lo, hi = (float(v) for v in np.quantile(boots, [tail, 1 - tail]))
            rows.append((pd.Timestamp(period), group, name, est, lo, hi, n))
    out = pd.DataFrame(rows, columns=columns)
    out["n_docs"] = out["n_docs"].astype(np.int64)
    return out


def camp_shares_over_time(
    sources: pd.DataFrame,
    documents: pd.DataFrame,
    date_col: str = "date",
    by: str | None = None,
    freq: str | None = None,
) -> pd.DataFrame:
    """Per-period share of attributed words (quoted or paraphrased) by speaker camp, per group.

    Parameters
    ----------
    sources : DataFrame
        ``CorpusAnalysis.sources``: ``doc_id``, ``camp`` (missing camp counted as ``"unknown"``)
        and ``n_words``.
    documents : DataFrame
        ``doc_id``, ``date_col`` and ``by``: gives each source its document's date and group.
    date_col, by, freq
        As in :func:`over_time` (the bin width is chosen from the span of the documents' dates).

    Returns
    -------
    DataFrame
        ``period, group, camp, n_words, share``: ``share`` is the camp's part of the words
        attributed in that group and period (shares of a period and group sum to 1).  Sources of
        undated documents are left out (counted in a :class:`UserWarning`).

    Raises
    ------
    ValueError
        A missing column, or ``date_col`` without a single parseable date.

    Examples
    --------
    >>> src = pd.DataFrame({"doc_id": ["a", "a", "b"], "camp": ["west", None, "russia"],
    ...                     "n_words": [30, 10, 40]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2024-01-01", "2024-01-03"]})
    >>> camp_shares_over_time(src, docs)
          period          group     camp  n_words  share
    0 2024-01-01  All documents   russia       40  0.500
    1 2024-01-01  All documents     west       30  0.375
    2 2024-01-01  All documents  unknown       10  0.125
    """
    what = "camp_shares_over_time"
    columns = ["period", "group", "camp", "n_words", "share"]
    if not isinstance(sources, pd.DataFrame):
        raise TypeError(f"{what}: sources must be a pandas DataFrame, got {type(sources).__name__}")
    for col in ("doc_id", "camp", "n_words"):
        if col not in sources.columns:
            raise ValueError(f"{what}: column {col!r} not found in sources (columns: {list(sources.columns)})")
    if not isinstance(documents, pd.DataFrame):
        raise TypeError(f"{what}: documents must be a pandas DataFrame, got {type(documents).__name__}")
    for col in ["doc_id", date_col] + ([by] if by else []):
        if col not in documents.columns:
            raise ValueError(f"{what}: column {col!r} not found in documents (columns: {list(documents.columns)})")
    if len(documents) == 0 or len(sources) == 0:
        return pd.DataFrame(columns=columns)
    dated, _ = _dated(documents.drop_duplicates("doc_id"), date_col, freq, what)
    dated["_group"] = _group_labels(dated, by, what)
    lookup = dated.set_index("doc_id")[["_period", "_group"]]
    s = sources[["doc_id", "camp", "n_words"]].join(lookup, on="doc_id", how="inner")
    s["camp"] = ["unknown" if c is None or c is pd.NA or (isinstance(c, float) and math.isnan(c)) or c == ""
                 else str(c) for c in s["camp"]]
    s["n_words"] = pd.to_numeric(s["n_words"], errors="coerce").fillna(0)
    agg = s.groupby(["_period", "_group", "camp"], as_index=False)["n_words"].sum()
    total = agg.groupby(["_period", "_group"])["n_words"].transform("sum")
    agg["share"] = np.where(total > 0, agg["n_words"] / total.where(total > 0, 1), np.nan)
    agg = agg.rename(columns={"_period": "period", "_group": "group"})
    agg["n_words"] = agg["n_words"].astype(np.int64)
    agg["_unknown"] = agg["camp"] == "unknown"
    agg = agg.sort_values(["period", "group", "_unknown", "n_words", "camp"],
                          ascending=[True, True, True, False, True], kind="stable", ignore_index=True)
    return agg[columns]
