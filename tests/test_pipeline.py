"""analyze_text / analyze: one pass, the contract's tables and columns, the seed article end to end."""
from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis.corpus import load_corpus, read_article

from conftest import ROOT, SEED_PATH


@pytest.fixture(scope="module")
def seed():
    art = read_article(SEED_PATH)
    return analysis.analyze_text(art["text"], captions=[art["caption"]], doc_id=art["doc_id"])


@pytest.fixture(scope="module")
def corpus_result():
    return analysis.analyze(load_corpus(ROOT / "corpus"), progress=False)


def test_contract_columns(seed):
    assert list(seed.voices.columns[:4]) == ["start", "end", "voice", "speaker"]
    assert list(seed.sentences.columns[:4]) == ["sent_id", "start", "end", "text"]
    for c in ["voice", "neg", "neu", "pos", "compound"]:
        assert c in seed.sentences.columns
    assert list(seed.quotes.columns[:12]) == [
        "quote_id", "kind", "start", "end", "text", "speaker", "speaker_start", "speaker_end",
        "cue", "cue_class", "camp", "vague"]
    for c in ["start", "end", "match", "term", "category", "voice", "speaker"]:
        assert c in seed.hits.columns
    assert list(seed.sources.columns[:6]) == ["speaker", "camp", "n_quotes", "n_words", "share", "vague"]
    assert isinstance(seed.summary, pd.Series)


def test_offsets_are_exact(seed):
    text = seed.text
    for table in (seed.sentences, seed.quotes, seed.voices):
        for s, e, t in zip(table["start"], table["end"], table["text"]):
            assert text[s:e] == t
    for s, e, m in zip(seed.hits["start"], seed.hits["end"], seed.hits["match"]):
        assert text[s:e] == m
    v = seed.voices
    assert v["start"].iloc[0] == 0 and v["end"].iloc[-1] == len(text)
    assert (v["start"].iloc[1:].to_numpy() == v["end"].iloc[:-1].to_numpy()).all()


def test_seed_framing_by_voice(seed):
    wot = seed.hits[seed.hits["match"].str.lower() == "war of terror"].iloc[0]
    assert wot["voice"] == "scare_quote" and pd.isna(wot["speaker"])
    cw = seed.hits[seed.hits["match"].str.lower() == "collective west"].iloc[0]
    assert cw["voice"] == "quoted" and cw["speaker"] == "Sergey Lavrov"
    occ = seed.hits[seed.hits["match"].str.contains("occupation", case=False)].iloc[0]
    assert occ["voice"] == "paraphrase" and occ["speaker"] == "Sergey Lavrov"
    caption_end = seed.text.index("Russian Foreign Minister")
    assert (seed.hits.loc[seed.hits["start"] < caption_end, "voice"] == "caption").all()


def test_seed_summary_metrics(seed):
    s = seed.summary
    assert s["status"] == "ok"
    assert s["words_caption"] > 10
    assert s["n_body_words"] == s["n_words"] - s["words_caption"]
    assert 0 < s["own_framing_rate"] and 0 < s["source_framing_rate"]
    assert s["n_quotes"] >= 8
    assert s["camp_evenness"] < 0.5
    assert -1 <= s["compound_mean"] <= 1
    assert s["analysis_version"] == analysis.__version__ and len(s["lexicon_hash"]) >= 8
    top = seed.sources.sort_values("share", ascending=False).iloc[0]
    assert top["speaker"] == "Sergey Lavrov" and top["share"] >= 0.8


def test_sentence_voice_and_sentiment(seed):
    sents = seed.sentences
    assert sents.loc[0, "voice"] == "caption"
    q = sents[sents["text"].str.startswith('"The \'collective West\'')].iloc[0]
    assert q["voice"] == "quoted" and q["speaker"] == "Sergey Lavrov"
    from analysis.sentiment import polarity_scores

    assert q["compound"] == polarity_scores(q["text"])["compound"]


def test_corpus_tables_and_statuses(corpus_result):
    r = corpus_result
    n = len(load_corpus(ROOT / "corpus"))
    assert len(r.documents) == n and (r.documents["status"] == "ok").all()
    for name in ["sentences", "quotes", "hits", "sources"]:
        t = getattr(r, name)
        assert t.columns[0] == "doc_id" and set(t["doc_id"]) <= set(r.documents["doc_id"])
    assert r.documents["outlet"].nunique() == n


def test_parallel_equals_serial(corpus_result):
    par = analysis.analyze(load_corpus(ROOT / "corpus"), progress=False, n_jobs=2, chunksize=2)
    for name, t in corpus_result.tables().items():
        pd.testing.assert_frame_equal(getattr(par, name), t, check_dtype=False)


def test_bad_rows_recorded_not_lost():
    r = analysis.analyze(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["The regime fell.", None, float("nan")]}),
                         progress=False)
    assert r.documents["status"].tolist() == ["ok", "empty", "empty"]
    with pytest.raises(ValueError, match="no 'text' column"):
        analysis.analyze(pd.DataFrame({"body": ["x"]}), progress=False)


def test_order_independence(corpus_result):
    df = load_corpus(ROOT / "corpus")
    rev = analysis.analyze(df.iloc[::-1], progress=False)
    a = corpus_result.documents.set_index("doc_id").sort_index()
    b = rev.documents.set_index("doc_id").sort_index()
    num = a.select_dtypes("number").columns
    pd.testing.assert_frame_equal(a[num], b[num])


def test_every_corpus_table_records_the_resources_that_made_it():
    corpus = analysis.load_corpus(ROOT / "corpus").head(3)
    default = analysis.analyze(corpus, progress=False)
    study = analysis.ActorTable.default().merge(analysis.ActorTable.from_csv(ROOT / "corpus" / "actors.csv"))
    merged = analysis.analyze(corpus, actors=study, progress=False)
    keys = ["analysis_version", "lexicon_hash", "actors_hash", "cues_hash"]
    for name, table in default.tables().items():
        assert len(table) and table[keys].nunique().eq(1).all(), name
    d, m = default.documents[keys].iloc[0], merged.documents[keys].iloc[0]
    assert d["analysis_version"] == analysis.__version__
    assert d["lexicon_hash"] == m["lexicon_hash"] and d["cues_hash"] == m["cues_hash"]
    assert d["actors_hash"] != m["actors_hash"] == study.hash


_DOC_TABLES = ("voices", "sentences", "quotes", "hits", "sources", "targets", "summary")


def test_tables_are_built_on_first_access_only():
    art = read_article(SEED_PATH)
    a = analysis.analyze_text(art["text"], captions=[art["caption"]], doc_id=art["doc_id"])
    assert not any(name in vars(a) for name in _DOC_TABLES)  # nothing built yet
    quotes = a.quotes
    assert [name for name in _DOC_TABLES if name in vars(a)] == ["quotes"]
    assert a.quotes is quotes  # built once, then kept
    assert "quotes=14" in repr(a) and "summary" not in vars(a)  # repr reads the metrics, builds nothing


def test_lazy_tables_equal_the_corpus_rows_and_survive_pickling(seed):
    import pickle

    art = read_article(SEED_PATH)
    fresh = analysis.analyze_text(art["text"], captions=[art["caption"]], doc_id=art["doc_id"])
    fresh.hits  # one table built before pickling, the others after
    clone = pickle.loads(pickle.dumps(fresh))
    corpus = analysis.analyze(pd.DataFrame({"doc_id": [art["doc_id"]], "text": [art["text"]],
                                            "caption": [art["caption"]]}), progress=False)
    for name in ("sentences", "quotes", "hits", "sources", "targets"):
        pd.testing.assert_frame_equal(getattr(clone, name), getattr(seed, name))
        pd.testing.assert_frame_equal(
            corpus.tables()[name].drop(columns=["doc_id", "analysis_version", "lexicon_hash", "actors_hash",
                                                "cues_hash"]), getattr(seed, name))
    pd.testing.assert_series_equal(clone.summary, seed.summary)
    assert clone.highlight() == seed.highlight()


def test_a_table_can_be_replaced_by_assignment(seed):
    import copy

    a = copy.copy(seed)
    a.hits = a.hits[a.hits["voice"] == "quoted"]
    assert set(a.hits["voice"]) <= {"quoted"} and len(a.hits) < len(seed.hits)


def test_document_analysis_from_tables_keeps_working(seed):
    made = analysis.pipeline.DocumentAnalysis(
        seed.document, seed.voices, seed.sentences, seed.quotes, seed.hits, seed.sources, seed.targets,
        seed.summary, doc_id="x")
    assert made.hits is seed.hits and made.text == seed.text
    with pytest.raises(TypeError, match="needs the tables .*records="):
        analysis.pipeline.DocumentAnalysis(seed.document, doc_id="x")


def test_documents_are_analysed_with_the_garbage_collector_paused_and_restored(monkeypatch):
    import gc

    from analysis import pipeline

    seen = []
    real_parse = pipeline.parse

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(pipeline, "parse", spy)
    short = "Officials said the talks went well. " * 10
    long = short * 200
    assert gc.isenabled()
    a = analysis.analyze_text(long)
    assert seen == [False] and gc.isenabled()  # paused for the document, back on afterwards
    analysis.analyze_text(short)
    assert seen == [False, False] and gc.isenabled()  # short documents too: the collector runs between documents
    gc.disable()
    try:
        analysis.analyze_text(long)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()
    monkeypatch.setattr(pipeline, "GC_PAUSE_CHARS", 10**9)
    b = analysis.analyze_text(long)
    for name in ("sentences", "quotes", "hits", "sources"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_a_name_with_a_generational_suffix_is_someone_else():
    text = ("Donald Trump Jr. praised the plan. Trump Jr.'s tweet drew replies; Donald Trump, Jr. said more. "
            "George Bush Sr. stayed away. Donald Trump said nothing.")
    a = analysis.analyze_text(text)
    assert a.targets["mention"].tolist() == ["Donald Trump"]
    assert a.targets["start"].tolist() == [text.rindex("Donald Trump")]
    from analysis.actors import ActorTable

    table = ActorTable.from_frame(pd.DataFrame({"alias": ["J\\. Smith"], "pattern_type": ["regex"], "actor": ["John Smith"],
                                                "camp": ["west"], "kind": ["person"], "source": ["test"]}))
    assert [m[2] for m in table.matches("J. Smith III spoke. J. Smith spoke. J. Smithson spoke.")] == ["John Smith"]


def test_find_quotes_on_a_long_document_pauses_the_garbage_collector(monkeypatch):
    # the quote stage called on its own (bench_scaling, or a researcher's loop) pauses it too
    import gc

    from analysis._gc import GC_PAUSE_CHARS
    from analysis.attribution import finder
    from analysis.document import parse as parse_doc

    seen = []
    real_run = finder._run

    def spy(ctx):
        seen.append(gc.isenabled())
        return real_run(ctx)

    monkeypatch.setattr(finder, "_run", spy)
    short = 'Officials said the talks went well. "We agree," Smith said. '
    long_doc = parse_doc(short * (GC_PAUSE_CHARS // len(short) + 1), quotes=False)
    short_doc = parse_doc(short, quotes=False)
    assert gc.isenabled()
    quotes = finder.find_quotes(long_doc)
    assert seen == [False] and gc.isenabled()
    finder.find_quotes(short_doc)
    assert seen == [False, True]
    assert len(quotes) == len(finder.find_quotes(short_doc)) * (GC_PAUSE_CHARS // len(short) + 1)


def test_shared_speaker_words_and_voice_counts_give_the_same_balance(seed):
    """The pipeline hands balance_metrics and source_rows what it computed once; the same values as on their own."""
    from analysis.attribution import balance_metrics, source_rows
    from analysis.attribution.balance import _speaker_words

    doc = seed.document
    words = _speaker_words(doc)
    alone = balance_metrics(doc)
    shared = balance_metrics(doc, words=words, voice_counts=doc.voice_word_counts())
    assert alone.keys() == shared.keys()
    assert all(alone[k] == shared[k] or (alone[k] != alone[k] and shared[k] != shared[k]) for k in alone)
    assert source_rows(doc, words=words) == source_rows(doc)
    assert alone["n_quotes"] > 0 and len(source_rows(doc)) > 1  # the seed article has sources to count
