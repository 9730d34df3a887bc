"""scikit-learn transformers over the scorers, for pipelines next to ``TfidfVectorizer``.

* :class:`FramingVectorizer` – loaded-language rates per lexicon category (all voices, or the
  outlet's own voices only), per 1,000 words;
* :class:`AnalysisFeatures` – document metrics from the full pass (attribution balance, voice
  shares, VADER sentiment, framing rates): any numeric column of ``DocumentAnalysis.summary``.

Both are stateless (``fit`` only validates and records the feature names), take an iterable of raw
texts, follow scikit-learn's conventions (parameters stored unchanged in ``__init__``,
``get_feature_names_out``, ``set_output(transform="pandas")``) and plug into ``Pipeline`` and
``FeatureUnion``/``ColumnTransformer``.

Examples
--------
>>> from sklearn.pipeline import FeatureUnion
>>> from sklearn.feature_extraction.text import TfidfVectorizer
>>> union = FeatureUnion([("tfidf", TfidfVectorizer()), ("framing", FramingVectorizer())])
>>> X = union.fit_transform(["The regime's puppet militants struck.", "The government met."])
>>> X.shape[0]
2
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

__all__ = ["FramingVectorizer", "AnalysisFeatures", "DEFAULT_SUMMARY_FEATURES"]

#: Default columns of :class:`AnalysisFeatures`.
DEFAULT_SUMMARY_FEATURES = (
    "framing_rate", "own_framing_rate", "source_framing_rate", "weighted_framing_rate",
    "attributed_share", "share_quoted", "share_paraphrase", "share_scare_quote", "n_quotes",
    "n_scare", "evaluative_cue_share", "compound_mean", "share_positive", "share_negative",
)


def _as_texts(X) -> list[str]:
    if isinstance(X, str):
        raise ValueError("expected an iterable of texts, got a single string; wrap it in a list")
    if hasattr(X, "columns") and getattr(X, "ndim", 1) == 2:
        if X.shape[1] != 1:
            raise ValueError(f"expected one text column, got {X.shape[1]} columns")
        X = X.iloc[:, 0]
    out = []
    for i, t in enumerate(X):
        if t is None or (isinstance(t, float) and t != t):
            out.append("")
        elif not isinstance(t, str):
            raise ValueError(f"row {i}: expected a str, got {type(t).__name__}")
        else:
            out.append(t)
    return out


class FramingVectorizer(TransformerMixin, BaseEstimator):
    """Loaded-language rates per category, per 1,000 words.

    Parameters
    ----------
    lexicon : Lexicon, optional
        Framing lexicon (default: the shipped one).
    voices : {"all", "own", "both"}, default "both"
        ``"all"``: hits in every voice but captions; ``"own"``: only the outlet's own voices
        (narrator, scare quotes, paraphrase); ``"both"``: both sets of columns.
    totals : bool, default True
        Add the overall rate columns (``framing_rate``, ``own_framing_rate``).
    parse_quotes : bool, default True
        Find quotes to split voices.  ``False`` is faster and treats all text as narration
        (then ``own`` equals ``all``).

    Examples
    --------
    >>> v = FramingVectorizer(voices="all").fit(["x"])
    >>> X = v.transform(["The regime fell.", "Talks went well."])
    >>> names = list(v.get_feature_names_out())
    >>> float(X[0, names.index("framing_rate")]) > 0, float(X[1, names.index("framing_rate")])
    (True, 0.0)
    """

    def __init__(self, lexicon=None, voices: str = "both", totals: bool = True, parse_quotes: bool = True):
        self.lexicon = lexicon
        self.voices = voices
        self.totals = totals
        self.parse_quotes = parse_quotes

    def _lex(self):
        from .lexicon import Lexicon

        return Lexicon.default() if self.lexicon is None else self.lexicon

    def fit(self, X=None, y=None):
        """Check the parameters and record the feature names (nothing is learned from ``X``)."""
        if self.voices not in ("all", "own", "both"):
            raise ValueError(f"voices must be 'all', 'own' or 'both', got {self.voices!r}")
        cats = self._lex().categories["category"].tolist()
        names: list[str] = []
        if self.voices in ("all", "both"):
            names += (["framing_rate"] if self.totals else []) + [f"rate_{c}" for c in cats]
        if self.voices in ("own", "both"):
            names += (["own_framing_rate"] if self.totals else []) + [f"own_rate_{c}" for c in cats]
        self.categories_ = cats
        self.feature_names_ = names
        self.n_features_in_ = 1
        return self

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns, in order."""
        if not hasattr(self, "feature_names_"):
            self.fit()
        return np.asarray(self.feature_names_, dtype=object)

    def transform(self, X) -> np.ndarray:
        """Rates for each text of ``X`` (one row per text; an undefined rate is 0)."""
        from .document import parse
        from .framing import find_hits, framing_rates

        if not hasattr(self, "feature_names_"):
            self.fit()
        lex = self._lex()
        rows = []
        for text in _as_texts(X):
            doc = parse(text, quotes=self.parse_quotes)
            r = framing_rates(doc, find_hits(doc, lex), self.categories_)
            rows.append([r[n] for n in self.feature_names_])
        out = np.asarray(rows, dtype=float).reshape(len(rows), len(self.feature_names_))
        return np.nan_to_num(out, nan=0.0)


class AnalysisFeatures(TransformerMixin, BaseEstimator):
    """Numeric document metrics from the full pass (quotes, attribution, sentiment, framing).

    Parameters
    ----------
    features : sequence of str, optional
        Columns of ``DocumentAnalysis.summary`` to output (default
        :data:`DEFAULT_SUMMARY_FEATURES`).
    lexicon, actors : optional
        Passed to :func:`analysis.analyze_text`.
    fill_value : float, default 0.0
        Value for undefined metrics (e.g. a share with no attributed words).

    Examples
    --------
    >>> f = AnalysisFeatures(features=["n_quotes", "compound_mean"]).fit(["x"])
    >>> f.transform(['"We won," she said.']).shape
    (1, 2)
    """

    def __init__(self, features: Sequence[str] | None = None, lexicon=None, actors=None, fill_value: float = 0.0):
        self.features = features
        self.lexicon = lexicon
        self.actors = actors
        self.fill_value = fill_value

    def fit(self, X=None, y=None):
        """Record the feature names (nothing is learned from ``X``)."""
        self.feature_names_ = list(self.features) if self.features is not None else list(DEFAULT_SUMMARY_FEATURES)
        self.n_features_in_ = 1
        return self

    def get_feature_names_out(self, input_features=None):
        """Names of the output columns, in order."""
        if not hasattr(self, "feature_names_"):
            self.fit()
        return np.asarray(self.feature_names_, dtype=object)

    def transform(self, X) -> np.ndarray:
        """The metrics for each text of ``X`` (one row per text; undefined metrics are ``fill_value``)."""
        from .pipeline import analyze_text

        if not hasattr(self, "feature_names_"):
            self.fit()
        rows = []
        for i, text in enumerate(_as_texts(X)):
            s = analyze_text(text, lexicon=self.lexicon, actors=self.actors).summary
            missing = [f for f in self.feature_names_ if f not in s.index]
            if missing:
                raise ValueError(f"unknown feature(s) {missing}; see DocumentAnalysis.summary for the available metrics")
            rows.append([float(s[f]) if s[f] is not None else np.nan for f in self.feature_names_])
        out = np.asarray(rows, dtype=float).reshape(len(rows), len(self.feature_names_))
        return np.where(np.isfinite(out), out, self.fill_value)
