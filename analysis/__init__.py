"""Media-bias and framing analysis of news text.

Read a text once into a :class:`analysis.document.Document` with a voice map (narrator, paraphrase,
quoted, scare quote, caption), then score loaded framing language, sentence sentiment and attribution
balance, all as tidy pandas tables whose rows carry ``start``/``end`` offsets into the original text.
What every output column means, with formulas and references, is in ``docs/methods.md``.

Modules
-------
* :mod:`analysis.pipeline` -- :func:`analyze_text` and :func:`analyze`: one pass, tidy tables;
* :mod:`analysis.corpus` -- :func:`load_corpus`: folders of articles, CSV, JSONL, Parquet;
* :mod:`analysis.document` -- :func:`parse`: paragraphs, sentences, tokens, captions, the voice map;
* :mod:`analysis.quotes` -- direct, indirect and scare quotes, reporting cues, speakers (re-exported from
  :mod:`analysis.attribution`);
* :mod:`analysis.actors` -- the actor, alias and camp table;
* :mod:`analysis.lexicon` -- framing lexicons: load, validate, merge, match;
* :mod:`analysis.framing` -- loaded-language hits and rates by voice and category;
* :mod:`analysis.sentiment` -- VADER-exact sentence sentiment, aggregation, target sentiment;
* :mod:`analysis.attribution` -- the attribution stages (quote marks, cues, speakers, named rules) and the
  sources table and balance metrics;
* :mod:`analysis.compare` -- outlet comparison: bootstrap CIs, permutation tests, Fightin' Words;
* :mod:`analysis.highlight` -- HTML view of a document with hits, quotes and speakers;
* :mod:`analysis.plots` -- seaborn figures over the tables;
* :mod:`analysis.labels` -- human names of the codes (voices, camps, categories, metrics) for charts and tables;
* :mod:`analysis.sklearn` -- scikit-learn transformers;
* :mod:`analysis.dask` -- the same tables on a dask DataFrame;
* :mod:`analysis.datasets` -- readers for public annotated data sets;
* :mod:`analysis.validation` -- every accuracy figure as a function;
* :mod:`analysis.coding` -- coding sheets for human coders, inter-coder agreement, the tool's accuracy on your corpus;
* :mod:`analysis.report` -- run the notebook suite and write HTML reports;
* :mod:`analysis.escaping` -- the one helper that escapes text written into HTML or Markdown;
* :mod:`analysis.cli` -- ``python -m analysis score``, ``report``, ``sample`` and ``agreement``.

Examples
--------
>>> import analysis
>>> res = analysis.analyze_text("Officials said the talks went well.")
>>> res.summary["n_words"]
6
"""
from __future__ import annotations

import importlib

from ._version import __version__
from .corpus import CorpusError, iter_corpus, load_corpus
from .document import Document, parse
from .highlight import highlight  # eager: the function must win over the submodule of the same name

__all__ = [
    "__version__",
    "CorpusError",
    "Document",
    "parse",
    "load_corpus",
    "iter_corpus",
    "analyze_text",
    "analyze",
    "analyze_record",
    "read_tables",
    "highlight",
    "Lexicon",
    "ActorTable",
    "DocumentAnalysis",
    "CorpusAnalysis",
]

_LAZY = {
    "analyze_text": ("pipeline", "analyze_text"),
    "analyze": ("pipeline", "analyze"),
    "analyze_record": ("pipeline", "analyze_record"),
    "read_tables": ("pipeline", "read_tables"),
    "DocumentAnalysis": ("pipeline", "DocumentAnalysis"),
    "CorpusAnalysis": ("pipeline", "CorpusAnalysis"),
    "Lexicon": ("lexicon", "Lexicon"),
    "ActorTable": ("actors", "ActorTable"),
}
_SUBMODULES = {
    "document", "corpus", "quotes", "actors", "lexicon", "framing", "sentiment", "attribution",
    "compare", "datasets", "pipeline", "plots", "highlight", "cli", "dask", "sklearn",
    "validation", "report", "escaping", "coding", "labels",
}


def __getattr__(name: str):
    """Import heavy submodules on first use, so ``import analysis`` stays quick."""
    if name in _LAZY:
        mod, attr = _LAZY[name]
        value = getattr(importlib.import_module(f".{mod}", __name__), attr)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)
