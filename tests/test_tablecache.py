"""The notebooks' shared analysis (NotebookContext.analyze): computed once, equal to a fresh run, never stale."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import _tablecache, pipeline
from analysis.lexicon import Lexicon
from analysis.report import setup_notebook

from conftest import ROOT


@pytest.fixture()
def ctx(tmp_path):
    return setup_notebook(ROOT / "corpus", tmp_path / "out")


def _no_analysis(*args, **kwargs):
    raise AssertionError("the corpus was analysed again")


def _entries(ctx):
    return sorted(p.name for p in (ctx.output_dir / ".cache").glob("analyze-*"))


def test_second_notebook_reads_the_first_ones_tables_and_they_equal_a_fresh_run(ctx, monkeypatch):
    corpus = ctx.load_corpus()
    first = ctx.analyze(corpus)
    assert len(_entries(ctx)) == 1
    fresh = analysis.analyze(corpus, actors=ctx.actors, progress=False)
    monkeypatch.setattr(pipeline, "analyze", _no_analysis)
    again = ctx.analyze(corpus)
    for name, table in fresh.tables().items():
        pd.testing.assert_frame_equal(getattr(first, name), table)
        pd.testing.assert_frame_equal(getattr(again, name), table)


def test_any_change_to_corpus_lexicon_or_metadata_is_a_new_analysis(ctx):
    corpus = ctx.load_corpus()
    ctx.analyze(corpus)
    edited = corpus.copy()
    edited.loc[edited.index[0], "text"] = edited["text"].iloc[0] + " The regime fell."
    assert ctx.analyze(edited).documents["n_hits"].iloc[0] == ctx.analyze(corpus).documents["n_hits"].iloc[0] + 1
    smaller = Lexicon.default().to_frame().query("category != 'delegitimising'")
    ctx.analyze(corpus, lexicon=Lexicon.from_frame(smaller, name="smaller"))
    ctx.analyze(corpus.assign(outlet=corpus["outlet"].astype(str) + "!"))
    assert len(_entries(ctx)) == _tablecache.KEEP  # four analyses, the oldest pruned


def test_uncacheable_or_damaged_entries_fall_back_to_analysing(ctx):
    corpus = ctx.load_corpus()
    tagged = corpus.assign(tags=[["a", "b"]] * len(corpus))  # lists cannot be hashed: no cache, same result
    assert len(ctx.analyze(tagged).documents) == len(corpus) and _entries(ctx) == []
    first = ctx.analyze(corpus)
    (entry,) = (ctx.output_dir / ".cache").glob("analyze-*")
    (entry / "quotes.parquet").write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(ctx.analyze(corpus).quotes, first.quotes)
    pd.testing.assert_frame_equal(pd.read_parquet(entry / "quotes.parquet"), first.quotes)  # written again


def test_the_notebooks_use_the_shared_analysis():
    for name in ("02_attribution_balance", "03_outlet_comparison", "05_lexicon_workbench", "06_validate_on_your_corpus"):
        source = (ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "ctx.analyze(corpus" in source
        assert "analysis.analyze(corpus" not in source


def test_a_new_version_of_vadersentiment_is_a_new_key(monkeypatch):
    # VADER's lexicon comes from the installed package: an upgrade must not reuse old tables
    from importlib import metadata

    real = metadata.version
    _tablecache.package_fingerprint.cache_clear()
    before = _tablecache.package_fingerprint()
    monkeypatch.setattr(metadata, "version", lambda name: "9.9.9" if name == "vaderSentiment" else real(name))
    _tablecache.package_fingerprint.cache_clear()
    try:
        assert _tablecache.package_fingerprint() != before
    finally:
        monkeypatch.undo()
        _tablecache.package_fingerprint.cache_clear()
    assert _tablecache.package_fingerprint() == before
