"""Sources table, balance metrics and camp shares; a PolNeAR slice with loose thresholds."""
from __future__ import annotations

import importlib.util
import math
import sys

import pytest

from analysis.attribution import SOURCE_COLUMNS, balance_metrics, camp_shares, sources_table
from analysis.document import parse
from conftest import dataset_dir
from test_quotes import ROOT, seed_text


@pytest.fixture(scope="module")
def seed():
    return parse(seed_text())


def test_seed_lavrov_dominates_and_camps_are_uneven(seed):
    src = sources_table(seed)
    assert list(src.columns) == list(SOURCE_COLUMNS)
    top = src.iloc[0]
    assert (top["speaker"], top["camp"], bool(top["vague"])) == ("Sergey Lavrov", "russia", False)
    assert top["share"] >= 0.8
    assert top["n_direct"] >= 5 and top["n_indirect"] >= 4
    assert "said" in top["cues"] and "urgeing" in top["cues"]
    awa = src[src["speaker"] == "Association of Wartime Allies"].iloc[0]
    assert (awa["camp"], awa["n_quotes"], awa["cues"]) == ("civil_society", 1, "according to")
    assert math.isclose(src["share"].sum(), 1.0)
    m = balance_metrics(seed)
    assert m["top_source"] == "Sergey Lavrov" and m["top_source_share"] >= 0.8
    assert m["camp_evenness"] < 0.3
    assert m["n_camps_heard"] == 2 and m["n_camps_mentioned"] >= 5
    assert m["n_scare"] == 1 and m["n_direct"] >= 5
    assert m["n_sources"] == 2 and m["n_vague_sources"] == 0
    assert 0.4 < m["attributed_share"] < 0.8


def test_seed_voice_shares_sum_to_one(seed):
    m = balance_metrics(seed)
    shares = [m[f"share_{v}"] for v in ("narrator", "paraphrase", "quoted", "scare_quote", "caption")]
    assert math.isclose(sum(shares), 1.0)
    assert m["share_caption"] > 0 and m["share_scare_quote"] > 0
    assert m["attributed_words"] == seed.voice_word_counts()["quoted"] + seed.voice_word_counts()["paraphrase"]


def test_seed_camp_shares_list_camps_talked_about_but_not_heard(seed):
    cs = camp_shares(seed)
    assert cs.iloc[0]["camp"] == "russia" and cs.iloc[0]["share"] > 0.8
    silent = set(cs[(cs["n_words"] == 0) & cs["mentioned"]]["camp"])
    assert {"west", "taliban"} <= silent


def test_vague_sources_are_grouped_by_mention():
    doc = parse("Critics say the plan is flawed. Critics say it costs too much. Three diplomats said it was fine.")
    src = sources_table(doc)
    assert src[["speaker", "n_quotes", "vague"]].values.tolist() == [
        ["critics", 2, True], ["three diplomats", 1, True]]
    assert src["camp"].isna().all()
    m = balance_metrics(doc)
    assert (m["n_sources"], m["n_vague_sources"], m["top_source"]) == (2, 2, "critics")
    assert math.isnan(m["camp_evenness"])  # no camp at stake at all: undefined (0 up to 0.1.0)


def test_unattributed_quote_gets_a_none_row_and_shares_sum_to_one():
    doc = parse('Smith said the vote was rigged.\n\nThe crowd cheered loudly.\n\n'
                '"This is the best day of my whole life, truly the best."')
    src = sources_table(doc)
    assert src["speaker"].iloc[-1] is None or src["speaker"].isna().iloc[-1]
    assert math.isclose(src["share"].sum(), 1.0)


def test_balance_metrics_edge_cases():
    m = balance_metrics(parse("Nothing to see here. The sky is blue."))
    assert (m["n_quotes"], m["attributed_words"]) == (0, 0)
    assert math.isnan(m["camp_evenness"]) and math.isnan(m["top_source_share"])
    assert math.isnan(m["direct_indirect_ratio"]) and math.isnan(m["evaluative_cue_share"])
    assert m["share_narrator"] == 1.0
    m = balance_metrics(parse('"We will win," Trump said. Clinton claimed polls were wrong.'))
    assert m["direct_indirect_ratio"] == 1.0
    assert m["evaluative_cue_share"] == 0.5
    assert math.isclose(m["camp_evenness"], 1.0)
    empty = parse("")
    assert sources_table(empty).empty and balance_metrics(empty)["n_words"] == 0


def test_camp_evenness_is_zero_for_one_camp_and_uses_camps_at_stake():
    doc = parse("Lavrov said NATO must leave. Putin said the same. The Taliban stayed silent.")
    m = balance_metrics(doc)
    assert m["n_camps_heard"] == 1 and m["camp_evenness"] == 0.0
    assert math.isnan(m["camp_evenness_heard"])  # one camp heard: Pielou's evenness is undefined
    doc = parse("Lavrov said NATO must leave. Stoltenberg said NATO would stay. The Taliban said nothing new.")
    m = balance_metrics(doc)
    assert m["n_camps_heard"] == 3
    assert 0.9 < m["camp_evenness"] <= 1.0


def test_camp_evenness_is_nan_when_fewer_than_two_camps_are_at_stake():
    # issue 16: one camp at stake is no imbalance -- NaN, not 0
    m = balance_metrics(parse("Lavrov said the talks had failed. Putin said the same."))
    assert m["n_camps_mentioned"] == 1 and m["attributed_words"] > 0
    assert math.isnan(m["camp_evenness"]) and math.isnan(m["camp_evenness_heard"])


# ---------------------------------------------------------------------------------------------
# PolNeAR slice (loose thresholds; the full figures come from bench/bench_polnear.py)
# ---------------------------------------------------------------------------------------------

def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_polnear", ROOT / "bench" / "bench_polnear.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_polnear", mod)
    spec.loader.exec_module(mod)
    return mod


def test_polnear_dev_slice(datasets_root):
    root = dataset_dir(datasets_root, "polnear")
    bench = _bench_module()
    arts = bench.load_split(root, "dev", limit=20)
    assert len(arts) == 20
    res = bench.evaluate(arts)
    assert res["quoted_n"] > 50
    assert res["quoted_coverage"] >= 0.8
    assert res["quoted_speaker_acc"] >= 0.7
    assert res["unquoted_coverage"] >= 0.3
    assert res["direct_precision"] >= 0.85


def _corpus(texts_by_outlet):
    """A CorpusAnalysis-like namespace built from our own per-document tables."""
    from types import SimpleNamespace

    import pandas as pd

    from analysis.quotes import quotes_frame

    docs, quotes, sources = [], [], []
    for i, (outlet, text) in enumerate(texts_by_outlet):
        doc = parse(text)
        m = balance_metrics(doc)
        vc = doc.voice_word_counts()
        docs.append({"doc_id": f"d{i}", "outlet": outlet, "status": "ok", "words_caption": vc["caption"], **m})
        quotes.append(quotes_frame(doc.quotes).assign(doc_id=f"d{i}"))
        sources.append(sources_table(doc).assign(doc_id=f"d{i}"))
    return SimpleNamespace(documents=pd.DataFrame(docs), quotes=pd.concat(quotes), sources=pd.concat(sources),
                           targets=None)


def test_corpus_balance_and_cue_classes_per_outlet():
    from analysis.attribution import corpus_balance, cue_class_shares

    res = _corpus([("RT", "Lavrov claimed NATO failed. Lavrov said the West lied."),
                   ("RT", "Putin warned that sanctions would fail."),
                   ("Wire", "Blinken said Russia was wrong. Lavrov said it was not.")])
    cb = corpus_balance(res, by="outlet").set_index("outlet")
    assert cb.loc["RT", "n_docs"] == 2 and cb.loc["RT", "n_camps_heard"] == 1
    # no targets table here, so the camps at stake are the camps heard: one for RT -> NaN (0 up to 0.1.0)
    assert math.isnan(cb.loc["RT", "camp_evenness"]) and cb.loc["Wire", "camp_evenness"] > 0.9
    assert cb.loc["RT", "top_source"] == "Sergey Lavrov"
    cc = cue_class_shares(res, by="outlet")
    rt = cc[cc["outlet"] == "RT"].set_index("cue_class")["n"].to_dict()
    assert rt == {"emotive": 1, "evaluative": 1, "neutral": 1}
    assert math.isclose(cc.groupby("outlet")["share"].sum().loc["Wire"], 1.0)
    with pytest.raises(ValueError, match="no column 'party'"):
        corpus_balance(res, by="party")
    # without a group column every document is its own group (a KeyError before)
    per_doc = corpus_balance(res, by="doc_id")
    assert per_doc["doc_id"].tolist() == res.documents["doc_id"].tolist() and per_doc["n_docs"].eq(1).all()
    assert set(cue_class_shares(res, by="doc_id")["doc_id"]) == set(res.documents["doc_id"])
